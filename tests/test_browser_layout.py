"""At 1024x768, the smallest window readers use: labels, buttons, names and legends show whole, not cut."""

from __future__ import annotations

import pytest
from browser import wait_until_idle

# Texts under `selector` (in the main area) that do not show whole: an element that clips its overflow (or ends
# it in "…") holds more than it shows, or the element runs past the main area's right edge.
CUT = """(selector) => {
  const main = document.querySelector('[data-testid=stMain]').getBoundingClientRect();
  const clipped = e => {
    const s = getComputedStyle(e);
    return (s.overflowX !== 'visible' || s.textOverflow === 'ellipsis') && e.scrollWidth > e.clientWidth + 1;
  };
  return [...document.querySelectorAll('[data-testid=stMain] ' + selector)]
    .filter(root => root.getBoundingClientRect().right > main.right + 1
      || [root, ...root.querySelectorAll('*')].some(clipped))
    .map(root => root.innerText.trim());
}"""

# Legend labels of a chart, and whether each is drawn inside the chart's box (a legend wider than its chart runs
# past the box and is cut off).
LEGEND = """(chart) => {
  const box = chart.getBoundingClientRect();
  return [...chart.querySelectorAll('svg .role-legend-label text')].map(t => {
    const b = t.getBoundingClientRect();
    return {text: t.textContent, inside: b.width > 0 && b.left >= box.left - 1 && b.right <= box.right + 1};
  });
}"""


# Placeholders ("All operators") wider than their input: the browser cuts them off with no "…".
PLACEHOLDERS_CUT = """() => {
  const ctx = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('[data-testid=stMain] input[placeholder]')].filter(e => {
    ctx.font = getComputedStyle(e).font;
    return ctx.measureText(e.placeholder).width > e.clientWidth + 1;
  }).map(e => e.placeholder);
}"""


@pytest.fixture
def small(browser):
    """A fresh tab at 1024x768."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, accept_downloads=True)
    yield context.new_page()
    context.close()


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_until_idle(page)
    assert page.locator("[data-testid=stException]").count() == 0


def test_relationships_legend_shows_all_five_entity_kinds_at_1024(small, app_url: str) -> None:
    open_page(small, f"{app_url}/relationships")
    chart = small.locator("[data-testid=stVegaLiteChart]").first
    chart.locator("svg .role-legend-label text").first.wait_for(state="attached", timeout=20000)
    labels = chart.evaluate(LEGEND)
    kinds = ["Company / organisation", "AI model", "Chip", "Place", "Policy / measure"]  # the page's five kinds
    for kind in kinds:
        assert any(label["text"] == kind and label["inside"] for label in labels), f"{kind!r} is cut: {labels}"


def test_relationships_controls_show_their_labels_whole_at_1024(small, app_url: str) -> None:
    open_page(small, f"{app_url}/relationships")
    assert small.evaluate(CUT, "[data-testid=stWidgetLabel]") == []
    for name in ("From", "To"):
        field = small.get_by_role("textbox", name=name)
        assert field.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), f"the {name} date is cut"


def test_overview_metric_labels_and_story_button_are_whole_at_1024(small, app_url: str) -> None:
    open_page(small, f"{app_url}/")
    labels = small.locator("[data-testid=stMain] [data-testid=stMetricLabel]")
    assert labels.count() == 9
    assert "Relationships" in labels.all_inner_texts()
    assert small.evaluate(CUT, "[data-testid=stMetricLabel]") == []
    assert small.evaluate(CUT, "[data-testid=stLinkButton]") == []
    assert small.get_by_role("link", name="Present the story").count() >= 2  # the page's button and the sidebar's


def test_data_download_buttons_show_their_labels_whole_at_1024(small, app_url: str) -> None:
    open_page(small, f"{app_url}/data")
    buttons = small.locator("[data-testid=stMain] [data-testid=stDownloadButton]")
    assert buttons.count() >= 4
    assert small.get_by_role("button", name="Download the whole dataset (ZIP)").count() == 1
    assert small.evaluate(CUT, "[data-testid=stDownloadButton]") == []


def test_profiles_index_shows_names_whole_at_1024(small, app_url: str) -> None:
    open_page(small, f"{app_url}/entity")
    names = small.locator("[data-testid=stMain] [data-testid=stPageLink]")
    assert names.count() > 50
    cut = small.evaluate(CUT, "[data-testid=stPageLink]")
    # A name up to 24 characters ("Princeton Digital Group") shows whole; only longer ones may end in "…".
    assert [name for name in cut if len(name) <= 24] == [], cut


def test_sites_filters_show_their_choice_whole_at_1024(small, app_url: str) -> None:
    open_page(small, f"{app_url}/sites")
    assert (
        small.locator("[data-testid=stMain] [data-testid=stMultiSelect]").count() == 4
    )  # owners, operators, statuses, tenant
    assert small.evaluate(CUT, "[data-testid=stWidgetLabel]") == []
    assert small.evaluate(PLACEHOLDERS_CUT) == []  # "All operators", not "All op…"


def test_export_status_jump_menu_and_strip_legend_are_whole_at_1024(small, app_url: str) -> None:
    open_page(small, f"{app_url}/status?chart=1")
    assert small.evaluate(PLACEHOLDERS_CUT) == []
    strip = small.locator("[data-testid=stVegaLiteChart]").first
    strip.locator("svg .role-legend-label text").first.wait_for(state="attached", timeout=20000)
    labels = strip.evaluate(LEGEND)
    assert len(labels) >= 4 and all(label["inside"] for label in labels), labels
