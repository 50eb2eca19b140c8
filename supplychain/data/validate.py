"""The rules the data must pass, all derived from datapackage.json: the package itself, each table's
types and constraints, keys and references, and the cross-table rules Table Schema cannot state.

Each problem names file, row, column, the value found and what was expected, so a curator can fix
the CSV without reading a traceback. Every rule here is vectorised or a dictionary lookup, so
checking grows linearly with the rows (issue 14: the whole package at 100x checks in well under 2 s).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from supplychain.data.problems import Problem, problem
from supplychain.data.schema import (
    ENTITY_TABLES,
    KIND_TABLES,
    PACKAGE_FILE,
    date_order_rules,
    date_precision_pairs,
    foreign_keys,
    kind_references,
    primary_key,
)
from supplychain.i18n import N_

# Table Schema's defaults for boolean cells; the loader converts with the same lists.
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
READ_TYPES = ("string", "date", "number", "integer", "boolean")
# Dates outside this window are typos ("2205", "0025"), and pandas cannot hold years before 1677.
FIRST_DATE, LAST_DATE = "1900-01-01", "2100-12-31"

# ASCII digits only: Python's \d also matches Arabic-Indic and other digits that no reader of the CSV expects.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_INTEGER = re.compile(r"[+-]?[0-9]+")
# A table's name becomes a file name (name.csv) and a ZIP entry: letters, digits and underscores only.
TABLE_NAME = re.compile(r"[A-Za-z0-9_]+")
VERSION = re.compile(r"[0-9]+(\.[0-9]+){0,2}")
# Control characters no text cell may hold (a line break and a tab may sit inside a quoted cell).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The loader reads whole numbers through a float, which holds each one exactly only up to 2**53: a larger one
# (a paragraph number of 20 digits) is refused with the range it must lie in, never left to crash the typing.
LARGEST_WHOLE = 2**53
MAX_CELL_CHARS = 200_000  # a cell longer than this is a paste gone wrong (the longest shipped cell is ~1,000)
# Tables that may be empty (a package without a story or standings still makes sense); every other table
# needs at least one row: a header-only file is a save gone wrong, and pages read their rows.
MAY_BE_EMPTY = ("standings", "standing_links", "story_steps")
_WEB_ADDRESS = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


def _line(index: Any) -> int:
    """File line of a frame row (row 0 sits on line 2, under the header)."""
    return int(index) + 2


def is_real_day(text: str) -> bool:
    """True for a calendar day written YYYY-MM-DD within FIRST_DATE..LAST_DATE (2026-02-30 is not one)."""
    if not _DATE.fullmatch(text) or not FIRST_DATE <= text <= LAST_DATE:
        return False
    return pd.notna(pd.to_datetime(text, format="%Y-%m-%d", errors="coerce"))


def check_package_metadata(package: dict[str, Any]) -> list[Problem]:
    """The package's own values, checked like any cell: `created` (the data's as-of stamp), `reviewed_through`
    (optional) and `version`; each bad value is a problem naming the property, never a crash on a page."""
    problems: list[Problem] = []
    created = package.get("created")
    day = str(created)[:10] if isinstance(created, str) else ""
    if not isinstance(created, str) or not is_real_day(day) or not re.fullmatch(r"[0-9T:.+\-Z]*", created[10:]):
        problems.append(
            problem(PACKAGE_FILE, None, "created", created, N_("a real date and time such as 2026-11-28T00:00:00Z"))
        )
    reviewed = package.get("reviewed_through")
    if reviewed is not None and not (isinstance(reviewed, str) and is_real_day(reviewed)):
        problems.append(problem(PACKAGE_FILE, None, "reviewed_through", reviewed, N_("a real date written YYYY-MM-DD")))
    version = package.get("version")
    if not isinstance(version, str) or not VERSION.fullmatch(version):
        problems.append(problem(PACKAGE_FILE, None, "version", version, N_("a version number such as 1.0.0")))
    return problems


def check_package_description(package: Any) -> list[Problem]:
    """The description itself: resources, table names and paths, fields, types, keys and the custom properties
    refer to what exists (its own values: check_package_metadata)."""
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list) or not package["resources"]:
        return [problem(PACKAGE_FILE, None, None, None, N_("a data package with a non-empty 'resources' list"))]
    problems: list[Problem] = []
    names: dict[str, set[str]] = {}
    for number, res in enumerate(package["resources"], start=1):
        label = f"resources[{number}]"
        schema = res.get("schema") if isinstance(res, dict) else None
        if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not isinstance(schema, dict):
            problems.append(problem(PACKAGE_FILE, None, label, None, N_("a resource with a name and a schema")))
            continue
        fields_ = schema.get("fields")
        if not isinstance(fields_, list) or not all(isinstance(f, dict) and "name" in f for f in fields_):
            problems.append(problem(PACKAGE_FILE, None, res["name"], None, N_("a schema with a list of named fields")))
            continue
        if not TABLE_NAME.fullmatch(res["name"]):
            problems.append(
                problem(PACKAGE_FILE, None, label, res["name"], N_("a table name of letters, digits and underscores"))
            )
            continue
        if res["name"] in names:
            problems.append(problem(PACKAGE_FILE, None, res["name"], None, N_("each table described once")))
        path = res.get("path", f"{res['name']}.csv")
        if path != f"{res['name']}.csv":
            problems.append(
                problem(PACKAGE_FILE, None, res["name"], path, N_("the path {path}"), path=f"{res['name']}.csv")
            )
        names[res["name"]] = {f["name"] for f in fields_}
        for f in fields_:
            where = f"{res['name']}.{f['name']}"
            if f.get("type", "string") not in READ_TYPES:
                problems.append(
                    problem(
                        PACKAGE_FILE, None, where, f.get("type"), N_("one of {values}"), values=", ".join(READ_TYPES)
                    )
                )
            constraints = f.get("constraints", {})
            if not isinstance(constraints, dict):
                problems.append(problem(PACKAGE_FILE, None, where, None, N_("constraints written as an object")))
                continue
            if "enum" in constraints and not isinstance(constraints["enum"], list):
                problems.append(
                    problem(PACKAGE_FILE, None, where, constraints["enum"], N_("an enum written as a list"))
                )
            if "pattern" in constraints:
                try:
                    re.compile(str(constraints["pattern"]))
                except re.error as exc:
                    problems.append(
                        problem(
                            PACKAGE_FILE,
                            None,
                            where,
                            constraints["pattern"],
                            N_("a valid pattern ({error})"),
                            error=exc,
                        )
                    )
            for bound in ("minimum", "maximum"):
                if bound in constraints and not isinstance(constraints[bound], (int, float)):
                    problems.append(
                        problem(PACKAGE_FILE, None, where, constraints[bound], N_("a number as {bound}"), bound=bound)
                    )
    missing = [t for t in list(ENTITY_TABLES) + ["relationships", "events", "claims", "sources"] if t not in names]
    for table in missing:
        problems.append(
            problem(PACKAGE_FILE, None, table, None, N_("the table '{table}' (the app's pages read it)"), table=table)
        )
    if problems:
        return problems
    for res in package["resources"]:
        table, schema = res["name"], res["schema"]
        own = names[table]
        for key in schema.get("primaryKey", []) or []:
            if key not in own:
                problems.append(
                    problem(PACKAGE_FILE, None, f"{table}.primaryKey", key, N_("a field of the same table"))
                )
        try:
            fks = foreign_keys(package, table)
        except (KeyError, TypeError, IndexError):
            problems.append(problem(PACKAGE_FILE, None, f"{table}.foreignKeys", None, N_("fields and a reference")))
            continue
        for column, ref_table, ref_column in fks:
            if column not in own:
                problems.append(problem(PACKAGE_FILE, None, f"{table}.foreignKeys", column, N_("a field of the table")))
            if ref_column not in names.get(ref_table, set()):
                problems.append(
                    problem(
                        PACKAGE_FILE,
                        None,
                        f"{table}.foreignKeys",
                        f"{ref_table}.{ref_column}",
                        N_("a described table and field"),
                    )
                )
        for f in schema["fields"]:
            for prop in ("precisionField", "onOrAfter", "kindField"):
                if prop in f and f[prop] not in own:
                    problems.append(
                        problem(
                            PACKAGE_FILE,
                            None,
                            f"{table}.{f['name']}",
                            f[prop],
                            N_("{prop} naming a field of {table}"),
                            prop=prop,
                            table=table,
                        )
                    )
    return problems


def _boolean_ok(values: pd.Series) -> pd.Series:
    return values.isin(TRUE_VALUES + FALSE_VALUES)


def _date_ok(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(well-formed calendar dates, within FIRST_DATE..LAST_DATE) for non-empty date cells."""
    shaped = values.str.fullmatch(_DATE.pattern)
    parsed = pd.to_datetime(values.where(shaped), format="%Y-%m-%d", errors="coerce")
    real = parsed.notna()
    in_range = real & (values >= FIRST_DATE) & (values <= LAST_DATE)
    return real, in_range


