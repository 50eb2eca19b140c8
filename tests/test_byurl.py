"""Provenance that travels: the rows' address on the Data page, "Cite this view" on every page, chart footers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from test_pages import open_page

from supplychain.app.byurl import footer_lines
from supplychain.charts.footer import chart_title, with_footer
from supplychain.data.export import chart_image
from supplychain.data.load import load_dataset

DATASET = load_dataset()
PAGES = ["overview", "status", "map", "sites", "timeline", "relationships", "data", "sources"]


def _markdown(at) -> str:
    return " ".join(m.value.replace("\\", "") for m in at.markdown)


def test_the_data_page_gives_the_csv_address_of_exactly_its_filters() -> None:
    at = open_page("data", {"table": "models", "developer_id": "deepseek", "open_weights": "true", "q": "V3"})
    links = re.findall(r"\((/api/v1/models\.csv\?[^)]*)\)", _markdown(at))
    assert len(links) == 1, _markdown(at)
    query = parse_qs(urlsplit(links[0]).query)
    assert query == {"developer_id": ["deepseek"], "open_weights": ["true"], "q": ["V3"]}
    assert not [c for c in at.caption if "Get these rows by URL" in c.value] == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_offers_cite_this_view_with_version_access_date_and_its_link(path) -> None:
    at = open_page(path, {"table": "chips"} if path == "data" else None)
    assert not at.exception
    texts = [t.value for t in at.text]
    plain = next(t for t in texts if "Dataset version" in t)
    bibtex = next(t for t in texts if t.startswith("@misc{"))
    today = datetime.now(UTC).date().isoformat()
    assert f"version = {{{DATASET.version}}}" in bibtex and f"urldate = {{{today}}}" in bibtex
    assert f"Dataset version {DATASET.version}" in plain and f"(accessed {today})" in plain
    url = re.search(r"^  url = \{(.*)\},$", bibtex, flags=re.M).group(1)
    # AppTest serves the page it starts on at "/"; the browser test checks a real page's address.
    assert url.startswith("/") and (path != "data" or url.endswith("?table=chips")), url


def test_a_data_view_is_cited_with_its_filters_and_row_count() -> None:
    at = open_page("data", {"table": "models", "developer_id": "deepseek"})
    bibtex = next(t.value for t in at.text if t.value.startswith("@misc{"))
    rows = int((DATASET.tables["models"]["developer_id"] == "deepseek").sum())
    assert "AI models (filtered view)" in bibtex and f"developer_id=deepseek; {rows} rows" in bibtex
    assert "/api/v1/cite.ris?developer_id=deepseek&table=models" in _markdown(at)


def test_an_exported_chart_carries_title_citation_version_reach_link_and_licence() -> None:
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": "Chips by designer",
        "data": {"values": [{"a": "x", "b": 1}, {"a": "y", "b": 2}]},
        "mark": "bar",
        "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}},
    }
    link = "http://127.0.0.1:8501/status?asof=2025-11-27"
    lines = footer_lines(DATASET, link)
    svg = chart_image(with_footer(spec, chart_title(spec, "chart"), lines), "svg").decode()
    words = re.sub(r"&amp;", "&", svg)
    for expected in (
        "Chips by designer",
        "Financial Times",
        f"Data version {DATASET.version}",
        f"reviewed through {DATASET.reviewed_through}",
        link,
        "CC BY 4.0",
    ):
        assert expected in words, expected
    assert chart_image(with_footer(spec, "t", lines), "png").startswith(b"\x89PNG")
    assert spec["title"] == "Chips by designer", "the page's own chart is left as it was"
