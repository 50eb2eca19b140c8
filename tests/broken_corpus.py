"""Generate a corpus of broken data folders: every table and datapackage.json, broken one way each.

Each case starts from the small fixture package (tests/fixtures/mini, with the shipped datapackage.json and one
valid story step added) and breaks one file in one way. The kinds are derived from datapackage.json, so a new
table or column is covered without editing this file: for every table a missing file, an empty file, a
header-only file (where the table may not be empty), UTF-16, Latin-1, invalid UTF-8, a NUL byte and another
control character in a text cell; per column type an impossible date, a month-precision date not on the 1st,
Arabic-Indic digits, an end before its start, an id that does not exist; a 10 MB cell; and the package itself
missing, empty, malformed, or with a bad `created`, `reviewed_through`, `version`, table name or path.

Each case says what the reader must be told: the file, and where there is one the line and the column.
Run as a script to write the corpus to a folder for manual checks:
    python tests/broken_corpus.py /tmp/corpus   (one sub-folder per case, plus cases.json)
"""

from __future__ import annotations

import csv
import functools
import io
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DIR = ROOT / "tests" / "fixtures" / "mini"
PACKAGE_PATH = ROOT / "data" / "datapackage.json"
PACKAGE_FILE = "datapackage.json"
MAY_BE_EMPTY = ("standings", "standing_links", "story_steps")  # as supplychain.data.validate says
BIG = 10 * 1024 * 1024  # an oversized cell: 10 MB
# One valid story step, so the story's own checks (lanes, map preset, from/to) have a row to break.
STORY_STEP = {
    "step_id": "h20_cut_off",
    "position": "1",
    "heading": "The H20 is cut off",
    "text": "The US required a licence.",
    "visual": "timeline",
    "page": "timeline",
    "from": "2024-11-01",
    "to": "2025-12-31",
    "lanes": "us",
}


@dataclass(frozen=True)
class Broken:
    """One broken folder: how to break it, and what the problems list must name."""

    name: str
    breaks: Callable[[Path], None]
    file: str
    line: int | None = None  # the file line the problem names (None: the file as a whole)
    column: str | None = None


@functools.cache
def _package_text() -> str:
    return PACKAGE_PATH.read_text(encoding="utf-8")


def _package() -> dict:
    return json.loads(_package_text())  # a fresh copy: cases edit it


def _fields(table: str) -> list[dict]:
    return next(r for r in _package()["resources"] if r["name"] == table)["schema"]["fields"]


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def base_folder(target: Path) -> Path:
    """A valid package to break: the fixture tables, the shipped datapackage.json and one story step."""
    target.mkdir(parents=True, exist_ok=True)
    for path in FIXTURE_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    shutil.copy(PACKAGE_PATH, target / PACKAGE_FILE)
    header, _ = _rows(target / "story_steps.csv")
    _write_rows(target / "story_steps.csv", header, [dict.fromkeys(header, "") | STORY_STEP])
    return target


def _set_cell(table: str, column: str, value: str, row: int = 0) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        path = folder / f"{table}.csv"
        header, rows = _rows(path)
        rows[row][column] = value
        _write_rows(path, header, rows)

    return breaks


