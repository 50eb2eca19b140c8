"""Altair charts of the Timeline page: the lanes, the zoom strip, and the chip x date status strip."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from supplychain.charts.style import KIND_COLOURS, TIMELINE_EXTRA_COLOURS, vega_label_expr
from supplychain.charts.time_axis import FONT, asof_rule, iso_day, time_domain, time_ticks, unreviewed_layer
from supplychain.data.dates import PRECISION_LABELS, next_period_start
from supplychain.data.labels import EVIDENCE_LABELS, TIMELINE_KIND_LABELS
from supplychain.i18n import _
from supplychain.rules.timeline import label_levels

LANE_HEIGHT = 66  # three sub-rows of 22 px
# Plot width assumed when deciding which labels fit: a little under the plot at a 1280 px window; wider
# windows show the same labels with more room (the chart cannot know the browser's width in advance).
PLOT_WIDTH = 640
# A narrower window (1024 px with the sidebar open: a plot of about 385 px) gets its own placement, chosen
# in the browser by the plot's width (Vega expressions), so labels do not crowd there either.
NARROW_PLOT_WIDTH = 370
WIDE_PLOT_WIDTH = 1100  # and a wide one (1920 px windows, story slides): labels that fit there are not left off
# The report's causal chain: numbered markers in one row above the plot (px above its top edge).
MARKER_Y = 22
MARKER_SIZE = 300  # about 20 px across
MARKER_GAP_PX = 22
PICKS = ("pick_span", "pick_dot", "pick_label")
KIND_ORDER = ["policy", "chip", "model", "report", "industry"]
_KIND_COLOURS = {**KIND_COLOURS, **TIMELINE_EXTRA_COLOURS}


def chain_marker_dates(
    steps: pd.DataFrame,
    start: pd.Timestamp,
    end: pd.Timestamp,
    *,
    width_px: int = PLOT_WIDTH,
    gap_px: int = MARKER_GAP_PX,
) -> list[pd.Timestamp]:
    """Where each numbered chain marker goes, in one row: over its line (a day) or the end of its band
    (a month or year), moved right just enough to keep `gap_px` between neighbours, in step order.

    Markers that would collide at this scale (9 Apr 2025 and April 2025) sit side by side, each with a
    leader to its own line, instead of stacking on top of each other.
    """
    span_days = max((pd.Timestamp(end) - pd.Timestamp(start)).days, 1)
    days_per_px = span_days / width_px
    out: list[pd.Timestamp] = []
    for row in steps.sort_values("step").to_dict("records"):
        at = pd.Timestamp(row["date"]) if row["precision"] == "day" else pd.Timestamp(row["end"]) + pd.Timedelta(days=1)
        if out and (at - out[-1]).days < gap_px * days_per_px:
            at = out[-1] + pd.Timedelta(days=round(gap_px * days_per_px + 0.5))
        out.append(at)
    return out


def timeline_frame(
    items: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, *, width_px: int = 1000
) -> pd.DataFrame:
    """The items as the chart draws them: ISO dates, span end (the next period's start, exclusive), sub-row, label flag,
    readable fields."""
    out = items.copy()
    out[["level", "labelled", "align"]] = label_levels(out, start, end, width_px=width_px)
    narrow = label_levels(out, start, end, width_px=min(width_px, NARROW_PLOT_WIDTH))
    out[["level_narrow", "labelled_narrow", "align_narrow"]] = narrow[["level", "labelled", "align"]]
    wide = label_levels(out, start, end, width_px=max(width_px, WIDE_PLOT_WIDTH))
    out[["level_xwide", "labelled_xwide", "align_xwide"]] = wide[["level", "labelled", "align"]]
    out["start_iso"] = out["date"].map(iso_day)
    out["end_iso"] = [iso_day(next_period_start(d, p)) for d, p in zip(out["date"], out["precision"])]
    out["label_iso"] = out["start_iso"].where(
        out["precision"] == "day", out["end_iso"]
    )  # a span's label follows the span
    out["kind"] = out["lane_kind"]
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
        "level_narrow",
        "labelled_narrow",
        "align_narrow",
        "level_xwide",
        "labelled_xwide",
        "align_xwide",
    ]
    return out[keep]


def _by_width(field: str) -> str:
    """A Vega expression: a placement field of timeline_frame for the plot's width as drawn."""
    return (
        f"width < {PLOT_WIDTH} ? datum.{field}_narrow : "
        f"width < {WIDE_PLOT_WIDTH} ? datum.{field}_wide : datum.{field}_xwide"
    )


def event_tooltip() -> list[alt.Tooltip]:
    """The tooltip of a timeline mark, in the reader's language (built per chart, not at import)."""
    return [
        alt.Tooltip("date_label:N", title=_("Date")),
        alt.Tooltip("title:N", title=_("Event")),
        alt.Tooltip("description:N", title=_("What happened")),
        alt.Tooltip("precision_label:N", title=_("Date known to")),
        alt.Tooltip("lane_label:N", title=_("Lane")),
        alt.Tooltip("evidence_label:N", title=_("Evidence")),
        alt.Tooltip("source:N", title=_("Source")),
    ]


def _kind_scale() -> alt.Scale:
    return alt.Scale(domain=KIND_ORDER, range=[_KIND_COLOURS[k] for k in KIND_ORDER])


def build_lane_count_chart(counts: pd.DataFrame, *, start: pd.Timestamp, end: pd.Timestamp) -> alt.Chart:
    """One row per lane, one cell per month or quarter, darker and numbered the more events it holds.

    Drawn instead of the marks when more events are shown than a reader can tell apart (ui.TIMELINE_CAP):
    a sequential single-hue scale (colour-blind safe) plus the number itself, so no colour has to be read.
    """
    lanes = list(dict.fromkeys(counts["lane_label"]))
    base = alt.Chart(counts.assign(period=counts["period"].map(iso_day), period_end=counts["period_end"].map(iso_day)))
    x = alt.X(
        "period:T",
        title=None,
        scale=alt.Scale(domain=time_domain(start, end)),
        axis=alt.Axis(format="%b %Y", labelFontSize=FONT, labelOverlap="greedy", tickCount=time_ticks(start, end)),
    )
    y = alt.Y("lane_label:N", title=None, sort=lanes, axis=alt.Axis(labelFontSize=FONT, labelLimit=220))
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        x=x,
        x2="period_end:T",
        y=y,
        color=alt.Color("count:Q", title=_("Events"), scale=alt.Scale(scheme="blues", zero=True)),
        tooltip=[
            alt.Tooltip("lane_label:N", title=_("Lane")),
            alt.Tooltip("period:T", title=_("From"), format="%Y-%m-%d"),
            alt.Tooltip("count:Q", title=_("Events")),
        ],
    )
    numbers = base.mark_text(fontSize=FONT - 2, dx=2, align="left").encode(
        x=x,
        y=y,
        text="count:Q",
        color=alt.condition(alt.datum.count > counts["count"].max() / 2, alt.value("white"), alt.value("black")),
    )
    return alt.layer(cells, numbers).properties(height=max(len(lanes), 1) * 34, width="container")


