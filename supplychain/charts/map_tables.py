"""The Map page's data and tables: places and flows of the dataset with what the controls offer, in words.

The map itself (Altair layers, labels placed around markers) is charts/maps.py; the tables beside it and the
CSV downloads read these.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from supplychain.charts.style import (
    COORD_PRECISION_RING,
    FLOW_EVIDENCE_DASHES,
    FLOW_GROUP_COLOURS,
    LOCATION_KIND_COLOURS,
    OWNERSHIP_SHAPES,
)
from supplychain.data.dates import UNKNOWN, format_span
from supplychain.data.labels import enum_words
from supplychain.data.relation_labels import FLOW_GROUPS
from supplychain.i18n import N_, Words, _
from supplychain.rules import geo


@dataclass(frozen=True)
class MapBase:
    """Everything the map needs that depends only on the data: places, flows, and what the controls and legends
    offer."""

    points: pd.DataFrame
    flows: pd.DataFrame
    kinds: list[str]
    owners: list[str]
    groups: list[str]
    companies: dict[str, str]  # company_id -> name, for the company filter
    relations: list[str]
    point_rows: pd.DataFrame  # point_table of every place, same index as points: a filter change only selects rows
    flow_rows: pd.DataFrame  # flow_table of every flow, same index as flows


def build_map_base(tables: dict[str, pd.DataFrame]) -> MapBase:
    """Places and flows of the whole dataset, and the choices the page offers (companies on the map, relation types
    present)."""
    points = geo.build_points(tables)
    flows = geo.build_flows(tables)
    present = set(",".join(points["company_ids"]).split(",")) | set(",".join(flows["company_ids"]).split(","))
    companies = tables["companies"]
    names = {str(c): str(n) for c, n in zip(companies["company_id"], companies["name"]) if str(c) in present}
    return MapBase(
        points=points,
        flows=flows,
        kinds=[k for k in LOCATION_KIND_COLOURS if k in set(points["kind"])],
        owners=[o for o in OWNERSHIP_SHAPES if o in set(points["ownership"])],
        groups=[g for g in FLOW_GROUP_COLOURS if g in {FLOW_GROUPS.get(r) for r in flows["relation"]}],
        companies=dict(sorted(names.items(), key=lambda kv: kv[1].casefold())),
        relations=[r for r in geo.FLOW_DIRECTIONS if r in set(flows["relation"])],
        point_rows=point_table(points),
        flow_rows=flow_table(flows),
    )


POINT_TABLE_LABELS = Words(
    {
        "location_id": N_("Place id"),
        "name": N_("Place"),
        "kind_label": N_("What is there"),
        "country": N_("Country"),
        "lat": N_("Latitude"),
        "lon": N_("Longitude"),
        "precision_label": N_("Position known to"),
        "ownership_label": N_("Owned or operated by"),
        "who": N_("Who is there"),
        "description": N_("Description"),
        "evidence_label": N_("Evidence"),
        "source_id": N_("Source"),
        "claim_id": N_("Claim"),
        "note": N_("Note"),
    }
)


FLOW_TABLE_LABELS = Words(
    {
        "flow_id": N_("Flow id"),
        "relationship_id": N_("Relationship id"),
        "from_name": N_("From"),
        "relation_label": N_("Relation"),
        "to_name": N_("To"),
        "origin_name": N_("Line starts at"),
        "dest_name": N_("Line ends at"),
        "when": N_("When"),
        "description": N_("Description"),
        "evidence_label": N_("Evidence"),
        "source_id": N_("Source"),
        "claim_id": N_("Claim"),
        "note": N_("Note"),
    }
)


def describe_points(points: pd.DataFrame) -> pd.DataFrame:
    """Points with the readable columns the map and its tables show (labels for kind, owner, precision, evidence)."""
    out = points.copy()
    out["kind_label"] = enum_words(out["kind"], "locations", "kind")
    out["ownership_label"] = enum_words(out["ownership"], "sites", "ownership")
    out["precision_label"] = enum_words(out["coord_precision"], "sites", "coord_precision")
    out["evidence_label"] = enum_words(out["evidence"], "relationships", "evidence")
    out["ring"] = out["coord_precision"].map(lambda k: COORD_PRECISION_RING.get(k, 0))
    return out


def describe_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """Flows with relation wording, colour group, line style and a date text."""
    out = flows.copy()
    out["relation_label"] = enum_words(out["relation"], "relationships", "relation")
    out["group"] = out["relation"].map(lambda r: FLOW_GROUPS.get(r, "Other"))
    dashes = list(FLOW_EVIDENCE_DASHES)
    out["line_style"] = out["evidence"].map(lambda e: dashes[1] if e == "estimate" else dashes[0])
    out["evidence_label"] = enum_words(out["evidence"], "relationships", "evidence")
    out["when"] = [
        format_span(*v) for v in zip(out["start_date"], out["start_precision"], out["end_date"], out["end_precision"])
    ]
    out["title"] = out["from_name"] + " " + out["relation_label"] + " " + out["to_name"]
    out["label"] = [
        rel if when == _(UNKNOWN) else f"{rel} · {when}" for rel, when in zip(out["relation_label"], out["when"])
    ]
    return out


def point_table(points: pd.DataFrame) -> pd.DataFrame:
    """The places shown, with readable column names, for the table and the CSV download."""
    return describe_points(points)[list(POINT_TABLE_LABELS)].rename(columns=POINT_TABLE_LABELS)


def flow_table(flows: pd.DataFrame) -> pd.DataFrame:
    """The flows shown, with readable column names, for the table and the CSV download."""
    return describe_flows(flows)[list(FLOW_TABLE_LABELS)].rename(columns=FLOW_TABLE_LABELS)


# Column headings of place_relationships as shown on the Map page (the frame keeps these stable keys).
PLACE_TIE_LABELS = Words(
    {
        "From": N_("From"),
        "Relation": N_("Relation"),
        "To": N_("To"),
        "When": N_("When"),
        "Evidence": N_("Evidence"),
        "Source": N_("Source"),
        "claim": N_("Claim"),
        "Description": N_("Description"),
    }
)
