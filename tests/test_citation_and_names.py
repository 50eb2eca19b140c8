"""The report's citation line and the id-to-name lookup come from the data, not from code."""

from __future__ import annotations

import pandas as pd

from supplychain.data.entities import entity_names
from supplychain.data.load import load_dataset
from supplychain.data.schema import entity_keys, entity_reference_columns, enum_columns, shipped_package
from supplychain.i18n import language_of
from supplychain.rules.provenance import (
    bundle_readme,
    citation_line,
    citation_text,
    citing_rows,
    evidence_mix,
    key_findings,
    licence_name,
    report_citation,
)

PACKAGE = {"licenses": [{"name": "CC-BY-4.0"}], "title": "T", "version": "9", "created": "2026-01-02T00:00:00Z"}


def _tables(publisher: str = "Financial Times", published: str = "2025-11-27") -> dict[str, pd.DataFrame]:
    sources = pd.DataFrame(
        {
            "source_id": ["orig", "copy", "other"],
            "publisher": [publisher, "Somebody", "Reuters"],
            "kind": ["news_report", "republication", "news"],
            "language": ["en", "pl", "en"],
            "derived_from": [None, "orig", None],
            "date_published": pd.to_datetime([published, published, "2025-12-01"]),
        }
    )
    claims = pd.DataFrame({"claim_id": ["c1", "c2", "c3"], "source_id": ["copy", "copy", "other"]})
    return {"sources": sources, "claims": claims}


def test_the_citation_line_reads_the_report_from_the_data() -> None:
    line = citation_line(_tables(), PACKAGE)
    assert line.startswith("Source: Financial Times report of 27 November 2025 (via a Polish republication)")
    assert "CC BY 4.0" in line


def test_the_polish_citation_line_names_the_republication_without_brackets_inside_brackets() -> None:
    with language_of("pl"):
        line = citation_line(_tables(), PACKAGE)
    said = line[line.index("(") + 1 : line.index(")")]  # the first bracket holds the whole "via" phrase
    assert "przedruku" in said and "polski" in said and "(" not in said, line


def test_a_corrected_date_or_publisher_changes_every_citation() -> None:
    tables = _tables(publisher="The Example Times", published="2025-11-28")
    cite = report_citation(tables, PACKAGE)
    assert cite.long == "The Example Times report of 28 November 2025 (via a Polish republication)"
    assert cite.short == "The Example Times, 28 Nov 2025"
    assert "The Example Times report of 28 November 2025" in citation_text(PACKAGE, tables)["plain"]
    assert "The Example Times report of 28 November 2025" in citation_text(PACKAGE, tables)["bibtex"]
    assert "The Example Times report of 28 November 2025" in bundle_readme(PACKAGE, tables)


def test_the_licence_comes_from_the_package() -> None:
    assert licence_name({"licenses": [{"name": "CC-BY-SA-4.0"}]}) == "CC BY SA 4.0"
    assert report_citation(_tables(), {"licenses": [{"name": "ODbL-1.0"}]}).licence == "ODbL 1.0"


def test_claims_quoting_the_report_itself_cite_no_republication() -> None:
    tables = _tables()
    tables["claims"]["source_id"] = ["orig", "orig", "other"]
    assert report_citation(tables, PACKAGE).long == "Financial Times report of 27 November 2025"


def test_the_shipped_citation_is_the_ft_report_of_27_november_2025() -> None:
    dataset = load_dataset()
    cite = report_citation(dataset.tables, dataset.package)
    assert (cite.publisher, cite.date, cite.licence) == ("Financial Times", pd.Timestamp("2025-11-27"), "CC BY 4.0")


def test_entity_keys_and_names_come_from_the_schema() -> None:
    assert entity_keys() == {
        "companies": "company_id",
        "models": "model_id",
        "chips": "chip_id",
        "locations": "location_id",
        "policies": "policy_id",
    }
    tables = {
        "companies": pd.DataFrame({"company_id": ["acme"], "name": ["Acme Corp"]}),
        "chips": pd.DataFrame({"chip_id": ["x1"], "name": ["X One"]}),
        "locations": pd.DataFrame({"location_id": ["sg"], "name": ["Singapore"]}),
    }
    assert entity_names(tables) == {"acme": "Acme Corp", "x1": "X One", "sg": "Singapore"}


