"""What only a browser shows on the Data-centre sites page: the clipped boundaries, the report's areas and the markers
draw (read from the map canvas's pixels), land to the plot's edge, and a marker's tooltip names its site."""

from __future__ import annotations

from browser import blend, canvas_colours, canvas_edge_share, canvas_frame, wait_for_canvas_colour, wait_until_idle

from supplychain.charts import sites
from supplychain.charts.style import OWNERSHIP_COLOURS
from supplychain.data.load import load_dataset

# The site map's colours as drawn: the report's areas shade land and sea at 10 % opacity; filled markers are drawn at
# 85 % and hollow ones (no MW figure) outlined at 70 % over any of those, or whole.
AREA_LAND, AREA_SEA = blend(sites.AREA_COLOUR, sites.LAND, 0.1), blend(sites.AREA_COLOUR, sites.SEA, 0.1)
GROUND = [sites.SEA, sites.LAND, AREA_LAND, AREA_SEA]
COLOURS = {
    "land": [sites.LAND, AREA_LAND],
    "areas": [AREA_LAND, AREA_SEA],
    "labels": ["#1B1F24"],
    "leaders": ["#555555"],
    **{
        owner: [colour] + [blend(colour, under, opacity) for under in GROUND for opacity in (0.85, 0.7)]
        for owner, colour in OWNERSHIP_COLOURS.items()
    },
    "filled": [blend(colour, under, 0.85) for colour in OWNERSHIP_COLOURS.values() for under in GROUND],
}


def open_sites(browser, app_url: str, size: tuple[int, int], scale: float = 1):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, device_scale_factor=scale)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{app_url}/sites")
    wait_until_idle(page)
    page.locator("[data-testid=stVegaLiteChart]").first.wait_for(timeout=30000)
    wait_for_canvas_colour(page, COLOURS["filled"], least=500)  # the markers, drawn last over the land
    return context, page, errors


def test_site_map_draws_countries_areas_and_site_markers(browser, app_url: str) -> None:
    # On a 2x screen (a laptop's): the canvas holds two device pixels per CSS pixel a side, and the 0.8 px leader
    # lines have pixels of their own grey at their middle (on a 1x screen they only tint the ground).
    context, page, errors = open_sites(browser, app_url, (1280, 720), scale=2)
    try:
        frame = canvas_frame(page, GROUND)  # the plot, above the legends (which show the marker colours too)
        drawn = canvas_colours(page, COLOURS, clip=frame, blob=6)["colours"]
        # (That the boundaries are clipped to the corridor's few countries: tests/test_sites_page.py.)
        assert drawn["land"]["count"] > 0.15 * frame["width"] * (frame["bottom"] - frame["top"]), "countries drawn"
        assert drawn["areas"]["count"] > 5000, "the report's areas are shaded purple"
        for owner in OWNERSHIP_COLOURS:
            assert drawn[owner]["count"] >= 30, f"{owner} sites are drawn in their colour"
        assert drawn["filled"]["blobs"] >= 10, "site markers are drawn (12 filled ones, a few touching)"
        assert drawn["leaders"]["count"] >= 20, "spread markers are joined to their true point"
        assert drawn["labels"]["blobs"] >= 20, "towns are labelled (letters in the labels' ink)"
        box = page.locator("[data-testid=stVegaLiteChart]").first.bounding_box()
        assert box is not None and box["y"] < 720 / 2, "the map starts in the top half of a 1280x720 window"
        assert page.locator("[data-testid=stException]").count() == 0
        assert errors == []
    finally:
        context.close()


def test_site_map_land_reaches_the_edge_of_a_wide_plot(browser, app_url: str) -> None:
    context, page, _ = open_sites(browser, app_url, (1920, 1080))
    try:
        frame = canvas_frame(page, GROUND)
        assert frame["right"] - frame["left"] > 800, "the map fills its column"
        # West of the corridor lie Malaysia and Sumatra all the way to the plot's edge (its east is open sea): the
        # old clip to the corridor's box left a blank band there at 1920 px.
        assert canvas_edge_share(page, COLOURS["land"], frame, "left") > 0.1, "no land at the plot's left edge"
    finally:
        context.close()


def test_site_map_fills_the_width_of_its_column_at_1920(browser, app_url: str) -> None:
    context, page, _ = open_sites(browser, app_url, (1920, 1080))
    try:
        # The map's drawn plot (sea and land) against the column it stands in, in page pixels.
        frame = canvas_frame(page, GROUND)
        column = page.evaluate(
            "() => document.querySelector('[data-testid=stVegaLiteChart]').closest('[data-testid=stColumn]')"
            ".getBoundingClientRect().width"
        )
        assert frame["width"] >= 0.9 * column, f"the map leaves its column's width empty: {frame}, column {column}"
    finally:
        context.close()


def test_hovering_a_site_marker_shows_a_tooltip_naming_the_site(browser, app_url: str) -> None:
    context, page, _ = open_sites(browser, app_url, (1280, 720))
    try:
        frame = canvas_frame(page, GROUND)
        marker = canvas_colours(page, {"filled": COLOURS["filled"]}, clip=frame)["colours"]["filled"]["largest"]
        tooltip = page.locator("#vg-tooltip-element")
        page.mouse.move(marker["x"] - 30, marker["y"] - 30)
        page.mouse.move(marker["x"], marker["y"], steps=5)
        tooltip.wait_for(state="visible", timeout=10000)
        text = tooltip.inner_text()
        names = set(load_dataset().tables["sites"]["name"])
        assert "Site" in text and any(name in text for name in names), text
    finally:
        context.close()
