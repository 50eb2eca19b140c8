"""Altair builders for the Map page: the layered map of places and flows (its data and tables: charts/map_tables.py)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from supplychain.charts.map_tables import describe_flows, describe_points
from supplychain.charts.style import (
    FLOW_EVIDENCE_DASHES,
    FLOW_GROUP_COLOURS,
    LOCATION_KIND_COLOURS,
    MAP_USERMETA,
    OWNERSHIP_SHAPES,
    SHAPE_LEGEND_GREY,
    vega_label_expr,
)
from supplychain.data import geography
from supplychain.data.site_labels import LOCATION_KIND_LABELS, OWNERSHIP_LABELS
from supplychain.i18n import _
from supplychain.rules import geo, label_layout, regions

LAND = "#E4E7EA"
SEA = "#F3F7FA"
SELECTION = "place"


BOUNDARIES_DATASET = "boundaries"


def boundaries_data() -> alt.NamedData:
    """Country boundaries for Vega: a reference to the TopoJSON topology that map_spec puts in spec["datasets"].

    A name, not the topology itself, while Altair builds the chart: Altair deep-copies a chart's data on every
    method call, which cost ~0.7 s per map region with the ~80 KB topology inline (docs/performance.md).
    """
    return alt.NamedData(
        name=BOUNDARIES_DATASET, format=alt.DataFormat(type="topojson", feature=geography.BOUNDARIES_LAYER)
    )


_ALIGNS = [
    ("left", "middle"),
    ("right", "middle"),
    ("center", "bottom"),
    ("center", "top"),
    ("left", "bottom"),
    ("left", "top"),
    ("right", "bottom"),
    ("right", "top"),
]
DATASETS = ("flows", "lines", "heads", "rings", "leaders", "points", "labels", "flow_labels")
# What a flow's line and arrowhead say on hover: one row per flow in "flows", looked up by flow_id, so the ~25
# points of each curve carry only their position (the map spec is a fifth of the bytes, parsed and drawn sooner).
FLOW_COLUMNS = [
    "title",
    "relation_label",
    "group",
    "line_style",
    "when",
    "origin_name",
    "dest_name",
    "description",
    "evidence_label",
    "source_id",
    "claim_id",
]


def prepare_region(
    points: pd.DataFrame,
    flows: pd.DataFrame,
    region_key: str | regions.Region,
    *,
    projection: regions.Projection | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Everything drawn for one preset, for all places and flows: curves, arrowheads, label spots.

    Computed once per preset and data version (cached); a filter then only picks rows by id, so
    labels and curves stay put when filters change. Rows (records, ready for Vega) carry location_id
    or flow_id for that. A caller with its own frame (story mode) passes a Region and the
    projection its labels are placed for instead of a preset key.
    """
    region = region_key if isinstance(region_key, regions.Region) else regions.REGIONS[region_key]
    projection = projection or regions.projection_for(region)
    pts = describe_points(points)
    fls = describe_flows(flows)
    paths = geo.flow_paths(fls, projection)
    heads = geo.arrow_heads(paths, projection)
    labels = label_layout.place_labels(pts, projection)
    taken = list(labels["box"]) + _marker_boxes(pts, projection)
    flow_labels = label_layout.place_flow_labels(fls, paths, projection, taken, dict(zip(fls["flow_id"], fls["label"])))
    point_cols = [
        "location_id",
        "name",
        "label",
        "lon",
        "lat",
        "kind_label",
        "ownership_label",
        "precision_label",
        "who",
        "evidence_label",
        "source_id",
        "claim_id",
        "ring",
    ]
    point_data = pts[point_cols].fillna("")
    frames = {
        "flows": fls[["flow_id", *FLOW_COLUMNS]].fillna(""),
        "lines": paths[["flow_id", "seq", "lon", "lat"]].round({"lon": 3, "lat": 3}),
        "heads": heads,
        "rings": point_data[point_data["ring"] > 0],
        "points": point_data,
        "leaders": labels.loc[labels["leader"].astype(bool), ["location_id", "lon", "lat", "label_lon", "label_lat"]],
        "labels": labels[["location_id", "text", "label_lon", "label_lat", "align", "baseline"]],
        "flow_labels": flow_labels[["flow_id", "text", "lon", "lat"]],
    }
    return {name: frame.to_dict("records") for name, frame in frames.items()}


