"""What only a browser shows on the Relationships page: the network draws, and a click on an entity name opens its
profile."""

from __future__ import annotations

from browser import wait_until_idle


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


def test_enter_applies_a_typed_from_date_to_the_network(page, app_url: str) -> None:
    page.goto(f"{app_url}/relationships")
    wait_until_idle(page)
    before = page.get_by_text("entities,").first.inner_text()
    assert "(filtered)" not in before
    field = page.get_by_role("textbox", name="To")
    field.fill("2023-01-01")
    field.press("Enter")  # no click elsewhere
    page.wait_for_function("location.search.includes('to=2023-01-01')", timeout=20000)
    wait_until_idle(page)
    after = page.get_by_text("entities,").first.inner_text()
    ties = lambda text: int(text.split(" ties")[0].split()[-1])  # noqa: E731
    assert "(filtered)" in after and ties(after) < ties(before)
    assert page.locator("[data-testid=stException]").count() == 0
