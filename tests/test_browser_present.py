"""Story mode and shared links, as a presenter and a colleague who opens the link see them."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import wait_until_idle

from supplychain.data.load import load_dataset
from supplychain.rules.story import story_steps

TABLES = load_dataset().tables
STEPS = story_steps(TABLES)
_CLAIMS = TABLES["claims"]
TABLES_FINDINGS = list(_CLAIMS.loc[_CLAIMS["is_key_finding"].fillna(False).astype(bool), "text_en"])
SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
# The visual's share of the window height at least, per window (heading, quote, buttons take the rest).
MIN_VISUAL_SHARE = {768: 0.5, 720: 0.45, 1080: 0.6}

MEASURE = """() => {
  const m = document.querySelector('[data-testid=stMain]');
  const v = document.querySelector('[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg');
  const r = v.getBoundingClientRect();
  return {scroll: m.scrollHeight - m.clientHeight, hscroll: document.documentElement.scrollWidth - innerWidth,
          height: r.height, width: r.width, bottom: r.bottom};
}"""


def _open_step(page, app_url: str, number: int, *, embed: bool = True, reload: bool = True) -> dict:
    if reload:
        page.goto(f"{app_url}/present?{'embed=true&' if embed else ''}step={number}")
    page.get_by_text(f"Step {number} of {len(STEPS)}").wait_for(timeout=60000)
    wait_until_idle(page, timeout_ms=90000)  # a cold server builds every step's map and graph once
    page.wait_for_selector("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg", timeout=15000)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg')"
        ".getBoundingClientRect().height > 250",
        timeout=15000,
    )
    return page.evaluate(MEASURE)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_story_step_fits_the_window_with_its_visual_filling_it(
    browser, app_url: str, width: int, height: int, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    _open_step(page, app_url, 1)
    for number in range(1, len(STEPS) + 1):
        if number > 1:  # the presenter's way: the → key, a rerun rather than a new session
            page.keyboard.press("ArrowRight")
        box = _open_step(page, app_url, number, reload=False)
        assert box["scroll"] <= 0 and box["hscroll"] <= 0, f"step {number} at {width}x{height} scrolls: {box}"
        assert box["height"] >= MIN_VISUAL_SHARE[height] * height, f"step {number} at {width}x{height}: {box}"
        assert box["width"] >= 0.8 * width, f"step {number} at {width}x{height}: {box}"
        assert box["bottom"] <= height
        assert page.locator("[data-testid=stException]").count() == 0
        sidebar = page.locator("[data-testid=stSidebar]")
        assert sidebar.count() == 0 or not sidebar.is_visible()
        quote_px = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.st-key-slide_quote h3')).fontSize)"
        )
        assert quote_px >= 20
        page.screenshot(path=str(tmp_path / f"step_{number}_{width}x{height}.png"))
    context.close()


def test_story_opened_without_embed_still_fits(page, app_url: str) -> None:
    for number in (1, 4):
        box = _open_step(page, app_url, number, embed=False)
        assert box["scroll"] <= 0 and box["hscroll"] <= 0, box
        assert box["height"] >= 0.45 * 720


def test_open_this_view_opens_the_normal_page_in_a_new_tab(page, app_url: str) -> None:
    _open_step(page, app_url, 6)
    link = page.get_by_role("link", name="Open this view")
    href = link.get_attribute("href")
    assert "embed" not in href and "relationships" in href and "focus=deepseek" in href
    assert link.get_attribute("target") == "_blank"
    with page.context.expect_page() as opened:
        link.click()
    other = opened.value
    wait_until_idle(other)
    assert "embed" not in other.url
    assert other.locator("[data-testid=stSidebarNav]").count() == 1, "the normal page, with its navigation"
    other.close()


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
    share = page.locator(".st-key-share_link a")
    link = share.get_attribute("href")
    assert "focus=huawei" in link and "hops=2" in link
    assert share.inner_text().strip() == link, "the link's text is the address it opens"
    summary = page.get_by_text("entities,").first.inner_text()  # "N entities, M ties (filtered)…" of the focused view
    other = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    other.goto(link)
    wait_until_idle(other)
    assert other.get_by_text("entities,").first.inner_text() == summary
    assert "(filtered)" in summary
    other.context.close()


# Every drawn text of the chain grid (step 4) and the tile under its centre, as boxes in page pixels.
CHAIN_BOXES = """() => {
  const svg = document.querySelector('[data-testid=stVegaLiteChart] svg');
  const box = e => { const b = e.getBoundingClientRect(); return {l: b.left, r: b.right, t: b.top, b: b.bottom}; };
  const tiles = [...svg.querySelectorAll('.mark-rect path')].map(box);
  return {svg: box(svg), tiles, texts: [...svg.querySelectorAll('.mark-text text')].map(t => ({
    text: t.textContent, px: parseFloat(t.getAttribute('font-size')), ...box(t)}))};
}"""


def _inside(inner: dict, outer: dict, inset: float = 0) -> bool:
    return (
        inner["l"] >= outer["l"] + inset
        and inner["r"] <= outer["r"] - inset
        and inner["t"] >= outer["t"] + inset
        and inner["b"] <= outer["b"] - inset
    )


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_chain_step_draws_every_cell_inside_its_tile_in_large_type(
    browser, app_url: str, width: int, height: int
) -> None:
    number = next(i for i, s in enumerate(STEPS, start=1) if s.visual == "chain")
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    _open_step(page, app_url, number)
    page.wait_for_selector("[data-testid=stVegaLiteChart] svg .mark-text text", timeout=15000)
    drawn = page.evaluate(CHAIN_BOXES)
    context.close()
    texts, tiles = drawn["texts"], drawn["tiles"]
    assert len(tiles) >= 6 and len(texts) >= len(tiles), drawn
    for text in texts:
        assert text["px"] >= 16, f"{text['text']!r} at {width}x{height}: {text['px']} px, too small for a room"
        assert _inside(text, drawn["svg"]), f"{text['text']!r} is cut at {width}x{height}"
        centre = {"l": (text["l"] + text["r"]) / 2, "t": (text["t"] + text["b"]) / 2}
        centre = {**centre, "r": centre["l"], "b": centre["t"]}
        under = [tile for tile in tiles if _inside(centre, tile)]
        if under:  # a cell: its lines stay in its tile (3 px: the white gap drawn between tiles)
            assert _inside(text, under[0], inset=3), f"{text['text']!r} spills out of its cell at {width}x{height}"
        else:  # a column header or a developer's name: clear of every tile
            assert not any(_overlap(text, tile) for tile in tiles), f"{text['text']!r} at {width}x{height}"
    for i, one in enumerate(texts):
        for other in texts[i + 1 :]:
            assert not _overlap(one, other), f"{one['text']!r} and {other['text']!r} overlap at {width}x{height}"


def _overlap(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


def _closing_step_texts(browser, app_url: str, width: int, height: int) -> dict:
    number = next(i for i, s in enumerate(STEPS, start=1) if s.visual == "standings")
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    _open_step(page, app_url, number)
    page.wait_for_selector("[data-testid=stVegaLiteChart] svg .mark-text text", timeout=15000)
    drawn = page.evaluate(CHAIN_BOXES)
    context.close()
    drawn["texts"] = [t for t in drawn["texts"] if t["text"].strip()]
    return drawn


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_closing_step_draws_every_finding_whole_inside_the_chart(
    browser, app_url: str, width: int, height: int
) -> None:
    drawn = _closing_step_texts(browser, app_url, width, height)
    texts = drawn["texts"]
    findings = TABLES_FINDINGS
    lines = " ".join(t["text"] for t in texts)
    for finding in findings:  # whole: every word of every finding is drawn, none shortened with "…"
        assert all(word in lines for word in finding.split()), f"{finding!r} is not whole at {width}x{height}"
    assert "…" not in lines
    for i, one in enumerate(texts):
        # Eleven whole sentences share a 358 px slide at 1280x720: the type is smaller than a short label's 16 px.
        assert one["px"] >= 12.5, one
        assert _inside(one, drawn["svg"]), f"{one['text']!r} is cut at {width}x{height}"
        for other in texts[i + 1 :]:
            assert not _overlap(one, other), f"{one['text']!r} and {other['text']!r} overlap at {width}x{height}"


def test_closing_step_type_grows_with_the_slide(browser, app_url: str) -> None:
    small = _closing_step_texts(browser, app_url, 1280, 720)["texts"]
    large = _closing_step_texts(browser, app_url, 1920, 1080)["texts"]
    assert min(t["px"] for t in large) >= 1.5 * max(t["px"] for t in small), (small[:2], large[:2])
