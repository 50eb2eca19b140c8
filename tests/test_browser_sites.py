"""What only a browser shows on the Data-centre sites page: the clipped boundaries, the report's areas and the markers draw."""

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
