"""What every time axis shares: ISO dates for Vega, the domain and ticks, the as-of rule and the unreviewed band."""

from __future__ import annotations

import altair as alt
import pandas as pd

from supplychain.data.dates import format_date
from supplychain.i18n import N_, _

FONT = 13
UNREVIEWED_LABEL = N_("Not yet reviewed")  # read it through `_`
UNREVIEWED_GREY = "#9aa0a6"


def iso_day(value: pd.Timestamp) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def time_domain(first: pd.Timestamp, last: pd.Timestamp) -> list[alt.DateTime]:
    """A time-scale domain every layer writes the same way (ISO strings and parsed dates would conflict)."""
    return [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in (pd.Timestamp(first), pd.Timestamp(last))]


def time_ticks(start: pd.Timestamp, end: pd.Timestamp) -> dict[str, object]:
    """Regular ticks, about eight across the range: every 1, 3, 6 or 12 months (never uneven "nice" dates)."""
    months = max((pd.Timestamp(end) - pd.Timestamp(start)).days / 30.4, 1)
    step = next((m for m in (1, 2, 3, 6, 12) if months / m <= 9), 12 * int(months // 96 + 1))
    return {"interval": "month", "step": step}


def unreviewed_layer(
    reviewed_through: pd.Timestamp | None, end: pd.Timestamp, *, label: bool = True, inside: bool = False
) -> list[alt.Chart]:
    """A grey band over the time after the reviewed-through day, up to `end`, titled "Not yet reviewed":
    events after that day may exist, but the curators have not checked for them (issue 9 §2).
    `inside` puts the title inside the plot's top edge, ending where the band ends (the zoom strip has no
    room above its plot, and its band is narrow)."""
    if reviewed_through is None or pd.isna(reviewed_through) or pd.Timestamp(reviewed_through) >= pd.Timestamp(end):
        return []
    first = pd.Timestamp(reviewed_through) + pd.Timedelta(days=1)
    band = pd.DataFrame(
        {
            "start_iso": [iso_day(first)],
            "end_iso": [iso_day(pd.Timestamp(end) + pd.Timedelta(days=1))],
            "label": [
                _("{unreviewed_label}: the record is checked through {reviewed_through}").format(
                    unreviewed_label=_(UNREVIEWED_LABEL), reviewed_through=format_date(reviewed_through)
                )
            ],
        }
    )
    x = alt.X("start_iso:T")
    layers = [
        alt.Chart(band)
        .mark_rect(color=UNREVIEWED_GREY, opacity=0.28)
        .encode(x=x, x2="end_iso:T", tooltip=alt.Tooltip("label:N", title=_("After the review")))
    ]
    if label:
        layers.append(
            alt.Chart(band.assign(text=_(UNREVIEWED_LABEL)))
            .mark_text(
                align="right" if inside else "left",
                baseline="top",
                dx=-4 if inside else 4,
                y=1 if inside else -2,
                fontSize=FONT - 1,
                color="#3c4043",
                fontStyle="italic",
            )
            .encode(x=alt.X("end_iso:T") if inside else x, text="text:N")
        )
    return layers


def asof_rule(asof: pd.Timestamp | None, start: pd.Timestamp, end: pd.Timestamp) -> list[alt.Chart]:
    """The one mark of a chosen day (the shared `asof`): a blue rule with its words, or nothing outside [start, end]."""
    if asof is None or not start <= asof <= end:
        return []
    marker = pd.DataFrame(
        {"start_iso": [iso_day(asof)], "label": [_("Status as of {asof}").format(asof=format_date(asof))]}
    )
    rule = alt.Chart(marker).mark_rule(color="#0072B2", strokeWidth=2)
    return [rule.encode(x=alt.X("start_iso:T"), tooltip=alt.Tooltip("label:N", title=_("Marker")))]
