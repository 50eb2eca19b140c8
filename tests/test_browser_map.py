"""What only a browser shows on the Map page: the boundaries arrive from the static file and the map draws its marks."""

from __future__ import annotations

import pytest
from browser import wait_until_idle

from supplychain import geo

# Vega draws the map as SVG: one <g class="mark-..."> group per layer, one element per mark inside.
_COUNT = (
    """(kind) => Array.from(document.querySelectorAll(`[data-testid=stVegaLiteChart] g.mark-${kind} > *`)).length"""
)


@pytest.mark.parametrize("region", ["sea", "world"])
def test_map_draws_countries_markers_and_flows(browser, app_url: str, region: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    errors: list[str] = []
    boundary_status: list[int] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: boundary_status.append(r.status) if r.url.endswith(geo.BOUNDARIES_FILE) else None)
    try:
        page.goto(f"{app_url}/map?region={region}")
        wait_until_idle(page)
        chart = page.locator("[data-testid=stVegaLiteChart]").first
        chart.wait_for(timeout=20000)
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=stVegaLiteChart] g.mark-shape > path').length > 50",
            timeout=20000,
        )
        assert boundary_status == [200], "the boundaries come from the static file, once"
        assert page.evaluate(_COUNT, "shape") > 150, "countries are drawn"
        assert page.evaluate(_COUNT, "symbol") >= 6, "place markers (and arrowheads) are drawn"
        assert page.evaluate(_COUNT, "line") >= 3, "flows are drawn"
        assert page.evaluate(_COUNT, "text") >= 4, "places are labelled"
        assert page.locator("[data-testid=stException]").count() == 0
        assert errors == []
    finally:
        context.close()
