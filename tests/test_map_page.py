"""The Map page renders, opens the view in its link (?region=, filters, ?id=) and says when a link value is ignored
(AppTest)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pyarrow as pa
import pytest
from test_pages import open_page, texts

from supplychain.app.cache import DATA_DIR_ENV
from supplychain.data.load import DATA_DIR

TABLES = {"map_tables_open": True}  # the reader opens "The places and flows shown, as tables" under the map


def test_map_page_renders_the_map_with_places_and_flows() -> None:
    at = open_page("map")
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == "Map"
    assert at.selectbox(key="region").value == "east_asia"
    body = texts(at)
    assert "places and" in body and "flows shown" in body
    assert any("What the map does not know" in e.label for e in at.expander)
    assert [b.label for b in at.get("download_button")] == [
        "SVG",
        "PNG",
        "Handout (PDF)",
        "Places shown (CSV)",
        "Places shown (Excel)",
        "Flows shown (CSV)",
        "Flows shown (Excel)",
        "GeoJSON",
        "Download this view (ZIP)",
    ]


def test_region_in_the_link_opens_that_preset() -> None:
    at = open_page("map", {"region": "sea"})
    assert not at.exception
    assert at.selectbox(key="region").value == "sea"
    assert at.query_params["region"] == ["sea"] or at.query_params["region"] == "sea"


def test_nonsense_values_in_the_link_give_a_notice_not_an_exception() -> None:
    at = open_page("map", {"region": "mars", "company": "nobody", "relation": "teleports", "asof": "yesterday"})
    assert not at.exception, at.exception
    notice = " ".join(i.value for i in at.info)
    for part in ("region=mars", "company=nobody", "relation=teleports", "asof=yesterday"):
        assert part in notice
    assert at.selectbox(key="region").value == "east_asia"


def test_company_and_relation_filters_from_the_link_narrow_the_flows() -> None:
    everything = open_page("map", opened=TABLES)
    narrowed = open_page("map", {"company": "alibaba", "relation": "trains_in"}, opened=TABLES)
    assert narrowed.multiselect(key="company").value == ["alibaba"]
    assert narrowed.multiselect(key="relation").value == ["trains_in"]
    flows = narrowed.dataframe[-1].value
    assert len(flows) > 0 and set(flows["Relation"]) == {"trains in"} and set(flows["From"]) == {"Alibaba Group"}
    assert len(flows) < len(everything.dataframe[-1].value)


def test_changing_a_filter_writes_the_link() -> None:
    at = open_page("map")
    at.multiselect(key="relation").set_value(["supplies"]).run()
    assert not at.exception
    assert "supplies" in str(at.query_params.get("relation"))


def _data_with_a_dated_flow(tmp_path: Path, start: str, precision: str) -> Path:
    """A copy of the shipped data in which Alibaba's Singapore training flow starts on `start` (`precision`)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "relationships.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["relationship_id"] == "r_alibaba_trains_in_singapore":
            row["start_date"], row["start_precision"] = start, precision
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder


def _flow_rows(at) -> dict[str, str]:
    """Flows in the page's "Flows shown" table: flow id -> its When cell."""
    table = at.dataframe[-1].value
    return dict(zip(table["Flow id"], table["When"]))


def _drawn_flow_ids(at) -> set[str]:
    """Flow ids in the map chart's own arrow-head layer (what is drawn, not a caption)."""
    proto = at.get("vega_lite_chart")[0].proto
    for dataset in proto.datasets:
        if dataset.name == "heads":
            return set(pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()["flow_id"])
    raise AssertionError("the map has no arrow-head layer")


FLOW = "r_alibaba_trains_in_singapore"


def test_date_before_any_dated_flow_leaves_only_undated_flows(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(_data_with_a_dated_flow(tmp_path, "2025-04-09", "day")))
    later = open_page("map", {"asof": "2025-06-01"}, opened=TABLES)
    early = open_page("map", {"asof": "2015-01-01"}, opened=TABLES)
    assert not early.exception and not later.exception
    assert _flow_rows(later)[FLOW] == "since 9 Apr 2025"
    assert FLOW in _drawn_flow_ids(later)
    assert FLOW not in _flow_rows(early) and FLOW not in _drawn_flow_ids(early)
    assert all(when == "date unknown" or when.startswith("until ") for when in _flow_rows(early).values())
    assert _drawn_flow_ids(early) == set(_flow_rows(early))


@pytest.mark.parametrize(("asof", "drawn"), [("2025-04-10", False), ("2025-04-30", True), ("2025-05-01", True)])
def test_map_counts_a_month_only_start_from_the_months_last_day(tmp_path: Path, monkeypatch, asof, drawn) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(_data_with_a_dated_flow(tmp_path, "2025-04-01", "month")))
    at = open_page("map", {"asof": asof}, opened=TABLES)
    assert (FLOW in _drawn_flow_ids(at)) is drawn
    if drawn:
        assert _flow_rows(at)[FLOW] == "since Apr 2025", "worded at its precision, never '1 Apr 2025'"


def test_place_in_the_link_opens_its_detail_panel_with_relationships_and_quotes() -> None:
    at = open_page("map", {"id": "singapore"})
    assert not at.exception
    assert at.selectbox(key="id").value == "singapore"
    body = texts(at)
    assert "Who is there" in body and "Singapore" in body
    assert any("Polish quote" in e.label for e in at.expander)
