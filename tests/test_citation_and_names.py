"""The report's citation line and the id-to-name lookup come from the data, not from code."""

from __future__ import annotations

import pandas as pd

from supplychain.data.entities import entity_names
from supplychain.data.load import load_dataset
from supplychain.data.schema import entity_keys, entity_reference_columns, enum_columns, shipped_package
from supplychain.i18n import language_of
from supplychain.rules.provenance import bundle_readme, citation_line, citation_text, licence_name, report_citation

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