def _bytes(table: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        path = folder / table
        path.write_bytes(change(path.read_bytes()))

    return breaks


def _edit_package(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        package = _package()
        change(package)
        (folder / PACKAGE_FILE).write_text(json.dumps(package, indent=2), encoding="utf-8")

    return breaks


def _resource(package: dict, table: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == table)


def _text_column(table: str, rows: list[dict[str, str]]) -> str | None:
    """A free-text column whose first cell holds text (where a stray byte can sit without breaking a key)."""
    for f in _fields(table):
        constraints = f.get("constraints", {})
        free = f.get("type", "string") == "string" and "enum" not in constraints and "pattern" not in constraints
        if free and f.get("format") != "uri" and rows[0].get(f["name"]):
            return f["name"]
    return None


def _cases_for_table(table: str) -> list[Broken]:
    file = f"{table}.csv"
    header, rows = _rows(FIXTURE_DIR / file)
    if table == "story_steps":
        rows = [dict.fromkeys(header, "") | STORY_STEP]
    cases = [
        Broken(f"{table}_missing", lambda d, f=file: (d / f).unlink(), file),
        Broken(f"{table}_empty", _bytes(file, lambda b: b""), file, 1),
        Broken(f"{table}_utf16", _bytes(file, lambda b: b.decode("utf-8").encode("utf-16")), file),
        Broken(f"{table}_utf16_no_bom", _bytes(file, lambda b: b.decode("utf-8").encode("utf-16-le")), file),
        Broken(f"{table}_header_garbage", _bytes(file, lambda b: b"\xc3\x28" + b), file, 1),
    ]
    if table not in MAY_BE_EMPTY:
        cases.append(Broken(f"{table}_header_only", _bytes(file, lambda b: b.split(b"\n", 1)[0] + b"\n"), file, 2))
    if not rows:  # an empty table (standings in the fixture): only the file-level breaks apply
        return cases
    text = _text_column(table, rows)
    if text:
        value = rows[0][text]
        cases += [
            Broken(f"{table}_latin1", _set_cell_bytes(table, text, value, "é", "latin-1"), file, 2),
            Broken(f"{table}_invalid_utf8", _set_cell_bytes(table, text, value, "\udcff", "raw"), file, 2),
            Broken(f"{table}_nul", _set_cell(table, text, value + "\x00"), file, 2, text),
            Broken(f"{table}_control", _set_cell(table, text, "\x1b[31m" + value), file, 2, text),
        ]
        # A blank row before the broken one: the problem still names the line the row is on.
        cases.append(
            Broken(f"{table}_nul_after_blank_row", _after_blank_row(table, text, value + "\x00"), file, 3, text)
        )
    for f in _fields(table):
        name, kind = f["name"], f.get("type", "string")
        if kind == "date" and rows[0].get(name):
            cases.append(Broken(f"{table}_{name}_impossible_date", _set_cell(table, name, "2026-02-30"), file, 2, name))
            if f.get("precisionField"):
                cases.append(
                    Broken(
                        f"{table}_{name}_month_not_on_1st",
                        _both(_set_cell(table, f["precisionField"], "month"), _set_cell(table, name, "2025-04-15")),
                        file,
                        2,
                        name,
                    )
                )
            if f.get("onOrAfter") and rows[0].get(f["onOrAfter"]):
                cases.append(
                    Broken(f"{table}_{name}_before_start", _set_cell(table, name, "1901-01-01"), file, 2, name)
                )
        if kind in ("number", "integer") and rows[0].get(name):
            cases.append(Broken(f"{table}_{name}_arabic_digits", _set_cell(table, name, "٣٤"), file, 2, name))
    fks = next(r for r in _package()["resources"] if r["name"] == table)["schema"].get("foreignKeys", [])
    for fk in fks[:1]:
        column = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        if rows and rows[0].get(column):
            cases.append(
                Broken(f"{table}_{column}_unknown_id", _set_cell(table, column, "no_such_id"), file, 2, column)
            )
    return cases


def _set_cell_bytes(table: str, column: str, old: str, new: str, encoding: str) -> Callable[[Path], None]:
    """Put `new` after the cell's text, written in another encoding (Latin-1) or as a byte invalid in UTF-8."""

    def breaks(folder: Path) -> None:
        path = folder / f"{table}.csv"
        data = path.read_bytes()
        marker = old.encode("utf-8")
        added = b"\xff" if encoding == "raw" else new.encode(encoding)
        path.write_bytes(data.replace(marker, marker + added, 1))

    return breaks


def _after_blank_row(table: str, column: str, value: str) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        _set_cell(table, column, value)(folder)
        path = folder / f"{table}.csv"
        head, rest = path.read_text(encoding="utf-8").split("\n", 1)
        path.write_text(head + "\n\n" + rest, encoding="utf-8")

    return breaks


def _both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        for step in steps:
            step(folder)

    return breaks


def _package_cases() -> list[Broken]:
    def drop(key: str) -> Callable[[dict], None]:
        return lambda p: p.pop(key)

    def put(key: str, value: object) -> Callable[[dict], None]:
        return lambda p: p.update({key: value})

    def rename_table(name: str) -> Callable[[dict], None]:
        return lambda p: _resource(p, "lanes").update(name=name, path=f"{name}.csv")

    f = PACKAGE_FILE
    return [
        Broken("package_missing", lambda d: (d / f).unlink(), f),
        Broken("package_empty", _bytes(f, lambda b: b""), f),
        Broken("package_malformed_json", _bytes(f, lambda b: b[: len(b) // 2]), f),
        Broken("package_utf16", _bytes(f, lambda b: b.decode("utf-8").encode("utf-16")), f),
        Broken("package_latin1", _bytes(f, lambda b: b.replace(b'"title": "', b'"title": "\xe9', 1)), f),
        Broken("package_not_an_object", _bytes(f, lambda b: b"[1, 2, 3]"), f),
        Broken("package_created_impossible", _edit_package(put("created", "2026-02-30T00:00:00Z")), f, None, "created"),
        Broken("package_created_missing", _edit_package(drop("created")), f, None, "created"),
        Broken("package_created_not_text", _edit_package(put("created", 20261128)), f, None, "created"),
        Broken(
            "package_reviewed_impossible",
            _edit_package(put("reviewed_through", "2026-02-30")),
            f,
            None,
            "reviewed_through",
        ),
        Broken("package_reviewed_garbage", _edit_package(put("reviewed_through", "soon")), f, None, "reviewed_through"),
        Broken("package_version_missing", _edit_package(drop("version")), f, None, "version"),
        Broken("package_version_garbage", _edit_package(put("version", "1.0'); DROP")), f, None, "version"),
        Broken("package_table_name_dotdot", _edit_package(rename_table("../tests/conftest")), f),
        Broken("package_table_name_slash", _edit_package(rename_table("sub/lanes")), f),
        Broken(
            "package_table_path_outside",
            _edit_package(lambda p: _resource(p, "lanes").update(path="../lanes.csv")),
            f,
            None,
            "lanes",
        ),
        Broken("package_resources_not_list", _edit_package(put("resources", {"a": 1})), f),
    ]


def _story_cases() -> list[Broken]:
    file = "story_steps.csv"
    return [
        Broken("story_steps_unknown_lane", _set_cell("story_steps", "lanes", "us,atlantis"), file, 2, "lanes"),
        Broken("story_steps_unknown_region", _set_cell("story_steps", "region", "atlantis"), file, 2, "region"),
        Broken("story_steps_to_before_from", _set_cell("story_steps", "to", "2024-01-01"), file, 2, "to"),
        Broken("story_steps_unknown_claim", _set_cell("story_steps", "claim_id", "no_such_claim"), file, 2, "claim_id"),
        Broken("story_steps_impossible_asof", _set_cell("story_steps", "asof", "2026-02-30"), file, 2, "asof"),
    ]


def _oversized_cases() -> list[Broken]:
    return [
        Broken("companies_10mb_cell", _set_cell("companies", "note", "A" * BIG), "companies.csv", 2, "note"),
        Broken("events_10mb_cell", _set_cell("events", "description", "B" * BIG), "events.csv", 2, "description"),
    ]


def corpus() -> list[Broken]:
    """Every case, in a stable order; names are unique."""
    tables = [r["name"] for r in _package()["resources"]]
    cases = [c for table in tables for c in _cases_for_table(table)]
    return cases + _story_cases() + _oversized_cases() + _package_cases()


def kind_of(case: Broken) -> str:
    """The kind of break, without the table: `models_nul` and `events_nul` are both `nul`."""
    for prefix in sorted([r["name"] for r in _package()["resources"]] + ["package"], key=len, reverse=True):
        if case.name.startswith(prefix + "_"):
            rest = case.name[len(prefix) + 1 :]
            for f in _fields(prefix) if prefix != "package" else []:
                if rest.startswith(f["name"] + "_"):
                    return rest[len(f["name"]) + 1 :]
            return rest
    return case.name


def write_corpus(target: Path) -> list[Broken]:
    """One folder per case under `target`, plus cases.json saying what each must be named by."""
    cases = corpus()
    for case in cases:
        case.breaks(base_folder(target / case.name))
    index = [{"name": c.name, "file": c.file, "line": c.line, "column": c.column} for c in cases]
    (target / "cases.json").write_text(json.dumps(index, indent=2), encoding="utf-8")
    return cases


if __name__ == "__main__":
    written = write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "broken_corpus"))
    print(f"{len(written)} broken folders, {len({kind_of(c) for c in written})} kinds")
