"""In a real browser, a hostile link gives no link, no image and no request to another host."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from browser import wait_until_idle

MD_LINK = "[Session expired, log in](https://example.com/login)"
MD_IMAGE = "![x](http://203.0.113.7/p.png)"
HTML = '<img src="http://203.0.113.8/i.png"><a href="https://example.net">x</a>'
AUTOLINK = "https://example.org/phish"


def test_a_hostile_link_draws_no_link_no_image_and_calls_no_other_host(page, app_url: str) -> None:
    own_host = urlsplit(app_url).hostname
    elsewhere: list[str] = []

    def guard(route) -> None:
        if urlsplit(route.request.url).hostname not in (own_host, None):
            elsewhere.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    settings = {
        "region": MD_LINK,
        "company": MD_IMAGE,
        "relation": HTML,
        "asof": AUTOLINK,
        "lanes": "A" * 100_000,
    }
    page.goto(f"{app_url}/map?" + "&".join(f"{k}={quote(v)}" for k, v in settings.items()))
    wait_until_idle(page, timeout_ms=60000)
    notice = page.locator("[data-testid=stAlert]").filter(has_text="Ignored in the link")
    notice.wait_for(timeout=15000)
    text = notice.inner_text()
    assert "example.com/login" in text and "203.0.113.7" in text, "the values are shown, as text"
    assert len(text) < 1500, "a 100 KB value is cut to a few dozen characters"
    assert notice.locator("a").count() == 0 and notice.locator("img").count() == 0
    main = page.locator("[data-testid=stMain]")
    for host in ("example.com", "example.net", "example.org", "203.0.113."):
        assert main.locator(f"a[href*='{host}']").count() == 0, host
        assert page.locator(f"img[src*='{host}']").count() == 0, host
    sidebar_links = page.locator("[data-testid=stSidebar] a[href*='example']")
    assert sidebar_links.count() == 0
    assert "AAAAAAAAAA" not in page.locator("[data-testid=stSidebar]").inner_text(), "the share box repeats no junk"
    page.wait_for_timeout(500)
    assert elsewhere == [], elsewhere
