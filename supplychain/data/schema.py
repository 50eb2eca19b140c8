"""The data package description (data/datapackage.json): the one place tables and columns are defined."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

PACKAGE_FILE = "datapackage.json"
SHIPPED_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
NAME_COLUMN = "name"  # every entity table names its rows in this column

# Entity tables and the kind name each row has elsewhere (relationships.from_kind, /entity links).
ENTITY_TABLES: dict[str, str] = {
    "companies": "company",
    "models": "model",
    "chips": "chip",
    "locations": "location",
    "policies": "policy",
}
KIND_TABLES: dict[str, str] = {kind: table for table, kind in ENTITY_TABLES.items()}


def read_package(data_dir: Path) -> dict[str, Any]:
    """Read datapackage.json as a plain dict."""
    return json.loads((Path(data_dir) / PACKAGE_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def shipped_package() -> dict[str, Any]:
    """The shipped data/datapackage.json: the schema code derives its column knowledge from."""
    return read_package(SHIPPED_DATA_DIR)


def entity_keys(package: dict[str, Any] | None = None) -> dict[str, str]:
    """Entity table -> its primary-key column (companies -> company_id), from the package's primaryKey."""
    package = package or shipped_package()
    return {table: primary_key(package, table) for table in ENTITY_TABLES}


def resource(package: dict[str, Any], table: str) -> dict[str, Any]:
    """The resource entry for one table; KeyError if the package has no such table."""
    for res in package["resources"]:
        if res["name"] == table:
            return res
    raise KeyError(table)


def table_names(package: dict[str, Any]) -> list[str]:
    """Table names in the order the package lists them."""
    return [res["name"] for res in package["resources"]]


def fields(package: dict[str, Any], table: str) -> list[dict[str, Any]]:
    """The Table Schema fields of one table, in column order."""
    return resource(package, table)["schema"]["fields"]


def primary_key(package: dict[str, Any], table: str) -> str:
    """The single-column primary key of a table (every table here has one)."""
    return resource(package, table)["schema"]["primaryKey"][0]


def column_labels(package: dict[str, Any], table: str) -> dict[str, str]:
    """Map column name -> readable label (the field's title, or its name when it has none)."""
    return {f["name"]: f.get("title", f["name"]) for f in fields(package, table)}


def column_help(package: dict[str, Any], table: str) -> dict[str, str]:
    """Map column name -> description, for tooltips."""
    return {f["name"]: f.get("description", "") for f in fields(package, table)}


def enum_values(package: dict[str, Any], table: str, column: str) -> list[str]:
    """Allowed values of an enum column, or [] when the column has no enum."""
    for f in fields(package, table):
        if f["name"] == column:
            return list(f.get("constraints", {}).get("enum", []))
    raise KeyError(f"{table}.{column}")


def reference_columns(package: dict[str, Any], table: str) -> dict[str, str]:
    """Column -> the table it references, from the table's foreignKeys (an empty resource means the table itself)."""
    out: dict[str, str] = {}
    for fk in resource(package, table)["schema"].get("foreignKeys", []):
        columns = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        for column in columns:
            out[column] = fk["reference"]["resource"] or table
    return out


def entity_reference_columns(package: dict[str, Any], table: str) -> list[str]:
    """The columns of `table` that name an entity (a foreign key into one of ENTITY_TABLES), in column order."""
    refs = reference_columns(package, table)
    return [f["name"] for f in fields(package, table) if refs.get(f["name"]) in ENTITY_TABLES]


def enum_columns(package: dict[str, Any], table: str) -> list[str]:
    """The columns of `table` whose values come from a fixed list (an enum constraint), in column order."""
    return [f["name"] for f in fields(package, table) if f.get("constraints", {}).get("enum")]


def _describe_constraints(constraints: dict[str, Any]) -> str:
    parts = []
    for key, value in constraints.items():
        if key == "required":
            continue
        if key == "enum":
            parts.append("one of: " + ", ".join(map(str, value)))
        elif key == "unique" and value:
            parts.append("unique")
        else:
            parts.append(f"{key} {value}")
    return "; ".join(parts)


