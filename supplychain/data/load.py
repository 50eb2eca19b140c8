"""Read the CSVs into typed pandas frames, with the types taken from datapackage.json."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from supplychain.data.coverage import reach_of
from supplychain.data.geography import check_coordinates
from supplychain.data.problems import LoadWarning, Problem, cut, problem, warning
from supplychain.data.schema import PACKAGE_FILE, fields, primary_key, read_package, table_names
from supplychain.data.validate import (
    FALSE_VALUES,
    MAY_BE_EMPTY,
    TRUE_VALUES,
    VERSION,
    check_cross_table,
    check_package_description,
    check_package_metadata,
    check_references,
    check_table,
    is_real_day,
)
from supplychain.i18n import N_

# A check over the typed tables that returns problems (the rules layer passes its own in; see load_dataset).
TableCheck = Callable[[dict[str, pd.DataFrame]], list[Problem]]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
# The csv module refuses a cell over 128 KB with an error that names no cell; reading up to this size lets the
# checks name the row and column of an oversized cell (validate.MAX_CELL_CHARS) instead.
FIELD_LIMIT = 64 * 1024 * 1024


@dataclass
class Dataset:
    """All tables, the package description, and the problems found while loading.

    When `problems` is not empty, `tables` is empty: the app shows the problems, never half the data.
    """

    package: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)  # what was tolerated; shown, never blocking
    fingerprint: str = ""  # the data files' fingerprint when this load started; derived caches key by it

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def version(self) -> str:
        """The package's version; "" when it is not a version number (a problem then, never echoed as Markdown)."""
        version = self.package.get("version", "")
        return version if isinstance(version, str) and VERSION.fullmatch(version) else ""

    @property
    def as_of(self) -> str:
        """The date the data is as of (YYYY-MM-DD), from the package's `created` stamp; "" when it is not a real
        day (the load then lists it as a problem, and the footer drawn under that list must not crash on it)."""
        day = str(self.package.get("created", ""))[:10]
        return day if is_real_day(day) else ""

    @property
    def reviewed_through(self) -> str:
        """The record's reach (YYYY-MM-DD): the earliest topic date of data/coverage.csv (rules/coverage.py).

        Later than the report, earlier than the build date: events after it may exist but are not in the record.
        Kept under its old name for callers; the rule is data/coverage.py `reach_of` (rules/coverage.py words it).
        """
        return reach_of(self.tables) if self.tables else ""


def fingerprint(data_dir: Path) -> str:
    """A hash of every data file's name, size and mtime: changes when any file is edited.

    Taken once when a load starts and kept on the Dataset; every derived cache is keyed by it, so
    a file saved during a load can never pair new tables with old derived data (or the reverse).
    """
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


@dataclass
class ParsedTable:
    """One CSV read as text cells: the schema's columns (index = data row - 1), or None when unreadable."""

    frame: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[LoadWarning] = field(default_factory=list)


def _decode(data: bytes, file: str) -> tuple[str | None, list[Problem], list[LoadWarning]]:
    """Bytes to text: UTF-8, a BOM tolerated (Excel's 'CSV UTF-8'), anything else refused with the line."""
    warnings: list[LoadWarning] = []
    head = data[:400]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) >= 4 and head.count(b"\x00") * 3 >= len(head)):
        # UTF-16 (with or without its byte-order mark): every other byte of Latin text is a NUL.
        utf16 = N_("UTF-8 text (this file is UTF-16: save it as 'CSV UTF-8')")
        return None, [problem(file, None, None, None, utf16)], []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append(warning(file, None, N_("starts with a byte-order mark (as Excel saves 'CSV UTF-8'); ignored")))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[max(0, exc.start - 20) : exc.start + 20].decode("utf-8", errors="replace")
        expected = N_("UTF-8 text (saved in another encoding, such as Windows-1252: save it as 'CSV UTF-8')")
        return None, [problem(file, line, None, bad, expected)], []
    if "\r\n" in text:
        warnings.append(warning(file, None, N_("Windows line ends (CRLF); read as ordinary line ends")))
    elif "\r" in text:
        warnings.append(warning(file, None, N_("old Mac line ends (CR); read as ordinary line ends")))
    return text, [], warnings


