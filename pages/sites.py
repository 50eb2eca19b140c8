"""Data-centre sites: who runs the buildings behind "Singapore and Malaysia", who owns them, and how big they are."""

import streamlit as st

from supplychain.app import cache, guard, site_view, sites_sections, urlbind
from supplychain.app.theme import themed
from supplychain.charts import sites as sites_charts
from supplychain.charts.accessibility import describe_chart
from supplychain.data.entities import names_of
from supplychain.i18n import _
from supplychain.rules import regions, sites

dataset = guard.require_dataset()
tables = dataset.tables
all_sites, areas = cache.get_sites(dataset)

st.title(_("Data-centre sites"))
left, right = st.columns([1.9, 1], gap="medium")
region_key, owners, operators, statuses, tenants, min_mw = sites_sections.render_filters(dataset, all_sites, right)

shown = sites.select_sites(
    all_sites, ownership=owners, operators=operators, statuses=statuses, min_mw=float(min_mw), tenants=tenants
)
region = regions.SITE_REGIONS[region_key]
boundaries = cache.get_site_boundaries(region_key)
in_view = shown[[region.contains(lon, lat) for lon, lat in zip(shown["lon"], shown["lat"])]]
spec = cache.chart_spec(
    dataset,
    "site_map",
    (region_key, tuple(owners), tuple(operators), tuple(statuses), min_mw, tuple(tenants)),  # every map setting
    lambda: describe_chart(
        sites_charts.site_map(
            region, boundaries, sites_charts.area_features(boundaries, areas), sites_charts.prepare_map(in_view, region)
        ),
        title=_("Map of data-centre sites: {region}").format(region=region.label),
        summary=sites_charts.site_map_summary(in_view),
    ),
)

with left:
    event = st.vega_lite_chart(themed(spec), width="stretch", on_select="rerun", key="site_map")
    st.caption(
        _(
            "{n} of {n2} sites matching the filters are in this view. Marker size: capacity as stated "
            "(hollow: no MW figure). Colour and shape: the owner's nationality. Sites at the same town are "
            "spread on a ring around its point (thin line to the black dot): positions are town centres, not "
            "buildings. Shaded purple: a country the report names, with no site named (hover it, or see the "
            "list on the right)."
        ).format(n=len(in_view), n2=len(shown))
    )
clicked = sites_charts.selected_site(event)
if clicked and clicked != st.session_state.get("_site_clicked"):
    st.session_state["_site_clicked"] = clicked
    urlbind.set_url_value("site", clicked)
with right:
    names = names_of(all_sites, "site_id")
    chosen = urlbind.url_selectbox(
        _("Site details"),
        list(names),
        key="site",
        format_func=names.get,
        index=None,
        placeholder=_("Choose a site"),  # short enough for the narrow column at 1024 px; the help says "or click"
        help=_("Or click a marker on the map."),
    )
    if chosen:
        site_view.render_site(
            sites_charts.describe_sites(all_sites[all_sites["site_id"] == chosen]).iloc[0], tables, areas
        )
    else:
        site_view.render_report_areas(areas, names)

sites_sections.render_capacity(dataset, shown, (owners, operators, statuses, min_mw, tenants))

filtered = bool(owners or operators or statuses or tenants or min_mw != "0" or len(in_view) < len(shown))
sites_sections.render_sites_table(dataset, in_view, shown, region, filtered=filtered)