def test_reference_and_enum_columns_are_read_from_the_package() -> None:
    package = shipped_package()
    assert entity_reference_columns(package, "companies") == ["hq_location_id", "parent_id"]
    assert entity_reference_columns(package, "models") == ["developer_id"]
    assert "segment" in enum_columns(package, "chips") and "name" not in enum_columns(package, "chips")


def _with_coverage(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Two topics, reviewed through 15 Jan 2026 (Chips) and 31 Mar 2026 (Models): the record reaches 15 Jan."""
    coverage = pd.DataFrame(
        {
            "topic_id": ["chips", "models"],
            "topic": ["Chips", "Models"],
            "reviewed_through": pd.to_datetime(["2026-01-15", "2026-03-31"]),
        }
    )
    return {**tables, "coverage": coverage}


def test_the_dataset_citation_names_team_year_title_version_date_reach_report_licence_and_address() -> None:
    cite = citation_text(PACKAGE, _with_coverage(_tables()), url="https://example.org/d")
    assert cite["plain"] == (
        "China AI supply chain dashboard team (2026). T. Dataset version 9, data as of 2026-01-02; record reaches "
        "2026-01-15 (earliest topic date, coverage.csv). Drawn from the Financial Times report of 27 November 2025 "
        "(via a Polish republication) and public records; licence CC BY 4.0. https://example.org/d"
    )
    assert cite["bibtex"] == (
        "@misc{china_ai_supply_chain_2026,\n"
        "  author = {{China AI supply chain dashboard team}},\n"
        "  title = {{T}},\n"
        "  year = {2026},\n"
        "  version = {9},\n"
        "  note = {Data as of 2026-01-02; record reaches 2026-01-15 (earliest topic date, coverage.csv); drawn from "
        "the Financial Times report of 27 November 2025 (via a Polish republication) and public records. "
        "Licence CC BY 4.0},\n"
        "  url = {https://example.org/d}\n"
        "}"
    )


def test_a_citation_without_address_or_coverage_says_neither_and_never_prints_none() -> None:
    cite = citation_text({"licenses": [{"name": "CC-BY-4.0"}], "created": "2026-01-02T00:00:00Z"}, _tables())
    assert cite["plain"] == (
        "China AI supply chain dashboard team (2026). . Dataset version , data as of 2026-01-02. Drawn from the "
        "Financial Times report of 27 November 2025 (via a Polish republication) and public records; "
        "licence CC BY 4.0."
    )
    assert cite["bibtex"].endswith("Licence CC BY 4.0}\n}") and "url" not in cite["bibtex"]
    assert "None" not in cite["plain"] + cite["bibtex"]


def test_the_bundle_readme_has_title_description_version_reach_citation_and_licence_in_order() -> None:
    readme = bundle_readme({**PACKAGE, "description": "What it is."}, _with_coverage(_tables()), extra="Filters: none")
    report = "Financial Times report of 27 November 2025 (via a Polish republication)"
    assert readme.startswith("# T\n\nWhat it is.\n\nVersion 9, data as of 2026-01-02.\n")
    assert "Tables and columns are described in datapackage.json (Frictionless Data Package).\n\n" in readme
    assert (
        "Record reaches 15 Jan 2026: every topic is reviewed at least through that day (the earliest: Chips)" in readme
    )
    assert "later events may be missing. See coverage.csv.\n\n## How to cite\n\n" in readme
    plain = citation_text({**PACKAGE, "description": "What it is."}, _with_coverage(_tables()))["plain"]
    bibtex = citation_text({**PACKAGE, "description": "What it is."}, _with_coverage(_tables()))["bibtex"]
    assert f"## How to cite\n\n{plain}\n\n```bibtex\n{bibtex}\n```\n\n## Licence\n\n" in readme
    assert readme.endswith(
        f"Our curation, translations and notes: CC BY 4.0. Quotes from the {report} are short excerpts for "
        "commentary; the report remains the copyright of its publisher.\n\nFilters: none\n"
    )
    assert bundle_readme(PACKAGE, _tables()).endswith("copyright of its publisher.\n")


def test_a_package_without_title_or_description_leaves_them_empty_in_every_language() -> None:
    package = {"licenses": [{"name": "CC-BY-4.0"}], "version": "9", "created": "2026-01-02T00:00:00Z"}
    for language in ("en", "pl"):
        with language_of(language):
            readme = bundle_readme(package, _tables())
            plain = citation_text(package, _tables())["plain"]
        assert readme.startswith("# \n\n\n\n"), language  # no "None", no catalogue header in place of a title
        assert "None" not in readme + plain and "Content-Type" not in readme + plain, language


def _cited() -> dict[str, pd.DataFrame]:
    """Two companies, an event and two ties; s1 is cited by a company, the event and one tie."""

    def empty(key: str) -> pd.DataFrame:
        return pd.DataFrame(columns=[key, "name", "source_id", "evidence"])

    return {
        "companies": pd.DataFrame(
            {
                "company_id": ["acme", "beta"],
                "name": ["Acme Corp", "Beta"],
                "source_id": ["s1", "s2"],
                "evidence": ["official", "press"],
            }
        ),
        "models": empty("model_id"),
        "chips": empty("chip_id"),
        "locations": empty("location_id"),
        "policies": empty("policy_id"),
        "events": pd.DataFrame(
            {"event_id": ["e1"], "title": ["Export rule announced"], "source_id": ["s1"], "evidence": ["report"]}
        ),
        "relationships": pd.DataFrame(
            {
                "relationship_id": ["r1", "r2"],
                "from_id": ["acme", "beta"],
                "relation": ["leases_capacity_from", "supplies"],
                "to_id": ["beta", "acme"],
                "source_id": ["s1", None],
                "evidence": ["estimate", "press"],
            }
        ),
    }


def test_the_rows_resting_on_a_source_are_named_by_table_id_readable_label_and_evidence() -> None:
    found = citing_rows(_cited(), shipped_package(), column="source_id", value="s1")
    assert found.to_dict("records") == [
        {"table": "companies", "id": "acme", "label": "Acme Corp", "evidence": "official"},
        {"table": "events", "id": "e1", "label": "Export rule announced", "evidence": "report"},
        {"table": "relationships", "id": "r1", "label": "acme leases capacity from beta", "evidence": "estimate"},
    ]
    nothing = citing_rows(_cited(), shipped_package(), column="source_id", value="unused")
    assert nothing.empty and list(nothing.columns) == ["table", "id", "label", "evidence"]


def test_the_evidence_mix_counts_every_cited_row_by_its_label() -> None:
    assert evidence_mix(_cited()) == {"official": 1, "press": 2, "report": 1, "estimate": 1}


def test_key_findings_are_the_flagged_claims_in_paragraph_order_and_a_blank_flag_is_not_one() -> None:
    claims = pd.DataFrame(
        {
            "claim_id": ["late", "blank", "no", "early"],
            "is_key_finding": pd.array([True, None, False, True], dtype="boolean"),
            "paragraph": [5, 1, 2, 3],
        }
    )
    assert list(key_findings({"claims": claims})["claim_id"]) == ["early", "late"]


def test_key_findings_sharing_a_paragraph_keep_the_order_they_are_written_in_however_many_there_are() -> None:
    paragraphs = [4, 2, 6, 2, 8, 2, 4, 10, 2, 6, 2, 4, 2, 8, 2, 6, 4, 2, 10, 2]
    claims = pd.DataFrame(
        {
            "claim_id": [f"c{i:02}" for i in range(len(paragraphs))],
            "is_key_finding": pd.array([True] * len(paragraphs), dtype="boolean"),
            "paragraph": paragraphs,
        }
    )
    expected = [f"c{i:02}" for p in sorted(set(paragraphs)) for i, q in enumerate(paragraphs) if q == p]
    assert list(key_findings({"claims": claims})["claim_id"]) == expected
