"""The coverage table (data/coverage.csv) and the record's reach: the earliest date any topic is reviewed through.

rules/coverage.py words it for readers; Dataset.reviewed_through asks `reach_of`.
"""

from __future__ import annotations

import pandas as pd

COVERAGE_TABLE = "coverage"


def coverage_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The coverage rows, earliest reach first (the topic that sets the record's reach on top)."""
    frame = tables.get(COVERAGE_TABLE)
    if frame is None or frame.empty:
        return pd.DataFrame(columns=["topic_id", "topic", "reviewed_through"])
    # topic_id is unique, so the two keys leave no tie (and pandas ignores `kind` on two columns).
    return frame.sort_values(["reviewed_through", "topic_id"]).reset_index(drop=True)


def reach_of(tables: dict[str, pd.DataFrame]) -> str:
    """The earliest reviewed_through of all topics (YYYY-MM-DD); '' when the package has no coverage rows."""
    frame = coverage_table(tables)
    dates = pd.to_datetime(frame["reviewed_through"], errors="coerce").dropna()
    return dates.min().date().isoformat() if len(dates) else ""
