"""Altair drawings of the relationship graph: the network (nodes, arrows, labels) and the chain columns."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from supplychain.charts.style import (
    KIND_COLOURS,
    RELATION_GROUP_DASHES,
    RELATION_GROUP_GREYS,
    vega_label_expr,
    vega_list_expr,
)
from supplychain.data.dates import format_span
from supplychain.data.entities import entity_url, short_label
from supplychain.data.labels import KIND_LABELS, enum_label, enum_words
from supplychain.data.relation_labels import CHAIN_STAGES, RELATION_GROUP_LABELS, RELATION_GROUPS
from supplychain.i18n import _
from supplychain.rules.chains import CHAIN_ORDER

_EDGE_FIELDS = (
    "relationship_id",
    "from_name",
    "relation_label",
    "to_name",
    "period",
    "evidence",
    "description_short",
    "claim_short",
    "source",
    "group",
    "x",
    "y",
    "x2",
    "y2",
    "ax",
    "ay",
)
_ARROW_GAP = 0.035  # how far before the target node an arrowhead sits, in layout units (layout spans 0..1)
_LABEL_FONT = 12
_KIND_SCALE = alt.Scale(domain=list(KIND_COLOURS), range=list(KIND_COLOURS.values()))


def _kind_legend() -> alt.Legend:
    """The legend of entity kinds, worded for the reader (built per chart, not at import)."""
    return alt.Legend(
        title=_("Entity"),
        orient="top",
        labelExpr=vega_label_expr(KIND_LABELS),
        labelFontSize=12,
        titleFontSize=13,
    )


_GROUPS = list(RELATION_GROUP_DASHES)
_X_DOMAIN = (-0.05, 1.22)  # layout units (0..1) plus room for the labels right of the rightmost dots
_Y_DOMAIN = (-0.06, 1.06)


def edge_table(edges: pd.DataFrame, claims: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Edges with readable columns for tooltips and the evidence table: relation label, period, source and quote."""
    claim_text = dict(zip(claims["claim_id"], claims["text_en"]))
    source_name = {r.source_id: f"{r.publisher}, {r.title}" for r in sources.itertuples(index=False)}
    out = edges.copy()
    out["relation_label"] = enum_words(out["relation"], "relationships", "relation")
    out["group"] = out["relation"].map(lambda r: RELATION_GROUPS.get(r, "Ties"))
    out["period"] = [
        format_span(*v)
        for v in out[["start_date", "start_precision", "end_date", "end_precision"]].itertuples(index=False, name=None)
    ]
    out["source"] = out["source_id"].map(lambda s: source_name.get(s, s or ""))
    out["claim"] = out["claim_id"].map(lambda c: claim_text.get(c, "") if c else "")
    return out


def _short(text: str, limit: int = 160) -> str:
    text = str(text or "")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def uncrowded_labels(nodes: pd.DataFrame, *, width: int, height: int, limit: int = 0) -> pd.Series:
    """Which nodes' labels can be drawn without overlapping another label, in a chart `width` x `height` px.

    `nodes`: id, label, degree, is_focus, x, y (0..1, as network_chart places them). Labels are placed as the
    chart draws them (left-aligned, 10 px right of the dot) and estimated at 0.6 em a character, cut at `limit`
    px. The focus first, then the best-connected, keep their labels; a label overlapping a kept one is dropped.
    """
    x_px = width / (_X_DOMAIN[1] - _X_DOMAIN[0])
    y_px = height / (_Y_DOMAIN[1] - _Y_DOMAIN[0])
    kept: list[tuple[float, float, float, float]] = []
    keep = pd.Series(False, index=nodes.index)
    order = nodes.assign(_focus=nodes["is_focus"].astype(bool)).sort_values(
        ["_focus", "degree", "id"], ascending=[False, False, True], kind="stable"
    )
    for i, row in order.iterrows():
        text_px = len(str(row["label"])) * _LABEL_FONT * 0.6
        left = (row["x"] - _X_DOMAIN[0]) * x_px + 10
        right = left + (min(text_px, limit) if limit else text_px)
        mid = (_Y_DOMAIN[1] - row["y"]) * y_px
        box = (left, right, mid - _LABEL_FONT * 0.7, mid + _LABEL_FONT * 0.7)
        if any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3] for b in kept):
            continue
        kept.append(box)
        keep[i] = True
    return keep


