"""Provenance that travels: the rows' address on the Data page, "Cite this view" on every page, chart footers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from test_pages import open_page

from supplychain.api.answers import answer
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
    assert "RIS: [/api/v1/cite.ris?developer_id=deepseek&table=models]" in _markdown(at)


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


def _addresses(at, path: str) -> list[dict[str, list[str]]]:
    return [parse_qs(urlsplit(a).query) for a in re.findall(rf"\((/api/v1/{re.escape(path)}[^)]*)\)", _markdown(at))]


def test_export_status_gives_the_address_of_its_answers_on_the_day_shown() -> None:
    at = open_page("status", {"asof": "2025-11-27"})
    assert _addresses(at, "status.csv") == [{"asof": ["2025-11-27"]}]

    body = answer(DATASET, "status.csv", [("asof", "2025-11-27")], base="", today=datetime.now(UTC).date()).body
    assert body.decode("utf-8-sig").count("\r\n") == len(DATASET.tables["chips"]) + 1


def test_the_timeline_gives_the_address_of_exactly_the_events_it_lists() -> None:
    at = open_page("timeline", {"from": "2025-01-01", "to": "2025-12-31"})
    (query,) = _addresses(at, "events.csv")
    ids = query["event_id"][0].split(",")
    events = DATASET.tables["events"]
    days = events["date"].between("2025-01-01", "2025-12-31")
    assert set(ids) <= set(events.loc[days, "event_id"]) and len(ids) == len(at.session_state["tl_rows"])
    assert set(ids) == {i for i in at.session_state["tl_rows"] if i in set(events["event_id"])}


def test_the_map_gives_the_addresses_of_its_places_and_flows() -> None:
    at = open_page("map", {"relation": "trains_in"})
    (places,) = _addresses(at, "locations.csv")
    (flows,) = _addresses(at, "relationships.csv")
    ties = DATASET.tables["relationships"].set_index("relationship_id")
    assert {ties.at[i, "relation"] for i in flows["relationship_id"][0].split(",")} == {"trains_in"}
    assert set(places["location_id"][0].split(",")) <= set(DATASET.tables["locations"]["location_id"])
