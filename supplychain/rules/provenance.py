"""Where each fact comes from: which rows rest on a source or a claim, and how to cite the data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from supplychain.data.dates import format_date, format_long_date
from supplychain.data.labels import LANGUAGE_LABELS
from supplychain.data.schema import ENTITY_TABLES, primary_key
from supplychain.i18n import _
from supplychain.rules.coverage import reach_of, reach_sentence

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
        for _row, row in hits.iterrows():
            found.append({"table": table, "id": row[key], "label": row_label(table, row), "evidence": row["evidence"]})
    return pd.DataFrame(found, columns=["table", "id", "label", "evidence"])


def citation_counts(tables: dict[str, pd.DataFrame], *, column: str) -> pd.Series:
    """How many rows cite each source (or claim), across the cited tables."""
    values = pd.concat([tables[t][column] for t in CITED_TABLES], ignore_index=True).dropna()
    return values.value_counts()


def rows_citing(ids: pd.Series, counts: pd.Series) -> pd.Series:
    """How many rows cite each of `ids`, from citation_counts: 0 for one no row cites."""
    return ids.map(counts).fillna(0).astype(int)


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
    return {str(k): int(v) for k, v in values.value_counts().items()}


@dataclass(frozen=True)
class ReportCitation:
    """The report the dataset is built around, as its footers and captions cite it (from sources.csv)."""

    publisher: str  # "Financial Times"; "" when no claim cites a source
    date: pd.Timestamp | None  # the report's date_published
    via: str  # "a Polish republication", or "" when the claims quote the report itself
    licence: str  # our licence, from datapackage.json: "CC BY 4.0"

    @property
    def long(self) -> str:
        """'Financial Times report of 27 November 2025 (via a Polish republication)'."""
        if not self.publisher:  # no claim names the report's source: "the report", not "the report report"
            text = _("the report")
        elif self.date is None:
            text = _("{publisher} report").format(publisher=self.publisher)
        else:
            text = _("{publisher} report of {day}").format(publisher=self.publisher, day=format_long_date(self.date))
        return text + (_(" (via {via})").format(via=self.via) if self.via else "")

    @property
    def short(self) -> str:
        """'Financial Times, 27 Nov 2025'."""
        publisher = self.publisher or _("the report")
        return f"{publisher}, {format_date(self.date)}" if self.date is not None else publisher


def licence_name(package: dict[str, Any]) -> str:
    """Our licence as readers know it ('CC BY 4.0'), from the package's first `licenses` entry."""
    licences = package.get("licenses") or [{}]
    return str(licences[0].get("name", "")).replace("-", " ")


def report_citation(tables: dict[str, pd.DataFrame], package: dict[str, Any]) -> ReportCitation:
    """The report most claims quote, followed back to its original when the quoted text is a republication.

    Read from claims.csv (which source the quotes come from) and sources.csv (publisher, date, derived_from,
    language), so a corrected date or publisher in the data changes every footer and caption at once.
    """
    sources = tables["sources"].set_index("source_id")
    cited = tables["claims"]["source_id"].dropna()
    if cited.empty or cited.mode().iloc[0] not in sources.index:
        return ReportCitation("", None, "", licence_name(package))
    quoted = sources.loc[cited.mode().iloc[0]]
    original, via = quoted, ""
    parent = quoted.get("derived_from")
    if isinstance(parent, str) and parent in sources.index:
        original = sources.loc[parent]
        language = LANGUAGE_LABELS.get(str(quoted.get("language")), "")
        via = _("a {language} republication").format(language=language).replace("  ", " ")
    published = original.get("date_published")
    date = None if published is None or pd.isna(published) else pd.Timestamp(published)
    return ReportCitation(str(original["publisher"]), date, via, licence_name(package))


def citation_line(tables: dict[str, pd.DataFrame], package: dict[str, Any]) -> str:
    """The footer's source-and-licence line, from the data."""
    cite = report_citation(tables, package)
    return _(
        "Source: {report} and public records, each row citing its own · "
        "Curation and translations {licence}; quotes remain their publishers'"
    ).format(report=cite.long, licence=cite.licence)


def citation_text(package: dict[str, Any], tables: dict[str, pd.DataFrame], *, url: str = "") -> dict[str, str]:
    """How to cite the dataset, as plain text and as BibTeX."""
    title = str(package.get("title", ""))
    title = _(title) if title else ""  # its Polish is in the catalogue (rules/cite.py marks it)
    version = package.get("version", "")
    as_of = str(package.get("created", ""))[:10]
    year = as_of[:4]
    author = _("China AI supply chain dashboard team")
    where = f" {url}" if url else ""
    report = report_citation(tables, package)
    reach = reach_of(tables)
    reach_words = _("; record reaches {reach} (earliest topic date, coverage.csv)").format(reach=reach) if reach else ""
    plain = (
        _(
            "{author} ({year}). {title}. Dataset version {version}, data as of {as_of}{reach}. "
            "Drawn from the {report} and public records; licence {licence}."
        ).format(
            author=author,
            year=year,
            title=title,
            version=version,
            as_of=as_of,
            reach=reach_words,
            report=report.long,
            licence=report.licence,
        )
        + where
    )
    bibtex = (
        "@misc{china_ai_supply_chain_" + year + ",\n"
        f"  author = {{{{{author}}}}},\n"
        f"  title = {{{{{title}}}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{version}}},\n"
        "  note = {"
        + _("Data as of {as_of}{reach}; drawn from the {report} and public records. Licence {licence}").format(
            as_of=as_of, reach=reach_words, report=report.long, licence=report.licence
        )
        + "}"
        + (f",\n  url = {{{url}}}" if url else "")
        + "\n}"
    )
    return {"plain": plain, "bibtex": bibtex}


def bundle_readme(package: dict[str, Any], tables: dict[str, pd.DataFrame], *, extra: str = "") -> str:
    """README placed in every ZIP download: what it is, the citation, the licence."""
    cite = citation_text(package, tables)
    report = report_citation(tables, package)
    return (
        f"# {package.get('title', '')}\n\n{package.get('description', '')}\n\n"
        + _(
            "Version {version}, data as of {as_of}.\n"
            "Tables and columns are described in datapackage.json (Frictionless Data Package).\n\n"
        ).format(version=package.get("version", ""), as_of=str(package.get("created", ""))[:10])
        + _("{reach} See coverage.csv.").format(reach=reach_sentence(tables))
        + "\n\n"
        + _("## How to cite\n\n{plain}\n\n").format(plain=cite["plain"])
        + f"```bibtex\n{cite['bibtex']}\n```\n\n"
        + _(
            "## Licence\n\nOur curation, translations and notes: {licence}. Quotes from the {report} "
            "are short excerpts for commentary; the report remains the copyright of its publisher.\n"
        ).format(licence=report.licence, report=report.long)
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
