"""Geography of the story: map points (places and who is there) and flows between places, projected as paths. Pure.

Region presets and the projection live in rules/projection.py, label placement in rules/label_layout.py, GeoJSON in
rules/geojson.py, the boundary file and the coordinate check in data/geography.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from supplychain.data.cells import cell_text as _text
from supplychain.data.dates import format_span, map_counts_from
from supplychain.data.entities import entity_names
from supplychain.data.labels import enum_label
from supplychain.i18n import N_, Words, _
from supplychain.rules.regions import Projection

# How each relation becomes a line on the map, defined once: "forward" draws from the from-entity's
# place to the to-entity's place; "reverse" draws from the to-entity's place to the from-entity's,
# so chip relations run from the chip designer's home to where the chips are used.
# Relations not listed (develops, designs, issues, restricts, headquartered_in, ...) are not flows:
# headquartered_in is shown on the marker ("who is here"), the rest are not geographic.
FLOW_DIRECTIONS: dict[str, str] = {
    "trains_in": "forward",
    "leases_capacity_from": "forward",
    "operates": "forward",
    "stations_engineers_at": "forward",
    "partners_with": "forward",
    "supplies": "forward",
    "uses": "reverse",
    "stockpiled": "reverse",
    "trained_on": "reverse",
}
# Relations that say who is at a place (listed on its marker and in its detail panel).
PRESENCE_RELATIONS = Words(
    {
        "headquartered_in": N_("Headquarters"),
        "trains_in": N_("Trains models here"),
        "operates": N_("Operated by"),
        "stations_engineers_at": N_("Engineers stationed here"),
    }
)


def short_name(name: str) -> str:
    """A place name for a map label: the part before any parenthesis ("Johor (Johor Bahru ...)" -> "Johor")."""
    return str(name).split(" (")[0].strip()


def headquarters(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """company_id -> location_id of its head office: hq_location_id, else a headquartered_in relationship."""
    rels = tables["relationships"]
    hq = {
        str(c): str(loc)
        for c, loc in zip(tables["companies"]["company_id"], tables["companies"]["hq_location_id"])
        if _text(loc)
    }
    for _row, r in rels[(rels["relation"] == "headquartered_in") & (rels["to_kind"] == "location")].iterrows():
        hq.setdefault(str(r["from_id"]), str(r["to_id"]))
    return hq


@dataclass(frozen=True)
class PlaceLookup:
    """What entity_places and entity_companies need, read from the tables once.

    Why: the map asks where each end of every relationship stands; looking that up in the tables per
    relationship made building the map grow with the square of the rows (16.7 s at 100x the data).
    """

    locations: frozenset[str]
    hq: dict[str, str]
    developer: dict[str, str]  # model_id -> developer company_id
    designer: dict[str, str]  # chip_id -> designer company_id
    operates: dict[str, list[str]]  # company_id -> location ids it operates, in the relationships' order


def place_lookup(tables: dict[str, pd.DataFrame]) -> PlaceLookup:
    """The lookups of entity_places / entity_companies for these tables."""
    rels = tables["relationships"]
    ops = rels[(rels["relation"] == "operates") & (rels["to_kind"] == "location")]
    operates: dict[str, list[str]] = {}
    for company, loc in zip(ops["from_id"].astype(str), ops["to_id"].astype(str)):
        if loc not in operates.setdefault(company, []):
            operates[company].append(loc)
    models, chips = tables["models"], tables["chips"]
    return PlaceLookup(
        locations=frozenset(tables["locations"]["location_id"].astype(str)),
        hq=headquarters(tables),
        developer=dict(zip(models["model_id"].astype(str), models["developer_id"].astype(str))),
        designer=dict(zip(chips["chip_id"].astype(str), chips["designer_id"].astype(str))),
        operates=operates,
    )


def entity_places(lookup: PlaceLookup, kind: str, entity_id: str, *, as_target: bool = False) -> list[str]:
    """Location ids an entity stands at on the map.

    A place is itself; a company is at its head office (and, as the target of a flow, a company with
    no head office, such as an unnamed class of operators, is at the places it operates); a model is
    where its developer is; a chip where its designer is. Unknown ids give [].
    """
    if kind == "location":
        return [entity_id] if entity_id in lookup.locations else []
    if kind == "company":
        home = lookup.hq.get(entity_id)
        if home in lookup.locations:
            return [home]
        if as_target:
            return [t for t in lookup.operates.get(entity_id, []) if t in lookup.locations]
        return []
    if kind == "model":
        developer = lookup.developer.get(entity_id)
        return entity_places(lookup, "company", developer) if developer is not None else []
    if kind == "chip":
        designer = lookup.designer.get(entity_id)
        return entity_places(lookup, "company", designer) if designer is not None else []
    return []


def entity_companies(lookup: PlaceLookup, kind: str, entity_id: str) -> list[str]:
    """The companies an entity belongs to, for the company filter: itself, a model's developer, a chip's designer."""
    if kind == "company":
        return [entity_id]
    if kind == "model":
        return [lookup.developer[entity_id]] if entity_id in lookup.developer else []
    if kind == "chip":
        return [lookup.designer[entity_id]] if entity_id in lookup.designer else []
    return []


POINT_COLUMNS = [
    "location_id",
    "name",
    "label",
    "kind",
    "country",
    "region",
    "lat",
    "lon",
    "coord_precision",
    "ownership",
    "description",
    "who",
    "company_ids",
    "evidence",
    "source_id",
    "claim_id",
    "note",
]


def build_points(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per location with what the map needs: label, who is there (head offices and relations), sources.

    `who` is readable text ("Headquarters: Alibaba Group, DeepSeek; Trains models here: ..."),
    `company_ids` a comma-separated list of the companies present, for the company filter.
    """
    locations = tables["locations"]
    names = entity_names(tables)
    present: dict[str, dict[str, list[str]]] = {}
    companies_at: dict[str, list[str]] = {}

    def add(loc: str, what: str, company: str) -> None:
        bucket = present.setdefault(loc, {}).setdefault(what, [])
        if company not in bucket:
            bucket.append(company)
        companies_at.setdefault(loc, [])
        if company not in companies_at[loc]:
            companies_at[loc].append(company)

    for company, place in headquarters(tables).items():
        add(place, PRESENCE_RELATIONS["headquartered_in"], company)
    rels = tables["relationships"]
    lookup = place_lookup(tables)
    for _row, r in rels[rels["relation"].isin(list(PRESENCE_RELATIONS)) & (rels["to_kind"] == "location")].iterrows():
        if r["relation"] == "headquartered_in":
            continue
        for company in entity_companies(lookup, str(r["from_kind"]), str(r["from_id"])):
            add(str(r["to_id"]), PRESENCE_RELATIONS[str(r["relation"])], company)

    rows = []
    for _row, loc in locations.iterrows():
        lid = str(loc["location_id"])
        who = "; ".join(
            f"{what}: {', '.join(names.get(c, c) for c in cs)}" for what, cs in present.get(lid, {}).items()
        )
        rows.append(
            {
                "location_id": lid,
                "name": str(loc["name"]),
                "label": short_name(loc["name"]),
                "kind": str(loc["kind"]),
                "country": str(loc["country"]),
                "region": str(loc["region"]),
                "lat": float(loc["lat"]),
                "lon": float(loc["lon"]),
                "coord_precision": str(loc["coord_precision"]),
                "ownership": str(loc["ownership"]),
                "description": _text(loc["description"]),
                "who": who or _("No company in the data is linked to this place"),
                "company_ids": ",".join(companies_at.get(lid, [])),
                "evidence": str(loc["evidence"]),
                "source_id": _text(loc["source_id"]),
                "claim_id": _text(loc["claim_id"]),
                "note": _text(loc["note"]),
            }
        )
    return pd.DataFrame(rows, columns=POINT_COLUMNS)


