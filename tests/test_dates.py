"""Precision-aware dates: period ends, wording at precision, and the Map's and the status's start rules.

Every expected value here is written by hand (a calendar, not the code under test).
"""

from __future__ import annotations

import pandas as pd
import pytest

from supplychain.data.cells import cell_or_none, cell_text
from supplychain.data.dates import (
    MAP_DATE_NOTE,
    PRECISION_LABELS,
    STATUS_DATE_NOTE,
    UNKNOWN,
    format_date,
    format_long_date,
    format_span,
    in_period,
    is_blank,
    map_counts_from,
    next_period_start,
    period_end,
    precision_of,
    status_counts_from,
)
from supplychain.data.labels import enum_labels
from supplychain.i18n import language_of, set_language

T = pd.Timestamp


@pytest.mark.parametrize(
    ("day", "precision", "last"),
    [
        ("2025-04-01", "month", "2025-04-30"),
        ("2024-02-01", "month", "2024-02-29"),
        ("2023-02-01", "month", "2023-02-28"),
        ("2025-12-01", "month", "2025-12-31"),
        ("2021-01-01", "year", "2021-12-31"),
        ("2025-04-09", "day", "2025-04-09"),
        ("2025-04-09", None, "2025-04-09"),
        ("2025-04-09", float("nan"), "2025-04-09"),
    ],
)
def test_an_imprecise_date_spans_its_whole_month_or_year(day: str, precision, last: str) -> None:
    assert period_end(day, precision) == T(last)


@pytest.mark.parametrize(
    ("day", "precision", "following"),
    [
        ("2025-04-01", "month", "2025-05-01"),
        ("2025-12-01", "month", "2026-01-01"),
        ("2024-01-01", "year", "2025-01-01"),
        ("2025-04-09", "day", "2025-04-10"),
        ("2024-02-28", "day", "2024-02-29"),
    ],
)
def test_the_next_period_starts_the_day_after_it_ends(day: str, precision: str, following: str) -> None:
    assert next_period_start(day, precision) == T(following)


@pytest.mark.parametrize(
    ("value", "precision", "text"),
    [
        ("2025-04-09", "day", "9 Apr 2025"),
        ("2025-04-01", "month", "Apr 2025"),
        ("2023-01-01", "year", "2023"),
        ("2025-11-27", None, "27 Nov 2025"),
        (None, "day", "date unknown"),
        (pd.NaT, "month", "date unknown"),
        ("", "day", "date unknown"),
    ],
)
def test_a_date_is_worded_never_more_precise_than_known(value, precision, text: str) -> None:
    assert format_date(value, precision) == text


@pytest.mark.parametrize(
    ("start", "sp", "end", "ep", "text"),
    [
        ("2025-04-01", "month", "2025-05-13", "day", "Apr 2025 – 13 May 2025"),
        ("2021-01-01", "month", None, None, "since Jan 2021"),
        (None, None, "2023-01-01", "year", "until 2023"),
        (pd.NaT, None, pd.NaT, None, "date unknown"),
        ("2022-10-07", "day", "2023-01-01", "year", "7 Oct 2022 – 2023"),
    ],
)
def test_a_period_is_worded_at_the_precision_of_each_end(start, sp, end, ep, text: str) -> None:
    assert format_span(start, sp, end, ep) == text


@pytest.mark.parametrize(
    ("start", "sp", "end", "ep", "text"),
    [
        ("2025-04-01", "month", None, None, "od kwietnia 2025"),
        (None, None, "2025-04-01", "month", "do kwietnia 2025"),
        ("2025-04-01", "month", "2025-06-01", "month", "kwiecień 2025 – czerwiec 2025"),
        ("2025-04-01", "month", "2025-05-13", "day", "kwiecień 2025 – 13 maja 2025"),
        (None, None, None, None, "data nieznana"),
    ],
)
def test_in_polish_since_and_until_name_the_month_as_after_a_preposition_and_a_span_names_it_alone(
    start, sp, end, ep, text: str
) -> None:
    set_language("pl")
    try:
        assert format_span(start, sp, end, ep) == text
    finally:
        set_language("en")


def test_one_word_for_an_unknown_date() -> None:
    assert UNKNOWN == "date unknown"
    assert format_span(None, None, None, None) == format_date(None) == UNKNOWN


def test_a_list_a_dict_or_a_zero_in_a_cell_is_a_value_and_shows_as_itself() -> None:
    assert not is_blank(["a", "b"]) and not is_blank({"a": 1}) and not is_blank(0)
    assert cell_text(0) == "0" and cell_text(" x ") == " x " and cell_text(None) == "" and cell_text("  ") == ""
    assert (
        cell_or_none(0) == 0 and cell_or_none("x") == "x" and cell_or_none(" ") is None and cell_or_none(pd.NA) is None
    )


