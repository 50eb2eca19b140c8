"""Altair charts of the Timeline page: the lanes, the zoom strip, and the chip x date status strip."""
from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from supplychain.status import STATUSES
from supplychain.style import (
    EVIDENCE_LABELS, KIND_COLOURS, PRECISION_LABELS, STATUS_COLOURS, STATUS_LABELS, TIMELINE_EXTRA_COLOURS,
    TIMELINE_KIND_LABELS, format_date,
)
from supplychain.timeline import LANE_KINDS, LANE_LABELS, PRECISION_WORDS, label_levels

LANE_HEIGHT = 66  # three label sub-rows of 22 px
SUB_ROW = 20
FONT = 13
PICKS = ("pick_span", "pick_dot", "pick_label")
KIND_ORDER = ["policy", "chip", "model", "report", "industry"]
_KIND_COLOURS = {**KIND_COLOURS, **TIMELINE_EXTRA_COLOURS}


def _iso(value: pd.Timestamp) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def timeline_frame(items: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, *, width_px: int = 1000) -> pd.DataFrame:
    """The items as the chart draws them: ISO dates, span end (inclusive, +1 day), sub-row, readable fields."""
    out = items.copy()
    out["level"] = label_levels(out, start, end, width_px=width_px)
    out["offset"] = (out["level"] - 1) * SUB_ROW
    out["start_iso"] = out["date"].map(_iso)
    out["end_iso"] = (out["end"] + pd.Timedelta(days=1)).map(_iso)
    out["kind"] = out["lane"].map(LANE_KINDS)
    out["kind_label"] = out["kind"].map(TIMELINE_KIND_LABELS)
    out["precision_label"] = out["precision"].map(PRECISION_WORDS).fillna(out["precision"])
    out["evidence_label"] = out["evidence"].map(EVIDENCE_LABELS).fillna(out["evidence"])
    out["source"] = out["source_id"].fillna("") + out["claim_id"].map(lambda c: f" · claim {c}" if isinstance(c, str) and c else "")
    keep = ["item_id", "start_iso", "end_iso", "precision", "precision_label", "date_label", "title", "description", "lane",
            "lane_label", "kind", "kind_label", "evidence_label", "source", "level", "offset"]
    return out[keep]


TOOLTIP = [
    alt.Tooltip("date_label:N", title="Date"),
    alt.Tooltip("title:N", title="Event"),
    alt.Tooltip("description:N", title="What happened"),
    alt.Tooltip("precision_label:N", title="Date known to"),
    alt.Tooltip("lane_label:N", title="Lane"),
    alt.Tooltip("evidence_label:N", title="Evidence"),
    alt.Tooltip("source:N", title="Source"),
]


def _colour() -> alt.Color:
    return alt.Color(
        "kind:N", title="What", scale=alt.Scale(domain=KIND_ORDER, range=[_KIND_COLOURS[k] for k in KIND_ORDER]),
        legend=alt.Legend(orient="top", labelExpr=" || ".join(f"datum.value == '{k}' ? '{TIMELINE_KIND_LABELS[k]}'" for k in KIND_ORDER) + " : datum.value",
                          labelFontSize=FONT, titleFontSize=FONT),
    )


