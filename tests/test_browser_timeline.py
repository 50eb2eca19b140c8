"""What only a browser shows on the Timeline: the charts draw marks, hover tells the date precision, the CSV arrives."""

from __future__ import annotations

import csv
import io

import pytest
from browser import wait_until_idle
from conftest import DATA_DIR


def open_timeline(page, app_url: str, query: str) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{app_url}/timeline{query}")
    wait_until_idle(page)
    page.locator("[data-testid=stVegaLiteChart] svg .mark-symbol path").first.wait_for(state="attached", timeout=15000)
    return errors


def test_timeline_chart_draws_marks_in_every_lane_and_shades_what_is_not_yet_reviewed(page, app_url: str) -> None:
    errors = open_timeline(page, app_url, "")
    assert page.locator("[data-testid=stException]").count() == 0
    charts = page.locator("[data-testid=stVegaLiteChart]")
    assert charts.count() == 2
    lanes_chart = charts.nth(1)
    assert lanes_chart.bounding_box()["height"] > 500  # ten lanes, readable
    assert lanes_chart.locator("svg .mark-symbol path").count() > 20  # the dots
    assert lanes_chart.locator("svg .mark-rect path").count() > 0  # month / year spans
    # the grey band after the reviewed-through day, titled on the chart
    assert lanes_chart.locator("svg .mark-text text", has_text="Not yet reviewed").count() == 1
    assert errors == []


def test_one_lane_link_draws_a_short_chart_with_its_marks(page, app_url: str) -> None:
    errors = open_timeline(page, app_url, "?lanes=us&from=2025-01-01")
    lanes_chart = page.locator("[data-testid=stVegaLiteChart]").nth(1)
    box = lanes_chart.bounding_box()
    assert 150 < box["height"] < 400
    assert lanes_chart.locator("svg .mark-symbol path").count() > 3
    assert page.get_by_text("US measures").first.is_visible()
    assert errors == []


def test_hover_shows_date_precision_and_source(page, app_url: str) -> None:
    open_timeline(page, app_url, "?lanes=us")
    # Hover the chart's symbols until one is an event dot (marker numbers and rings are symbols too); the
    # marks carry no ARIA labels of their own (the chart's text alternative names it), so find it by hovering.
    dots = page.locator("[data-testid=stVegaLiteChart]").nth(1).locator("svg .mark-symbol path")
    tooltip = page.locator("#vg-tooltip-element")
    text = ""
    for i in range(min(dots.count(), 40)):
        dots.nth(i).hover(force=True)
        page.wait_for_timeout(150)
        if tooltip.is_visible() and "Date known to" in (text := tooltip.inner_text()):
            break
    assert "Date known to" in text and "Source" in text


def test_events_csv_holds_exactly_the_events_shown(page, app_url: str) -> None:
    open_timeline(page, app_url, "?lanes=models&from=2025-01-01&to=2026-12-31")
    with page.expect_download() as info:
        page.get_by_role("button", name="Events shown (CSV)").click()
    download = info.value
    assert download.suggested_filename.startswith("timeline_events_filtered_")
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8-sig").read())))
    # The expected rows, read straight from the CSV files (not through the timeline code): model releases
    # from 2025 on, as events, plus the models' own release dates where no event covers them.
    events = list(csv.DictReader(open(DATA_DIR / "events.csv", encoding="utf-8")))
    models = list(csv.DictReader(open(DATA_DIR / "models.csv", encoding="utf-8")))
    developers = {"alibaba", "alibaba_cloud", "bytedance", "volcano_engine", "deepseek"}
    releases = [
        e for e in events if e["category"] == "model_release" and (e["model_id"] or e["company_id"] in developers)
    ]
    covered = {e["model_id"] for e in releases if e["model_id"]}
    expected = {e["event_id"] for e in releases if e["date"] >= "2025-01-01"} | {
        f"model_{m['model_id']}" for m in models if m["release_date"] >= "2025-01-01" and m["model_id"] not in covered
    }
    assert expected, "the shipped data has model releases from 2025 on"
    assert {r["item_id"] for r in rows} == expected, "the CSV header is the column ids"
    assert len(rows) == len(expected), "no event twice"


