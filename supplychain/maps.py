"""Altair builders for the Map page: the layered map of places and flows, and the tables beside it."""
from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from supplychain import geo
from supplychain.style import (
    COORD_PRECISION_LABELS,
    COORD_PRECISION_RING,
    EVIDENCE_LABELS,
    FLOW_EVIDENCE_DASHES,
    FLOW_GROUP_COLOURS,
    FLOW_GROUPS,
    LOCATION_KIND_COLOURS,
    LOCATION_KIND_LABELS,
    OWNERSHIP_LABELS,
    OWNERSHIP_SHAPES,
    RELATION_LABELS,
    format_date,
)

LAND = "#E4E7EA"
SEA = "#F3F7FA"
SELECTION = "place"

POINT_TABLE_LABELS = {
    "location_id": "Place id", "name": "Place", "kind_label": "What is there", "country": "Country", "lat": "Latitude", "lon": "Longitude",
    "precision_label": "Position known to", "ownership_label": "Owned or operated by", "who": "Who is there", "description": "Description",
    "evidence_label": "Evidence", "source_id": "Source", "claim_id": "Claim", "note": "Note",
}
FLOW_TABLE_LABELS = {
    "flow_id": "Flow id", "relationship_id": "Relationship id", "from_name": "From", "relation_label": "Relation", "to_name": "To",
    "origin_name": "Line starts at", "dest_name": "Line ends at", "when": "When", "description": "Description",
    "evidence_label": "Evidence", "source_id": "Source", "claim_id": "Claim", "note": "Note",
}


def when_text(start: Any, start_precision: Any, end: Any, end_precision: Any) -> str:
    """"since Apr 2025", "2023 – May 2025" or "date unknown", never more precise than the data."""
    if pd.isna(start) and pd.isna(end):
        return "date unknown"
    if pd.isna(end):
        return "since " + format_date(start, start_precision)
    begin = format_date(start, start_precision) if pd.notna(start) else "start unknown"
    return f"{begin} – {format_date(end, end_precision)}"


def describe_points(points: pd.DataFrame) -> pd.DataFrame:
    """Points with the readable columns the map and its tables show (labels for kind, owner, precision, evidence)."""
    out = points.copy()
    out["kind_label"] = out["kind"].map(lambda k: LOCATION_KIND_LABELS.get(k, k))
    out["ownership_label"] = out["ownership"].map(lambda k: OWNERSHIP_LABELS.get(k, k))
    out["precision_label"] = out["coord_precision"].map(lambda k: COORD_PRECISION_LABELS.get(k, k))
    out["evidence_label"] = out["evidence"].map(lambda k: EVIDENCE_LABELS.get(k, k))
    out["ring"] = out["coord_precision"].map(lambda k: COORD_PRECISION_RING.get(k, 0))
    return out


def describe_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """Flows with relation wording, colour group, line style and a date text."""
    out = flows.copy()
    out["relation_label"] = out["relation"].map(lambda r: RELATION_LABELS.get(r, r.replace("_", " ")))
    out["group"] = out["relation"].map(lambda r: FLOW_GROUPS.get(r, "Other"))
    dashes = list(FLOW_EVIDENCE_DASHES)
    out["line_style"] = out["evidence"].map(lambda e: dashes[1] if e == "estimate" else dashes[0])
    out["evidence_label"] = out["evidence"].map(lambda k: EVIDENCE_LABELS.get(k, k))
    out["when"] = [when_text(*v) for v in zip(out["start_date"], out["start_precision"], out["end_date"], out["end_precision"])]
    out["title"] = out["from_name"] + " " + out["relation_label"] + " " + out["to_name"]
    out["label"] = out["relation_label"] + " · " + out["when"]
    return out


def point_table(points: pd.DataFrame) -> pd.DataFrame:
    """The places shown, with readable column names, for the table and the CSV download."""
    return describe_points(points)[list(POINT_TABLE_LABELS)].rename(columns=POINT_TABLE_LABELS)


def flow_table(flows: pd.DataFrame) -> pd.DataFrame:
    """The flows shown, with readable column names, for the table and the CSV download."""
    return describe_flows(flows)[list(FLOW_TABLE_LABELS)].rename(columns=FLOW_TABLE_LABELS)


