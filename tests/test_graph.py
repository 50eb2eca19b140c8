"""The relationship graph, the entity index and search, the chain view and the profile helpers (pure functions)."""

from __future__ import annotations

import io
import itertools
import math
import xml.etree.ElementTree as ET
from datetime import date

import networkx as nx
import pandas as pd
import pytest
from conftest import DATA_DIR

from supplychain.charts.network import chain_chart, edge_table, network_chart
from supplychain.data.dates import DATE_LOW
from supplychain.data.entities import (
    build_entity_index,
    entity_id_columns,
    entity_link,
    entity_url,
    find_entities,
    row_link,
    suggest_entities,
)
from supplychain.data.load import load_dataset
from supplychain.data.schema import read_package
from supplychain.rules.chains import chain_rows, chain_summary, chinese_developers
from supplychain.rules.graph import (
    build_graph,
    date_bounds,
    edge_frame,
    filter_graph,
    graph_key,
    graphml_bytes,
    layout_positions,
    most_connected,
    neighbourhood,
    node_frame,
    view_graph,
)
from supplychain.rules.profile import entity_citations, entity_moments, entity_place, entity_ties


@pytest.fixture(scope="module")
def shipped():
    dataset = load_dataset(DATA_DIR)
    assert dataset.ok, dataset.problems[:3]
    index = build_entity_index(dataset.tables)
    return dataset.tables, index, build_graph(dataset.tables, index)