def network_chart(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    positions: dict[str, tuple[float, float]],
    *,
    focus: str | None = None,
    height: int = 560,
    label_all: bool = True,
    legend_rows: int | None = None,
    label_limit: int = 0,
    min_width: int = 0,
) -> alt.LayerChart:
    """Nodes coloured by kind (click opens the profile), edges dashed by relation group with arrowheads, labels.

    `nodes`: id, kind, name, label, degree. `edges`: an edge_table() frame. `positions` from layout_positions.
    Positions are rescaled to 0..1 so arrow gaps and label offsets do not depend on the layout's range.
    `legend_rows`: lay each legend's entries out in about that many rows, so both legends fit side by side in
    a narrow chart (on one row, the five entity kinds ran off a 560 px wide chart and only three showed).
    `label_limit`: the widest a node's label may be, in pixels (longer names end in "…"; hover gives the whole
    name); 0 = no limit.
    `min_width`: the narrowest the chart is drawn, in pixels; where labels would overlap at that width, the
    best-connected entity keeps its label and the others show theirs on hover. 0 = every label is drawn.
    """
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    pos = {n: ((x - min(xs)) / span_x, (y - min(ys)) / span_y) for n, (x, y) in positions.items()}

    nd = nodes[nodes["id"].isin(list(pos))].copy()
    nd["x"] = nd["id"].map(lambda n: pos[n][0])
    nd["y"] = nd["id"].map(lambda n: pos[n][1])
    nd["kind_label"] = nd["kind"].map(KIND_LABELS)
    nd["url"] = nd["id"].map(entity_url)
    nd["is_focus"] = nd["id"] == (focus or "")
    nd["show_label"] = True if label_all else (nd["degree"] >= 3) | nd["is_focus"]
    if min_width:
        nd["show_label"] = nd["show_label"] & uncrowded_labels(nd, width=min_width, height=height, limit=label_limit)

    ed = edges[edges["from_id"].isin(list(pos)) & edges["to_id"].isin(list(pos))].copy()
    # astype(float): with no tie among the drawn entities the mapped columns would keep the ids' string type.
    ed["x"] = ed["from_id"].map(lambda n: pos[n][0]).astype(float)
    ed["y"] = ed["from_id"].map(lambda n: pos[n][1]).astype(float)
    ed["x2"] = ed["to_id"].map(lambda n: pos[n][0]).astype(float)
    ed["y2"] = ed["to_id"].map(lambda n: pos[n][1]).astype(float)
    ed["claim_short"] = ed["claim"].map(_short)
    ed["description_short"] = ed["description"].map(_short)
    fractions = []
    for x, y, x2, y2 in ed[["x", "y", "x2", "y2"]].itertuples(index=False, name=None):
        length = math.hypot(x2 - x, y2 - y) or 1.0
        fractions.append(min(0.92, max(0.5, 1 - _ARROW_GAP / length)))
    ed["ax"] = ed["x"] + (ed["x2"] - ed["x"]) * fractions
    ed["ay"] = ed["y"] + (ed["y2"] - ed["y"]) * fractions
    # Only what the chart draws or shows on hover travels to the browser: the ties' long texts (description, claim,
    # note) are a quarter of the page's bytes and are read in full in the table below the chart.
    ed = ed[[c for c in _EDGE_FIELDS if c in ed.columns]]

    x_scale = alt.Scale(domain=list(_X_DOMAIN), nice=False, zero=False)
    y_scale = alt.Scale(domain=list(_Y_DOMAIN), nice=False, zero=False)
    x = alt.X("x:Q", scale=x_scale, axis=None)
    y = alt.Y("y:Q", scale=y_scale, axis=None)
    edge_tooltip = [
        alt.Tooltip("from_name:N", title=_("From")),
        alt.Tooltip("relation_label:N", title=_("Relation")),
        alt.Tooltip("to_name:N", title=_("To")),
        alt.Tooltip("period:N", title=_("When")),
        alt.Tooltip("evidence:N", title=_("Evidence")),
        alt.Tooltip("description_short:N", title=_("What")),
        alt.Tooltip("claim_short:N", title=_("Report says")),
        alt.Tooltip("source:N", title=_("Source")),
        alt.Tooltip("relationship_id:N", title=_("Record")),
    ]
    kind_legend, tie_legend = (
        _kind_legend(),
        alt.Legend(
            orient="top",
            labelFontSize=12,
            titleFontSize=13,
            symbolStrokeWidth=2,
            symbolSize=400,
            labelExpr=vega_label_expr(RELATION_GROUP_LABELS),
        ),
    )
    if legend_rows:
        kind_legend = alt.Legend(**{**_kind_legend().to_dict(), "columns": math.ceil(len(KIND_LABELS) / legend_rows)})
        tie_legend = alt.Legend(**{**tie_legend.to_dict(), "columns": math.ceil(len(_GROUPS) / legend_rows)})
    dash = alt.StrokeDash(
        "group:N",
        title=_("Tie"),
        scale=alt.Scale(domain=_GROUPS, range=[RELATION_GROUP_DASHES[g] for g in _GROUPS]),
        legend=tie_legend,
    )
    group_scale = alt.Scale(domain=_GROUPS, range=[RELATION_GROUP_GREYS[g] for g in _GROUPS])
    stroke = alt.Stroke("group:N", title=_("Tie"), scale=group_scale, legend=tie_legend)
    lines = (
        alt.Chart(ed)
        .mark_rule(strokeWidth=1.6, opacity=0.8)
        .encode(x=x, y=y, x2="x2:Q", y2="y2:Q", strokeDash=dash, stroke=stroke, tooltip=edge_tooltip)
    )
    # Arrowheads: a triangle turned to the edge's direction, measured in pixels so it holds at any chart width.
    angle = (
        "(atan2(scale('x', datum.x2) - scale('x', datum.x), scale('y', datum.y2) - scale('y', datum.y)) * -180 / PI)"
        " + 180"
    )
    arrows = (
        alt.Chart(ed)
        .mark_point(shape="triangle-up", filled=True, size=70, opacity=0.9, angle=alt.ExprRef(angle))
        .encode(
            x=alt.X("ax:Q", scale=x_scale, axis=None),
            y=alt.Y("ay:Q", scale=y_scale, axis=None),
            fill=alt.Fill("group:N", scale=group_scale, legend=None),
            tooltip=edge_tooltip,
        )
    )
    node_tooltip = [
        alt.Tooltip("name:N", title=_("Name")),
        alt.Tooltip("kind_label:N", title=_("Kind")),
        alt.Tooltip("degree:Q", title=_("Ties shown")),
        alt.Tooltip("id:N", title=_("Id (click to open its profile)")),
    ]
    points = (
        alt.Chart(nd)
        .mark_circle(stroke="white", strokeWidth=1.5, opacity=1, cursor="pointer")
        .encode(
            x=x,
            y=y,
            color=alt.Color("kind:N", scale=_KIND_SCALE, legend=kind_legend),
            size=alt.condition("datum.is_focus", alt.value(520), alt.value(240)),
            href="url:N",
            tooltip=node_tooltip,
        )
    )
    labelled = alt.Chart(nd).transform_filter("datum.show_label")
    text_enc = dict(x=x, y=y, text="label:N", href="url:N", tooltip=node_tooltip)
    halo = labelled.mark_text(
        align="left",
        dx=10,
        fontSize=_LABEL_FONT,
        limit=label_limit,
        stroke="white",
        strokeWidth=4,
        strokeJoin="round",
        opacity=0.9,
    ).encode(**text_enc)
    labels = (
        labelled.transform_filter("!datum.is_focus")
        .mark_text(align="left", dx=10, fontSize=_LABEL_FONT, limit=label_limit, cursor="pointer", color="#222222")
        .encode(**text_enc)
    )
    focus_label = (
        labelled.transform_filter("datum.is_focus")
        .mark_text(align="left", dx=14, fontSize=_LABEL_FONT + 2, fontWeight="bold", cursor="pointer", color="#000000")
        .encode(**text_enc)
    )
    return (
        alt.layer(lines, arrows, points, halo, labels, focus_label)
        .properties(height=height, width="container")
        .configure_view(stroke=None)
    )


