"""What only a browser shows on the Export status page: Enter applies a typed day; plain answers at the top."""

from __future__ import annotations

from browser import wait_until_idle


def open_status(page, app_url: str, query: str = "") -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{app_url}/status{query}")
    wait_until_idle(page)
    page.get_by_text("Could the Nvidia H20 be sold to China on").first.wait_for(timeout=20000)
    return errors


def h20_answer(page) -> str:
    return page.locator("[data-testid=stMarkdownContainer]", has_text="Could the Nvidia H20 be sold").first.inner_text()


def test_enter_applies_a_typed_day_without_leaving_the_field(page, app_url: str) -> None:
    errors = open_status(page, app_url, "?asof=2025-06-01")
    assert "on 1 Jun 2025?" in h20_answer(page) and "No —" in h20_answer(page)
    field = page.get_by_role("textbox", name="Day (YYYY-MM-DD)")
    field.fill("2025-04-08")
    field.press("Enter")  # no click elsewhere: the field keeps focus
    page.get_by_text("Could the Nvidia H20 be sold to China on 8 Apr 2025?").wait_for(timeout=20000)
    wait_until_idle(page)
    assert "Yes — no export restriction" in h20_answer(page)
    assert field.evaluate("el => el === document.activeElement")
    assert "asof=2025-04-08" in page.url
    assert errors == []


def test_plain_answers_are_at_the_top_with_the_measure_linked(page, app_url: str) -> None:
    open_status(page, app_url, "?asof=2025-06-01")
    first = page.get_by_text("Could the Nvidia A100 be sold to China on 1 Jun 2025?")
    assert first.bounding_box()["y"] < 720, "the first answer shows without scrolling at 1280x720"
    link = page.get_by_role("link", name="US licence requirement on Nvidia H20 exports to China (April 2025)").first
    assert link.get_attribute("href").endswith("/entity?id=us_h20_licence_requirement")


def test_the_strip_is_drawn_when_its_box_is_opened_and_the_link_reopens_it_open(page, app_url: str, browser) -> None:
    """Below the answers, the chart waits for a click (it cost a third of opening the page); once opened, the
    address says chart=1, so a link drawn from it opens with the chart drawn."""
    open_status(page, app_url, "?asof=2025-06-01")
    assert page.locator("[data-testid=stVegaLiteChart]").count() == 0, "no chart before the reader asks"
    page.get_by_text("Show the chart: each chip's export status from").click()
    bars = page.locator("[data-testid=stVegaLiteChart] svg .mark-rect path")
    bars.first.wait_for(state="attached", timeout=20000)
    wait_until_idle(page)
    assert bars.count() > 10 and "chart=1" in page.url
    fresh = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        other = fresh.new_page()
        open_status(other, app_url, "?" + page.url.split("?", 1)[1])
        drawn = other.locator("[data-testid=stVegaLiteChart] svg .mark-rect path")
        drawn.first.wait_for(state="attached", timeout=20000)
        assert drawn.count() == bars.count(), "the link reopens the same chart"
    finally:
        fresh.close()
    page.get_by_text("Show the chart: each chip's export status from").click()
    wait_until_idle(page)
    assert "chart=1" not in page.url and page.locator("[data-testid=stVegaLiteChart]").count() == 0


def test_answers_table_is_drawn_when_its_expander_is_opened_and_stays_open(page, app_url: str) -> None:
    """The table is built only on opening (a rerun): the click must show it, and the rerun must not close it."""
    open_status(page, app_url, "?asof=2025-11-27")
    assert page.locator("[data-testid=stDataFrame]").count() == 0
    page.get_by_text("The answers on 27 Nov 2025 as a table").click()
    grid = page.locator("[data-testid=stDataFrame]")
    grid.wait_for(state="visible", timeout=20000)
    wait_until_idle(page)
    assert grid.count() == 1 and grid.first.is_visible()
    assert "status_table_open" not in page.url, "opening a table is not a setting of the shared view"


# Each source link's colour as drawn: its own colour, faded by the opacity of every element around it, over the
# page's background; and the contrast ratio of the two (WCAG 2 relative luminance).
LINK_CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => {
                       v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bg = rgb(getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor);
  return [...document.querySelectorAll('[data-testid=stMain] a[href^="http"]')]
    .filter(a => /Source:|Date from:/.test(a.closest('p, div').textContent))
    .map(a => {
      let alpha = 1;
      for (let e = a; e; e = e.parentElement) alpha *= Number(getComputedStyle(e).opacity);
      const fg = rgb(getComputedStyle(a).color).map((v, i) => alpha * v + (1 - alpha) * bg[i]);
      const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      return {text: a.textContent.slice(0, 40), ratio: (hi + 0.05) / (lo + 0.05)};
    });
}"""


def test_source_links_in_answer_captions_reach_4_5_to_1(page, app_url: str) -> None:
    open_status(page, app_url, "?asof=2026-03-01")
    links = page.evaluate(LINK_CONTRAST)
    assert len(links) >= 5
    low = [link for link in links if link["ratio"] < 4.5]
    assert low == [], low


def test_headings_go_in_order(page, app_url: str) -> None:
    open_status(page, app_url)
    levels = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] h1, h2, h3, h4')].map(h => +h.tagName[1])"
    )
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
