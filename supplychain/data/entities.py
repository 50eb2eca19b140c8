"""One index of every entity (company, model, chip, location, policy), name search, and the profile link format."""

from __future__ import annotations

import re
import unicodedata
from typing import cast

import pandas as pd

from supplychain.data.cells import is_blank
from supplychain.data.routes import DATA, ENTITY, page_url
from supplychain.data.schema import ENTITY_TABLES, NAME_COLUMN, entity_keys, resource

INDEX_COLUMNS = ["id", "kind", "name", "aliases", "table", "label"]
# Link cells carry the name after '#', so a LinkColumn can show the name: display_text=LINK_DISPLAY.
LINK_DISPLAY = r"#(.+)$"
_LABEL_MAX = 30
_PUNCT = re.compile(r"[\s\-_.,;:'’()/]+")


def entity_url(entity_id: str) -> str:
    """The address of an entity's profile page: the one place the link format is defined."""
    return page_url(ENTITY, id=str(entity_id))


def entity_link(entity_id: str, name: str) -> str:
    """A profile link for a table cell: the URL plus '#<name>' so the cell can display the name."""
    return f"{entity_url(entity_id)}#{name}"


def split_aliases(value: object) -> list[str]:
    """Aliases as a list (the CSV keeps them separated by semicolons)."""
    if is_blank(value):
        return []
    return [a.strip() for a in str(value).split(";") if a.strip()]


