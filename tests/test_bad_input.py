"""The bad-input corpus: every kind of broken or hostile data file, and what the reader gets for it.

Each case breaks a copy of the fixture package (tests/fixtures/mini) in one way and states the one
outcome the reader must see:
- "loads":  the pages show, with no notice;
- "warns":  the pages show, with a small notice naming the file (and column) of what was repaired;
- "blocks": no page, only the problems list, one line naming file, row, column, value and expectation.
Never a traceback; hostile text always shows as text. Checked twice: on `load_dataset` (fast, every
case) and in the running app through Streamlit's AppTest with SUPPLYCHAIN_DATA_DIR on the copy.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, rewrite_csv
from streamlit.testing.v1 import AppTest

from supplychain.data.load import load_dataset

APP = str(ROOT / "dashboard.py")


@dataclass(frozen=True)
class Case:
    name: str
    family: str
    breaks: Callable[[Path], None]
    outcome: str  # loads | warns | blocks
    file: str = ""
    column: str | None = None
    says: str = ""  # a phrase of the problem's "expected" text, or of the warning


def _bytes(file: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        path = folder / file
        path.write_bytes(change(path.read_bytes()))

    return breaks


def _cell(file: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        rewrite_csv(folder / file, lambda header, rows: rows[row].update({column: value}))

    return breaks


def _header(file: str, change: Callable[[list[str]], list[str]], rename: dict[str, str] | None = None):
    def breaks(folder: Path) -> None:
        def edit(header, rows):
            for row in rows:
                for old, new in (rename or {}).items():
                    row[new] = row.pop(old)
            return change(header)

        rewrite_csv(folder / file, edit)

    return breaks


def _package(change: Callable[[dict], object]) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        path = folder / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        result = change(package)
        path.write_text(json.dumps(package if result is None else result), encoding="utf-8")

    return breaks


def _field(package: dict, table: str, name: str) -> dict:
    res = next(r for r in package["resources"] if r["name"] == table)
    return next(f for f in res["schema"]["fields"] if f["name"] == name)


def _resource(package: dict, table: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == table)


def _several(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def breaks(folder: Path) -> None:
        for step in steps:
            step(folder)

    return breaks


def _excel_save(data: bytes) -> bytes:
    """What Excel's 'CSV UTF-8' does to a file a curator opened, added a helper column to, and saved."""
    lines = data.decode("utf-8").rstrip("\n").split("\n")
    lines = [lines[0] + ",my notes"] + [line + ",check this" for line in lines[1:]]
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n" + "," * 17 + "\r\n\r\n").encode("utf-8")


HTML = '<img src=x onerror="alert(1)">'
SCRIPT = "<script>alert(document.cookie)</script>"
MD_LINK = "[Session expired, log in](https://example.com/login)"
MD_IMAGE = "![x](http://203.0.113.7/p.png)"
FORMULA = '=HYPERLINK("http://203.0.113.7/x","Open")'

