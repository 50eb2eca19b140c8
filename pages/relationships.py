"""Relationships: the network of who develops, trains, leases, supplies and restricts whom, the chains, and the evidence."""
import streamlit as st

from supplychain import cache, ui
from supplychain.entities import LINK_DISPLAY, entity_link
from supplychain.export import download_name, to_csv_bytes
from supplychain.graph import chain_rows, chain_summary, chinese_developers, edge_frame, graph_key, graphml_bytes, node_frame
from supplychain.network_chart import chain_chart, edge_table, network_chart
from supplychain.relview import HOPS, VIEWS, ignored, view_graph
from supplychain.schema import enum_values
from supplychain.style import CHAIN_STAGES, KIND_LABELS, RELATION_GROUP_HELP, RELATION_LABELS

dataset = ui.require_dataset()
tables = dataset.tables
index, graph, _ = cache.get_relations(dataset)
names = dict(zip(index["id"], index["name"]))
relations = enum_values(dataset.package, "relationships", "relation")
params = {k: st.query_params.get_all(k) for k in st.query_params}
ui.render_notice(ignored(params, ids=names, relations=relations))

st.title("Who develops, trains, leases, supplies and restricts whom")
st.caption("Companies, models, chips, places and rules, tied by what the report and public records say. "
           "Pick an entity to see its neighbourhood; every line carries the record behind it.")
row = st.columns([3, 1.2, 3, 1.6, 1.6])
focus = row[0].selectbox("Focus on", list(names), index=None, format_func=lambda i: f"{names[i]} ({KIND_LABELS[graph.nodes[i]['kind']]})",
                         key="focus", bind="query-params", placeholder="Whole network")
hops = row[1].segmented_control("Hops", HOPS, default=1, required=True, key="hops", bind="query-params", help="How many ties away from the focus to show.")
chosen = row[2].multiselect("Relation types", relations, format_func=lambda r: RELATION_LABELS.get(r, r), key="relation", bind="query-params", placeholder="All")
since = row[3].date_input("From", value=None, key="from", bind="query-params", format="YYYY-MM-DD", help="Ties that lasted into this period; undated ties stay.")
until = row[4].date_input("To", value=None, key="to", bind="query-params", format="YYYY-MM-DD")

view = view_graph(graph, focus=focus, hops=hops or 1, relations=chosen, since=since, until=until)
edges = edge_table(edge_frame(view), tables["claims"], tables["sources"])
filtered = bool(focus or chosen or since or until)
tab_net, tab_chain, tab_evidence = st.tabs(VIEWS, key="view", bind="query-params")

with tab_net:
    if edges.empty:
        st.info("No ties match these settings. Clear a relation type or widen the dates.", icon=":material/search_off:")
    else:
        nodes = node_frame(view)
        chart = network_chart(nodes, edges, cache.graph_layout(*graph_key(view)), focus=focus, height=620 if len(nodes) > 30 else 480)
        st.altair_chart(chart, width="stretch")
        st.caption(f"{len(nodes)} entities, {len(edges)} ties{' (filtered)' if filtered else ''}. Click a dot or a name to open its profile; "
                   "hover a line for its evidence. Line styles: " + "; ".join(f"{g}: {h}" for g, h in RELATION_GROUP_HELP.items()) + ".")
        if focus:
            ui.render_entity_link(focus, names[focus], graph.nodes[focus]["kind"], note="open the profile")

with tab_chain:
    st.markdown("**For each Chinese developer: which models, trained where, in facilities owned by whom, on whose chips, under which rule.** "
                "Only stated ties are followed; an empty cell means the data records no such tie.")
    developers = chinese_developers(tables)
    chains = chain_rows(view_graph(graph, relations=chosen, since=since, until=until), [focus] if focus in developers else developers)
    if chains.empty:
        st.info("No Chinese developer's chain matches these settings.", icon=":material/search_off:")
    else:
        st.altair_chart(chain_chart(chains), width="stretch")
        summary = chain_summary(chains, list(CHAIN_STAGES)[1:]).assign(developer_id=lambda f: [entity_link(d, names[d]) for d in f["developer_id"]])
        st.dataframe(summary, hide_index=True, width="stretch", column_config={
            "developer_id": st.column_config.LinkColumn("Developer", display_text=LINK_DISPLAY),
            **{s: st.column_config.TextColumn(label) for s, label in list(CHAIN_STAGES.items())[1:]}})

with tab_evidence:
    shown = edges.assign(from_link=[entity_link(i, n) for i, n in zip(edges["from_id"], edges["from_name"])],
                         to_link=[entity_link(i, n) for i, n in zip(edges["to_id"], edges["to_name"])])
    cols = ["from_link", "relation_label", "to_link", "period", "evidence", "description", "source_id", "claim_id", "relationship_id"]
    picked = st.dataframe(shown[cols], hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="edge_pick", column_config={
        "from_link": st.column_config.LinkColumn("From", display_text=LINK_DISPLAY), "relation_label": "Relation",
        "to_link": st.column_config.LinkColumn("To", display_text=LINK_DISPLAY), "period": "When", "evidence": "Evidence",
        "description": st.column_config.TextColumn("What", width="large"), "source_id": "Source", "claim_id": "Claim", "relationship_id": "Record"})
    rows = picked.selection.rows if picked else []
    if rows:
        with st.container(border=True):
            ui.render_edge_evidence(edges.iloc[rows[0]], tables["claims"], tables["sources"])
    else:
        st.caption("Select a row to read the quote or record behind that tie.")

export_cols = ["relationship_id", "from_id", "from_name", "relation", "to_id", "to_name", "start_date", "start_precision", "end_date",
               "end_precision", "description", "evidence", "source_id", "claim_id", "note", "origin"]
buttons = st.columns(2)
buttons[0].download_button("Download the ties shown (CSV)", to_csv_bytes(edges[export_cols]), file_name=download_name("relationships", dataset.as_of, filtered=filtered),
                           mime="text/csv", icon=":material/download:", on_click="ignore", disabled=edges.empty)
buttons[1].download_button("Download the whole graph (GraphML)", lambda: graphml_bytes(graph), file_name=download_name("relationship-graph", dataset.as_of, "graphml"),
                           mime="application/graphml+xml", icon=":material/hub:", on_click="ignore", help="For Gephi, networkx or yEd: every entity and tie with its evidence.")