def parse_csv(data: bytes, file: str, table_fields: list[dict[str, Any]]) -> ParsedTable:
    """The app's one CSV parser: validation and loading both read what this returns.

    Tolerated with a warning (nothing can state a wrong fact): a BOM, CRLF, blank rows, a helper
    column the schema does not know, an empty unnamed column. Refused with a problem: another encoding
    or separator, a missing or duplicated column, a renamed column, a row with more or fewer cells than
    the header, broken quoting. The frame's index is each row's file line - 2, so every problem names
    the line the row starts on, after blank rows and multi-line cells too.
    """
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))  # so check_table can name an oversized cell
    text, problems, warnings = _decode(data, file)
    if text is None:
        return ParsedTable(None, problems, warnings)
    known = [f["name"] for f in table_fields]
    records: list[list[str]] = []
    starts: list[int] = []  # the file line each record starts on: a quoted cell may span lines
    # Universal line ends: a CRLF or CR inside a quoted cell reads as "\n" too, as the CRLF/CR note says, so a file
    # saved again on another system gives the same cells.
    reader = csv.reader(io.StringIO(text, newline=None), strict=True)
    end = 0  # the last line read so far
    try:
        for record in reader:
            records.append(record)
            starts.append(end + 1)
            end = reader.line_num
    except csv.Error as exc:
        line = reader.line_num or None
        unreadable = problem(file, line, None, None, N_("a readable CSV file ({error})"), error=exc)
        return ParsedTable(None, [unreadable], warnings)
    if not records or not any(records[0]):
        no_header = problem(file, 1, None, None, N_("a header row naming the columns on line 1"))
        return ParsedTable(None, [no_header], warnings)
    header = records[0]
    if len(header) == 1 and len(known) > 1:
        separator = next((s for s in (";", "\t", "|") if s in header[0]), None)
        if separator:
            expected = (
                N_("columns separated by commas (this header uses tabs: save it as 'CSV UTF-8 (comma delimited)')")
                if separator == "\t"
                else N_(
                    "columns separated by commas (this header uses '{separator}': save it as 'CSV UTF-8 (comma "
                    "delimited)')"
                )
            )
            return ParsedTable(None, [problem(file, 1, None, header[0], expected, separator=separator)], warnings)
    if any("\x00" in h for h in header):
        header = [h.replace("\x00", "") for h in header]
        warnings.append(warning(file, None, N_("a NUL byte in the header was removed")))
    width = len(header)
    rows: list[list[str]] = []
    index: list[int] = []
    blank = 0
    for line, cells in zip(starts[1:], records[1:]):
        if not any(cells):
            blank += 1
            continue
        if len(cells) > width and not any(cells[width:]):
            cells = cells[:width]  # trailing empty cells of a row (a spreadsheet's stray formatting)
        if len(cells) != width:
            problems.append(
                problem(
                    file,
                    line,
                    None,
                    cut(",".join(cells), 60),
                    N_("{width} cells like the header, not {cells}"),
                    width=width,
                    cells=len(cells),
                )
            )
            continue
        rows.append(cells)
        index.append(line - 2)  # problems name `index + 2`: the line the row starts on, after blank rows too
    if blank:
        warnings.append(warning(file, None, N_("blank rows skipped: {n}"), n=blank))
    frame = pd.DataFrame(rows, columns=range(width), index=index, dtype=object)
    if not rows:
        frame = pd.DataFrame({i: pd.Series(dtype=object) for i in range(width)})
    counts: dict[str, int] = {}
    for name in header:
        counts[name] = counts.get(name, 0) + 1
    missing = [name for name in known if name not in counts]
    for position, name in enumerate(header):
        if name == "":
            if (frame[position] != "").any():
                problems.append(
                    problem(
                        file,
                        1,
                        None,
                        None,
                        N_("a header for every column that holds values (column {position} has none)"),
                        position=position + 1,
                    )
                )
            else:
                what = N_("an empty column with no header (column {position}); ignored")
                warnings.append(warning(file, None, what, position=position + 1))
        elif counts[name] > 1 and position == header.index(name):
            once = N_("this column once (the header has it {n} times)")
            problems.append(problem(file, 1, name, None, once, n=counts[name]))
        elif name not in known and counts[name] == 1:
            if missing:
                problems.append(
                    problem(
                        file,
                        1,
                        name,
                        None,
                        N_("a column named in datapackage.json (missing: {missing})"),
                        missing=", ".join(missing),
                    )
                )
            else:
                warnings.append(warning(file, name, N_("a column datapackage.json does not describe; ignored")))
    for name in missing:
        problems.append(problem(file, 1, name, None, N_("this column in the header (see datapackage.json)")))
    if problems:
        return ParsedTable(None, problems, warnings)
    frame = frame[[header.index(name) for name in known]]
    frame.columns = known
    return ParsedTable(frame, problems, warnings)  # a NUL or other control character in a cell: check_table


def _typed(frame: pd.DataFrame, table_fields: list[dict[str, Any]]) -> pd.DataFrame:
    """Convert checked text cells to the schema's types (the same rules validate.check_table applied).

    Works on whole columns (an empty cell becomes a missing value), so typing stays linear and cheap.
    """
    truth = {**dict.fromkeys(TRUE_VALUES, True), **dict.fromkeys(FALSE_VALUES, False)}
    columns: dict[str, Any] = {}
    for f in table_fields:
        values = frame[f["name"]].to_numpy(dtype=object)
        empty = values == ""
        kind = f.get("type", "string")
        if kind == "date":
            columns[f["name"]] = pd.to_datetime(pd.Series(np.where(empty, None, values)), format="%Y-%m-%d")
        elif kind in ("number", "integer"):
            numbers = np.where(empty, np.nan, values).astype(float)
            columns[f["name"]] = pd.array(numbers, dtype="Float64" if kind == "number" else "Int64")
        elif kind == "boolean":
            columns[f["name"]] = pd.array([None if e else truth[v] for v, e in zip(values, empty)], dtype="boolean")
        else:
            # pandas-stubs has no overload for an object ndarray with dtype "string" (pandas accepts it).
            columns[f["name"]] = pd.array(np.where(empty, None, values), dtype="string")  # type: ignore[call-overload]
    return pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))