def _model_rows(
    part: pd.DataFrame, firsts: pd.DataFrame, stages: list[str], starts: dict[str, float], n_models: int
) -> list[float]:
    """The rows of a developer's models: one apart and centred in its band, but leaving a gap where the
    developer's own lines to later columns cross the model column (a line through a model's dot read as if that
    model trained there). Lines run straight, so where each crosses is known before the models are placed."""
    col = {stage: i for i, stage in enumerate(stages)}
    rows: dict[tuple[str, str], float] = {}
    for stage in stages:  # each entity's row in its column, as chain_chart places it
        for i, entity in enumerate(firsts.loc[firsts["stage"] == stage, "entity_id"]):
            rows[(stage, entity)] = starts[stage] + i
    dev = str(part["developer_id"].iloc[0])
    d = starts.get("developer", 0.0)
    model_col = col["model"]
    crossings = sorted(
        d + (rows[(r.stage, r.entity_id)] - d) * model_col / col[r.stage]
        for r in part.itertuples()
        if r.parent_id == dev and col.get(r.stage, 0) > model_col and (r.stage, r.entity_id) in rows
    )
    centred = [starts["model"] + i for i in range(n_models)]
    if not crossings:
        return centred
    low, high = crossings[0] - 0.3, crossings[-1] + 0.3  # the gap, with room for a dot's radius
    above = [r for r in centred if r < (low + high) / 2]
    below = centred[len(above) :]
    return [low - len(above) + i for i in range(len(above))] + [high + i for i in range(len(below))]