def map_datasets(
    prepared: dict[str, list[dict[str, Any]]], *, location_ids: set[str], flow_ids: set[str]
) -> dict[str, list[dict[str, Any]]]:
    """The rows of each map layer for the places and flows shown (the only per-rerun work of the map: microseconds)."""
    return {
        name: [
            r for r in rows if (r["location_id"] in location_ids if "location_id" in r else r["flow_id"] in flow_ids)
        ]
        for name, rows in prepared.items()
    }


def _text_layers(
    name: str, *, size: int, colour: str, weight: str, lon: str, lat: str, aligns: list[tuple[str, str]]
) -> list[alt.Chart]:
    """A white halo and the text over it. Several `aligns`: each row says its own (columns align, baseline),
    read per label by the mark, so one pair of layers draws them all instead of a pair per alignment."""
    base = alt.Chart(alt.NamedData(name)).encode(longitude=f"{lon}:Q", latitude=f"{lat}:Q", text="text:N")
    align: Any = aligns[0][0] if len(aligns) == 1 else alt.ExprRef("datum.align")
    baseline: Any = aligns[0][1] if len(aligns) == 1 else alt.ExprRef("datum.baseline")
    return [
        base.mark_text(
            align=align,
            baseline=baseline,
            fontSize=size,
            fontWeight=weight,
            clip=True,
            stroke="white",
            strokeWidth=4,
            strokeJoin="round",
            fill="white",
            opacity=0.9,
        ),
        base.mark_text(align=align, baseline=baseline, fontSize=size, fontWeight=weight, fill=colour, clip=True),
    ]


