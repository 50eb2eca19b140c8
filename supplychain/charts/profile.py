"""The profile page's drawings: an entity's dated moments and its place on a small world map (Altair)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from supplychain.charts.style import KIND_COLOURS
from supplychain.data.cells import cell_text
from supplychain.i18n import _


def _moment_domain(moments: pd.DataFrame) -> tuple[list[str], int]:
    """The mini-timeline's x domain (ISO days: a month either side of the moments, at least) and its tick step in
    months (about six ticks at most)."""
    first, last = pd.Timestamp(moments["start"].min()), pd.Timestamp(moments["end"].max())
    pad = max(pd.Timedelta(days=31), (last - first) * 0.05)
    low = (first - pad).to_period("M").to_timestamp()
    high = (last + pad).to_period("M").to_timestamp() + pd.offsets.MonthBegin(1)
    months = (high.year - low.year) * 12 + high.month - low.month
    return [low.strftime("%Y-%m-%d"), high.strftime("%Y-%m-%d")], max(1, -(-months // 6))


def moments_chart(moments: pd.DataFrame, kind: str) -> alt.LayerChart:
    """A one-line timeline: a dot for a known day, a bar over the month or year when only that is known."""
    colour = KIND_COLOURS.get(kind, "#555555")
    base = alt.Chart(moments)
    tooltip = [
        alt.Tooltip("when:N", title=_("When")),
        alt.Tooltip("title:N", title=_("What")),
        alt.Tooltip("what:N", title=_("Kind")),
        alt.Tooltip("source_id:N", title=_("Source")),
        alt.Tooltip("claim_id:N", title=_("Claim")),
    ]
    # Rows in date order: an explicit sort, since the layers' own domains (spans first, then days) would put
    # every month- or year-precision row above the dated ones (the H20's profile read out of order).
    order = list(dict.fromkeys(moments.sort_values("start", kind="stable")["title"]))
    y = alt.Y("title:N", title=None, sort=order, axis=alt.Axis(labelFontSize=12, labelLimit=260))
    domain, step = _moment_domain(moments)
    # Month ticks, `step` months apart: one label per month, never "Nov 2023" repeated over a one-month span.
    x_axis = alt.Axis(
        title=None, format="%b %Y", labelFontSize=12, grid=True, tickCount={"interval": "month", "step": step}
    )
    x_scale = alt.Scale(domain=domain)
    days = (
        base.transform_filter("datum.precision == 'day'")
        .mark_point(filled=True, size=110, color=colour, opacity=1)
        .encode(x=alt.X("start:T", axis=x_axis, scale=x_scale), y=y, tooltip=tooltip)
    )
    spans = (
        base.transform_filter("datum.precision != 'day'")
        .mark_bar(height=10, color=colour, opacity=0.45, stroke=colour, strokeDash=[3, 2])
        .encode(x=alt.X("start:T", axis=x_axis, scale=x_scale), x2="end:T", y=y, tooltip=tooltip)
    )
    rows = max(1, moments["title"].nunique())
    return alt.layer(spans, days).properties(height=min(420, 34 * rows + 40), width="container")


def place_chart(locations: pd.DataFrame, place: pd.Series, kind: str) -> alt.LayerChart:
    """A small world view without downloaded boundaries: the graticule, every place in the data in grey, this one in
    colour."""
    others = locations.dropna(subset=["lat", "lon"])[["name", "lat", "lon"]].astype({"lat": float, "lon": float})
    here = pd.DataFrame(
        [
            {
                "name": place["name"],
                "lat": float(place["lat"]),
                "lon": float(place["lon"]),
                "precision": cell_text(place.get("coord_precision")),
            }
        ]
    )
    sphere = alt.Chart(alt.sphere()).mark_geoshape(fill="#f3f6f9", stroke="#c9d3dd")
    grid = alt.Chart(alt.graticule(step=[30, 30])).mark_geoshape(stroke="#dde3ea", strokeWidth=0.6, filled=False)
    rest = (
        alt.Chart(others)
        .mark_circle(size=30, color="#9aa5b1", opacity=0.8)
        .encode(longitude="lon:Q", latitude="lat:Q", tooltip=[alt.Tooltip("name:N", title=_("Place in the data"))])
    )
    dot = (
        alt.Chart(here)
        .mark_point(
            size=220,
            filled=True,
            color=KIND_COLOURS.get(kind, "#CC79A7"),
            stroke="black",
            strokeWidth=1,
            opacity=1,
            shape="diamond",
        )
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            tooltip=[
                alt.Tooltip("name:N", title=_("Place")),
                alt.Tooltip("lat:Q", format=".3f", title=_("Latitude")),
                alt.Tooltip("lon:Q", format=".3f", title=_("Longitude")),
                alt.Tooltip("precision:N", title=_("Precision")),
            ],
        )
    )
    return alt.layer(sphere, grid, rest, dot).project(type="equalEarth").properties(height=220, width="container")
