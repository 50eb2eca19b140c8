"""Pure filters: a frame and plain values in, the matching rows out (order and columns kept)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from supplychain.schema import fields, primary_key

_FREE_TEXT = {
    "note",
    "description",
    "title",
    "quote_pl",
    "text_en",
    "covers",
    "role",
    "attribution",
    "url",
    "website",
    "licence",
    "name",
    "aliases",
    "name_zh",
}


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
            out = out[out[column].isin(list(values)).fillna(False).astype(bool)]
    return out


def filterable_columns(package: dict[str, Any], table: str, frame: pd.DataFrame, *, max_values: int = 40) -> list[str]:
    """Columns worth a value filter: categorical (enum, id references, countries), not free text or the key."""
    key = primary_key(package, table)
    out = []
    for f in fields(package, table):
        name = f["name"]
        if name == key or name in _FREE_TEXT or f["type"] not in ("string", "boolean"):
            continue
        distinct = frame[name].dropna().nunique()
        if 0 < distinct <= max_values:
            out.append(name)
    return out
