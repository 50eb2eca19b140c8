"""In a browser: the rows' address on the page opens the rows shown, and 'Cite this view' reopens the view."""

from __future__ import annotations

import re

import pandas as pd
from browser import wait_until_idle


def _rows_link(page, table: str) -> str:
    link = page.locator(f"[data-testid=stMain] a[href*='/api/v1/{table}.csv']").first
    link.wait_for(timeout=30000)
    return link.get_attribute("href")


def test_get_these_rows_by_url_opens_in_pandas_with_exactly_the_rows_on_screen(page, app_url: str) -> None:
    page.goto(f"{app_url}/data?table=models&developer_id=deepseek&open_weights=true")
    wait_until_idle(page)
    shown = re.search(r"(\d+) of (\d+) rows", page.locator("[data-testid=stMain]").inner_text())
    address = _rows_link(page, "models")
    assert address.startswith(app_url + "/api/v1/models.csv?")
    rows = pd.read_csv(address, dtype=str, keep_default_na=False)
    assert len(rows) == int(shown.group(1)) > 0
    assert set(rows["developer_id"]) == {"deepseek"} and set(rows["open_weights"]) == {"true"}


def test_export_status_rows_by_url_follow_the_day_shown(page, app_url: str) -> None:
    page.goto(f"{app_url}/status?asof=2025-11-27")
    wait_until_idle(page)
    address = _rows_link(page, "status")
    assert address == f"{app_url}/api/v1/status.csv?asof=2025-11-27"
    response = page.request.get(address)
    assert response.status == 200 and response.headers["content-type"].startswith("text/csv")


def test_cite_this_view_gives_bibtex_whose_link_reopens_the_view(page, app_url: str) -> None:
    page.goto(f"{app_url}/timeline?from=2025-01-01&to=2025-12-31")
    wait_until_idle(page)
    page.locator("[data-testid=stSidebar]").get_by_role("button", name="Cite this view").click()
    bibtex = page.locator("[data-testid=stPopoverBody] [data-testid=stText]").filter(has_text="@misc{").first
    bibtex.wait_for(timeout=15000)
    text = bibtex.inner_text()
    url = re.search(r"^\s*url = \{(.*)\},$", text, flags=re.M).group(1)
    assert "version = {" in text and "urldate = {" in text
    assert url.startswith(f"{app_url}/timeline?") and "from=2025-01-01" in url and "to=2025-12-31" in url
    page.goto(url)
    wait_until_idle(page)
    assert "from=2025-01-01" in page.url and "to=2025-12-31" in page.url
    assert page.locator("[data-testid=stMain] input[aria-label*=From]").first.input_value() == "2025-01-01"


def test_a_chart_saved_as_svg_carries_its_citation_version_link_and_licence(page, app_url: str) -> None:
    page.goto(f"{app_url}/status?asof=2025-11-27&chart=1")
    wait_until_idle(page)
    with page.expect_download(timeout=60000) as info:
        page.locator("[data-testid=stMain]").get_by_role("button", name="SVG").first.click()
    svg = open(info.value.path(), encoding="utf-8").read().replace("&amp;", "&")
    assert "Financial Times" in svg and "Data version" in svg and "CC BY 4.0" in svg
    assert f"{app_url}/status?asof=2025-11-27&chart=1" in svg, "the saved chart's link reopens it, open"


def test_the_view_bundles_readme_states_its_filters_as_plain_text(page, app_url: str) -> None:
    import zipfile

    page.goto(f"{app_url}/data?table=models&developer_id=deepseek&open_weights=true")
    wait_until_idle(page)
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="Download this view (ZIP)").click()
    with zipfile.ZipFile(info.value.path()) as bundle:
        readme = bundle.read("README.md").decode("utf-8")
    line = next(x for x in readme.splitlines() if x.startswith("Filters applied:"))
    assert line == "Filters applied: developer_id=deepseek; open_weights=true; table=models", line
