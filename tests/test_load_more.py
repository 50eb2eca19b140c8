"""The one CSV parser and the loader, told apart by what a curator sees: which file, line and column a problem names,
what the loader tolerated (and says so), and the typed values an analyst gets."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import DATA_DIR, rewrite_csv

from supplychain.data.load import Dataset, ParsedTable, fingerprint, load_dataset, parse_csv, read_table
from supplychain.data.problems import LoadWarning, Problem, problem
from supplychain.data.schema import fields, table_names
from supplychain.i18n import N_

FIELDS: list[dict[str, Any]] = [
    {"name": "id", "type": "string"},
    {"name": "n", "type": "integer"},
    {"name": "note", "type": "string"},
]


def parse(text: str | bytes, fields: list[dict[str, Any]] = FIELDS) -> ParsedTable:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return parse_csv(data, "t.csv", fields)


def seen(problems: list[Problem]) -> list[tuple[str, int | None, str | None, str | None, str]]:
    return [(p.file, p.line, p.column, p.value, p.expected) for p in problems]


def said(warnings: list[LoadWarning]) -> list[tuple[str, str | None, str]]:
    return [(w.file, w.column, w.what) for w in warnings]


def rows(parsed: ParsedTable) -> list[list[str]]:
    assert parsed.frame is not None, seen(parsed.problems)
    return parsed.frame.to_numpy().tolist()


def test_a_clean_file_is_read_as_text_cells_in_the_schemas_column_order_with_no_notes() -> None:
    parsed = parse("note,id,n\nhello,a,1\n,b,2\n")
    assert list(parsed.frame.columns) == ["id", "n", "note"]
    assert rows(parsed) == [["a", "1", "hello"], ["b", "2", ""]]
    assert list(parsed.frame.index) == [0, 1]
    assert parsed.problems == [] and parsed.warnings == []


def test_a_utf16_file_is_refused_with_how_to_save_it_whether_or_not_it_has_a_byte_order_mark() -> None:
    expected = [("t.csv", None, None, None, "UTF-8 text (this file is UTF-16: save it as 'CSV UTF-8')")]
    for data in ("id,n,note\na,1,x\n".encode("utf-16"), "id,n,note\na,1,x\n".encode("utf-16-le")):
        parsed = parse(data)
        assert parsed.frame is None
        assert seen(parsed.problems) == expected
        assert parsed.warnings == []


def test_a_big_endian_byte_order_mark_is_refused_as_utf16_too() -> None:
    parsed = parse(b"\xfe\xff" + "id,n,note\na,1,x\n".encode("utf-16-be"))
    assert [p.expected for p in parsed.problems] == ["UTF-8 text (this file is UTF-16: save it as 'CSV UTF-8')"]


def test_a_short_file_with_a_nul_byte_is_not_taken_for_utf16() -> None:
    # Four bytes, one NUL: a third of them is not NUL, so it is read as UTF-8 (the NUL goes to the cell check).
    parsed = parse(b"id\x00\n", [{"name": "id", "type": "string"}])
    assert parsed.problems == []
    assert [w.what for w in parsed.warnings] == ["a NUL byte in the header was removed"]


def test_a_file_one_third_nul_bytes_is_taken_for_utf16_and_one_just_under_is_not() -> None:
    one_field = [{"name": "idx", "type": "string"}]
    utf16 = "UTF-8 text (this file is UTF-16: save it as 'CSV UTF-8')"
    assert [p.expected for p in parse(b"id\x00\n\x00x", one_field).problems] == [utf16]  # 2 NULs of 6 bytes
    assert parse(b"idx\x00\n\x00x", one_field).problems == []  # 2 NULs of 7 bytes


def test_a_utf16_file_of_chinese_names_is_refused_as_utf16_by_its_byte_order_mark() -> None:
    # Chinese text in UTF-16 has almost no NUL bytes, so only the byte-order mark tells it apart.
    text = "公司,名称,备注\n阿里巴巴,通义千问大模型,杭州总部\n"
    for data in (b"\xff\xfe" + text.encode("utf-16-le"), b"\xfe\xff" + text.encode("utf-16-be")):
        assert data.count(b"\x00") * 3 < len(data)
        assert [p.expected for p in parse(data).problems] == [
            "UTF-8 text (this file is UTF-16: save it as 'CSV UTF-8')"
        ]


def test_a_four_byte_file_half_nul_bytes_is_taken_for_utf16() -> None:
    parsed = parse("id".encode("utf-16-le"), [{"name": "id", "type": "string"}])
    assert [p.expected for p in parsed.problems] == ["UTF-8 text (this file is UTF-16: save it as 'CSV UTF-8')"]


def test_only_the_first_400_bytes_decide_whether_a_file_is_utf16() -> None:
    # 133 NULs in the first 400 bytes (399 < 400: not UTF-16); the 401st byte, a NUL, is not looked at.
    cell = "\x00x" * 133 + "x" * 120 + "\x00"
    data = ("id,n,note\na,1," + cell + "\n").encode()
    assert data[:400].count(b"\x00") == 133 and data[400:401] == b"\x00"
    parsed = parse(data)
    assert parsed.problems == []
    assert rows(parsed)[0][2] == cell  # the NULs stay in the cell, for the checks to name


def test_a_byte_order_mark_is_dropped_and_said_and_the_first_column_keeps_its_name() -> None:
    parsed = parse(b"\xef\xbb\xbfid,n,note\na,1,x\n")
    assert rows(parsed) == [["a", "1", "x"]]
    assert said(parsed.warnings) == [
        ("t.csv", None, "starts with a byte-order mark (as Excel saves 'CSV UTF-8'); ignored")
    ]


def test_a_windows_1252_file_names_the_line_and_shows_the_bytes_around_the_bad_one() -> None:
    data = b"id,n,note\na,1,ok\nb,2,caf" + b"\xe9 au lait, sans sucre ni miel\n"
    parsed = parse(data)
    assert parsed.frame is None
    assert seen(parsed.problems) == [
        (
            "t.csv",
            3,
            None,
            ",note\na,1,ok\nb,2,caf\ufffd au lait, sans sucr",  # 20 bytes before the bad one, 19 after
            "UTF-8 text (saved in another encoding, such as Windows-1252: save it as 'CSV UTF-8')",
        )
    ]
    assert parsed.warnings == []


def test_a_bad_byte_on_the_first_line_shows_the_bytes_from_the_start_of_the_file() -> None:
    parsed = parse(b"id,n,n\xe9te\n")
    assert [(p.line, p.value) for p in parsed.problems] == [(1, "id,n,n\ufffdte\n")]


def test_a_bad_byte_after_a_byte_order_mark_gets_the_encoding_problem_alone() -> None:
    parsed = parse(b"\xef\xbb\xbfid,n,n\xe9te\n")
    assert [p.line for p in parsed.problems] == [1]
    assert parsed.warnings == []


def test_windows_line_ends_are_read_and_said_and_old_mac_line_ends_too() -> None:
    windows = parse("id,n,note\r\na,1,x\r\nb,2,y\r\n")
    assert rows(windows) == [["a", "1", "x"], ["b", "2", "y"]]
    assert said(windows.warnings) == [("t.csv", None, "Windows line ends (CRLF); read as ordinary line ends")]
    mac = parse("id,n,note\ra,1,x\rb,2,y\r")
    assert rows(mac) == [["a", "1", "x"], ["b", "2", "y"]]
    assert said(mac.warnings) == [("t.csv", None, "old Mac line ends (CR); read as ordinary line ends")]


def test_broken_quoting_names_the_line_the_reader_stopped_on() -> None:
    parsed = parse('id,n,note\na,1,x\nb,2,"y"z\n')
    assert parsed.frame is None
    [p] = parsed.problems
    assert (p.file, p.line, p.column, p.value) == ("t.csv", 3, None, None)
    assert p.expected == "a readable CSV file (',' expected after '\"')"


def test_an_empty_file_or_an_empty_first_line_asks_for_a_header_on_line_1() -> None:
    expected = [("t.csv", 1, None, None, "a header row naming the columns on line 1")]
    for text in ("", "\na,1,x\n", ",,\na,1,x\n"):
        parsed = parse(text)
        assert parsed.frame is None
        assert seen(parsed.problems) == expected, text


def test_a_header_separated_by_semicolons_tabs_or_bars_is_refused_with_how_to_save_it() -> None:
    found = {}
    for separator in (";", "|", "\t"):
        parsed = parse(separator.join(["id", "n", "note"]) + "\na\n")
        assert parsed.frame is None
        [p] = parsed.problems
        assert (p.file, p.line, p.column, p.value) == ("t.csv", 1, None, separator.join(["id", "n", "note"]))
        found[separator] = p.expected
    assert found[";"] == "columns separated by commas (this header uses ';': save it as 'CSV UTF-8 (comma delimited)')"
    assert found["|"] == "columns separated by commas (this header uses '|': save it as 'CSV UTF-8 (comma delimited)')"
    assert (
        found["\t"] == "columns separated by commas (this header uses tabs: save it as 'CSV UTF-8 (comma delimited)')"
    )


def test_a_one_column_header_with_a_semicolon_is_a_plain_header_for_a_one_column_table() -> None:
    parsed = parse("a;b\nx\n", [{"name": "a;b", "type": "string"}])
    assert rows(parsed) == [["x"]]


def test_a_one_column_header_without_a_separator_is_a_missing_columns_problem_not_a_separator_one() -> None:
    parsed = parse("id\na\n")
    assert [(p.line, p.column, p.expected) for p in parsed.problems] == [
        (1, "n", "this column in the header (see datapackage.json)"),
        (1, "note", "this column in the header (see datapackage.json)"),
    ]


def test_a_blank_row_is_skipped_said_once_with_the_count_and_later_rows_keep_their_lines() -> None:
    parsed = parse("id,n,note\n\na,1,x\n,,\nb,2,y\n")
    assert rows(parsed) == [["a", "1", "x"], ["b", "2", "y"]]
    assert list(parsed.frame.index) == [1, 3]  # file line - 2: lines 3 and 5
    assert said(parsed.warnings) == [("t.csv", None, "blank rows skipped: 2")]


def test_a_row_with_a_cell_over_two_lines_keeps_the_line_it_starts_on_and_the_next_row_its_own() -> None:
    parsed = parse('id,n,note\na,1,"two\nlines"\nb,2,y\n')
    assert rows(parsed) == [["a", "1", "two\nlines"], ["b", "2", "y"]]
    assert list(parsed.frame.index) == [0, 2]


def test_trailing_empty_cells_are_dropped_but_a_row_too_long_with_a_value_is_refused_by_line() -> None:
    parsed = parse("id,n,note\na,1,x,,\nb,2,y,z\nc,3\n")
    assert parsed.frame is None
    assert seen(parsed.problems) == [
        ("t.csv", 3, None, "b,2,y,z", "3 cells like the header, not 4"),
        ("t.csv", 4, None, "c,3", "3 cells like the header, not 2"),
    ]


def test_a_row_too_long_shows_only_its_first_sixty_characters() -> None:
    parsed = parse("id,n,note\na,1,x," + "y" * 100 + "\n")
    [p] = parsed.problems
    assert p.value == "a,1,x," + "y" * 53 + "…"
    assert len(p.value) == 60


def test_trailing_empty_cells_alone_are_tolerated_without_a_note() -> None:
    parsed = parse("id,n,note\na,1,x,,,\n")
    assert rows(parsed) == [["a", "1", "x"]]
    assert parsed.warnings == [] and parsed.problems == []


def test_a_header_only_file_gives_an_empty_frame_with_the_schemas_columns() -> None:
    parsed = parse("id,n,note\n")
    assert parsed.problems == []
    assert list(parsed.frame.columns) == ["id", "n", "note"]
    assert len(parsed.frame) == 0


def test_an_empty_column_without_a_header_is_ignored_and_said_with_its_position() -> None:
    parsed = parse("id,,n,note\na,,1,x\n")
    assert rows(parsed) == [["a", "1", "x"]]
    assert said(parsed.warnings) == [("t.csv", None, "an empty column with no header (column 2); ignored")]


def test_a_column_without_a_header_that_holds_a_value_is_refused_with_its_position() -> None:
    parsed = parse("id,n,note,\na,1,x,\nb,2,y,oops\n")
    assert parsed.frame is None
    assert seen(parsed.problems) == [
        ("t.csv", 1, None, None, "a header for every column that holds values (column 4 has none)")
    ]


def test_a_duplicated_column_is_named_once_with_how_many_times_it_appears() -> None:
    parsed = parse("id,n,note,n,n\na,1,x,2,3\n")
    assert parsed.frame is None
    assert seen(parsed.problems) == [("t.csv", 1, "n", None, "this column once (the header has it 3 times)")]
    twice = parse("id,n,note,note\na,1,x,y\n")
    assert twice.frame is None
    assert seen(twice.problems) == [("t.csv", 1, "note", None, "this column once (the header has it 2 times)")]


def test_an_excel_file_saved_with_semicolons_gets_the_separator_problem_and_its_byte_order_mark_note() -> None:
    # Excel set to Polish (or German, French...) saves 'CSV' with semicolons and a byte-order mark.
    parsed = parse(b"\xef\xbb\xbfid;n;note\r\na;1;x\r\n")
    assert seen(parsed.problems) == [
        (
            "t.csv",
            1,
            None,
            "id;n;note",
            "columns separated by commas (this header uses ';': save it as 'CSV UTF-8 (comma delimited)')",
        )
    ]
    assert [w.what for w in parsed.warnings] == [
        "starts with a byte-order mark (as Excel saves 'CSV UTF-8'); ignored",
        "Windows line ends (CRLF); read as ordinary line ends",
    ]


def test_a_two_column_table_saved_with_semicolons_gets_the_separator_problem() -> None:
    parsed = parse("id;n\na;1\n", FIELDS[:2])
    assert [p.expected for p in parsed.problems] == [
        "columns separated by commas (this header uses ';': save it as 'CSV UTF-8 (comma delimited)')"
    ]


def test_a_file_refused_before_its_rows_are_read_keeps_the_notes_on_how_it_was_saved() -> None:
    bom = "starts with a byte-order mark (as Excel saves 'CSV UTF-8'); ignored"
    quoting = parse(b'\xef\xbb\xbfid,n,note\r\nb,2,"y"z\r\n')
    assert [p.line for p in quoting.problems] == [2]
    assert [w.what for w in quoting.warnings] == [bom, "Windows line ends (CRLF); read as ordinary line ends"]
    no_header = parse(b"\xef\xbb\xbf\na,1,x\n")
    assert [p.expected for p in no_header.problems] == ["a header row naming the columns on line 1"]
    assert [w.what for w in no_header.warnings] == [bom]


def test_a_line_break_inside_a_cell_reads_the_same_whatever_line_ends_the_file_was_saved_with() -> None:
    # The note says Windows and old Mac line ends are read as ordinary ones: inside a quoted cell too, so a file
    # saved again on another system gives the same cells (and the same downloads) as before.
    unix = rows(parse('id,n,note\na,1,"two\nlines"\nb,2,y\n'))
    assert rows(parse('id,n,note\r\na,1,"two\r\nlines"\r\nb,2,y\r\n')) == unix
    assert rows(parse('id,n,note\ra,1,"two\rlines"\rb,2,y\r')) == unix
    assert unix[0][2] == "two\nlines"


def test_an_unknown_column_is_tolerated_with_a_note_when_nothing_is_missing() -> None:
    parsed = parse("id,n,helper,note\na,1,h,x\n")
    assert rows(parsed) == [["a", "1", "x"]]
    assert said(parsed.warnings) == [("t.csv", "helper", "a column datapackage.json does not describe; ignored")]


def test_a_renamed_column_is_refused_naming_the_column_the_schema_misses() -> None:
    parsed = parse("id,count,notes\na,1,x\n")
    assert parsed.frame is None
    assert seen(parsed.problems) == [
        ("t.csv", 1, "count", None, "a column named in datapackage.json (missing: n, note)"),
        ("t.csv", 1, "notes", None, "a column named in datapackage.json (missing: n, note)"),
        ("t.csv", 1, "n", None, "this column in the header (see datapackage.json)"),
        ("t.csv", 1, "note", None, "this column in the header (see datapackage.json)"),
    ]


def test_a_nul_byte_in_the_header_is_removed_and_said() -> None:
    parsed = parse(b"id,n\x00,note\na,1,x\n")
    assert rows(parsed) == [["a", "1", "x"]]
    assert said(parsed.warnings) == [("t.csv", None, "a NUL byte in the header was removed")]


def test_problems_and_warnings_of_one_file_come_together() -> None:
    parsed = parse("id,n,note\n\na,1\n")
    assert [p.line for p in parsed.problems] == [3]
    assert [w.what for w in parsed.warnings] == ["blank rows skipped: 1"]
    assert parsed.frame is None


def test_a_cell_over_the_csv_modules_own_limit_is_read_so_the_checks_can_name_it() -> None:
    big = "x" * 200_000
    parsed = parse(f"id,n,note\na,1,{big}\n")
    assert rows(parsed) == [["a", "1", big]]


def test_the_frame_is_text_cells_never_typed_values() -> None:
    parsed = parse("id,n,note\na,007,x\n")
    assert parsed.frame.loc[0, "n"] == "007"
    assert isinstance(parsed.frame, pd.DataFrame)


SHIPPED_VERSION = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["version"]
TYPED_FIELDS: list[dict[str, Any]] = [
    {"name": "id", "type": "string"},
    {"name": "day", "type": "date"},
    {"name": "share", "type": "number"},
    {"name": "count", "type": "integer"},
    {"name": "open", "type": "boolean"},
    {"name": "plain"},
]


def tiny_folder(tmp_path: Path, text: str) -> tuple[Path, dict[str, Any]]:
    package = {"name": "tiny", "resources": [{"name": "t", "path": "t.csv", "schema": {"fields": TYPED_FIELDS}}]}
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    return tmp_path, package


def test_an_analyst_gets_dates_numbers_whole_numbers_yes_no_and_text_typed_with_empty_cells_missing(
    tmp_path: Path,
) -> None:
    folder, package = tiny_folder(
        tmp_path,
        "id,day,share,count,open,plain\n"
        "a,2025-04-29,0.5,235,true,x\n"
        "b,,,,,\n"
        "c,2024-01-01,2,7,FALSE,y\n"
        "d,2024-02-29,1e3,0,1,z\n"
        "e,2024-03-01,-1.25,-3,0,w\n"
        "f,2024-03-02,3,4,True,v\n"
        "g,2024-03-03,3,4,False,u\n"
        "h,2024-03-04,3,4,TRUE,t\n",
    )
    table = read_table(folder, package, "t")
    assert list(table.columns) == ["id", "day", "share", "count", "open", "plain"]
    assert list(table.index) == list(range(8)) and isinstance(table.index, pd.RangeIndex)
    assert pd.api.types.is_datetime64_any_dtype(table["day"])
    assert [str(table[c].dtype) for c in ("share", "count", "open", "plain", "id")] == [
        "Float64",
        "Int64",
        "boolean",
        "string",
        "string",
    ]
    assert table.loc[0, "day"] == pd.Timestamp("2025-04-29") and table.loc[3, "day"] == pd.Timestamp("2024-02-29")
    assert table["share"].tolist()[:1] + table["share"].tolist()[2:5] == [0.5, 2.0, 1000.0, -1.25]
    assert table["count"].tolist()[:1] + table["count"].tolist()[2:5] == [235, 7, 0, -3]
    assert table["open"].tolist() == [True, pd.NA, False, True, False, True, False, True]
    assert table.loc[0, "plain"] == "x" and table.loc[0, "id"] == "a"
    empty = table.loc[1]
    assert pd.isna(empty["day"]) and pd.isna(empty["share"]) and pd.isna(empty["count"])
    assert pd.isna(empty["open"]) and pd.isna(empty["plain"])


def test_reading_a_table_that_does_not_parse_raises_with_every_problem_on_one_line(tmp_path: Path) -> None:
    folder, package = tiny_folder(tmp_path, "id,day,share,count,open,plain\na,1\nb,2\n")
    with pytest.raises(ValueError) as error:
        read_table(folder, package, "t")
    assert str(error.value) == (
        "t.csv, row 1 (line 2): found 'a,1'; expected 6 cells like the header, not 2; "
        "t.csv, row 2 (line 3): found 'b,2'; expected 6 cells like the header, not 2"
    )


def test_the_loaded_tables_are_typed_and_numbered_from_zero_after_a_blank_row(mini_dir: Path) -> None:
    path = mini_dir / "models.csv"
    head, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(head + "\n\n" + rest, encoding="utf-8")
    dataset = load_dataset(mini_dir)
    assert dataset.ok, [str(p) for p in dataset.problems]
    models = dataset.tables["models"]
    assert list(models.index) == [0, 1, 2]
    for name, table in dataset.tables.items():  # no stray column (an old index) beside the schema's own
        assert list(table.columns) == [f["name"] for f in fields(dataset.package, name)], name
    assert models["open_weights"].tolist()[:2] == [True, False]
    assert pd.api.types.is_datetime64_any_dtype(models["release_date"])
    assert [w.what for w in dataset.warnings if w.file == "models.csv"] == ["blank rows skipped: 1"]
    assert set(dataset.tables) == set(table_names(dataset.package))


def test_no_package_file_names_where_it_was_looked_for(tmp_path: Path) -> None:
    dataset = load_dataset(tmp_path, stamp="s1")
    assert [(p.file, p.line, p.expected) for p in dataset.problems] == [
        ("datapackage.json", None, f"the file {tmp_path / 'datapackage.json'}")
    ]
    assert (dataset.package, dataset.tables, dataset.fingerprint) == ({}, {}, "s1")


def test_a_package_that_is_not_json_or_not_utf8_says_so(mini_dir: Path) -> None:
    (mini_dir / "datapackage.json").write_text('{"name": ', encoding="utf-8")
    [broken] = load_dataset(mini_dir, stamp="s2").problems
    assert (broken.file, broken.line) == ("datapackage.json", None)
    assert broken.expected.startswith("valid JSON (Expecting value: line 1 column 10")
    failed = load_dataset(mini_dir, stamp="s2")
    # The footer under the problems list reads the version and the as-of day: blank, not a crash.
    assert (failed.package, failed.version, failed.as_of, failed.tables) == ({}, "", "", {})
    (mini_dir / "datapackage.json").write_bytes(b'{"name": "caf\xe9"}')
    dataset = load_dataset(mini_dir, stamp="s2")
    assert [p.expected[:12] for p in dataset.problems] == ["valid JSON ("]
    assert "utf-8" in dataset.problems[0].expected and dataset.fingerprint == "s2"


def test_a_package_without_tables_is_one_problem_and_a_bad_stamp_is_named_with_it(mini_dir: Path) -> None:
    (mini_dir / "datapackage.json").write_text('["not", "a", "package"]', encoding="utf-8")
    dataset = load_dataset(mini_dir, stamp="s3")
    assert [p.expected for p in dataset.problems] == ["a data package with a non-empty 'resources' list"]
    assert (dataset.package, dataset.fingerprint) == ({}, "s3")
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    (mini_dir / "datapackage.json").write_text(json.dumps({**package, "created": "yesterday"}), encoding="utf-8")
    dataset = load_dataset(mini_dir, stamp="s3")
    assert [p.column for p in dataset.problems] == ["created"]
    assert dataset.package["created"] == "yesterday" and dataset.tables == {} and dataset.as_of == ""
    (mini_dir / "datapackage.json").write_text(
        json.dumps({**package, "created": "yesterday", "resources": []}), encoding="utf-8"
    )
    dataset = load_dataset(mini_dir, stamp="s3")
    assert [p.column for p in dataset.problems] == ["created", None]
    assert dataset.problems[1].expected == "a data package with a non-empty 'resources' list"


def test_a_table_file_the_package_lists_but_the_folder_lacks_is_named_with_every_other_problem(mini_dir: Path) -> None:
    (mini_dir / "chips.csv").unlink()
    (mini_dir / "events.csv").unlink()
    rewrite_csv(mini_dir / "models.csv", lambda h, rows: rows[0].update(release_date="2025-02-30"))
    (mini_dir / "sources.csv").write_bytes(b"\xef\xbb\xbf" + (mini_dir / "sources.csv").read_bytes())
    dataset = load_dataset(mini_dir, stamp="s4")
    assert [(p.file, p.line, p.column, p.expected) for p in dataset.problems] == [
        ("models.csv", 2, "release_date", "a date written YYYY-MM-DD"),
        ("chips.csv", None, None, "the file chips.csv in the data folder (datapackage.json lists it)"),
        ("events.csv", None, None, "the file events.csv in the data folder (datapackage.json lists it)"),
    ]
    assert dataset.tables == {} and dataset.fingerprint == "s4"
    assert [(w.file, w.what) for w in dataset.warnings] == [
        ("sources.csv", "starts with a byte-order mark (as Excel saves 'CSV UTF-8'); ignored")
    ]
    # The footer under the problems list still names the data's version.
    assert dataset.version == SHIPPED_VERSION


def test_a_tables_key_stays_unique_even_where_its_field_does_not_say_so(mini_dir: Path) -> None:
    package = json.loads((mini_dir / "datapackage.json").read_text(encoding="utf-8"))
    [models] = [r for r in package["resources"] if r["name"] == "models"]
    [key] = [f for f in models["schema"]["fields"] if f["name"] == "model_id"]
    key.pop("constraints")
    (mini_dir / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert load_dataset(mini_dir).ok
    rewrite_csv(mini_dir / "models.csv", lambda h, rows: rows[1].update(model_id="m_one"))
    assert [(p.file, p.line, p.column, p.expected) for p in load_dataset(mini_dir).problems] == [
        ("models.csv", 3, "model_id", "a unique id (this one is used by an earlier row)")
    ]


def test_a_table_with_only_its_header_is_a_problem_unless_it_may_be_empty(mini_dir: Path) -> None:
    for name in ("models", "standings"):
        path = mini_dir / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    problems = load_dataset(mini_dir).problems
    assert [(p.file, p.line, p.expected) for p in problems if p.file != "models.csv" or p.line == 2][:1] == [
        ("models.csv", 2, "at least one data row under the header")
    ]
    assert not [p for p in problems if p.file == "standings.csv"]


def test_the_notes_of_a_load_that_failed_are_kept_beside_its_problems(mini_dir: Path) -> None:
    path = mini_dir / "models.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    rewrite_csv(mini_dir / "chips.csv", lambda h, rows: rows[0].update(designer_id="nobody"))
    dataset = load_dataset(mini_dir, stamp="s6")
    assert [p.file for p in dataset.problems] == ["chips.csv"]
    assert (dataset.version, dataset.fingerprint, dataset.tables) == (SHIPPED_VERSION, "s6", {})
    assert [w.what for w in dataset.warnings] == [
        "starts with a byte-order mark (as Excel saves 'CSV UTF-8'); ignored",
        "Windows line ends (CRLF); read as ordinary line ends",
    ]


def test_a_check_of_the_rules_layer_passed_in_sees_the_typed_tables_and_its_problems_block_the_load(
    mini_dir: Path,
) -> None:
    seen_tables: list[dict[str, pd.DataFrame]] = []

    def lanes_named(tables: dict[str, pd.DataFrame]) -> list[Problem]:
        seen_tables.append(tables)
        return [problem("lanes.csv", 2, "lane_id", "x", N_("a lane the story knows"))]

    def nothing(tables: dict[str, pd.DataFrame]) -> list[Problem]:
        return []

    dataset = load_dataset(mini_dir, stamp="s7", checks=[nothing, lanes_named])
    assert [(p.file, p.expected) for p in dataset.problems] == [("lanes.csv", "a lane the story knows")]
    assert dataset.tables == {} and not dataset.ok
    assert (dataset.version, dataset.fingerprint) == (SHIPPED_VERSION, "s7")
    assert [w.what for w in dataset.warnings] == []
    [tables] = seen_tables
    assert pd.api.types.is_datetime64_any_dtype(tables["models"]["release_date"])
    assert load_dataset(mini_dir, checks=[nothing]).ok


def test_a_cross_table_problem_is_kept_when_the_rules_checks_find_nothing_and_so_are_the_notes(mini_dir: Path) -> None:
    # models.csv row 1 says its date is known only to the month but gives the 15th: a rule on the typed tables.
    rewrite_csv(mini_dir / "models.csv", lambda h, rows: rows[0].update(release_date="2025-04-15"))
    rewrite_csv(mini_dir / "models.csv", lambda h, rows: rows[0].update(release_precision="month"))
    (mini_dir / "models.csv").write_bytes(b"\xef\xbb\xbf" + (mini_dir / "models.csv").read_bytes())
    dataset = load_dataset(mini_dir, checks=[lambda tables: []])
    assert [(p.file, p.line, p.column) for p in dataset.problems] == [("models.csv", 2, "release_date")]
    assert dataset.tables == {}
    assert [w.what for w in dataset.warnings] == ["starts with a byte-order mark (as Excel saves 'CSV UTF-8'); ignored"]


def test_a_point_outside_its_country_blocks_the_load_after_the_rules_checks(mini_dir: Path) -> None:
    rewrite_csv(mini_dir / "locations.csv", lambda h, rows: rows[0].update(lat="48.85", lon="2.35"))
    dataset = load_dataset(mini_dir)
    assert [(p.file, p.line) for p in dataset.problems][:1] == [("locations.csv", 2)]
    assert dataset.tables == {}


def test_a_file_shape_no_rule_foresaw_gives_one_problem_about_the_data_folder_not_a_traceback(
    mini_dir: Path,
) -> None:
    def broken(tables: dict[str, pd.DataFrame]) -> list[Problem]:
        raise RuntimeError("boom")

    dataset = load_dataset(mini_dir, stamp="s5", checks=[broken])
    assert [(p.file, p.line, p.column, p.value, p.expected) for p in dataset.problems] == [
        ("(data folder)", None, None, None, "files the checks can read (RuntimeError('boom'))")
    ]
    assert (dataset.package, dataset.tables, dataset.fingerprint) == ({}, {}, "s5")


def test_a_load_is_stamped_with_the_folders_fingerprint_unless_given_one(mini_dir: Path) -> None:
    assert load_dataset(mini_dir).fingerprint == fingerprint(mini_dir)
    assert load_dataset(str(mini_dir), stamp="given").fingerprint == "given"
    assert len(fingerprint(mini_dir)) == 16
    assert fingerprint(mini_dir) == fingerprint(mini_dir)


def test_the_fingerprint_sees_a_new_file_a_renamed_one_and_ignores_a_sub_folder(mini_dir: Path) -> None:
    before = fingerprint(mini_dir)
    (mini_dir / "releases").mkdir()
    assert fingerprint(mini_dir) == before
    (mini_dir / "releases" / "1.0.0.json").write_text("{}", encoding="utf-8")
    assert fingerprint(mini_dir) == before
    stat = (mini_dir / "glossary.csv").stat()
    (mini_dir / "glossary.csv").rename(mini_dir / "glossary2.csv")
    os.utime(mini_dir / "glossary2.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    renamed = fingerprint(mini_dir)
    assert renamed != before
    (mini_dir / "extra.txt").write_text("", encoding="utf-8")
    assert fingerprint(mini_dir) != renamed


def test_the_version_is_the_packages_own_when_it_is_a_version_number_and_blank_otherwise() -> None:
    assert Dataset({"version": "1.2.3"}).version == "1.2.3"
    assert Dataset({"version": "1.2"}).version == "1.2"
    assert Dataset({"version": "v1"}).version == ""
    assert Dataset({"version": 3}).version == ""
    assert Dataset({}).version == ""


def test_the_as_of_day_is_the_created_stamps_day_when_it_is_a_real_day() -> None:
    assert Dataset({"created": "2026-12-05T00:00:00Z"}).as_of == "2026-12-05"
    assert Dataset({"created": "2026-02-30T00:00:00Z"}).as_of == ""
    assert Dataset({}).as_of == ""


def test_a_dataset_without_problems_is_ok_and_one_with_problems_reaches_nowhere() -> None:
    assert Dataset({}).ok and Dataset({}).tables == {} and Dataset({}).warnings == []
    failed = Dataset({}, problems=[problem("t.csv", None, None, None, N_("a value"))])
    assert not failed.ok and failed.reviewed_through == "" and failed.fingerprint == ""


def test_a_tool_reading_a_table_never_guesses_the_order_of_a_date_not_written_year_month_day(tmp_path: Path) -> None:
    # 04/05/2025 is the 4th of May to a European reader and April 5th to pandas' guess: refused, not guessed.
    folder, package = tiny_folder(tmp_path, "id,day,share,count,open,plain\na,04/05/2025,,,,\n")
    with pytest.raises(ValueError, match="04/05/2025"):
        read_table(folder, package, "t")


def test_a_column_with_no_value_yet_keeps_its_type_yes_no_date_number_or_text(tmp_path: Path) -> None:
    folder, package = tiny_folder(tmp_path, "id,day,share,count,open,plain\na,,,,,\nb,,,,,\n")
    table = read_table(folder, package, "t")
    assert str(table["open"].dtype) == "boolean"
    assert table["open"].isna().all()
    assert pd.api.types.is_datetime64_any_dtype(table["day"])
    assert [str(table[c].dtype) for c in ("share", "count", "plain")] == ["Float64", "Int64", "string"]