CASES = [
    # Encodings and dialects
    Case(
        "bom",
        "dialect",
        _bytes("models.csv", lambda b: b"\xef\xbb\xbf" + b),
        "warns",
        "models.csv",
        None,
        "byte-order mark",
    ),
    Case(
        "crlf",
        "dialect",
        _bytes("models.csv", lambda b: b.replace(b"\n", b"\r\n")),
        "warns",
        "models.csv",
        None,
        "CRLF",
    ),
    Case(
        "cr_only",
        "dialect",
        _bytes("models.csv", lambda b: b.replace(b"\n", b"\r")),
        "warns",
        "models.csv",
        None,
        "(CR)",
    ),
    Case(
        "excel_save",
        "dialect",
        _bytes("models.csv", _excel_save),
        "warns",
        "models.csv",
        "my notes",
        "does not describe",
    ),
    Case(
        "utf16",
        "dialect",
        _bytes("models.csv", lambda b: b.decode().encode("utf-16")),
        "blocks",
        "models.csv",
        None,
        "UTF-16",
    ),
    Case(
        "windows_1252",
        "dialect",
        _bytes("companies.csv", lambda b: b.decode().replace("Acme AI", "Café AI").encode("cp1252", errors="replace")),
        "blocks",
        "companies.csv",
        None,
        "UTF-8 text",
    ),
    Case(
        "semicolons",
        "dialect",
        _bytes("models.csv", lambda b: b.replace(b",", b";")),
        "blocks",
        "models.csv",
        None,
        "';'",
    ),
    Case(
        "tabs", "dialect", _bytes("models.csv", lambda b: b.replace(b",", b"\t")), "blocks", "models.csv", None, "tabs"
    ),
    Case(
        "unclosed_quote",
        "dialect",
        _bytes("models.csv", lambda b: b + b'm_four,"Model Four\n'),
        "blocks",
        "models.csv",
        None,
        "readable CSV",
    ),
    Case(
        "nul_byte",
        "dialect",
        _bytes("models.csv", lambda b: b.replace(b"Model One", b"Model\x00 One")),
        "blocks",
        "models.csv",
        "name",
        "without control characters",
    ),
    # Structure
    Case(
        "missing_file",
        "structure",
        lambda d: (d / "chips.csv").unlink(),
        "blocks",
        "chips.csv",
        None,
        "in the data folder",
    ),
    Case("empty_file", "structure", _bytes("models.csv", lambda b: b""), "blocks", "models.csv", None, "header row"),
    Case(
        "header_only",
        "structure",
        _bytes("events.csv", lambda b: b.split(b"\n")[0] + b"\n"),
        "blocks",
        "events.csv",
        None,
        "at least one data row",
    ),
    Case(
        "missing_column",
        "structure",
        _header("models.csv", lambda h: [c for c in h if c != "developer_id"]),
        "blocks",
        "models.csv",
        "developer_id",
        "this column in the header",
    ),
    Case(
        "renamed_column",
        "structure",
        _header(
            "models.csv",
            lambda h: ["developer" if c == "developer_id" else c for c in h],
            {"developer_id": "developer"},
        ),
        "blocks",
        "models.csv",
        "developer",
        "a column named in datapackage.json",
    ),
    Case(
        "helper_column",
        "structure",
        _header("models.csv", lambda h: h + ["checked by"]),
        "warns",
        "models.csv",
        "checked by",
        "does not describe",
    ),
    Case(
        "empty_unnamed_column",
        "structure",
        _bytes("models.csv", lambda b: b.replace(b"\n", b",\n")),
        "warns",
        "models.csv",
        None,
        "an empty column with no header (column 17)",
    ),
    Case(
        "unnamed_column_with_values",
        "structure",
        _bytes("models.csv", lambda b: b.replace(b"note\n", b"note,\n").replace(b",,\n", b",,,x\n")),
        "blocks",
        "models.csv",
        None,
        "a header for every column that holds values (column 17 has none)",
    ),
    Case(
        "duplicated_column",
        "structure",
        _bytes("models.csv", lambda b: b.replace(b",note\n", b",name\n", 1)),
        "blocks",
        "models.csv",
        "name",
        "this column once",
    ),
    Case(
        "short_row",
        "structure",
        _bytes("models.csv", lambda b: b + b"m_four,Model Four,,Qwen\n"),
        "blocks",
        "models.csv",
        None,
        "16 cells",
    ),
    Case(
        "long_row",
        "structure",
        _bytes("models.csv", lambda b: b.replace(b"rec,,\n", b"rec,,,shifted\n", 1)),
        "blocks",
        "models.csv",
        None,
        "16 cells",
    ),
    Case(
        "trailing_blank_lines",
        "structure",
        _bytes("models.csv", lambda b: b + b"\n\n,,,,,,,,,,,,,,,\n\n"),
        "warns",
        "models.csv",
        None,
        "blank rows skipped",
    ),
    Case(
        "blank_row_inside",
        "structure",
        _bytes("models.csv", lambda b: b.replace(b"rec,,\n", b"rec,,\n\n", 1)),
        "warns",
        "models.csv",
        None,
        "blank row",
    ),
    Case("columns_reordered", "structure", _header("models.csv", lambda h: list(reversed(h))), "loads"),
    # Keys and references
    Case(
        "duplicate_id",
        "keys",
        _cell("models.csv", 1, "model_id", "m_one"),
        "blocks",
        "models.csv",
        "model_id",
        "a unique id",
    ),
    Case("empty_id", "keys", _cell("models.csv", 1, "model_id", ""), "blocks", "models.csv", "model_id", "required"),
    Case(
        "id_with_capitals",
        "keys",
        _cell("models.csv", 1, "model_id", "Model Two"),
        "blocks",
        "models.csv",
        "model_id",
        "text matching",
    ),
    Case(
        "dangling_reference",
        "keys",
        _cell("models.csv", 0, "developer_id", "nobody"),
        "blocks",
        "models.csv",
        "developer_id",
        "an id that exists",
    ),
    Case(
        "dangling_self_reference",
        "keys",
        _cell("companies.csv", 1, "parent_id", "ghost"),
        "blocks",
        "companies.csv",
        "parent_id",
        "in companies.csv",
    ),
    Case(
        "edge_kind_mismatch",
        "keys",
        _cell("relationships.csv", 0, "to_kind", "chip"),
        "blocks",
        "relationships.csv",
        "to_id",
        "an id from chips.csv",
    ),
    Case(
        "id_in_two_tables",
        "keys",
        _several(_cell("chips.csv", 0, "chip_id", "acme"), _cell("relationships.csv", 1, "to_id", "acme")),
        "blocks",
        "chips.csv",
        "chip_id",
        "not already used",
    ),
    # Values
    Case(
        "impossible_date",
        "values",
        _cell("models.csv", 1, "release_date", "2025-02-30"),
        "blocks",
        "models.csv",
        "release_date",
        "YYYY-MM-DD",
    ),
    Case(
        "day_first_date",
        "values",
        _cell("models.csv", 1, "release_date", "29/04/2025"),
        "blocks",
        "models.csv",
        "release_date",
        "YYYY-MM-DD",
    ),
    Case(
        "excel_serial_date",
        "values",
        _cell("models.csv", 1, "release_date", "45776"),
        "blocks",
        "models.csv",
        "release_date",
        "YYYY-MM-DD",
    ),
    Case(
        "date_far_future",
        "values",
        _cell("models.csv", 1, "release_date", "2205-01-01"),
        "blocks",
        "models.csv",
        "release_date",
        "between 1900",
    ),
    Case(
        "date_without_precision",
        "values",
        _cell("models.csv", 0, "release_precision", ""),
        "blocks",
        "models.csv",
        "release_precision",
        "day, month or year",
    ),
    Case(
        "end_before_start",
        "values",
        _cell("relationships.csv", 1, "end_date", "2024-01-01"),
        "blocks",
        "relationships.csv",
        "end_date",
        "on or after start_date",
    ),
    Case(
        "comma_decimal",
        "values",
        _cell("models.csv", 0, "parameters_b", "235,5"),
        "blocks",
        "models.csv",
        "parameters_b",
        "a number",
    ),
    Case(
        "not_a_number",
        "values",
        _cell("models.csv", 0, "parameters_b", "NaN"),
        "blocks",
        "models.csv",
        "parameters_b",
        "a number",
    ),
    Case(
        "negative_size",
        "values",
        _cell("models.csv", 0, "parameters_b", "-5"),
        "blocks",
        "models.csv",
        "parameters_b",
        "within range",
    ),
    Case(
        "latitude_out_of_range",
        "values",
        _cell("locations.csv", 0, "lat", "95.5"),
        "blocks",
        "locations.csv",
        "lat",
        "within range",
    ),
    Case(
        "longitude_with_letter",
        "values",
        _cell("locations.csv", 0, "lon", "103.85E"),
        "blocks",
        "locations.csv",
        "lon",
        "a number",
    ),
    Case(
        "fractional_integer",
        "values",
        _cell("claims.csv", 0, "paragraph", "1.5"),
        "blocks",
        "claims.csv",
        "paragraph",
        "whole number",
    ),
    Case(
        "boolean_yes",
        "values",
        _cell("models.csv", 0, "open_weights", "yes"),
        "blocks",
        "models.csv",
        "open_weights",
        "true or false",
    ),
    Case("boolean_upper", "values", _cell("models.csv", 0, "open_weights", "TRUE"), "loads"),
    Case(
        "enum_wrong_case",
        "values",
        _cell("models.csv", 0, "family", "qwen"),
        "blocks",
        "models.csv",
        "family",
        "one of Qwen",
    ),
    Case("required_empty", "values", _cell("models.csv", 0, "name", ""), "blocks", "models.csv", "name", "required"),
    Case(
        "country_not_code",
        "values",
        _cell("companies.csv", 0, "country", "China"),
        "blocks",
        "companies.csv",
        "country",
        "text matching",
    ),
    Case(
        "script_url",
        "values",
        _cell("sources.csv", 0, "url", "javascript:alert(1)"),
        "blocks",
        "sources.csv",
        "url",
        "web address",
    ),
    # datapackage.json
    Case(
        "package_not_json",
        "package",
        lambda d: (d / "datapackage.json").write_text("{not json"),
        "blocks",
        "datapackage.json",
        None,
        "valid JSON",
    ),
    Case(
        "package_is_a_list", "package", _package(lambda p: [p]), "blocks", "datapackage.json", None, "'resources' list"
    ),
    Case(
        "package_without_resources",
        "package",
        _package(lambda p: p.pop("resources") and None),
        "blocks",
        "datapackage.json",
        None,
        "'resources' list",
    ),
    Case(
        "unknown_field_type",
        "package",
        _package(lambda p: _field(p, "models", "release_date").update(type="datetime")),
        "blocks",
        "datapackage.json",
        "models.release_date",
        "one of string",
    ),
    Case(
        "foreign_key_to_nowhere",
        "package",
        _package(lambda p: _resource(p, "models")["schema"]["foreignKeys"][0]["reference"].update(resource="labs")),
        "blocks",
        "datapackage.json",
        "models.foreignKeys",
        "a described table",
    ),
    Case(
        "primary_key_not_a_field",
        "package",
        _package(lambda p: _resource(p, "models")["schema"].update(primaryKey=["id"])),
        "blocks",
        "datapackage.json",
        "models.primaryKey",
        "a field",
    ),
    Case(
        "path_outside_folder",
        "package",
        _package(lambda p: _resource(p, "models").update(path="../../etc/passwd")),
        "blocks",
        "datapackage.json",
        "models",
        "the path models.csv",
    ),
    Case(
        "field_renamed_in_package_only",
        "package",
        _package(lambda p: _field(p, "models", "licence").update(name="license")),
        "blocks",
        "models.csv",
        "licence",
        "a column named in datapackage.json",
    ),
    Case(
        "table_dropped_from_package",
        "package",
        _package(lambda p: p["resources"].remove(_resource(p, "events"))),
        "blocks",
        "datapackage.json",
        "events",
        "the app's pages read it",
    ),
    Case(
        "precision_field_missing",
        "package",
        _package(lambda p: _field(p, "models", "release_date").update(precisionField="when")),
        "blocks",
        "datapackage.json",
        "models.release_date",
        "precisionField",
    ),
    Case(
        "bad_pattern",
        "package",
        _package(lambda p: _field(p, "models", "model_id")["constraints"].update(pattern="[a-")),
        "blocks",
        "datapackage.json",
        "models.model_id",
        "a valid pattern",
    ),
    # Hostile text: loads, and shows as text
    Case("html_in_name", "hostile", _cell("models.csv", 0, "name", HTML), "loads"),
    Case("script_in_name", "hostile", _cell("companies.csv", 0, "name", SCRIPT), "loads"),
    Case("markdown_link_in_name", "hostile", _cell("models.csv", 0, "name", MD_LINK), "loads"),
    Case("markdown_image_in_role", "hostile", _cell("companies.csv", 0, "role", MD_IMAGE), "loads"),
    Case("formula_in_name", "hostile", _cell("models.csv", 0, "name", FORMULA), "loads"),
    Case("huge_note", "hostile", _cell("models.csv", 0, "note", "A" * 100_000), "loads"),
]
# The entity whose profile shows each hostile text, and the text itself.
HOSTILE = {
    "html_in_name": ("m_one", HTML),
    "script_in_name": ("acme", SCRIPT),
    "markdown_link_in_name": ("m_one", MD_LINK),
    "markdown_image_in_role": ("acme", MD_IMAGE),
    "formula_in_name": ("m_one", FORMULA),
}


