"""The words of Export status a reader sees and cites, in both languages: the two-days comparison, a chip profile's
answers, an answer's records, and the corrections offered under them (tests/test_status.py checks the answers)."""

from __future__ import annotations

import pytest

from supplychain.i18n import language_of
from supplychain.rules import status_words as words

DAY, LATER = "1 Jan 2025", "9 Apr 2025"


@pytest.mark.parametrize(
    ("language", "heading", "choose", "between", "none"),
    [
        (
            "en",
            "Two days side by side",
            "Choose the two days (in a link: cmp_from and cmp_to)",
            "Answers that differ between 1 Jan 2025 and 9 Apr 2025:",
            "Every chip has the same answer on 1 Jan 2025 and 9 Apr 2025.",
        ),
        (
            "pl",
            "Dwa dni obok siebie",
            "Wybierz dwa dni (w linku: cmp_from i cmp_to)",
            "Odpowiedzi, które różnią się między 1 Jan 2025 a 9 Apr 2025:",
            "Każdy chip ma tę samą odpowiedź w dniach 1 Jan 2025 i 9 Apr 2025.",
        ),
    ],
)
def test_the_two_days_section_names_both_days_earlier_first_in_the_readers_language(
    language, heading, choose, between, none
) -> None:
    with language_of(language):
        assert words.compare_heading() == heading
        assert words.compare_choose() == choose
        assert words.compare_between(DAY, LATER) == between
        assert words.compare_none(DAY, LATER) == none


def test_a_chip_whose_answer_changed_reads_name_before_after_and_the_measure_that_changed_it() -> None:
    assert words.compare_line("Nvidia H20", "Yes", "No", "US rule") == "**Nvidia H20**: Yes → No · changed by US rule"
    with language_of("pl"):
        assert words.compare_line("H20", "Tak", "Nie", "US rule") == "**H20**: Tak → Nie · zmiana wskutek: US rule"


@pytest.mark.parametrize(
    ("language", "reviewed", "report"),
    [
        ("en", "On the reviewed-through day, 30 Nov 2026 (the record's reach)", "On the report's date, 1 Jun 2025"),
        ("pl", "W dniu, do którego dane sprawdzono, 30 Nov 2026 (zasięg danych)", "W dniu raportu, 1 Jun 2025"),
    ],
)
def test_a_chip_profiles_two_answers_are_introduced_by_the_day_each_answers_for(language, reviewed, report) -> None:
    with language_of(language):
        assert words.profile_reviewed_when("30 Nov 2026") == reviewed
        assert words.profile_report_when("1 Jun 2025") == report


def test_an_answers_records_name_the_deciding_measure_the_date_and_the_tie_with_its_certainty() -> None:
    assert words.deciding_measure("[Rule](m)", "since 9 Apr 2025") == "Deciding measure: [Rule](m), since 9 Apr 2025"
    assert words.deciding_measure("[Rule](m)", "") == "Deciding measure: [Rule](m)", "no dangling comma"
    assert words.date_record("[BIS](u)") == "Date from: [BIS](u)"
    assert words.tie_record("[BIS](u)", "official record") == "Source: [BIS](u) (official record)"
    assert words.tie_record("[BIS](u)", "") == "Source: [BIS](u)", "no empty brackets"
    with language_of("pl"):
        assert words.date_record("[BIS](u)") == "Data według: [BIS](u)"
        assert words.deciding_measure("[R](m)", "od 9 Apr 2025") == "Rozstrzygający środek: [R](m), od 9 Apr 2025"


@pytest.mark.parametrize(
    ("language", "about", "table", "hint"),
    [
        (
            "en",
            "the export-status answer for the Nvidia H20: “Could it?”",
            "rows of the export-status table on 1 Jun 2025",
            "Select rows (the boxes at their left) to suggest a correction to them.",
        ),
        (
            "pl",
            "odpowiedź o statusie eksportowym dla Nvidia H20: „Could it?”",
            "wiersze tabeli statusu eksportowego w dniu 1 Jun 2025",
            "Zaznacz wiersze (pola po ich lewej stronie), aby zaproponować do nich poprawkę.",
        ),
    ],
)
def test_a_correction_says_which_answer_or_which_days_rows_it_is_about(language, about, table, hint) -> None:
    with language_of(language):
        assert words.correction_about("Nvidia H20", "Could it?") == about
        assert words.correction_table_about("1 Jun 2025") == table
        assert words.correction_rows_hint() == hint


@pytest.mark.parametrize("basis", [None, words.SINCE_TIE, words.SINCE_AT_LEAST, words.SINCE_UNKNOWN])
def test_an_answer_without_a_start_day_reads_start_not_known_whatever_its_basis(basis) -> None:
    assert words.since_phrase(basis, "") == "(start not known)"
    assert words.since_cell(basis, "") == "not known"


def test_a_start_day_reads_since_that_day_since_at_least_that_day_or_not_known_by_its_basis() -> None:
    assert [words.since_phrase(b, "9 Apr 2025") for b in (None, "tie", "at_least", "unknown")] == [
        "since 9 Apr 2025",
        "since 9 Apr 2025",
        "since at least 9 Apr 2025",
        "(start not known)",
    ]
    assert [words.since_cell(b, "9 Apr 2025") for b in (None, "tie", "at_least", "unknown")] == [
        "9 Apr 2025",
        "9 Apr 2025",
        "at least 9 Apr 2025",
        "not known",
    ]
