"""Our own words in the data, in the reader's language: data/translations.csv applied to tables and the package.

translations.csv holds, per (table, column, row_id, part), the English text as it stands in the table (`en`) and
its Polish version (`pl`). `part` is `value` for a cell (row_id is the row's primary key), `title` or
`description` for the column's own entry in the data dictionary (row_id empty), or `resource_title` /
`resource_description` for the table's (column empty). A translation whose `en` no longer matches the table
is stale and is not used: the reader then sees the English, never a Polish text of an older fact.
Names of companies, models, places and rules, quotes, sources and notes are not translated.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from supplychain.i18n import DEFAULT_LANGUAGE, LANGUAGES, current_language

TABLE = "translations"
PARTS = ("value", "title", "description", "resource_title", "resource_description")


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _rows(translations: pd.DataFrame | None, language: str) -> list[dict[str, str]]:
    if translations is None or translations.empty or language not in translations.columns:
        return []
    return [{str(k): _text(v) for k, v in row.items()} for row in translations.to_dict("records")]


def primary_key(package: dict[str, Any], table: str) -> str | None:
    """The single-column primary key of `table` in datapackage.json (None for none or a composite key)."""
    for resource in package.get("resources", []):
        if resource.get("name") == table:
            key = resource.get("schema", {}).get("primaryKey")
            key = [key] if isinstance(key, str) else key
            return key[0] if key and len(key) == 1 else None
    return None


def localize_tables(tables: dict[str, pd.DataFrame], package: dict[str, Any], language: str) -> dict[str, pd.DataFrame]:
    """The tables with every translated cell in `language` (copies of the tables that change; others shared)."""
    rows = [r for r in _rows(tables.get(TABLE), language) if r["part"] == "value" and r[language]]
    if language == DEFAULT_LANGUAGE or not rows:
        return tables
    wanted: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    for r in rows:
        wanted.setdefault((r["table"], r["column"]), {})[r["row_id"]] = (r["en"], r[language])
    out = dict(tables)
    for (table, column), by_id in wanted.items():
        key = primary_key(package, table)
        if table not in out or key is None or column not in out[table].columns:
            continue
        frame = out[table].copy() if out[table] is tables[table] else out[table]
        frame[column] = [
            by_id[str(k)][1] if str(k) in by_id and by_id[str(k)][0] == _text(v) else v
            for k, v in zip(frame[key], frame[column])
        ]
        out[table] = frame
    return out


def localize_package(package: dict[str, Any], translations: pd.DataFrame | None, language: str) -> dict[str, Any]:
    """datapackage.json with table and column titles and descriptions in `language` (a copy; the original stays)."""
    rows = [r for r in _rows(translations, language) if r["part"] != "value" and r[language]]
    if language == DEFAULT_LANGUAGE or not rows:
        return package
    found = {(r["table"], r["column"], r["part"]): (r["en"], r[language]) for r in rows}
    out = copy.deepcopy(package)
    for resource in out.get("resources", []):
        name = resource.get("name")
        for part, attr in (("resource_title", "title"), ("resource_description", "description")):
            hit = found.get((name, "", part))
            if hit and hit[0] == _text(resource.get(attr)):
                resource[attr] = hit[1]
        for field in resource.get("schema", {}).get("fields", []):
            for part in ("title", "description"):
                hit = found.get((name, field.get("name"), part))
                if hit and hit[0] == _text(field.get(part)):
                    field[part] = hit[1]
    return out


class DataWords(Mapping[str, str]):
    """Words read from a data file at import (the lanes' labels), answered in the current run's language."""

    def __init__(self, english: Mapping[str, str], translated: Mapping[str, Mapping[str, str]]) -> None:
        self._english = dict(english)
        self._translated = {lang: dict(words) for lang, words in translated.items()}

    def __getitem__(self, code: str) -> str:
        english = self._english[code]
        return self._translated.get(current_language(), {}).get(code, english)

    def __iter__(self) -> Iterator[str]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)


def column_words(translations: pd.DataFrame | None, table: str, column: str, english: Mapping[str, str]) -> DataWords:
    """DataWords for one column of a table read at import: row id -> the cell, translated where not stale."""
    translated: dict[str, dict[str, str]] = {}
    for language in LANGUAGES[1:]:
        for r in _rows(translations, language):
            if r["part"] == "value" and r["table"] == table and r["column"] == column and r[language]:
                if english.get(r["row_id"]) == r["en"]:
                    translated.setdefault(language, {})[r["row_id"]] = r[language]
    return DataWords(english, translated)