def boundaries_data(url: str | None, features: dict[str, Any] | None = None) -> alt.Data:
    """Country boundaries for Vega: the static TopoJSON file by URL (nothing re-sent per rerun), else inline GeoJSON features."""
    if url:
        return alt.UrlData(url=url, format=alt.DataFormat(type="topojson", feature=geo.BOUNDARIES_LAYER))
    return alt.InlineData(values=features, format=alt.DataFormat(type="json", property="features"))


def _layers_for_labels(labels: pd.DataFrame, *, size: int, colour: str, weight: str, lon: str, lat: str) -> list[alt.Chart]:
    layers = []
    for (align, baseline), group in labels.groupby(["align", "baseline"]):
        base = alt.Chart(group[["text", lon, lat]]).encode(longitude=f"{lon}:Q", latitude=f"{lat}:Q", text="text:N")
        layers.append(base.mark_text(align=align, baseline=baseline, fontSize=size, fontWeight=weight, stroke="white", strokeWidth=4, strokeJoin="round", fill="white", opacity=0.9))
        layers.append(base.mark_text(align=align, baseline=baseline, fontSize=size, fontWeight=weight, fill=colour))
    return layers


def build_map(points: pd.DataFrame, flows: pd.DataFrame, region_key: str, boundaries: alt.Data) -> alt.LayerChart:
    """The map: countries, curved flows with arrowheads, markers (colour = kind, shape = owner), precision rings, labels.

    `points` and `flows` are already filtered (geo.select_points / geo.select_flows). Label and curve
    positions are computed in Python for the preset's projection, so labels never overlap.
    """
    region = geo.REGIONS[region_key]
    projection = geo.projection_for(region)
    pts = describe_points(points)
    fls = describe_flows(flows)
    paths = geo.flow_paths(fls, projection)
    heads = geo.arrow_heads(paths, projection)

    labels = geo.place_labels(pts, projection)
    flow_labels = geo.place_flow_labels(fls, paths, projection, list(labels["box"]) + _marker_boxes(pts, projection), dict(zip(fls["flow_id"], fls["label"])))

    flow_cols = ["flow_id", "title", "relation_label", "group", "line_style", "when", "origin_name", "dest_name", "description", "evidence_label", "source_id", "claim_id"]
    flow_tooltip = [
        alt.Tooltip("title:N", title="Flow"), alt.Tooltip("when:N", title="When"), alt.Tooltip("origin_name:N", title="From place"),
        alt.Tooltip("dest_name:N", title="To place"), alt.Tooltip("description:N", title="What the source says"),
        alt.Tooltip("evidence_label:N", title="Evidence"), alt.Tooltip("source_id:N", title="Source"), alt.Tooltip("claim_id:N", title="Claim"),
    ]
    groups = [g for g in FLOW_GROUP_COLOURS if g in set(fls["group"])] or list(FLOW_GROUP_COLOURS)
    stroke = alt.Stroke("group:N", title="Flow", scale=alt.Scale(domain=groups, range=[FLOW_GROUP_COLOURS[g] for g in groups]))
    dash = alt.StrokeDash("line_style:N", title="Line", scale=alt.Scale(domain=list(FLOW_EVIDENCE_DASHES), range=list(FLOW_EVIDENCE_DASHES.values())))

    kinds = list(LOCATION_KIND_COLOURS)
    owners = list(OWNERSHIP_SHAPES)
    point_tooltip = [
        alt.Tooltip("name:N", title="Place"), alt.Tooltip("kind_label:N", title="What is there"), alt.Tooltip("who:N", title="Who is there"),
        alt.Tooltip("ownership_label:N", title="Owner"), alt.Tooltip("precision_label:N", title="Position known to"),
        alt.Tooltip("evidence_label:N", title="Evidence"), alt.Tooltip("source_id:N", title="Source"), alt.Tooltip("claim_id:N", title="Claim"),
    ]
    point_cols = ["location_id", "name", "label", "lon", "lat", "kind_label", "ownership_label", "precision_label", "who", "evidence_label", "source_id", "claim_id", "ring"]
    point_data = pts[point_cols].fillna("")
    select = alt.selection_point(name=SELECTION, fields=["location_id"], on="click", clear="dblclick")

    layers: list[alt.Chart] = [
        alt.Chart(boundaries).mark_geoshape(fill=LAND, stroke="#FFFFFF", strokeWidth=0.7, clip=True).encode(tooltip=alt.Tooltip("properties.name:N", title="Country")),
    ]
    if not paths.empty:
        line_data = paths[["flow_id", "seq", "lon", "lat"]].merge(fls[flow_cols], on="flow_id").fillna("")
        layers.append(alt.Chart(line_data).mark_line(strokeWidth=2.6, opacity=0.85, clip=True).encode(
            longitude="lon:Q", latitude="lat:Q", detail="flow_id:N", order="seq:Q", stroke=stroke, strokeDash=dash, tooltip=flow_tooltip))
        head_data = heads.merge(fls[flow_cols], on="flow_id").fillna("")
        layers.append(alt.Chart(head_data).mark_point(shape="triangle", filled=True, size=90, opacity=0.95, clip=True).encode(
            longitude="lon:Q", latitude="lat:Q", angle=alt.Angle("angle:Q", scale=None), fill=alt.Fill("group:N", scale=alt.Scale(domain=groups, range=[FLOW_GROUP_COLOURS[g] for g in groups]), legend=None),
            tooltip=flow_tooltip))
    rings = point_data[point_data["ring"] > 0]
    if not rings.empty:
        layers.append(alt.Chart(rings).mark_point(filled=False, shape="circle", strokeDash=[3, 3], strokeWidth=1.4, color="#444444", clip=True).encode(
            longitude="lon:Q", latitude="lat:Q",
            size=alt.Size("ring:Q", title="Position known to", scale=None,
                          legend=None), tooltip=point_tooltip))
    if not labels.empty:
        leaders = labels[labels["leader"]]
        if not leaders.empty:
            layers.append(alt.Chart(leaders[["lon", "lat", "label_lon", "label_lat"]]).mark_rule(color="#777777", strokeWidth=1).encode(
                longitude="lon:Q", latitude="lat:Q", longitude2="label_lon:Q", latitude2="label_lat:Q"))
    if not point_data.empty:
        layers.append(alt.Chart(point_data).mark_point(filled=True, size=190, stroke="#FFFFFF", strokeWidth=1.5, opacity=1, cursor="pointer").encode(
            longitude="lon:Q", latitude="lat:Q",
            color=alt.Color("kind_label:N", title="Place", scale=alt.Scale(domain=[LOCATION_KIND_LABELS[k] for k in kinds], range=[LOCATION_KIND_COLOURS[k] for k in kinds])),
            shape=alt.Shape("ownership_label:N", title="Data centres owned by", scale=alt.Scale(domain=[OWNERSHIP_LABELS[o] for o in owners], range=[OWNERSHIP_SHAPES[o] for o in owners])),
            strokeWidth=alt.condition(select, alt.value(1.5), alt.value(1.5)),
            tooltip=point_tooltip,
        ).add_params(select))
    layers += _layers_for_labels(labels.rename(columns={"label_lon": "llon", "label_lat": "llat"}), size=geo.LABEL_FONT_PX, colour="#1B1F24", weight="bold", lon="llon", lat="llat")
    if not flow_labels.empty:
        layers += _layers_for_labels(flow_labels.assign(align="center", baseline="middle"), size=geo.FLOW_LABEL_FONT_PX, colour="#3A3F45", weight="normal", lon="lon", lat="lat")

    legend = alt.LegendConfig(orient="bottom", direction="horizontal", titleFontSize=13, labelFontSize=12, symbolSize=140, columnPadding=14, titleOrient="top", labelLimit=260)
    return (
        alt.layer(*layers)
        .properties(height=region.height, width="container")
        .project(type="mercator", rotate=[geo.ROTATE, 0, 0], fit=region.fit_feature())
        .resolve_scale(color="independent", shape="independent", stroke="independent", strokeDash="independent", fill="independent", size="independent")
        .configure_view(fill=SEA, stroke="#C9D1D9")
        .configure_legend(**legend.to_dict())
    )


def _marker_boxes(points: pd.DataFrame, projection: geo.Projection) -> list[geo.Box]:
    half = geo.MARKER_PX / 2
    out = []
    for r in points.itertuples():
        x, y = projection.project(r.lon, r.lat)
        out.append(geo.Box(x - half, y - half, x + half, y + half))
    return out


def selected_place(event: Any) -> str | None:
    """The location_id clicked on the map, from st.altair_chart's selection event (None if none)."""
    try:
        chosen = event["selection"][SELECTION]
    except (KeyError, TypeError):
        return None
    if isinstance(chosen, list) and chosen and isinstance(chosen[0], dict):
        value = chosen[0].get("location_id")
        return str(value) if value else None
    return None
