"""The one CSV parser and the loader, told apart by what a curator sees: which file, line and column a problem names,
what the loader tolerated (and says so), and the typed values an analyst gets."""

from __future__ import annotations

from typing import Any

import pandas as pd

from supplychain.data.load import ParsedTable, parse_csv
from supplychain.data.problems import LoadWarning, Problem

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
    assert parse(b"id\x00\n\x00x", one_field).frame is None  # 2 NULs of 6 bytes: 2 * 3 >= 6
    assert parse(b"idx\x00\n\x00x", one_field).problems == []  # 2 NULs of 7 bytes


def test_a_byte_order_mark_is_dropped_and_said_and_the_first_column_keeps_its_name() -> None:
    parsed = parse(b"\xef\xbb\xbfid,n,note\na,1,x\n")
    assert rows(parsed) == [["a", "1", "x"]]
    assert said(parsed.warnings) == [
        ("t.csv", None, "starts with a byte-order mark (as Excel saves 'CSV UTF-8'); ignored")
    ]


def test_a_windows_1252_file_names_the_line_and_shows_the_bytes_around_the_bad_one() -> None:
    data = b"id,n,note\na,1,ok\nb,2,caf" + b"\xe9 au lait\n"
    parsed = parse(data)
    assert parsed.frame is None
    assert seen(parsed.problems) == [
        (
            "t.csv",
            3,
            None,
            ",note\na,1,ok\nb,2,caf\ufffd au lait\n",
            "UTF-8 text (saved in another encoding, such as Windows-1252: save it as 'CSV UTF-8')",
        )
    ]
    assert parsed.warnings == []


def test_a_bad_byte_on_the_first_line_shows_the_bytes_from_the_start_of_the_file() -> None:
    parsed = parse(b"id,n,n\xe9te\n")
    assert [(p.line, p.value) for p in parsed.problems] == [(1, "id,n,n\ufffdte\n")]


def test_a_byte_order_mark_before_a_bad_byte_is_still_said() -> None:
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
        assert (p.line, p.column, p.value) == (1, None, separator.join(["id", "n", "note"]))
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
