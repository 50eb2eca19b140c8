"""One test per kind of bug that once went uncaught: each fails when its one-line rule breaks.

Expected values are written by hand from the small frames built here, never computed by the code under test.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pandas as pd
from conftest import rewrite_csv
from test_status import _chip, _edge, _policy, status_of, tables_of

from supplychain.app.markdown import escape_md
from supplychain.app.urlstate import decode_date
from supplychain.charts.network import edge_table
from supplychain.data.export import neutralise, to_csv_bytes
from supplychain.data.load import fingerprint, load_dataset
from supplychain.rules import geo
from supplychain.rules.filters import filter_rows
from supplychain.rules.provenance import with_citations
from supplychain.rules.status import measure_windows
from supplychain.rules.timeline import filter_items

# --- filters keep every chosen value -------------------------------------------------------------


def test_a_filter_keeps_every_one_of_several_chosen_values() -> None:
    frame = pd.DataFrame({"id": ["a", "b", "c", "d"], "kind": ["x", "y", "z", "x"]})
    assert list(filter_rows(frame, equals={"kind": ["x", "z"]})["id"]) == ["a", "c", "d"]
    assert list(filter_rows(frame, equals={"kind": ["z", "y"]})["id"]) == ["b", "c"]


def test_timeline_filters_keep_every_chosen_company_and_category() -> None:
    items = pd.DataFrame(
        {
            "item_id": ["1", "2", "3", "4"],
            "lane": ["us", "qwen", "doubao", "nvidia"],
            "company_id": ["a", "b", "c", "a"],
            "category": ["us_measure", "model_release", "model_release", "nvidia_chip"],
            "date": pd.to_datetime(["2025-01-01"] * 4),
            "end": pd.to_datetime(["2025-01-01"] * 4),
        }
    )
    assert list(filter_items(items, companies=["b", "c"])["item_id"]) == ["2", "3"]
    assert list(filter_items(items, categories=["us_measure", "nvidia_chip"])["item_id"]) == ["1", "4"]
    assert list(filter_items(items, lanes=["us", "doubao"])["item_id"]) == ["1", "3"]


def test_map_flows_keep_every_chosen_relation_and_company() -> None:
    flows = pd.DataFrame(
        {
            "flow_id": ["f1", "f2", "f3"],
            "relation": ["trains_in", "supplies", "operates"],
            "company_ids": ["a", "b,c", "d"],
            "origin_id": ["p1", "p2", "p3"],
            "dest_id": ["q1", "q2", "q3"],
        }
    )
    assert list(geo.select_flows(flows, relations=["trains_in", "operates"])["flow_id"]) == ["f1", "f3"]
    assert list(geo.select_flows(flows, companies=["a", "c"])["flow_id"]) == ["f1", "f2"]


def test_company_filter_keeps_the_far_ends_of_its_flows() -> None:
    points = pd.DataFrame(
        {"location_id": ["home", "hub", "elsewhere"], "company_ids": ["acme", "", "other"]},
    )
    flows = pd.DataFrame(
        {
            "flow_id": ["f"],
            "relation": ["trains_in"],
            "company_ids": ["acme"],
            "origin_id": ["home"],
            "dest_id": ["hub"],
        }
    )
    shown = geo.select_points(points, flows, companies=["acme"])
    assert set(shown["location_id"]) == {"home", "hub"}, "the hub where Acme trains has no Acme office but is an end"


# --- validation rules ------------------------------------------------------------------------------


def _problems(data_dir: Path) -> list[str]:
    dataset = load_dataset(data_dir)
    assert not dataset.ok
    return [str(p) for p in dataset.problems]


def test_a_measure_ending_before_it_took_effect_is_refused(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[0]["ended_date"] = "2025-01-14"  # effective 2025-01-15

    rewrite_csv(mini_dir / "policies.csv", bad)
    assert any(
        "policies.csv" in p and "ended_date" in p and "on or after effective_date" in p for p in _problems(mini_dir)
    )


def test_a_tie_ending_before_it_started_is_refused(mini_dir: Path) -> None:
    def bad(header, rows):
        row = next(r for r in rows if r["start_date"])
        row["end_date"], row["end_precision"] = "2024-12-31", "day"

    rewrite_csv(mini_dir / "relationships.csv", bad)
    assert any(
        "relationships.csv" in p and "end_date" in p and "on or after start_date" in p for p in _problems(mini_dir)
    )


def test_an_end_on_its_start_day_is_accepted(mini_dir: Path) -> None:
    def same_day(header, rows):
        row = next(r for r in rows if r["start_date"])
        row["end_date"], row["end_precision"] = row["start_date"], "day"

    rewrite_csv(mini_dir / "relationships.csv", same_day)
    assert load_dataset(mini_dir).ok


def test_a_tie_date_without_precision_is_refused(mini_dir: Path) -> None:
    def bad(header, rows):
        next(r for r in rows if r["start_date"])["start_precision"] = ""

    rewrite_csv(mini_dir / "relationships.csv", bad)
    assert any("start_precision" in p and "how much of start_date is known" in p for p in _problems(mini_dir))


# --- the status rule --------------------------------------------------------------------------------


def test_an_undated_rescission_falls_back_to_the_rescinding_measures_date() -> None:
    tables = tables_of(
        [_chip("c", "2020-01-01")],
        [_policy("rule", "restricts", "2025-01-15"), _policy("undo", "lifts", "2025-05-13")],
        [_edge("a", "rule", "restricts", "c", "2025-01-15"), _edge("b", "undo", "rescinds", "rule", to_kind="policy")],
    )
    window = measure_windows(tables).iloc[0]
    assert window["end"] == pd.Timestamp("2025-05-13") and window["end_reason"] == "rescinded by undo"
    assert status_of(tables, "c", "2025-05-12")["status"] == "restricted"
    assert status_of(tables, "c", "2025-05-13")["status"] == "unrestricted"


def test_the_earliest_of_several_ends_closes_the_window() -> None:
    tables = tables_of(
        [_chip("c", "2020-01-01")],
        [_policy("rule", "restricts", "2025-01-15", ended="2025-09-30"), _policy("undo", "lifts", "2025-07-01")],
        [
            _edge("a", "rule", "restricts", "c", "2025-01-15", end="2025-08-15"),
            _edge("b", "undo", "rescinds", "rule", "2025-07-01", to_kind="policy"),
        ],
    )
    window = measure_windows(tables).iloc[0]
    assert window["end"] == pd.Timestamp("2025-07-01") and window["end_reason"] == "rescinded by undo"
    tables["relationships"].loc[0, "end_date"] = pd.Timestamp("2025-06-01")
    assert measure_windows(tables).iloc[0]["end"] == pd.Timestamp("2025-06-01")


# --- wording, escaping, export ----------------------------------------------------------------------


def test_network_ties_are_dated_at_their_precision() -> None:
    edges = pd.DataFrame(
        {
            "relation": ["trains_in", "restricts", "partners_with"],
            "start_date": pd.to_datetime(["2025-04-01", "2023-01-01", None]),
            "start_precision": ["month", "year", None],
            "end_date": pd.to_datetime([None, "2025-05-13", None]),
            "end_precision": [None, "day", None],
            "source_id": ["s", "s", "s"],
            "claim_id": [None, None, None],
        }
    )
    claims = pd.DataFrame({"claim_id": [], "text_en": []})
    sources = pd.DataFrame({"source_id": ["s"], "publisher": ["P"], "title": ["T"]})
    periods = list(edge_table(edges, claims, sources)["period"])
    assert periods == ["since Apr 2025", "2023 – 13 May 2025", "date unknown"]


def test_markdown_in_data_text_renders_literally() -> None:
    assert escape_md("[click](http://x) *bold* _it_ #1") == r"\[click\]\(http://x\) \*bold\* \_it\_ \#1"
    assert escape_md("<b>hi</b>") == r"\<b\>hi\</b\>"
    assert escape_md("a-b.c!") == r"a\-b\.c\!"


def test_spreadsheet_formulas_are_neutralised_in_exports() -> None:
    for text in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]:
        assert neutralise(text) == "'" + text, repr(text)
    assert neutralise("plain") == "plain" and neutralise("a=b") == "a=b"
    frame = pd.DataFrame({"note": ['=HYPERLINK("http://x")'], "n": [-3]})
    assert to_csv_bytes(frame).decode("utf-8-sig").splitlines()[1] == '"\'=HYPERLINK(""http://x"")",-3'


def test_the_view_bundle_carries_the_original_a_republication_derives_from() -> None:
    tables = {
        "claims": pd.DataFrame({"claim_id": ["c"], "source_id": ["copy"]}),
        "sources": pd.DataFrame({"source_id": ["orig", "copy", "other"], "derived_from": [None, "orig", None]}),
    }
    frames = {"events": pd.DataFrame({"event_id": ["e"], "source_id": ["copy"], "claim_id": ["c"]})}
    bundle = with_citations(tables, frames)
    assert sorted(bundle["sources"]["source_id"]) == ["copy", "orig"]


def test_an_edited_data_file_changes_the_fingerprint_and_reloads(mini_dir: Path) -> None:
    before, first = fingerprint(mini_dir), load_dataset(mini_dir)
    time.sleep(0.01)

    def rename(header, rows):
        rows[0]["name"] = "Renamed Model"

    rewrite_csv(mini_dir / "models.csv", rename)
    assert fingerprint(mini_dir) != before
    assert first.tables["models"].iloc[0]["name"] != "Renamed Model"
    assert load_dataset(mini_dir).tables["models"].iloc[0]["name"] == "Renamed Model"


def test_a_date_after_the_upper_bound_in_a_link_is_ignored() -> None:
    high = date(2026, 12, 31)
    assert decode_date(["2026-12-31"], high=high) == (date(2026, 12, 31), [])
    assert decode_date(["2027-01-01"], high=high) == (None, ["2027-01-01"])
    assert decode_date(["2019-12-31"], low=date(2020, 1, 1)) == (None, ["2019-12-31"])
