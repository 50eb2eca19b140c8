"""datapackage.json read as the one description of the data: the column words an analyst sees in the data dictionary
and the downloads, and the column roles (keys, references, dates, free text) every check and filter derives."""

from __future__ import annotations

import json
import locale
from pathlib import Path
from typing import Any

import pytest

from supplychain.data.schema import (
    ENTITY_TABLES,
    KIND_TABLES,
    column_help,
    column_labels,
    data_dictionary,
    date_order_rules,
    date_precision_pairs,
    entity_keys,
    entity_reference_columns,
    enum_columns,
    enum_values,
    evidence_by_source_kind,
    fields,
    foreign_keys,
    free_text_columns,
    kind_references,
    primary_key,
    read_package,
    reference_columns,
    resource,
    shipped_package,
    table_names,
)

PACKAGE: dict[str, Any] = {
    "name": "tiny",
    "resources": [
        {
            "name": "companies",
            "schema": {
                "fields": [
                    {"name": "company_id", "type": "string", "title": "Company"},
                    {"name": "name", "type": "string", "description": "What it is called"},
                    {"name": "kind", "type": "string", "constraints": {"required": True, "enum": ["lab", "fab"]}},
                    {"name": "parent_id", "type": "string"},
                    {"name": "sector", "type": "string", "categorical": True},
                    {"name": "code", "type": "string", "constraints": {"pattern": "[A-Z]+"}},
                    {"name": "staff", "type": "integer", "constraints": {"minimum": 0, "maximum": 9}},
                    {"name": "started", "type": "date", "format": "%Y-%m-%d", "precisionField": "precision"},
                    {"name": "ended", "type": "date", "onOrAfter": "started"},
                    {"name": "precision", "type": "string", "constraints": {"enum": ["day", "year"]}},
                ],
                "primaryKey": ["company_id"],
                "foreignKeys": [{"fields": "parent_id", "reference": {"resource": "", "fields": "company_id"}}],
            },
        },
        {
            "name": "links",
            "schema": {
                "fields": [
                    {"name": "link_id", "type": "string", "constraints": {"unique": True}},
                    {"name": "to_id", "type": "string", "kindField": "to_kind"},
                    {"name": "to_kind", "type": "string"},
                    {"name": "owner_id", "type": "string"},
                    {"name": "chip_id", "type": "string"},
                    {"name": "how", "type": "string", "constraints": {"unique": False, "maxLength": 50}},
                ],
                "primaryKey": ["link_id"],
                "foreignKeys": [
                    {"fields": ["owner_id"], "reference": {"resource": "companies", "fields": ["company_id"]}},
                    {"fields": "chip_id", "reference": {"resource": "chips", "fields": "chip_id"}},
                ],
            },
        },
        {
            "name": "sources",
            "schema": {
                "fields": [
                    {"name": "source_id", "type": "string"},
                    {
                        "name": "kind",
                        "type": "string",
                        "evidenceByKind": {"gazette": ["official"], "news": ["press", "estimate"]},
                    },
                ],
                "primaryKey": ["source_id"],
            },
        },
    ],
}


def test_tables_and_their_columns_are_listed_in_the_packages_order() -> None:
    assert table_names(PACKAGE) == ["companies", "links", "sources"]
    assert [f["name"] for f in fields(PACKAGE, "sources")] == ["source_id", "kind"]
    assert resource(PACKAGE, "links")["name"] == "links"
    assert primary_key(PACKAGE, "links") == "link_id"


def test_a_table_the_package_does_not_list_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError) as error:
        resource(PACKAGE, "nowhere")
    assert error.value.args == ("nowhere",)


def test_a_column_reads_as_its_title_or_its_name_and_its_help_as_its_description_or_nothing() -> None:
    labels = column_labels(PACKAGE, "companies")
    assert labels["company_id"] == "Company" and labels["name"] == "name"
    assert list(labels) == [f["name"] for f in fields(PACKAGE, "companies")]
    help_text = column_help(PACKAGE, "companies")
    assert help_text["name"] == "What it is called" and help_text["kind"] == ""


def test_an_enum_columns_values_are_listed_and_a_column_without_one_has_none() -> None:
    assert enum_values(PACKAGE, "companies", "kind") == ["lab", "fab"]
    assert enum_values(PACKAGE, "companies", "name") == []
    assert enum_values(PACKAGE, "companies", "code") == []
    with pytest.raises(KeyError) as error:
        enum_values(PACKAGE, "companies", "nothing")
    assert error.value.args == ("companies.nothing",)
    assert enum_columns(PACKAGE, "companies") == ["kind", "precision"]


def test_references_name_their_table_and_an_empty_resource_means_the_table_itself() -> None:
    assert reference_columns(PACKAGE, "companies") == {"parent_id": "companies"}
    assert reference_columns(PACKAGE, "links") == {"owner_id": "companies", "chip_id": "chips"}
    assert reference_columns(PACKAGE, "sources") == {}
    assert foreign_keys(PACKAGE, "companies") == [("parent_id", "companies", "company_id")]
    assert foreign_keys(PACKAGE, "links") == [("owner_id", "companies", "company_id"), ("chip_id", "chips", "chip_id")]
    assert foreign_keys(PACKAGE, "sources") == []


def test_a_reference_of_several_columns_names_each_of_them() -> None:
    package = {
        "resources": [
            {
                "name": "pairs",
                "schema": {
                    "fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}],
                    "primaryKey": ["a"],
                    "foreignKeys": [{"fields": ["a", "b"], "reference": {"resource": "", "fields": ["x", "y"]}}],
                },
            }
        ]
    }
    assert reference_columns(package, "pairs") == {"a": "pairs", "b": "pairs"}
    assert foreign_keys(package, "pairs") == [("a", "pairs", "x")]


