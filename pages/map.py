"""Map: where the companies are, where their models are reported to be trained, on whose chips, and when."""

import pandas as pd
import streamlit as st

from supplychain.app import cache, downloads, guard, handouts, layout, map_view, urlbind
from supplychain.app.theme import themed
from supplychain.charts import maps
from supplychain.charts.accessibility import describe_chart
from supplychain.data import routes
from supplychain.data.dates import MAP_DATE_NOTE, format_date
from supplychain.data.entities import names_of
from supplychain.i18n import _
from supplychain.rules import geo, regions

dataset = guard.require_dataset()
tables = dataset.tables
base = cache.get_map_base(dataset)
places = names_of(base.points, "location_id")

st.title(_("Map"))
region, companies, relations, as_of = map_view.render_filters(dataset, base)
flows = geo.select_flows(base.flows, companies=companies, relations=relations, as_of=as_of)
points = geo.select_points(base.points, flows, companies=companies)
spec, prepared = cache.get_map_region(dataset, region)
layer_rows = maps.map_datasets(prepared, location_ids=set(points["location_id"]), flow_ids=set(flows["flow_id"]))
# The plot fills the page's width; its boundaries are clipped to what the widest plot shows (cache.get_map_boundaries),
# and live in spec["datasets"] beside the layer rows.
# autosize fit-x: the width fits the page, the height is the plot's own (legends below), as the labels assume.
chart_spec = {
    **spec,
    "autosize": {"type": "fit-x", "contains": "padding"},
    "datasets": {**spec.get("datasets", {}), **layer_rows},
}

# Room for the chart's hover toolbar, which opens above the map's top right corner: without it the toolbar covered
# the As-of field (issue 21; tests/test_browser_map.py measures both).
st.space(32)
event = st.vega_lite_chart(
    themed(
        describe_chart(
            chart_spec,
            title=_("Map of headquarters, data-centre hubs and the flows between them"),
            summary=_("{n} places and {n2} flows shown; the table below lists them").format(
                n=len(points), n2=len(flows)
            ),
        )
    ),
    width="stretch",
    on_select="rerun",
    selection_mode=maps.SELECTION,
    key="map_chart",
)
downloads.render_chart_downloads(
    lambda: {**chart_spec, "width": regions.MIN_PLOT_WIDTH}, what=f"map_{region}", as_of=dataset.as_of
)
map_link = layout.current_link("map")
map_summary = _("{places} places and {flows} flows shown, as of {day}").format(
    places=len(points), flows=len(flows), day=format_date(as_of)
)
handouts.render_view_pdf(
    lambda: handouts.map_handout(
        dataset, spec=chart_spec, points=points, flows=flows, summary=map_summary, link=map_link
    ),
    what=f"map_{region}",
    as_of=dataset.as_of,
)

st.caption(_(MAP_DATE_NOTE))  # below the map, so the map starts above the fold at 1280x720
undated = int(flows["start_date"].isna().sum())
st.page_link(
    routes.PAGE_FILES[routes.SITES],
    label=_("Data-centre sites: operators, owners and capacity in Johor, Singapore and beyond"),
    icon=":material/dns:",
)
st.caption(
    _("{n} places and {n2} flows shown").format(n=len(points), n2=len(flows))
    + _(" as of {as_of}").format(as_of=format_date(pd.Timestamp(as_of)))
    + (
        _("; {undated} of the flows have no start date in the sources and show at every date.").format(undated=undated)
        if undated
        else "."
    )
)
if flows.empty:
    st.info(
        _("No flows match these filters. Clear a company or relation filter, or pick a later date."),
        icon=":material/search_off:",
    )
map_view.render_unknowns(tables, base)

clicked = maps.selected_place(event)
if clicked and clicked != st.session_state.get("_map_clicked"):
    st.session_state["_map_clicked"] = clicked
    urlbind.set_url_value("id", clicked)
st.header(_("Place details"))
place = urlbind.url_selectbox(
    _("Place"),
    list(places),
    key="id",
    format_func=places.get,
    index=None,
    placeholder=_("Click a marker or choose a place"),
)
if place:
    map_view.render_place_details(dataset, base, place)

map_view.render_places_and_flows(
    dataset, base, points, flows, filtered=bool(companies or relations or "asof" in st.query_params)
)
st.caption(
    _(
        "Boundaries: Natural Earth 1:50m (public domain) via world-atlas (ISC). Borders are a backdrop, "
        "not a statement on any dispute."
    )
)
