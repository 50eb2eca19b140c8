"""Pure filters: a frame and plain values in, the matching rows out (order and columns kept)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from supplychain.data.labels import enum_labels
from supplychain.data.schema import ENTITY_TABLES, fields, free_text_columns, primary_key, resource


def search_rows(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows where any text column contains `text`, ignoring case; all rows for blank text."""
    needle = text.strip().casefold()
    if not needle or frame.empty:
        return frame
    hit = pd.Series(False, index=frame.index)
    for column in frame.columns:
        if pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
            hit |= (
                frame[column]
                .astype("string")
                .str.casefold()
                .str.contains(needle, regex=False)
                .fillna(False)
                .astype(bool)
            )
    return frame[hit]


def filter_rows(
    frame: pd.DataFrame, *, search: str = "", equals: Mapping[str, Sequence[Any]] | None = None
) -> pd.DataFrame:
    """Apply a text search and per-column value filters (a row passes if its value is one of the chosen).

    An empty selection for a column means "no filter on that column", as in every spreadsheet.
    """
    out = search_rows(frame, search)
    for column, values in (equals or {}).items():
        if values:
            out = out[out[column].isin(list(values))]  # isin is never missing: an empty cell is simply not chosen
    return out


def filterable_columns(package: dict[str, Any], table: str, frame: pd.DataFrame, *, max_values: int = 40) -> list[str]:
    """Columns worth a value filter: categorical (enum, id references, countries), not free text or the key.

    Free text is what `schema.free_text_columns` derives from datapackage.json; a column qualifies when it
    has between 1 and `max_values` distinct values in `frame`.
    """
    key = primary_key(package, table)
    free_text = set(free_text_columns(package, table))
    out = []
    for f in fields(package, table):
        name = f["name"]
        if name == key or name in free_text or f["type"] not in ("string", "boolean"):
            continue
        distinct = frame[name].dropna().nunique()
        if 0 < distinct <= max_values:
            out.append(name)
    return out


def _humanise(value: str) -> str:
    """A code in words ("government_body" -> "Government body"); other text (names, country codes) as it is."""
    text = str(value)
    return text.replace("_", " ").capitalize() if re.fullmatch(r"[a-z][a-z0-9_]*", text) else text


def value_labels(
    package: dict[str, Any], tables: Mapping[str, pd.DataFrame], table: str, column: str
) -> dict[str, str]:
    """The readable label of each value a filter offers, so readers choose names, not ids.

    A reference shows the name of what it points at (an entity's name, a source's publisher and
    title, a claim's translation), an enum value its label from supplychain.data.labels, anything else its
    words ("government_body" -> "Government body"). Two values that would read the same keep their id
    in brackets, so "Alibaba Group" and "Alibaba Cloud" are never mistaken for each other.
    """
    values = sorted(tables[table][column].dropna().astype(str).unique())
    target = None
    for fk in resource(package, table)["schema"].get("foreignKeys", []):
        if fk["fields"] == [column]:
            target = fk["reference"]["resource"] or table
    if table == "relationships" and column in ("from_id", "to_id"):
        target = "*entities"
    names: dict[str, str] = {}
    if target == "*entities" or target in ENTITY_TABLES:
        for name in ENTITY_TABLES if target == "*entities" else [target]:
            frame = tables[name]
            names.update(zip(frame[primary_key(package, name)].astype(str), frame["name"].astype(str)))
    elif target == "sources":
        frame = tables["sources"]
        names = {
            str(i): f"{p}: {t}" if len(t) <= 60 else f"{p}: {t[:59]}…"
            for i, p, t in zip(frame["source_id"], frame["publisher"], frame["title"].astype(str))
        }
    elif target == "claims":
        frame = tables["claims"]
        names = {str(i): t if len(t) <= 70 else t[:69] + "…" for i, t in zip(frame["claim_id"], frame["text_en"])}
    else:
        names = dict(enum_labels(table, column))
        names.update({"True": "Yes", "False": "No"})
    labels = {v: names.get(v) or _humanise(v) for v in values}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    return {v: f"{label} ({v})" if counts[label] > 1 else label for v, label in labels.items()}
