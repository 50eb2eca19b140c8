"""Map: where the companies are, where their models are reported to be trained, on whose chips, and when."""

import datetime as dt

import pandas as pd
import streamlit as st

from supplychain.app import cache, cards, downloads, guard, layout, markdown, urlbind
from supplychain.charts import maps
from supplychain.charts.accessibility import describe_chart
from supplychain.data.dates import MAP_DATE_NOTE, format_date
from supplychain.data.entities import LINK_DISPLAY, entity_link
from supplychain.data.export import download_name
from supplychain.data.labels import RELATION_LABELS
from supplychain.rules import geo

dataset = guard.require_dataset()
tables = dataset.tables
base = cache.get_map_base(dataset)
places = dict(zip(base.points["location_id"], base.points["name"]))

st.title("Map")
top = st.columns([2.3, 2.0, 1.9, 1.4], vertical_alignment="bottom")  # room for "East and Southeast Asia"
region = urlbind.url_selectbox(
    "Region",
    list(geo.REGIONS),
    key="region",
    default=geo.DEFAULT_REGION,
    container=top[0],
    format_func=lambda k: geo.REGIONS[k].label,
    help="Where the companies in the story sit, where their models are reported to be trained and whose chips reach "
    "them. Hover a marker or a line for what it is and its source; click a marker for its details. "
    "For the data-centre buildings themselves, see the Data-centre sites page.",
)
companies = urlbind.url_multiselect(
    "Companies",
    list(base.companies),
    key="company",
    container=top[1],
    format_func=base.companies.get,
    placeholder="All companies",
    help="Flows that involve these companies (a model counts for its developer, a chip for its designer), and their places.",
)
relations = urlbind.url_multiselect(
    "Relation",
    base.relations,
    key="relation",
    container=top[2],
    format_func=lambda r: RELATION_LABELS.get(r, r),
    placeholder="All relations",
)
as_of = urlbind.url_day(
    "As of (YYYY-MM-DD)",
    key="asof",
    default=dt.date.fromisoformat(dataset.reviewed_through or dataset.as_of),
    min_value=dt.date(2015, 1, 1),
    max_value=dt.date(2030, 12, 31),
    container=top[3],
    help="Type a day and press Enter. Flows that had begun by this day and not yet ended; flows with no known start "
    "date show at every date. Defaults to the day the record has been reviewed through, not the build date.",
)
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
    describe_chart(
        chart_spec,
        title="Map of headquarters, data-centre hubs and the flows between them",
        summary=f"{len(points)} places and {len(flows)} flows shown; the table below lists them",
    ),
    width="stretch",
    on_select="rerun",
    selection_mode=maps.SELECTION,
    key="map_chart",
)
downloads.render_chart_downloads(
    lambda: {**chart_spec, "width": geo.MIN_PLOT_WIDTH}, what=f"map_{region}", as_of=dataset.as_of
)

st.caption(MAP_DATE_NOTE)  # below the map, so the map starts above the fold at 1280x720
undated = int(flows["start_date"].isna().sum())
st.page_link(
    "pages/sites.py",
    label="Data-centre sites: operators, owners and capacity in Johor, Singapore and beyond",
    icon=":material/dns:",
)
st.caption(
    f"{len(points)} places and {len(flows)} flows shown"
    + f" as of {format_date(pd.Timestamp(as_of))}"
    + (f"; {undated} of the flows have no start date in the sources and show at every date." if undated else ".")
)
if flows.empty:
    st.info(
        "No flows match these filters. Clear a company or relation filter, or pick a later date.",
        icon=":material/search_off:",
    )
with st.expander("What the map does not know", icon=":material/help:"):
    st.markdown(
        "- **No operator or facility is named.** The report speaks of leased data centres in Singapore and Malaysia owned and run by "
        "non-Chinese companies; it names none. The two markers stand for a city and a region (dashed ring), not for sites.\n"
        "- **Johor is our inference.** The report says only *Malaysia*; Johor is Malaysia's largest data-centre market (press sources).\n"
        "- **Ownership** (marker shape) describes the leased centres the report talks about, not every data centre there.\n"
        "- **Lines are reported relations, not shipments.** A chip line runs from its designer's home to where the chips are used; "
        "it says nothing of where chips were made or how they travelled. Dashed lines are the curators' inference.\n"
        f"- **Dates.** Most training flows are undated in the sources. {maps.unplaced_count(tables, base.flows)} relationships of these types "
        "have no line because one end has no known place (for example an unnamed class of operators)."
    )

