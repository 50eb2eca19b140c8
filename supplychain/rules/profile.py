"""What an entity profile shows: key facts, dated moments, ties, place and every source and claim behind it."""

from __future__ import annotations

from typing import Any

import pandas as pd

from supplychain.data.cells import is_blank
from supplychain.data.dates import DAY, format_date, next_period_start
from supplychain.data.entities import entity_link, names_by_id
from supplychain.data.labels import EVIDENCE_LABELS, KIND_LABELS, enum_labels
from supplychain.data.schema import (
    ENTITY_TABLES,
    column_labels,
    entity_reference_columns,
    enum_columns,
    primary_key,
    shipped_package,
)
from supplychain.i18n import N_, _

# Columns never listed as "key facts": ids, provenance and long text (shown elsewhere on the profile).
_NOT_FACTS = {
    "name",
    "aliases",
    "name_zh",
    "description",
    "role",
    "note",
    "evidence",
    "source_id",
    "claim_id",
    "lat",
    "lon",
}
# Own dates of an entity, drawn on its small timeline with the events that name it.
OWN_DATES: dict[str, list[tuple[str, str, str]]] = {
    "models": [("release_date", "release_precision", N_("Released"))],
    "chips": [("announced_date", "announced_precision", N_("Announced"))],
    "policies": [
        ("announced_date", "announced_precision", N_("Announced")),
        ("effective_date", "effective_precision", N_("Took effect")),
        ("ended_date", "ended_precision", N_("Ended")),
    ],
}


def _s(value: Any, default: str = "") -> str:
    """Text of a cell, or `default` when it is missing (pandas NA has no truth value)."""
    return str(value) if _present(value) else default


def _present(value: Any) -> bool:
    return not is_blank(value)


def key_facts(
    package: dict[str, Any], table: str, row: pd.Series, index: pd.DataFrame
) -> list[tuple[str, str, str | None]]:
    """(label, value, link) for each filled column worth showing; references to entities carry a profile link.

    Dates are worded at their precision (a month-precision date reads 'Apr 2025').
    """
    labels = column_labels(package, table)
    names = names_by_id(index)
    key = primary_key(package, table)
    references, coded = set(entity_reference_columns(package, table)), set(enum_columns(package, table))
    out: list[tuple[str, str, str | None]] = []
    for name, value in row.items():
        column = str(name)
        if column in _NOT_FACTS or column == key or column.endswith("_precision") or not _present(value):
            continue
        link = None
        if column in ("website", "url"):
            link, text = str(value), str(value).split("://", 1)[-1].rstrip("/")
        elif column in references and str(value) in names:
            link = entity_link(str(value), names[str(value)])
            text = names[str(value)]
        elif isinstance(value, pd.Timestamp):
            text = format_date(value, _s(row.get(column.replace("_date", "_precision")), "day"))
        elif isinstance(value, bool) or str(value) in ("True", "False"):
            text = "yes" if bool(value) else "no"
        elif str(value) in enum_labels(table, column):
            text = enum_labels(table, column)[str(value)]
        else:
            text = str(value).replace("_", " ") if column in coded else str(value)
        out.append((labels.get(column, column), text, link))
    return out