def _number_ok(values: pd.Series, kind: str) -> pd.Series:
    shaped = values.str.fullmatch((_INTEGER if kind == "integer" else _NUMBER).pattern)
    numbers = pd.to_numeric(values.where(shaped), errors="coerce")
    return shaped & np.isfinite(numbers.astype(float).fillna(np.inf)) if kind == "number" else shaped


def check_table(table: str, frame: pd.DataFrame, table_fields: list[dict[str, Any]], key: str | None) -> list[Problem]:
    """Types and constraints of one table's text cells (frame index = data row - 1), column by column."""
    file = f"{table}.csv"
    problems: list[Problem] = []

    def report(mask: pd.Series, column: str, expected: str, **values: Any) -> None:
        for idx, value in frame.loc[mask[mask].index, column].items():
            problems.append(problem(file, _line(idx), column, value, expected, **values))

    for f in table_fields:
        name = f["name"]
        if name not in frame:
            continue
        column = frame[name]
        constraints = f.get("constraints", {})
        filled = column != ""
        if constraints.get("required") or name == key:
            report(~filled, name, N_("a value (this column is required)"))
        values = column[filled]
        control = values.str.contains(_CONTROL.pattern, regex=True)
        report(control, name, N_("text without control characters (a NUL byte or another invisible code)"))
        long = values.str.len() > MAX_CELL_CHARS
        report(long, name, N_("a value of at most {chars} characters (this one has more)"), chars=MAX_CELL_CHARS)
        values = values[~control & ~long]
        kind = f.get("type", "string")
        good = pd.Series(True, index=values.index)
        if kind == "date":
            real, in_range = _date_ok(values)
            report(~real, name, N_("a date written YYYY-MM-DD"))
            report(real & ~in_range, name, N_("a date between {first} and {last}"), first=FIRST_DATE, last=LAST_DATE)
            good = in_range
        elif kind in ("number", "integer"):
            good = _number_ok(values, kind)
            report(
                ~good, name, N_("a whole number") if kind == "integer" else N_("a number (digits, '.' for decimals)")
            )
        elif kind == "boolean":
            good = _boolean_ok(values)
            report(~good, name, N_("true or false"))
        elif f.get("format") == "uri":
            good = values.str.fullmatch(_WEB_ADDRESS.pattern, case=False)  # "HTTPS://" is a web address too
            report(~good, name, N_("a full web address (https://...)"))
        values = values[good]
        if "enum" in constraints:
            report(
                ~values.isin([str(v) for v in constraints["enum"]]),
                name,
                N_("one of {values}"),
                values=", ".join(map(str, constraints["enum"])),
            )
        if "pattern" in constraints:
            matching = ~values.str.fullmatch(str(constraints["pattern"]))
            report(matching, name, N_("text matching {pattern}"), pattern=str(constraints["pattern"]))
        if kind == "integer" or (kind == "number" and {"minimum", "maximum"} & set(constraints)):
            numbers = pd.to_numeric(values)
            limit = LARGEST_WHOLE if kind == "integer" else np.inf
            low, high = max(constraints.get("minimum", -limit), -limit), min(constraints.get("maximum", limit), limit)
            outside = (numbers < low) | (numbers > high)
            report(outside, name, N_("a value within range ({low} to {high})"), low=str(low), high=str(high))
        if constraints.get("unique") or name == key:
            report(values.duplicated(keep="first"), name, N_("a unique id (this one is used by an earlier row)"))
    return problems


