"""Filtering keeps exactly the rows a reader asked for."""

from __future__ import annotations

from pathlib import Path

from supplychain.filters import filter_rows, filterable_columns, search_rows
from supplychain.load import load_dataset


def test_filter_to_one_developer_keeps_only_its_models(mini_dir: Path) -> None:
    models = load_dataset(mini_dir).tables["models"]
    view = filter_rows(models, equals={"developer_id": ["acme"]})
    assert list(view["model_id"]) == ["m_one", "m_three"]


def test_empty_selection_means_no_filter(mini_dir: Path) -> None:
    models = load_dataset(mini_dir).tables["models"]
    assert len(filter_rows(models, equals={"developer_id": []})) == 3


def test_search_ignores_case_and_finds_text_in_any_column(mini_dir: Path) -> None:
    models = load_dataset(mini_dir).tables["models"]
    assert list(search_rows(models, "APACHE")["model_id"]) == ["m_one"]
    assert search_rows(models, "no such words").empty


def test_search_and_filter_combine(mini_dir: Path) -> None:
    models = load_dataset(mini_dir).tables["models"]
    assert list(filter_rows(models, search="model", equals={"family": ["Qwen"]})["model_id"]) == ["m_one", "m_two"]


def test_filterable_columns_skip_ids_and_free_text(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    columns = filterable_columns(dataset.package, "models", dataset.tables["models"])
    assert "developer_id" in columns and "family" in columns
    assert "model_id" not in columns and "note" not in columns and "name" not in columns
