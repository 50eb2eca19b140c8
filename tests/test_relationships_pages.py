"""The Relationships page and entity profiles open from their links, honour their URL settings and never crash on bad
ids (AppTest)."""

from __future__ import annotations

import pytest
from test_pages import open_page, texts


def _notice(at) -> str:
    return " ".join(i.value for i in at.info)


def test_relationships_page_draws_the_network_and_offers_both_downloads() -> None:
    at = open_page("relationships")
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("Who develops")
    labels = [b.label for b in at.get("download_button")]
    assert "Ties shown (CSV)" in labels and "Whole graph (GraphML)" in labels
    assert "entities" in texts(at) and "ties" in texts(at)


def test_focus_from_the_link_shows_the_neighbourhood_and_a_profile_link() -> None:
    at = open_page("relationships", {"focus": "deepseek", "hops": "2"})
    assert not at.exception, at.exception
    assert at.selectbox(key="focus").value == "deepseek"
    assert at.radio(key="hops").value == 2
    assert any("DeepSeek" in str(p.proto.label) for p in at.get("page_link"))


def test_evidence_view_lists_only_the_chosen_relation_types() -> None:
    at = open_page("relationships", {"view": "Evidence", "relation": "restricts,permits"})
    assert not at.exception, at.exception
    frame = at.dataframe[0].value
    assert len(frame) > 0
    assert set(frame["relation_label"]) <= {"restricts", "permits"}


def test_chain_view_lists_each_chinese_developer() -> None:
    at = open_page("relationships", {"view": "Chains"})
    assert not at.exception, at.exception
    summary = at.dataframe[0].value
    names = " ".join(summary["developer_id"])
    for dev in ("alibaba", "bytedance", "deepseek"):
        assert f"/entity?id={dev}" in names


def test_relationships_page_notices_nonsense_settings_without_crashing() -> None:
    at = open_page(
        "relationships",
        {"focus": "no_such_thing", "hops": "9", "relation": "eats", "from": "yesterday", "colour": "red"},
    )
    assert not at.exception, at.exception
    notice = _notice(at)
    for part in ("focus=no_such_thing", "hops=9", "relation=eats", "from=yesterday", "colour"):
        assert part in notice, notice


def test_relationships_page_says_when_no_tie_matches() -> None:
    at = open_page("relationships", {"focus": "my_miti", "relation": "trained_on"})
    assert not at.exception, at.exception
    assert any("No ties match" in i.value for i in at.info)


@pytest.mark.parametrize("entity_id", ["deepseek", "qwen3", "h20", "singapore", "us_ai_diffusion_rule"])
def test_profile_shows_facts_ties_and_sources(entity_id: str) -> None:
    at = open_page("entity", {"id": entity_id})
    assert not at.exception, at.exception
    assert not at.warning
    headers = [s.value for s in at.header]
    assert "Key facts" in headers and "Sources and quotes" in headers
    assert any(h.startswith("Ties (") for h in headers)


def test_profile_of_a_company_places_it_at_its_headquarters() -> None:
    at = open_page("entity", {"id": "deepseek"})
    assert "Where" in [s.value for s in at.header]
    assert "Hangzhou" in texts(at)


def test_unknown_profile_id_says_not_found_and_suggests_entities() -> None:
    at = open_page("entity", {"id": "deep_seek"})
    assert not at.exception, at.exception
    assert any("No entity has the id" in w.value for w in at.warning)
    suggestions = [str(p.proto.label) for p in at.get("page_link")]
    assert any("DeepSeek" in s for s in suggestions), suggestions


def test_profiles_page_without_id_lists_every_entity() -> None:
    at = open_page("entity")
    assert not at.exception, at.exception
    assert at.title[0].value == "Profiles"
    assert len(at.get("page_link")) >= 50


def test_sidebar_search_finds_an_entity_by_alias() -> None:
    from streamlit.testing.v1 import AppTest
    from test_pages import APP

    # AppTest keeps the router's sidebar only on a first run, so the search text is set before it.
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["_test_start_page"] = "overview"
    at.session_state["entity_search"] = "Tongyi Qianwen"
    at.run()
    links = [p.proto for p in at.sidebar.get("page_link")]
    assert any("Qwen" in link.label and "entity" in link.page for link in links), [link.label for link in links]


def test_profile_key_facts_word_the_kind_of_company_and_measure() -> None:
    company = texts(open_page("entity", {"id": "deepseek"}))
    assert "**Kind:** AI developer" in company and "ai_developer" not in company
    measure = texts(open_page("entity", {"id": "us_ai_diffusion_rule"}))
    assert "**Kind of measure:** Export-control rule" in measure
    assert "Restricts sales to China" in measure and "export_control_rule" not in measure
