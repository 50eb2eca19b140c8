"""Glossary: the terms of export control, chips and data centres the app uses, each defined and sourced."""

import streamlit as st

from supplychain.app import cards, guard, markdown, urlbind
from supplychain.app.glossary import term_url
from supplychain.i18n import _, current_language
from supplychain.rules.glossary import find_terms, glossary_terms

dataset = guard.require_dataset()
tables = dataset.tables
language = current_language()
terms = glossary_terms(tables, language=language)
chosen = urlbind.url_value("term", list(terms["term_id"]), what=_("not a term of the glossary"))

st.title(_("Glossary"))
st.caption(
    _(
        "Terms of export control, chips and data centres as this dashboard uses them, in English and Polish. "
        "Each definition cites the source it rests on; the table is data/glossary.csv in the data package."
    )
)
text = st.text_input(_("Find a term"), key="glossary_find", placeholder=_("e.g. TPP, Entity List, licencja"))
shown = find_terms(tables, text, language=language) if text and text.strip() else terms
if chosen:
    shown = terms[terms["term_id"] == chosen]
    st.link_button(_("All terms"), "glossary", icon=":material/list:")
st.header(_("Terms, A to Z") if len(shown) == len(terms) else _("Terms found"))
if shown.empty:
    st.caption(_("No term matches."))
sources = tables["sources"].set_index("source_id")
names = dict(zip(terms["term_id"], terms["term"], strict=True))
for row in shown.to_dict("records"):
    with st.container(border=True, key=f"term_{row['term_id']}"):
        st.subheader(markdown.escape_md(row["term"]), anchor=row["term_id"])
        st.caption(markdown.escape_md(row["other"]))
        st.markdown(markdown.escape_md(row["definition"]))
        if row["source_id"] in sources.index:
            cards.render_source(sources.loc[row["source_id"]])
        if row["related"]:
            st.markdown(
                _("Related:")
                + " "
                + " · ".join(f"[{markdown.escape_md(names[t])}]({term_url(t)})" for t in row["related"] if t in names)
            )
