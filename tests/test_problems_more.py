"""A problem or a loader's note as a curator reads it: where (file, row and line, column), what was found (short),
what was expected or done, numbers written the reader's way, in the reader's language."""

from __future__ import annotations

import babel.numbers
import pytest

from supplychain.data.problems import SHOWN_CHARS, LoadWarning, Problem, cut, problem, warning
from supplychain.i18n import N_, language_of


def test_a_value_is_shown_whole_up_to_eighty_characters_and_cut_with_an_ellipsis_beyond() -> None:
    assert SHOWN_CHARS == 80
    assert cut("x" * 80) == "x" * 80
    assert cut("x" * 81) == "x" * 79 + "…"
    assert len(cut("y" * 10_000)) == 80
    assert cut(None) == "None"


def test_a_problem_echoes_a_huge_cell_cut_to_eighty_characters_and_keeps_a_short_one_whole() -> None:
    huge = problem("notes.csv", 7, "note", "z" * 100_000, N_("a value"))
    assert huge.value == "z" * 79 + "…"
    assert problem("notes.csv", 7, "note", "short", N_("a value")).value == "short"
    assert problem("notes.csv", 7, "note", 12, N_("a value")).value == "12"
    assert problem("notes.csv", 7, "note", None, N_("a value")).value is None


def test_a_problem_keeps_where_it_is_and_its_message_apart_from_its_values() -> None:
    found = problem("t.csv", 4, "n", "b,2", N_("{width} cells like the header, not {cells}"), width=3, cells=2)
    assert (found.file, found.line, found.column, found.value) == ("t.csv", 4, "n", "b,2")
    assert found.template == "{width} cells like the header, not {cells}"
    assert found.values == (("width", 3), ("cells", 2))
    assert found.expected == "3 cells like the header, not 2"


def test_a_long_text_value_in_a_message_is_cut_but_numbers_are_kept_as_numbers() -> None:
    error = "e" * 500
    found = problem("x.csv", None, None, None, N_("a readable CSV file ({error})"), error=error)
    assert found.values == (("error", "e" * 79 + "…"),)
    assert found.expected == "a readable CSV file (" + "e" * 79 + "…)"
    share = problem("x.csv", 2, "s", None, N_("{share} and {n}"), share=0.5, n=12)
    assert share.values == (("share", 0.5), ("n", 12))
    assert isinstance(share.values[1][1], int)


def test_whole_numbers_are_grouped_the_readers_way_but_a_yes_or_no_and_a_fraction_are_not() -> None:
    found = problem(
        "x.csv", 2, "c", None, N_("{n} of {total}: {flag} {share}"), n=1234, total=200_000, flag=True, share=0.25
    )
    assert found.expected == "1,234 of 200,000: True 0.25"
    with language_of("pl"):
        assert found.describe() == "1\xa0234 of 200\xa0000: True 0.25"
    assert found.describe() == "1,234 of 200,000: True 0.25"


def test_a_problem_on_line_one_is_the_header_and_on_another_line_names_the_row_under_it() -> None:
    assert str(problem("t.csv", 1, None, None, N_("a header row naming the columns on line 1"))) == (
        "t.csv, header (line 1); expected a header row naming the columns on line 1"
    )
    assert str(problem("t.csv", 2, None, None, N_("a value"))) == "t.csv, row 1 (line 2); expected a value"
    assert str(problem("t.csv", 12, "n", "0", N_("a value"))) == (
        "t.csv, row 11 (line 12), column 'n': found '0'; expected a value"
    )


def test_a_problem_with_no_line_column_or_value_names_only_the_file() -> None:
    assert str(problem("t.csv", None, None, None, N_("a value"))) == "t.csv; expected a value"
    assert str(problem("t.csv", None, "", "", N_("a value"))) == "t.csv; expected a value"
    assert str(problem("t.csv", None, "n", None, N_("a value"))) == "t.csv, column 'n'; expected a value"


def test_a_problem_reads_in_polish_for_a_polish_reader_and_keeps_the_english_for_the_logs() -> None:
    found = problem("t.csv", 4, "n", "b,2", N_("{width} cells like the header, not {cells}"), width=3, cells=2)
    header = problem("t.csv", 1, "kind", None, N_("a value"))
    with language_of("pl"):
        assert str(found) == (
            "t.csv, wiersz 3 (linia 4), kolumna 'n': znaleziono 'b,2'; "
            "oczekiwano: tyle komórek co w nagłówku (3), nie 2"
        )
        assert str(header).startswith("t.csv, nagłówek (linia 1), kolumna 'kind'; oczekiwano: ")
        assert found.expected == "3 cells like the header, not 2"
    assert str(found) == "t.csv, row 3 (line 4), column 'n': found 'b,2'; expected 3 cells like the header, not 2"


def test_a_note_on_a_file_says_what_was_done_with_its_count_and_its_column_when_it_has_one() -> None:
    blank = warning("t.csv", None, N_("blank rows skipped: {n}"), n=2500)
    assert (blank.file, blank.column, blank.template, blank.values) == (
        "t.csv",
        None,
        "blank rows skipped: {n}",
        (("n", 2500),),
    )
    assert blank.what == "blank rows skipped: 2,500"
    assert str(blank) == "t.csv: blank rows skipped: 2,500"
    helper = warning("t.csv", "helper", N_("a column datapackage.json does not describe; ignored"))
    assert str(helper) == "t.csv, column 'helper': a column datapackage.json does not describe; ignored"
    assert helper.values == ()
    with language_of("pl"):
        assert str(blank) == "t.csv: pominięte puste wiersze: 2\xa0500"
        assert blank.describe() == "pominięte puste wiersze: 2\xa0500"
        assert blank.what == "blank rows skipped: 2,500"


def test_a_note_with_a_long_value_cuts_it() -> None:
    note = warning("t.csv", None, N_("{error}"), error="w" * 300)
    assert note.values == (("error", "w" * 79 + "…"),)


def test_problems_and_notes_are_values_equal_when_they_say_the_same_and_can_be_counted_in_a_set() -> None:
    one = problem("t.csv", 2, "n", "x", N_("a value"), n=1)
    assert one == problem("t.csv", 2, "n", "x", N_("a value"), n=1)
    assert len({one, problem("t.csv", 2, "n", "x", N_("a value"), n=1)}) == 1
    assert LoadWarning("t.csv", None, "x") == warning("t.csv", None, "x")
    assert Problem("t.csv", 2, "n", "x", "a value", (("n", 1),)) == one


def test_the_english_wording_writes_numbers_the_english_way_even_on_a_machine_set_to_polish(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(babel.numbers, "LC_NUMERIC", "pl_PL")  # Babel's default: the machine's LC_NUMERIC
    found = problem(
        "x.csv", 2, "c", None, N_("a value of at most {chars} characters (this one has more)"), chars=200_000
    )
    assert found.expected == "a value of at most 200,000 characters (this one has more)"
    assert warning("t.csv", None, N_("blank rows skipped: {n}"), n=1234).what == "blank rows skipped: 1,234"