def chain_chart(chains: pd.DataFrame, *, row_height: int = 24) -> alt.LayerChart:
    """The chain as ordered columns (developer → model → where → owner → chips → rule), one band per
    developer.

    Each entity is a labelled point in its stage's column; a line joins it to the entity it was reached
    from (the stated tie), so nothing is connected that the data does not connect. Click opens the profile.
    """
    stages = list(CHAIN_ORDER)
    placed: list[dict[str, object]] = []
    offset = 0
    for dev, part in chains.groupby("developer_id", sort=False):
        firsts = part.drop_duplicates(["stage", "entity_id"])
        counts = firsts.groupby("stage").size()
        band = int(counts.max()) if not counts.empty else 1
        starts = {stage: offset + (band - int(counts.get(stage, 0))) / 2 for stage in stages}
        model_rows = _model_rows(part, firsts, stages, starts, int(counts.get("model", 0)))
        # A gap in the model column can push models past the band's top: move the whole band down by that much.
        shift = max(0.0, offset - min(model_rows, default=offset))
        starts = {stage: start + shift for stage, start in starts.items()}
        model_rows = [row + shift for row in model_rows]
        last = max([offset + shift + band - 1, *model_rows])
        for stage in stages:
            members = firsts[firsts["stage"] == stage]
            start = starts[stage]
            for i, row in enumerate(members.itertuples(index=False)):
                placed.append(
                    {
                        "developer_id": dev,
                        "developer_name": row.developer_name,
                        "stage": stage,
                        "stage_label": CHAIN_STAGES[stage],
                        "col": stages.index(stage),
                        "row": model_rows[i] if stage == "model" else start + i,
                        "id": row.entity_id,
                        "name": row.entity_name,
                        "kind": row.kind,
                        "kind_label": enum_label("relationships", "from_kind", row.kind),
                        "url": entity_url(row.entity_id),
                        "label": _short(short_label(row.entity_name), 21),
                    }
                )
        offset = last + 2
    nodes = pd.DataFrame(placed)
    where = {(r["developer_id"], r["stage"], r["id"]): (r["col"], r["row"]) for r in placed}
    by_id = {}
    for r in placed:
        by_id.setdefault((r["developer_id"], r["id"]), (r["col"], r["row"]))
    links = []
    for row in chains.itertuples(index=False):
        if not row.parent_id:
            continue
        end = where.get((row.developer_id, row.stage, row.entity_id))
        start = by_id.get((row.developer_id, row.parent_id))
        if end and start:
            links.append(
                {
                    "col": start[0],
                    "row": start[1],
                    "col2": end[0],
                    "row2": end[1],
                    "relation": enum_label("relationships", "relation", row.relation),
                    "record": row.relationship_id,
                    "from": row.parent_id,
                    "to": row.entity_name,
                }
            )
    links_df = pd.DataFrame(links, columns=["col", "row", "col2", "row2", "relation", "record", "from", "to"])
    total = max(offset - 1, 1)
    x_scale = alt.Scale(domain=[-0.15, len(stages) - 0.05], nice=False)
    y_scale = alt.Scale(domain=[-0.8, total - 0.2], reverse=True, nice=False)
    axis = alt.Axis(
        values=list(range(len(stages))),
        labelExpr=vega_list_expr([CHAIN_STAGES[s] for s in stages]),
        orient="top",
        labelFontSize=13,
        labelFontWeight="bold",
        labelAlign="left",
        title=None,
        grid=True,
        ticks=False,
        domain=False,
    )
    lines = (
        alt.Chart(links_df)
        .mark_rule(color="#8c8c8c", strokeWidth=1.3)
        .encode(
            x=alt.X("col:Q", scale=x_scale, axis=axis),
            y=alt.Y("row:Q", scale=y_scale, axis=None),
            x2="col2:Q",
            y2="row2:Q",
            tooltip=[
                alt.Tooltip("relation:N", title=_("Tie")),
                alt.Tooltip("to:N", title=_("To")),
                alt.Tooltip("record:N", title=_("Record")),
            ],
        )
    )
    tooltip = [
        alt.Tooltip("name:N", title=_("Name")),
        alt.Tooltip("kind_label:N", title=_("Kind")),
        alt.Tooltip("stage_label:N", title=_("Column")),
        alt.Tooltip("developer_name:N", title=_("Chain of")),
    ]
    points = (
        alt.Chart(nodes)
        .mark_circle(size=150, stroke="white", strokeWidth=1, opacity=1, cursor="pointer")
        .encode(
            x=alt.X("col:Q", scale=x_scale, axis=axis),
            y=alt.Y("row:Q", scale=y_scale, axis=None),
            color=alt.Color("kind:N", scale=_KIND_SCALE, legend=_kind_legend()),
            href="url:N",
            tooltip=tooltip,
        )
    )
    enc = dict(
        x=alt.X("col:Q", scale=x_scale, axis=axis),
        y=alt.Y("row:Q", scale=y_scale, axis=None),
        text="label:N",
        href="url:N",
        tooltip=tooltip,
    )
    halo = (
        alt.Chart(nodes)
        .mark_text(align="left", dx=9, fontSize=_LABEL_FONT, stroke="white", strokeWidth=4, strokeJoin="round")
        .encode(**enc)
    )
    text = (
        alt.Chart(nodes)
        .mark_text(align="left", dx=9, fontSize=_LABEL_FONT, color="#222222", cursor="pointer")
        .encode(**enc)
    )
    return (
        alt.layer(lines, points, halo, text)
        .properties(height=max(160, row_height * (total + 1) + 40), width="container")
        .configure_view(stroke=None)
    )
