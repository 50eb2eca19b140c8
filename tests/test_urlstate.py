"""Reading a view from its URL: lists, dates within bounds, the shared link (hand-written expectations)."""

from __future__ import annotations

from datetime import date

from supplychain.app.urlstate import SHARED_PARAMS, decode_date, decode_list, encode_list, share_url, split_values


def test_values_split_on_commas_and_repeats_dropping_empties() -> None:
    assert split_values(["a,b", "c", ",d,", ""]) == ["a", "b", "c", "d"]
    assert split_values([]) == []


def test_a_list_keeps_allowed_values_in_order_once_and_names_the_rest() -> None:
    assert decode_list(["b,x,a", "b"], ["a", "b", "c"]) == (["b", "a"], ["x"])
    assert decode_list(["1,2"], [1, 2]) == (["1", "2"], [])
    assert decode_list([], ["a"]) == ([], [])


def test_a_list_is_written_comma_separated() -> None:
    assert encode_list(["us", "models"]) == "us,models"
    assert encode_list([]) == ""


def test_a_date_is_read_within_its_bounds_and_otherwise_named() -> None:
    low, high = date(2020, 1, 1), date(2026, 12, 31)
    assert decode_date([], low=low, high=high) == (None, [])
    assert decode_date(["2025-04-09"], low=low, high=high) == (date(2025, 4, 9), [])
    assert decode_date(["2020-01-01"], low=low, high=high) == (date(2020, 1, 1), [])
    assert decode_date(["2026-12-31"], low=low, high=high) == (date(2026, 12, 31), [])
    assert decode_date(["2019-12-31"], low=low, high=high) == (None, ["2019-12-31"])
    assert decode_date(["2027-01-01"], low=low, high=high) == (None, ["2027-01-01"])
    assert decode_date(["9 April"], low=low, high=high) == (None, ["9 April"])
    assert decode_date(["2024-01-01", "2025-02-03"]) == (date(2025, 2, 3), []), "the last value wins"


def test_the_shared_link_lists_parameters_in_a_stable_order() -> None:
    assert share_url("http://h/map", {"region": ["sea"], "company": ["a", "b"]}) == (
        "http://h/map?company=a&company=b&region=sea"
    )
    assert share_url("http://h/map", {}) == "http://h/map"
    assert share_url("http://h/x", {"q": ["a b&c"]}) == "http://h/x?q=a+b%26c"


def test_the_shared_filters_are_the_ones_that_follow_the_reader() -> None:
    assert SHARED_PARAMS == ("company", "relation", "from", "to", "asof")
