"""A data-centre site card and the report areas list (Sites page and profiles)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from supplychain.app.cards import render_evidence, render_source
from supplychain.app.markdown import english_text, escape_md
from supplychain.charts.sites import describe_sites
from supplychain.data import routes
from supplychain.data.cells import is_blank
from supplychain.i18n import _


def render_site(site: pd.Series, tables: dict[str, pd.DataFrame], areas: pd.DataFrame) -> None:
    """One data-centre site: operator, owner, status, capacity and tenant, each with its source; the report area it is
    in."""
    kind, status = escape_md(site["kind_label"]), escape_md(site["status_label"])
    st.markdown(f"**{escape_md(site['name'])}**  \n{kind} · {status}")
    opened = "–" if is_blank(site["opened_year"]) else str(int(site["opened_year"]))
    facts = [
        (_("Operator"), site["operator"]),
        (_("Ultimate owner"), site["owner_text"]),
        (_("Owner nationality"), site["ownership_label"]),
        (_("Place"), f"{site['place']} ({site['precision_label'].lower()})"),
        (_("Opened"), opened),
        (_("Capacity"), site["capacity_text"]),
        (_("Chinese AI tenant"), site["tenant_text"]),
    ]
    st.markdown("\n".join(f"- **{k}:** {escape_md(str(v))}" for k, v in facts))
    render_evidence(site["evidence"])
    if pd.notna(site["note"]):
        st.caption(english_text(site["note"]))
    area = areas[areas["country"] == site["country"]]
    if not area.empty:
        st.caption(
            _(
                "Inside the report's area **{country_name}**: the report names the country (claims {claim_ids}), "
                "not this site."
            ).format(
                country_name=escape_md(area.iloc[0]["country_name"]), claim_ids=escape_md(area.iloc[0]["claim_ids"])
            )
        )
    sources = tables["sources"].set_index("source_id")
    cited = [site["source_id"], site["capacity_source_id"], site["tenant_source_id"]]
    st.markdown("**Sources**")
    for source_id in dict.fromkeys(s for s in cited if not is_blank(s) and s in sources.index):
        render_source(sources.loc[source_id])


def render_report_areas(areas: pd.DataFrame, names: dict[str, str]) -> None:
    """The report's country-level statements and the sites in the data inside each country."""
    st.markdown(_("**The report's areas** (shaded purple on the map)"))
    for area in areas.itertuples():
        listed = [names.get(s, s) for s in str(area.site_ids).split(",") if s]
        with st.expander(
            _("The report says {country_name}; no site is named · {site_count} sites in the data").format(
                country_name=area.country_name, site_count=area.site_count
            )
        ):
            st.caption(
                _("Claims: {claim_ids} · hub rows: {hub_names}").format(
                    claim_ids=escape_md(area.claim_ids), hub_names=escape_md(area.hub_names)
                )
            )
            st.markdown("\n".join(f"- {escape_md(n)}" for n in listed) or _("No site in the data."))


def render_location_sites(here: pd.DataFrame, region_key: str | None) -> None:
    """A place's profile: the data-centre sites the Sites page knows there, each with its operator, owner and
    tenant, and a link to the Sites page opened on a view that shows them."""
    if here.empty:
        return
    st.header(_("Data-centre sites here ({n})").format(n=len(here)))
    lines = []
    for site in describe_sites(here).itertuples():
        tenant = (
            _(" · Chinese AI tenant: {tenant}").format(tenant=escape_md(site.tenant_text))
            if pd.notna(site.tenant_id)
            else ""
        )
        lines.append(
            _("- **{name}**: run by {operator}; owned by {owner} ({ownership}){tenant}").format(
                name=escape_md(site.name),
                operator=escape_md(site.operator),
                owner=escape_md(site.owner_text),
                ownership=escape_md(site.ownership_label),
                tenant=tenant,
            )
        )
    st.markdown("\n".join(lines))
    st.page_link(
        routes.PAGE_FILES[routes.SITES],
        label=_("See them on the Data-centre sites page"),
        icon=":material/dns:",
        query_params={"view": region_key} if region_key else None,
    )
