"""What only a browser shows of the reader's language: every page opens in Polish from a ?lang=pl link in a fresh
browser, and the sidebar switch changes the language while keeping every filter in the address."""

from __future__ import annotations

import pytest
from browser import wait_until_idle

from supplychain.data.labels import PAGE_TITLES
from supplychain.i18n import _, set_language

# Each page's address with a view worth opening; the Polish words to expect are read from the catalogue.
PAGES = {
    "overview": "/overview?lang=pl",
    "status": "/status?lang=pl&chart=1",
    "map": "/map?lang=pl",
    "sites": "/sites?lang=pl",
    "timeline": "/timeline?lang=pl&company=alibaba",
    "relationships": "/relationships?lang=pl",
    "entity": "/entity?lang=pl&id=alibaba",
    "data": "/data?lang=pl&table=events",
    "sources": "/sources?lang=pl",
    "present": "/present?lang=pl",
}


def polish(message: str) -> str:
    set_language("pl")
    try:
        return _(message)
    finally:
        set_language("en")


@pytest.mark.parametrize("page_name", list(PAGES))
def test_a_polish_link_opens_the_page_in_polish_in_a_fresh_browser(page, app_url: str, page_name: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(app_url + PAGES[page_name])
    wait_until_idle(page)
    assert page.locator("[data-testid=stException]").count() == 0
    assert errors == []
    if page_name == "present":  # story mode has no sidebar: its step buttons speak Polish
        assert page.get_by_role("button", name=polish("Next")).count() == 1
        return
    sidebar = page.locator("[data-testid=stSidebar]")
    title = polish(PAGE_TITLES.msgids()[page_name])
    assert sidebar.get_by_role("link", name=title).count() >= 1, f"navigation shows {title!r}"
    assert page.get_by_text(polish("Data version {version}, built {day}").split("{")[0].strip()).count() >= 1
    assert "lang=pl" in page.locator(".st-key-share_link a").get_attribute("href"), "the share link keeps Polish"


def test_switching_to_english_keeps_every_filter_in_the_address(page, app_url: str) -> None:
    page.goto(app_url + "/timeline?lang=pl&company=alibaba&from=2024-01-01&to=2025-12-31")
    wait_until_idle(page)
    page.locator("[data-testid=stSidebar] [data-testid=stRadio]").get_by_text("English", exact=True).click()
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=30000)
    wait_until_idle(page)
    for setting in ("company=alibaba", "from=2024-01-01", "to=2025-12-31"):
        assert setting in page.url, setting
    assert page.locator("h1").first.inner_text().startswith("Timeline")
    share = page.locator(".st-key-share_link a").get_attribute("href")
    assert "lang=en" in share and "company=alibaba" in share
