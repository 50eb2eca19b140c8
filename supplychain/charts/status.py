"""The Export status strip: one row per chip, coloured by its export status over time (Altair)."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from supplychain.charts.style import STATUS_COLOURS, vega_label_expr
from supplychain.charts.time_axis import FONT, asof_rule, iso_day, time_domain, time_ticks, unreviewed_layer
from supplychain.data.dates import format_date
from supplychain.data.status_labels import STATUS_LABELS
from supplychain.i18n import _
from supplychain.rules.status import STATUSES


def status_frame(
    segments: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, names: dict[str, str] | None = None
) -> pd.DataFrame:
    """Strip segments clipped to [start, end], with readable fields for tooltips (ids as names via `names`)."""
    names = names or {}
    seg = segments[(segments["end"] > start) & (segments["start"] <= end)].copy()
    seg["start"] = seg["start"].clip(lower=start)
    seg["end"] = seg["end"].clip(upper=end + pd.Timedelta(days=1))
    seg["start_iso"], seg["end_iso"] = seg["start"].map(iso_day), seg["end"].map(iso_day)
    seg["period"] = [
        _("{start} to {end}").format(start=format_date(a), end=format_date(b - pd.Timedelta(days=1)))
        for a, b in zip(seg["start"], seg["end"])
    ]
    seg["status_label"] = seg["status"].map(STATUS_LABELS)
    seg["certainty"] = seg["uncertain"].map({True: _("Uncertain"), False: _("Certain")})
    seg["measure"] = seg["measure_name"].fillna("")
    seg["china_side_names"] = (
        seg["china_side"].fillna("").map(lambda v: "; ".join(names.get(i, i) for i in str(v).split("; ") if i))
    )
    return seg


def build_status_strip(
    segments: pd.DataFrame,
    *,
    chip_order: Sequence[str],
    start: pd.Timestamp,
    end: pd.Timestamp,
    asof: pd.Timestamp | None,
    reviewed_through: pd.Timestamp | None = None,
    names: dict[str, str] | None = None,
) -> alt.LayerChart:
    """One row per chip, coloured by export status over time; faded where the status is uncertain;
    a black line underneath where Chinese authorities discourage buying it; a grey band after the
    reviewed-through day."""
    seg = status_frame(segments, start, end, names)
    x_scale = alt.Scale(domain=time_domain(start, end + pd.Timedelta(days=1)))
    x = alt.X(
        "start_iso:T",
        title=None,
        scale=x_scale,
        axis=alt.Axis(format="%b %Y", labelFontSize=FONT, labelOverlap="greedy", tickCount=time_ticks(start, end)),
    )
    y = alt.Y(
        "chip_name:N", title=None, sort=list(chip_order), axis=alt.Axis(labelFontSize=FONT, labelLimit=0)
    )  # no cut name: "(reported, not announced)" matters
    tip = [
        alt.Tooltip("chip_name:N", title=_("Chip")),
        alt.Tooltip("period:N", title=_("Period")),
        alt.Tooltip("status_label:N", title=_("Status")),
        alt.Tooltip("measure:N", title=_("Deciding measure")),
        alt.Tooltip("china_side_names:N", title=_("Chinese side discourages")),
        alt.Tooltip("certainty:N", title=_("Certainty")),
        alt.Tooltip("uncertain_why:N", title=_("Why uncertain")),
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
                title=_("Export status to China"),
                scale=alt.Scale(domain=list(STATUSES), range=[STATUS_COLOURS[s] for s in STATUSES]),
                legend=alt.Legend(
                    # One column: the legend starts where the bars do, right of the chip names, and two
                    # columns of these labels ran past the chart's edge at 1024 px ("Allowed under li…").
                    orient="top",
                    direction="vertical",
                    columns=1,
                    labelExpr=vega_label_expr(STATUS_LABELS, STATUSES),
                    labelFontSize=FONT,
                    titleFontSize=FONT,
                    labelLimit=320,
                ),
            ),
            opacity=alt.Opacity(
                "certainty:O",
                title=_("Certainty"),
                scale=alt.Scale(domain=[_("Certain"), _("Uncertain")], range=[1.0, 0.45]),
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
    layers = [bars, china, *unreviewed_layer(reviewed_through, end, label=False)]
    layers += asof_rule(asof, start, end)
    return alt.layer(*layers).properties(height=alt.Step(30)).configure_view(strokeWidth=0)
