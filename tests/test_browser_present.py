"""Story mode and shared links, as a presenter and a colleague who opens the link see them."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import wait_until_idle

from supplychain.story import STEPS


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_each_story_step_fits_a_shared_1280x720_window_without_scrollbars(
    page, app_url: str, number: int, tmp_path: Path
) -> None:
    page.goto(f"{app_url}/present?embed=true&step={number}")
    wait_until_idle(page)
    page.get_by_text(f"Step {number} of {len(STEPS)}").wait_for(timeout=15000)
    page.wait_for_selector("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg", timeout=15000)
    overflow = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]');"
        " return [m.scrollHeight - m.clientHeight, document.documentElement.scrollWidth - window.innerWidth]; }"
    )
    assert overflow[0] <= 0 and overflow[1] <= 0, f"step {number} scrolls by {overflow}"
    assert (
        page.locator("[data-testid=stSidebar]").count() == 0 or not page.locator("[data-testid=stSidebar]").is_visible()
    )
    assert page.locator("[data-testid=stException]").count() == 0
    body_px = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('[data-testid=stMain] h3')).fontSize)"
    )
    assert body_px >= 22
    page.screenshot(
        path=str(tmp_path / f"step_{number}.png")
    )  # kept with pytest's tmp_path, for a look after a failure


def test_arrow_keys_move_between_steps(page, app_url: str) -> None:
    page.goto(f"{app_url}/present?embed=true&step=2")
    wait_until_idle(page)
    page.keyboard.press("ArrowRight")
    page.get_by_text(f"Step 3 of {len(STEPS)}").wait_for(timeout=15000)
    assert "step=3" in page.url
    page.keyboard.press("ArrowLeft")
    page.get_by_text(f"Step 2 of {len(STEPS)}").wait_for(timeout=15000)


def test_shared_filter_follows_the_reader_to_another_page(page, app_url: str) -> None:
    page.goto(f"{app_url}/map?company=deepseek")
    wait_until_idle(page)
    page.locator("[data-testid=stSidebar]").get_by_role("link", name="Timeline").click()
    page.wait_for_url("**/timeline**", timeout=15000)
    wait_until_idle(page)
    page.wait_for_function("() => location.search.includes('company=deepseek')", timeout=15000)
    assert "DeepSeek" in page.locator("[data-testid=stMultiSelect]").filter(has_text="Company").inner_text()


def test_link_in_the_share_box_reopens_the_view_in_a_new_browser(browser, page, app_url: str) -> None:
    page.goto(f"{app_url}/relationships?focus=huawei&hops=2")
    wait_until_idle(page)
    link = page.locator("[data-testid=stSidebar] [data-testid=stCode] code").inner_text().strip()
    assert "focus=huawei" in link and "hops=2" in link
    summary = page.get_by_text("entities,").first.inner_text()  # "N entities, M ties (filtered)…" of the focused view
    other = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    other.goto(link)
    wait_until_idle(other)
    assert other.get_by_text("entities,").first.inner_text() == summary
    assert "(filtered)" in summary
    other.context.close()
