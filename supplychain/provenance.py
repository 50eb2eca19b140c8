"""Where each fact comes from: which rows rest on a source or a claim, and how to cite the data."""

from __future__ import annotations

from typing import Any

import pandas as pd

from supplychain.schema import ENTITY_TABLES, primary_key

CITED_TABLES = ["companies", "models", "chips", "locations", "policies", "events", "relationships"]


def row_label(table: str, row: pd.Series) -> str:
    """A short human label for a row of any table."""
    if table == "relationships":
        return f"{row['from_id']} {str(row['relation']).replace('_', ' ')} {row['to_id']}"
    if table == "events":
        return str(row["title"])
    return str(row.get("name", ""))


def citing_rows(tables: dict[str, pd.DataFrame], package: dict[str, Any], *, column: str, value: str) -> pd.DataFrame:
    """Every row of the cited tables whose `column` (source_id or claim_id) equals `value`.

    Returns columns table, id, label, evidence: the answer to "which rows rest on this?".
    """
    found = []
    for table in CITED_TABLES:
        frame = tables[table]
        key = primary_key(package, table)
        hits = frame[frame[column] == value]
        for _, row in hits.iterrows():
            found.append({"table": table, "id": row[key], "label": row_label(table, row), "evidence": row["evidence"]})
    return pd.DataFrame(found, columns=["table", "id", "label", "evidence"])


def citation_counts(tables: dict[str, pd.DataFrame], *, column: str) -> pd.Series:
    """How many rows cite each source (or claim), across the cited tables."""
    values = pd.concat([tables[t][column] for t in CITED_TABLES], ignore_index=True).dropna()
    return values.value_counts()


def key_findings(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The claims flagged as the report's key findings, in the report's order."""
    claims = tables["claims"]
    return claims[claims["is_key_finding"].fillna(False).astype(bool)].sort_values("paragraph", kind="stable")


def headline_counts(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Row counts of the tables a reader cares about, for the Overview."""
    names = list(ENTITY_TABLES) + ["events", "relationships", "claims", "sources"]
    return {name: len(tables[name]) for name in names}


def evidence_mix(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """How many rows rest on the report, official records, other press or estimates."""
    values = pd.concat([tables[t]["evidence"] for t in CITED_TABLES], ignore_index=True)
    return {k: int(v) for k, v in values.value_counts().items()}


def citation_text(package: dict[str, Any], *, url: str = "") -> dict[str, str]:
    """How to cite the dataset, as plain text and as BibTeX."""
    title = package.get("title", "")
    version = package.get("version", "")
    as_of = str(package.get("created", ""))[:10]
    year = as_of[:4]
    author = "China AI supply chain dashboard team"
    where = f" {url}" if url else ""
    plain = (
        f"{author} ({year}). {title}. Dataset version {version}, data as of {as_of}. "
        f"Drawn from the Financial Times report of 27 November 2025 and public records; licence CC BY 4.0.{where}"
    )
    bibtex = (
        "@misc{china_ai_supply_chain_" + year + ",\n"
        f"  author = {{{{{author}}}}},\n"
        f"  title = {{{{{title}}}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{version}}},\n"
        f"  note = {{Data as of {as_of}; drawn from the Financial Times report of 27 November 2025 and public records. Licence CC BY 4.0}}"
        + (f",\n  url = {{{url}}}" if url else "")
        + "\n}"
    )
    return {"plain": plain, "bibtex": bibtex}


def bundle_readme(package: dict[str, Any], *, extra: str = "") -> str:
    """README placed in every ZIP download: what it is, the citation, the licence."""
    cite = citation_text(package)
    return (
        f"# {package.get('title', '')}\n\n{package.get('description', '')}\n\n"
        f"Version {package.get('version', '')}, data as of {str(package.get('created', ''))[:10]}.\n"
        "Tables and columns are described in datapackage.json (Frictionless Data Package).\n\n"
        f"## How to cite\n\n{cite['plain']}\n\n```bibtex\n{cite['bibtex']}\n```\n\n"
        "## Licence\n\nOur curation, translations and notes: CC BY 4.0. Quotes from the Financial Times report "
        "(via its Polish republication) are short excerpts for commentary; the report remains the copyright of its publisher.\n"
        + (f"\n{extra}\n" if extra else "")
    )


def with_citations(tables: dict[str, pd.DataFrame], frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The frames plus the claims and sources their rows cite, so a bundle carries its own evidence."""
    out = dict(frames)
    claim_ids = (
        set().union(*[set(f["claim_id"].dropna()) for f in frames.values() if "claim_id" in f.columns])
        if frames
        else set()
    )
    if claim_ids and "claims" not in out:
        out["claims"] = tables["claims"][tables["claims"]["claim_id"].isin(claim_ids)]
    source_ids = set().union(*[set(f["source_id"].dropna()) for f in out.values() if "source_id" in f.columns])
    if source_ids and "sources" not in out:
        sources = tables["sources"]
        derived = set(sources[sources["source_id"].isin(source_ids)]["derived_from"].dropna())
        out["sources"] = sources[sources["source_id"].isin(source_ids | derived)]
    return out
