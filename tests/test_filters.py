"""Filtering keeps exactly the rows a reader asked for."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import rewrite_csv

from supplychain.filters import filter_rows, filterable_columns, search_rows
from supplychain.load import load_dataset
from supplychain.schema import free_text_columns, shipped_package


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


def _add_models_column(data_dir: Path, field: dict, values: list[str]) -> None:
    """Add a column to models.csv and its field to the copied datapackage.json (what a curator would do)."""
    package_file = data_dir / "datapackage.json"
    package = json.loads(package_file.read_text(encoding="utf-8"))
    next(r for r in package["resources"] if r["name"] == "models")["schema"]["fields"].append(field)
    package_file.write_text(json.dumps(package), encoding="utf-8")

    def change(header: list[str], rows: list[dict]) -> list[str]:
        for row, value in zip(rows, values):
            row[field["name"]] = value
        return [*header, field["name"]]

    rewrite_csv(data_dir / "models.csv", change)


def test_a_new_prose_column_in_the_schema_is_searched_but_never_offered_as_a_value_filter(mini_dir: Path) -> None:
    field = {"name": "remark", "title": "Remark", "type": "string", "description": "A curator's remark."}
    _add_models_column(mini_dir, field, ["Seen at a trade fair", "Seen at a trade fair", "Quiet launch"])
    dataset = load_dataset(mini_dir)
    models = dataset.tables["models"]
    assert "remark" not in filterable_columns(dataset.package, "models", models)
    assert list(search_rows(models, "quiet LAUNCH")["model_id"]) == ["m_three"]


def test_a_column_the_schema_marks_categorical_is_offered_as_a_value_filter(mini_dir: Path) -> None:
    field = {"name": "lab", "title": "Lab", "type": "string", "categorical": True}
    _add_models_column(mini_dir, field, ["Lab A", "Lab A", "Lab B"])
    dataset = load_dataset(mini_dir)
    assert "lab" in filterable_columns(dataset.package, "models", dataset.tables["models"])


def test_the_shipped_schema_reads_prose_as_free_text_and_short_lists_as_filters() -> None:
    package = shipped_package()
    assert free_text_columns(package, "sources") == ["title", "url", "licence", "note"]
    assert free_text_columns(package, "claims") == ["quote_pl", "text_en", "attribution", "note"]
    assert free_text_columns(package, "companies") == ["name", "name_zh", "aliases", "role", "website", "note"]
    assert free_text_columns(package, "events") == ["title", "description", "note"]
    assert free_text_columns(package, "standing_links") == ["how"]
    # a publisher, an architecture, where a model was trained: names repeated across rows, so filters
    assert "publisher" not in free_text_columns(package, "sources")
    assert "architecture" not in free_text_columns(package, "chips")
    assert "training_location" not in free_text_columns(package, "models")