def build_timeline_chart(
    items: pd.DataFrame,
    steps: pd.DataFrame,
    *,
    lanes: Sequence[str],
    lane_labels: Mapping[str, str],
    start: pd.Timestamp,
    end: pd.Timestamp,
    asof: pd.Timestamp | None = None,
    selected: str | None = None,
    reviewed_through: pd.Timestamp | None = None,
) -> alt.LayerChart:
    """One time axis, one row per lane: exact days as dots, month/year dates as dashed boxes
    spanning the whole period (never a dot on the 1st); the report's causal chain as numbered
    rules/bands from `steps`; a blue "as of" rule; a ring round the `selected` item.

    Crowded lanes use three sub-rows; labels that still do not fit are left off (tooltips keep
    them). Clicking a dot, box or label selects it: point selections PICKS, one per layer, since
    Vega-Lite binds a selection to a single view.
    """
    frame = timeline_frame(items, start, end, width_px=PLOT_WIDTH)
    shown_labels = [lane_labels[code] for code in lanes]  # every chosen lane, even an empty one
    axis = alt.Axis(
        format="%b %Y", labelFontSize=FONT, grid=True, labelOverlap="greedy", tickCount=time_ticks(start, end)
    )
    x = alt.X(
        "start_iso:T", title=None, scale=alt.Scale(domain=time_domain(start, end + pd.Timedelta(days=1))), axis=axis
    )
    x_plain = alt.X("start_iso:T", title=None)
    y = alt.Y(
        "lane_label:N",
        title=None,
        sort=shown_labels,
        scale=alt.Scale(domain=shown_labels),
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
            orient="bottom",
            # Only the kinds drawn: a legend entry for a kind no mark has (lanes filtered) reads as missing data.
            values=[k for k in KIND_ORDER if k in set(frame["kind"])],
            labelExpr=vega_label_expr(TIMELINE_KIND_LABELS, KIND_ORDER),
            labelFontSize=FONT,
            symbolSize=140,
            columns=3,  # five entries in one row are cut at the right of a 1024 px window
        ),
    )
    picks = [alt.selection_point(name=name, fields=["item_id"], on="click", clear="dblclick") for name in PICKS]

    def placed(
        rows: pd.DataFrame,
    ) -> alt.Chart:  # sub-rows and labels as placed for the drawn width (see NARROW_PLOT_WIDTH)
        wide = rows.rename(columns={"level": "level_wide", "labelled": "labelled_wide", "align": "align_wide"})
        return alt.Chart(wide).transform_calculate(
            level=_by_width("level"), labelled=_by_width("labelled"), align=_by_width("align")
        )

    base = placed(frame)
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
            tooltip=event_tooltip(),
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
            tooltip=event_tooltip(),
        )
        .add_params(picks[1])
    )
    x_label = alt.X("label_iso:T", title=None)
    # A white halo under each label (the same text, stroked) keeps it legible over grid and chain lines.
    halo = dict(stroke="white", strokeWidth=4, strokeJoin="round", color="white")
    halos = [
        base.transform_filter(f"datum.labelled && datum.align == '{side}'")
        .mark_text(align=align, dx=dx, fontSize=FONT - 1, baseline="middle", **halo)
        .encode(x=x_at, y=y, yOffset=y_off, text="title:N")
        for side, align, dx, x_at in (
            ("left", "left", 8, alt.X("label_iso:T", title=None)),
            ("right", "right", -8, x_plain),
        )
    ]
    labels = (
        base.transform_filter("datum.labelled && datum.align == 'left'")
        .mark_text(align="left", dx=8, fontSize=FONT - 1, baseline="middle", color="#1B1F24")
        .encode(
            x=x_label,
            y=y,
            yOffset=y_off,
            text="title:N",
            tooltip=event_tooltip(),
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
            tooltip=event_tooltip(),
        )
    )
    layers: list[alt.Chart] = [*unreviewed_layer(reviewed_through, end), spans]
    if not steps.empty:
        s = steps[(steps["end"] >= start) & (steps["date"] <= end)]
        s = s.assign(
            start_iso=s["date"].map(iso_day),
            end_iso=[iso_day(next_period_start(d, p)) for d, p in zip(s["date"], s["precision"])],
        )
        s = s.assign(
            marker_iso_wide=[iso_day(d) for d in chain_marker_dates(s, start, end, width_px=PLOT_WIDTH)],
            marker_iso_narrow=[iso_day(d) for d in chain_marker_dates(s, start, end, width_px=NARROW_PLOT_WIDTH)],
            marker_iso_xwide=[iso_day(d) for d in chain_marker_dates(s, start, end, width_px=WIDE_PLOT_WIDTH)],
            line_iso=s["start_iso"].where(s["precision"] == "day", s["end_iso"]),
            number=s["step"].astype(str),
        )
        tip = [
            alt.Tooltip("label:N", title=_("The report's causal chain")),
            alt.Tooltip("date_label:N", title=_("Date")),
        ]
        chain = alt.Chart(s)
        # Each marker where it was placed for the plot's drawn width (see NARROW_PLOT_WIDTH).
        markers = chain.transform_calculate(marker_iso=f"toDate({_by_width('marker_iso')})")
        x_marker = alt.X("marker_iso:T")
        layers += [
            chain.transform_filter("datum.precision != 'day'")
            .mark_rect(color="#7f7f7f", opacity=0.13)
            .encode(x=x_plain, x2="end_iso:T", tooltip=tip),
            chain.transform_filter("datum.precision == 'day'")
            .mark_rule(color="#444444", strokeDash=[6, 4], strokeWidth=1.2, opacity=0.6)
            .encode(x=x_plain, tooltip=tip),
            # a short leader from each numbered marker down to its line or band, when the marker had to move aside
            markers.mark_rule(color="#333333", strokeWidth=1, y=-MARKER_Y + 9, y2=0).encode(
                x=x_marker, x2="line_iso:T"
            ),
            markers.mark_circle(size=MARKER_SIZE, color="#333333", opacity=1, y=-MARKER_Y).encode(
                x=x_marker, tooltip=tip
            ),
            markers.mark_text(fontSize=FONT, fontWeight="bold", color="white", y=-MARKER_Y).encode(
                x=x_marker, text="number:N", tooltip=tip
            ),
        ]
    layers += asof_rule(asof, start, end)
    if selected is not None and selected in set(frame["item_id"]):
        ring = frame[frame["item_id"] == selected]
        layers.append(
            placed(ring)
            .mark_point(size=420, strokeWidth=2.5, color="#000000", filled=False)
            .encode(x=x_plain, y=y, yOffset=y_off, tooltip=event_tooltip())
        )
    return (
        alt.layer(*layers, dots, *halos, labels, labels_left)
        .properties(
            # A step per sub-row (Vega-Lite steps the innermost band), not a total height: Streamlit would
            # squeeze axis, legend and padding into a total and a one-lane chart would vanish.
            height=alt.Step(LANE_HEIGHT // 3),
            padding={"top": 4, "left": 5, "right": 20, "bottom": 5},
        )
        .configure_view(strokeWidth=0)
    )


def build_zoom_strip(
    items: pd.DataFrame,
    *,
    full_start: pd.Timestamp,
    full_end: pd.Timestamp,
    start: pd.Timestamp,
    end: pd.Timestamp,
    reviewed_through: pd.Timestamp | None = None,
    brushed: bool = True,
) -> alt.Chart:
    """Every item as a tick over the whole period; drag across it to zoom (interval selection `zoom`).

    `brushed` False (the page's opening window, not a range the reader chose) draws no brush, so a first
    drag starts a new one. The time after `reviewed_through` is shaded and titled "Not yet reviewed", as
    on the lanes chart. The brush sits on the ticks' layer (Streamlit reads a layered chart's selection
    from there); the band comes first so the ticks are drawn over it.
    """
    # Only what the strip draws and shows on hover: the items' descriptions and notes stay on the server.
    frame = items.assign(start_iso=items["date"].map(iso_day), kind=items["lane_kind"])[
        ["start_iso", "kind", "date_label", "title"]
    ]
    brush = alt.selection_interval(
        name="zoom",
        encodings=["x"],
        value={"x": time_domain(start, end)} if brushed and (start, end) != (full_start, full_end) else None,
        # Blue and outlined, so the chosen window never reads as the grey "not yet reviewed" band.
        mark=alt.BrushConfig(fill="#0072B2", fillOpacity=0.12, stroke="#0072B2", strokeWidth=1.5),
    )
    ticks = (
        alt.Chart(frame, name="zoom_ticks")  # a fixed view name: the brush's `views` stays the same on every run
        .mark_tick(thickness=2, size=ZOOM_TICK_PX, y=ZOOM_PLOT_PX - ZOOM_TICK_PX / 2)
        .encode(
            x=alt.X(
                "start_iso:T",
                title=_("Drag across this strip to zoom the timeline · double-click to clear"),
                scale=alt.Scale(domain=time_domain(full_start, full_end)),
                axis=alt.Axis(
                    format="%Y", tickCount="year", labelFontSize=FONT, titleFontSize=FONT, titleFontWeight="normal"
                ),
            ),
            color=alt.Color(
                "kind:N", legend=None, scale=alt.Scale(domain=KIND_ORDER, range=[_KIND_COLOURS[k] for k in KIND_ORDER])
            ),
            tooltip=[alt.Tooltip("date_label:N", title=_("Date")), alt.Tooltip("title:N", title=_("Event"))],
        )
        .add_params(brush)
    )
    band = unreviewed_layer(reviewed_through, full_end, label=True, inside=True)
    # The plot's own height, with the axis and its title added under it (only the width fits the page), so the
    # strip is as tall as its content: no empty band under it.
    strip = alt.layer(*band, ticks) if band else ticks
    return strip.properties(
        height=ZOOM_PLOT_PX,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        padding={"top": 4, "left": 5, "right": 5, "bottom": 2},
    )


ZOOM_TICK_PX = 22
ZOOM_PLOT_PX = 38  # the band's title along the top, the ticks along the bottom edge
