"""Altair charts of the Timeline page: the lanes, the zoom strip, and the chip x date status strip."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from supplychain.dates import PRECISION_LABELS, next_period_start
from supplychain.status import STATUSES
from supplychain.style import (
    EVIDENCE_LABELS,
    KIND_COLOURS,
    STATUS_COLOURS,
    STATUS_LABELS,
    TIMELINE_EXTRA_COLOURS,
    TIMELINE_KIND_LABELS,
    format_date,
)
from supplychain.timeline import LANE_KINDS, LANE_LABELS, label_levels

LANE_HEIGHT = 66  # three sub-rows of 22 px
# Plot width assumed when deciding which labels fit: the plot at a 1280 px window; wider windows
# show the same labels with more room (the chart cannot know the browser's width in advance).
PLOT_WIDTH = 700
FONT = 13
PICKS = ("pick_span", "pick_dot", "pick_label")
KIND_ORDER = ["policy", "chip", "model", "report", "industry"]
_KIND_COLOURS = {**KIND_COLOURS, **TIMELINE_EXTRA_COLOURS}


def _iso(value: pd.Timestamp) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _domain(first: pd.Timestamp, last: pd.Timestamp) -> list[alt.DateTime]:
    """A time-scale domain every layer writes the same way (ISO strings and parsed dates would conflict)."""
    return [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in (pd.Timestamp(first), pd.Timestamp(last))]


def timeline_frame(
    items: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, *, width_px: int = 1000
) -> pd.DataFrame:
    """The items as the chart draws them: ISO dates, span end (the next period's start, exclusive), sub-row, label flag, readable fields."""
    out = items.copy()
    out[["level", "labelled", "align"]] = label_levels(out, start, end, width_px=width_px)
    out["start_iso"] = out["date"].map(_iso)
    out["end_iso"] = [_iso(next_period_start(d, p)) for d, p in zip(out["date"], out["precision"])]
    out["label_iso"] = out["start_iso"].where(
        out["precision"] == "day", out["end_iso"]
    )  # a span's label follows the span
    out["kind"] = out["lane"].map(LANE_KINDS)
    out["kind_label"] = out["kind"].map(TIMELINE_KIND_LABELS)
    out["precision_label"] = out["precision"].map(PRECISION_LABELS).fillna(out["precision"])
    out["evidence_label"] = out["evidence"].map(EVIDENCE_LABELS).fillna(out["evidence"])
    out["source"] = out["source_id"].fillna("") + out["claim_id"].map(
        lambda c: f" · claim {c}" if isinstance(c, str) and c else ""
    )
    keep = [
        "item_id",
        "start_iso",
        "end_iso",
        "label_iso",
        "precision",
        "precision_label",
        "date_label",
        "title",
        "description",
        "lane",
        "lane_label",
        "kind",
        "kind_label",
        "evidence_label",
        "source",
        "level",
        "labelled",
        "align",
    ]
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


def time_ticks(start: pd.Timestamp, end: pd.Timestamp) -> dict[str, object]:
    """Regular ticks, about eight across the range: every 1, 3, 6 or 12 months (never uneven "nice" dates)."""
    months = max((pd.Timestamp(end) - pd.Timestamp(start)).days / 30.4, 1)
    step = next((m for m in (1, 2, 3, 6, 12) if months / m <= 9), 12 * int(months // 96 + 1))
    return {"interval": "month", "step": step}


def _label_expr(labels: dict[str, str], order: Sequence[str]) -> str:
    """A Vega expression turning legend codes into readable labels: a ? x : b ? y : ... : datum.value."""
    return " : ".join(f"datum.value == '{code}' ? '{labels[code]}'" for code in order) + " : datum.value"


def _kind_scale() -> alt.Scale:
    return alt.Scale(domain=KIND_ORDER, range=[_KIND_COLOURS[k] for k in KIND_ORDER])


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
    """One time axis, one row per lane: exact days as dots, month/year dates as dashed boxes
    spanning the whole period (never a dot on the 1st); the report's causal chain as numbered
    rules/bands from `steps`; a blue "as of" rule; a ring round the `selected` item.

    Crowded lanes use three sub-rows; labels that still do not fit are left off (tooltips keep
    them). Clicking a dot, box or label selects it: point selections PICKS, one per layer, since
    Vega-Lite binds a selection to a single view.
    """
    frame = timeline_frame(items, start, end, width_px=PLOT_WIDTH)
    lane_labels = [LANE_LABELS[code] for code in lanes]
    axis = alt.Axis(
        format="%b %Y", labelFontSize=FONT, grid=True, labelOverlap="greedy", tickCount=time_ticks(start, end)
    )
    x = alt.X("start_iso:T", title=None, scale=alt.Scale(domain=_domain(start, end + pd.Timedelta(days=1))), axis=axis)
    x_plain = alt.X("start_iso:T", title=None)
    y = alt.Y(
        "lane_label:N",
        title=None,
        sort=lane_labels,
        scale=alt.Scale(domain=lane_labels),
        axis=alt.Axis(
            labelFontSize=FONT,
            labelFontWeight="bold",
            labelLimit=180,
            grid=True,
            tickBand="extent",
            domain=False,
            ticks=False,
        ),
    )
    y_off = alt.YOffset("level:O", scale=alt.Scale(domain=[0, 1, 2]))
    colour = alt.Color(
        "kind:N",
        title=None,
        scale=_kind_scale(),
        legend=alt.Legend(
            orient="bottom", labelExpr=_label_expr(TIMELINE_KIND_LABELS, KIND_ORDER), labelFontSize=FONT, symbolSize=140
        ),
    )
    picks = [alt.selection_point(name=name, fields=["item_id"], on="click", clear="dblclick") for name in PICKS]
    base = alt.Chart(frame)
    spans = (
        base.transform_filter("datum.precision != 'day'")
        .mark_bar(height=12, strokeDash=[4, 2], strokeWidth=1.5, fillOpacity=0.3, cornerRadius=2)
        .encode(
            x=x,
            x2="end_iso:T",
            y=y,
            yOffset=y_off,
            color=colour,
            stroke=alt.Stroke("kind:N", legend=None, scale=_kind_scale()),
            tooltip=TOOLTIP,
        )
        .add_params(picks[0])
    )
    dots = (
        base.transform_filter("datum.precision == 'day'")
        .mark_point(filled=True, size=110, stroke="white", strokeWidth=1, opacity=1)
        .encode(
            x=x_plain,
            y=y,
            yOffset=y_off,
            color=colour,
            tooltip=TOOLTIP,
        )
        .add_params(picks[1])
    )
    x_label = alt.X("label_iso:T", title=None)
    labels = (
        base.transform_filter("datum.labelled && datum.align == 'left'")
        .mark_text(align="left", dx=8, fontSize=FONT - 1, baseline="middle", color="#1B1F24")
        .encode(
            x=x_label,
            y=y,
            yOffset=y_off,
            text="title:N",
            tooltip=TOOLTIP,
        )
        .add_params(picks[2])
    )
    labels_left = (
        base.transform_filter("datum.labelled && datum.align == 'right'")
        .mark_text(align="right", dx=-8, fontSize=FONT - 1, baseline="middle", color="#1B1F24")
        .encode(
            x=x_plain,
            y=y,
            yOffset=y_off,
            text="title:N",
            tooltip=TOOLTIP,
        )
    )
    layers: list[alt.Chart] = [spans]
    if not steps.empty:
        s = steps[(steps["end"] >= start) & (steps["date"] <= end)]
        s = s.assign(
            start_iso=s["date"].map(_iso),
            end_iso=[_iso(next_period_start(d, p)) for d, p in zip(s["date"], s["precision"])],
        )
        s = s.assign(
            level=label_levels(
                s.assign(lane="steps", title=s["step"].astype(str)),
                start,
                end,
                width_px=PLOT_WIDTH,
                char_px=9,
                levels=3,
            )["level"].values
        )
        s = s.assign(number=s["step"].astype(str))
        tip = [alt.Tooltip("label:N", title="The report's causal chain"), alt.Tooltip("date_label:N", title="Date")]
        chain = alt.Chart(s)
        layers += [
            chain.transform_filter("datum.precision != 'day'")
            .mark_rect(color="#7f7f7f", opacity=0.13)
            .encode(x=x_plain, x2="end_iso:T", tooltip=tip),
            chain.transform_filter("datum.precision == 'day'")
            .mark_rule(color="#444444", strokeDash=[6, 4], strokeWidth=1.5)
            .encode(x=x_plain, tooltip=tip),
        ] + [
            layer
            for level in (0, 1, 2)
            for layer in (
                chain.transform_filter(f"datum.level == {level}")
                .mark_circle(size=330, color="#333333", opacity=1, y=-11 - 22 * level)
                .encode(x=x_plain, tooltip=tip),
                chain.transform_filter(f"datum.level == {level}")
                .mark_text(fontSize=FONT, fontWeight="bold", color="white", y=-11 - 22 * level)
                .encode(x=x_plain, text="number:N", tooltip=tip),
            )
        ]
    if asof is not None and start <= asof <= end:
        marker = pd.DataFrame({"start_iso": [_iso(asof)], "label": [f"Status as of {format_date(asof)}"]})
        layers.append(
            alt.Chart(marker)
            .mark_rule(color="#0072B2", strokeWidth=2)
            .encode(x=x_plain, tooltip=alt.Tooltip("label:N", title="Marker"))
        )
    if selected is not None and selected in set(frame["item_id"]):
        ring = frame[frame["item_id"] == selected]
        layers.append(
            alt.Chart(ring)
            .mark_point(size=420, strokeWidth=2.5, color="#000000", filled=False)
            .encode(x=x_plain, y=y, yOffset=y_off, tooltip=TOOLTIP)
        )
    return (
        alt.layer(*layers, dots, labels, labels_left)
        .properties(
            # A step per sub-row (Vega-Lite steps the innermost band), not a total height: Streamlit would
            # squeeze axis, legend and padding into a total and a one-lane chart would vanish.
            height=alt.Step(LANE_HEIGHT // 3),
            padding={"top": 70, "left": 5, "right": 20, "bottom": 5},
        )
        .configure_view(strokeWidth=0)
    )


def build_zoom_strip(
    items: pd.DataFrame, *, full_start: pd.Timestamp, full_end: pd.Timestamp, start: pd.Timestamp, end: pd.Timestamp
) -> alt.Chart:
    """Every item as a tick over the whole period; drag across it to zoom (interval selection `zoom`)."""
    frame = items.assign(start_iso=items["date"].map(_iso), kind=items["lane"].map(LANE_KINDS))
    brush = alt.selection_interval(
        name="zoom",
        encodings=["x"],
        value={"x": _domain(start, end)} if (start, end) != (full_start, full_end) else None,
    )
    return (
        alt.Chart(frame)
        .mark_tick(thickness=2, size=22)
        .encode(
            x=alt.X(
                "start_iso:T",
                title="Drag across this strip to zoom the timeline · double-click to clear",
                scale=alt.Scale(domain=_domain(full_start, full_end)),
                axis=alt.Axis(
                    format="%Y", tickCount="year", labelFontSize=FONT, titleFontSize=FONT, titleFontWeight="normal"
                ),
            ),
            color=alt.Color(
                "kind:N", legend=None, scale=alt.Scale(domain=KIND_ORDER, range=[_KIND_COLOURS[k] for k in KIND_ORDER])
            ),
            tooltip=[alt.Tooltip("date_label:N", title="Date"), alt.Tooltip("title:N", title="Event")],
        )
        .add_params(brush)
        .properties(height=100)
    )  # total: Streamlit fits axis and title inside


def status_frame(segments: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Strip segments clipped to [start, end], with readable fields for tooltips."""
    seg = segments[(segments["end"] > start) & (segments["start"] <= end)].copy()
    seg["start"] = seg["start"].clip(lower=start)
    seg["end"] = seg["end"].clip(upper=end + pd.Timedelta(days=1))
    seg["start_iso"], seg["end_iso"] = seg["start"].map(_iso), seg["end"].map(_iso)
    seg["period"] = [
        f"{format_date(a)} to {format_date(b - pd.Timedelta(days=1))}" for a, b in zip(seg["start"], seg["end"])
    ]
    seg["status_label"] = seg["status"].map(STATUS_LABELS)
    seg["certainty"] = seg["uncertain"].map({True: "Uncertain", False: "Certain"})
    seg["measure"] = seg["measure_name"].fillna("")
    return seg


def build_status_strip(
    segments: pd.DataFrame,
    *,
    chip_order: Sequence[str],
    start: pd.Timestamp,
    end: pd.Timestamp,
    asof: pd.Timestamp | None,
) -> alt.LayerChart:
    """One row per chip, coloured by export status over time; faded where the status is uncertain;
    a black line underneath where Chinese authorities discourage buying it."""
    seg = status_frame(segments, start, end)
    x_scale = alt.Scale(domain=_domain(start, end + pd.Timedelta(days=1)))
    x = alt.X(
        "start_iso:T",
        title=None,
        scale=x_scale,
        axis=alt.Axis(format="%b %Y", labelFontSize=FONT, labelOverlap="greedy", tickCount=time_ticks(start, end)),
    )
    y = alt.Y("chip_name:N", title=None, sort=list(chip_order), axis=alt.Axis(labelFontSize=FONT, labelLimit=200))
    tip = [
        alt.Tooltip("chip_name:N", title="Chip"),
        alt.Tooltip("period:N", title="Period"),
        alt.Tooltip("status_label:N", title="Status"),
        alt.Tooltip("measure:N", title="Deciding measure"),
        alt.Tooltip("china_side:N", title="Chinese side discourages"),
        alt.Tooltip("certainty:N", title="Certainty"),
        alt.Tooltip("uncertain_why:N", title="Why uncertain"),
    ]
    bars = (
        alt.Chart(seg)
        .mark_bar(height=18)
        .encode(
            x=x,
            x2="end_iso:T",
            y=y,
            color=alt.Color(
                "status:N",
                title="Export status to China",
                scale=alt.Scale(domain=list(STATUSES), range=[STATUS_COLOURS[s] for s in STATUSES]),
                legend=alt.Legend(
                    orient="top",
                    direction="horizontal",
                    columns=2,
                    labelExpr=_label_expr(STATUS_LABELS, STATUSES),
                    labelFontSize=FONT,
                    titleFontSize=FONT,
                    labelLimit=320,
                ),
            ),
            opacity=alt.Opacity(
                "certainty:O",
                title="Certainty",
                scale=alt.Scale(domain=["Certain", "Uncertain"], range=[1.0, 0.45]),
                legend=alt.Legend(orient="bottom", labelFontSize=FONT, titleFontSize=FONT),
            ),
            tooltip=tip,
        )
    )
    x_plain = alt.X("start_iso:T")
    china = (
        alt.Chart(seg[seg["china_side"].fillna("") != ""])
        .mark_bar(height=4, color="black", yOffset=12)
        .encode(x=x_plain, x2="end_iso:T", y=y, tooltip=tip)
    )
    layers = [bars, china]
    if asof is not None and start <= asof <= end:
        layers.append(
            alt.Chart(pd.DataFrame({"start_iso": [_iso(asof)]}))
            .mark_rule(color="#0072B2", strokeWidth=2)
            .encode(x=x_plain)
        )
    return alt.layer(*layers).properties(height=alt.Step(30)).configure_view(strokeWidth=0)
