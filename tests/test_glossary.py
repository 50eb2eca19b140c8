"""The glossary as a policy reader meets it: sourced terms in both languages, its page, the search box, help text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_pages import open_page, texts

DATA = Path(__file__).resolve().parent.parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


TERMS = read_csv("glossary")
BY_ID = {row["term_id"]: row for row in TERMS}
SOURCES = {row["source_id"]: row for row in read_csv("sources")}
# The terms the issue names: a policy reader meets each of them in the app or its sources.
REQUIRED = {
    "3a090": "3A090",
    "tpp": "TPP",
    "fdpr": "Foreign Direct Product Rule",
    "country_group_d5": "D:5",
    "entity_list": "Entity List",
    "affiliates_rule": "50 % Affiliates",
    "presumption_of_denial": "Presumption of denial",
    "remote_access": "Remote access",
    "leasing": "Leasing",
    "mw_it_load": "MW of IT load",
    "supernode": "Supernode",
}


def test_the_glossary_explains_at_least_25_terms_including_those_the_issue_names() -> None:
    assert len(TERMS) >= 25
    for term_id, words in REQUIRED.items():
        assert words in BY_ID[term_id]["term"], term_id


def test_every_definition_is_sourced_and_written_in_english_and_polish() -> None:
    for row in TERMS:
        assert row["source_id"] in SOURCES, row["term_id"]
        assert row["definition"] and row["definition_pl"] and row["term_pl"], row["term_id"]
        assert row["definition"] != row["definition_pl"]
    polish = " ".join(row["definition_pl"] for row in TERMS)
    assert all(letter in polish for letter in "ąęłńśżź")


def test_related_terms_point_to_terms_of_the_glossary() -> None:
    for row in TERMS:
        for other in filter(None, row["related"].split(";")):
            assert other in BY_ID and other != row["term_id"], (row["term_id"], other)


def test_polish_uses_one_term_per_concept() -> None:
    assert BY_ID["export_control"]["term_pl"] == "kontrola eksportu"
    assert BY_ID["export_licence"]["term_pl"] == "licencja eksportowa"
    assert BY_ID["data_centre"]["term_pl"] == "centrum danych"
    other_words = ["licencja na eksport", "licencji na eksport", "kontrola eksportowa", "kontroli eksportowej"]
    other_words += ["data center", "datacenter", "centrum danych AI"]
    for row in TERMS:
        for words in other_words:
            assert words not in row["definition_pl"], (row["term_id"], words)


def test_the_glossary_page_lists_every_term_with_its_source() -> None:
    at = open_page("glossary")
    assert not at.exception, at.exception
    headings = [h.value.replace("\\", "") for h in at.subheader]
    assert len(headings) == len(TERMS)
    assert headings == sorted(headings, key=str.casefold)
    body = texts(at)
    for row in TERMS[:5]:
        assert " ".join(row["definition"].split())[:60] in body
        assert SOURCES[row["source_id"]]["publisher"] in body


def test_a_link_to_one_term_opens_it_with_its_related_terms() -> None:
    at = open_page("glossary", {"term": "tpp"})
    assert [h.value.replace("\\", "") for h in at.subheader] == [BY_ID["tpp"]["term"]]
    body = texts(at)
    for other in BY_ID["tpp"]["related"].split(";"):
        assert f"glossary?term={other}" in body


def test_the_glossary_search_finds_a_term_by_its_polish_name() -> None:
    at = open_page("glossary")
    at.text_input(key="glossary_find").input("licencja eksportowa").run()
    assert [h.value.replace("\\", "") for h in at.subheader] == [BY_ID["export_licence"]["term"]]


@pytest.mark.parametrize(("typed", "term_id"), [("Entity List", "entity_list"), ("supernode", "supernode")])
def test_the_sidebar_search_box_finds_a_glossary_term(typed: str, term_id: str) -> None:
    at = open_page("status")
    at.text_input(key="entity_search").input(typed).run()
    assert not at.exception, at.exception
    links = [link for link in at.get("page_link") if "glossary" in str(link.proto.page)]
    assert links and BY_ID[term_id]["term"] in links[0].proto.label
    assert f"term={term_id}" in str(links[0].proto.query_string)


def test_the_capacity_filter_explains_mw_of_it_load_from_the_glossary() -> None:
    at = open_page("sites")
    assert not at.exception, at.exception
    help_text = at.selectbox(key="mw").help
    assert " ".join(BY_ID["mw_it_load"]["definition"].split())[:60] in " ".join(help_text.split())


def test_the_glossary_page_headings_go_down_one_level_at_a_time() -> None:
    at = open_page("glossary")
    assert [t.value for t in at.title] == ["Glossary"]
    assert len(at.header) == 1 and len(at.subheader) == len(TERMS)  # h1, then h2, then one h3 per term
