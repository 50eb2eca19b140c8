"""Precision-aware dates: the one place that says where a month- or year-precision date ends, how a date is
worded at its precision, and from which day an imprecise start counts (the Map's rule and the status's rule).

The data stores an imprecise date at the first day it could mean (a month as YYYY-MM-01, a year as YYYY-01-01)
and names its precision (day / month / year) in the paired `*_precision` column.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from babel.dates import format_date as babel_format_date

from supplychain.data.cells import is_blank
from supplychain.i18n import N_, Words, _, current_language

DAY, MONTH, YEAR = "day", "month", "year"

# The range every date picker and date setting accepts (Timeline From/To, "As of"): wider than any record.
DATE_LOW, DATE_HIGH = date(2015, 1, 1), date(2030, 12, 31)
# What a date setting accepts, in words (read through `date_range_words`).
DATE_RANGE_WORDS = N_("a day in {first}-{last}")


def date_range_words(words: str = DATE_RANGE_WORDS) -> str:
    """`words` (a msgid with {first} and {last}) in the reader's language, filled with the years of the range."""
    return _(words).format(first=DATE_LOW.year, last=DATE_HIGH.year)


# The one word for a date the sources do not give, wherever a date is worded (read it through `_`).
UNKNOWN = N_("date unknown")

# How much of a date is known, in words (tooltips, details): month precision never reads as the 1st.
PRECISION_LABELS = Words({DAY: N_("exact day"), MONTH: N_("month only (day not known)"), YEAR: N_("year only")})

# Babel (CLDR) patterns per language and precision: "5 Jun 2026" / "5 czerwca 2026", "Jun 2026" / "czerwiec 2026".
# Polish names a month alone in the nominative (czerwiec 2026) but after "od"/"do" in the genitive (od czerwca 2026).
_PATTERNS: dict[str, dict[str, str]] = {
    "en": {DAY: "d MMM y", MONTH: "MMM y", YEAR: "y"},
    "pl": {DAY: "d MMMM y", MONTH: "LLLL y", YEAR: "y"},
}
_AFTER_PREPOSITION: dict[str, dict[str, str]] = {"pl": {MONTH: "MMMM y"}}


def precision_of(value: Any) -> str:
    """The precision a cell names; a blank precision means the day is known (the schema's default)."""
    return DAY if is_blank(value) else str(value)


def period_start(day: Any, precision: Any) -> pd.Timestamp:
    """The first day a date of this precision could stand for: the day itself, the month's or the year's first.

    Month and year dates are stored on the period's first day by convention; one written mid-month
    (2025-04-15, "month") still starts on 2025-04-01.
    """
    stamp = pd.Timestamp(day)
    precision = precision_of(precision)
    if precision == MONTH:
        return stamp.replace(day=1)
    if precision == YEAR:
        return stamp.replace(month=1, day=1)
    return stamp


def period_end(day: Any, precision: Any) -> pd.Timestamp:
    """The last day a date of this precision could stand for: the day itself, the month's or the year's end.

    period_end(2025-04-01, "month") is 2025-04-30; period_end(2023-01-01, "year") is 2023-12-31.
    """
    stamp = pd.Timestamp(day)
    precision = precision_of(precision)
    if precision == MONTH:
        return stamp + pd.offsets.MonthEnd(0)
    if precision == YEAR:
        return pd.Timestamp(year=stamp.year, month=12, day=31)
    return stamp


def next_period_start(day: Any, precision: Any) -> pd.Timestamp:
    """The first day after the period (an exclusive end, as charts draw a span): period_end + 1 day."""
    return period_end(day, precision) + pd.Timedelta(days=1)


def in_period(day: Any, when: Any, precision: Any) -> bool:
    """True when `when` is known only to the month or year and `day` falls inside that month or year.

    Those are the days on which the two start rules below can give different answers.
    """
    if is_blank(when) or precision_of(precision) == DAY:
        return False
    return period_start(when, precision) <= pd.Timestamp(day) <= period_end(when, precision)


def format_date(value: Any, precision: Any = DAY, *, after_preposition: bool = False) -> str:
    """A date as readers should see it, in their language (Babel), never more precise than what is known.

    A month-precision date stored as 2025-04-01 reads "Apr 2025" ("kwiecień 2025"), not "1 Apr 2025"; a day reads
    "5 Jun 2026" ("5 czerwca 2026"); a missing date reads "date unknown". `after_preposition`: the date follows
    "since"/"until" in a sentence (Polish then names the month in the genitive: "od kwietnia 2025").
    """
    if is_blank(value):
        return _(UNKNOWN)
    language = current_language()
    patterns = _PATTERNS.get(language, _PATTERNS["en"])
    if after_preposition:
        patterns = {**patterns, **_AFTER_PREPOSITION.get(language, {})}
    pattern = patterns.get(precision_of(precision), patterns[DAY])
    return babel_format_date(pd.Timestamp(value).date(), pattern, locale=language)


def format_long_date(value: Any) -> str:
    """A day with the month written out, for citations: "27 November 2025" / "27 listopada 2025"."""
    if is_blank(value):
        return _(UNKNOWN)
    return babel_format_date(pd.Timestamp(value).date(), "d MMMM y", locale=current_language())


def format_span(start: Any, start_precision: Any, end: Any, end_precision: Any) -> str:
    """A period worded at its precision: "Apr 2025 – 13 May 2025", "since Jan 2021", "until 2023" or
    "date unknown"."""
    has_start, has_end = not is_blank(start), not is_blank(end)
    if has_start and has_end:
        return f"{format_date(start, start_precision)} – {format_date(end, end_precision)}"
    if has_start:
        return _("since {date}").format(date=format_date(start, start_precision, after_preposition=True))
    if has_end:
        return _("until {date}").format(date=format_date(end, end_precision, after_preposition=True))
    return _(UNKNOWN)


# The two rules for a start (or end) known only to the month or year. They differ on purpose, and
# readers are told where (MAP_DATE_NOTE, STATUS_DATE_NOTE): only on days inside such a month or year.


def map_counts_from(when: Any, precision: Any) -> pd.Timestamp:
    """The Map's rule, "certainly by then": a month- or year-only date counts from the last day it could mean.

    A flow is drawn as of a day only once it has certainly begun (its start's period_end is on or before
    the day) and is hidden only once it has certainly ended (its end's period_end is before the day). A
    map shows what is known to hold; it never draws a flow on a day it may not yet have existed.
    """
    return period_end(when, precision)


def status_counts_from(when: Any, precision: Any) -> pd.Timestamp:
    """The chip status's rule, "from the first day it could mean": a month- or year-only date counts from the
    first day of that month or year (`period_start`), and every day inside the period is marked uncertain.

    An export control known only to its month is the cautious case: a reader asking whether a chip could be
    sold on 10 April should see "restricted, uncertain" for a measure of "April 2025", not "unrestricted".
    """
    return period_start(when, precision)


MAP_DATE_NOTE = N_(
    "As of: a date known only to the month or year counts from that period's last day here (a flow shows once it "
    "has certainly begun); the chip status (Export status page) counts it from the first day, so inside that month or "
    "year the two can differ."
)
STATUS_DATE_NOTE = N_(
    "A date known only to the month or year counts from its first day, and the days inside it are marked "
    "uncertain; the Map counts it from the last day, so inside that month or year the two can differ."
)