def build_timeline_chart(
    items: pd.DataFrame,
    steps: pd.DataFrame,
    *,
    lanes: Sequence[str],
    start: pd.Timestamp,
    end: pd.Timestamp,
    asof: pd.Timestamp | None = None,
    selected: str | None = None,
) -> alt.LayerChart:
    """One time axis, one row per lane: exact days as dots, month/year dates as dashed spans
    covering the whole period; the report's causal chain as numbered bands/rules from `steps`;
    an "as of" rule; a ring round the `selected` item. Clicking a dot, span or label selects it
    (point selections PICKS, field item_id: one per layer, as Vega-Lite binds a selection to one view)."""
    frame = timeline_frame(items, start, end)
    lane_labels = [LANE_LABELS[code] for code in lanes]
    x_scale = alt.Scale(domain=[_iso(start), _iso(end + pd.Timedelta(days=1))])
    y = alt.Y("lane_label:N", title=None, sort=lane_labels, scale=alt.Scale(domain=lane_labels),
              axis=alt.Axis(labelFontSize=FONT, labelFontWeight="bold", labelLimit=180, grid=True, tickBand="extent"))
    x = alt.X("start_iso:T", title=None, scale=x_scale,
              axis=alt.Axis(format="%b %Y", labelFontSize=FONT, grid=True, labelOverlap="greedy", orient="top"))
    picks = [alt.selection_point(name=name, fields=["item_id"], on="click", clear="dblclick") for name in PICKS]
    base = alt.Chart(frame)
    spans = base.transform_filter("datum.precision != 'day'").mark_bar(height=14, strokeDash=[4, 2], strokeWidth=1.5, fillOpacity=0.3).encode(
        x=x, x2="end_iso:T", y=y, yOffset=alt.YOffset("offset:Q", scale=None), color=_colour(), stroke=alt.Stroke("kind:N", legend=None, scale=alt.Scale(domain=KIND_ORDER, range=[_KIND_COLOURS[k] for k in KIND_ORDER])),
        tooltip=TOOLTIP,
    ).add_params(picks[0])
    dots = base.transform_filter("datum.precision == 'day'").mark_point(filled=True, size=120, stroke="white", strokeWidth=1).encode(
        x=x, y=y, yOffset=alt.YOffset("offset:Q", scale=None), color=_colour(), shape=alt.value("circle"), tooltip=TOOLTIP,
    ).add_params(picks[1])
    labels = base.mark_text(align="left", dx=9, fontSize=FONT - 1, baseline="middle").encode(
        x=x, y=y, yOffset=alt.YOffset("offset:Q", scale=None), text="title:N", tooltip=TOOLTIP,
    ).add_params(picks[2])
    layers: list[alt.Chart] = []
    if selected is not None and selected in set(frame["item_id"]):
        ring = frame[frame["item_id"] == selected]
        layers.append(alt.Chart(ring).mark_point(size=520, strokeWidth=2.5, color="#000000", filled=False).encode(
            x=x, y=y, yOffset=alt.YOffset("offset:Q", scale=None), tooltip=TOOLTIP))
    if not steps.empty:
        s = steps.assign(start_iso=steps["date"].map(_iso), end_iso=(steps["end"] + pd.Timedelta(days=1)).map(_iso))
        s = s[(s["end"] >= start) & (s["date"] <= end)]
        s = s.assign(level=label_levels(s.assign(lane="steps"), start, end, width_px=1000, char_px=7.5, levels=2).values)
        s = s.assign(ypix=-14 - 18 * s["level"])
        tip = [alt.Tooltip("label:N", title="The report's causal chain"), alt.Tooltip("date_label:N", title="Date")]
        sx = alt.X("start_iso:T", scale=x_scale, title=None)
        chain = alt.Chart(s)
        layers += [
            chain.transform_filter("datum.precision != 'day'").mark_rect(color="#7f7f7f", opacity=0.12).encode(x=sx, x2="end_iso:T", tooltip=tip),
            chain.transform_filter("datum.precision == 'day'").mark_rule(color="#444444", strokeDash=[6, 4], strokeWidth=1.5).encode(x=sx, tooltip=tip),
            chain.mark_text(align="left", dx=3, fontSize=FONT - 1, fontWeight="bold", color="#333333").encode(x=sx, y=alt.value(0), yOffset=alt.YOffset("ypix:Q", scale=None), text="label:N", tooltip=tip),
        ]
    if asof is not None and start <= asof <= end:
        marker = pd.DataFrame({"start_iso": [_iso(asof)], "label": [f"Status as of {format_date(asof)}"]})
        layers.append(alt.Chart(marker).mark_rule(color="#0072B2", strokeWidth=2).encode(x=alt.X("start_iso:T", scale=x_scale), tooltip=alt.Tooltip("label:N", title="Marker")))
    return alt.layer(*layers, spans, dots, labels).properties(
        height=max(len(lanes), 1) * LANE_HEIGHT, padding={"top": 50, "left": 5, "right": 20, "bottom": 5},
    ).configure_axis(titleFontSize=FONT + 1).configure_view(strokeWidth=0)


