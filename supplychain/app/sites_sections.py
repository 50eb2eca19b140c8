"""Data-centre sites page sections: the view and filters, capacity over time, and the table of the sites in view with
its downloads. The page (pages/sites.py) lays out the map and the site details between them."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from supplychain.app import cache, corrections, downloads, layout, urlbind
from supplychain.app.glossary import term_help
from supplychain.app.theme import themed
from supplychain.charts import sites as sites_charts
from supplychain.charts.accessibility import describe_chart
from supplychain.data.export import download_name
from supplychain.data.load import Dataset
from supplychain.data.site_labels import OWNERSHIP_LABELS, SITE_STATUS_LABELS
from supplychain.i18n import _
from supplychain.rules import regions, sites

MW_CHOICES = ["0", "50", "100", "200"]


def render_filters(
    dataset: Dataset, all_sites: pd.DataFrame, right: Any
) -> tuple[str, list[str], list[str], list[str], list[str], str]:
    """The view (region) and the filters, in the right-hand column; returns (region key, owners, operators,
    statuses, tenants, minimum MW as its choice text)."""
    region_key = urlbind.url_radio(
        _("View"),
        list(regions.SITE_REGIONS),
        key="view",
        default=regions.DEFAULT_SITE_REGION,
        container=right,
        horizontal=True,
        format_func=lambda k: _(regions.SITE_REGIONS[k].label),
    )
    # Filters of a fixed width in a wrapping row: two abreast where the column is wide, one a row where it is narrow
    # (2 x 2 columns cut each select to "All op…" at 1024 px).
    filters = right.container(horizontal=True, gap="small")
    owners = urlbind.url_multiselect(
        _("Owner nationality"),
        list(OWNERSHIP_LABELS)[:3],
        key="owner",
        container=filters,
        width=layout.FILTER_WIDTH,
        format_func=OWNERSHIP_LABELS.get,
        placeholder=_("All"),
    )
    operator_names = dict(sorted(zip(all_sites["operator_id"], all_sites["operator"]), key=lambda kv: kv[1].casefold()))
    operators = urlbind.url_multiselect(
        _("Operator"),
        list(operator_names),
        key="operator",
        container=filters,
        width=layout.FILTER_WIDTH,
        format_func=operator_names.get,
        placeholder=_("All operators"),
    )
    statuses = urlbind.url_multiselect(
        _("Status"),
        list(SITE_STATUS_LABELS),
        key="status",
        container=filters,
        width=layout.FILTER_WIDTH,
        format_func=SITE_STATUS_LABELS.get,
        placeholder=_("All"),
    )
    tenant_names = {
        str(t): str(n) for t, n in zip(all_sites["tenant_id"], all_sites["tenant"]) if isinstance(t, str) and t
    } | {"none": _("None reported")}
    tenants = urlbind.url_multiselect(
        _("Chinese AI tenant"),
        list(tenant_names),
        key="tenant",
        container=filters,
        width=layout.FILTER_WIDTH,
        format_func=tenant_names.get,
        placeholder=_("All"),
        help=_("The Chinese AI company reported to use the site's capacity (ringed in black on the map)."),
    )
    min_mw = urlbind.url_selectbox(
        _("Capacity at least"),
        MW_CHOICES,
        key="mw",
        default="0",
        container=filters,
        width=layout.FILTER_WIDTH,
        format_func=lambda v: _("any") if v == "0" else f"{v} MW",
        help=term_help(
            dataset, "mw_it_load", _("A site with no MW figure in its sources is hidden by any threshold above 'any'.")
        ),
    )
    return region_key, owners, operators, statuses, tenants, min_mw


def render_capacity(dataset: Dataset, shown: pd.DataFrame, settings: tuple) -> None:
    """Stated capacity of the sites shown, by opening year, coloured by country or owner nationality."""
    owners, operators, statuses, min_mw, tenants = settings
    st.subheader(_("Capacity over time"))
    by = urlbind.url_radio(
        _("Colour by"),
        ["country", "ownership"],
        key="by",
        default="country",
        horizontal=True,
        format_func={"country": _("Country"), "ownership": _("Owner nationality")}.get,
    )
    by_year = sites.capacity_by_year(shown)
    if by_year.empty:
        st.info(
            _(
                "None of the {n} sites shown has both an opening year and an MW figure, so there is no capacity "
                "to draw. Widen the filters, or see each site's stated figure in the table below."
            ).format(n=len(shown)),
            icon=":material/bar_chart_off:",
        )
    else:
        capacity = cache.chart_spec(
            dataset,
            "site_capacity",
            (by, tuple(owners), tuple(operators), tuple(statuses), min_mw, tuple(tenants)),
            lambda: describe_chart(
                sites_charts.capacity_chart(by_year, by=by),
                title=_("Stated capacity of sites in service, by opening year"),
                summary=sites_charts.capacity_summary(by_year, by=by),
            ),
        )
        st.vega_lite_chart(themed(capacity), width="stretch")
    st.caption(
        _(
            "{nunique} of {n} sites have both an opening year and an MW figure and are counted. Each counts "
            "at its latest stated figure from its opening year on, so phased builds make early years look "
            "larger; figures mix IT load and unstated MW (hover a segment for its basis, date and source)."
        ).format(nunique=by_year["site_id"].nunique(), n=len(shown))
    )


def render_sites_table(
    dataset: Dataset, in_view: pd.DataFrame, shown: pd.DataFrame, region: Any, *, filtered: bool
) -> None:
    """The sites in the map's view as a table (built when opened) and their downloads."""
    # The table and its downloads follow the map's view: the sites in the chosen region that match the filters.
    st.subheader(_("Sites in this view ({n})").format(n=len(in_view)))
    table = sites_charts.describe_sites(in_view)[list(sites.TABLE_COLUMNS)].rename(columns=sites.TABLE_COLUMNS)
    box, box_open = layout.lazy_expander(
        _("The {n} sites in {region} as a table: tenant, operator, owner, status, capacity and sources").format(
            n=len(in_view), region=_(region.label)
        ),
        key="sites_table_open",
        icon=":material/table:",
    )
    if box_open:
        corrections.render_table(
            table,
            row_ids=[f"sites:{s}" for s in in_view["site_id"]],
            what=_("the sites table"),
            key="sites_table",
            url_path="sites",
            package=dataset.package,
            container=box,
            hide_index=True,
            width="stretch",
            placeholder="–",
        )
    buttons = st.container(horizontal=True, gap="small")  # whole labels, wrapping when narrow
    downloads.render_table_downloads(
        table, None, label=_("Sites shown"), what="sites", as_of=dataset.as_of, filtered=filtered, container=buttons
    )
    buttons.download_button(
        "GeoJSON",
        lambda: sites.sites_geojson_bytes(in_view),
        file_name=download_name("sites", dataset.as_of, "geojson", filtered=filtered),
        mime="application/geo+json",
        icon=":material/download:",
        on_click="ignore",
    )
    buttons.download_button(
        "GeoPackage",
        lambda: sites.sites_geopackage_bytes(in_view),
        file_name=download_name("sites", dataset.as_of, "gpkg", filtered=filtered),
        mime="application/geopackage+sqlite3",
        icon=":material/download:",
        on_click="ignore",
    )