def test_the_corpus_covers_at_least_thirty_kinds_in_every_family() -> None:
    assert len({c.name for c in CASES}) == len(CASES) >= 30
    families = {c.family for c in CASES}
    assert families == {"dialect", "structure", "keys", "values", "package", "hostile"}
    assert {c.outcome for c in CASES} == {"loads", "warns", "blocks"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_broken_file_gets_its_outcome_at_load(case: Case, mini_dir: Path) -> None:
    case.breaks(mini_dir)
    dataset = load_dataset(mini_dir)
    if case.outcome == "blocks":
        assert not dataset.ok and dataset.tables == {}, "a failed load never hands out half the data"
        hits = [p for p in dataset.problems if p.file == case.file and case.says in p.expected]
        assert hits, [str(p) for p in dataset.problems]
        if case.column is not None:
            assert any(p.column == case.column for p in hits), [str(p) for p in hits]
        assert all(len(p.value or "") <= 80 for p in dataset.problems), "values are cut short"
        return
    assert dataset.ok, [str(p) for p in dataset.problems]
    if case.outcome == "loads":
        assert dataset.warnings == [], [str(w) for w in dataset.warnings]
    else:
        hits = [w for w in dataset.warnings if w.file == case.file and case.says in w.what]
        assert hits, [str(w) for w in dataset.warnings]
        if case.column is not None:
            assert any(w.column == case.column for w in hits), [str(w) for w in hits]


def test_an_excel_saved_file_reads_the_same_rows_as_the_original(mini_dir: Path) -> None:
    before = load_dataset(mini_dir).tables["models"]
    _bytes("models.csv", _excel_save)(mini_dir)
    after = load_dataset(mini_dir).tables["models"]
    assert after.equals(before)


def test_a_nul_byte_in_a_cell_is_a_problem_naming_its_row_and_column(mini_dir: Path) -> None:
    _bytes("models.csv", lambda b: b.replace(b"Model One", b"Model\x00 One"))(mini_dir)
    problems = load_dataset(mini_dir).problems
    assert [(p.file, p.line, p.column) for p in problems] == [("models.csv", 2, "name")]


def test_upper_case_true_is_read_as_true_by_the_same_rules_that_checked_it(mini_dir: Path) -> None:
    _cell("models.csv", 1, "open_weights", "TRUE")(mini_dir)
    assert load_dataset(mini_dir).tables["models"]["open_weights"].tolist()[:2] == [True, True]


def test_semicolon_models_file_gives_one_readable_problem_not_a_key_error(mini_dir: Path) -> None:
    _bytes("models.csv", lambda b: b.replace(b",", b";"))(mini_dir)
    problems = [str(p) for p in load_dataset(mini_dir).problems]
    assert problems == [
        "models.csv, header (line 1): found "
        "'model_id;name;aliases;family;developer_id;release_date;release_precision;open_w…'; "
        "expected columns separated by commas (this header uses ';': save it as 'CSV UTF-8 (comma delimited)')"
    ]


def _app(folder: Path, monkeypatch, page: str, params: dict[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(folder))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["_test_start_page"] = page
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def _shown_markdown(at: AppTest) -> list:
    """Every element Streamlit renders as Markdown (where a link or image could come alive)."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")
    return [element for kind in kinds for element in getattr(at, kind)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_reader_sees_the_page_a_notice_or_the_problems_never_a_traceback(
    case: Case, mini_dir: Path, monkeypatch
) -> None:
    case.breaks(mini_dir)
    entity, hostile = HOSTILE.get(case.name, (None, None))
    at = _app(mini_dir, monkeypatch, "entity" if entity else "data", {"id": entity} if entity else {"table": "models"})
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    loaded_note = [e for e in at.expander if e.label.startswith("The data loaded, with")]
    if case.outcome == "blocks":
        assert any("did not pass its checks" in e for e in errors), errors
        problems = at.dataframe[0].value
        assert {"File", "Row", "Line", "Column", "Found", "Expected"} <= set(problems.columns)
        assert case.file in set(problems["File"])
        if case.column is not None:
            assert case.column in set(problems["Column"]), problems
        return
    assert not errors, errors
    assert at.title, "the page is shown"
    if case.outcome == "warns":
        assert len(loaded_note) == 1, "a small notice says what was tolerated"
        table = loaded_note[0].dataframe[0].value
        assert case.file in set(table["File"])
    else:
        assert not loaded_note
    if hostile:
        shown = _shown_markdown(at)
        assert all(
            not getattr(e.proto, "allow_html", False) for e in shown if "onerror" in e.value or "script" in e.value
        )
        assert all(hostile not in e.value for e in shown), "never rendered as live Markdown or HTML"
        assert any(hostile in e.value.replace("\\", "") for e in shown), "but shown, escaped, as text"