def test_only_references_into_an_entity_table_name_an_entity_in_column_order() -> None:
    assert entity_reference_columns(PACKAGE, "links") == ["owner_id", "chip_id"]
    assert entity_reference_columns(PACKAGE, "companies") == ["parent_id"]
    package = json.loads(json.dumps(PACKAGE))
    package["resources"][1]["schema"]["foreignKeys"][1]["reference"]["resource"] = "sources"
    assert entity_reference_columns(package, "links") == ["owner_id"]


def test_date_precision_order_and_kind_rules_come_from_the_fields_properties() -> None:
    assert date_precision_pairs(PACKAGE, "companies") == [("started", "precision")]
    assert date_order_rules(PACKAGE, "companies") == [("ended", "started")]
    assert kind_references(PACKAGE, "links") == [("to_id", "to_kind")]
    assert date_precision_pairs(PACKAGE, "links") == []
    assert date_order_rules(PACKAGE, "links") == [] and kind_references(PACKAGE, "companies") == []


def test_free_text_is_every_string_column_not_bounded_keyed_referenced_typed_by_kind_or_categorical() -> None:
    assert free_text_columns(PACKAGE, "companies") == ["name"]
    # to_id is typed by a kindField, owner_id and chip_id are references, link_id the key; `how` has only a length.
    assert free_text_columns(PACKAGE, "links") == ["to_kind", "how"]


def test_each_kind_of_source_allows_its_evidence_labels() -> None:
    assert evidence_by_source_kind(PACKAGE) == {"gazette": {"official"}, "news": {"press", "estimate"}}


def test_the_data_dictionary_has_one_row_per_column_with_its_label_type_key_and_constraints_in_words() -> None:
    dictionary = data_dictionary(PACKAGE)
    assert list(dictionary.columns) == [
        "table",
        "column",
        "label",
        "type",
        "required",
        "key",
        "constraints",
        "description",
    ]
    assert len(dictionary) == 18
    rows = {(r["table"], r["column"]): r for r in dictionary.to_dict("records")}
    assert rows["companies", "company_id"] == {
        "table": "companies",
        "column": "company_id",
        "label": "Company",
        "type": "string",
        "required": True,
        "key": "primary",
        "constraints": "",
        "description": "",
    }
    assert rows["companies", "name"]["label"] == "name"
    assert rows["companies", "name"]["description"] == "What it is called"
    assert (rows["companies", "name"]["required"], rows["companies", "name"]["key"]) == (False, "")
    assert rows["companies", "kind"]["required"] is True
    assert rows["companies", "kind"]["constraints"] == "one of: lab, fab"
    assert rows["companies", "staff"]["constraints"] == "minimum 0; maximum 9"
    assert rows["companies", "started"]["type"] == "date (%Y-%m-%d)"
    assert rows["companies", "ended"]["type"] == "date"
    assert rows["links", "link_id"]["constraints"] == "unique"
    assert rows["links", "how"]["constraints"] == "unique False; maxLength 50"
    assert rows["companies", "code"]["constraints"] == "pattern [A-Z]+"


def test_a_required_constraint_set_to_false_leaves_the_column_optional() -> None:
    package = {
        "resources": [
            {
                "name": "t",
                "schema": {
                    "fields": [
                        {"name": "id", "type": "string"},
                        {"name": "opt", "type": "string", "constraints": {"required": False}},
                    ]
                },
            }
        ]
    }
    dictionary = data_dictionary(package)
    assert dictionary["required"].tolist() == [False, False]
    assert dictionary["key"].tolist() == ["", ""]
    assert dictionary["constraints"].tolist() == ["", ""]


def test_the_shipped_entity_tables_map_to_their_kinds_and_keys_both_ways() -> None:
    assert KIND_TABLES == {kind: table for table, kind in ENTITY_TABLES.items()}
    assert KIND_TABLES["chip"] == "chips" and ENTITY_TABLES["policies"] == "policy"
    assert entity_keys() == entity_keys(shipped_package())
    assert entity_keys()["locations"] == "location_id"


def test_the_entity_keys_of_a_package_given_are_its_own_not_the_shipped_ones() -> None:
    package = {
        "resources": [
            {
                "name": table,
                "schema": {"fields": [{"name": f"{kind}_key", "type": "string"}], "primaryKey": [f"{kind}_key"]},
            }
            for table, kind in ENTITY_TABLES.items()
        ]
    }
    assert entity_keys(package) == {table: f"{kind}_key" for table, kind in ENTITY_TABLES.items()}


def test_a_package_with_accents_is_read_as_utf8_whatever_the_machines_locale(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_text(json.dumps({"title": "Łańcuch"}, ensure_ascii=False), encoding="utf-8")
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        assert locale.getpreferredencoding(False) != "UTF-8"
        package = read_package(tmp_path)
    finally:
        locale.setlocale(locale.LC_CTYPE, before)
    assert package == {"title": "Łańcuch"}


def test_the_shipped_package_is_read_once_and_is_the_data_folders_own() -> None:
    assert shipped_package() is shipped_package()
    assert shipped_package() == read_package(Path(__file__).resolve().parent.parent / "data")


def test_a_package_whose_source_kinds_state_no_evidence_rule_allows_nothing_by_kind() -> None:
    package = json.loads(json.dumps(PACKAGE))
    package["resources"][2]["schema"]["fields"][1].pop("evidenceByKind")
    assert evidence_by_source_kind(package) == {}


def test_a_table_without_a_primary_key_has_its_free_text_found_all_the_same() -> None:
    package = {"resources": [{"name": "notes", "schema": {"fields": [{"name": "text", "type": "string"}]}}]}
    assert free_text_columns(package, "notes") == ["text"]
