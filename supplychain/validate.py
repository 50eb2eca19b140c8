"""Checks on the data files: Frictionless's own checks plus the cross-table rules it cannot express.

Each problem names file, row, column, the value found and what was expected, so a curator can
fix the CSV without reading a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from supplychain.schema import ENTITY_TABLES, KIND_TABLES, PACKAGE_FILE, primary_key


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data. `line` is the file line (the header is line 1)."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", row {self.line - 1} (line {self.line})"
        if self.column:
            where += f", column '{self.column}'"
        found = f": found {self.value!r}" if self.value not in (None, "") else ""
        return f"{where}{found}; expected {self.expected}"


def _expected_from_error(error: Any) -> str:
    """Turn a Frictionless error into a plain 'expected ...' phrase."""
    kind = error.type
    note = getattr(error, "note", "") or ""
    if kind == "type-error":
        wanted = note.replace('type is "', "").rstrip('"').replace("/default", "")
        hints = {
            "date": "a date written YYYY-MM-DD",
            "string/uri": "a full web address (https://...)",
            "number": "a number",
            "integer": "a whole number",
            "boolean": "true or false",
        }
        return hints.get(wanted, f"a value of type {wanted}")
    if kind == "constraint-error":
        if note.startswith('constraint "required"'):
            return "a value (this column is required)"
        if note.startswith('constraint "enum"'):
            return "one of " + note.split(" is ", 1)[1].strip('"')
        if note.startswith('constraint "pattern"'):
            return "text matching " + note.split(" is ", 1)[1]
        if note.startswith(('constraint "minimum"', 'constraint "maximum"')):
            return "a value within range (" + note.replace('constraint "', "").replace('" is "', " ").rstrip('"') + ")"
        return note
    if kind in ("primary-key", "unique-error"):
        return "a unique id (" + note + ")"
    if kind == "foreign-key":
        return "an id that exists (" + note.replace('lookup table ""', "same table") + ")"
    if kind == "missing-label":
        return "this column in the header (see datapackage.json)"
    if kind == "extra-label":
        return "no extra column (not in datapackage.json)"
    if kind == "incorrect-label":
        return "the header in the order datapackage.json lists the columns"
    if kind == "blank-row":
        return "no blank rows"
    if kind in ("missing-cell", "extra-cell"):
        return "as many cells as header columns"
    return getattr(error, "message", str(error))


def check_package(data_dir: Path) -> list[Problem]:
    """Validate every table against datapackage.json with Frictionless (types, constraints, keys)."""
    from frictionless import Package  # imported here: it is slow to import and only needed on (re)load

    data_dir = Path(data_dir)
    if not (data_dir / PACKAGE_FILE).exists():
        return [Problem(PACKAGE_FILE, None, None, None, f"the data package description in {data_dir}")]
    try:
        report = Package(str(data_dir / PACKAGE_FILE)).validate()
    except Exception as exc:  # a malformed datapackage.json must still give a readable message
        return [Problem(PACKAGE_FILE, None, None, None, f"a valid data package ({exc})")]
    problems: list[Problem] = []
    for error in report.errors:
        problems.append(Problem(PACKAGE_FILE, None, None, None, _expected_from_error(error)))
    seen: set[tuple[str, int | None]] = set()
    for task in report.tasks:
        file = Path(task.place).name
        for error in task.errors:
            line = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None) or None
            value = getattr(error, "cell", None)
            if error.type == "foreign-key":
                column = ", ".join(getattr(error, "field_names", []) or []) or None
                value = ", ".join(str(c) for c in getattr(error, "field_cells", []) or []) or None
            if error.type == "missing-label":
                column = getattr(error, "label", None) or column
            if error.type in ("unique-error", "primary-key"):
                # Frictionless reports a duplicate id twice (unique + primary key); say it once.
                if (file, line) in seen:
                    continue
                seen.add((file, line))
            if error.type in ("scheme-error", "format-error", "encoding-error", "source-error"):
                problems.append(Problem(file, None, None, None, f"a readable CSV file ({error.note})"))
                continue
            problems.append(
                Problem(file, line, column, None if value is None else str(value), _expected_from_error(error))
            )
    return problems


def _line(index: int) -> int:
    """File line of a frame row (row 0 sits on line 2, under the header)."""
    return int(index) + 2


def check_cross_table(tables: dict[str, pd.DataFrame], package: dict[str, Any]) -> list[Problem]:
    """Rules Frictionless cannot state: ids unique across entity tables, edge endpoints, date order."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for table in ENTITY_TABLES:
        key = primary_key(package, table)
        for idx, value in tables[table][key].items():
            if value in owner:
                problems.append(
                    Problem(
                        f"{table}.csv",
                        _line(idx),
                        key,
                        value,
                        f"an id not already used in {owner[value]}.csv (ids are shared by /entity links)",
                    )
                )
            else:
                owner[value] = table
    rel = tables["relationships"]
    for idx, row in rel.iterrows():
        for side in ("from", "to"):
            kind, ident = row[f"{side}_kind"], row[f"{side}_id"]
            table = KIND_TABLES[kind]
            key = primary_key(package, table)
            if ident not in set(tables[table][key]):
                hint = f" (it is in {owner[ident]}.csv)" if ident in owner else ""
                problems.append(
                    Problem("relationships.csv", _line(idx), f"{side}_id", ident, f"an id from {table}.csv{hint}")
                )
    date_pairs = {
        "models": [("release_date", "release_precision")],
        "chips": [("announced_date", "announced_precision")],
        "policies": [
            ("announced_date", "announced_precision"),
            ("effective_date", "effective_precision"),
            ("ended_date", "ended_precision"),
        ],
        "relationships": [("start_date", "start_precision"), ("end_date", "end_precision")],
    }
    for table, pairs in date_pairs.items():
        frame = tables[table]
        for idx, row in frame.iterrows():
            for date_col, precision_col in pairs:
                if pd.notna(row[date_col]) and pd.isna(row[precision_col]):
                    problems.append(
                        Problem(
                            f"{table}.csv",
                            _line(idx),
                            precision_col,
                            None,
                            f"day, month or year, saying how much of {date_col} is known",
                        )
                    )
    for idx, row in tables["policies"].iterrows():
        if (
            pd.notna(row["effective_date"])
            and pd.notna(row["ended_date"])
            and row["ended_date"] < row["effective_date"]
        ):
            problems.append(
                Problem(
                    "policies.csv",
                    _line(idx),
                    "ended_date",
                    str(row["ended_date"].date()),
                    "a date on or after effective_date",
                )
            )
    for idx, row in rel.iterrows():
        if pd.notna(row["start_date"]) and pd.notna(row["end_date"]) and row["end_date"] < row["start_date"]:
            problems.append(
                Problem(
                    "relationships.csv",
                    _line(idx),
                    "end_date",
                    str(row["end_date"].date()),
                    "a date on or after start_date",
                )
            )
    return problems
