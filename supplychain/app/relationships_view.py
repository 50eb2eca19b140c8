"""The Relationships page's sections: its filters, the network, the chains, the evidence table and the downloads."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import networkx as nx
import pandas as pd
import streamlit as st

from supplychain.app import cache, cards, corrections, downloads, layout
from supplychain.app.theme import themed
from supplychain.app.urlbind import url_day, url_multiselect, url_radio, url_selectbox
from supplychain.charts.accessibility import describe_chart
from supplychain.charts.network import chain_chart, network_chart
from supplychain.data.entities import LINK_DISPLAY, entity_link
from supplychain.data.export import download_name
from supplychain.data.labels import KIND_LABELS, enum_label
from supplychain.data.load import Dataset
from supplychain.data.relation_labels import CHAIN_STAGES, RELATION_GROUP_HELP, RELATION_GROUP_LABELS
from supplychain.data.schema import column_labels
from supplychain.i18n import _
from supplychain.rules.chains import CHAIN_ORDER, chain_rows, chain_summary, chinese_developers
from supplychain.rules.graph import (
    EXPORT_COLUMNS,
    HOPS,
    edges_among,
    graph_key,
    graphml_bytes,
    most_connected,
    node_frame,
    view_graph,
)


class TieFilters(NamedTuple):
    """What the reader chose: an entity to focus on, how many hops, relation types and a period (None: open)."""

    focus: str | None
    hops: int
    relations: list[str]
    since: date | None
    until: date | None


def render_filters(
    names: dict[str, str], graph: nx.MultiDiGraph, relations: list[str], low: date, high: date
) -> TieFilters:
    """The row of filters, each bound to the URL; a date left at its bound is no filter."""
    # A wrapping row of fixed-width controls, not five columns: at 1024 px the columns cut "Focus on" and the dates;
    # here the controls that do not fit move to a second row, whole.
    row = st.container(horizontal=True, gap="medium", vertical_alignment="bottom")
    focus = url_selectbox(
        _("Focus on"),
        list(names),
        key="focus",
        container=row,
        width=300,
        index=None,
        placeholder=_("Whole network"),
        format_func=lambda i: f"{names[i]} ({KIND_LABELS[graph.nodes[i]['kind']]})",
    )
    hops = url_radio(
        _("Hops"),
        HOPS,
        key="hops",
        default=1,
        container=row,
        width="content",
        horizontal=True,
        help=_("How many ties away from the focus to show."),
    )
    chosen = url_multiselect(
        _("Relation types"),
        relations,
        key="relation",
        container=row,
        width=240,
        format_func=lambda r: enum_label("relationships", "relation", r),
        placeholder=_("All"),
    )
    since = url_day(
        _("From"),
        key="from",
        default=low,
        min_value=low,
        max_value=high,
        container=row,
        width=120,
        help=_("Ties that lasted into this period; undated ties stay. Type YYYY-MM-DD and press Enter."),
    )
    until = url_day(
        _("To"),
        key="to",
        default=high,
        min_value=low,
        max_value=high,
        container=row,
        width=120,
        help=_("Type YYYY-MM-DD and press Enter."),
    )
    return TieFilters(focus, hops, chosen, since if since != low else None, until if until != high else None)


def network_caption(n_nodes: int, n_edges: int, *, filtered: bool) -> str:
    """What the network shows, how to read it and what each line style means."""
    return (
        (
            _("{n} entities, {n2} ties (filtered). Click a dot or a name to open its profile; ")
            if filtered
            else _("{n} entities, {n2} ties. Click a dot or a name to open its profile; ")
        ).format(n=n_nodes, n2=n_edges)
        + (
            _(
                "names of entities with fewer than three ties, and names that would overlap, show on hover (or "
                "focus on one); "
            )
            if n_nodes > 40
            else _("a name that would overlap another shows on hover; ")
        )
        + _("hover a line for its evidence. Line styles: ")
        + "; ".join(f"{RELATION_GROUP_LABELS.get(g, g)}: {h}" for g, h in RELATION_GROUP_HELP.items())
        + "."
    )


def render_network(
    dataset: Dataset,
    graph: nx.MultiDiGraph,
    view: nx.MultiDiGraph,
    edges: pd.DataFrame,
    names: dict[str, str],
    *,
    focus: str | None,
    settings: tuple,
    filtered: bool,
) -> None:
    """The network of the ties shown (its best-connected part when it is too big to read), with its downloads."""
    if edges.empty:
        st.info(
            _("No ties match these settings. Clear a relation type or widen the dates."), icon=":material/search_off:"
        )
        return
    drawn = view
    if view.number_of_nodes() > layout.NETWORK_CAP and not st.toggle(
        _("Draw all {number_of_nodes} entities (slow, and too dense to read)").format(
            number_of_nodes=view.number_of_nodes()
        ),
        key="network_all",
    ):
        drawn = most_connected(view, layout.NETWORK_CAP)
        st.caption(
            _(
                "Drawing {network_cap} of {number_of_nodes} entities: the best-connected and those tied to them, "
                "with the ties among them. Focus on an entity, pick relation types or narrow the dates to see "
                "the rest; the Evidence view lists every tie."
            ).format(network_cap=layout.NETWORK_CAP, number_of_nodes=view.number_of_nodes())
        )
    nodes = node_frame(drawn)
    drawn_edges = edges_among(edges, nodes["id"])
    spec = cache.chart_spec(
        dataset,
        "relationship_network",
        settings + (drawn is view,),
        lambda: describe_chart(
            network_chart(
                nodes,
                drawn_edges,
                cache.graph_layout(*graph_key(drawn)),
                focus=focus,
                height=700 if len(nodes) > 30 else 480,
                label_all=len(nodes) <= 40,
                legend_rows=2,
                label_limit=150,
                min_width=560,  # the chart's width in a 1024 px window
            ),
            title=_("Network of who develops, trains, leases, supplies and restricts whom"),
            summary=_("{n} entities and {n2} ties; the table below lists every tie").format(
                n=len(nodes), n2=len(edges)
            ),
        ),
    )
    st.vega_lite_chart(themed(spec), width="stretch")
    downloads.render_chart_downloads(lambda: spec, what="relationship_network", as_of=dataset.as_of)
    st.caption(network_caption(len(nodes), len(drawn_edges), filtered=filtered))
    if focus:
        layout.render_entity_link(focus, names[focus], graph.nodes[focus]["kind"], note=_("open the profile"))


def render_chains(
    dataset: Dataset, graph: nx.MultiDiGraph, names: dict[str, str], filters: TieFilters, settings: tuple
) -> None:
    """Each Chinese developer's chain (models, where they train, whose facilities and chips, which rules): a chart
    and the same as a table."""
    st.markdown(
        _(
            "**For each Chinese developer: which models, trained where, in facilities owned by whom, on "
            "whose chips, under which rule.** Only stated ties are followed; an empty cell means the data "
            "records no such tie."
        )
    )
    focus = filters.focus
    developers = chinese_developers(dataset.tables)
    chains = chain_rows(
        view_graph(graph, relations=filters.relations, since=filters.since, until=filters.until),
        [focus] if focus in developers else developers,
    )
    if chains.empty:
        st.info(_("No Chinese developer's chain matches these settings."), icon=":material/search_off:")
        return
    chains_spec = cache.chart_spec(
        dataset,
        "relationship_chains",
        settings,
        lambda: describe_chart(
            chain_chart(chains),
            title=_("Chain of each Chinese developer"),
            summary=_(
                "its models, where they train, who owns those facilities, whose chips and which rules; the table "
                "below lists the same"
            ),
        ),
    )
    st.vega_lite_chart(themed(chains_spec), width="stretch")
    downloads.render_chart_downloads(lambda: chains_spec, what="relationship_chains", as_of=dataset.as_of)
    summary = chain_summary(chains, CHAIN_ORDER[1:])
    chains_dev_ids = list(summary["developer_id"])
    summary = summary.assign(developer_id=lambda f: [entity_link(d, names[d]) for d in f["developer_id"]])
    corrections.render_table(
        summary,
        row_ids=[f"companies:{d}" for d in chains_dev_ids],
        what=_("the chains table"),
        key="chains_table",
        url_path="relationships",
        package=dataset.package,
        placeholder="–",
        hide_index=True,
        width="stretch",
        column_config={
            "developer_id": st.column_config.LinkColumn(_("Developer"), display_text=LINK_DISPLAY),
            **{s: st.column_config.TextColumn(CHAIN_STAGES[s]) for s in CHAIN_ORDER[1:]},
        },
    )


def render_evidence(dataset: Dataset, edges: pd.DataFrame) -> None:
    """Every tie shown as a table row; a selected row's quote or record below it."""
    shown = edges.assign(
        from_link=[entity_link(i, n) for i, n in zip(edges["from_id"], edges["from_name"])],
        to_link=[entity_link(i, n) for i, n in zip(edges["to_id"], edges["to_name"])],
    )
    cols = [
        "from_link",
        "relation_label",
        "to_link",
        "period",
        "evidence",
        "description",
        "source_id",
        "claim_id",
        "relationship_id",
    ]
    rows = corrections.render_table(
        shown[cols],
        row_ids=[f"relationships:{r}" for r in edges["relationship_id"]],
        what=_("the relationships table"),
        key="edges",
        url_path="relationships",
        package=dataset.package,
        table_key="edge_pick",
        placeholder="–",
        hide_index=True,
        width="stretch",
        column_config=layout.tie_columns("from_link", "relation_label", "to_link"),
    )
    if rows:
        with st.container(border=True):
            cards.render_edge_evidence(edges.iloc[rows[0]], dataset.tables["claims"], dataset.tables["sources"])
    else:
        st.caption(_("Select a row to read the quote or record behind that tie."))