def check_references(tables: dict[str, pd.DataFrame], package: dict[str, Any]) -> list[Problem]:
    """Foreign keys of every table: each id set is built once, then every column is one `isin`."""
    problems: list[Problem] = []
    id_sets: dict[tuple[str, str], set[str]] = {}
    for table, frame in tables.items():
        for column, ref_table, ref_column in foreign_keys(package, table):
            if ref_table not in tables or column not in frame:
                continue
            ids = id_sets.setdefault((ref_table, ref_column), set(tables[ref_table][ref_column]))
            values = frame[column]
            dangling = (values != "") & ~values.isin(ids)
            for idx, value in values[dangling].items():
                problems.append(
                    problem(
                        f"{table}.csv",
                        _line(idx),
                        column,
                        value,
                        N_("an id that exists (in {table}, column {field})"),
                        table=f"{ref_table}.csv",
                        field=ref_column,
                    )
                )
    return problems


def check_cross_table(tables: dict[str, pd.DataFrame], package: dict[str, Any]) -> list[Problem]:
    """Rules Table Schema cannot state: ids unique across entity tables, ids matching their kind, dates with their
    precision, ends not before starts. Works on typed frames whose index is the data row - 1; linear in the rows."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for table in ENTITY_TABLES:
        key = primary_key(package, table)
        column = tables[table][key]
        for idx, value in zip(column.index, column.to_numpy(dtype=object)):
            if value in owner:
                problems.append(
                    problem(
                        f"{table}.csv",
                        _line(idx),
                        key,
                        value,
                        N_("an id not already used in {table} (ids are shared by /entity links)"),
                        table=f"{owner[value]}.csv",
                    )
                )
            else:
                owner[value] = table
    entity_ids = {table: set(tables[table][primary_key(package, table)]) for table in ENTITY_TABLES}
    for table, frame in tables.items():
        for id_column, kind_column in kind_references(package, table):
            kinds, ids = frame[kind_column], frame[id_column]
            wrong = pd.Series(False, index=frame.index)
            for kind, target in KIND_TABLES.items():
                wrong |= (kinds == kind).fillna(False) & ~ids.isin(entity_ids[target])
            for idx, kind, ident in zip(frame.index[wrong], kinds[wrong], ids[wrong]):
                target = KIND_TABLES[kind]
                where = (f"{target}.csv", f"{owner[ident]}.csv" if ident in owner else "")
                expected = N_("an id from {table} (it is in {other})") if where[1] else N_("an id from {table}")
                problems.append(
                    problem(f"{table}.csv", _line(idx), id_column, ident, expected, table=where[0], other=where[1])
                )
        for date_column, precision_column in date_precision_pairs(package, table):
            days, precision = pd.to_datetime(frame[date_column], errors="coerce"), frame[precision_column]
            month_off = (precision == "month").fillna(False) & days.notna() & (days.dt.day != 1)
            year_off = (precision == "year").fillna(False) & days.notna() & ((days.dt.day != 1) | (days.dt.month != 1))
            for off, expected in (
                (month_off, N_("the 1st of the month ({field} says only the month is known)")),
                (year_off, N_("1 January ({field} says only the year is known)")),
            ):
                for idx, value in days[off].items():
                    day = str(value.date())
                    problems.append(
                        problem(f"{table}.csv", _line(idx), date_column, day, expected, field=precision_column)
                    )
            missing = frame[date_column].notna() & frame[precision_column].isna()
            for idx in frame.index[missing]:
                problems.append(
                    problem(
                        f"{table}.csv",
                        _line(idx),
                        precision_column,
                        None,
                        N_("day, month or year, saying how much of {field} is known"),
                        field=date_column,
                    )
                )
        for later, earlier in date_order_rules(package, table):
            wrong = frame[later].notna() & frame[earlier].notna() & (frame[later] < frame[earlier])
            for idx, value in frame.loc[wrong, later].items():
                problems.append(
                    problem(
                        f"{table}.csv",
                        _line(idx),
                        later,
                        str(value.date()),
                        N_("a date on or after {field}"),
                        field=earlier,
                    )
                )
    return problems
