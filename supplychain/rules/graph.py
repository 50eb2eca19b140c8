"""The relationship graph: a networkx MultiDiGraph of entities and their ties, focus, filters, layout, GraphML, chains.

Edges come from relationships.csv and from the reference columns of the entity tables (a model's
developer, a chip's designer, a policy's issuer, a company's headquarters and parent), so a model is
never an island just because nobody wrote a `develops` row. Each edge keeps its evidence.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

import networkx as nx
import pandas as pd

from supplychain.data.cells import cell_text as _text
from supplychain.data.cells import is_blank
from supplychain.data.dates import DATE_LOW, period_end
from supplychain.data.entities import names_by_id
from supplychain.data.relation_labels import RELATION_LABELS
from supplychain.data.schema import entity_keys
from supplychain.i18n import N_, _

EDGE_COLUMNS = [
    "relationship_id",
    "from_id",
    "from_name",
    "from_kind",
    "relation",
    "to_id",
    "to_name",
    "to_kind",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "description",
    "evidence",
    "source_id",
    "claim_id",
    "note",
    "origin",
]
# The ties as a reader downloads them: without the kinds, which the ids imply.
EXPORT_COLUMNS = [c for c in EDGE_COLUMNS if c not in ("from_kind", "to_kind")]
# (table, reference column, relation, direction, date column, precision column): edges implied by entity rows.
# direction "ref->row": the referenced entity is the edge's source (developer develops model).
IMPLIED_EDGES = [
    ("models", "developer_id", "develops", "ref->row", "release_date", "release_precision"),
    ("chips", "designer_id", "designs", "ref->row", "announced_date", "announced_precision"),
    ("policies", "issuer_id", "issues", "ref->row", "announced_date", "announced_precision"),
    ("companies", "hq_location_id", "headquartered_in", "row->ref", None, None),
    ("companies", "parent_id", "subsidiary_of", "row->ref", None, None),
]


def _date(value: Any) -> pd.Timestamp | None:
    return None if is_blank(value) else pd.Timestamp(value)


def build_graph(tables: dict[str, pd.DataFrame], index: pd.DataFrame) -> nx.MultiDiGraph:
    """Every entity as a node (kind, name, label) and every relationship as an edge keyed by its id.

    Implied edges (see IMPLIED_EDGES) are added unless relationships.csv already states the same
    (from, relation, to); their id is `<table>:<row id>:<column>` and their evidence is the row's.
    Edges whose endpoint is not an entity are left out (the loader's checks normally prevent that).
    """
    graph = nx.MultiDiGraph()
    for node in index.itertuples(index=False):
        graph.add_node(node.id, kind=node.kind, name=node.name, label=node.label, table=node.table)
    names = names_by_id(index)
    stated: set[tuple[str, str, str]] = set()
    rels = tables.get("relationships", pd.DataFrame())
    for row in rels.to_dict("records"):
        src, dst = _text(row["from_id"]), _text(row["to_id"])
        if src not in graph or dst not in graph:
            continue
        stated.add((src, _text(row["relation"]), dst))
        graph.add_edge(
            src,
            dst,
            key=_text(row["relationship_id"]),
            relationship_id=_text(row["relationship_id"]),
            relation=_text(row["relation"]),
            start_date=_date(row["start_date"]),
            start_precision=_text(row["start_precision"]),
            end_date=_date(row["end_date"]),
            end_precision=_text(row["end_precision"]),
            description=_text(row["description"]),
            evidence=_text(row["evidence"]),
            source_id=_text(row["source_id"]),
            claim_id=_text(row["claim_id"]),
            note=_text(row["note"]),
            origin="relationships.csv",
        )
    for table, column, relation, direction, date_col, precision_col in IMPLIED_EDGES:
        frame = tables.get(table)
        if frame is None or column not in frame:
            continue
        key_col = entity_keys()[table]
        for row in frame.to_dict("records"):
            ref, own = _text(row[column]), _text(row[key_col])
            if not ref or ref not in graph or own not in graph:
                continue
            src, dst = (ref, own) if direction == "ref->row" else (own, ref)
            if (src, relation, dst) in stated:
                continue
            rid = f"{table}:{own}:{column}"
            graph.add_edge(
                src,
                dst,
                key=rid,
                relationship_id=rid,
                relation=relation,
                start_date=_date(row[date_col]) if date_col else None,
                start_precision=_text(row[precision_col]) if precision_col else "",
                end_date=None,
                end_precision="",
                description=_("{source} {relation} {target} (recorded in {table}.csv, column {column})").format(
                    source=names[src],
                    relation=RELATION_LABELS.get(relation, relation.replace("_", " ")),
                    target=names[dst],
                    table=table,
                    column=column,
                ),
                evidence=_text(row["evidence"]),
                source_id=_text(row["source_id"]),
                claim_id=_text(row["claim_id"]),
                note="",
                origin=f"{table}.csv",
            )
    return graph


def edge_frame(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """The graph's edges as a table (columns EDGE_COLUMNS), sorted by relationship id for stable output."""
    rows = []
    for src, dst, data in graph.edges(data=True):
        rows.append(
            {
                **{c: data.get(c) for c in EDGE_COLUMNS if c in data},
                "from_id": src,
                "from_name": graph.nodes[src]["name"],
                "from_kind": graph.nodes[src]["kind"],
                "to_id": dst,
                "to_name": graph.nodes[dst]["name"],
                "to_kind": graph.nodes[dst]["kind"],
            }
        )
    frame = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    frame["start_date"] = pd.to_datetime(frame["start_date"])
    frame["end_date"] = pd.to_datetime(frame["end_date"])
    return frame.sort_values("relationship_id", kind="stable").reset_index(drop=True)


def node_frame(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """The graph's nodes as a table: id, kind, name, label, degree (ties in this graph), sorted by id."""
    rows = [
        {"id": n, "kind": d["kind"], "name": d["name"], "label": d["label"], "degree": graph.degree(n)}
        for n, d in graph.nodes(data=True)
    ]
    return (
        pd.DataFrame(rows, columns=["id", "kind", "name", "label", "degree"])
        .sort_values("id", kind="stable")
        .reset_index(drop=True)
    )


def edges_among(edges: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """The ties (edge_frame rows) with both ends among `ids`: those of the part of the graph that is drawn."""
    return edges[edges["from_id"].isin(ids) & edges["to_id"].isin(ids)]


def neighbourhood(graph: nx.MultiDiGraph, focus: str, hops: int) -> nx.MultiDiGraph:
    """The entities within `hops` ties of `focus` (in either direction) and every edge among them."""
    if focus not in graph:
        raise KeyError(focus)
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), focus, cutoff=max(0, int(hops)))
    return graph.subgraph(reach).copy()


def _overlaps(start: pd.Timestamp | None, end: pd.Timestamp | None, since: date | None, until: date | None) -> bool:
    """Whether a tie that lasted from `start` to `end` (open ends when missing) touches [since, until]."""
    if since is not None and end is not None and end < pd.Timestamp(since):
        return False
    if until is not None and start is not None and start > pd.Timestamp(until):
        return False
    return True


def filter_graph(
    graph: nx.MultiDiGraph,
    *,
    relations: Collection[str] = (),
    since: date | None = None,
    until: date | None = None,
    keep: Iterable[str] = (),
) -> nx.MultiDiGraph:
    """Keep edges of the chosen relation types (all when none chosen) whose dates touch [since, until].

    Undated ties are kept (their dates are unknown, not outside the window). Entities left without
    any tie are dropped, except those named in `keep` (the focus).
    """
    out = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    for src, dst, key, data in graph.edges(keys=True, data=True):
        if relations and data["relation"] not in relations:
            continue
        end = data.get("end_date")
        # A tie that ended "in June" may have lasted to 30 June: it touches a window that opens mid-June.
        end = None if end is None else period_end(end, data.get("end_precision"))
        if not _overlaps(data.get("start_date"), end, since, until):
            continue
        out.add_edge(src, dst, key=key, **data)
    keep = set(keep)
    out.remove_nodes_from([n for n in list(out.nodes) if out.degree(n) == 0 and n not in keep])
    return out


def layout_positions(
    nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...], *, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """Deterministic positions for a graph given as sorted node ids and (from, to) pairs.

    Each connected part gets its own spring layout (fixed seed, built in sorted order, so the same
    data always gives the same picture) in a square sized to its number of entities; the squares are
    packed in rows, largest first, so a small separate part does not squeeze the main one into a corner.
    Plain tuples in, so the cached wrapper can hash its arguments.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(nodes))
    simple.add_edges_from(sorted({tuple(sorted(e)) for e in edges if e[0] != e[1]}))
    parts = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    if not parts:
        return {}
    out: dict[str, tuple[float, float]] = {}
    main_side = max(1.0, len(parts[0]) ** 0.5)
    x, y, column_width = main_side * 0.85 + 0.5, 0.0, 0.0
    for i, part in enumerate(parts):
        side = max(1.0, len(part) ** 0.5) if i else main_side
        if i and y - side < -main_side and y < 0:  # this column is full: start the next one
            x, y, column_width = x + column_width + 0.4, 0.0, 0.0
        ox, oy = (0.0, 0.0) if i == 0 else (x, y)
        if len(part) == 1:
            local = {part[0]: (0.0, 0.0)}
        else:
            # The part as a graph of its own, built in sorted order: a subgraph view of a part under half the graph
            # lists its entities in the order of a set, which changes with every process (string hashing), and
            # the seeded layout places entities in the order it is given them: the picture moved on a restart.
            alone = nx.Graph()
            alone.add_nodes_from(part)
            alone.add_edges_from(sorted(tuple(sorted(e)) for e in simple.edges(part)))
            pos = nx.spring_layout(alone, seed=seed, k=2.0 / len(part) ** 0.5, iterations=300)
            local = {n: (float(p[0]), float(p[1])) for n, p in pos.items()}
        xs, ys = [p[0] for p in local.values()], [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        inner = side * 0.85 if len(part) > 1 else 0.0
        for n, (px, py) in local.items():
            out[n] = (round(ox + (px - min(xs)) / span * inner, 6), round(oy - (max(ys) - py) / span * inner, 6))
        if i:
            y -= side * 0.85 + 0.5
            column_width = max(column_width, side * 0.85)
    return out


def graph_key(graph: nx.MultiDiGraph) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(sorted node ids, sorted edge pairs): what the layout depends on, as hashable tuples."""
    return tuple(sorted(graph.nodes)), tuple(sorted((s, d) for s, d in graph.edges()))


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """The graph as GraphML (UTF-8) for Gephi or networkx: dates as ISO text, missing values as ''."""
    clean = nx.MultiDiGraph()
    for node, data in sorted(graph.nodes(data=True)):
        clean.add_node(node, **{k: _text(v) for k, v in data.items()})
    for src, dst, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        attrs = {k: (v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else _text(v)) for k, v in data.items()}
        clean.add_edge(src, dst, key=key, **attrs)
    buffer = io.BytesIO()
    nx.write_graphml(clean, buffer, encoding="utf-8")
    return buffer.getvalue()


HOPS = [1, 2]
VIEWS = [N_("Network"), N_("Chains"), N_("Evidence")]  # URL values; shown through `_`


def view_graph(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 1,
    relations: Collection[str] = (),
    since: date | None = None,
    until: date | None = None,
) -> nx.MultiDiGraph:
    """The graph the page draws: filtered by relation type and dates, then (with a focus) its k-hop neighbourhood.

    Filtering comes first, so "two hops" means two hops along the ties the reader chose to see.
    """
    filtered = filter_graph(graph, relations=relations, since=since, until=until, keep=[focus] if focus else [])
    if focus and focus in filtered:
        return neighbourhood(filtered, focus, hops)
    return filtered


def date_bounds(edges: pd.DataFrame, as_of: date) -> tuple[date, date]:
    """The date filter's range: 1 January of the earliest tie's year to the later of the data date and the last tie
    end."""
    starts = pd.concat([edges["start_date"], edges["end_date"]]).dropna()
    low = date(int(starts.min().year), 1, 1) if not starts.empty else DATE_LOW
    high = max(as_of, starts.max().date()) if not starts.empty else as_of
    return low, high


def most_connected(graph: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """The `limit` entities with the most ties, and the ties among them; the graph itself when it is no larger.

    A whole network of thousands of entities draws as a solid ball; its best-connected part can
    still be read. Ties are nodes' degree (both directions, parallel ties counted); ties broken by id.
    The part grows out from the best-connected entity, always taking the best-connected entity tied to
    one already taken, and starts again from the next hub when that cluster is used up: ranking by
    degree alone could pick hubs that share no tie and draw dots without lines (as at 100x).
    """
    if graph.number_of_nodes() <= limit:
        return graph
    import heapq

    degree = dict(graph.degree())
    seeds = sorted(degree, key=lambda node: (-degree[node], node))
    taken: set = set()
    frontier: list[tuple[int, str]] = []
    for seed in seeds:
        if len(taken) >= limit:
            break
        if seed in taken:
            continue
        heapq.heappush(frontier, (-degree[seed], seed))
        while frontier and len(taken) < limit:
            _cost, node = heapq.heappop(frontier)
            if node in taken:
                continue
            taken.add(node)
            for other in nx.all_neighbors(graph, node):
                if other not in taken:
                    heapq.heappush(frontier, (-degree[other], other))
    return graph.subgraph(taken).copy()
