"""Citations and labels from a package or tables missing a part: never a stray "None" in what a reader copies."""

from __future__ import annotations

import pandas as pd

from supplychain.i18n import language_of
from supplychain.rules.provenance import bundle_readme, citation_text, licence_name, report_citation, row_label

PACKAGE = {"title": "China's AI supply chain", "version": "1.2.0", "created": "2026-12-01T10:00:00Z"}


def tables(*, sources: list[dict], cited: list[str]) -> dict[str, pd.DataFrame]:
    columns = ["source_id", "publisher", "date_published", "derived_from", "language"]
    return {
        "sources": pd.DataFrame([{c: s.get(c) for c in columns} for s in sources], columns=columns),
        "claims": pd.DataFrame({"claim_id": [f"c{i}" for i in range(len(cited))], "source_id": cited}),
    }


FT = {"source_id": "ft", "publisher": "Financial Times", "date_published": "2025-11-27"}
REPUBLISHED = {"source_id": "pl", "publisher": "Portal", "derived_from": "ft", "language": "pl"}


def test_a_row_of_a_table_without_names_is_labelled_blank_not_none() -> None:
    assert row_label("coverage", pd.Series({"topic": "chips"})) == ""
    assert row_label("chips", pd.Series({"name": "Nvidia H20"})) == "Nvidia H20"


def test_a_licence_without_a_name_reads_blank() -> None:
    assert licence_name({"licenses": [{"path": "https://creativecommons.org/licenses/by/4.0/"}]}) == ""
    assert licence_name({}) == ""
    assert licence_name({"licenses": [{"name": "CC-BY-4.0"}]}) == "CC BY 4.0"


def test_with_no_claim_citing_a_source_the_citation_names_the_report_plainly() -> None:
    cite = report_citation(tables(sources=[FT], cited=[]), PACKAGE)
    with language_of("en"):
        assert (cite.long, cite.short, cite.date, cite.via) == ("the report", "the report", None, "")
    with language_of("pl"):
        assert cite.long == "raport"


def test_a_republication_in_a_language_with_no_word_reads_as_a_republication() -> None:
    cite = report_citation(tables(sources=[FT, {**REPUBLISHED, "language": "xx"}], cited=["pl"]), PACKAGE)
    with language_of("en"):
        assert cite.via == "a republication"
        assert cite.long == "Financial Times report of 27 November 2025 (via a republication)"


def test_a_report_without_a_published_date_is_cited_without_one() -> None:
    undated = {**FT, "date_published": float("nan")}
    cite = report_citation(tables(sources=[undated, REPUBLISHED], cited=["pl", "pl"]), PACKAGE)
    with language_of("en"):
        assert cite.date is None
        assert cite.long == "Financial Times report (via a Polish republication)"


def test_a_package_without_a_build_date_or_version_leaves_them_blank_in_citation_and_readme() -> None:
    package = {"title": "China's AI supply chain", "licenses": [{"name": "CC-BY-4.0"}]}
    data = tables(sources=[FT], cited=["ft"])
    with language_of("en"):
        cited = citation_text(package, data)
        readme = bundle_readme(package, {**data, "coverage": pd.DataFrame(columns=["topic", "reviewed_through"])})
    assert "Dataset version , data as of ." in cited["plain"]
    assert "@misc{china_ai_supply_chain_," in cited["bibtex"]
    assert "Version , data as of ." in readme