def read_table(data_dir: Path, package: dict[str, Any], table: str) -> pd.DataFrame:
    """Read one CSV through the one parser and type it (for tests and tools; the app uses load_dataset)."""
    parsed = parse_csv((Path(data_dir) / f"{table}.csv").read_bytes(), f"{table}.csv", fields(package, table))
    if parsed.frame is None:
        raise ValueError("; ".join(map(str, parsed.problems)))
    return _typed(parsed.frame, fields(package, table))


def _snapshot(data_dir: Path, names: list[str]) -> dict[str, bytes | None]:
    """The bytes of every table file, read once: the checks and the typed tables come from these same bytes."""
    out: dict[str, bytes | None] = {}
    for name in names:
        try:
            out[name] = (data_dir / f"{name}.csv").read_bytes()
        except OSError:
            out[name] = None
    return out


def _load(data_dir: Path, stamp: str, checks: Sequence[TableCheck] = ()) -> Dataset:
    try:
        package = read_package(data_dir)
    except FileNotFoundError:
        return Dataset(
            {},
            problems=[problem(PACKAGE_FILE, None, None, None, N_("the file {path}"), path=data_dir / PACKAGE_FILE)],
            fingerprint=stamp,
        )
    except (ValueError, UnicodeDecodeError) as exc:
        return Dataset(
            {},
            problems=[problem(PACKAGE_FILE, None, None, None, N_("valid JSON ({error})"), error=exc)],
            fingerprint=stamp,
        )
    problems = check_package_description(package)
    if isinstance(package, dict):
        problems = check_package_metadata(package) + problems
    if problems:
        return Dataset(package if isinstance(package, dict) else {}, problems=problems, fingerprint=stamp)
    warnings: list[LoadWarning] = []
    texts: dict[str, pd.DataFrame] = {}
    for name, data in _snapshot(data_dir, table_names(package)).items():
        file = f"{name}.csv"
        if data is None:
            problems.append(
                problem(
                    file,
                    None,
                    None,
                    None,
                    N_("the file {path} in the data folder (datapackage.json lists it)"),
                    path=file,
                )
            )
            continue
        parsed = parse_csv(data, file, fields(package, name))
        problems += parsed.problems
        warnings += parsed.warnings
        if parsed.frame is not None:
            texts[name] = parsed.frame
            if parsed.frame.empty and name not in MAY_BE_EMPTY:
                problems.append(problem(file, 2, None, None, N_("at least one data row under the header")))
            problems += check_table(name, parsed.frame, fields(package, name), primary_key(package, name))
    if problems:
        return Dataset(package, problems=problems, warnings=warnings, fingerprint=stamp)
    problems = check_references(texts, package)
    if problems:
        return Dataset(package, problems=problems, warnings=warnings, fingerprint=stamp)
    typed = {name: _typed(frame, fields(package, name)).set_axis(frame.index) for name, frame in texts.items()}
    problems = check_cross_table(typed, package)
    for check in checks:  # checks of the rules layer (story steps name lanes and map presets), passed in by the app
        problems += check(typed)
    problems += check_coordinates(typed)  # data/geography.py: every point inside its country (geopandas)
    if problems:
        return Dataset(package, problems=problems, warnings=warnings, fingerprint=stamp)
    tables = {name: frame.reset_index(drop=True) for name, frame in typed.items()}
    return Dataset(package, tables=tables, warnings=warnings, fingerprint=stamp)


def load_dataset(data_dir: Path = DATA_DIR, *, stamp: str | None = None, checks: Sequence[TableCheck] = ()) -> Dataset:
    """Check the package and every table, then type them. Never raises for bad data: returns problems.

    `stamp` is the fingerprint taken when the load started (cache.get_dataset passes the one it keys by).
    `checks` are cross-table checks from the rules layer (story steps against lanes and map presets), passed in by
    the app so that the data layer never imports the rules.
    """
    data_dir = Path(data_dir)
    stamp = stamp if stamp is not None else fingerprint(data_dir)
    try:
        return _load(data_dir, stamp, checks)
    except Exception as exc:  # a file shape no rule foresaw must still give the problems list, not a traceback
        return Dataset(
            {},
            problems=[
                problem("(data folder)", None, None, None, N_("files the checks can read ({error})"), error=repr(exc))
            ],
            fingerprint=stamp,
        )
