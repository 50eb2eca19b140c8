"""Relationships: the network of who develops, trains, leases, supplies and restricts whom, the chains, and the
evidence."""

from datetime import date

import streamlit as st

from supplychain.app import cache, guard, relationships_view
from supplychain.app.urlbind import url_radio
from supplychain.data.entities import names_by_id
from supplychain.data.schema import enum_values
from supplychain.i18n import _
from supplychain.rules.graph import VIEWS, date_bounds

dataset = guard.require_dataset()
index, graph, all_edges = cache.get_relations(dataset)
names = names_by_id(index)
relations = enum_values(dataset.package, "relationships", "relation")
low, high = date_bounds(all_edges, date.fromisoformat(dataset.as_of))

st.title(_("Who develops, trains, leases, supplies and restricts whom"))
st.caption(
    _(
        "Companies, models, chips, places and rules, tied by what the report and public records say. "
        "Pick an entity to see its neighbourhood; every line carries the record behind it."
    )
)
filters = relationships_view.render_filters(names, graph, relations, low, high)
focus, hops, chosen, since, until = filters
shown_view = url_radio(
    _("View"), VIEWS, key="view", default=VIEWS[0], horizontal=True, label_visibility="collapsed", format_func=_
)

view, edges = cache.get_graph_view(dataset, focus, hops or 1, tuple(chosen), since, until)  # read-only, shared
filtered = bool(focus or chosen or since or until)
settings = (focus, hops, tuple(chosen), since, until)  # everything the charts below depend on, for their cache key

if shown_view == "Network":
    relationships_view.render_network(
        dataset, graph, view, edges, names, focus=focus, settings=settings, filtered=filtered
    )
elif shown_view == "Chains":
    relationships_view.render_chains(dataset, graph, names, filters, settings)
else:
    relationships_view.render_evidence(dataset, edges)

relationships_view.render_downloads(dataset, graph, edges, filtered=filtered)
