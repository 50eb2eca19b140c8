"""What changed since the report: each key finding's standing today and the later events bearing on it.

One pure function serves the Overview section, the claim cards on Sources and story mode's closing step.
"""

from __future__ import annotations

import pandas as pd

from supplychain.style import STANDING_LABELS

NOT_REVIEWED = "not_reviewed"


def finding_standings(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per key finding of the report (claims.is_key_finding), in the claims' order.

    Columns: claim_id, text_en, standing (a standings.csv value, or "not_reviewed" when the
    curators have no row for it yet), standing_label, summary_en, reviewed_date, evidence,
    source_id, later_events (how many standing_links rows bear on it).
    """
    claims = tables["claims"]
    key = claims[claims["is_key_finding"].fillna(False).astype(bool)][["claim_id", "text_en"]]
    standings = tables["standings"][["claim_id", "standing", "summary_en", "reviewed_date", "evidence", "source_id"]]
    links = tables["standing_links"].groupby("claim_id").size().rename("later_events").reset_index()
    out = key.merge(standings, on="claim_id", how="left").merge(links, on="claim_id", how="left")
    out["standing"] = out["standing"].fillna(NOT_REVIEWED).astype(str)
    out["standing_label"] = out["standing"].map(STANDING_LABELS)
    out["later_events"] = out["later_events"].fillna(0).astype(int)
    return out.reset_index(drop=True)


def later_events(tables: dict[str, pd.DataFrame], claim_id: str) -> pd.DataFrame:
    """The later events bearing on one finding, oldest first: event_id, date, date_precision, title,
    bearing, how, source_id (the event's own source)."""
    links = tables["standing_links"]
    mine = links[links["claim_id"] == claim_id][["event_id", "bearing", "how"]]
    events = tables["events"][["event_id", "date", "date_precision", "title", "source_id"]]
    return mine.merge(events, on="event_id", how="left").sort_values("date", kind="stable").reset_index(drop=True)
