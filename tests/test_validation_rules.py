"""Each rule of the data checks, on the smallest input that breaks it: the curator reads exactly this message."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from supplychain.data.validate import (
    check_cross_table,
    check_package_description,
    check_package_metadata,
    check_references,
    check_table,
)

TABLES = ["companies", "models", "chips", "locations", "policies", "relationships", "events", "claims", "sources"]
KEYS = {
    "companies": "company_id",
    "models": "model_id",
    "chips": "chip_id",
    "locations": "location_id",
    "policies": "policy_id",
}


def _package() -> dict:
    """The smallest package the app accepts: every table it reads, each with an id column."""
    return {
        "resources": [
            {"name": t, "schema": {"fields": [{"name": KEYS.get(t, "id")}], "primaryKey": [KEYS.get(t, "id")]}}
            for t in TABLES
        ]
    }


def _resource(package: dict, name: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == name)


def _messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_the_smallest_complete_package_has_no_problem() -> None:
    assert check_package_description(_package()) == []


@pytest.mark.parametrize("package", [None, [], {"resources": {}}, {"resources": []}])
def test_a_package_without_a_list_of_tables_is_refused(package) -> None:
    assert _messages(check_package_description(package)) == [
        "datapackage.json; expected a data package with a non-empty 'resources' list"
    ]


GOOD_METADATA = {"created": "2026-11-28T00:00:00Z", "reviewed_through": "2026-11-01", "version": "1.0.0"}
CREATED = "datapackage.json, column 'created'{found}; expected a real date and time such as 2026-11-28T00:00:00Z"
REVIEWED = "datapackage.json, column 'reviewed_through'{found}; expected a real date written YYYY-MM-DD"
VERSION = "datapackage.json, column 'version'{found}; expected a version number such as 1.0.0"


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"reviewed_through": None},
        {"created": "2026-11-28", "version": "1"},
        {"created": "2026-11-28T08:00:00.5+08:00", "version": "1.0"},
        {"created": "1900-01-01T00:00:00Z", "reviewed_through": "1900-01-01"},
        {"created": "2100-12-31T23:59:59Z", "reviewed_through": "2100-12-31"},
    ],
)
def test_a_packages_stamp_review_date_and_version_pass_when_well_formed(values: dict) -> None:
    package = {**GOOD_METADATA, **values}
    assert check_package_metadata({k: v for k, v in package.items() if v is not None}) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"created": None}, CREATED.format(found="")),
        ({"created": 20261128}, CREATED.format(found=": found '20261128'")),
        ({"created": "2026-02-30T00:00:00Z"}, CREATED.format(found=": found '2026-02-30T00:00:00Z'")),
        ({"created": "2026-11-28 00:00:00Z"}, CREATED.format(found=": found '2026-11-28 00:00:00Z'")),
        ({"created": "2026-11-28Tnoon"}, CREATED.format(found=": found '2026-11-28Tnoon'")),
        ({"created": "1899-12-31T00:00:00Z"}, CREATED.format(found=": found '1899-12-31T00:00:00Z'")),
        ({"created": "2101-01-01T00:00:00Z"}, CREATED.format(found=": found '2101-01-01T00:00:00Z'")),
        ({"created": "soon"}, CREATED.format(found=": found 'soon'")),
        ({"reviewed_through": "2026-02-30"}, REVIEWED.format(found=": found '2026-02-30'")),
        ({"reviewed_through": "2026-11-01T00:00:00Z"}, REVIEWED.format(found=": found '2026-11-01T00:00:00Z'")),
        ({"reviewed_through": 20261101}, REVIEWED.format(found=": found '20261101'")),
        ({"reviewed_through": "2101-01-01"}, REVIEWED.format(found=": found '2101-01-01'")),
        ({"version": None}, VERSION.format(found="")),
        ({"version": 1.0}, VERSION.format(found=": found '1.0'")),
        ({"version": "1.0.0.0"}, VERSION.format(found=": found '1.0.0.0'")),
        ({"version": "v1"}, VERSION.format(found=": found 'v1'")),
        ({"version": "1.0'); DROP"}, VERSION.format(found=': found "1.0\'); DROP"')),
    ],
)
def test_a_bad_stamp_review_date_or_version_names_the_property_and_what_it_should_be(
    values: dict, expected: str
) -> None:
    package = {k: v for k, v in {**GOOD_METADATA, **values}.items() if v is not None}
    assert _messages(check_package_metadata(package)) == [expected]


def test_every_bad_package_value_is_listed_stamp_then_review_date_then_version() -> None:
    assert _messages(check_package_metadata({"reviewed_through": "later"})) == [
        CREATED.format(found=""),
        REVIEWED.format(found=": found 'later'"),
        VERSION.format(found=""),
    ]


def _broken(change) -> list[str]:
    package = _package()
    change(package)
    return _messages(check_package_description(package))


def test_a_table_without_a_name_or_schema_is_named_by_its_position() -> None:
    def change(p: dict) -> None:
        p["resources"].append({"name": "extra"})
        p["resources"].append("not a table")
        p["resources"].append({"schema": {"fields": []}})

    assert _broken(change) == [
        f"datapackage.json, column 'resources[{n}]'; expected a resource with a name and a schema" for n in (10, 11, 12)
    ]


def test_fields_must_be_a_list_of_named_fields() -> None:
    def change(p: dict) -> None:
        _resource(p, "events")["schema"]["fields"] = {"name": "id"}
        p["resources"].append({"name": "extra", "schema": {"fields": [{"type": "string"}]}})

    assert _broken(change) == [
        "datapackage.json, column 'events'; expected a schema with a list of named fields",
        "datapackage.json, column 'extra'; expected a schema with a list of named fields",
        "datapackage.json, column 'events'; expected the table 'events' (the app's pages read it)",
    ]


def test_a_table_described_twice_or_at_another_path_is_refused() -> None:
    def change(p: dict) -> None:
        p["resources"].append(copy.deepcopy(_resource(p, "claims")))
        _resource(p, "sources")["path"] = "data/sources.csv"
        _resource(p, "events")["path"] = "events.csv"

    assert _broken(change) == [
        "datapackage.json, column 'sources': found 'data/sources.csv'; expected the path sources.csv",
        "datapackage.json, column 'claims'; expected each table described once",
    ]


def test_field_types_and_constraints_must_be_readable() -> None:
    def change(p: dict) -> None:
        _resource(p, "models")["schema"]["fields"] += [
            {"name": "where", "type": "geopoint"},
            {"name": "plain"},  # a field without a type is text
            {"name": "c", "constraints": ["required"]},
            {"name": "e", "constraints": {"enum": "a,b"}},
            {"name": "ok_enum", "constraints": {"enum": ["a"]}},
            {"name": "p", "constraints": {"pattern": "("}},
            {"name": "ok_pattern", "constraints": {"pattern": "[a-z]+"}},
            {"name": "lo", "type": "number", "constraints": {"minimum": "0"}},
            {"name": "hi", "type": "integer", "constraints": {"maximum": None, "minimum": 0.5}},
        ]

    messages = _broken(change)
    assert messages[:4] == [
        "datapackage.json, column 'models.where': found 'geopoint'; expected one of string, date, number, integer, "
        "boolean",
        "datapackage.json, column 'models.c'; expected constraints written as an object",
        "datapackage.json, column 'models.e': found 'a,b'; expected an enum written as a list",
        "datapackage.json, column 'models.p': found '('; expected a valid pattern (missing ), unterminated subpattern"
        " at position 0)",
    ]
    assert messages[4:] == [
        "datapackage.json, column 'models.lo': found '0'; expected a number as minimum",
        "datapackage.json, column 'models.hi'; expected a number as maximum",
    ]


def test_every_table_the_pages_read_must_be_described() -> None:
    def change(p: dict) -> None:
        p["resources"] = [r for r in p["resources"] if r["name"] not in ("events", "chips")]

    assert _broken(change) == [
        "datapackage.json, column 'chips'; expected the table 'chips' (the app's pages read it)",
        "datapackage.json, column 'events'; expected the table 'events' (the app's pages read it)",
    ]


def test_keys_references_and_custom_properties_must_name_fields_that_exist() -> None:
    def change(p: dict) -> None:
        models = _resource(p, "models")["schema"]
        models["fields"] += [
            {"name": "developer_id"},
            {"name": "released", "type": "date", "precisionField": "released_precision", "onOrAfter": "announced"},
            {"name": "to_id", "kindField": "to_kind"},
        ]
        models["primaryKey"] = ["model_key"]
        models["foreignKeys"] = [
            {"fields": ["developer_id"], "reference": {"resource": "companies", "fields": ["company_id"]}},
            {"fields": ["maker_id"], "reference": {"resource": "companies", "fields": ["company_id"]}},
            {"fields": ["developer_id"], "reference": {"resource": "labs", "fields": ["lab_id"]}},
            {"fields": ["developer_id"], "reference": {"resource": "", "fields": ["model_id"]}},
        ]
        _resource(p, "chips")["schema"]["foreignKeys"] = [{"fields": ["x"]}]

    assert _broken(change) == [
        "datapackage.json, column 'models.primaryKey': found 'model_key'; expected a field of the same table",
        "datapackage.json, column 'models.foreignKeys': found 'maker_id'; expected a field of the table",
        "datapackage.json, column 'models.foreignKeys': found 'labs.lab_id'; expected a described table and field",
        "datapackage.json, column 'models.released': found 'released_precision'; expected precisionField naming a"
        " field of models",
        "datapackage.json, column 'models.released': found 'announced'; expected onOrAfter naming a field of models",
        "datapackage.json, column 'models.to_id': found 'to_kind'; expected kindField naming a field of models",
        "datapackage.json, column 'chips.foreignKeys'; expected fields and a reference",
    ]


FIELDS = [
    {"name": "id"},
    {"name": "day", "type": "date"},
    {"name": "size", "type": "number", "constraints": {"minimum": 0, "maximum": 10}},
    {"name": "count", "type": "integer", "constraints": {"minimum": 1}},
    {"name": "open", "type": "boolean"},
    {"name": "url", "format": "uri"},
    {"name": "kind", "constraints": {"enum": ["a", "b"], "required": True}},
    {"name": "code", "constraints": {"pattern": "[A-Z]{2}", "unique": True}},
]


def _table(**columns: list[str]) -> pd.DataFrame:
    good = {
        "id": "r",
        "day": "2025-04-29",
        "size": "2.5",
        "count": "3",
        "open": "true",
        "url": "https://example.org",
        "kind": "a",
        "code": "CN",
    }
    rows = len(next(iter(columns.values()))) if columns else 1
    codes = [chr(65 + i // 26) + chr(65 + i % 26) for i in range(rows)]  # unique, as the column requires
    return pd.DataFrame({name: columns.get(name, codes if name == "code" else [good[name]] * rows) for name in good})


def _table_messages(**columns: list[str]) -> list[str]:
    return _messages(check_table("t", _table(**columns), FIELDS, "id"))


def test_good_cells_of_every_type_pass() -> None:
    frame = _table(
        id=["a", "b", "c", "d"],
        day=["2025-04-29", "1900-01-01", "2100-12-31", ""],
        size=["0", "10", "+1.5e0", ".5"],
        count=["1", "+2", "30", ""],
        open=["true", "False", "1", "0"],
        code=["CN", "US", "SG", ""],
        url=["https://a.org/x", "HTTP://b.org", "", "http://c.org"],
    )
    assert _messages(check_table("t", frame, FIELDS, "id")) == []


def test_a_required_cell_and_the_key_must_be_filled() -> None:
    assert _table_messages(id=["", "b"], kind=["a", ""]) == [
        "t.csv, row 1 (line 2), column 'id'; expected a value (this column is required)",
        "t.csv, row 2 (line 3), column 'kind'; expected a value (this column is required)",
    ]


def test_dates_must_be_real_days_written_iso_and_in_range() -> None:
    assert _table_messages(
        id=["a", "b", "c", "d", "e"], day=["2025-02-30", "29/04/2025", "1899-12-31", "2101-01-01", "2025-4-29"]
    ) == [
        "t.csv, row 1 (line 2), column 'day': found '2025-02-30'; expected a date written YYYY-MM-DD",
        "t.csv, row 2 (line 3), column 'day': found '29/04/2025'; expected a date written YYYY-MM-DD",
        "t.csv, row 5 (line 6), column 'day': found '2025-4-29'; expected a date written YYYY-MM-DD",
        "t.csv, row 3 (line 4), column 'day': found '1899-12-31'; expected a date between 1900-01-01 and 2100-12-31",
        "t.csv, row 4 (line 5), column 'day': found '2101-01-01'; expected a date between 1900-01-01 and 2100-12-31",
    ]


def test_numbers_must_be_digits_finite_and_within_range() -> None:
    assert _table_messages(
        id=["a", "b", "c", "d"], size=["1,5", "inf", "11", "-0.1"], count=["2.0", "0", "x", "1"]
    ) == [
        "t.csv, row 1 (line 2), column 'size': found '1,5'; expected a number (digits, '.' for decimals)",
        "t.csv, row 2 (line 3), column 'size': found 'inf'; expected a number (digits, '.' for decimals)",
        "t.csv, row 3 (line 4), column 'size': found '11'; expected a value within range (0 to 10)",
        "t.csv, row 4 (line 5), column 'size': found '-0.1'; expected a value within range (0 to 10)",
        "t.csv, row 1 (line 2), column 'count': found '2.0'; expected a whole number",
        "t.csv, row 3 (line 4), column 'count': found 'x'; expected a whole number",
        "t.csv, row 2 (line 3), column 'count': found '0'; expected a value within range (1 to 9007199254740992)",
    ]


def test_a_number_too_large_for_a_float_is_refused() -> None:
    assert _table_messages(size=["1e999"]) == [
        "t.csv, row 1 (line 2), column 'size': found '1e999'; expected a number (digits, '.' for decimals)"
    ]


def test_booleans_addresses_enums_patterns_and_unique_values() -> None:
    assert _table_messages(
        id=["a", "b", "c"],
        open=["yes", "true", "TRUE"],
        url=["www.example.org", "https://example.org", "ftp://x.org"],
        kind=["a", "c", "b"],
        code=["CN", "cn", "CN"],
    ) == [
        "t.csv, row 1 (line 2), column 'open': found 'yes'; expected true or false",
        "t.csv, row 1 (line 2), column 'url': found 'www.example.org'; expected a full web address (https://...)",
        "t.csv, row 3 (line 4), column 'url': found 'ftp://x.org'; expected a full web address (https://...)",
        "t.csv, row 2 (line 3), column 'kind': found 'c'; expected one of a, b",
        "t.csv, row 2 (line 3), column 'code': found 'cn'; expected text matching [A-Z]{2}",
        "t.csv, row 3 (line 4), column 'code': found 'CN'; expected a unique id (this one is used by an earlier row)",
    ]


def test_the_key_must_be_unique_even_without_a_unique_constraint() -> None:
    assert _table_messages(id=["a", "a"]) == [
        "t.csv, row 2 (line 3), column 'id': found 'a'; expected a unique id (this one is used by an earlier row)"
    ]


def test_a_column_the_file_lacks_is_left_to_the_header_check() -> None:
    frame = _table().drop(columns=["day"])
    assert _messages(check_table("t", frame, FIELDS, "id")) == []


def _typed_tables() -> tuple[dict, dict[str, pd.DataFrame]]:
    package = _package()
    _resource(package, "relationships")["schema"] = {
        "fields": [
            {"name": "id"},
            {"name": "to_kind"},
            {"name": "to_id", "kindField": "to_kind"},
            {"name": "start", "type": "date", "precisionField": "start_precision"},
            {"name": "start_precision"},
            {"name": "end", "type": "date", "onOrAfter": "start"},
            {"name": "source_id"},
        ],
        "primaryKey": ["id"],
        "foreignKeys": [{"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["id"]}}],
    }
    tables = {t: pd.DataFrame({KEYS.get(t, "id"): pd.Series([], dtype=object)}) for t in TABLES}
    tables["companies"] = pd.DataFrame({"company_id": ["acme", "beta"]})
    tables["chips"] = pd.DataFrame({"chip_id": ["h20"]})
    tables["sources"] = pd.DataFrame({"id": ["rep"]})
    return package, tables


def test_an_id_used_by_two_entity_tables_names_the_first() -> None:
    package, tables = _typed_tables()
    tables["chips"] = pd.DataFrame({"chip_id": ["h20", "acme"]})
    tables["relationships"] = pd.DataFrame(columns=["id", "to_kind", "to_id", "start", "start_precision", "end"])
    assert _messages(check_cross_table(tables, package)) == [
        "chips.csv, row 2 (line 3), column 'chip_id': found 'acme'; expected an id not already used in companies.csv"
        " (ids are shared by /entity links)"
    ]


def test_ties_dates_and_references_are_checked_across_tables() -> None:
    package, tables = _typed_tables()
    day = pd.Timestamp
    tables["relationships"] = pd.DataFrame(
        {
            "id": ["r1", "r2", "r3", "r4"],
            "to_kind": ["chip", "chip", "company", None],
            "to_id": ["h20", "beta", "h20", "zzz"],
            "start": [day("2025-01-01"), None, day("2025-03-01"), day("2025-03-01")],
            "start_precision": ["day", None, None, "month"],
            "end": [day("2024-12-31"), day("2020-01-01"), day("2025-03-01"), None],
            "source_id": ["rep", "", "gone", "rep"],
        }
    )
    assert _messages(check_cross_table(tables, package)) == [
        "relationships.csv, row 2 (line 3), column 'to_id': found 'beta'; expected an id from chips.csv"
        " (it is in companies.csv)",
        "relationships.csv, row 3 (line 4), column 'to_id': found 'h20'; expected an id from companies.csv"
        " (it is in chips.csv)",
        "relationships.csv, row 3 (line 4), column 'start_precision'; expected day, month or year, saying how much"
        " of start is known",
        "relationships.csv, row 1 (line 2), column 'end': found '2024-12-31'; expected a date on or after start",
    ]
    assert _messages(check_references(tables, package)) == [
        "relationships.csv, row 3 (line 4), column 'source_id': found 'gone'; expected an id that exists"
        " (in sources.csv, column id)"
    ]


def test_an_unknown_id_of_the_right_kind_gets_no_hint() -> None:
    package, tables = _typed_tables()
    tables["relationships"] = pd.DataFrame(
        {
            "id": ["r1"],
            "to_kind": ["model"],
            "to_id": ["nowhere"],
            "start": [None],
            "start_precision": [None],
            "end": [None],
        }
    )
    assert _messages(check_cross_table(tables, package)) == [
        "relationships.csv, row 1 (line 2), column 'to_id': found 'nowhere'; expected an id from models.csv"
    ]


def test_a_tie_with_a_blank_kind_in_a_loaded_table_is_left_to_the_required_check_not_a_crash() -> None:
    package, tables = _typed_tables()
    text = "string"  # the loader types text columns so; a blank cell is <NA>, not None
    tables["relationships"] = pd.DataFrame(
        {
            "id": pd.array(["r1", "r2", "r3"], dtype=text),
            "to_kind": pd.array([None, "chip", None], dtype=text),
            "to_id": pd.array(["zzz", "beta", "acme"], dtype=text),
            "start": [None, None, None],
            "start_precision": pd.array([None, None, None], dtype=text),
            "end": [None, None, None],
        }
    )
    assert _messages(check_cross_table(tables, package)) == [
        "relationships.csv, row 2 (line 3), column 'to_id': found 'beta'; expected an id from chips.csv"
        " (it is in companies.csv)",
    ]


CONTROL = (
    "t.csv, row {row} (line {line}), column '{column}': found {value!r}; expected text without control characters"
    " (a NUL byte or another invisible code)"
)


def test_a_control_character_in_any_cell_is_named_once_but_a_tab_or_line_break_is_text() -> None:
    cells = ["a\x00b", "\x08", "\x0b", "\x0c", "\x0e", "\x1b[31m", "x\x7f", "tab\there", "two\nlines", "cr\rlf"]
    ids = [f"r{n}" for n in range(len(cells))]
    # a control character in a date or a number is named as such, not as a bad date or number as well
    messages = _table_messages(id=ids, day=["2025-04-29\x00"] + ["2025-04-29"] * 9, url=cells)
    assert messages == [CONTROL.format(row=1, line=2, column="day", value="2025-04-29\x00")] + [
        CONTROL.format(row=n + 1, line=n + 2, column="url", value=cell) for n, cell in enumerate(cells[:7])
    ] + [
        f"t.csv, row {n + 1} (line {n + 2}), column 'url': found {cell!r}; expected a full web address (https://...)"
        for n, cell in enumerate(cells)
        if n >= 7
    ]


def test_a_cell_longer_than_200000_characters_is_named_and_one_of_exactly_200000_is_not() -> None:
    fits, too_long = "https://example.org/" + "a" * (200_000 - 20), "https://example.org/" + "a" * (200_001 - 20)
    messages = _table_messages(id=["a", "b"], url=[fits, too_long])
    assert [m.split(": found")[0] for m in messages] == ["t.csv, row 2 (line 3), column 'url'"]
    assert messages[0].endswith("'; expected a value of at most 200,000 characters (this one has more)")


@pytest.mark.filterwarnings("ignore:Could not infer format")  # pandas reads each word on its own: that is the case
def test_a_precision_field_on_a_column_of_words_checks_nothing_and_never_crashes() -> None:
    package, tables = _typed_tables()
    fields = _resource(package, "relationships")["schema"]["fields"]
    fields[3] = {"name": "start", "precisionField": "start_precision"}  # text, not a date
    tables["relationships"] = pd.DataFrame(
        {
            "id": ["r1", "r2"],
            "to_kind": [None, None],
            "to_id": [None, None],
            "start": ["soon", "2025-03-02"],
            "start_precision": ["month", "month"],
            "end": [None, None],
        }
    )
    assert _messages(check_cross_table(tables, package)) == [
        "relationships.csv, row 2 (line 3), column 'start': found '2025-03-02'; expected the 1st of the month"
        " (start_precision says only the month is known)"
    ]


def test_a_date_known_to_the_month_or_year_must_sit_on_its_first_day() -> None:
    package, tables = _typed_tables()
    day = pd.Timestamp
    starts = ["2025-03-01", "2025-03-02", "2025-01-01", "2025-03-01", "2025-01-15", "2025-06-30", "2025-06-30"]
    precisions = ["month", "month", "year", "year", "year", "day", None]
    tables["relationships"] = pd.DataFrame(
        {
            "id": [f"r{n}" for n in range(1, 8)],
            "to_kind": [None] * 7,
            "to_id": [None] * 7,
            "start": [day(s) for s in starts],
            "start_precision": pd.array(precisions, dtype="string"),
            "end": [None] * 7,
        }
    )
    month = "expected the 1st of the month (start_precision says only the month is known)"
    year = "expected 1 January (start_precision says only the year is known)"
    assert _messages(check_cross_table(tables, package)) == [
        f"relationships.csv, row 2 (line 3), column 'start': found '2025-03-02'; {month}",
        f"relationships.csv, row 4 (line 5), column 'start': found '2025-03-01'; {year}",
        f"relationships.csv, row 5 (line 6), column 'start': found '2025-01-15'; {year}",
        "relationships.csv, row 7 (line 8), column 'start_precision'; expected day, month or year, saying how much"
        " of start is known",
    ]


def test_a_reference_to_a_table_or_from_a_column_that_was_not_read_is_left_to_the_other_checks() -> None:
    package, tables = _typed_tables()
    tables["relationships"] = pd.DataFrame({"id": ["r1"], "source_id": ["gone"]})
    without_sources = {name: frame for name, frame in tables.items() if name != "sources"}
    assert check_references(without_sources, package) == []
    tables["relationships"] = pd.DataFrame({"id": ["r1"]})  # the file lacked the column: the header check says so
    assert check_references(tables, package) == []


def test_a_broken_foreign_key_list_does_not_hide_the_tables_described_after_it() -> None:
    def change(p: dict) -> None:
        _resource(p, "chips")["schema"]["foreignKeys"] = [{"fields": ["x"]}]
        _resource(p, "locations")["schema"]["primaryKey"] = ["place_id"]

    assert _broken(change) == [
        "datapackage.json, column 'chips.foreignKeys'; expected fields and a reference",
        "datapackage.json, column 'locations.primaryKey': found 'place_id'; expected a field of the same table",
    ]


def test_a_whole_number_too_large_to_hold_exactly_is_named_with_the_range_it_must_lie_in() -> None:
    huge = ["9007199254740992", "9007199254740993", "99999999999999999999", "-99999999999999999999", "1" + "0" * 400]
    messages = _table_messages(id=["a", "b", "c", "d", "e"], count=huge)
    found = [m.split("found ")[1].split(";")[0] for m in messages]
    assert found == [repr(value if len(value) <= 80 else value[:79] + "…") for value in huge[1:]]
    assert {m.split("; ")[1] for m in messages} == {"expected a value within range (1 to 9007199254740992)"}


def test_a_reference_left_to_the_other_checks_does_not_hide_the_next_reference_of_the_table() -> None:
    package, tables = _typed_tables()
    schema = _resource(package, "relationships")["schema"]
    schema["fields"].append({"name": "claim_id"})
    schema["foreignKeys"].append({"fields": ["claim_id"], "reference": {"resource": "claims", "fields": ["id"]}})
    tables["claims"] = pd.DataFrame({"id": ["c1"]})
    tables["relationships"] = pd.DataFrame({"id": ["r1"], "claim_id": ["c9"]})  # no source_id column
    assert _messages(check_references(tables, package)) == [
        "relationships.csv, row 1 (line 2), column 'claim_id': found 'c9'; expected an id that exists"
        " (in claims.csv, column id)"
    ]


def test_a_column_the_file_lacks_does_not_hide_the_problems_of_the_columns_after_it() -> None:
    frame = _table(id=["a", "b"], kind=["a", "z"]).drop(columns=["day"])
    assert _messages(check_table("t", frame, FIELDS, "id")) == [
        "t.csv, row 2 (line 3), column 'kind': found 'z'; expected one of a, b"
    ]


def test_a_number_with_only_a_maximum_is_held_to_it_and_bounds_on_a_text_column_are_ignored() -> None:
    fields = [{"name": "id"}, {"name": "share", "type": "number", "constraints": {"maximum": 100}}]
    fields.append({"name": "label", "constraints": {"minimum": 1}})  # bounds are for numbers (Table Schema)
    frame = pd.DataFrame({"id": ["a", "b"], "share": ["150", "-5"], "label": ["abc", "0"]})
    assert _messages(check_table("t", frame, fields, "id")) == [
        "t.csv, row 1 (line 2), column 'share': found '150'; expected a value within range (-inf to 100)"
    ]
