"""What only a browser shows on the Data-centre sites page: the clipped boundaries, the report's areas and the markers
draw."""

from __future__ import annotations

from browser import wait_until_idle

_COUNT = (
    """(kind) => Array.from(document.querySelectorAll(`[data-testid=stVegaLiteChart] g.mark-${kind} > *`)).length"""
)


def test_site_map_draws_countries_areas_and_site_markers(browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{app_url}/sites")
        wait_until_idle(page)
        page.locator("[data-testid=stVegaLiteChart]").first.wait_for(timeout=30000)
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=stVegaLiteChart] g.mark-symbol > path').length >= 15",
            timeout=30000,
        )
        # Clipped to the corridor: Malaysia, Singapore, Indonesia, plus the report's areas (Malaysia, Singapore).
        assert 3 <= page.evaluate(_COUNT, "shape") <= 12, "only the corridor's countries and the report's areas"
        assert page.evaluate(_COUNT, "symbol") >= 15, "site markers are drawn"
        assert page.evaluate(_COUNT, "rule") >= 5, "spread markers are joined to their true point"
        assert page.evaluate(_COUNT, "text") >= 4, "towns are labelled"
        box = page.locator("[data-testid=stVegaLiteChart]").first.bounding_box()
        assert box is not None and box["y"] < 720 / 2, "the map starts in the top half of a 1280x720 window"
        assert page.locator("[data-testid=stException]").count() == 0
        assert errors == []
    finally:
        context.close()


def test_site_map_land_reaches_the_edge_of_a_wide_plot(browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/sites")
        wait_until_idle(page)
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=stVegaLiteChart] g.mark-shape > path').length >= 3",
            timeout=30000,
        )
        # The plot's frame and the land shapes' extent (their boxes ignore the plot's clip), in page pixels.
        extent = page.evaluate(
            """() => {
              const chart = document.querySelector('[data-testid=stVegaLiteChart]');
              const frame = chart.querySelector('path.background').getBoundingClientRect();
              const shapes = Array.from(chart.querySelectorAll('g.mark-shape > path'))
                .map(p => p.getBoundingClientRect());
              return {left: frame.left, right: frame.right,
                      landLeft: Math.min(...shapes.map(b => b.left)), landRight: Math.max(...shapes.map(b => b.right))};
            }"""
        )
        assert extent["right"] - extent["left"] > 800, "the map fills its column"
        # West of the corridor lie Malaysia and Sumatra all the way to the plot's edge (its east is open sea): the
        # old clip to the corridor's box left a blank band there at 1920 px.
        assert extent["landLeft"] <= extent["left"] + 1, "land reaches the plot's left edge: no blank band"
    finally:
        context.close()


def test_site_map_fills_the_width_of_its_column_at_1920(browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/sites")
        wait_until_idle(page)
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=stVegaLiteChart] g.mark-shape > path').length >= 3",
            timeout=30000,
        )
        # The map's frame (the sea drawn under the land) against the column it stands in, in page pixels.
        widths = page.evaluate(
            """() => {
              const chart = document.querySelector('[data-testid=stVegaLiteChart]');
              const width = e => e.getBoundingClientRect().width;
              const sea = chart.querySelector('g.mark-rect > path');
              return {map: sea ? width(sea) : 0, column: width(chart.closest('[data-testid=stColumn]'))};
            }"""
        )
        assert widths["map"] >= 0.9 * widths["column"], f"the map leaves its column's width empty: {widths}"
    finally:
        context.close()
