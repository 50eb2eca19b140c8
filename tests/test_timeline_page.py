"""The Timeline page in Streamlit's AppTest: it draws, reads its link, and answers nonsense links with a notice."""

from __future__ import annotations

from conftest import DATA_DIR
from test_pages import open_page, texts

from supplychain.data.load import load_dataset
from supplychain.rules.timeline import causal_steps, timeline_items


def charts(at) -> list:
    found = []

    def walk(node) -> None:
        if getattr(node, "type", None) == "vega_lite_chart":
            found.append(node)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found


def test_timeline_page_draws_its_charts_and_tables() -> None:
    at = open_page("timeline")
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value.startswith("Timeline")
    assert len(charts(at)) == 2  # zoom strip, lanes (the chip status strip is on Export status)
    labels = [b.label for b in at.get("download_button")]
    assert "Events shown (CSV)" in labels and "Events shown (Excel)" in labels
    assert any("Export status" in link.label for link in at.get("page_link"))


def test_timeline_opens_on_the_story_and_shades_what_is_not_yet_reviewed() -> None:
    at = open_page("timeline")
    body = texts(at)
    assert "1 Jan 2025 to " in body  # the year of the first step of the report's chain (9 Apr 2025)
    assert "grey band = after" in body and "not in the data yet" in body


def test_link_reopens_lanes_dates_and_status_day() -> None:
    at = open_page("timeline", {"lanes": "us,models", "from": "2025-01-01", "to": "2025-12-31", "asof": "2025-04-09"})
    assert not at.exception, at.exception
    assert at.multiselect(key="lanes").value == ["us", "models"]
    assert at.text_input(key="from").value == "2025-01-01"
    body = texts(at)
    assert "1 Jan 2025 to 31 Dec 2025" in body
    assert "blue line = 9 Apr 2025" in body  # the day chosen on Export status, carried in the link


def test_nonsense_link_values_give_a_notice_not_an_exception() -> None:
    at = open_page(
        "timeline",
        {"lanes": "bogus", "from": "nope", "to": "2025-13-45", "asof": "1900-01-01", "colour": "red", "event": "zzz"},
    )
    assert not at.exception, at.exception
    notice = " ".join(i.value for i in at.info)
    for part in ("lanes=bogus", "from=nope", "to=2025-13-45", "asof=1900-01-01", "colour", "event=zzz"):
        assert part in notice, part
    assert len(charts(at)) == 2  # the page still draws, with the defaults


def test_from_after_to_is_read_as_the_range_between_them() -> None:
    at = open_page("timeline", {"from": "2025-12-31", "to": "2025-01-01"})
    assert not at.exception, at.exception
    assert "1 Jan 2025 to 31 Dec 2025" in texts(at)


def test_filters_that_match_nothing_say_so() -> None:
    at = open_page("timeline", {"lanes": "report", "category": "model_release"})
    assert not at.exception, at.exception
    assert any("No events match" in i.value for i in at.info)
    assert len(charts(at)) == 1  # the zoom strip remains


def test_choosing_a_lane_in_the_widget_narrows_the_events() -> None:
    at = open_page("timeline", opened={"tl_table_open": True})
    before = len(at.dataframe[0].value)
    at.multiselect(key="lanes").set_value(["models"]).run()
    assert not at.exception, at.exception
    after = at.dataframe[0].value
    assert 0 < len(after) < before
    assert set(after["Lane"]) <= {"Qwen (Alibaba)", "Doubao (ByteDance)", "DeepSeek"}
    assert at.query_params.get("lanes") is not None


def test_a_linked_event_shows_its_details_and_source() -> None:
    items = timeline_items(load_dataset(DATA_DIR).tables)
    step = causal_steps(items).iloc[0]  # a step of the report's chain: it carries a quote
    at = open_page("timeline", {"event": step["item_id"]})
    assert not at.exception, at.exception
    assert any(step["title"] in s.value for s in at.subheader)
    assert any("Polish quote" in e.label for e in at.expander) or any("Note:" in c.value for c in at.caption)


def test_typed_from_day_is_applied_and_a_bad_one_is_refused_with_a_warning() -> None:
    at = open_page("timeline", {"to": "2025-12-31"})
    at.text_input(key="from").set_value("2025-06-01").run()
    assert not at.exception, at.exception
    assert "1 Jun 2025 to 31 Dec 2025" in texts(at)
    at.text_input(key="from").set_value("2025-02-30").run()
    assert any("not a day" in w.value for w in at.warning)
    assert "1 Jun 2025 to 31 Dec 2025" in texts(at)  # the last good day stays


def test_event_categories_are_offered_in_words() -> None:
    options = open_page("timeline").multiselect(key="category").options
    assert "US measure" in options and "Nvidia chip" in options and "Model release" in options
    assert not any("_" in o for o in options)


def test_not_drawn_note_lists_only_undated_rows_of_the_lanes_shown() -> None:
    every = " ".join(c.value for c in open_page("timeline").caption if c.value.startswith("Not drawn")).replace(
        "\\", ""
    )
    assert "Qwen3.6" in every and "Huawei Ascend 910B" in every  # an undated model and an undated chip
    qwen = [c.value for c in open_page("timeline", {"lanes": "qwen"}).caption if c.value.startswith("Not drawn")]
    assert qwen and "Qwen3\\.6" in qwen[0] and "Huawei" not in qwen[0] and "Nvidia" not in qwen[0]
    us = [c.value for c in open_page("timeline", {"lanes": "us"}).caption if c.value.startswith("Not drawn")]
    assert us == []
