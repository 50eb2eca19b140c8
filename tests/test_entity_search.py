"""Finding an entity by what a reader types: names, aliases, Chinese names, and the short labels charts show."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA_DIR

from supplychain.data.entities import (
    INDEX_COLUMNS,
    build_entity_index,
    entity_id_columns,
    entity_record,
    find_entities,
    short_label,
    split_aliases,
)
from supplychain.data.load import load_dataset

DATASET = load_dataset(DATA_DIR)


@pytest.fixture(scope="module")
def index() -> pd.DataFrame:
    assert DATASET.ok
    return build_entity_index(DATASET.tables)


def aliases_of(index: pd.DataFrame, entity_id: str) -> list[str]:
    return list(index.set_index("id").loc[entity_id, "aliases"])


def test_an_alias_no_name_contains_finds_its_entity_and_says_which_alias_matched(index) -> None:
    found = find_entities(index, "aliyun")
    assert (found.iloc[0]["id"], found.iloc[0]["rank"], found.iloc[0]["matched"]) == ("alibaba_cloud", 1, "Aliyun")
    found = find_entities(index, "Qwen-7B")  # one of several aliases in a cell, separated by semicolons
    assert (found.iloc[0]["id"], found.iloc[0]["rank"], found.iloc[0]["matched"]) == ("qwen", 1, "Qwen-7B")


def test_an_alias_prefix_finds_its_entity_and_names_the_alias(index) -> None:
    found = find_entities(index, "facebo")
    assert (found.iloc[0]["id"], found.iloc[0]["rank"], found.iloc[0]["matched"]) == ("meta", 3, "Facebook")


def test_a_companys_chinese_name_finds_it_and_a_company_without_one_gets_no_stray_alias(index) -> None:
    assert find_entities(index, "英伟达").iloc[0]["id"] == "nvidia"
    assert aliases_of(index, "nvidia") == ["英伟达", "NVIDIA Corporation"]
    assert aliases_of(index, "openai") == ["OpenAI, Inc."]


def test_aliases_are_split_at_semicolons_and_trimmed() -> None:
    assert split_aliases(" Tongyi Qianwen; 通义千问 ;;Qwen-7B ") == ["Tongyi Qianwen", "通义千问", "Qwen-7B"]
    assert split_aliases(None) == [] and split_aliases(float("nan")) == []
    assert split_aliases("One name") == ["One name"]


def test_a_chart_label_drops_a_trailing_parenthesis_and_cuts_long_names_with_an_ellipsis() -> None:
    assert short_label("Nvidia B30A (reported, not announced)") == "Nvidia B30A"
    assert short_label("(unnamed)") == "(unnamed)", "a name that is only a parenthesis stays whole"
    assert short_label("x" * 30) == "x" * 30, "a name of exactly the limit stays whole"
    cut = short_label("Ministry of Industry and Information Technology")
    assert cut == "Ministry of Industry and Info…" and len(cut) == 30
    assert short_label("abcd efgh", limit=6) == "abcd…", "no space before the ellipsis"


def test_an_index_names_a_row_without_a_name_by_its_id_and_labels_it() -> None:
    tables = {"companies": pd.DataFrame({"company_id": ["acme"], "name": [None], "aliases": [None]})}
    row = build_entity_index(tables).iloc[0]
    assert (row["id"], row["name"], row["label"], row["aliases"]) == ("acme", "acme", "acme", [])


def test_an_empty_index_keeps_its_columns() -> None:
    assert list(build_entity_index({})) == INDEX_COLUMNS
    empty = find_entities(build_entity_index({}), "qwen")
    assert empty.empty and {"id", "name", "rank", "matched"} <= set(empty.columns)


def test_a_profile_reads_the_row_of_its_own_entity(index) -> None:
    table, row = entity_record(DATASET.tables, index, "h20")
    assert (table, row["chip_id"], row["name"]) == ("chips", "h20", "Nvidia H20")
    assert entity_record(DATASET.tables, index, "no_such_id") is None


def test_tables_without_links_to_entities_have_no_linked_columns() -> None:
    package = DATASET.package
    assert entity_id_columns(package, "releases") == []
    assert entity_id_columns(package, "translations") == []
    assert entity_id_columns(package, "relationships") == ["from_id", "to_id"]
    assert entity_id_columns(package, "chips")[0] == "chip_id"
