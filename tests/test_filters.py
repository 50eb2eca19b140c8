"""Filtering keeps exactly the rows a reader asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from conftest import DATA_DIR, rewrite_csv

from supplychain.data.load import load_dataset
from supplychain.data.schema import fields, free_text_columns, primary_key, shipped_package
from supplychain.rules.filters import (
    MAX_VALUES,
    FilterParam,
    filter_rows,
    filterable_columns,
    search_rows,
    split_values,
    table_filters,
    value_labels,
)


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


def test_a_blank_search_keeps_every_row_even_rows_with_no_text() -> None:
    frame = pd.DataFrame({"id": ["a", "b"], "note": pd.Series(["x", None], dtype=object)})
    assert list(search_rows(frame, "  ")["id"]) == ["a", "b"]


def test_search_reads_typed_and_plain_text_columns_but_not_empty_cells() -> None:
    frame = pd.DataFrame(
        {
            "id": pd.Series(["a", "b", "zz9"], dtype="string"),
            "note": pd.Series(["H20 licence", None, "none"], dtype=object),
            "size": [1.5, 125.0, 2.0],
        }
    )
    assert list(search_rows(frame, " h20 ")["id"]) == ["a"]  # an object column, case and spaces ignored
    assert list(search_rows(frame, "ZZ9")["id"]) == ["zz9"]  # a string-dtype column
    assert search_rows(frame, "1.5").empty  # characters, not a pattern and not numbers: "1.5" is not "125"
    assert search_rows(frame, "licence ").shape[0] == 1


def test_search_characters_are_never_read_as_a_pattern() -> None:
    frame = pd.DataFrame({"id": ["a", "b"], "name": ["Qwen2.5", "Qwen205"]})
    assert list(search_rows(frame, "n2.5")["id"]) == ["a"]
    assert list(search_rows(frame, "(")["id"]) == []


def test_value_filters_offer_short_lists_of_words_and_yes_no_but_not_numbers_or_long_lists(mini_dir: Path) -> None:
    package = json.loads((mini_dir / "datapackage.json").read_text(encoding="utf-8"))
    fields = [
        {"name": "t_id", "type": "string"},
        {"name": "forty", "type": "string", "categorical": True},
        {"name": "forty_one", "type": "string", "categorical": True},
        {"name": "flag", "type": "boolean"},
        {"name": "size", "type": "number"},
        {"name": "blank", "type": "string", "categorical": True},
        {"name": "one", "type": "string", "categorical": True},
    ]
    package["resources"].append({"name": "t", "schema": {"fields": fields, "primaryKey": ["t_id"]}})
    frame = pd.DataFrame(
        {
            "t_id": [f"r{i}" for i in range(41)],
            "forty": [f"v{i % 40}" for i in range(41)],
            "forty_one": [f"v{i}" for i in range(41)],
            "flag": [i % 2 == 0 for i in range(41)],
            "size": [float(i % 3) for i in range(41)],
            "blank": [None] * 41,
            "one": ["same"] * 41,
        }
    )
    assert filterable_columns(package, "t", frame) == ["forty", "flag", "one"]
    assert filterable_columns(package, "t", frame, max_values=41) == ["forty", "forty_one", "flag", "one"]


def test_filter_choices_read_as_names_labels_and_words(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    package, tables = dataset.package, dataset.tables
    assert value_labels(package, tables, "models", "developer_id") == {"acme": "Acme AI", "beta": "Beta Chips"}
    assert value_labels(package, tables, "companies", "kind") == {
        "ai_developer": "AI developer",
        "chip_designer": "Chip designer",
        "government_body": "Government body",
    }
    assert value_labels(package, tables, "companies", "country") == {"CN": "CN", "US": "US"}
    assert value_labels(package, tables, "models", "open_weights") == {"false": "No", "true": "Yes"}
    assert value_labels(package, tables, "claims", "source_id") == {"rep": "Example Times: A report"}
    assert value_labels(package, tables, "relationships", "source_id")["rep"] == "Example Times: A report"


def test_long_source_titles_and_claims_are_cut_with_an_ellipsis(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    tables = dict(dataset.tables)
    tables["sources"] = tables["sources"].assign(title=["T" * 60, "U" * 61])
    tables["claims"] = tables["claims"].assign(text_en=["C" * 71])
    sources = value_labels(dataset.package, tables, "companies", "source_id")
    assert sources == {"rec": "Example Agency: " + "U" * 59 + "…"}
    by_claim = value_labels(dataset.package, tables, "events", "claim_id")
    assert set(by_claim.values()) <= {"C" * 69 + "…"}
    tables["claims"] = tables["claims"].assign(text_en=["C" * 70])
    assert set(value_labels(dataset.package, tables, "events", "claim_id").values()) <= {"C" * 70}


def test_a_code_with_no_label_reads_as_words_but_names_stay_as_written() -> None:
    package = {"resources": [{"name": "t", "schema": {"fields": [{"name": "v", "type": "string"}], "primaryKey": []}}]}
    frame = pd.DataFrame({"v": ["cloud_region_x", "H20 chips", "Qwen"]})
    assert value_labels(package, {"t": frame}, "t", "v") == {
        "H20 chips": "H20 chips",
        "Qwen": "Qwen",
        "cloud_region_x": "Cloud region x",
    }


def test_a_value_filter_on_yes_no_leaves_out_rows_with_no_answer() -> None:
    frame = pd.DataFrame({"id": ["a", "b", "c"], "open": pd.Series([True, None, False], dtype="boolean")})
    assert list(filter_rows(frame, equals={"open": [True]})["id"]) == ["a"]
    assert list(filter_rows(frame, equals={"open": [False, True]})["id"]) == ["a", "c"]


def test_a_blank_search_keeps_a_row_whose_every_text_cell_is_empty() -> None:
    frame = pd.DataFrame({"note": pd.Series(["x", None], dtype=object), "n": [1, 2]})
    assert list(search_rows(frame, "")["n"]) == [1, 2]


def test_a_ties_ends_are_offered_by_name_whatever_kind_of_entity_they_are(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    labels = value_labels(dataset.package, dataset.tables, "relationships", "from_id")
    names = {t: dict(zip(dataset.tables[t].iloc[:, 0], dataset.tables[t]["name"])) for t in ("companies", "policies")}
    assert labels == {"acme": names["companies"]["acme"], "p_one": names["policies"]["p_one"]}
    assert labels["acme"] == "Acme AI"


def test_a_title_of_exactly_sixty_characters_is_shown_whole_and_tie_targets_by_name(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    tables = dict(dataset.tables)
    tables["sources"] = tables["sources"].assign(title=["T" * 60, "U" * 61])
    assert value_labels(dataset.package, tables, "claims", "source_id") == {"rep": "Example Times: " + "T" * 60}
    targets = value_labels(dataset.package, tables, "relationships", "to_id")
    assert targets == {"hub": "Hub City", "k_one": "K1"}


def test_two_choices_that_would_read_the_same_keep_their_ids_apart(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    tables = dict(dataset.tables)
    tables["companies"] = tables["companies"].assign(name=["Same Name", "Same Name", "Agency"])
    labels = value_labels(dataset.package, tables, "models", "developer_id")
    assert labels == {"acme": "Same Name (acme)", "beta": "Same Name (beta)"}
    assert value_labels(dataset.package, tables, "policies", "issuer_id") == {"gov": "Agency"}


def _raw(table: str) -> pd.DataFrame:
    """A shipped table exactly as its CSV writes it (every cell text, empty cells empty): pandas, not our loader."""
    return pd.read_csv(DATA_DIR / f"{table}.csv", dtype=str, keep_default_na=False)


def test_every_filterable_column_of_every_table_keeps_the_rows_pandas_finds_for_one_of_its_values() -> None:
    dataset = load_dataset()
    checked = 0
    for table, frame in dataset.tables.items():
        raw = _raw(table)
        key = primary_key(dataset.package, table)
        for column, param in table_filters(dataset.package, table, frame).items():
            value = raw.loc[raw[column] != "", column].iloc[0]  # the CSV's own spelling: `true`, an id, a code
            assert value in param.values, f"{table}.{column} refuses {value!r}, which its CSV holds"
            view = filter_rows(frame, equals={column: param.typed([value])})
            expected = list(raw.loc[raw[column] == value, key])
            assert list(view[key].astype(str)) == expected, f"{table}.{column}={value}"
            checked += 1
    assert checked > 100


def test_yes_no_filters_take_true_and_false_as_the_csv_writes_them() -> None:
    dataset = load_dataset()
    booleans = [(t, f["name"]) for t in dataset.tables for f in fields(dataset.package, t) if f["type"] == "boolean"]
    assert ("models", "open_weights") in booleans and ("claims", "is_key_finding") in booleans
    for table, column in booleans:
        raw = _raw(table)
        param = table_filters(dataset.package, table, dataset.tables[table])[column]
        assert param.accepts() == "true or false" and param.rejected(["True", "yes", "1"]) == ["True", "yes", "1"]
        for value in ("true", "false"):
            rows = filter_rows(dataset.tables[table], equals={column: param.typed([value])})
            assert len(rows) == (raw[column] == value).sum(), f"{table}.{column}={value}"
        assert len(filter_rows(dataset.tables[table], equals={column: param.typed(["true"])})) > 0


def test_a_ties_from_and_to_are_filters_however_many_entities_they_name() -> None:
    dataset = load_dataset()
    ties = dataset.tables["relationships"]
    params = table_filters(dataset.package, "relationships", ties)
    assert _raw("relationships")["to_id"].nunique() > MAX_VALUES, "the case this guards: more ends than the cap"
    assert set(params["to_id"].values) == set(_raw("relationships")["to_id"])
    assert set(params["from_id"].values) == set(_raw("relationships")["from_id"])
    assert "note" not in params and "relationship_id" not in params


def test_a_refused_filter_value_is_named_with_what_the_filter_takes() -> None:
    param = FilterParam("kind", False, tuple(f"v{i:02}" for i in range(10)))
    assert param.rejected(["v01", "zz"]) == ["zz"] and param.typed(["v01", "zz"]) == ["v01"]
    assert param.accepts() == "one or more of: v00, v01, v02, v03, v04, v05, v06, v07, … (10 values) (comma-separated)"
    assert split_values(["a,b", "c", ""]) == ["a", "b", "c"]


def test_a_refusal_lists_every_value_a_filter_takes_when_there_are_no_more_than_it_shows() -> None:
    eight = FilterParam("kind", False, tuple(f"v{i}" for i in range(8)))
    assert eight.accepts() == "one or more of: v0, v1, v2, v3, v4, v5, v6, v7 (comma-separated)"
    assert eight.accepts(shown=7) == "one or more of: v0, v1, v2, v3, v4, v5, v6, … (8 values) (comma-separated)"
    assert FilterParam("kind", False, ("a",)).accepts() == "one or more of: a (comma-separated)"


def test_each_value_filter_is_named_for_the_column_and_url_parameter_it_reads() -> None:
    dataset = load_dataset()
    for table in ("models", "relationships", "sites"):
        params = table_filters(dataset.package, table, dataset.tables[table])
        assert params and all(param.name == column for column, param in params.items()), table


def test_a_search_reads_dots_and_brackets_as_the_characters_typed() -> None:
    frame = pd.DataFrame({"name": ["H20 (China)", "H200", "A.B", "AxB"]})
    assert search_rows(frame, "(china").index.tolist() == [0]
    assert search_rows(frame, "a.b")["name"].tolist() == ["A.B"]
    assert search_rows(frame, "h20")["name"].tolist() == ["H20 (China)", "H200"]


def test_a_value_holding_a_comma_stays_one_value_in_a_link_while_other_items_split_on_commas() -> None:
    # ?place=Iskandar Puteri, Johor,Singapore: the place the filter offers is kept whole, the rest read as a list.
    place = FilterParam("place", False, ("Iskandar Puteri, Johor", "Johor", "Singapore"))
    chosen = split_values(["Iskandar Puteri, Johor", "Singapore,Johor", ""], whole=place.values)
    assert chosen == ["Iskandar Puteri, Johor", "Singapore", "Johor"]
    assert place.rejected(chosen) == [] and place.typed(chosen) == chosen
