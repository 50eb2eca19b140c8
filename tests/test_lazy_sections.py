"""Tables in closed expanders and tabs are built when the reader opens them, and a link still reaches them."""

from __future__ import annotations

from test_link_settings import share_link
from test_map_page import TABLES
from test_pages import open_page

from supplychain.data.load import DATA_DIR, load_dataset

SOURCES = load_dataset(DATA_DIR).tables["sources"]


def test_status_opens_without_its_table_and_shows_it_once_opened() -> None:
    closed = open_page("status", {"asof": "2025-11-27"})
    assert not closed.exception and len(closed.dataframe) == 0
    assert any(e.label.startswith("The answers on 27 Nov 2025 as a table") for e in closed.expander)
    opened = open_page("status", {"asof": "2025-11-27"}, opened={"status_table_open": True})
    assert set(opened.dataframe[0].value["Designer"]) == {"Nvidia", "Huawei"}


def test_status_draws_its_strip_only_when_asked_and_a_link_keeps_it_open() -> None:
    closed = open_page("status", {"asof": "2025-11-27"})
    assert not closed.exception and len(closed.get("vega_lite_chart")) == 0
    assert any(e.label.startswith("Show the chart: each chip's export status from") for e in closed.expander)
    assert "chart=" not in share_link(closed)
    opened = open_page("status", {"asof": "2025-11-27", "chart": "1"})
    assert len(opened.get("vega_lite_chart")) == 1 and "chart=1" in share_link(opened)
    assert not [i.value for i in opened.info if "Ignored in the link" in i.value]


def test_a_link_with_a_box_value_other_than_1_is_named_in_the_notice_and_leaves_the_box_closed() -> None:
    at = open_page("status", {"chart": "yes"})
    assert not at.exception and len(at.get("vega_lite_chart")) == 0
    notice = " ".join(i.value for i in at.info if "Ignored in the link" in i.value)
    assert "chart=yes" in notice and "1 opens it; left out, it stays closed" in notice
    assert "chart=" not in share_link(at)


def test_timeline_events_table_waits_for_the_reader() -> None:
    closed = open_page("timeline")
    assert not closed.exception and len(closed.dataframe) == 0
    opened = open_page("timeline", opened={"tl_table_open": True})
    assert len(opened.dataframe[0].value) > 10


def test_map_tables_wait_for_the_reader_and_list_every_place_and_flow_shown() -> None:
    closed = open_page("map")
    assert not closed.exception and len(closed.dataframe) == 0
    label = next(e.label for e in closed.expander if e.label.endswith("shown, as tables"))
    opened = open_page("map", opened=TABLES)
    places, flows = (d.value for d in opened.dataframe)
    assert label == f"The {len(places)} places and {len(flows)} flows shown, as tables"


def test_sources_builds_only_the_open_tab() -> None:
    at = open_page("sources")
    assert not at.exception and len(at.dataframe) == 0, "the claim cards need no table"
    listed = open_page("sources", opened={"sources_tab": "All sources"})
    assert set(listed.dataframe[0].value["source_id"]) == set(SOURCES["source_id"])


def test_a_link_naming_a_source_opens_on_its_tab_with_its_rows_and_no_notice() -> None:
    source = "ft_2025_11_27_pl"
    assert source in set(SOURCES["source_id"])
    at = open_page("sources", {"source": source})
    assert not at.exception, at.exception
    assert at.selectbox(key="source").value == source
    assert not [i.value for i in at.info if "Ignored in the link" in i.value]
    assert len(at.dataframe) == 2, "the sources table and the rows resting on the chosen source"


def test_profile_lists_its_ties_as_linked_lines_and_keeps_the_full_table_for_a_click() -> None:
    closed = open_page("entity", {"id": "deepseek"})
    assert not closed.exception and len(closed.dataframe) == 0
    header = next(h.value for h in closed.header if h.value.startswith("Ties ("))
    total = int(header.removeprefix("Ties (").rstrip(")"))
    lines = next(m.value for m in closed.markdown if m.value.startswith("- [")).split("\n")
    assert len(lines) == min(total, 12)
    assert all("(/entity?id=" in line and "**" in line for line in lines), lines
    assert any("(/entity?id=deepseek)" in line for line in lines), "each line names the profile's entity"
    opened = open_page("entity", {"id": "deepseek"}, opened={"ties_table_open": True})
    assert len(opened.dataframe[0].value) == total


def test_sites_table_waits_for_the_reader_and_lists_every_site_shown() -> None:
    closed = open_page("sites")
    assert not closed.exception and len(closed.dataframe) == 0
    heading = next(s.value for s in closed.subheader if s.value.startswith("Sites in this view ("))
    opened = open_page("sites", opened={"sites_table_open": True})
    assert heading == f"Sites in this view ({len(opened.dataframe[0].value)})"


def test_profile_lists_what_the_report_says_before_other_records() -> None:
    at = open_page("entity", {"id": "deepseek"})
    lines = next(m.value for m in at.markdown if m.value.startswith("- [")).split("\n")
    kinds = ["Reported by the FT" in line for line in lines]
    assert kinds[0] and kinds == sorted(kinds, reverse=True), lines


def test_data_dictionary_of_the_table_opens_on_demand_with_one_line_per_column() -> None:
    closed = open_page("data", {"table": "chips"})
    assert not closed.exception and len(closed.dataframe) == 1, "only the rows themselves"
    opened = open_page("data", {"table": "chips"}, opened={"dictionary_open": True})
    shown, entries = (d.value for d in opened.dataframe)
    data_columns = [c for c in shown.columns if c not in ("Added in", "Last changed in")]  # release history, not data
    assert len(entries) >= len(data_columns) and "description" in entries.columns
