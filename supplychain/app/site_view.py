"""A data-centre site card and the report areas list (Sites page and profiles)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from supplychain.app.cards import render_evidence, render_source
from supplychain.app.markdown import escape_md
from supplychain.data.cells import is_blank


def render_site(site: pd.Series, tables: dict[str, pd.DataFrame], areas: pd.DataFrame) -> None:
    """One data-centre site: operator, owner, status, capacity and tenant, each with its source; the report area it is
    in."""
    kind, status = escape_md(site["kind_label"]), escape_md(site["status_label"])
    st.markdown(f"**{escape_md(site['name'])}**  \n{kind} · {status}")
    opened = "–" if is_blank(site["opened_year"]) else str(int(site["opened_year"]))
    facts = [
        ("Operator", site["operator"]),
        ("Ultimate owner", site["owner_text"]),
        ("Owner nationality", site["ownership_label"]),
        ("Place", f"{site['place']} ({site['precision_label'].lower()})"),
        ("Opened", opened),
        ("Capacity", site["capacity_text"]),
        ("Chinese AI tenant", site["tenant_text"]),
    ]
    st.markdown("\n".join(f"- **{k}:** {escape_md(str(v))}" for k, v in facts))
    render_evidence(site["evidence"])
    if not is_blank(site["note"]):
        st.caption(escape_md(site["note"]))
    area = areas[areas["country"] == site["country"]]
    if not area.empty:
        st.caption(
            f"Inside the report's area **{escape_md(area.iloc[0]['country_name'])}**: the report names the country "
            f"(claims {escape_md(area.iloc[0]['claim_ids'])}), not this site."
        )
    sources = tables["sources"].set_index("source_id")
    cited = [site["source_id"], site["capacity_source_id"], site["tenant_source_id"]]
    st.markdown("**Sources**")
    for source_id in dict.fromkeys(s for s in cited if not is_blank(s) and s in sources.index):
        render_source(sources.loc[source_id])


def render_report_areas(areas: pd.DataFrame, names: dict[str, str]) -> None:
    """The report's country-level statements and the sites in the data inside each country."""
    st.markdown("**The report's areas** (shaded purple on the map)")
    for area in areas.itertuples():
        listed = [names.get(s, s) for s in str(area.site_ids).split(",") if s]
        with st.expander(
            f"The report says {area.country_name}; no site is named · {area.site_count} sites in the data"
        ):
            st.caption(f"Claims: {escape_md(area.claim_ids)} · hub rows: {escape_md(area.hub_names)}")
            st.markdown("\n".join(f"- {escape_md(n)}" for n in listed) or "No site in the data.")
