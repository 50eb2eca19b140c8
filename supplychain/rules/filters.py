"""Pure filters: a frame and plain values in, the matching rows out (order and columns kept)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from supplychain.data.entities import entity_id_columns
from supplychain.data.labels import enum_labels
from supplychain.data.schema import ENTITY_TABLES, fields, free_text_columns, primary_key, reference_columns, resource
from supplychain.i18n import _

SEARCH_PARAM = "q"  # the text search, on the Data page and in /api/v1/{table}.csv
COLUMNS_PARAM = "cols"  # the columns kept, in order
MAX_VALUES = 40  # a column with more distinct values than this is no value filter, unless it names a row elsewhere
_BOOLEAN_TEXT = {True: "true", False: "false"}  # as the CSV writes them, and as links and routes spell them


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


def filterable_columns(
    package: dict[str, Any], table: str, frame: pd.DataFrame, *, max_values: int = MAX_VALUES
) -> list[str]:
    """Columns worth a value filter: categorical (enum, id references, countries), not free text or the key.

    Free text is what `schema.free_text_columns` derives from datapackage.json; a column qualifies when it
    has between 1 and `max_values` distinct values in `frame`. A column that names a row of another table
    (a foreign key, a tie's From and To) qualifies at any count: the page offers it as a searchable choice.
    """
    key = primary_key(package, table)
    free_text = set(free_text_columns(package, table))
    references = set(reference_columns(package, table)) | set(entity_id_columns(package, table))
    out = []
    for f in fields(package, table):
        name = f["name"]
        if name == key or name in free_text or f["type"] not in ("string", "boolean"):
            continue
        distinct = frame[name].dropna().nunique()
        if distinct > 0 and (distinct <= max_values or name in references):
            out.append(name)
    return out


def url_text(value: Any) -> str:
    """A cell's value as a link or a route writes it: yes/no as `true`/`false` (the CSV's spelling), else its text."""
    if isinstance(value, (bool, np.bool_)):
        return _BOOLEAN_TEXT[bool(value)]
    return str(value)


def split_values(raw: Sequence[str], whole: Collection[str] = ()) -> list[str]:
    """Values of one parameter, whether repeated (?a=x&a=y) or comma-separated (?a=x,y).

    An item that is itself one of `whole` stays whole: a place such as "Iskandar Puteri, Johor" holds a comma.
    """
    keep = set(whole)
    return [v for item in raw for v in ([item] if item in keep else str(item).split(",")) if v != ""]


@dataclass(frozen=True)
class FilterParam:
    """One value filter of a table, declared once for the Data page and the data routes.

    `name` is both the column and the URL parameter; `values` are the URL spellings it accepts (a yes/no
    column takes `true` and `false`, as the CSV writes them; any other column the values it holds).
    """

    name: str
    boolean: bool
    values: tuple[str, ...]

    def typed(self, texts: Sequence[str]) -> list[Any]:
        """The accepted URL values as the column holds them (`true` -> True), for `filter_rows`."""
        ok = set(self.values)
        chosen = [t for t in texts if t in ok]
        return [t == "true" for t in chosen] if self.boolean else chosen

    def rejected(self, texts: Sequence[str]) -> list[str]:
        """The URL values this filter does not accept."""
        ok = set(self.values)
        return [t for t in texts if t not in ok]

    def accepts(self, shown: int = 8) -> str:
        """What the parameter takes, in words, for a refusal ("true or false", "one of: a, b, … (74 values)")."""
        if self.boolean:
            return _("true or false")
        head = ", ".join(self.values[:shown])
        if len(self.values) > shown:
            more = _("one or more of: {values}, … ({n} values) (comma-separated)")
            return more.format(values=head, n=len(self.values))
        return _("one or more of: {values} (comma-separated)").format(values=head)


def table_filters(package: dict[str, Any], table: str, frame: pd.DataFrame) -> dict[str, FilterParam]:
    """Every value filter `table` offers, by URL parameter: the one declaration the page and the routes read."""
    types = {f["name"]: f["type"] for f in fields(package, table)}
    return {
        column: FilterParam(
            column,
            types[column] == "boolean",
            tuple(sorted({url_text(v) for v in frame[column].dropna()})),
        )
        for column in filterable_columns(package, table, frame)
    }


def _humanise(value: str) -> str:
    """A code in words ("government_body" -> "Government body"); other text (names, country codes) as it is."""
    text = str(value)
    return text.replace("_", " ").capitalize() if re.fullmatch(r"[a-z][a-z0-9_]*", text) else text


def key_filter(package: dict[str, Any], table: str, frame: pd.DataFrame) -> FilterParam:
    """The table's key as a filter (`?event_id=a,b`): how Map and Timeline give the address of exactly the rows
    they show. Not a Data page filter (a choice among every row is no filter)."""
    key = primary_key(package, table)
    return FilterParam(key, False, tuple(sorted({url_text(v) for v in frame[key].dropna()})))


def value_labels(
    package: dict[str, Any], tables: Mapping[str, pd.DataFrame], table: str, column: str
) -> dict[str, str]:
    """The readable label of each value a filter offers, so readers choose names, not ids.

    A reference shows the name of what it points at (an entity's name, a source's publisher and
    title, a claim's translation), an enum value its label from supplychain.data.labels, anything else its
    words ("government_body" -> "Government body"). Two values that would read the same keep their id
    in brackets, so "Alibaba Group" and "Alibaba Cloud" are never mistaken for each other.
    """
    values = sorted({url_text(v) for v in tables[table][column].dropna()})
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
        names.update({"true": "Yes", "false": "No"})
    labels = {v: names.get(v) or _humanise(v) for v in values}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    return {v: f"{label} ({v})" if counts[label] > 1 else label for v, label in labels.items()}