def build_zoom_strip(items: pd.DataFrame, *, full_start: pd.Timestamp, full_end: pd.Timestamp, start: pd.Timestamp, end: pd.Timestamp) -> alt.Chart:
    """Every item as a tick over the whole period; drag across it to zoom (interval selection `zoom`)."""
    frame = items.assign(start_iso=items["date"].map(_iso), kind=items["lane"].map(LANE_KINDS))
    brush = alt.selection_interval(name="zoom", encodings=["x"], value={"x": [_iso(start), _iso(end)]} if (start, end) != (full_start, full_end) else None)
    return alt.Chart(frame).mark_tick(thickness=2, size=22).encode(
        x=alt.X("start_iso:T", title="Drag across this strip to zoom the timeline · double-click to clear",
                scale=alt.Scale(domain=[_iso(full_start), _iso(full_end)]), axis=alt.Axis(format="%Y", labelFontSize=FONT, titleFontSize=FONT, titleFontWeight="normal")),
        color=alt.Color("kind:N", legend=None, scale=alt.Scale(domain=KIND_ORDER, range=[_KIND_COLOURS[k] for k in KIND_ORDER])),
        tooltip=[alt.Tooltip("date_label:N", title="Date"), alt.Tooltip("title:N", title="Event")],
    ).add_params(brush).properties(height=46)


def status_frame(segments: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Strip segments clipped to [start, end], with readable fields for tooltips."""
    seg = segments[(segments["end"] > start) & (segments["start"] <= end)].copy()
    seg["start"] = seg["start"].clip(lower=start)
    seg["end"] = seg["end"].clip(upper=end + pd.Timedelta(days=1))
    seg["start_iso"], seg["end_iso"] = seg["start"].map(_iso), seg["end"].map(_iso)
    seg["period"] = [f"{format_date(a)} to {format_date(b - pd.Timedelta(days=1))}" for a, b in zip(seg["start"], seg["end"])]
    seg["status_label"] = seg["status"].map(STATUS_LABELS)
    seg["certainty"] = seg["uncertain"].map({True: "Uncertain", False: "Certain"})
    seg["measure"] = seg["measure_name"].fillna("")
    return seg


def build_status_strip(segments: pd.DataFrame, *, chip_order: Sequence[str], start: pd.Timestamp, end: pd.Timestamp, asof: pd.Timestamp | None) -> alt.LayerChart:
    """One row per chip, coloured by export status over time; faded where the status is uncertain;
    a black line underneath where Chinese authorities discourage buying it."""
    seg = status_frame(segments, start, end)
    x_scale = alt.Scale(domain=[_iso(start), _iso(end + pd.Timedelta(days=1))])
    x = alt.X("start_iso:T", title=None, scale=x_scale, axis=alt.Axis(format="%b %Y", labelFontSize=FONT, labelOverlap="greedy"))
    y = alt.Y("chip_name:N", title=None, sort=list(chip_order), axis=alt.Axis(labelFontSize=FONT, labelLimit=200))
    tip = [
        alt.Tooltip("chip_name:N", title="Chip"), alt.Tooltip("period:N", title="Period"), alt.Tooltip("status_label:N", title="Status"),
        alt.Tooltip("measure:N", title="Deciding measure"), alt.Tooltip("china_side:N", title="Chinese side discourages"),
        alt.Tooltip("certainty:N", title="Certainty"), alt.Tooltip("uncertain_why:N", title="Why uncertain"),
    ]
    bars = alt.Chart(seg).mark_bar(height=18).encode(
        x=x, x2="end_iso:T", y=y,
        color=alt.Color("status:N", title="Export status to China", scale=alt.Scale(domain=list(STATUSES), range=[STATUS_COLOURS[s] for s in STATUSES]),
                        legend=alt.Legend(orient="top", labelExpr=" || ".join(f"datum.value == '{s}' ? '{STATUS_LABELS[s]}'" for s in STATUSES) + " : datum.value",
                                          labelFontSize=FONT, titleFontSize=FONT, labelLimit=320)),
        opacity=alt.Opacity("certainty:N", title="Certainty", scale=alt.Scale(domain=["Certain", "Uncertain"], range=[1.0, 0.45]),
                            legend=alt.Legend(orient="top", labelFontSize=FONT, titleFontSize=FONT)),
        tooltip=tip,
    )
    china = alt.Chart(seg[seg["china_side"].fillna("") != ""]).mark_bar(height=4, color="black", yOffset=11).encode(x=x, x2="end_iso:T", y=y, tooltip=tip)
    layers = [bars, china]
    if asof is not None and start <= asof <= end:
        layers.append(alt.Chart(pd.DataFrame({"start_iso": [_iso(asof)]})).mark_rule(color="#0072B2", strokeWidth=2).encode(x=alt.X("start_iso:T", scale=x_scale)))
    return alt.layer(*layers).properties(height=len(chip_order) * 28 + 10).configure_view(strokeWidth=0)
