"""Story mode steps, links that reopen a view, and shared filters that follow the reader across pages."""

from __future__ import annotations

import pytest
from test_pages import open_page, texts

from supplychain.story import STEPS, enlarge_fonts


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_every_story_step_renders_its_visual_and_quote(number: int) -> None:
    at = open_page("present", {"step": str(number)})
    assert not at.exception, at.exception
    step = STEPS[number - 1]
    body = texts(at)
    assert step.heading in body and f"Step {number} of {len(STEPS)}" in body
    assert len(at.get("vega_lite_chart")) == 1
    assert not at.info, [i.value for i in at.info]


def test_next_button_moves_to_the_next_step_in_the_url() -> None:
    at = open_page("present", {"step": "2"})
    at.button[1].click().run()
    assert at.query_params["step"] == "3"
    assert STEPS[2].heading in texts(at)


def test_nonsense_step_opens_step_one_with_a_notice() -> None:
    at = open_page("present", {"step": "99"})
    assert not at.exception
    assert STEPS[0].heading in texts(at)
    assert any("step=99" in i.value for i in at.info)


def test_story_mode_has_no_sidebar_and_no_share_box() -> None:
    at = open_page("present")
    assert len(at.sidebar.children) == 0


def test_presentation_fonts_are_at_least_16px() -> None:
    spec = {
        "config": {"axis": {"labelFontSize": 11}},
        "layer": [{"mark": {"type": "text", "fontSize": 12}}],
        "datasets": {"d": [{"fontSize": 1}]},
    }
    out = enlarge_fonts(spec)
    assert out["config"]["axis"]["labelFontSize"] >= 16 and out["layer"][0]["mark"]["fontSize"] >= 16
    assert out["datasets"] == spec["datasets"], "data rows are left alone"


def test_shared_filters_follow_the_reader_to_the_next_page() -> None:
    at = open_page("map", {"company": "alibaba"})
    assert at.multiselect(key="company").value == ["alibaba"]
    # The reader opens the timeline in the same session: Streamlit drops the query string on a page switch.
    at.session_state["_test_start_page"] = "timeline"
    at.query_params.clear()
    at.run()
    assert not at.exception
    assert at.multiselect(key="company").value == ["alibaba"]
    assert at.query_params["company"] == "alibaba"


@pytest.mark.parametrize(
    ("page", "params", "key"),
    [
        ("data", {"table": "chips", "designer_id": "huawei"}, "designer_id"),
        ("map", {"region": "sea", "relation": "trains_in"}, "relation"),
        ("timeline", {"lanes": "us,nvidia", "from": "2025-01-01"}, "lanes"),
        ("relationships", {"focus": "deepseek", "hops": "2"}, "focus"),
        ("sources", {"claim": "deepseek_works_with_huawei"}, "claim"),
        ("entity", {"id": "h20"}, "id"),
    ],
)
def test_a_link_opened_fresh_reopens_the_same_view(page: str, params: dict[str, str], key: str) -> None:
    first = open_page(page, params)
    assert not first.exception and not first.info, [i.value for i in first.info]
    link = dict(first.query_params)
    again = open_page(page, link)
    assert dict(again.query_params) == link
    assert texts(again) == texts(first)


def test_a_per_chip_chart_shrinks_its_rows_so_more_chips_still_fit_the_slide() -> None:
    from supplychain.story import SLIDE_ROWS_HEIGHT, fit_to_slide

    for rows in (5, 13, 18):
        spec = {
            "height": {"step": 30},
            "layer": [{"encoding": {"y": {"field": "chip_name", "sort": list(range(rows))}}}],
        }
        step = fit_to_slide(spec)["height"]["step"]
        assert step * rows <= SLIDE_ROWS_HEIGHT and step <= 22