def short_label(name: str, limit: int = _LABEL_MAX) -> str:
    """A chart label: the name without a trailing parenthesis, cut to `limit` characters."""
    text = re.sub(r"\s*\([^()]*\)\s*$", "", str(name)).strip() or str(name)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_entity_index(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per entity across the five entity tables: id, kind, name, aliases (list), table, label.

    Ids are unique across the tables (the data contract checks it); order: table order, then file order.
    """
    rows = []
    for table, kind in ENTITY_TABLES.items():
        frame = tables.get(table)
        if frame is None:
            continue
        key = entity_keys()[table]
        for _, row in frame.iterrows():
            name = str(row[NAME_COLUMN]) if pd.notna(row[NAME_COLUMN]) else str(row[key])
            aliases = split_aliases(row.get("aliases"))
            if kind == "company" and pd.notna(row.get("name_zh")) and row.get("name_zh"):
                aliases = [str(row["name_zh"]), *aliases]
            rows.append(
                {
                    "id": str(row[key]),
                    "kind": kind,
                    "name": name,
                    "aliases": aliases,
                    "table": table,
                    "label": short_label(name),
                }
            )
    return pd.DataFrame(rows, columns=INDEX_COLUMNS)


def _fold(text: str) -> str:
    """Lower case, accents and punctuation removed: 'Tongyi-Qianwen' and 'tongyi qianwen' match."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _PUNCT.sub(" ", text.casefold()).strip()


def find_entities(index: pd.DataFrame, text: str, *, limit: int = 10) -> pd.DataFrame:
    """Entities whose id, name or an alias matches `text`, best first; empty for blank text.

    Rank: exact id/name (0), exact alias (1), name starts with (2), alias starts with (3),
    a word of the name starts with (4), name contains (5), alias or id contains (6). Ties keep index order.
    Returns the index's columns plus `rank` and `matched` (the name or alias that matched).
    """
    needle = _fold(text)
    if not needle or index.empty:
        return index.iloc[0:0].assign(rank=pd.Series(dtype=int), matched=pd.Series(dtype=str))
    hits = []
    for pos, row in enumerate(index.itertuples(index=False)):
        row_name, row_id = str(row.name), str(row.id)
        name, ident = _fold(row_name), _fold(row_id)
        aliases = [(str(a), _fold(str(a))) for a in cast(list, row.aliases)]
        best: tuple[int, str] | None = None
        candidates = [
            (0, row_name, name == needle or ident == needle),
            (1, next((a for a, f in aliases if f == needle), ""), any(f == needle for _, f in aliases)),
            (2, row_name, name.startswith(needle)),
            (
                3,
                next((a for a, f in aliases if f.startswith(needle)), ""),
                any(f.startswith(needle) for _, f in aliases),
            ),
            (4, row_name, any(w.startswith(needle) for w in name.split())),
            (5, row_name, needle in name),
            (
                6,
                next((a for a, f in aliases if needle in f), row_id),
                any(needle in f for _, f in aliases) or needle in ident,
            ),
        ]
        for rank, matched, ok in candidates:
            if ok:
                best = (rank, matched)
                break
        if best is not None:
            hits.append((best[0], pos, best[1]))
    hits.sort(key=lambda h: (h[0], h[1]))
    hits = hits[:limit]
    out = index.iloc[[pos for _, pos, _ in hits]].copy()
    out["rank"] = [rank for rank, _, _ in hits]
    out["matched"] = [matched for _, _, matched in hits]
    return out.reset_index(drop=True)


def entity_record(tables: dict[str, pd.DataFrame], index: pd.DataFrame, entity_id: str) -> tuple[str, pd.Series] | None:
    """(table, row) of an entity, or None when no entity has this id."""
    found = index[index["id"] == entity_id]
    if found.empty:
        return None
    table = str(found.iloc[0]["table"])
    frame = tables[table]
    return table, frame[frame[entity_keys()[table]] == entity_id].iloc[0]


def names_of(frame: pd.DataFrame, key: str, name: str = NAME_COLUMN) -> dict[str, str]:
    """The one id -> name lookup of a table (companies by company_id, sites by site_id, the entity index by id).

    An id missing from it reads as itself where it is shown (`names.get(i, i)`): never a blank label.
    """
    return dict(zip(frame[key].astype(str), frame[name].astype(str)))


def names_by_id(index: pd.DataFrame) -> dict[str, str]:
    """Map id -> full name from the entity index, for labelling references."""
    return names_of(index, "id")


def entity_names(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Map id -> name over every entity table (keys and name column from the schema); tables absent are skipped.

    The one id-to-name lookup for code that has the tables but not the entity index.
    """
    out: dict[str, str] = {}
    for table, key in entity_keys().items():
        frame = tables.get(table)
        if frame is not None and not frame.empty:
            out.update(names_of(frame, key))
    return out


def suggest_entities(index: pd.DataFrame, text: str, *, limit: int = 6) -> pd.DataFrame:
    """Entities a mistyped id or name probably meant: the full text first, then each of its words ('deep_seek' ->
    DeepSeek)."""
    found = find_entities(index, str(text).replace("_", " "), limit=limit)
    if len(found) < limit:
        words = [w for w in re.split(r"[\s_\-]+", str(text)) if len(w) >= 2]
        words += [w[:4] for w in words if len(w) > 4]  # 'qwen4' -> 'qwen', 'nvidiaa' -> 'nvid'
        extra = [find_entities(index, w, limit=limit) for w in words]
        found = pd.concat([found, *extra], ignore_index=True) if extra else found
        found = found.drop_duplicates("id").sort_values("rank", kind="stable")
    return found.head(limit).reset_index(drop=True)


def entity_id_columns(package: dict, table: str) -> list[str]:
    """Columns of `table` whose values are entity ids, so the Data page can link each cell to its profile:
    the key of an entity table, every foreign key into one, and an edge's two ends."""

    schema = resource(package, table)["schema"]
    out = [schema["primaryKey"][0]] if table in ENTITY_TABLES else []
    out += [
        fk["fields"][0]
        for fk in schema.get("foreignKeys", [])
        if (fk["reference"]["resource"] or table) in ENTITY_TABLES
    ]
    if table == "relationships":
        out += ["from_id", "to_id"]
    return list(dict.fromkeys(out))


def row_link(table: str, row_id: str) -> str:
    """A link cell for any data row: an entity's profile, or the Data page showing that one row."""
    if table in ENTITY_TABLES:
        return entity_link(row_id, row_id)
    return f"{page_url(DATA, table=table, q=str(row_id))}#{row_id}"
