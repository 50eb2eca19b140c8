"""How far the record reaches: the coverage table (data/coverage.csv), topic by topic, and the one reach date.

The record's reach is the earliest date any topic has been reviewed through: before it every topic has been
searched month by month; after it some topic has not, so events may be missing. This module is the one place
that says so; every page, export and citation asks `record_reach`.
"""

from __future__ import annotations

import pandas as pd

from supplychain.data.coverage import COVERAGE_TABLE, coverage_table, reach_of  # noqa: F401  (re-exported)
from supplychain.data.dates import format_date
from supplychain.data.load import Dataset
from supplychain.i18n import _, current_language


def topic_column(frame: pd.DataFrame) -> str:
    """The column naming each topic in the reader's language (topic_pl in Polish, topic otherwise)."""
    return "topic_pl" if current_language() == "pl" and "topic_pl" in frame.columns else "topic"


def record_reach(dataset: Dataset) -> str:
    """The record's reach (YYYY-MM-DD): the earliest date any topic is reviewed through; '' when unknown."""
    return reach_of(dataset.tables)


def reach_topics(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The topics whose review stops at the reach (the ones that set it), in the table's order."""
    frame = coverage_table(tables)
    reach = reach_of(tables)
    if not reach:
        return []
    at = pd.to_datetime(frame["reviewed_through"], errors="coerce") == pd.Timestamp(reach)
    return [str(topic) for topic in frame.loc[at, topic_column(frame)]]


def reach_sentence(tables: dict[str, pd.DataFrame]) -> str:
    """How current the record is, in one sentence: its reach and the topic(s) that set it (plain text)."""
    reach = reach_of(tables)
    if not reach:
        return _("How far the record reaches is not stated (no coverage table).")
    topics = reach_topics(tables)
    date = format_date(pd.Timestamp(reach))
    if len(topics) == len(coverage_table(tables)):
        return _(
            "Record reaches {date}: every topic is reviewed through that day; later events may be missing."
        ).format(date=date)
    which = "; ".join(topics) if len(topics) <= 3 else _("{count} topics").format(count=len(topics))
    return _(
        "Record reaches {date}: every topic is reviewed at least through that day (the earliest: {topics}); "
        "later events may be missing."
    ).format(date=date, topics=which)
