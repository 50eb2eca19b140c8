"""The Data page and the sidebar search in a browser: a table switch leaves no stale filter, typos get suggestions."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from browser import wait_until_idle
from conftest import DATA_DIR

from supplychain.data.labels import TABLE_LABELS


def test_switching_tables_clears_the_filters_from_url_and_share_link(page, app_url: str) -> None:
    page.goto(f"{app_url}/data?table=models&developer_id=deepseek")
    wait_until_idle(page)
    share = page.locator(".st-key-share_link a")
    assert "developer_id=deepseek" in share.get_attribute("href")
    page.locator("[data-testid=stSelectbox]").filter(has_text="Table").click()
    page.get_by_role("option", name=TABLE_LABELS["chips"], exact=True).click()
    page.wait_for_function("() => location.search.includes('table=chips')", timeout=30000)
    wait_until_idle(page)
    assert "developer_id" not in page.url
    assert "developer_id" not in share.get_attribute("href") and "developer_id" not in share.inner_text()
    assert page.get_by_text("Ignored in the link").count() == 0
    assert page.get_by_text("not a setting of this page").count() == 0


def test_sidebar_search_suggests_names_for_a_typo(page, app_url: str) -> None:
    page.goto(app_url + "/")
    wait_until_idle(page)
    box = page.locator("[data-testid=stSidebar]").get_by_role(
        "textbox", name="Find a company, model, chip, place or rule"
    )
    box.fill("Deepsek")
    box.press("Enter")
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("Did you mean").wait_for(timeout=30000)
    assert sidebar.get_by_role("link", name="DeepSeek", exact=True).count() == 1


def test_sidebar_search_says_when_more_match_than_it_shows(page, app_url: str) -> None:
    page.goto(app_url + "/")
    wait_until_idle(page)
    box = page.locator("[data-testid=stSidebar]").get_by_role(
        "textbox", name="Find a company, model, chip, place or rule"
    )
    box.fill("nvidia")
    box.press("Enter")
    page.locator("[data-testid=stSidebar]").get_by_text("Showing 6 of").wait_for(timeout=30000)


def test_a_selected_data_row_opens_a_correction_whose_mail_names_it(page, app_url: str) -> None:
    first = (DATA_DIR / "chips.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]  # the file, not the app
    page.goto(f"{app_url}/data?table=chips")
    wait_until_idle(page)
    button = page.get_by_role("button", name="Suggest a correction for the selected row")
    assert button.is_disabled(), "off until a row is selected"
    grid = page.locator("[data-testid=stDataFrame]").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's selection box (a 35 px header row)
    page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some(b => b.innerText.includes('for the selected row')"
        " && !b.disabled)",
        timeout=30000,
    )
    wait_until_idle(page)
    button.click()
    dialog = page.get_by_role("dialog")
    mail = dialog.get_by_role("link", name="Open in your mail program")
    mail.wait_for(timeout=30000)
    body = parse_qs(urlsplit(mail.get_attribute("href")).query)["body"][0]
    assert f"Rows: chips:{first}" in body and "table=chips" in body
