"""The country check of every point (data/geography.check_coordinates), on made-up countries drawn as squares.

The shipped Natural Earth outlines are tested in test_sites.py; here the outlines are boxes, so a point's distance
from its country is known exactly and each rule of the check can be seen alone: the tolerance a precision allows,
what a problem says, and that one row never stops the check of the rows after it.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from supplychain.data import geography

# SG is the square west of longitude 0; MY and TH overlap east of it (a point can fall in both).
OUTLINES = gpd.GeoDataFrame(
    {
        "iso2": ["SG", "MY", "TH"],
        "name": ["Singapore", "Malaysia", "Thailand"],
        "geometry": [shapely.box(-1, -1, 0, 1), shapely.box(0.5, -1, 2, 1), shapely.box(0.5, 0, 2, 1)],
    },
    crs="EPSG:4326",
)
# 5 km east of SG's edge exactly, as the check computes it (degrees x 111.32, a float product equal to 5.0).
FIVE_KM_EAST = 0.044915558749550846


@pytest.fixture(autouse=True)
def squares(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geography, "country_polygons", lambda *args: OUTLINES)


def points(*rows: tuple[str, float, float, str]) -> pd.DataFrame:
    """Rows of (country, lon, lat, coord_precision); the index is the row, as a loaded table's (line - 2)."""
    return pd.DataFrame(rows, columns=["country", "lon", "lat", "coord_precision"])


def expected(tables: dict[str, pd.DataFrame]) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.file, p.line, p.column, p.expected) for p in geography.check_coordinates(tables)]


def test_a_point_exactly_at_its_precisions_tolerance_counts_as_inside() -> None:
    assert FIVE_KM_EAST * geography.KM_PER_DEGREE == geography.COUNTRY_TOLERANCE_KM["city"]
    assert expected({"sites": points(("SG", FIVE_KM_EAST, 0.0, "city"))}) == []


def test_a_point_in_other_countries_is_worded_with_its_distance_and_every_country_it_falls_in() -> None:
    assert expected({"sites": points(("SG", 1.0, 0.5, "site"))}) == [
        ("sites.csv", 2, "lat, lon", "a point inside SG (the row's country); it lies 111 km outside it, in MY, TH")
    ]


def test_a_point_at_sea_is_worded_with_its_distance() -> None:
    assert expected({"locations": points(("SG", 5.0, 5.0, "region"))}) == [
        ("locations.csv", 2, "lat, lon", "a point inside SG (the row's country); it lies 713 km outside it, at sea")
    ]


def test_an_unknown_country_code_is_worded_and_the_rows_after_it_are_still_checked() -> None:
    assert expected({"sites": points(("ZZ", 1.0, 0.5, "site"), ("SG", 1.0, 0.5, "site"))}) == [
        ("sites.csv", 2, "country", "a country code with a Natural Earth polygon"),
        ("sites.csv", 3, "lat, lon", "a point inside SG (the row's country); it lies 111 km outside it, in MY, TH"),
    ]


def test_a_point_within_its_tolerance_does_not_stop_the_check_of_the_rows_after_it() -> None:
    found = expected({"sites": points(("SG", 0.01, 0.0, "city"), ("SG", 1.0, 0.5, "site"))})
    assert [(file, line) for file, line, _, _ in found] == [("sites.csv", 3)]


def test_an_empty_locations_table_does_not_stop_the_check_of_the_sites() -> None:
    tables = {"locations": points(), "sites": points(("SG", 1.0, 0.5, "site"))}
    assert [(file, line) for file, line, _, _ in expected(tables)] == [("sites.csv", 2)]


def test_a_precision_the_tolerances_do_not_name_allows_no_distance() -> None:
    # Half a kilometre outside: inside any named tolerance but country's, and a problem for an unnamed precision.
    assert [line for _, line, _, _ in expected({"sites": points(("SG", 0.005, 0.0, "parcel"))})] == [2]
    assert expected({"sites": points(("SG", 0.005, 0.0, "site"))}) == []


def test_the_check_leaves_no_warning_in_the_server_log() -> None:
    tables = {"sites": points(("SG", 1.0, 0.5, "site"), ("SG", 5.0, 5.0, "city"))}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(geography.check_coordinates(tables)) == 2