FLOW_COLUMNS = [
    "flow_id",
    "relationship_id",
    "relation",
    "from_kind",
    "from_id",
    "from_name",
    "to_kind",
    "to_id",
    "to_name",
    "origin_id",
    "origin_name",
    "origin_lon",
    "origin_lat",
    "dest_id",
    "dest_name",
    "dest_lon",
    "dest_lat",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "description",
    "company_ids",
    "evidence",
    "source_id",
    "claim_id",
    "note",
]


def build_flows(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per line on the map: a relationship of a FLOW_DIRECTIONS type from one place to another.

    A relationship whose either end has no place on the map gives no line (no flow without both
    ends); one whose end stands at several places (an operator class) gives one line per place.
    origin/dest are the drawn ends (after FLOW_DIRECTIONS); from/to keep the relationship's own direction.
    """
    rels = tables["relationships"]
    rels = rels[rels["relation"].isin(list(FLOW_DIRECTIONS))]
    names = entity_names(tables)
    # location_id -> (map label, lon, lat): the drawn ends of each flow.
    ends: dict[str, tuple[str, float, float]] = {
        str(p["location_id"]): (short_name(str(p["name"])), float(p["lon"]), float(p["lat"]))
        for p in tables["locations"].to_dict("records")
    }
    lookup = place_lookup(tables)
    rows = []
    for _row, r in rels.iterrows():
        fk, fid, tk, tid = str(r["from_kind"]), str(r["from_id"]), str(r["to_kind"]), str(r["to_id"])
        if FLOW_DIRECTIONS[str(r["relation"])] == "forward":
            origins, dests = entity_places(lookup, fk, fid), entity_places(lookup, tk, tid, as_target=True)
        else:
            origins, dests = entity_places(lookup, tk, tid), entity_places(lookup, fk, fid, as_target=True)
        companies = list(dict.fromkeys(entity_companies(lookup, fk, fid) + entity_companies(lookup, tk, tid)))
        pairs = [(o, d) for o in origins for d in dests]
        for i, (o, d) in enumerate(pairs):
            rows.append(
                {
                    "flow_id": str(r["relationship_id"]) + (f"__{i}" if len(pairs) > 1 else ""),
                    "relationship_id": str(r["relationship_id"]),
                    "relation": str(r["relation"]),
                    "from_kind": fk,
                    "from_id": fid,
                    "from_name": names.get(fid, fid),
                    "to_kind": tk,
                    "to_id": tid,
                    "to_name": names.get(tid, tid),
                    "origin_id": o,
                    "origin_name": ends[o][0],
                    "origin_lon": ends[o][1],
                    "origin_lat": ends[o][2],
                    "dest_id": d,
                    "dest_name": ends[d][0],
                    "dest_lon": ends[d][1],
                    "dest_lat": ends[d][2],
                    "start_date": r["start_date"],
                    "start_precision": r["start_precision"],
                    "end_date": r["end_date"],
                    "end_precision": r["end_precision"],
                    "description": _text(r["description"]),
                    "company_ids": ",".join(companies),
                    "evidence": str(r["evidence"]),
                    "source_id": _text(r["source_id"]),
                    "claim_id": _text(r["claim_id"]),
                    "note": _text(r["note"]),
                }
            )
    frame = pd.DataFrame(rows, columns=FLOW_COLUMNS)
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def select_flows(
    flows: pd.DataFrame, *, companies: Sequence[str] = (), relations: Sequence[str] = (), as_of: Any = None
) -> pd.DataFrame:
    """Flows matching the filters; an empty selection means no filter.

    As of a day, a flow shows if it had certainly begun by then and had not certainly ended: the Map's
    rule for a month- or year-only date (`dates.map_counts_from`, from the period's last day). Flows with
    no start date are shown at every date: the sources do not say when they began.
    """
    out = flows
    if companies:
        wanted = set(companies)
        out = out[out["company_ids"].map(lambda ids: bool(wanted & set(str(ids).split(","))))]
    if relations:
        out = out[out["relation"].isin(list(relations))]
    if as_of is not None and not out.empty:
        day = pd.Timestamp(as_of)
        begun = [pd.isna(s) or map_counts_from(s, p) <= day for s, p in zip(out["start_date"], out["start_precision"])]
        ended = [pd.notna(e) and map_counts_from(e, p) < day for e, p in zip(out["end_date"], out["end_precision"])]
        out = out[[b and not e for b, e in zip(begun, ended)]]
    return out


def select_points(points: pd.DataFrame, flows: pd.DataFrame, *, companies: Sequence[str] = ()) -> pd.DataFrame:
    """Places to draw: every place, or with a company filter the places of those companies and the ends of their
    flows."""
    if not companies:
        return points
    wanted = set(companies)
    ends = set(flows["origin_id"]) | set(flows["dest_id"])
    keep = points["location_id"].isin(ends) | points["company_ids"].map(
        lambda ids: bool(wanted & set(str(ids).split(",")))
    )
    return points[keep]


def flow_paths(
    flows: pd.DataFrame, projection: Projection, *, samples: int = 24, loop_px: float = 26.0
) -> pd.DataFrame:
    """Curved paths for the flows, as rows (flow_id, seq, lon, lat), bent in the projected plane.

    Lines sharing both ends bend by different amounts so that none hides another; a flow whose two
    ends are the same place (a company working at home) becomes a small loop above its marker.
    """
    rows = []
    seen: dict[tuple[str, str], int] = {}
    for _row, f in flows.iterrows():
        key = tuple(sorted((f["origin_id"], f["dest_id"])))
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        x0, y0 = projection.project(f["origin_lon"], f["origin_lat"])
        x1, y1 = projection.project(f["dest_lon"], f["dest_lat"])
        if f["origin_id"] == f["dest_id"]:
            r = loop_px * (1 + 0.3 * nth)
            pts = [
                (x0 + r * 0.5 * math.sin(2 * math.pi * t), y0 - r * (1 - math.cos(2 * math.pi * t)) * 0.5)
                for t in (i / samples for i in range(samples + 1))
            ]
        else:
            dx, dy = x1 - x0, y1 - y0
            length = math.hypot(dx, dy) or 1.0
            # Alternate sides and grow the bend: 0.18, -0.18, 0.32, -0.32 ... of the length.
            bend = (0.18 + 0.14 * (nth // 2)) * (1 if nth % 2 == 0 else -1)
            if f["origin_id"] > f["dest_id"]:
                bend = -bend  # same side whichever way the line runs
            mx, my = (x0 + x1) / 2 - dy / length * bend * length, (y0 + y1) / 2 + dx / length * bend * length
            pts = [
                (
                    (1 - t) ** 2 * x0 + 2 * (1 - t) * t * mx + t * t * x1,
                    (1 - t) ** 2 * y0 + 2 * (1 - t) * t * my + t * t * y1,
                )
                for t in (i / samples for i in range(samples + 1))
            ]
        for seq, (x, y) in enumerate(pts):
            lon, lat = projection.invert(x, y)
            rows.append({"flow_id": f["flow_id"], "seq": seq, "lon": lon, "lat": lat, "x": x, "y": y})
    return pd.DataFrame(rows, columns=["flow_id", "seq", "lon", "lat", "x", "y"])


def arrow_heads(paths: pd.DataFrame, projection: Projection, *, at: float = 0.8) -> pd.DataFrame:
    """A point and a screen angle (degrees clockwise from up) on each path, for an arrowhead showing direction."""
    rows = []
    for flow_id, path in paths.groupby("flow_id", sort=False):
        i = max(1, min(len(path) - 1, round(at * (len(path) - 1))))
        a, b = path.iloc[i - 1], path.iloc[i]
        angle = math.degrees(math.atan2(b["x"] - a["x"], -(b["y"] - a["y"]))) % 360
        rows.append({"flow_id": flow_id, "lon": b["lon"], "lat": b["lat"], "angle": angle})
    return pd.DataFrame(rows, columns=["flow_id", "lon", "lat", "angle"])


def place_relationships(tables: dict[str, pd.DataFrame], flows: pd.DataFrame, location_id: str) -> pd.DataFrame:
    """Every relationship that touches a place: those naming it, and the flows drawn to or from it.

    Columns: relationship_id, From, Relation, To, When, Evidence, Source, Claim, Description (claim_id kept for quotes).
    """
    rels = tables["relationships"]
    drawn = set(flows.loc[(flows["origin_id"] == location_id) | (flows["dest_id"] == location_id), "relationship_id"])
    hit = rels[
        (rels["to_id"] == location_id) | (rels["from_id"] == location_id) | rels["relationship_id"].isin(list(drawn))
    ]
    names = entity_names(tables)
    rows = [
        {
            "relationship_id": r["relationship_id"],
            "From": names.get(str(r["from_id"]), str(r["from_id"])),
            "Relation": enum_label("relationships", "relation", str(r["relation"])),
            "To": names.get(str(r["to_id"]), str(r["to_id"])),
            "When": format_span(r["start_date"], r["start_precision"], r["end_date"], r["end_precision"]),
            "Evidence": enum_label("relationships", "evidence", str(r["evidence"])),
            "Source": r["source_id"],
            "claim": r["claim_id"] if pd.notna(r["claim_id"]) else "",
            "Description": r["description"],
        }
        for _, r in hit.iterrows()
    ]
    return pd.DataFrame(
        rows,
        columns=["relationship_id", "From", "Relation", "To", "When", "Evidence", "Source", "claim", "Description"],
    )


def unplaced_count(tables: dict[str, pd.DataFrame], flows: pd.DataFrame) -> int:
    """Relationships of a flow type that have no line because one end has no known place."""
    rels = tables["relationships"]
    return int(
        (
            rels["relation"].isin(list(FLOW_DIRECTIONS)) & ~rels["relationship_id"].isin(list(flows["relationship_id"]))
        ).sum()
    )
