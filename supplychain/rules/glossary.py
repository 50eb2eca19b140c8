"""The glossary (data/glossary.csv): terms of export control, chips and data centres, in English and Polish.

Pure functions over the loaded table: a term's words in a language, its related terms, and a search that finds
a term by either name or its id, as the sidebar search box does for entities.
"""

from __future__ import annotations

import pandas as pd

GLOSSARY_TABLE = "glossary"


def glossary_terms(tables: dict[str, pd.DataFrame], *, language: str) -> pd.DataFrame:
    """One row per term, alphabetical in `language`: term_id, term, other (the other language's name),
    definition, source_id, related (a list of term ids)."""
    frame = tables.get(GLOSSARY_TABLE, pd.DataFrame())
    if frame.empty:
        return pd.DataFrame(columns=["term_id", "term", "other", "definition", "source_id", "related"])
    polish = language == "pl"
    out = pd.DataFrame(
        {
            "term_id": frame["term_id"],
            "term": frame["term_pl"] if polish else frame["term"],
            "other": frame["term"] if polish else frame["term_pl"],
            "definition": frame["definition_pl"] if polish else frame["definition"],
            "source_id": frame["source_id"],
            "related": [[t for t in str(v).split(";") if t] if pd.notna(v) else [] for v in frame["related"]],
        }
    )
    # Terms that read the same whatever their case keep the file's order (pandas sorts text stably).
    return out.sort_values("term", key=lambda s: s.str.casefold()).reset_index(drop=True)


def term_definition(tables: dict[str, pd.DataFrame], term_id: str, *, language: str) -> str:
    """'Term: definition' for help text beside a label or column header; '' for an unknown term."""
    terms = glossary_terms(tables, language=language).set_index("term_id")
    if term_id not in terms.index:
        return ""
    row = terms.loc[term_id]
    return f"{row['term']}: {row['definition']}"


def find_terms(tables: dict[str, pd.DataFrame], text: str, *, language: str) -> pd.DataFrame:
    """Terms whose English or Polish name (or id) contains `text`, case-insensitively.

    Names that start with it come first.
    """
    needle = str(text).strip().casefold()
    terms = glossary_terms(tables, language=language)
    if not needle or terms.empty:
        return terms.head(0)
    found = pd.Series(False, index=terms.index)
    for name in (terms["term"].str.casefold(), terms["other"].str.casefold(), terms["term_id"]):
        found |= name.str.contains(needle, regex=False)  # each name alone: a match never spans two
    hits = terms[found]
    starts = hits["term"].str.casefold().str.startswith(needle) | hits["other"].str.casefold().str.startswith(needle)
    return pd.concat([hits[starts], hits[~starts]]).reset_index(drop=True)
