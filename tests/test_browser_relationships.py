"""What only a browser shows on the Relationships page: the network draws, and a click on an entity name opens its profile."""
from __future__ import annotations

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve, wait_until_idle
from conftest import ROOT


@pytest.fixture(scope="module")
def app_url():
    with serve(ROOT) as url:
        yield url


@pytest.fixture(scope="module")
def browser(app_url: str):
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Open "/" first: Streamlit 1.67 falls back to file-based pages for the whole server
        # when its very first visitor arrives on a deep link while a pages/ folder exists.
        warm = instance.new_page()
        warm.goto(app_url + "/")
        wait_until_idle(warm)
        warm.close()
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    yield tab
    context.close()


def test_network_draws_with_entities_and_ties(page, app_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{app_url}/relationships")
    wait_until_idle(page)
    chart = page.locator("[data-testid=stVegaLiteChart]").first
    chart.wait_for(timeout=20000)
    drawn = chart.locator("canvas, svg.marks").first
    drawn.wait_for(timeout=20000)
    box = drawn.bounding_box()
    assert box and box["width"] > 400 and box["height"] > 300
    assert page.get_by_text("entities,").count() >= 1
    assert page.locator("[data-testid=stException]").count() == 0
    assert errors == []


def test_click_on_an_entity_name_opens_its_profile(page, app_url: str) -> None:
    page.goto(f"{app_url}/relationships?focus=deepseek&hops=1")
    wait_until_idle(page)
    page.locator("[data-testid=stVegaLiteChart]").first.wait_for(timeout=20000)
    page.get_by_role("link", name="DeepSeek · open the profile").click()
    page.wait_for_url("**/entity?id=deepseek*", timeout=20000)
    wait_until_idle(page)
    page.get_by_role("heading", name="DeepSeek", exact=True).first.wait_for(timeout=20000)
    assert page.get_by_text("Key facts").count() >= 1
    assert page.locator("[data-testid=stException]").count() == 0


def test_unknown_profile_in_the_browser_suggests_entities(page, app_url: str) -> None:
    page.goto(f"{app_url}/entity?id=deep_seek")
    wait_until_idle(page)
    page.get_by_text("No entity has the id").first.wait_for(timeout=20000)
    page.get_by_role("link", name="DeepSeek").first.click()
    page.get_by_role("heading", name="DeepSeek", exact=True).first.wait_for(timeout=20000)
    page.wait_for_function("location.search.includes('id=deepseek')", timeout=10000)
