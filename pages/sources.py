"""Sources: every source and every claim, the rows that rest on each, how the data was made and how to cite it."""

import streamlit as st

from supplychain.app import guard, sources_view
from supplychain.app.urlbind import url_selectbox
from supplychain.i18n import _, current_language
from supplychain.rules.provenance import citation_counts

dataset = guard.require_dataset()
tables = dataset.tables
claims, sources = tables["claims"], tables["sources"]

st.title(_("Sources and claims"))
st.markdown(
    _(
        "Each row of the dataset names one **source** (publisher, title, address, date) and, where the "
        "report is the source, one **claim**: a short verbatim quote from the Polish text of the report "
        "with our English translation and the attribution the report gives. Most claims rest on **people "
        "the report does not name**."
    )
)

claim_ids = list(claims["claim_id"])
# Once, not an index rebuilt per option; a Polish reader picks a claim by the report's own words.
claim_texts = dict(zip(claims["claim_id"], claims["quote_pl" if current_language() == "pl" else "text_en"]))
focus = url_selectbox(
    _("Show one claim and the rows that rest on it"),
    claim_ids,
    key="claim",
    index=None,
    format_func=lambda c: claim_texts[c][:110],
    placeholder=_("Choose a claim…"),
)
source_index = sources.set_index("source_id")
if focus:
    sources_view.render_claim_focus(dataset, focus, source_index)

# Only the open tab is built (a click reruns the page): the other two hold the page's tables. A link that
# names a source opens on "All sources", where its rows are listed.
TABS = [_("Claims from the report"), _("All sources"), _("Method, licence and citation")]
tab_claims, tab_sources, tab_method = st.tabs(
    TABS, key="sources_tab", on_change="rerun", default=TABS[1] if "source" in st.query_params else None
)
if tab_claims.open:
    with tab_claims:
        counts = citation_counts(tables, column="claim_id")
        sources_view.render_claim_cards(dataset, counts)
        sources_view.render_claims_table(claims, counts, package=dataset.package)
if tab_sources.open:
    with tab_sources:
        sources_view.render_sources(dataset, source_index)
if tab_method.open:
    with tab_method:
        sources_view.render_method(dataset)