clicked = maps.selected_place(event)
if clicked and clicked != st.session_state.get("_map_clicked"):
    st.session_state["_map_clicked"] = clicked
    urlbind.set_url_value("id", clicked)
st.header("Place details")
place = urlbind.url_selectbox(
    "Place", list(places), key="id", format_func=places.get, index=None, placeholder="Click a marker or choose a place"
)
if place:
    row = maps.describe_points(base.points[base.points["location_id"] == place]).iloc[0]
    st.markdown(
        f"**{markdown.escape_md(row['name'])}** · {markdown.escape_md(row['kind_label'])} · {markdown.escape_md(row['ownership_label'])} · {markdown.escape_md(row['country'])}"
    )
    cards.render_evidence(row["evidence"])
    st.markdown(markdown.escape_md(row["description"]))
    st.caption(
        f"Who is there: {markdown.escape_md(row['who'])}. Position known to: {markdown.escape_md(row['precision_label'].lower())}. "
        f"Source: {row['source_id']}"
        + (f", claim {row['claim_id']}" if row["claim_id"] else "")
        + f". [Open its profile](entity?id={place})"
    )
    if row["note"]:
        st.caption("Note: " + markdown.escape_md(row["note"]))
    related = maps.place_relationships(tables, base.flows, place)
    if related.empty:
        st.info("No relationship in the data names this place.", icon=":material/info:")
    else:
        st.dataframe(related.drop(columns="relationship_id"), placeholder="–", hide_index=True, width="stretch")
    claims = tables["claims"].set_index("claim_id")
    sources = tables["sources"].set_index("source_id")
    for claim_id in dict.fromkeys([c for c in [row["claim_id"], *related["Claim"]] if c and c in claims.index]):
        with st.container(border=True):
            claim = claims.loc[claim_id]
            cards.render_claim(
                claim.rename({"claim_id": claim_id}),
                sources.loc[claim["source_id"]] if claim["source_id"] in sources.index else None,
            )

st.header("Places and flows shown")
place_view, flow_view = (
    base.point_rows.loc[points.index],
    base.flow_rows.loc[flows.index],
)  # tables built once per data version
box, box_open = layout.lazy_expander(
    f"The {len(place_view)} places and {len(flow_view)} flows shown, as tables",
    key="map_tables_open",
    icon=":material/table:",
)
if box_open:
    tabs = box.tabs([f"Places ({len(place_view)})", f"Flows ({len(flow_view)})"])
    tabs[0].dataframe(
        place_view.assign(**{"Place id": place_view["Place id"].map(lambda v: entity_link(v, v))}),
        placeholder="–",
        hide_index=True,
        width="stretch",
        column_config={
            "Place id": st.column_config.LinkColumn(
                "Place id", display_text=LINK_DISPLAY, help="Open the place's profile"
            )
        },
    )
    if flow_view.empty:
        tabs[1].info("No flows match these filters.", icon=":material/search_off:")
    else:
        tabs[1].dataframe(flow_view, placeholder="–", hide_index=True, width="stretch")
filtered = bool(companies or relations or "asof" in st.query_params)
buttons = st.columns([2, 2, 1.3, 1.3])
downloads.render_table_downloads(
    place_view,
    None,
    label="Places shown",
    what="map_places",
    as_of=dataset.as_of,
    filtered=filtered,
    container=buttons[0],
)
downloads.render_table_downloads(
    flow_view, None, label="Flows shown", what="map_flows", as_of=dataset.as_of, filtered=filtered, container=buttons[1]
)
buttons[2].download_button(
    "GeoJSON",
    lambda: geo.to_geojson_bytes(geo.merge_collections(geo.points_geojson(points), geo.flows_geojson(flows))),
    file_name=download_name("map", dataset.as_of, "geojson", filtered=filtered),
    mime="application/geo+json",
    icon=":material/download:",
    on_click="ignore",
    help="Places and flows shown, as one GeoJSON file",
)
downloads.render_view_bundle(
    dataset.package,
    tables,
    {
        "locations": tables["locations"][tables["locations"]["location_id"].isin(points["location_id"])],
        "relationships": tables["relationships"][
            tables["relationships"]["relationship_id"].isin(flows["relationship_id"])
        ],
    },
    what="map",
    as_of=dataset.as_of,
    url_path="map",
    container=buttons[3],
)
st.caption(
    "Boundaries: Natural Earth 1:50m (public domain) via world-atlas (ISC). Borders are a backdrop, not a statement on any dispute."
)
