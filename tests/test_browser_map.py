"""What only a browser shows on the Map page: land drawn edge to edge of a plot that fills the page, without the
world boundaries file, the marks drawn (read from the canvas's pixels), and a typed As-of day applied on Enter."""

from __future__ import annotations

import re

import pytest
from browser import (
    blend,
    canvas_colours,
    canvas_edge_share,
    canvas_straight_edge,
    wait_for_canvas_colour,
    wait_until_idle,
)

from supplychain.charts import maps
from supplychain.charts.style import FLOW_GROUP_COLOURS, LOCATION_KIND_COLOURS
from supplychain.data import geography

# Vega draws the map on a canvas (charts/style.py MAP_USERMETA): what it shows is read from the canvas's pixels.
_MAIN_WIDTH = """() => {
  const block = document.querySelector('[data-testid=stMainBlockContainer]');
  const style = getComputedStyle(block);
  return block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
}"""
_COLOURS = {
    "land": [maps.LAND],
    "labels": ["#1B1F24"],
    "markers": list(LOCATION_KIND_COLOURS.values()),  # drawn opaque
    # Flow lines at 85 % opacity, over the sea (white) or the land.
    "flows": [blend(c, under, 0.85) for c in FLOW_GROUP_COLOURS.values() for under in ("#FFFFFF", maps.LAND)],
}


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
    wait_for_canvas_colour(page, [maps.LAND], least=5000)  # the land is drawn
    return context, page, seen


@pytest.mark.parametrize(
    ("region", "size", "land_edges"),
    [
        ("east_asia", (1920, 1080), ("left", "right")),
        ("sea", (1280, 720), ("left",)),  # its east edge is the open Pacific
        ("world", (1280, 720), ()),  # the world view ends where the Earth does
    ],
)
def test_map_fills_the_page_with_land_edge_to_edge_without_the_world_file(
    browser, app_url: str, region: str, size: tuple[int, int], land_edges: tuple[str, ...]
) -> None:
    context, page, seen = open_map(browser, app_url, f"?region={region}", size)
    try:
        drawn = canvas_colours(page, {"land": _COLOURS["land"]})
        plot, land = drawn["box"], drawn["colours"]["land"]
        assert plot["width"] > 0.9 * page.evaluate(_MAIN_WIDTH), "the plot fills the width the page gives it"
        # The plot: the canvas down to its lowest land (the legends, in the same colours, sit below it).
        clip = {**plot, "bottom": land["bottom"] + 1}
        for edge in land_edges:  # land fills part of the plot's outer 4 px on that side: no blank band there
            assert canvas_edge_share(page, _COLOURS["land"], clip, edge) > 0.1, f"no land at the plot's {edge} edge"
        if region != "world":
            # Boundaries clipped short of what the plot shows would end the land in a straight vertical line
            # inside the plot; a coastline does not run straight for 60 px.
            assert canvas_straight_edge(page, _COLOURS["land"]) < 60, "land cut off inside the plot: a blank band"
        assert seen["world_file"] == [], "the browser never fetches the 756 KB world TopoJSON"
        assert seen["bytes"] < 600_000, "the page, boundaries included, arrives in a fraction of the world file"
        marks = canvas_colours(page, _COLOURS, clip=clip)["colours"]
        assert marks["land"]["blobs"] > 20, "countries and islands are drawn: land in more than 20 pieces"
        assert marks["markers"]["blobs"] >= 6, "place markers are drawn"
        assert marks["flows"]["blobs"] >= 3, "flows are drawn"
        assert marks["labels"]["blobs"] >= 4, "places are labelled"
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