def _frame(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """A relationships frame from (id, from_kind, from_id, relation, to_kind, to_id)-like tuples."""
    out = []
    for rid, fk, fid, rel, tk, tid in rows:
        out.append(
            {
                "relationship_id": rid,
                "from_kind": fk,
                "from_id": fid,
                "relation": rel,
                "to_kind": tk,
                "to_id": tid,
                "start_date": pd.NaT,
                "start_precision": pd.NA,
                "end_date": pd.NaT,
                "end_precision": pd.NA,
                "description": f"{fid} {rel} {tid}",
                "evidence": "report",
                "source_id": "s",
                "claim_id": pd.NA,
                "note": pd.NA,
            }
        )
    return pd.DataFrame(out)


def _chain_tables() -> dict[str, pd.DataFrame]:
    """A small world: two Chinese developers, one trains abroad on leased capacity, one at home on stockpiled chips."""
    companies = pd.DataFrame(
        [
            {
                "company_id": "dev_a",
                "name": "Dev A",
                "name_zh": pd.NA,
                "aliases": "A Group",
                "kind": "ai_developer",
                "country": "CN",
                "ownership": "chinese",
                "hq_location_id": pd.NA,
                "parent_id": pd.NA,
                "evidence": "report",
                "source_id": "s",
                "claim_id": pd.NA,
            },
            {
                "company_id": "dev_b",
                "name": "Dev B",
                "name_zh": pd.NA,
                "aliases": pd.NA,
                "kind": "ai_developer",
                "country": "CN",
                "ownership": "chinese",
                "hq_location_id": "home",
                "parent_id": pd.NA,
                "evidence": "report",
                "source_id": "s",
                "claim_id": pd.NA,
            },
            {
                "company_id": "us_dev",
                "name": "US Dev",
                "name_zh": pd.NA,
                "aliases": pd.NA,
                "kind": "us_tech",
                "country": "US",
                "ownership": "non_chinese",
                "hq_location_id": pd.NA,
                "parent_id": pd.NA,
                "evidence": "press",
                "source_id": "s",
                "claim_id": pd.NA,
            },
            {
                "company_id": "landlord",
                "name": "Landlord",
                "name_zh": pd.NA,
                "aliases": pd.NA,
                "kind": "datacentre_operator",
                "country": "SG",
                "ownership": "non_chinese",
                "hq_location_id": pd.NA,
                "parent_id": pd.NA,
                "evidence": "report",
                "source_id": "s",
                "claim_id": pd.NA,
            },
            {
                "company_id": "chipco",
                "name": "ChipCo",
                "name_zh": pd.NA,
                "aliases": pd.NA,
                "kind": "chip_designer",
                "country": "US",
                "ownership": "non_chinese",
                "hq_location_id": pd.NA,
                "parent_id": pd.NA,
                "evidence": "official",
                "source_id": "s",
                "claim_id": pd.NA,
            },
        ]
    )
    models = pd.DataFrame(
        [
            {
                "model_id": "a1",
                "name": "A-1",
                "aliases": pd.NA,
                "developer_id": "dev_a",
                "release_date": pd.Timestamp("2025-04-01"),
                "release_precision": "month",
                "evidence": "official",
                "source_id": "s",
                "claim_id": pd.NA,
            },
            {
                "model_id": "b1",
                "name": "B-1",
                "aliases": pd.NA,
                "developer_id": "dev_b",
                "release_date": pd.NaT,
                "release_precision": pd.NA,
                "evidence": "official",
                "source_id": "s",
                "claim_id": pd.NA,
            },
        ]
    )
    chips = pd.DataFrame(
        [
            {
                "chip_id": "x9",
                "name": "X9",
                "aliases": "HGX X9",
                "designer_id": "chipco",
                "announced_date": pd.NaT,
                "announced_precision": pd.NA,
                "evidence": "official",
                "source_id": "s",
                "claim_id": pd.NA,
            }
        ]
    )
    locations = pd.DataFrame(
        [
            {
                "location_id": "hub",
                "name": "Hub",
                "aliases": pd.NA,
                "lat": 1.3,
                "lon": 103.8,
                "coord_precision": "city",
                "region": "sea",
                "evidence": "report",
                "source_id": "s",
                "claim_id": pd.NA,
            },
            {
                "location_id": "home",
                "name": "Home",
                "aliases": pd.NA,
                "lat": 30.0,
                "lon": 120.0,
                "coord_precision": "city",
                "region": "east_asia",
                "evidence": "report",
                "source_id": "s",
                "claim_id": pd.NA,
            },
        ]
    )
    policies = pd.DataFrame(
        [
            {
                "policy_id": "rule",
                "name": "Rule",
                "aliases": pd.NA,
                "issuer_id": pd.NA,
                "announced_date": pd.NaT,
                "announced_precision": pd.NA,
                "evidence": "official",
                "source_id": "s",
                "claim_id": pd.NA,
            },
            {
                "policy_id": "repeal",
                "name": "Repeal",
                "aliases": pd.NA,
                "issuer_id": pd.NA,
                "announced_date": pd.NaT,
                "announced_precision": pd.NA,
                "evidence": "official",
                "source_id": "s",
                "claim_id": pd.NA,
            },
            {
                "policy_id": "chip_rule",
                "name": "Chip rule",
                "aliases": pd.NA,
                "issuer_id": pd.NA,
                "announced_date": pd.NaT,
                "announced_precision": pd.NA,
                "evidence": "official",
                "source_id": "s",
                "claim_id": pd.NA,
            },
        ]
    )
    relationships = _frame(
        [
            ("r1", "company", "dev_a", "trains_in", "location", "hub"),
            ("r2", "company", "dev_a", "leases_capacity_from", "company", "landlord"),
            ("r3", "company", "landlord", "operates", "location", "hub"),
            ("r4", "company", "chipco", "supplies", "company", "landlord"),
            ("r5", "policy", "rule", "restricts", "company", "landlord"),
            ("r6", "policy", "repeal", "rescinds", "policy", "rule"),
            ("r7", "model", "b1", "trained_on", "chip", "x9"),
            ("r8", "company", "dev_b", "stockpiled", "chip", "x9"),
            ("r9", "policy", "chip_rule", "restricts", "chip", "x9"),
            ("r10", "company", "us_dev", "uses", "chip", "x9"),
        ]
    )
    return {
        "companies": companies,
        "models": models,
        "chips": chips,
        "locations": locations,
        "policies": policies,
        "relationships": relationships,
    }


def test_every_edge_endpoint_is_an_entity_of_the_index(shipped) -> None:
    tables, index, graph = shipped
    ids = set(index["id"])
    assert graph.number_of_edges() >= len(tables["relationships"])
    for src, dst in graph.edges():
        assert src in ids and dst in ids
    assert set(graph.nodes) == ids


def test_every_relationship_row_becomes_exactly_one_edge_with_its_evidence(shipped) -> None:
    tables, _, graph = shipped
    edges = edge_frame(graph)
    stated = edges[edges["origin"] == "relationships.csv"]
    assert sorted(stated["relationship_id"]) == sorted(tables["relationships"]["relationship_id"])
    assert stated["source_id"].astype(bool).all()


def test_models_are_tied_to_their_developer_even_without_a_develops_row(shipped) -> None:
    tables, _, graph = shipped
    for model in tables["models"].itertuples(index=False):
        assert any(d["relation"] == "develops" for _, _, d in graph.in_edges(model.model_id, data=True)), model.model_id


def test_implied_edge_is_not_added_twice_when_relationships_states_it() -> None:
    tables = _chain_tables()
    tables["relationships"] = pd.concat(
        [tables["relationships"], _frame([("r_dev", "company", "dev_a", "develops", "model", "a1")])], ignore_index=True
    )
    graph = build_graph(tables, build_entity_index(tables))
    develops = [k for _, _, k, d in graph.in_edges("a1", keys=True, data=True) if d["relation"] == "develops"]
    assert develops == ["r_dev"]


@pytest.mark.parametrize("hops", [0, 1, 2, 3])
def test_focus_returns_exactly_the_k_hop_neighbourhood(shipped, hops: int) -> None:
    _, _, graph = shipped
    sub = neighbourhood(graph, "deepseek", hops)
    undirected = nx.Graph(graph.to_undirected())
    expected = {
        n
        for n in graph.nodes
        if nx.has_path(undirected, "deepseek", n) and nx.shortest_path_length(undirected, "deepseek", n) <= hops
    }
    assert set(sub.nodes) == expected
    # every edge among those entities, and no other
    expected_edges = {k for s, d, k in graph.edges(keys=True) if s in expected and d in expected}
    assert {k for _, _, k in sub.edges(keys=True)} == expected_edges


def test_focus_on_an_unknown_entity_raises_key_error_naming_it(shipped) -> None:
    with pytest.raises(KeyError) as raised:
        neighbourhood(shipped[2], "no_such_entity", 1)
    assert raised.value.args == ("no_such_entity",)


def test_entity_table_gives_each_entitys_kind_name_label_and_number_of_ties_in_id_order() -> None:
    tables = _chain_tables()
    graph = filter_graph(build_graph(tables, build_entity_index(tables)), relations=["restricts", "trained_on"])
    nodes = node_frame(graph)
    assert list(nodes.columns) == ["id", "kind", "name", "label", "degree"]
    assert list(nodes["id"]) == sorted(graph.nodes), "filtering keeps entities with a chosen tie, in id order"
    x9 = nodes.set_index("id").loc["x9"]
    assert (x9["kind"], x9["name"], x9["degree"]) == ("chip", graph.nodes["x9"]["name"], 2)  # r7 and r9
    assert x9["name"] and x9["label"] == graph.nodes["x9"]["label"] and x9["label"]
    assert list(node_frame(nx.MultiDiGraph()).columns) == ["id", "kind", "name", "label", "degree"]


def test_relation_filter_keeps_only_chosen_types_and_drops_lonely_entities_but_the_focus(shipped) -> None:
    _, _, graph = shipped
    sub = filter_graph(graph, relations=["restricts"], keep=["deepseek"])
    assert {d["relation"] for _, _, d in sub.edges(data=True)} == {"restricts"}
    assert "deepseek" in sub.nodes
    assert all(sub.degree(n) > 0 for n in sub.nodes if n != "deepseek")


def test_date_filter_keeps_ties_that_touch_the_window_and_undated_ties() -> None:
    tables = _chain_tables()
    rel = tables["relationships"]
    rel.loc[rel["relationship_id"] == "r5", ["start_date", "end_date"]] = [
        pd.Timestamp("2025-01-13"),
        pd.Timestamp("2025-05-13"),
    ]
    rel.loc[rel["relationship_id"] == "r9", "start_date"] = pd.Timestamp("2026-01-15")
    graph = build_graph(tables, build_entity_index(tables))
    keys = {k for _, _, k in filter_graph(graph, since=date(2025, 6, 1), until=date(2025, 12, 31)).edges(keys=True)}
    assert "r5" not in keys  # ended before the window
    assert "r9" not in keys  # began after it
    assert "r1" in keys  # undated: kept
    keys = {k for _, _, k in filter_graph(graph, since=date(2025, 3, 1), until=date(2025, 3, 31)).edges(keys=True)}
    assert "r5" in keys


def test_view_filters_first_then_takes_the_neighbourhood() -> None:
    tables = _chain_tables()
    graph = build_graph(tables, build_entity_index(tables))
    view = view_graph(graph, focus="x9", hops=1, relations=["restricts"])
    assert set(view.nodes) == {"x9", "chip_rule"}
    one_hop = set(neighbourhood(graph, "hub", 1).nodes)
    assert set(view_graph(graph, focus="hub").nodes) == one_hop != set(neighbourhood(graph, "hub", 2).nodes)


def test_view_applies_the_date_window_and_keeps_a_focus_whose_ties_are_all_filtered_out() -> None:
    tables = _chain_tables()
    rel = tables["relationships"]
    rel.loc[rel["relationship_id"] == "r5", ["start_date", "end_date"]] = [
        pd.Timestamp("2025-01-13"),
        pd.Timestamp("2025-05-13"),
    ]
    rel.loc[rel["relationship_id"] == "r9", "start_date"] = pd.Timestamp("2026-01-15")
    graph = build_graph(tables, build_entity_index(tables))

    def keys(view: nx.MultiDiGraph) -> set[str]:
        return {k for _, _, k in view.edges(keys=True)}

    to_2025 = keys(view_graph(graph, until=date(2025, 12, 31)))
    assert "r5" in to_2025 and "r9" not in to_2025, "r9 begins in 2026"
    from_june = keys(view_graph(graph, since=date(2025, 6, 1)))
    assert "r5" not in from_june and "r9" in from_june, "r5 ended in May"
    alone = view_graph(graph, focus="rule", relations=["supplies"])
    assert set(alone.nodes) == {"rule"}, "the focus stays, alone, rather than the whole network"
    assert set(view_graph(graph, focus="no_such_entity").nodes) == set(graph.nodes), "an unknown focus: no focus"


def test_layout_is_the_same_for_the_same_data_and_covers_every_entity(shipped) -> None:
    _, _, graph = shipped
    first = layout_positions(*graph_key(graph))
    second = layout_positions(*graph_key(graph.copy()))
    assert first == second
    assert set(first) == set(graph.nodes)


def test_layout_gives_each_part_its_own_square_sized_to_it_main_part_at_the_origin_none_overlapping() -> None:
    main = [(f"m{i}", f"m{i + 1}") for i in range(15)]  # a chain of 16 entities
    small = [("s0", "s1"), ("s1", "s2"), ("s2", "s3")]  # a chain of 4
    pairs = [(f"p{i}a", f"p{i}b") for i in range(12)]  # twelve pairs: they fill more than one column
    edges = tuple(sorted(main + small + pairs + [("m0", "m0")]))
    nodes = tuple(sorted({n for e in edges for n in e} | {"lonely"}))
    pos = layout_positions(nodes, edges)
    assert set(pos) == set(nodes) and len(set(pos.values())) == len(nodes), "every entity has a point of its own"
    parts = [{n for n in nodes if n.startswith("m")}, {n for n in nodes if n.startswith("s")}, {"lonely"}]
    parts += [{f"p{i}a", f"p{i}b"} for i in range(12)]
    boxes = []
    for part in parts:
        xs, ys = [pos[n][0] for n in part], [pos[n][1] for n in part]
        boxes.append((min(xs), max(xs), min(ys), max(ys)))
        side = 0.85 * max(1.0, len(part) ** 0.5) if len(part) > 1 else 0.0
        assert max(max(xs) - min(xs), max(ys) - min(ys)) == pytest.approx(side, abs=1e-5), part
    assert boxes[0][0] == 0.0 and boxes[0][3] == 0.0, "the main part's corner is the origin"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2], (a, b)
    columns = {round(box[0], 6) for box in boxes[1:]}
    assert len(columns) >= 2 and min(columns) == pytest.approx(0.85 * 4 + 0.5), "the others stack in columns"
    assert all(box[3] <= 0.0 for box in boxes), "parts go down from the top edge"


