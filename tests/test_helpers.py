"""The one-place helpers: a blank cell, id -> name, code -> words, page addresses, region presets, chain order."""

from __future__ import annotations

from dataclasses import astuple

import numpy as np
import pandas as pd
import pytest

from supplychain.data.cells import cell_or_none, cell_text, is_blank
from supplychain.data.dates import DATE_HIGH, DATE_LOW
from supplychain.data.entities import entity_url, names_of, row_link
from supplychain.data.labels import enum_label, enum_words
from supplychain.data.relation_labels import CHAIN_STAGES
from supplychain.data.routes import PAGES, page_url
from supplychain.rules.chains import CHAIN_ORDER
from supplychain.rules.regions import REGIONS, SITE_REGIONS
from supplychain.rules.story import causal_events


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT, np.nan, "", "   "])
def test_every_kind_of_empty_cell_is_blank_and_reads_as_no_text(value: object) -> None:
    assert is_blank(value)
    assert cell_text(value) == ""
    assert cell_or_none(value) is None


@pytest.mark.parametrize("value", [0, 0.0, False, "0", "x", pd.Timestamp("2025-01-01"), [1], {"a": 1}])
def test_a_cell_with_a_value_is_not_blank(value: object) -> None:
    assert not is_blank(value)
    assert cell_or_none(value) is value


def test_names_of_maps_any_tables_ids_to_its_names() -> None:
    sites = pd.DataFrame({"site_id": ["a", "b"], "name": ["Alpha campus", "Beta"]})
    assert names_of(sites, "site_id") == {"a": "Alpha campus", "b": "Beta"}


def test_a_code_without_words_reads_as_its_words_and_blank_cells_stay_blank() -> None:
    assert enum_label("chips", "segment", "not_yet_sorted") == "Not yet sorted"
    words = enum_words(pd.Series(["chinese", None, "not_yet_sorted"]), "sites", "ownership")
    assert words[0] == "Chinese-owned" and is_blank(words[1]) and words[2] == "Not yet sorted"


def test_page_addresses_come_from_the_router_table_and_are_escaped() -> None:
    paths = [route.url_path for route in PAGES]
    assert len(paths) == len(set(paths)) and {"entity", "data", "present"} <= set(paths)
    assert page_url("entity", id="a b/c") == "/entity?id=a%20b%2Fc"
    assert page_url("map") == "/map"  # a page without settings has no stray "?"
    assert entity_url("deep seek") == "/entity?id=deep%20seek"
    assert row_link("claims", "c 1") == "/data?table=claims&q=c%201#c 1"


def test_the_chain_is_drawn_and_worded_in_one_order() -> None:
    assert tuple(CHAIN_STAGES) == CHAIN_ORDER


def test_there_is_one_strait_close_up_for_the_map_and_the_site_map() -> None:
    def box(region):
        return astuple(region)[2:6]

    assert box(SITE_REGIONS["strait"]) == box(REGIONS["strait"])
    assert SITE_REGIONS["strait"].label == REGIONS["strait"].label


def test_a_month_in_the_causal_chain_comes_after_a_day_in_that_month() -> None:
    events = pd.DataFrame(
        {
            "event_id": ["month", "day", "other"],
            "date": pd.to_datetime(["2025-04-01", "2025-04-09", "2025-03-01"]),
            "date_precision": ["month", "day", "day"],
            "is_causal_step": [True, True, False],
        }
    )
    assert list(causal_events(events)["event_id"]) == ["day", "month"]


def test_date_settings_are_bounded_to_2015_through_2030() -> None:
    assert (DATE_LOW.isoformat(), DATE_HIGH.isoformat()) == ("2015-01-01", "2030-12-31")
