"""What changed since the report: each key finding's standing today and the later events that bear on it.

Reads data/standings.csv (one judgement per key finding) and data/standing_links.csv (finding → event),
joined to claims, events and sources. Pure functions: frames in, frames out.
"""

from __future__ import annotations

import pandas as pd

from supplychain.data.cells import is_blank
from supplychain.data.dates import period_end
from supplychain.rules.provenance import key_findings

FINDING_COLUMNS = [
    "claim_id",
    "text_en",
    "quote_pl",
    "standing",
    "summary_en",
    "reviewed_date",
    "evidence",
    "source_id",
    "note",
    "n_events",
]
EVENT_COLUMNS = [
    "link_id",
    "claim_id",
    "event_id",
    "date",
    "date_precision",
    "title",
    "bearing",
    "how",
    "evidence",
    "source_id",
    "publisher",
    "source_title",
    "url",
]


def finding_standings(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per key finding, in the report's order, with its standing today.

    A finding with no row in standings.csv has standing None (not yet reviewed): the page must say so
    rather than imply "no later news". n_events counts the later events linked to it.
    """
    findings = key_findings(tables)[["claim_id", "text_en", "quote_pl"]]
    standings = tables["standings"][
        ["claim_id", "standing", "summary_en", "reviewed_date", "evidence", "source_id", "note"]
    ]
    links = tables["standing_links"]
    counts = links.groupby("claim_id").size() if len(links) else pd.Series(dtype=int)
    out = findings.merge(standings, on="claim_id", how="left")
    out["standing"] = out["standing"].astype(object).where(out["standing"].notna(), None)
    out["n_events"] = out["claim_id"].map(counts).fillna(0).astype(int)
    return out[FINDING_COLUMNS].reset_index(drop=True)


def later_events(tables: dict[str, pd.DataFrame], claim_id: str) -> pd.DataFrame:
    """The events linked to one finding, oldest first, each with how it bears and the source it rests on.

    A month-precision event sorts at the end of its month, after the days in it (as on the timeline).
    """
    links = tables["standing_links"]
    links = links[links["claim_id"] == claim_id]
    if links.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    events = tables["events"][["event_id", "date", "date_precision", "title", "evidence", "source_id"]]
    sources = tables["sources"][["source_id", "publisher", "title", "url"]].rename(columns={"title": "source_title"})
    out = links.merge(events, on="event_id", how="left").merge(sources, on="source_id", how="left")
    out = out.assign(_end=[period_end(d, p) for d, p in zip(out["date"], out["date_precision"])])
    return out.sort_values(["_end", "event_id"], kind="stable")[EVENT_COLUMNS].reset_index(drop=True)


def standing_counts(findings: pd.DataFrame) -> dict[str | None, int]:
    """How many key findings have each standing (None: not yet reviewed), for a one-line summary."""
    return {None if is_blank(k) else str(k): int(v) for k, v in findings["standing"].value_counts(dropna=False).items()}


def standing_of(tables: dict[str, pd.DataFrame], claim_id: str) -> pd.Series | None:
    """The standings row of any claim (key finding or not), or None when it has not been reviewed."""
    standings = tables["standings"]
    hit = standings[standings["claim_id"] == claim_id]
    return None if hit.empty else hit.iloc[0]