def data_dictionary(package: dict[str, Any]) -> pd.DataFrame:
    """One row per column of every table: label, type, required, constraints, description.

    Generated from datapackage.json so the dictionary can never drift from the schema.
    """
    rows = []
    for res in package["resources"]:
        keys = set(res["schema"].get("primaryKey", []))
        for f in res["schema"]["fields"]:
            constraints = f.get("constraints", {})
            rows.append(
                {
                    "table": res["name"],
                    "column": f["name"],
                    "label": f.get("title", f["name"]),
                    "type": f["type"] + (f" ({f['format']})" if f.get("format") else ""),
                    "required": bool(constraints.get("required", False)) or f["name"] in keys,
                    "key": "primary" if f["name"] in keys else "",
                    "constraints": _describe_constraints(constraints),
                    "description": f.get("description", ""),
                }
            )
    return pd.DataFrame(rows)


# Custom field properties this package adds to Table Schema (read by validate.py and the dates code):
#   precisionField: on a date field, the field saying how much of that date is known (day/month/year);
#   onOrAfter:      on a date field, the field of the same row it may not precede (an end and its start);
#   kindField:      on an id field, the field naming which entity table the id belongs to (company, chip...);
#   categorical:    on a string field without an enum, true when its values are a short repeated list (see
#                   free_text_columns). datapackage.json's `fieldProperties` describes all four for curators.
def date_precision_pairs(package: dict[str, Any], table: str) -> list[tuple[str, str]]:
    """(date column, precision column) pairs of one table, from the fields' `precisionField`."""
    return [(f["name"], f["precisionField"]) for f in fields(package, table) if f.get("precisionField")]


def date_order_rules(package: dict[str, Any], table: str) -> list[tuple[str, str]]:
    """(later column, earlier column) pairs of one table, from the fields' `onOrAfter`: an end never precedes its
    start."""
    return [(f["name"], f["onOrAfter"]) for f in fields(package, table) if f.get("onOrAfter")]


def kind_references(package: dict[str, Any], table: str) -> list[tuple[str, str]]:
    """(id column, kind column) pairs of one table, from the fields' `kindField` (e.g. relationships.to_id, to_kind)."""
    return [(f["name"], f["kindField"]) for f in fields(package, table) if f.get("kindField")]


def foreign_keys(package: dict[str, Any], table: str) -> list[tuple[str, str, str]]:
    """(column, referenced table, referenced column) for each single-column foreign key; "" means the same table."""
    out = []
    for fk in resource(package, table)["schema"].get("foreignKeys", []):
        ref = fk["reference"]
        out.append((_one(fk["fields"]), ref.get("resource") or table, _one(ref["fields"])))
    return out


def _one(names: str | list[str]) -> str:
    return names if isinstance(names, str) else names[0]


def free_text_columns(package: dict[str, Any], table: str) -> list[str]:
    """String columns that hold prose or one-off text, in column order: searched, never offered as value filters.

    The rule (written down in datapackage.json's `fieldProperties.categorical`): a string column is free text
    unless its values are bounded by the schema (an enum or a pattern), it is a primary or foreign key or an
    id typed by a `kindField`, or the field says `"categorical": true`. So a new prose column needs no code.
    """
    refs = {column for column, _, _ in foreign_keys(package, table)} | {
        column for column, _ in kind_references(package, table)
    }
    keys = set(resource(package, table)["schema"].get("primaryKey", []))
    return [
        f["name"]
        for f in fields(package, table)
        if f["type"] == "string"
        and not f.get("categorical")
        and not ({"enum", "pattern"} & set(f.get("constraints", {})))
        and f["name"] not in refs | keys
    ]


def evidence_by_source_kind(package: dict[str, Any]) -> dict[str, set[str]]:
    """Source kind -> the evidence labels a row citing such a source may carry (sources.kind `evidenceByKind`)."""
    kind = next(f for f in fields(package, "sources") if f["name"] == "kind")
    return {name: set(labels) for name, labels in kind.get("evidenceByKind", {}).items()}
