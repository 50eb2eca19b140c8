"""Settings taken from a link: shown as plain text and cut short, dates only as YYYY-MM-DD, shared
settings carried only where they mean the same and are valid, and only applied ones repeated."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import DATA_DIR, ROOT
from streamlit.testing.v1 import AppTest

from supplychain.app.markdown import as_code, link_markdown
from supplychain.app.urlstate import SHARED_SETTINGS, carried_to, decode_date, describe_filters
from supplychain.data.load import load_dataset

APP = str(ROOT / "dashboard.py")
MD_LINK = "[Session expired, log in](https://example.com/login)"
MD_IMAGE = "![x](http://203.0.113.7/p.png)"
HTML = "<img src=x onerror=alert(1)>"


def open_page(page: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["_test_start_page"] = page
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def share_link(at: AppTest) -> str:
    """The address in the sidebar's "Link to this view" (a markdown link whose text is the address)."""
    links = [m.value for m in at.sidebar.markdown if re.fullmatch(r"\[.*\]\(.*\)", m.value)]
    assert len(links) == 1, links
    return re.fullmatch(r"\[.*\]\((.*)\)", links[0]).group(1)


def switch_to(at: AppTest, page: str) -> AppTest:
    """The reader clicks another page in the sidebar: Streamlit drops the query string on a page switch.

    This Streamlit's AppTest.switch_page runs the page through the router (st.navigation's registry).
    """
    at.query_params.clear()
    return at.switch_page(f"pages/{page}.py").run()


def outside_code_spans(markdown: str) -> str:
    """What Markdown would interpret: the text with every code span removed (CommonMark backtick fences)."""
    return re.sub(r"(`+) .*? \1", "", markdown)


@pytest.mark.parametrize(
    "text",
    ["plain", MD_LINK, MD_IMAGE, HTML, "a`b``c", "line\n\nbreak", "https://example.com/x"],
)
def test_a_code_span_holds_any_text_literally(text: str) -> None:
    span = as_code(text)
    assert "\n" not in span
    fence = re.match(r"`+", span).group(0)
    inner = span[len(fence) + 1 : -len(fence) - 1]
    assert fence not in inner, "the fence is longer than any backtick run inside"
    assert inner == text.replace("\n\n", " ").replace("\n", " ")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2025-01-01", True),
        ("20250101", False),
        ("2025-W01-1", False),
        ("2025-001", False),
        ("2025-1-1", False),
        ("2025-02-30", False),
        ("2025-01-01T00:00", False),
        ("٢٠٢٥-٠١-٠١", False),
        ("2100-12-31", True),
        ("2101-01-01", False),
    ],
)
def test_link_dates_are_taken_only_as_yyyy_mm_dd_up_to_an_upper_bound(text: str, ok: bool) -> None:
    value, bad = decode_date([text])
    assert (value is not None) == ok and (bad == []) == ok
    if ok:
        assert value == date.fromisoformat(text)


def test_a_page_bound_below_the_global_one_still_applies() -> None:
    assert decode_date(["2031-01-01"], high=date(2030, 12, 31)) == (None, ["2031-01-01"])


def test_each_shared_setting_is_declared_once_with_its_pages() -> None:
    pages = {"overview", "status", "map", "timeline", "relationships", "entity", "data", "sources", "present"}
    for key, setting in SHARED_SETTINGS.items():
        assert setting.meaning and setting.pages, key
        assert set(setting.pages) <= pages, key
    assert "overview" not in {p for s in SHARED_SETTINGS.values() for p in s.pages}


def test_only_settings_declared_for_the_next_page_are_carried() -> None:
    remembered = {"relation": "restricts", "company": "alibaba", "from": "2025-01-01"}
    assert carried_to("map", remembered, present=[]) == {"relation": "restricts", "company": "alibaba"}
    assert carried_to("data", remembered, present=[]) == {}
    assert carried_to("timeline", remembered, present=["company"]) == {"from": "2025-01-01"}


def test_view_bundle_filters_state_only_applied_values_cut_short() -> None:
    assert describe_filters({"relation": ["restricts"], "q": ["x" * 500], "empty": []}) == [
        "q=" + "x" * 79 + "…",
        "relation=restricts",
    ]


def test_notice_shows_link_values_as_plain_text_cut_short() -> None:
    at = open_page("map", {"region": MD_LINK, "company": MD_IMAGE, "relation": "A" * 100_000, HTML: "1"})
    assert not at.exception, at.exception
    notice = " ".join(i.value for i in at.info)
    assert notice.startswith("Ignored in the link:")
    live = outside_code_spans(notice)
    for token in ("](", "<", "http", "!["):
        assert token not in live, f"{token!r} outside a code span: {live}"
    assert "example.com/login" in notice and "203.0.113.7" in notice, "the values are shown, as text"
    assert len(notice) < 1000, "a 100 KB value is cut, not echoed"
    assert "A" * 80 not in notice
    share = share_link(at)
    assert "AAAA" not in share and "example.com" not in share, "the share link repeats only applied settings"


