"""The relationship graph built from a tiny hand-made world: what each tie carries, which way it points, what is
left out, and the GraphML download's bytes (pure functions; expected values typed by hand)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from supplychain.data.entities import build_entity_index
from supplychain.i18n import set_language
from supplychain.rules.graph import EDGE_COLUMNS, build_graph, edge_frame, filter_graph, graphml_bytes


def _companies() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "company_id": "acme",
                "name": "Acme AI",
                "hq_location_id": "hz",
                "parent_id": "group",
                "evidence": "official",
                "source_id": "acme_filing",
                "claim_id": pd.NA,
            },
            {
                "company_id": "group",
                "name": "Acme Group",
                "hq_location_id": pd.NA,
                "parent_id": pd.NA,
                "evidence": "press",
                "source_id": "news",
                "claim_id": "c_group",
            },
        ]
    )


def _world() -> dict[str, pd.DataFrame]:
    """Two companies (Acme AI in Hangzhou, a subsidiary of Acme Group), a model each of them or nobody develops,
    and two stated ties, one of them naming an entity the data does not hold. No chips, no policies."""
    models = pd.DataFrame(
        [
            {
                "model_id": "m1",
                "name": "Model One",
                "developer_id": "acme",
                "release_date": pd.Timestamp("2024-03-01"),
                "release_precision": "month",
                "evidence": "press",
                "source_id": "launch",
                "claim_id": "c_launch",
            },
            {
                "model_id": "m2",
                "name": "Model Two",
                "developer_id": "ghost",  # names no entity (the loader's checks normally prevent it)
                "release_date": pd.NaT,
                "release_precision": pd.NA,
                "evidence": "press",
                "source_id": "launch",
                "claim_id": pd.NA,
            },
        ]
    )
    relationships = pd.DataFrame(
        [
            {
                "relationship_id": "r1",
                "from_kind": "company",
                "from_id": "group",
                "relation": "invests_in",
                "to_kind": "company",
                "to_id": "acme",
                "start_date": pd.Timestamp("2023-01-01"),
                "start_precision": "year",
                "end_date": pd.Timestamp("2025-06-30"),
                "end_precision": "day",
                "description": "Acme Group funds Acme AI",
                "evidence": "press",
                "source_id": "news",
                "claim_id": "c_funds",
                "note": "Amount not disclosed",
            },
            {
                "relationship_id": "r0",
                "from_kind": "company",
                "from_id": "ghost",
                "relation": "supplies",
                "to_kind": "company",
                "to_id": "acme",
                "start_date": pd.NaT,
                "start_precision": pd.NA,
                "end_date": pd.NaT,
                "end_precision": pd.NA,
                "description": "A supplier the data does not hold",
                "evidence": "press",
                "source_id": "news",
                "claim_id": pd.NA,
                "note": pd.NA,
            },
        ]
    )
    locations = pd.DataFrame([{"location_id": "hz", "name": "Hangzhou"}])
    return {"companies": _companies(), "locations": locations, "models": models, "relationships": relationships}


def _graph(tables: dict[str, pd.DataFrame]):
    return build_graph(tables, build_entity_index(tables))


def test_a_stated_tie_keeps_every_field_of_its_row_in_the_ties_table() -> None:
    edges = edge_frame(_graph(_world())).set_index("relationship_id", drop=False)
    assert list(edges.columns) == EDGE_COLUMNS
    row = edges.loc["r1"].to_dict()
    assert row == {
        "relationship_id": "r1",
        "from_id": "group",
        "from_name": "Acme Group",
        "from_kind": "company",
        "relation": "invests_in",
        "to_id": "acme",
        "to_name": "Acme AI",
        "to_kind": "company",
        "start_date": pd.Timestamp("2023-01-01"),
        "start_precision": "year",
        "end_date": pd.Timestamp("2025-06-30"),
        "end_precision": "day",
        "description": "Acme Group funds Acme AI",
        "evidence": "press",
        "source_id": "news",
        "claim_id": "c_funds",
        "note": "Amount not disclosed",
        "origin": "relationships.csv",
    }


def test_ties_implied_by_a_row_point_from_developer_to_model_and_from_a_company_to_its_place_and_parent() -> None:
    edges = edge_frame(_graph(_world()))
    implied = edges[edges["origin"] != "relationships.csv"]
    assert [tuple(r) for r in implied[["relationship_id", "from_id", "relation", "to_id"]].itertuples(index=False)] == [
        ("companies:acme:hq_location_id", "acme", "headquartered_in", "hz"),
        ("companies:acme:parent_id", "acme", "subsidiary_of", "group"),
        ("models:m1:developer_id", "acme", "develops", "m1"),
    ]
    rows = implied.set_index("relationship_id", drop=False)
    assert rows.loc["models:m1:developer_id"].to_dict() == {
        "relationship_id": "models:m1:developer_id",
        "from_id": "acme",
        "from_name": "Acme AI",
        "from_kind": "company",
        "relation": "develops",
        "to_id": "m1",
        "to_name": "Model One",
        "to_kind": "model",
        "start_date": pd.Timestamp("2024-03-01"),  # the model's release, at its precision
        "start_precision": "month",
        "end_date": pd.NaT,
        "end_precision": "",
        "description": "Acme AI develops Model One (recorded in models.csv, column developer_id)",
        "evidence": "press",  # the row's own evidence, source and claim
        "source_id": "launch",
        "claim_id": "c_launch",
        "note": "",
        "origin": "models.csv",
    }
    place = rows.loc["companies:acme:hq_location_id"]
    assert pd.isna(place["start_date"]) and (place["start_precision"], place["end_precision"]) == ("", "")
    assert (
        place["description"] == "Acme AI headquartered in Hangzhou (recorded in companies.csv, column hq_location_id)"
    )
    assert (place["evidence"], place["source_id"], place["claim_id"], place["note"], place["origin"]) == (
        "official",
        "acme_filing",
        "",
        "",
        "companies.csv",
    )


def test_a_tie_stated_in_relationships_is_drawn_once_as_stated_and_the_tables_later_rows_still_give_theirs() -> None:
    tables = _world()
    stated = (
        tables["relationships"]
        .iloc[[0]]
        .assign(relationship_id="r_dev", from_id="acme", relation="develops", to_kind="model", to_id="m1")
    )
    later = tables["models"].iloc[[0]].assign(model_id="m3", name="Model Three", developer_id="group")
    tables["relationships"] = pd.concat([tables["relationships"], stated], ignore_index=True)
    tables["models"] = pd.concat([tables["models"], later], ignore_index=True)
    edges = edge_frame(_graph(tables))
    develops = edges[edges["relation"] == "develops"]
    assert develops[["relationship_id", "from_id", "to_id"]].values.tolist() == [
        ["models:m3:developer_id", "group", "m3"],
        ["r_dev", "acme", "m1"],
    ], "acme develops m1 once, as relationships.csv states it; group's m3 still has its tie"


def test_a_polish_reader_reads_an_implied_ties_description_in_polish() -> None:
    set_language("pl")
    try:
        edges = edge_frame(_graph(_world())).set_index("relationship_id")
    finally:
        set_language("en")
    assert edges.at["companies:acme:hq_location_id", "description"] == (
        "Acme AI ma siedzibę w Hangzhou (zapisano w companies.csv, kolumna hq_location_id)"
    )


def test_a_tie_or_a_reference_naming_no_entity_is_left_out_and_the_rest_is_drawn() -> None:
    graph = _graph(_world())
    assert "ghost" not in graph, "no dot for an id the data does not hold"
    assert sorted(edge_frame(graph)["relationship_id"]) == [
        "companies:acme:hq_location_id",
        "companies:acme:parent_id",
        "models:m1:developer_id",
        "r1",
    ]


def test_a_package_without_a_relationships_table_or_some_entity_tables_still_gives_the_ties_its_rows_imply() -> None:
    tables = {"companies": _companies(), "locations": pd.DataFrame([{"location_id": "hz", "name": "Hangzhou"}])}
    assert sorted(edge_frame(_graph(tables))["relationship_id"]) == [
        "companies:acme:hq_location_id",
        "companies:acme:parent_id",
    ]
    older = {"companies": _companies().drop(columns=["parent_id"]), "locations": tables["locations"]}
    assert sorted(edge_frame(_graph(older))["relationship_id"]) == ["companies:acme:hq_location_id"]


def test_a_tie_with_an_end_precision_but_no_end_date_stays_open_in_every_date_window() -> None:
    # A curator filled in "year" for a tie whose end is not known: the tie has no end, it is not cut anywhere.
    tables = _world()
    tables["relationships"].loc[0, ["end_date", "end_precision"]] = [pd.NaT, "year"]
    graph = _graph(tables)
    for since, until in [(date(2030, 1, 1), date(2030, 12, 31)), (date(2023, 6, 1), date(2023, 6, 30))]:
        kept = filter_graph(graph, since=since, until=until)
        assert kept.has_edge("group", "acme", key="r1"), (since, until)


def test_the_graphml_download_declares_utf8_as_written_and_lists_ties_by_id_so_releases_diff_cleanly() -> None:
    text = graphml_bytes(_graph(_world())).decode("utf-8")
    assert text.splitlines()[0] == "<?xml version='1.0' encoding='utf-8'?>"
    assert re.findall(r'<edge [^>]*id="([^"]+)"', text) == [
        "companies:acme:hq_location_id",
        "companies:acme:parent_id",
        "models:m1:developer_id",
        "r1",
    ], "the order of the ties table, not of the entities at their ends"
    fields = [re.findall(r'<data key="(d\d+)"', edge) for edge in re.findall(r"<edge .*?</edge>", text, re.S)]
    assert len(fields) == 4 and all(f == fields[-1] for f in fields), "every tie carries every field, a blank empty"
    assert len(fields[-1]) == len(EDGE_COLUMNS) - 6, "all but the ends' ids, names and kinds, written as the edge's"


@pytest.mark.parametrize("precision", ["day", "month"])
def test_a_tie_that_ended_is_cut_from_a_window_after_its_end(precision: str) -> None:
    tables = _world()
    tables["relationships"].loc[0, "end_precision"] = precision
    graph = _graph(tables)
    assert not filter_graph(graph, since=date(2025, 7, 1), until=date(2025, 12, 31)).has_edge("group", "acme", "r1")