def render_downloads(dataset: Dataset, graph: nx.MultiDiGraph, edges: pd.DataFrame, *, filtered: bool) -> None:
    """The ties shown as a table and as a view bundle, and the whole graph as GraphML, in one wrapping row."""
    tables = dataset.tables
    labels = {
        **column_labels(dataset.package, "relationships"),
        "from_name": _("From (name)"),
        "to_name": _("To (name)"),
        "origin": _("Recorded in"),
    }
    buttons = st.container(horizontal=True, gap="small")  # whole labels, wrapping onto a second row when narrow
    downloads.render_table_downloads(
        edges[EXPORT_COLUMNS],
        labels,
        label=_("Ties shown"),
        what="relationships",
        as_of=dataset.as_of,
        filtered=filtered,
        container=buttons,
    )
    shown_rows = tables["relationships"][tables["relationships"]["relationship_id"].isin(edges["relationship_id"])]
    downloads.render_view_bundle(
        dataset.package,
        tables,
        {"relationships": shown_rows},
        what="relationships",
        as_of=dataset.as_of,
        container=buttons,
    )
    buttons.download_button(
        _("Whole graph (GraphML)"),
        lambda: graphml_bytes(graph),
        file_name=download_name("relationship-graph", dataset.as_of, "graphml"),
        mime="application/graphml+xml",
        icon=":material/hub:",
        on_click="ignore",
        help=_("For Gephi, networkx or yEd: every entity and tie with its evidence."),
    )
