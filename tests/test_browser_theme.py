"""Light and dark themes as a reader in a dark room sees them: the browser's preference, a story link, contrast."""

from __future__ import annotations

import pytest
from browser import wait_until_idle
from test_browser_accessibility import PAGES, serious_violations

BACKGROUND = "() => getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor"
TEXT = "() => getComputedStyle(document.querySelector('[data-testid=stMain] h1, [data-testid=stMain] h2')).color"


def luminance(css: str) -> float:
    """WCAG relative luminance of an 'rgb(r, g, b)' colour."""
    r, g, b = (int(v) / 255 for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.fixture
def dark_page(browser):
    """A fresh tab whose browser prefers a dark colour scheme (the reader's system setting)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, color_scheme="dark")
    tab = context.new_page()
    yield tab
    context.close()


def _open(page, url: str) -> None:
    page.goto(url)
    wait_until_idle(page)
    if page.locator("[data-testid=stVegaLiteChart]").count():
        page.wait_for_selector("[data-testid=stVegaLiteChart] svg, [data-testid=stVegaLiteChart] canvas")
        page.wait_for_timeout(500)


def test_a_browser_that_prefers_dark_gets_the_dark_theme(dark_page, app_url: str) -> None:
    _open(dark_page, app_url + "/")
    assert luminance(dark_page.evaluate(BACKGROUND)) < 0.05
    assert luminance(dark_page.evaluate(TEXT)) > 0.8


def test_a_browser_that_prefers_light_gets_the_light_theme(page, app_url: str) -> None:
    _open(page, app_url + "/")
    assert luminance(page.evaluate(BACKGROUND)) > 0.9
    assert luminance(page.evaluate(TEXT)) < 0.05


def test_the_story_link_keeps_the_dark_theme_in_the_presenters_window(dark_page, browser, app_url: str) -> None:
    _open(dark_page, app_url + "/")
    href = dark_page.get_by_role("link", name="Present the story").first.get_attribute("href")
    assert "embed_options=dark_theme" in href
    # Opened on a projector laptop whose browser prefers light, the link still shows the dark slides.
    context = browser.new_context(viewport={"width": 1280, "height": 720}, color_scheme="light")
    try:
        other = context.new_page()
        _open(other, app_url + "/" + href.lstrip("/"))
        assert luminance(other.evaluate(BACKGROUND)) < 0.05
        notes = other.get_by_role("link", name="Presenter's notes").get_attribute("href")
        assert "embed_options=dark_theme" in notes
    finally:
        context.close()


# Every page of the axe scan, and the pages this work added or changed (glossary, presenter's notes, status with its
# chart open, sites).
DARK_PAGES = [*PAGES, "/glossary", "/present?embed=true&step=4&notes=1", "/status?chart=1", "/sites"]


@pytest.mark.parametrize("path", DARK_PAGES)
def test_axe_finds_no_contrast_or_other_serious_violation_in_the_dark_theme(dark_page, app_url: str, path: str) -> None:
    _open(dark_page, app_url + path)
    assert luminance(dark_page.evaluate(BACKGROUND)) < 0.05, "the page is in the dark theme"
    bad = serious_violations(dark_page)
    assert bad == [], f"{path}: {bad}"


@pytest.mark.parametrize("path", ["/glossary", "/glossary?term=tpp", "/present?embed=true&step=4&notes=1"])
def test_axe_finds_no_serious_violation_on_the_new_pages_in_the_light_theme(page, app_url: str, path: str) -> None:
    _open(page, app_url + path)
    bad = serious_violations(page)
    assert bad == [], f"{path}: {bad}"
