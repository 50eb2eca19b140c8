"""What only a browser shows on the Map page: land drawn edge to edge of a plot that fills the page, without the
world boundaries file, the marks drawn, and a typed As-of day applied on Enter."""

from __future__ import annotations

import re

import pytest
from browser import wait_until_idle

from supplychain.data import geography

# Vega draws the map as SVG: one <g class="mark-..."> group per layer, one element per mark inside.
_COUNT = (
    """(kind) => Array.from(document.querySelectorAll(`[data-testid=stVegaLiteChart] g.mark-${kind} > *`)).length"""
)
# The plot's frame (the view background) and the extent of the land shapes, in page pixels. The shapes' own
# boxes ignore the plot's clip, so land that reaches past both sides of the frame covers it edge to edge.
_EXTENT = """() => {
  const chart = document.querySelector('[data-testid=stVegaLiteChart]');
  const frame = chart.querySelector('path.background').getBoundingClientRect();
  const shapes = Array.from(chart.querySelectorAll('g.mark-shape > path')).map(p => p.getBoundingClientRect());
  const block = document.querySelector('[data-testid=stMainBlockContainer]');
  const style = getComputedStyle(block);
  const main = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {left: frame.left, right: frame.right, width: frame.width, main: main,
          landLeft: Math.min(...shapes.map(b => b.left)), landRight: Math.max(...shapes.map(b => b.right))};
}"""


def open_map(browser, app_url: str, query: str, size: tuple[int, int]):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    seen = {"errors": [], "world_file": [], "bytes": 0}
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    page.on("request", lambda r: seen["world_file"].append(r.url) if geography.BOUNDARIES_FILE in r.url else None)
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: seen.__setitem__("bytes", seen["bytes"] + len(f))))
    page.goto(f"{app_url}/map{query}")
    wait_until_idle(page)
    page.locator("[data-testid=stVegaLiteChart]").first.wait_for(timeout=20000)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stVegaLiteChart] g.mark-shape > path').length > 20",
        timeout=20000,
    )
    return context, page, seen


@pytest.mark.parametrize(
    ("region", "size"), [("east_asia", (1920, 1080)), ("sea", (1280, 720)), ("world", (1280, 720))]
)
def test_map_fills_the_page_with_land_edge_to_edge_without_the_world_file(
    browser, app_url: str, region: str, size: tuple[int, int]
) -> None:
    context, page, seen = open_map(browser, app_url, f"?region={region}", size)
    try:
        extent = page.evaluate(_EXTENT)
        assert extent["width"] > 0.9 * extent["main"], "the plot fills the width the page gives it"
        if region != "world":  # the world view ends where the Earth does
            assert extent["landLeft"] <= extent["left"] + 1 and extent["landRight"] >= extent["right"] - 1, (
                "land reaches both sides of the plot: no blank bands"
            )
        assert seen["world_file"] == [], "the browser never fetches the 756 KB world TopoJSON"
        assert seen["bytes"] < 600_000, "the page, boundaries included, arrives in a fraction of the world file"
        assert page.evaluate(_COUNT, "shape") > 20, "countries are drawn"
        assert page.evaluate(_COUNT, "symbol") >= 6, "place markers (and arrowheads) are drawn"
        assert page.evaluate(_COUNT, "line") >= 3, "flows are drawn"
        assert page.evaluate(_COUNT, "text") >= 4, "places are labelled"
        assert page.locator("[data-testid=stException]").count() == 0
        assert seen["errors"] == []
    finally:
        context.close()


def test_map_starts_above_the_fold_at_1280x720(browser, app_url: str) -> None:
    context, page, _ = open_map(browser, app_url, "", (1280, 720))
    try:
        top = page.locator("[data-testid=stVegaLiteChart]").first.bounding_box()["y"]
        # Under 340 px: more than half of the 720 px window is map, with room kept for its hover toolbar.
        assert top < 340, f"the map starts {top:.0f} px down"
    finally:
        context.close()


def test_enter_applies_a_typed_as_of_day_to_the_map(browser, app_url: str) -> None:
    context, page, seen = open_map(browser, app_url, "", (1280, 720))
    try:
        caption = page.get_by_text(re.compile(r"places and \d+ flows shown as of")).first
        assert "as of 1 Jan 2016" not in caption.inner_text()
        field = page.get_by_role("textbox", name="As of (YYYY-MM-DD)")
        field.fill("2016-01-01")
        field.press("Enter")  # no click elsewhere: the field keeps focus
        page.get_by_text(re.compile(r"flows shown as of 1 Jan 2016")).wait_for(timeout=20000)
        wait_until_idle(page)
        assert field.evaluate("el => el === document.activeElement")
        assert "asof=2016-01-01" in page.url
        field.fill("2016-13-45")
        field.press("Enter")
        page.get_by_text("is not a day between").wait_for(timeout=20000)
        assert "as of 1 Jan 2016" in caption.inner_text(), "a bad day keeps the last good one"
        assert seen["errors"] == []
    finally:
        context.close()


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_chart_toolbar_does_not_cover_the_as_of_field(browser, app_url: str, size: tuple[int, int]) -> None:
    context, page, _ = open_map(browser, app_url, "", size)
    chart = page.locator("[data-testid=stVegaLiteChart]").first
    chart.hover()
    toolbar = page.locator("[data-testid=stElementToolbar]").first
    toolbar.wait_for(state="visible", timeout=10000)
    page.wait_for_timeout(800)  # the toolbar fades and slides in: measure where it comes to rest
    tool, field = toolbar.bounding_box(), page.get_by_label("As of (YYYY-MM-DD)", exact=True).bounding_box()
    overlap = not (
        tool["x"] + tool["width"] <= field["x"]
        or field["x"] + field["width"] <= tool["x"]
        or tool["y"] + tool["height"] <= field["y"]
        or field["y"] + field["height"] <= tool["y"]
    )
    assert not overlap, (tool, field)
    context.close()
