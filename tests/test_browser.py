"""What only a browser shows: every page draws without an exception, and a filtered CSV download arrives."""

from __future__ import annotations

import csv
import io

import pytest
from browser import serve, wait_until_idle
from conftest import DATA_DIR, ROOT

from supplychain.data.load import load_dataset

PAGES = ["/", "/data", "/sources"]


@pytest.mark.parametrize("path", PAGES)
def test_page_draws_without_exception_and_shows_footer(page, app_url: str, path: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(app_url + path)
    wait_until_idle(page)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator("h1").count() >= 1
    page.get_by_text("Data version").first.wait_for(timeout=10000)
    assert errors == []


def test_filtered_csv_download_holds_exactly_the_rows_shown(page, app_url: str) -> None:
    page.goto(f"{app_url}/data?table=models&developer_id=deepseek")
    wait_until_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download these rows (CSV)").click()
    download = info.value
    assert download.suggested_filename.startswith("models_filtered_") and download.suggested_filename.endswith(".csv")
    text = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    models = load_dataset(DATA_DIR).tables["models"]
    expected = list(models[models["developer_id"] == "deepseek"]["model_id"])
    assert [r["model_id"] for r in rows] == expected, "a CSV's header is the columns' ids, in any language"
    assert {r["developer_id"] for r in rows} == {"deepseek"}


def test_deep_link_opened_first_after_start_goes_through_the_router(browser) -> None:
    # A fresh server whose first visitor opens /data directly (a shared link) must still get
    # the app's navigation, checks and footer, not Streamlit's legacy pages/ folder mode.
    with serve(ROOT) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        tab = context.new_page()
        tab.goto(f"{url}/data?table=chips")
        wait_until_idle(tab)
        tab.get_by_text("Data version").first.wait_for(timeout=15000)
        sidebar = tab.locator("[data-testid=stSidebar]").inner_text()
        assert "Relationships" in sidebar and "dashboard" not in sidebar
        context.close()