def entity_moments(tables: dict[str, pd.DataFrame], table: str, row: pd.Series, entity_id: str) -> pd.DataFrame:
    """The entity's own dates and the events that name it: date, precision, start/end of the span, title, what, ids.

    A month- or year-precision date becomes a span over that month or year (`start` to `end`), so charts
    never draw it as the first day; `when` words it at its precision.
    """
    rows = []
    for date_col, precision_col, what in OWN_DATES.get(table, []):
        if _present(row.get(date_col)):
            rows.append(
                {
                    "date": row[date_col],
                    "precision": _s(row.get(precision_col), "day"),
                    "title": _(what),
                    "what": _("Its own record"),
                    "event_id": "",
                    "source_id": _s(row.get("source_id")),
                    "claim_id": _s(row.get("claim_id")),
                }
            )
    events = tables.get("events", pd.DataFrame())
    if not events.empty:
        hit = pd.Series(False, index=events.index)
        for column in entity_reference_columns(shipped_package(), "events"):
            hit |= (events[column] == entity_id).fillna(False).astype(bool)
        for ev in events[hit].itertuples(index=False):
            if _present(ev.date):
                rows.append(
                    {
                        "date": ev.date,
                        "precision": _s(ev.date_precision, "day"),
                        "title": ev.title,
                        "what": str(ev.category).replace("_", " "),
                        "event_id": ev.event_id,
                        "source_id": _s(ev.source_id),
                        "claim_id": _s(ev.claim_id),
                    }
                )
    frame = pd.DataFrame(rows, columns=["date", "precision", "title", "what", "event_id", "source_id", "claim_id"])
    if frame.empty:
        return frame.assign(
            start=pd.Series(dtype="datetime64[ns]"), end=pd.Series(dtype="datetime64[ns]"), when=pd.Series(dtype=str)
        )
    frame["date"] = pd.to_datetime(frame["date"])
    frame["start"] = frame["date"]
    frame["end"] = [d if p == DAY else next_period_start(d, p) for d, p in zip(frame["date"], frame["precision"])]
    frame["when"] = [format_date(d, p) for d, p in zip(frame["date"], frame["precision"])]
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def entity_edges(edges: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """The rows of an edge_table() frame that name the entity at either end: what the report says first, then
    official records, other press, reference works and estimates (style.EVIDENCE_LABELS' order), so a profile
    that lists only its first ties lists the report's own."""

    rank = {kind: i for i, kind in enumerate(EVIDENCE_LABELS)}
    hits = edges[(edges["from_id"] == entity_id) | (edges["to_id"] == entity_id)]
    return hits.sort_values("evidence", key=lambda col: col.map(rank).fillna(len(rank)), kind="stable")


def entity_ties(edges: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """Every tie of the entity (either direction) as From / Relation / To with profile links, dates and evidence.

    `edges` is an edge_table() frame (it has relation_label and period).
    """
    hits = entity_edges(edges, entity_id)
    out = pd.DataFrame(
        {
            "from": [entity_link(i, n) for i, n in zip(hits["from_id"], hits["from_name"])],
            "relation": hits["relation_label"],
            "to": [entity_link(i, n) for i, n in zip(hits["to_id"], hits["to_name"])],
            "period": hits["period"],
            "evidence": hits["evidence"],
            "description": hits["description"],
            "source_id": hits["source_id"],
            "claim_id": hits["claim_id"],
            "relationship_id": hits["relationship_id"],
        }
    )
    return out.reset_index(drop=True)


def _joined(values: pd.Series) -> str:
    """The distinct non-empty texts of a group, in order, joined by "; "."""
    return "; ".join(dict.fromkeys(v for v in values if v))


def entity_citations(row: pd.Series, table: str, moments: pd.DataFrame, ties: pd.DataFrame) -> pd.DataFrame:
    """Every (source, claim) behind the profile and what rests on it: the row itself, its moments, its ties.

    `supports` is worded by the app (the record itself, an event by its title); `ties` holds the ties' own
    descriptions, the curators' English, kept apart so a Polish page can mark them as English text.
    """
    found: list[dict[str, object]] = [
        {
            "source_id": _s(row.get("source_id")),
            "claim_id": _s(row.get("claim_id")),
            "supports": _("the record itself ({kind})").format(kind=KIND_LABELS.get(ENTITY_TABLES[table], table)),
            "ties": "",
        }
    ]
    for m in moments.itertuples(index=False):
        if m.event_id:
            found.append(
                {
                    "source_id": m.source_id,
                    "claim_id": m.claim_id,
                    "supports": _("event: {title}").format(title=m.title),
                    "ties": "",
                }
            )
    for t in ties.itertuples(index=False):
        found.append(
            {
                "source_id": t.source_id,
                "claim_id": t.claim_id,
                "supports": "",
                "ties": t.description or t.relationship_id,
            }
        )
    frame = pd.DataFrame(found, columns=["source_id", "claim_id", "supports", "ties"])
    frame = frame[frame["source_id"].astype(bool) | frame["claim_id"].astype(bool)]
    return frame.groupby(["source_id", "claim_id"], sort=False)[["supports", "ties"]].agg(_joined).reset_index()


def profile_texts(row: pd.Series) -> list[str]:
    """The row's own words, description then role, those that are filled in: under the profile's title and on its
    handout."""
    return [str(row[c]) for c in ("description", "role") if c in row and isinstance(row[c], str) and row[c]]


def entity_place(tables: dict[str, pd.DataFrame], table: str, row: pd.Series) -> pd.Series | None:
    """The location row to put on the small map: the entity itself, or a company's headquarters; None otherwise."""
    locations = tables["locations"]
    if table == "locations":
        return row if _present(row.get("lat")) and _present(row.get("lon")) else None
    if table == "companies" and _present(row.get("hq_location_id")):
        hit = locations[locations["location_id"] == row["hq_location_id"]]
        if not hit.empty and _present(hit.iloc[0]["lat"]):
            return hit.iloc[0]
    return None