def map_spec(
    region_key: str | regions.Region,
    topology: dict[str, Any],
    *,
    kinds: list[str],
    owners: list[str],
    groups: list[str],
) -> dict[str, Any]:
    """The map as a Vega-Lite spec whose layers read named datasets (filled per rerun by map_datasets).

    `topology` is the boundaries' TopoJSON, already clipped to what the plot shows and simplified for its
    scale (supplychain.boundaries.plot_topology); it travels inline in spec["datasets"].

    Built with Altair once per preset and cached, because building and validating a 20-layer Altair
    chart costs ~0.3 s of server time, and a filter change must cost under 50 ms.
    `kinds`, `owners`, `groups` are the location kinds, ownerships and flow groups the legends list.
    """
    region = region_key if isinstance(region_key, regions.Region) else regions.REGIONS[region_key]
    flow_tooltip = [
        alt.Tooltip("title:N", title=_("Flow")),
        alt.Tooltip("when:N", title=_("When")),
        alt.Tooltip("origin_name:N", title=_("From place")),
        alt.Tooltip("dest_name:N", title=_("To place")),
        alt.Tooltip("description:N", title=_("What the source says")),
        alt.Tooltip("evidence_label:N", title=_("Evidence")),
        alt.Tooltip("source_id:N", title=_("Source")),
        alt.Tooltip("claim_id:N", title=_("Claim")),
    ]
    point_tooltip = [
        alt.Tooltip("name:N", title=_("Place")),
        alt.Tooltip("kind_label:N", title=_("What is there")),
        alt.Tooltip("who:N", title=_("Who is there")),
        alt.Tooltip("ownership_label:N", title=_("Owner")),
        alt.Tooltip("precision_label:N", title=_("Position known to")),
        alt.Tooltip("evidence_label:N", title=_("Evidence")),
        alt.Tooltip("source_id:N", title=_("Source")),
        alt.Tooltip("claim_id:N", title=_("Claim")),
    ]
    groups = groups or list(FLOW_GROUP_COLOURS)
    group_scale = alt.Scale(domain=groups, range=[FLOW_GROUP_COLOURS[g] for g in groups])
    flow_words = alt.LookupData(data=alt.NamedData("flows"), key="flow_id", fields=FLOW_COLUMNS)
    select = alt.selection_point(name=SELECTION, fields=["location_id"], on="click", clear="dblclick")
    layers: list[alt.Chart] = [
        alt.Chart(boundaries_data())
        .mark_geoshape(fill=LAND, stroke="#FFFFFF", strokeWidth=0.7, clip=True)
        .encode(tooltip=alt.Tooltip("properties.name:N", title=_("Country"))),
        alt.Chart(alt.NamedData("lines"))
        .transform_lookup(lookup="flow_id", from_=flow_words)
        .mark_line(strokeWidth=2.6, opacity=0.85, clip=True)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            detail="flow_id:N",
            order="seq:Q",
            stroke=alt.Stroke(
                "group:N",
                title=_("Line colour"),
                scale=group_scale,
                legend=alt.Legend(labelExpr=vega_label_expr({g: _(g) for g in groups})),
            ),
            strokeDash=alt.StrokeDash(
                "line_style:N",
                title=_("Line style"),
                legend=alt.Legend(labelExpr=vega_label_expr({d: _(d) for d in FLOW_EVIDENCE_DASHES})),
                scale=alt.Scale(domain=list(FLOW_EVIDENCE_DASHES), range=list(FLOW_EVIDENCE_DASHES.values())),
            ),
            tooltip=flow_tooltip,
        ),
        alt.Chart(alt.NamedData("heads"))
        .transform_lookup(lookup="flow_id", from_=flow_words)
        .mark_point(shape="triangle", filled=True, size=90, opacity=0.95, clip=True)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            angle=alt.Angle("angle:Q", scale=None),
            fill=alt.Fill("group:N", scale=group_scale, legend=None),
            tooltip=flow_tooltip,
        ),
        alt.Chart(alt.NamedData("rings"))
        .mark_point(filled=False, shape="circle", strokeDash=[3, 3], strokeWidth=1.4, color="#444444", clip=True)
        .encode(
            longitude="lon:Q", latitude="lat:Q", size=alt.Size("ring:Q", scale=None, legend=None), tooltip=point_tooltip
        ),
        alt.Chart(alt.NamedData("leaders"))
        .mark_rule(color="#777777", strokeWidth=1, clip=True)
        .encode(longitude="lon:Q", latitude="lat:Q", longitude2="label_lon:Q", latitude2="label_lat:Q"),
        alt.Chart(alt.NamedData("points"))
        .mark_point(filled=True, size=190, stroke="#FFFFFF", strokeWidth=1.5, opacity=1, cursor="pointer", clip=True)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            color=alt.Color(
                "kind_label:N",
                title=_("Marker colour"),
                scale=alt.Scale(
                    domain=[LOCATION_KIND_LABELS[k] for k in kinds], range=[LOCATION_KIND_COLOURS[k] for k in kinds]
                ),
            ),
            shape=alt.Shape(
                "ownership_label:N",
                title=_("Marker shape"),
                scale=alt.Scale(
                    domain=[OWNERSHIP_LABELS[o] for o in owners], range=[OWNERSHIP_SHAPES[o] for o in owners]
                ),
                # A mid grey that stands 3:1 or more on the light and the dark page alike: the legend's default black
                # symbols were all but invisible in the dark theme (fifth session's screenshots).
                legend=alt.Legend(
                    symbolFillColor=SHAPE_LEGEND_GREY, symbolStrokeColor=SHAPE_LEGEND_GREY, symbolSize=200
                ),
            ),
            tooltip=point_tooltip,
        )
        .add_params(select),
    ]
    layers += _text_layers(
        "labels",
        size=label_layout.LABEL_FONT_PX,
        colour="#1B1F24",
        weight="bold",
        lon="label_lon",
        lat="label_lat",
        aligns=_ALIGNS,
    )
    layers += _text_layers(
        "flow_labels",
        size=label_layout.FLOW_LABEL_FONT_PX,
        colour="#3A3F45",
        weight="normal",
        lon="lon",
        lat="lat",
        aligns=[("center", "middle")],
    )
    legend = alt.LegendConfig(
        orient="bottom",
        direction="vertical",
        titleFontSize=14,
        labelFontSize=14,
        symbolSize=120,
        columnPadding=14,
        labelLimit=280,
        rowPadding=3,
    )
    chart = (
        alt.layer(*layers)
        .properties(height=region.height, width="container", usermeta=MAP_USERMETA)
        .project(type="mercator", rotate=[regions.ROTATE, 0, 0], fit=region.fit_feature())
        .resolve_scale(
            color="independent",
            shape="independent",
            stroke="independent",
            strokeDash="independent",
            fill="independent",
            size="independent",
        )
        .configure_view(fill=SEA, stroke="#C9D1D9")
        .configure_legend(**legend.to_dict())
    )
    # Checked against the Vega-Lite schema in tests/test_chart_cache.py, not on every build.
    spec = chart.to_dict(validate=False)
    spec.setdefault("datasets", {})[BOUNDARIES_DATASET] = topology
    return spec


def _marker_boxes(points: pd.DataFrame, projection: regions.Projection) -> list[label_layout.Box]:
    half = label_layout.MARKER_PX / 2
    out = []
    for r in points.itertuples():
        x, y = projection.project(r.lon, r.lat)
        out.append(label_layout.Box(x - half, y - half, x + half, y + half))
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
