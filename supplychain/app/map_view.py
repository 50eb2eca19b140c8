"""Map page sections: the filters above the map, what the map does not know, a place's details, and the places and
flows shown as tables with their downloads and addresses. The page (pages/map.py) lays them out in order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from supplychain.app import byurl, cards, corrections, downloads, guard, layout, markdown, urlbind
from supplychain.charts import map_tables
from supplychain.data.entities import LINK_DISPLAY, entity_link
from supplychain.data.export import download_name
from supplychain.data.labels import enum_label
from supplychain.data.load import Dataset
from supplychain.i18n import _
from supplychain.rules import geo, geojson, regions


def render_filters(dataset: Dataset, base: Any) -> tuple[str, list[str], list[str], dt.date]:
    """Region, companies, relation and as-of day, side by side above the map, each bound to the link."""
    top = st.columns([2.3, 2.0, 1.9, 1.4], vertical_alignment="bottom")  # room for "East and Southeast Asia"
    region = urlbind.url_selectbox(
        _("Region"),
        list(regions.REGIONS),
        key="region",
        default=regions.DEFAULT_REGION,
        container=top[0],
        format_func=lambda k: _(regions.REGIONS[k].label),
        help=_(
            "Where the companies in the story sit, where their models are reported to be trained and whose "
            "chips reach them. Hover a marker or a line for what it is and its source; click a marker for "
            "its details. For the data-centre buildings themselves, see the Data-centre sites page."
        ),
    )
    companies = urlbind.url_multiselect(
        _("Companies"),
        list(base.companies),
        key="company",
        container=top[1],
        format_func=base.companies.get,
        placeholder=_("All companies"),
        help=_(
            "Flows that involve these companies (a model counts for its developer, a chip for its designer), "
            "and their places."
        ),
    )
    relations = urlbind.url_multiselect(
        _("Relation"),
        base.relations,
        key="relation",
        container=top[2],
        format_func=lambda r: enum_label("relationships", "relation", r),
        placeholder=_("All relations"),
    )
    as_of = urlbind.url_day(
        _("As of (YYYY-MM-DD)"),
        key="asof",
        default=dt.date.fromisoformat(dataset.reviewed_through or dataset.as_of),
        min_value=guard.DATE_LOW,
        max_value=guard.DATE_HIGH,
        container=top[3],
        help=_(
            "Type a day and press Enter. Flows that had begun by this day and not yet ended; flows with no "
            "known start date show at every date. Defaults to the day the record has been reviewed through, "
            "not the build date."
        ),
    )
    return region, companies, relations, as_of


def render_unknowns(tables: dict[str, pd.DataFrame], base: Any) -> None:
    """What the map does not know: the limits of its markers, lines and dates."""
    with st.expander(_("What the map does not know"), icon=":material/help:"):
        st.markdown(
            _(
                "- **No operator or facility is named.** The report speaks of leased data centres in Singapore "
                "and Malaysia owned and run by non-Chinese companies; it names none. The two markers stand for a "
                "city and a region (dashed ring), not for sites.\n- **Johor is our inference.** The report says "
                "only *Malaysia*; Johor is Malaysia's largest data-centre market (press sources).\n- "
                "**Ownership** (marker shape) describes the leased centres the report talks about, not every "
                "data centre there.\n- **Lines are reported relations, not shipments.** A chip line runs from its "
                "designer's home to where the chips are used; it says nothing of where chips were made or how "
                "they travelled. Dashed lines are the curators' inference.\n- **Dates.** Most training flows are "
                "undated in the sources. {tables} relationships of these types have no line because one end has "
                "no known place (for example an unnamed class of operators)."
            ).format(tables=geo.unplaced_count(tables, base.flows))
        )


def render_place_details(dataset: Dataset, base: Any, place: str) -> None:
    """One place: what it is, its evidence and source, the relationships that name it, and the claims behind them."""
    tables = dataset.tables
    row = map_tables.describe_points(base.points[base.points["location_id"] == place]).iloc[0]
    st.markdown(
        f"**{markdown.escape_md(row['name'])}** · {markdown.escape_md(row['kind_label'])} · "
        f"{markdown.escape_md(row['ownership_label'])} · {markdown.escape_md(row['country'])}"
    )
    cards.render_evidence(row["evidence"])
    st.markdown(markdown.english_text(row["description"]))
    st.caption(
        _("Who is there: {who}. Position known to: {lower}. Source: {source_id}").format(
            who=markdown.escape_md(row["who"]),
            lower=markdown.escape_md(row["precision_label"].lower()),
            source_id=row["source_id"],
        )
        + (_(", claim {claim_id}").format(claim_id=row["claim_id"]) if row["claim_id"] else "")
        + _(". [Open its profile](entity?id={place})").format(place=place)
    )
    if row["note"]:
        st.caption(_("Note: ") + markdown.english_text(row["note"]))
    related = geo.place_relationships(tables, base.flows, place)
    if related.empty:
        st.info(_("No relationship in the data names this place."), icon=":material/info:")
    else:
        corrections.render_table(
            related.drop(columns="relationship_id").rename(columns=map_tables.PLACE_TIE_LABELS),
            row_ids=[f"relationships:{r}" for r in related["relationship_id"]],
            what=_("the ties of {place}").format(place=place),
            key="place_ties",
            url_path="map",
            package=dataset.package,
            placeholder="–",
            hide_index=True,
            width="stretch",
        )
    claims = tables["claims"].set_index("claim_id")
    sources = tables["sources"].set_index("source_id")
    for claim_id in dict.fromkeys([c for c in [row["claim_id"], *related["claim"]] if c and c in claims.index]):
        with st.container(border=True):
            claim = claims.loc[claim_id]
            cards.render_claim(
                claim.rename({"claim_id": claim_id}),
                sources.loc[claim["source_id"]] if claim["source_id"] in sources.index else None,
            )


def render_places_and_flows(
    dataset: Dataset, base: Any, points: pd.DataFrame, flows: pd.DataFrame, *, filtered: bool
) -> None:
    """The places and flows shown, as tables (built when opened), with their downloads and addresses."""
    tables = dataset.tables
    st.header(_("Places and flows shown"))
    place_view, flow_view = (
        base.point_rows.loc[points.index],
        base.flow_rows.loc[flows.index],
    )  # tables built once per data version
    box, box_open = layout.lazy_expander(
        _("The {n} places and {n2} flows shown, as tables").format(n=len(place_view), n2=len(flow_view)),
        key="map_tables_open",
        icon=":material/table:",
    )
    if box_open:
        place_id = map_tables.POINT_TABLE_LABELS["location_id"]  # the tables are built with the reader's column labels
        tabs = box.tabs([_("Places ({n})").format(n=len(place_view)), _("Flows ({n})").format(n=len(flow_view))])
        corrections.render_table(
            place_view.assign(**{place_id: place_view[place_id].map(lambda v: entity_link(v, v))}),
            row_ids=[f"locations:{v}" for v in place_view[place_id]],
            what=_("the places shown on the map"),
            key="map_places",
            url_path="map",
            package=dataset.package,
            container=tabs[0],
            placeholder="–",
            hide_index=True,
            width="stretch",
            column_config={
                place_id: st.column_config.LinkColumn(
                    place_id, display_text=LINK_DISPLAY, help=_("Open the place's profile")
                )
            },
        )
        if flow_view.empty:
            tabs[1].info(_("No flows match these filters."), icon=":material/search_off:")
        else:
            corrections.render_table(
                flow_view,
                row_ids=[f"relationships:{v}" for v in flow_view[map_tables.FLOW_TABLE_LABELS["relationship_id"]]],
                what=_("the flows shown on the map"),
                key="map_flows",
                url_path="map",
                package=dataset.package,
                container=tabs[1],
                placeholder="–",
                hide_index=True,
                width="stretch",
            )
    buttons = st.columns([2, 2, 1.3, 1.3])
    downloads.render_table_downloads(
        place_view,
        None,
        label=_("Places shown"),
        what="map_places",
        as_of=dataset.as_of,
        filtered=filtered,
        container=buttons[0],
    )
    downloads.render_table_downloads(
        flow_view,
        None,
        label=_("Flows shown"),
        what="map_flows",
        as_of=dataset.as_of,
        filtered=filtered,
        container=buttons[1],
    )
    buttons[2].download_button(
        "GeoJSON",
        lambda: geojson.to_geojson_bytes(
            geojson.merge_collections(geojson.points_geojson(points), geojson.flows_geojson(flows))
        ),
        file_name=download_name("map", dataset.as_of, "geojson", filtered=filtered),
        mime="application/geo+json",
        icon=":material/download:",
        on_click="ignore",
        help=_("Places and flows shown, as one GeoJSON file"),
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
        container=buttons[3],
    )
    byurl.render_ids_url("locations", "location_id", points["location_id"], label=_("the places shown"))
    byurl.render_ids_url("relationships", "relationship_id", flows["relationship_id"], label=_("the flows shown"))
