"""The small rules the page sections read: a place's site-map preset, a profile's own words, the ties of a drawn
part of the network, rows citing each source, and a lane filter's words."""

from __future__ import annotations

import pandas as pd

from supplychain.i18n import set_language
from supplychain.rules.graph import EDGE_COLUMNS, EXPORT_COLUMNS, edges_among
from supplychain.rules.lanes import Lane, Lanes
from supplychain.rules.profile import profile_texts
from supplychain.rules.provenance import rows_citing
from supplychain.rules.regions import site_region_of


def test_a_place_opens_the_first_site_map_preset_that_holds_it() -> None:
    assert site_region_of(103.8, 1.35) == "strait"  # Singapore: in the strait box and in Southeast Asia; first wins
    assert site_region_of(101.7, 3.1) == "kl"  # Kuala Lumpur
    assert site_region_of(100.5, 13.75) == "sea"  # Bangkok: only in the region box
    assert site_region_of(116.4, 39.9) is None  # Beijing: in no site preset


def test_a_profile_shows_its_description_then_its_role_and_skips_blanks() -> None:
    row = pd.Series({"role": "Designs chips.", "description": "A chip maker.", "note": "not shown"})
    assert profile_texts(row) == ["A chip maker.", "Designs chips."]
    assert profile_texts(pd.Series({"description": "", "role": float("nan")})) == []
    assert profile_texts(pd.Series({"name": "X"})) == []


def test_only_ties_with_both_ends_drawn_are_drawn() -> None:
    edges = pd.DataFrame({"from_id": ["a", "a", "c"], "to_id": ["b", "c", "a"], "relation": ["x", "y", "z"]})
    assert list(edges_among(edges, pd.Series(["a", "b"]))["relation"]) == ["x"]
    assert list(edges_among(edges, pd.Series(["a", "b", "c"]))["relation"]) == ["x", "y", "z"]
    assert edges_among(edges, pd.Series([], dtype=str)).empty


def test_downloaded_ties_leave_out_only_the_kinds() -> None:
    assert [c for c in EDGE_COLUMNS if c not in EXPORT_COLUMNS] == ["from_kind", "to_kind"]


def test_a_source_no_row_cites_counts_zero() -> None:
    counts = pd.Series({"s1": 3, "s3": 1})
    assert list(rows_citing(pd.Series(["s1", "s2", "s3"]), counts)) == [3, 0, 1]
    assert [str(n) for n in rows_citing(pd.Series(["s1", "s2"]), counts)] == ["3", "0"]  # read as 3, never 3.0


def test_a_lane_choice_reads_as_its_label_a_group_as_its_words_else_its_code() -> None:
    lanes = Lanes(lanes=(Lane("us", "US measures", "policy"),), groups={"models": ("us",)})
    assert lanes.choice_label("us") == "US measures"
    assert lanes.choice_label("models") == "All models"
    assert lanes.choice_label("zz") == "zz"
    set_language("pl")
    try:
        assert lanes.choice_label("models") != "All models"  # a group's words come from the catalogue
    finally:
        set_language("en")
