"""Profiles: any company, model, chip, place or rule — what it is, its dates, its ties, its place and every source."""

import streamlit as st

from supplychain.app import cache, guard, markdown, profile_view, status_view
from supplychain.app.urlbind import set_url_value, url_selectbox
from supplychain.data.entities import entity_record, names_by_id
from supplychain.data.labels import KIND_LABELS
from supplychain.i18n import _
from supplychain.rules.profile import entity_moments, entity_place

dataset = guard.require_dataset()
tables, package = dataset.tables, dataset.package
index, graph, edges = cache.get_relations(dataset)
names = names_by_id(index)
kinds = dict(zip(index["id"], index["kind"]))
raw = (st.query_params.get_all("id") or [""])[-1]

st.title(markdown.escape_md(names[raw]) if raw in names else _("Profiles"))
picked = url_selectbox(
    _("Open a profile"),
    list(names),
    key="id",
    index=None,
    format_func=lambda i: f"{names[i]} ({KIND_LABELS[kinds[i]]})",
    placeholder=_("Type a name…"),
    help=_("Every company, model, chip, place and rule in the data."),
)
entity_id = picked
if entity_id:
    set_url_value(
        "id", entity_id
    )  # a link to this same page keeps the old address otherwise; re-sending it fixes the URL

if raw and raw not in names and not picked:
    profile_view.render_unknown_id(index, raw)
elif not entity_id:
    profile_view.render_entity_index(index)
else:
    table, row = entity_record(tables, index, entity_id)
    kind, name = kinds[entity_id], names[entity_id]
    profile_view.render_profile_head(dataset, index, table, row, entity_id, kind, name)
    place = entity_place(tables, table, row)
    left, right = st.columns([3, 2]) if place is not None else (st.container(), None)
    with left:
        profile_view.render_key_facts(package, index, table, row)
    if right is not None:
        with right:
            profile_view.render_place(dataset, place, entity_id, kind, name)

    if kind == "chip":
        status_view.render_chip_status(dataset, entity_id)
    if kind == "location":
        profile_view.render_location_sites(dataset, entity_id)

    moments = entity_moments(tables, table, row, entity_id)
    profile_view.render_moments(dataset, moments, entity_id, kind, name)
    ties = profile_view.render_ties(dataset, edges, entity_id)
    citations = profile_view.render_citations(dataset, table, row, moments, ties)
    profile_view.render_profile_pdf(dataset, row, entity_id, kind, name, moments, citations)