def test_graphml_round_trips_every_entity_and_tie(shipped) -> None:
    _, _, graph = shipped
    data = graphml_bytes(graph)
    ET.fromstring(data)  # well-formed XML
    back = nx.read_graphml(__import__("io").BytesIO(data), force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    some = next(iter(d for _, _, d in back.edges(data=True) if d.get("origin") == "relationships.csv"))
    assert some["source_id"] and some["relation"]


def test_chain_lists_each_developers_models_place_owner_chips_and_rules() -> None:
    tables = _chain_tables()
    graph = build_graph(tables, build_entity_index(tables))
    devs = chinese_developers(tables)
    assert devs == ["dev_a", "dev_b"]
    chains = chain_rows(graph, devs)
    a = (
        chains[chains["developer_id"] == "dev_a"]
        .groupby("stage")["entity_id"]
        .apply(lambda s: sorted(set(s)))
        .to_dict()
    )
    assert a == {
        "developer": ["dev_a"],
        "model": ["a1"],
        "location": ["hub"],
        "owner": ["landlord"],
        "hardware": ["chipco"],
        "measure": ["repeal", "rule"],
    }
    b = (
        chains[chains["developer_id"] == "dev_b"]
        .groupby("stage")["entity_id"]
        .apply(lambda s: sorted(set(s)))
        .to_dict()
    )
    assert b == {"developer": ["dev_b"], "model": ["b1"], "hardware": ["x9"], "measure": ["chip_rule"]}
    # every row names the tie that led there, and that tie exists
    for row in chains[chains["stage"] != "developer"].itertuples(index=False):
        assert any(k == row.relationship_id for _, _, k in graph.edges(keys=True))
    summary = chain_summary(chains, ["model", "location", "owner", "hardware", "measure"]).set_index("developer_id")
    assert summary.loc["dev_b", "location"] == ""  # no stated place: left empty, not guessed


def test_chain_of_the_shipped_data_follows_the_data(shipped) -> None:
    tables, _, graph = shipped
    chains = chain_rows(graph, chinese_developers(tables))
    assert {"alibaba", "bytedance", "deepseek"} <= set(chains["developer_id"])
    models = chains[(chains["developer_id"] == "deepseek") & (chains["stage"] == "model")]["entity_id"]
    expected = tables["models"][tables["models"]["developer_id"] == "deepseek"]["model_id"]
    assert set(models) == set(expected)


def test_search_finds_entities_by_alias_and_ranks_exact_names_first(shipped) -> None:
    _, index, _ = shipped
    assert find_entities(index, "Tongyi Qianwen").iloc[0]["id"] == "qwen"
    assert find_entities(index, "h20").iloc[0]["id"] == "h20"
    assert find_entities(index, "   ").empty
    assert find_entities(index, "zzzz-nothing").empty


def test_suggestions_for_a_mistyped_id_name_the_likely_entity(shipped) -> None:
    _, index, _ = shipped
    assert suggest_entities(index, "deep_seek").iloc[0]["id"] == "deepseek"


def test_entity_links_have_one_format() -> None:
    assert entity_url("deepseek") == "/entity?id=deepseek"
    assert entity_url("a b&c") == "/entity?id=a%20b%26c"
    assert entity_link("h20", "Nvidia H20") == "/entity?id=h20#Nvidia H20"


def test_month_precision_dates_become_a_span_not_the_first_day() -> None:
    tables = _chain_tables()
    row = tables["models"].iloc[0]
    moments = entity_moments(tables, "models", row, "a1")
    first = moments.iloc[0]
    assert first["when"] == "Apr 2025"
    assert first["start"] == pd.Timestamp("2025-04-01") and first["end"] == pd.Timestamp("2025-05-01")


def test_profile_lists_ties_in_both_directions_with_their_sources(shipped) -> None:
    tables, index, graph = shipped
    edges = edge_table(edge_frame(graph), tables["claims"], tables["sources"])
    ties = entity_ties(edges, "deepseek")
    assert len(ties) == graph.degree("deepseek")
    row = tables["companies"].set_index("company_id").loc["deepseek"]
    cites = entity_citations(row, "companies", entity_moments(tables, "companies", row, "deepseek"), ties)
    assert set(ties["source_id"]) <= set(cites["source_id"])


def test_company_is_placed_at_its_headquarters() -> None:
    tables = _chain_tables()
    row = tables["companies"].set_index("company_id", drop=False).loc["dev_b"]
    assert entity_place(tables, "companies", row)["location_id"] == "home"
    assert entity_place(tables, "companies", tables["companies"].iloc[0]) is None


def test_charts_build_with_tooltips_and_profile_links(shipped) -> None:
    tables, _, graph = shipped

    edges = edge_table(edge_frame(graph), tables["claims"], tables["sources"])
    spec = network_chart(node_frame(graph), edges, layout_positions(*graph_key(graph)), focus="deepseek").to_dict()
    text = str(spec)
    assert "/entity?id=deepseek" in text and "tooltip" in text
    chain = chain_chart(chain_rows(graph, chinese_developers(tables))).to_dict()
    assert "/entity?id=alibaba" in str(chain)


def test_data_page_links_every_entity_id_column_to_profiles() -> None:
    package = read_package(DATA_DIR)
    assert entity_id_columns(package, "models") == ["model_id", "developer_id"]
    assert entity_id_columns(package, "relationships") == ["from_id", "to_id"]
    assert "source_id" not in entity_id_columns(package, "events") and "chip_id" in entity_id_columns(package, "events")


def test_rows_that_are_not_entities_link_to_the_data_page_showing_them() -> None:
    assert row_link("chips", "h20") == "/entity?id=h20#h20"
    assert row_link("events", "ev_report_published") == "/data?table=events&q=ev_report_published#ev_report_published"


def test_graphml_download_writes_dates_as_iso_days_blanks_as_empty_whatever_the_rows_order() -> None:
    tables = _chain_tables()
    rel = tables["relationships"]
    rel.loc[rel["relationship_id"] == "r5", "start_date"] = pd.Timestamp("2025-01-13")
    tables["companies"].loc[tables["companies"]["company_id"] == "dev_a", "name"] = "Dév A 深度"
    graph = build_graph(tables, build_entity_index(tables))
    data = graphml_bytes(graph)
    assert data == graphml_bytes(graph.copy()), "the same data gives the same file"
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert back.nodes["dev_a"]["name"] == "Dév A 深度" and back.nodes["dev_a"]["kind"] == "company"
    ties = {key: (src, dst, attrs) for src, dst, key, attrs in back.edges(keys=True, data=True)}
    assert set(ties) == {key for _, _, key in graph.edges(keys=True)}, "each tie keeps its relationship id as key"
    src, dst, r5 = ties["r5"]
    assert (src, dst) == ("rule", "landlord")
    assert r5["start_date"] == "2025-01-13" and r5["end_date"] == "" and r5["relation"] == "restricts"
    assert r5["source_id"] == "s" and r5["origin"] == "relationships.csv"
    tables["relationships"] = rel.iloc[::-1]
    tables["companies"] = tables["companies"].iloc[::-1]
    assert graphml_bytes(build_graph(tables, build_entity_index(tables))) == data, "rows' order does not matter"


def test_most_connected_keeps_the_hubs_and_the_ties_among_them() -> None:
    import networkx as nx

    graph = nx.MultiDiGraph()
    for leaf in "abcdef":
        graph.add_edge("hub", leaf)
    graph.add_edge("a", "b")
    graph.add_edge("x", "y")
    top = most_connected(graph, 3)
    assert set(top.nodes) == {"hub", "a", "b"}  # degree 6, 2, 2; "c".."f" and "x", "y" have 1
    assert top.number_of_edges() == 3  # hub-a, hub-b, a-b
    assert most_connected(graph, 50) is graph


def test_capped_network_starts_from_the_best_connected_entity_not_the_first_by_name() -> None:
    graph = nx.MultiDiGraph()
    for leaf in range(5):
        graph.add_edge("z_hub", f"z_leaf{leaf}")
    graph.add_edge("a", "b")
    assert set(most_connected(graph, 3).nodes) == {"z_hub", "z_leaf0", "z_leaf1"}


def test_capped_network_of_copies_of_one_hub_still_draws_ties() -> None:
    """At 100x the synthetic data hold many copies of the same hubs with no tie between copies: the capped view
    must draw clusters with their lines, not the hubs alone as unconnected dots."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for copy in range(10):
        for leaf in range(5):
            graph.add_edge(f"hub{copy}", f"leaf{copy}_{leaf}")
    top = most_connected(graph, 10)
    assert top.number_of_nodes() == 10
    assert top.number_of_edges() >= 8, "two clusters of a hub and four leaves, not ten unconnected hubs"
    assert {"hub0", "hub1"} <= set(top.nodes)


def test_network_of_entities_with_no_tie_among_them_draws_the_dots(shipped) -> None:
    """At 100x the best-connected entities drawn can share no tie; the chart must still draw (it used to raise)."""
    tables, _, graph = shipped

    edges = edge_table(edge_frame(graph), tables["claims"], tables["sources"])
    spec = network_chart(node_frame(graph), edges.iloc[0:0], layout_positions(*graph_key(graph))).to_dict()
    assert "/entity?id=deepseek" in str(spec)


def test_a_tie_ending_on_the_first_day_of_the_window_is_kept_and_one_ending_the_day_before_is_not() -> None:
    tables = _chain_tables()
    rel = tables["relationships"]
    rel.loc[rel["relationship_id"] == "r5", ["start_date", "end_date"]] = [
        pd.Timestamp("2025-01-13"),
        pd.Timestamp("2025-06-01"),
    ]
    rel.loc[rel["relationship_id"] == "r9", "start_date"] = pd.Timestamp("2025-06-30")
    graph = build_graph(tables, build_entity_index(tables))

    def kept(since: date, until: date) -> set[str]:
        return {k for _, _, k in filter_graph(graph, since=since, until=until).edges(keys=True)}

    assert "r5" in kept(date(2025, 6, 1), date(2025, 6, 30))  # ends on the window's first day
    assert "r9" in kept(date(2025, 6, 1), date(2025, 6, 30))  # begins on its last day
    assert "r5" not in kept(date(2025, 6, 2), date(2025, 6, 30))
    assert "r9" not in kept(date(2025, 6, 1), date(2025, 6, 29))


def test_a_tie_that_ended_in_a_month_touches_a_window_opening_later_that_month() -> None:
    tables = _chain_tables()
    rel = tables["relationships"]
    rel.loc[rel["relationship_id"] == "r5", ["start_date", "end_date", "end_precision"]] = [
        pd.Timestamp("2025-01-13"),
        pd.Timestamp("2025-06-01"),  # stored on the month's first day: "ended in June 2025"
        "month",
    ]
    graph = build_graph(tables, build_entity_index(tables))
    keys = {k for _, _, k in filter_graph(graph, since=date(2025, 6, 15), until=date(2025, 12, 31)).edges(keys=True)}
    assert "r5" in keys
    keys = {k for _, _, k in filter_graph(graph, since=date(2025, 7, 1), until=date(2025, 12, 31)).edges(keys=True)}
    assert "r5" not in keys


def test_no_chain_line_runs_through_a_models_dot(shipped) -> None:
    tables, _, graph = shipped
    spec = chain_chart(chain_rows(graph, chinese_developers(tables))).to_dict()
    rows = [r for data in spec["datasets"].values() for r in data]
    # Model dots (the second column): a line through one reads as if that model trained there (issue 21).
    dots = [(r["col"], r["row"], r["name"]) for r in rows if r.get("stage") == "model" and "col2" not in r]
    lines = [r for r in rows if "col2" in r]
    assert dots and lines
    crossed = []
    for line in lines:
        (c1, r1), (c2, r2) = sorted([(line["col"], line["row"]), (line["col2"], line["row2"])])
        for col, row, name in dots:
            if c1 < col < c2:  # a dot in a column the line passes over: where is the line there?
                at = r1 + (r2 - r1) * (col - c1) / (c2 - c1)
                if abs(at - row) < 0.2:  # a dot is about 0.4 rows across
                    crossed.append((line["from"], line["to"], name))
    assert crossed == [], crossed


def _index(names: dict[str, str]) -> pd.DataFrame:
    """A hand-made entity index: id -> name, every entity a model with no alias."""
    rows = [
        {"id": i, "kind": "model", "name": n, "aliases": [], "table": "models", "label": n} for i, n in names.items()
    ]
    return pd.DataFrame(rows)


def test_a_mistyped_id_naming_a_whole_name_suggests_that_entity_before_its_words_matches() -> None:
    index = _index({"qwen": "Qwen", "qwen_vl": "Qwen-VL", "vl_net": "VL Net"})
    assert suggest_entities(index, "qwen_vl").iloc[0]["id"] == "qwen_vl"


def test_suggestions_are_at_most_six_numbered_from_the_top_with_rank_and_what_matched() -> None:
    index = _index({f"qwen_{n}": f"Qwen {n}" for n in range(1, 10)})
    found = suggest_entities(index, "qwen")
    assert list(found["id"]) == [f"qwen_{n}" for n in range(1, 7)]
    assert list(found.index) == list(range(6))
    assert list(found.columns) == [*index.columns, "rank", "matched"]


def test_each_word_of_two_letters_or_more_and_a_long_words_first_four_letters_are_tried() -> None:
    index = _index({"qwen": "Qwen", "vl_net": "VL Net", "ernie": "Ernie"})
    assert list(suggest_entities(index, "zz_vl")["id"]) == ["vl_net"]  # "vl" alone finds it
    assert list(suggest_entities(index, "qwenx")["id"]) == ["qwen"]  # "qwen" of a five-letter word
    assert suggest_entities(index, "z_q").empty  # one-letter words are not tried


def test_when_the_whole_text_fills_the_list_no_words_match_is_added() -> None:
    index = _index({**{f"ab_cd_{n}": f"Ab Cd {n}" for n in range(1, 7)}, "cd": "Cd"})
    assert list(suggest_entities(index, "ab_cd")["id"]) == [f"ab_cd_{n}" for n in range(1, 7)]


def test_suggestions_from_several_words_keep_the_first_words_matches_first() -> None:
    names = {f"{word}_{n}": f"{word.title()} {n}" for word in ("alpha", "beta", "gamma") for n in range(1, 7)}
    found = suggest_entities(_index(names), "alp_bet_gam")
    assert list(found["id"]) == [f"alpha_{n}" for n in range(1, 7)]


def test_search_ranks_exact_name_alias_prefixes_word_starts_then_containment_and_says_what_matched() -> None:
    rows = [  # file order deliberately the reverse of the ranks
        ("megaqwen", "Megaqwen", []),  # name contains: 5
        ("other", "Other", ["Yqwenish"]),  # an alias contains: 6
        ("big", "Big Qwen", []),  # a word of the name starts with: 4
        ("tongyi", "Tongyi", ["Qwenlike"]),  # an alias starts with: 3
        ("qwenith", "Qwenith", []),  # the name starts with: 2
        ("alibaba_model", "Alibaba model", ["Tongyi", "QWEN"]),  # an alias, folded, is exact: 1
        ("exact", "Qwen", []),  # the name is exact: 0
        ("aqwen", "Nothing", []),  # the id contains: 6, after the alias-contains row above it in the file
    ]
    index = pd.DataFrame(
        [{"id": i, "kind": "model", "name": n, "aliases": a, "table": "models", "label": n} for i, n, a in rows]
    )
    found = find_entities(index, "qwen")
    assert list(found["id"]) == ["exact", "alibaba_model", "qwenith", "tongyi", "big", "megaqwen", "other", "aqwen"]
    assert list(found["rank"]) == [0, 1, 2, 3, 4, 5, 6, 6]
    assert list(found["matched"]) == [
        "Qwen",
        "QWEN",
        "Qwenith",
        "Qwenlike",
        "Big Qwen",
        "Megaqwen",
        "Yqwenish",
        "aqwen",
    ]
    assert list(found.index) == list(range(8)) and list(found.columns) == [*index.columns, "rank", "matched"]


def test_search_shows_ten_entities_at_most_and_an_empty_answer_keeps_its_columns() -> None:
    index = _index({f"qwen_{n}": f"Qwen {n}" for n in range(1, 13)})
    assert list(find_entities(index, "qwen")["id"]) == [f"qwen_{n}" for n in range(1, 11)]
    empty = find_entities(index, "  ")
    assert empty.empty and list(empty.columns) == [*index.columns, "rank", "matched"]
    assert pd.api.types.is_integer_dtype(empty["rank"])  # sorts and joins like a full answer's ranks


def test_chain_summary_keeps_the_developers_order_joins_distinct_names_and_has_its_columns_when_empty() -> None:
    chains = pd.DataFrame(
        {
            "developer_id": ["zeta", "zeta", "zeta", "alpha"],
            "stage": ["model", "model", "model", "hardware"],
            "entity_name": ["Z One", "Z Two", "Z One", "Chip A"],
        }
    )
    summary = chain_summary(chains, ["model", "hardware"])
    assert summary.to_dict("records") == [
        {"developer_id": "zeta", "model": "Z One · Z Two", "hardware": ""},
        {"developer_id": "alpha", "model": "", "hardware": "Chip A"},
    ]
    empty = chain_summary(chains.iloc[0:0], ["model", "hardware"])
    assert empty.empty and list(empty.columns) == ["developer_id", "model", "hardware"]


def test_each_chain_row_names_the_tie_that_led_there_from_which_entity_and_its_evidence() -> None:
    tables = _chain_tables()
    extra = _frame(
        [
            ("r11", "company", "dev_a", "uses", "chip", "x9"),
            ("r12", "company", "us_dev", "operates", "location", "home"),
        ]
    )
    tables["relationships"] = pd.concat([tables["relationships"], extra], ignore_index=True)
    graph = build_graph(tables, build_entity_index(tables))
    chains = chain_rows(graph, ["dev_a", "dev_b"])
    assert list(chains.columns) == [
        "developer_id",
        "developer_name",
        "stage",
        "entity_id",
        "entity_name",
        "kind",
        "parent_id",
        "relation",
        "relationship_id",
        "evidence",
    ]
    rows = [
        (r.stage, r.entity_id, r.parent_id, r.relation, r.relationship_id, r.evidence)
        for r in chains[chains["developer_id"] == "dev_a"].itertuples()
    ]
    # Read off the ties by hand: dev_a develops a1, trains in hub (r1), leases from landlord (r2), who operates
    # hub (r3) and is supplied by chipco (r4); dev_a uses x9 (r11); chip_rule restricts x9 (r9), rule restricts
    # landlord (r5), repeal rescinds rule (r6).
    assert rows == [
        ("developer", "dev_a", "", "", "", ""),
        ("model", "a1", "dev_a", "develops", "models:a1:developer_id", "official"),
        ("location", "hub", "dev_a", "trains_in", "r1", "report"),
        ("owner", "landlord", "dev_a", "leases_capacity_from", "r2", "report"),
        ("owner", "landlord", "hub", "operates", "r3", "report"),
        ("hardware", "x9", "dev_a", "uses", "r11", "report"),
        ("hardware", "chipco", "landlord", "supplies", "r4", "report"),
        ("measure", "chip_rule", "x9", "restricts", "r9", "report"),
        ("measure", "rule", "landlord", "restricts", "r5", "report"),
        ("measure", "repeal", "rule", "rescinds", "r6", "report"),
    ]
    b = [
        (r.stage, r.entity_id, r.parent_id, r.relation) for r in chains[chains["developer_id"] == "dev_b"].itertuples()
    ]
    assert ("hardware", "x9", "b1", "trained_on") in b and ("hardware", "x9", "dev_b", "stockpiled") in b
    assert chain_rows(graph, []).columns.tolist() == chains.columns.tolist()


def test_chinese_developers_are_ai_developers_owned_in_china_or_based_there_in_file_order() -> None:
    companies = pd.DataFrame(
        {
            "company_id": ["owned", "based", "foreign", "cloud", "blank_kind", "blank_both"],
            "kind": ["ai_developer", "ai_developer", "ai_developer", "cloud_provider", None, "ai_developer"],
            "ownership": ["chinese", "non_chinese", "non_chinese", "chinese", "chinese", None],
            "country": ["SG", "CN", "US", "CN", "CN", None],
        },
        dtype="string",  # as loaded: a blank cell compares as <NA>, not False
    )
    assert chinese_developers({"companies": companies}) == ["owned", "based"]


def test_the_network_date_range_runs_from_the_first_ties_new_year_to_the_data_date_or_a_later_tie_end() -> None:
    T = pd.Timestamp
    edges = pd.DataFrame(
        {
            "start_date": [T("2021-06-15"), pd.NaT, T("2024-03-01")],
            "end_date": [pd.NaT, T("2019-11-30"), T("2027-05-31")],
        }
    )
    assert date_bounds(edges, date(2026, 12, 5)) == (date(2019, 1, 1), date(2027, 5, 31)), "an end counts too"
    assert date_bounds(edges.iloc[[0]], date(2026, 12, 5)) == (date(2021, 1, 1), date(2026, 12, 5))
    undated = pd.DataFrame({"start_date": [pd.NaT], "end_date": [pd.NaT]})
    assert date_bounds(undated, date(2026, 12, 5)) == (DATE_LOW, date(2026, 12, 5)), "no dated tie: the widest range"


def _shapes() -> dict[str, list[tuple[str, str]]]:
    """Chains, rings and stars of 3 to 12 entities: lines, loops and hubs drawn upright, flat or square."""
    out = {}
    for n in range(3, 13):
        out[f"chain{n}"] = [(f"n{i:02}", f"n{i + 1:02}") for i in range(n - 1)]
        out[f"ring{n}"] = [(f"n{i:02}", f"n{(i + 1) % n:02}") for i in range(n)]
        out[f"star{n}"] = [("c", f"l{i:02}") for i in range(n - 1)]
    return out


@pytest.mark.parametrize("shape", sorted(_shapes()))
def test_whatever_its_shape_a_network_fills_its_square_in_its_longer_direction_and_never_spills_out(shape: str) -> None:
    edges = _shapes()[shape]
    nodes = tuple(sorted({n for e in edges for n in e}))
    pos = layout_positions(nodes, tuple(sorted(edges)))
    xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
    side = 0.85 * len(nodes) ** 0.5
    assert max(max(xs) - min(xs), max(ys) - min(ys)) == pytest.approx(side, abs=1e-5)
    assert min(xs) == 0.0 and max(ys) == 0.0, "its top-left corner is the origin"
    assert len(set(pos.values())) == len(nodes), "every entity has a dot of its own"


def test_a_ring_is_drawn_as_an_open_ring_and_a_hubs_spokes_fan_out_in_two_directions() -> None:
    ring = [(f"r{i}", f"r{(i + 1) % 10}") for i in range(10)]
    star = [("c", f"l{i:02}") for i in range(12)]
    for edges, nearest in ((ring, 0.28), (star, 0.22)):
        nodes = tuple(sorted({n for e in edges for n in e}))
        pos = layout_positions(nodes, tuple(sorted(edges)))
        side = 0.85 * len(nodes) ** 0.5
        closest = min(math.dist(pos[a], pos[b]) for a, b in itertools.combinations(nodes, 2))
        assert closest > nearest * side, "no two dots crowd each other"
        xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
        assert min(max(xs) - min(xs), max(ys) - min(ys)) > 0.8 * side, "spread across and down, not on a line"


def test_entities_with_no_ties_stand_on_an_even_grid_in_columns_no_deeper_than_the_main_part() -> None:
    main = [(f"m{i:02}", f"m{i + 1:02}") for i in range(15)]  # 16 entities: a square of side 0.85 x 4
    lone = [f"z{i:02}" for i in range(10)]
    pos = layout_positions(tuple(sorted({n for e in main for n in e} | set(lone))), tuple(main))
    square = 0.85 * 16**0.5  # the main part's square, whatever shape the chain takes inside it
    assert all(pos[z][1] >= -square - 0.6 for z in lone), "columns stop about where the main part's square does"
    columns: dict[float, list[str]] = {}
    for z in lone:
        columns.setdefault(pos[z][0], []).append(z)
    assert [len(c) for c in columns.values()] == [3, 3, 3, 1], "each column is filled before the next begins"
    assert [c[0] for c in columns.values()] == ["z00", "z03", "z06", "z09"], "in id order, top to bottom"
    xs = sorted(columns)
    across = {round(b - a, 6) for a, b in zip(xs, xs[1:])}
    downs = {round(pos[c[k]][1] - pos[c[k + 1]][1], 6) for c in columns.values() for k in range(len(c) - 1)}
    assert len(across) == 1 and len(downs) == 1, "evenly spaced across and down"
    assert abs(across.pop() - downs.pop()) < 0.25, "as tight across as down"
    assert min(xs) > square, "beside the main part's square"


def test_two_parts_of_the_same_size_are_drawn_the_same_size_even_when_one_is_the_main_part() -> None:
    edges = (("a1", "a2"), ("a2", "a3"), ("b1", "b2"), ("b2", "b3"))
    pos = layout_positions(tuple(sorted({n for e in edges for n in e})), edges)
    sizes = []
    for part in ("a", "b"):
        xs, ys = [p[0] for n, p in pos.items() if n[0] == part], [p[1] for n, p in pos.items() if n[0] == part]
        sizes.append(round(max(max(xs) - min(xs), max(ys) - min(ys)), 6))
    assert sizes[0] == sizes[1] == round(0.85 * 3**0.5, 6)


def test_the_graphml_download_says_which_table_each_entity_comes_from() -> None:
    tables = _chain_tables()
    back = nx.read_graphml(io.BytesIO(graphml_bytes(build_graph(tables, build_entity_index(tables)))))
    assert back.nodes["dev_a"]["table"] == "companies"
    for table, key in (("models", "model_id"), ("chips", "chip_id"), ("policies", "policy_id")):
        if table in tables and not tables[table].empty:
            assert back.nodes[tables[table][key].iloc[0]]["table"] == table


def test_suggestions_of_equal_rank_keep_the_order_of_the_words_typed_however_many_words_match() -> None:
    names = {}
    for word in ("alpha", "beta", "gamma", "delta"):
        names.update({f"{word}_{n}": f"{word.title()} {n}" for n in range(1, 4)})  # the name starts with the word
        names.update({f"x_{word}_{n}": f"X {word.title()} {n}" for n in range(4, 7)})  # a later word of the name
    found = suggest_entities(_index(names), "alp_bet_gam_del")
    assert list(found["id"]) == ["alpha_1", "alpha_2", "alpha_3", "beta_1", "beta_2", "beta_3"]