def test_brushing_the_zoom_strip_puts_the_range_in_the_link(page, app_url: str) -> None:
    open_timeline(page, app_url, "")
    strip = page.locator("[data-testid=stVegaLiteChart]").nth(0)
    box = strip.bounding_box()
    plot = strip.locator("svg path.background").first.bounding_box()  # the plot, without axis and title
    y = plot["y"] + plot["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.70, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.85, y, steps=8)
    page.mouse.up()
    page.wait_for_function("window.location.search.includes('from=')", timeout=15000)  # replaceState: no navigation
    wait_until_idle(page)
    assert "to=" in page.url
    caption = page.get_by_text("events,").first.inner_text()
    assert "1 Jan 2020" not in caption  # the view is zoomed


BOXES = """(chart) => [...chart.querySelectorAll('svg path, svg text')]
  .map(e => e.getBoundingClientRect()).filter(b => b.height > 0 && b.width > 0)
  .map(b => ({top: b.top, bottom: b.bottom}))"""


def test_zoom_strip_is_as_tall_as_its_content_and_shades_what_is_not_yet_reviewed(page, app_url: str) -> None:
    open_timeline(page, app_url, "")
    charts = page.locator("[data-testid=stVegaLiteChart]")
    strip, lanes = charts.nth(0), charts.nth(1)
    assert strip.locator("svg .mark-text text", has_text="Not yet reviewed").count() == 1
    grey = strip.locator("svg .mark-rect path[fill='#9aa0a6']")
    assert grey.count() == 1 and grey.first.bounding_box()["height"] > 20, "the band covers the strip's plot"
    box = strip.bounding_box()
    drawn = strip.evaluate(BOXES)
    assert box["y"] + box["height"] - max(b["bottom"] for b in drawn) <= 8, "no empty band at the strip's bottom"
    below = min(b["top"] for b in lanes.evaluate(BOXES))
    assert below - max(b["bottom"] for b in drawn) <= 40, "the lanes follow the strip without an empty band"


def test_typed_from_day_is_applied_on_enter(page, app_url: str) -> None:
    open_timeline(page, app_url, "?to=2025-12-31")
    before = page.get_by_text("events,").first.inner_text()
    field = page.get_by_role("textbox", name="From", exact=True)
    field.fill("2025-06-01")
    field.press("Enter")
    page.wait_for_function("window.location.search.includes('from=2025-06-01')", timeout=15000)
    wait_until_idle(page)
    after = page.get_by_text("events,").first.inner_text()
    assert "1 Jun 2025 to 31 Dec 2025" in after and after != before
    assert field.input_value() == "2025-06-01", "the typed day stays in the field"
    # the lanes chart starts at the typed day: its first axis label is June 2025 or later
    labels = page.locator("[data-testid=stVegaLiteChart]").nth(1).locator("svg .role-axis-label text")
    assert "Jan 2025" not in labels.all_inner_texts() and "Apr 2025" not in labels.all_inner_texts()


LABELS = """(chart) => {
  const box = e => { const b = e.getBoundingClientRect();
    return {text: e.textContent, l: b.left, r: b.right, t: b.top, b: b.bottom}; };
  const texts = [...chart.querySelectorAll('svg .mark-text text')];
  return {
    events: texts.filter(t => t.getAttribute('fill') === '#1B1F24').map(box),
    lanes: [...chart.querySelectorAll('svg .role-axis-label text')]
      .filter(t => t.getAttribute('font-weight') === 'bold').map(box),
  };
}"""


@pytest.mark.parametrize(
    ("width", "height"), [(1024, 768), (1280, 720), (1920, 1080)], ids=["1024x768", "1280x720", "1920x1080"]
)
def test_event_labels_neither_overlap_nor_cover_the_lane_names(browser, app_url: str, width: int, height: int) -> None:
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    open_timeline(page, app_url, "")  # the opening window: the report's story, crowded in 2025
    drawn = page.locator("[data-testid=stVegaLiteChart]").nth(1).evaluate(LABELS)
    page.context.close()
    events, lanes = drawn["events"], drawn["lanes"]
    assert len(events) >= 10 and len(lanes) >= 5, drawn
    plot_left = max(lane["r"] for lane in lanes)
    for i, one in enumerate(events):
        assert one["l"] >= plot_left, f"{one['text']!r} covers the lane names at {width}x{height}"
        for other in events[i + 1 :]:
            crossing = (
                one["l"] < other["r"] and other["l"] < one["r"] and one["t"] < other["b"] and other["t"] < one["b"]
            )
            assert not crossing, f"{one['text']!r} and {other['text']!r} overlap at {width}x{height}"


ALL_LANES = "us,cn,other_gov,nvidia,cn_chips,qwen,doubao,deepseek,report,industry"


def test_every_lane_chip_shows_whole_at_1280(page, app_url: str) -> None:
    open_timeline(page, app_url, f"?lanes={ALL_LANES}")
    # Each chip of the multiselect is a span inside its tags container; a cut one holds more text than it shows.
    chips = page.evaluate(
        """() => [...document.querySelectorAll(
                '[data-testid=stMain] [data-testid=stMultiSelectTagsContainer] > span > span')]
            .map(c => ({text: c.innerText.trim(), cut: [c, ...c.querySelectorAll('*')]
                .some(e => e.scrollWidth > e.clientWidth + 1)}))"""
    )
    assert len(chips) == 10 and "US measures" in [c["text"] for c in chips]
    assert [c["text"] for c in chips if c["cut"]] == [], "lane chips cut at 1280 px"


def test_timeline_legend_lists_only_the_kinds_drawn(page, app_url: str) -> None:
    open_timeline(page, app_url, "?lanes=us,qwen&from=2025-01-01")
    legend = page.locator("[data-testid=stVegaLiteChart]").nth(1).locator("svg .role-legend-label text")
    assert sorted(legend.all_text_contents()) == ["AI model", "Government measure"]
