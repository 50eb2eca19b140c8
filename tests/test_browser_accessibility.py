"""Accessibility in the browser: an axe-core scan of every page, heading order, keyboard focus, chart text."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import wait_until_idle

PAGES = [
    "/",
    "/status?chart=1",
    "/map",
    "/timeline",
    "/relationships",
    "/entity?id=deepseek",
    "/data",
    "/sources",
    "/present?embed=true&step=1",
    "/present?embed=true&step=4",
]
# What the scan leaves out, each named for whose it is (none of it is the app's own content):
EXCLUDED = [
    # Streamlit's own sidebar navigation: its <ul> holds <div> section wrappers around the <li> items.
    ["[data-testid=stSidebarNav]"],
    # Vega-Lite's own interval-selection brush on the timeline's zoom strip: the library draws it with a
    # graphics role and no name, and offers no ARIA setting for it (the chart itself is labelled).
    [".zoom_brush"],
    [".zoom_brush_bg"],
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def serious_violations(page) -> list[str]:  # noqa: ANN001  (a Playwright page)
    """axe's serious and critical WCAG 2.1 AA violations on the app's own content (Streamlit's chrome excluded)."""
    results = Axe().run(
        page,
        context={"exclude": EXCLUDED},
        options={"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": WCAG}},
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _open(page, app_url: str, path: str) -> None:
    page.goto(app_url + path)
    wait_until_idle(page)
    if page.locator("[data-testid=stVegaLiteChart]").count():
        page.wait_for_selector("[data-testid=stVegaLiteChart] svg, [data-testid=stVegaLiteChart] canvas")
        page.wait_for_timeout(500)


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_or_critical_violation_in_the_apps_own_content(page, app_url: str, path: str) -> None:
    _open(page, app_url, path)
    bad = serious_violations(page)
    assert bad == [], f"{path}: {bad}"


@pytest.mark.parametrize("path", [p for p in PAGES if not p.startswith("/present")])
def test_headings_go_down_one_level_at_a_time(page, app_url: str, path: str) -> None:
    _open(page, app_url, path)
    levels = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] :is(h1,h2,h3,h4,h5,h6)')]"
        ".filter(h => h.offsetParent !== null).map(h => Number(h.tagName[1]))"
    )
    assert levels and levels[0] == 1, levels
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"{path}: heading levels {levels}"


def test_keyboard_focus_shows_an_outline_on_links_and_controls(page, app_url: str) -> None:
    _open(page, app_url, "/data")
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "() => { const e = document.activeElement, s = getComputedStyle(e);"
                " return [e.tagName, s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }"
            )
        )
    links = [s for s in seen if s[0] == "A"]
    assert links, seen
    for tag, style, width, shadow in seen:
        assert (style != "none" and width >= 2) or shadow != "none", f"{tag} has no visible focus: {seen}"


@pytest.mark.parametrize(
    "path", ["/timeline", "/relationships", "/entity?id=deepseek", "/present?embed=true&step=6", "/map", "/sites"]
)
def test_every_chart_has_a_text_alternative(page, app_url: str, path: str) -> None:
    _open(page, app_url, path)
    labels = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]"
        ".map(c => (c.querySelector('[role=graphics-document]') || c).getAttribute('aria-label') || '')"
    )
    assert labels, path
    for label in labels:
        title, _, summary = label.partition(". ")
        assert title and len(summary) > 10, f"{path}: {labels}"
