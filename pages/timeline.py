"""Timeline: what happened when, in lanes, and the export-control status of every chip on any date."""

import pandas as pd
import streamlit as st

from supplychain.app import cache, guard, timeline_view, urlbind
from supplychain.i18n import _
from supplychain.rules.lanes import expand_lanes
from supplychain.rules.timeline import causal_steps, filter_items, story_window

LOW, HIGH = guard.DATE_LOW, guard.DATE_HIGH
dataset, items, full_start, full_end, report_day, reviewed = guard.require_timeline()
lane_set = cache.get_lanes(dataset)
steps = causal_steps(items)
window = story_window(steps, reviewed) or (full_start, full_end)  # the page opens on the report's story

st.title(_("Timeline: what happened when"))
st.caption(
    _(
        "US measures, Chinese responses, chip launches, model releases and the shift of training abroad "
        "on one time axis. Hover a mark for its date, precision and source; click it for the details and "
        "the quotes behind it."
    )
)
filters = timeline_view.render_filters(dataset, items, lane_set, window)
selected = urlbind.url_value("event", list(items["item_id"]), what=_("not an event on the timeline"))
# The status line of a chip on a day lives on its own page; a shared `asof` from there is drawn here as a blue line.
asof_day = urlbind.url_date_value("asof", low=LOW, high=HIGH)
asof = pd.Timestamp(asof_day) if asof_day else None
timeline_view.render_status_link(asof_day)
shown = filter_items(
    items,
    lanes=filters.lanes,
    groups=lane_set.groups,
    companies=filters.companies,
    categories=filters.categories,
    start=filters.start,
    end=filters.end,
)
lane_codes = expand_lanes(filters.lanes, lane_set)
timeline_view.render_zoom_strip(
    dataset, items, full_start=full_start, full_end=full_end, filters=filters, reviewed=reviewed
)
timeline_view.render_chart(
    dataset,
    items,
    shown,
    steps,
    filters,
    lane_set=lane_set,
    lane_codes=lane_codes,
    asof=asof,
    selected=selected,
    reviewed=reviewed,
)
timeline_view.render_legend(
    dataset, items, shown, steps, filters, lane_set=lane_set, lane_codes=lane_codes, asof=asof, reviewed=reviewed
)
table = timeline_view.render_events_table(dataset, items, shown, selected)
timeline_view.render_downloads(dataset, table, filtered=len(shown) != len(items))