def test_blank_and_precision_defaults() -> None:
    assert is_blank(None) and is_blank(float("nan")) and is_blank(pd.NaT) and is_blank("  ") and is_blank(pd.NA)
    assert not is_blank("2025-01-01") and not is_blank(T("2025-01-01"))
    assert precision_of(None) == "day" and precision_of("") == "day" and precision_of("month") == "month"
    assert set(PRECISION_LABELS) == {"day", "month", "year"}


@pytest.mark.parametrize(
    ("day", "when", "precision", "inside"),
    [
        ("2025-04-01", "2025-04-01", "month", True),
        ("2025-04-30", "2025-04-01", "month", True),
        ("2025-05-01", "2025-04-01", "month", False),
        ("2025-03-31", "2025-04-01", "month", False),
        ("2023-07-15", "2023-01-01", "year", True),
        ("2025-04-09", "2025-04-09", "day", False),
        ("2025-04-09", None, "month", False),
    ],
)
def test_days_inside_an_imprecise_period(day: str, when, precision: str, inside: bool) -> None:
    assert in_period(day, when, precision) is inside


def test_the_map_counts_a_month_only_start_from_the_months_last_day() -> None:
    assert map_counts_from("2025-04-01", "month") == T("2025-04-30")
    assert map_counts_from("2024-01-01", "year") == T("2024-12-31")
    assert map_counts_from("2025-04-09", "day") == T("2025-04-09")


def test_the_status_counts_a_month_only_start_from_the_months_first_day() -> None:
    assert status_counts_from("2025-04-01", "month") == T("2025-04-01")
    assert status_counts_from("2024-01-01", "year") == T("2024-01-01")
    assert status_counts_from("2025-04-09", "day") == T("2025-04-09")


def test_the_two_rules_differ_only_inside_the_imprecise_period() -> None:
    """On 10 Apr 2025, a start of "April 2025" has begun for the status but not for the Map."""
    when, precision = "2025-04-01", "month"
    for day, same in [("2025-03-31", True), ("2025-04-10", False), ("2025-04-30", True), ("2025-05-01", True)]:
        begun_map = map_counts_from(when, precision) <= T(day)
        begun_status = status_counts_from(when, precision) <= T(day)
        assert (begun_map == begun_status) is same, day
        assert in_period(day, when, precision) is (day in ("2025-04-10", "2025-04-30"))


def test_readers_are_told_where_the_map_and_the_status_differ() -> None:
    assert "last day" in MAP_DATE_NOTE and "first day" in MAP_DATE_NOTE and "differ" in MAP_DATE_NOTE
    assert "first day" in STATUS_DATE_NOTE and "Map" in STATUS_DATE_NOTE and "differ" in STATUS_DATE_NOTE


def test_a_date_with_a_precision_no_one_wrote_reads_as_its_day() -> None:
    assert format_date("2025-04-29", "fortnight") == "29 Apr 2025"


def test_a_month_date_written_as_the_months_last_day_still_ends_that_month() -> None:
    assert period_end("2025-04-30", "month") == pd.Timestamp("2025-04-30")
    assert period_end("2024-02-29", "month") == pd.Timestamp("2024-02-29")


@pytest.mark.parametrize(
    ("day", "precision", "first"),
    [
        ("2025-04-15", "month", "2025-04-01"),
        ("2025-04-01", "month", "2025-04-01"),
        ("2023-07-09", "year", "2023-01-01"),
        ("2025-04-15", "day", "2025-04-15"),
        ("2025-04-15", None, "2025-04-15"),
    ],
)
def test_the_status_counts_a_month_or_year_from_its_first_day_wherever_it_was_written(day, precision, first) -> None:
    assert status_counts_from(day, precision) == pd.Timestamp(first)


def test_every_day_of_a_month_written_mid_month_is_inside_it() -> None:
    assert in_period("2025-04-02", "2025-04-15", "month") and in_period("2025-04-30", "2025-04-15", "month")
    assert not in_period("2025-03-31", "2025-04-15", "month") and not in_period("2025-05-01", "2025-04-15", "month")


def test_a_citation_writes_the_month_out_in_the_readers_language() -> None:
    with language_of("en"):
        assert format_long_date("2025-11-27") == "27 November 2025"
        assert format_long_date(None) == UNKNOWN
    with language_of("pl"):
        assert format_long_date(pd.Timestamp("2025-11-27")) == "27 listopada 2025"
        assert format_long_date("2026-01-05") == "5 stycznia 2026"


def test_only_a_precision_column_borrows_the_precision_words() -> None:
    assert enum_labels("models", "release_precision") == dict(PRECISION_LABELS)
    assert enum_labels("events", "date_precision") == dict(PRECISION_LABELS)
    assert enum_labels("models", "name") == {}