def test_a_carried_value_the_next_page_rejects_is_dropped_silently() -> None:
    at = open_page("relationships", {"relation": "restricts"})
    assert at.multiselect(key="relation").value == ["restricts"]
    at = switch_to(at, "map")
    assert not at.exception, at.exception
    assert "Map" in at.title[0].value, "the test reached the other page"
    assert not at.info, [i.value for i in at.info]
    assert "relation" not in at.query_params
    assert at.multiselect(key="relation").value == []


def test_a_carried_value_the_next_page_accepts_follows_the_reader() -> None:
    at = open_page("relationships", {"relation": "trains_in"})
    at = switch_to(at, "map")
    assert "Map" in at.title[0].value
    assert at.multiselect(key="relation").value == ["trains_in"]
    assert at.query_params["relation"] == "trains_in"


def test_settings_stay_behind_on_pages_where_they_mean_nothing_and_return_after() -> None:
    at = open_page("map", {"company": "alibaba"})
    at = switch_to(at, "data")
    assert "company" not in at.query_params and not at.info
    at = switch_to(at, "timeline")
    assert at.multiselect(key="company").value == ["alibaba"]


def test_a_payload_in_a_shared_setting_on_the_overview_is_flagged_and_never_carried() -> None:
    at = open_page("overview", {"company": MD_LINK})
    notice = " ".join(i.value for i in at.info)
    assert "company" in notice and "not a setting of this page" in notice
    at = switch_to(at, "timeline")
    assert "Timeline" in at.title[0].value
    assert "company" not in at.query_params and not at.info
    assert at.multiselect(key="company").value == []


def test_view_bundle_and_share_link_state_only_the_applied_filters() -> None:
    at = open_page("relationships", {"relation": "restricts,teleports", "junk": MD_LINK, "from": "20250101"})
    applied = at.session_state["_url_run"]["valid"]
    lines = describe_filters({k: [v] for k, v in applied.items() if v})
    assert lines == ["relation=restricts"]
    share = share_link(at)
    assert "relation=restricts" in share
    for raw in ("teleports", "junk", "example.com", "20250101"):
        assert raw not in share


def test_an_unknown_profile_id_is_echoed_as_plain_text_cut_short() -> None:
    at = open_page("entity", {"id": MD_LINK + "x" * 100_000})
    assert not at.exception, at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "No entity has the id" in warning and "example.com/login" in warning
    assert "](" not in outside_code_spans(warning) and len(warning) < 300


def test_share_link_is_a_plain_link_that_a_hostile_address_cannot_break_out_of() -> None:
    markdown = link_markdown("http://127.0.0.1/map) [log in](javascript:alert(1)) <img src=x>?company=alibaba")
    match = re.fullmatch(r"\[(.*)\]\(([^()\[\]<>\s]*)\)", markdown)
    assert match, markdown
    text, address = match.groups()
    assert address.startswith("http://127.0.0.1/map%29%20%5Blog%20in%5D%28javascript")
    assert re.sub(r"\\(.)", r"\1", text) == address, "the reader sees the address the link opens"
    plain = link_markdown("http://127.0.0.1:8501/map?company=alibaba&region=sea")
    assert plain.endswith("(http://127.0.0.1:8501/map?company=alibaba&region=sea)"), "a normal link is unchanged"


def test_a_filter_the_reader_cleared_does_not_come_back_on_the_next_page() -> None:
    at = open_page("relationships", {"relation": "trains_in"})
    at.multiselect(key="relation").set_value([]).run()
    assert "relation" not in at.query_params, "clearing the filter took it out of this page's address"
    at = switch_to(at, "map")
    assert "Map" in at.title[0].value, "the test reached the other page"
    assert at.multiselect(key="relation").value == []
    assert "relation" not in at.query_params


def test_a_share_link_keeps_the_reviewed_through_day_so_it_reopens_the_same_day_after_a_data_update() -> None:
    reviewed = load_dataset(DATA_DIR).reviewed_through  # the data's own default day, read from the package
    link = share_link(open_page("status"))
    assert f"asof={reviewed}" in link


def test_a_share_link_keeps_the_timelines_opening_window_and_a_chosen_day_wins() -> None:
    link = share_link(open_page("timeline"))
    assert re.search(r"from=\d{4}-\d{2}-\d{2}", link) and re.search(r"to=\d{4}-\d{2}-\d{2}", link)
    chosen = share_link(open_page("timeline", {"from": "2024-01-01"}))
    assert "from=2024-01-01" in chosen and chosen.count("from=") == 1


def test_a_data_derived_default_is_not_carried_to_the_next_page_as_if_chosen() -> None:
    at = open_page("timeline")
    at = switch_to(at, "relationships")
    assert "from" not in at.query_params


def test_shared_settings_are_described_in_the_readers_language() -> None:
    from supplychain.i18n import set_language

    setting = SHARED_SETTINGS["asof"]
    try:
        set_language("pl")
        assert "dzień" in setting.describe() and setting.describe() != setting.meaning
        assert setting.accepts("timeline").startswith("dzień w latach 2015-2030"), setting.accepts("timeline")
    finally:
        set_language("en")
    assert setting.accepts("timeline") == "a day in 2015-2030, drawn as a blue line"
