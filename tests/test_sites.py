"""Data-centre sites: the country check (geopandas), clipped boundaries, filters, capacity over time, downloads."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from conftest import DATA_DIR, rewrite_csv

from supplychain.data import geography
from supplychain.data.geography import load_boundaries
from supplychain.data.load import load_dataset
from supplychain.i18n import set_language
from supplychain.rules import sites as sitemod
from supplychain.rules.boundaries import clipped_boundaries, geojson_size, region_box
from supplychain.rules.regions import REGIONS, Projection


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR)


def test_shipped_sites_and_locations_lie_inside_their_countries(dataset) -> None:
    assert dataset.ok, [str(p) for p in dataset.problems]
    assert geography.check_coordinates(dataset.tables) == []


def test_a_site_planted_in_the_wrong_country_is_named_with_file_row_column_and_value(mini_dir) -> None:
    def move(header, rows):
        # Kulai, Johor (Malaysia), 40 km from Singapore, while the row says SG.
        rows[0]["lat"], rows[0]["lon"] = "1.6561", "103.6032"

    rewrite_csv(mini_dir / "sites.csv", move)
    data = load_dataset(mini_dir)
    assert not data.ok
    [problem] = data.problems
    assert (problem.file, problem.line, problem.column, problem.value) == (
        "sites.csv",
        2,
        "lat, lon",
        "1.6561, 103.6032",
    )
    assert "inside SG" in problem.expected and "MY" in problem.expected
    assert "sites.csv, row 1 (line 2), column 'lat, lon'" in str(problem)


def test_a_location_at_sea_is_named_too(mini_dir) -> None:
    def move(header, rows):
        rows[1]["lat"], rows[1]["lon"] = "25.0", "125.0"  # East China Sea, for a CN city-level row

    rewrite_csv(mini_dir / "locations.csv", move)
    [problem] = load_dataset(mini_dir).problems
    assert (problem.file, problem.line, problem.value) == ("locations.csv", 3, "25.0, 125.0")
    assert "at sea" in problem.expected


def test_a_country_code_without_a_polygon_is_a_problem(mini_dir) -> None:
    def recode(header, rows):
        rows[1]["country"] = "ZZ"

    rewrite_csv(mini_dir / "sites.csv", recode)
    [problem] = load_dataset(mini_dir).problems
    assert (problem.file, problem.line, problem.column, problem.value) == ("sites.csv", 3, "country", "ZZ")


def test_a_point_on_a_generalised_border_counts_as_inside() -> None:
    # Shenzhen's city centre touches the 1:50m Hong Kong polygon; it is within the tolerance of China.
    tables = {
        "locations": pd.DataFrame(
            {"country": ["CN"], "lat": [22.54554], "lon": [114.0683], "coord_precision": ["city"]}, index=[0]
        )
    }
    assert geography.check_coordinates(tables) == []


@pytest.mark.parametrize("region_key", ["east_asia", "sea", "strait"])
def test_clipped_boundaries_stay_in_the_region_box_and_send_far_fewer_bytes(region_key: str) -> None:
    clipped = clipped_boundaries(REGIONS[region_key], width_px=680)
    lon0, lat0, lon1, lat1 = region_box(REGIONS[region_key])

    def points(coords):
        if isinstance(coords[0], (int, float)):
            yield coords
        else:
            for c in coords:
                yield from points(c)

    for feature in clipped["features"]:
        for lon, lat in points(feature["geometry"]["coordinates"]):
            assert lon0 - 0.01 <= lon <= lon1 + 0.01 and lat0 - 0.01 <= lat <= lat1 + 0.01  # rounding slack
    full = geojson_size(load_boundaries())
    assert geojson_size(clipped) < full / 10


def test_the_strait_view_keeps_singapore_malaysia_and_indonesia_only() -> None:
    names = {f["properties"]["name"] for f in clipped_boundaries("strait", width_px=680)["features"]}
    assert names == {"Singapore", "Malaysia", "Indonesia"}


def test_the_world_view_is_not_clipped() -> None:
    with pytest.raises(ValueError):
        clipped_boundaries("world", width_px=680)


def test_filters_keep_only_matching_sites_and_never_hide_unknown_capacity_silently(dataset) -> None:
    sites = sitemod.build_sites(dataset.tables)
    chinese = sitemod.select_sites(sites, ownership=["chinese"])
    assert set(chinese["ownership"]) == {"chinese"} and len(chinese) >= 10
    big = sitemod.select_sites(sites, min_mw=100)
    assert (big["capacity_mw"] >= 100).all()
    assert len(sitemod.select_sites(sites, min_mw=0)) == len(sites)
    johor_building = sitemod.select_sites(sites, statuses=["under_construction"], countries=["MY"])
    assert "bdc_my07" in set(johor_building["site_id"])


def test_the_named_operator_of_bytedances_offshore_cluster_is_a_company_with_its_place(dataset) -> None:
    sites = sitemod.build_sites(dataset.tables)
    row = sites[sites["site_id"] == "aolani_malaysia"].iloc[0]
    assert row["operator"] == "Aolani Cloud" and row["tenant"] == "ByteDance"
    assert row["coord_precision"] == "country" and row["country"] == "MY"
    assert list(sites.columns) == sitemod.SITE_COLUMNS and list(sites.index) == list(range(len(sites)))
    no_tenant = sites[dataset.tables["sites"]["tenant_id"].isna().to_numpy()]
    assert len(no_tenant) and no_tenant["tenant"].isna().all(), "no tenant reported: no value, not an empty name"


def test_report_areas_link_the_reports_countries_to_the_sites_inside_them(dataset) -> None:
    sites = sitemod.build_sites(dataset.tables)
    areas = sitemod.report_areas(dataset.tables, sites).set_index("country")
    assert {"SG", "MY"} <= set(areas.index)
    assert "bdc_my06" in areas.at["MY", "site_ids"].split(",")
    assert areas.at["SG", "site_count"] == int((sites["country"] == "SG").sum())


def test_capacity_by_year_counts_a_site_from_its_opening_year_at_its_stated_figure() -> None:
    sites = pd.DataFrame(
        {
            "site_id": ["a", "b", "c"],
            "name": ["A", "B", "C"],
            "country": ["MY", "SG", "MY"],
            "ownership": ["non_chinese", "chinese", "unknown"],
            "opened_year": pd.array([2022, 2024, None], dtype="Int64"),
            "capacity_mw": pd.array([110.0, 20.0, 300.0], dtype="Float64"),
            "capacity_basis": ["unstated_planned", "it_load_in_service", "it_load_planned"],
            "capacity_date": pd.to_datetime(["2022-10-20", "2025-01-01", "2025-09-11"]),
            "capacity_precision": ["day", "year", "day"],
            "capacity_source_id": ["s1", "s2", "s3"],
        }
    )
    by_year = sitemod.capacity_by_year(sites)
    totals = by_year.groupby("year")["capacity_mw"].sum().to_dict()
    assert totals == {2022: 110.0, 2023: 110.0, 2024: 130.0, 2025: 130.0}
    assert set(by_year["capacity_source_id"]) == {"s1", "s2"}
    # Each bar segment carries the site's own figure, basis, date and source (the chart's tooltip shows them).
    first = by_year[(by_year["site_id"] == "b") & (by_year["year"] == 2024)].iloc[0].to_dict()
    assert first == {
        "year": 2024,
        "site_id": "b",
        "name": "B",
        "country": "SG",
        "ownership": "chinese",
        "capacity_mw": 20.0,
        "capacity_basis": "it_load_in_service",
        "capacity_date": pd.Timestamp("2025-01-01"),
        "capacity_precision": "year",
        "capacity_source_id": "s2",
        "opened_year": 2024,
    }


def test_capacity_by_year_without_dated_figures_runs_to_the_last_opening_year() -> None:
    sites = pd.DataFrame(
        {
            "site_id": ["a"],
            "name": ["A"],
            "country": ["MY"],
            "ownership": ["chinese"],
            "opened_year": pd.array([2023], dtype="Int64"),
            "capacity_mw": pd.array([50.0], dtype="Float64"),
            "capacity_basis": ["it_load_in_service"],
            "capacity_date": pd.to_datetime([None]),
            "capacity_precision": [None],
            "capacity_source_id": ["s1"],
        }
    )
    assert list(sitemod.capacity_by_year(sites)["year"]) == [2023]
    none = sitemod.capacity_by_year(sites.assign(capacity_mw=pd.array([None], dtype="Float64")))
    assert none.empty and list(none.columns) == list(sitemod.capacity_by_year(sites).columns)


def test_markers_sharing_a_point_are_spread_apart() -> None:
    projection = Projection.fit(REGIONS["strait"], 680, 540)
    sites = pd.DataFrame(
        {"site_id": ["a", "b", "c", "d"], "lon": [103.5276] * 3 + [103.85], "lat": [1.7114] * 3 + [1.29]}
    )
    spread = sitemod.spread_markers(sites, projection.project, invert=projection.invert).set_index("site_id")
    xy = {k: projection.project(r.mlon, r.mlat) for k, r in spread.iterrows()}
    for a in "abc":
        for b in "abc":
            if a < b:
                assert abs(xy[a][0] - xy[b][0]) + abs(xy[a][1] - xy[b][1]) > 10
    assert not spread.at["d", "spread"] and (spread.at["d", "mlon"], spread.at["d", "mlat"]) == (103.85, 1.29)


def test_geojson_download_has_one_point_per_site_with_its_sources(dataset) -> None:
    sites = sitemod.build_sites(dataset.tables).head(5)
    collection = json.loads(sitemod.sites_geojson_bytes(sites).decode("utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == list(sites["site_id"])
    first, row = collection["features"][0], sites.iloc[0]
    assert first["geometry"] == {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]}
    assert first["properties"]["source_id"] == row["source_id"]
    assert first["properties"]["capacity_date"] == row["capacity_date"].strftime("%Y-%m-%d")


def test_geopackage_download_reads_back_the_same_sites(dataset) -> None:
    sites = sitemod.build_sites(dataset.tables)
    data = sitemod.sites_geopackage_bytes(sites)
    assert data[:16] == b"SQLite format 3\x00"
    back = sitemod.read_geopackage(data)
    assert list(back["site_id"]) == list(sites["site_id"])
    assert str(back.crs.to_epsg()) == "4326"
    assert back.geometry.x.round(5).tolist() == sites["lon"].astype(float).round(5).tolist()
    assert list(back["operator"]) == list(sites["operator"])


def test_a_site_of_exactly_the_chosen_capacity_is_kept_and_one_just_below_is_not() -> None:
    sites = pd.DataFrame(
        {
            "site_id": ["below", "exact", "above", "unknown"],
            "ownership": ["chinese"] * 4,
            "operator_id": ["op"] * 4,
            "status": ["operational"] * 4,
            "country": ["MY"] * 4,
            "capacity_mw": [99.9, 100.0, 250.0, None],
        }
    )
    assert list(sitemod.select_sites(sites, min_mw=100)["site_id"]) == ["exact", "above"]
    assert list(sitemod.select_sites(sites, min_mw=0)["site_id"]) == ["below", "exact", "above", "unknown"]
    assert list(sitemod.select_sites(sites, min_mw=1)["site_id"]) == ["below", "exact", "above"], "no figure: out"


def test_a_report_area_is_a_hub_resting_on_a_claim_and_never_a_site_or_an_unclaimed_place() -> None:
    locations = pd.DataFrame(
        {
            "location_id": ["sg_hub", "sg_site", "my_hub", "cn_city", "th_hub"],
            "name": ["Singapore", "A Singapore campus", "Malaysia", "Hangzhou", "Thailand"],
            "kind": ["datacentre_hub", "datacentre_hub", "datacentre_hub", "headquarters", "datacentre_hub"],
            "claim_id": ["c1", "c2", "c1", "c3", None],
            "coord_precision": ["city", "site", "region", "city", "region"],
            "country": ["SG", "SG", "MY", "CN", "TH"],
            "evidence": ["report", "report", "report", "press", "estimate"],
        }
    )
    sites = pd.DataFrame({"site_id": ["s1", "s2", "s3"], "country": ["SG", "SG", "MY"]})
    areas = sitemod.report_areas({"locations": locations}, sites).set_index("country")
    assert list(areas.index) == ["MY", "SG"]
    assert areas.at["SG", "location_ids"] == "sg_hub" and areas.at["SG", "site_ids"] == "s1,s2"
    assert areas.at["MY", "site_count"] == 1 and areas.at["MY", "claim_ids"] == "c1"
    assert (areas.at["SG", "country_name"], areas.at["MY", "country_name"]) == ("Singapore", "Malaysia")


def test_a_report_area_lists_all_its_hubs_claims_and_evidence_and_names_its_country_in_the_readers_language() -> None:
    locations = pd.DataFrame(
        {
            "location_id": ["my_hub", "johor", "vn_hub", "zz_hub"],
            "name": ["Malaysia", "Johor", "Vietnam hub", "Nowhere"],
            "kind": ["datacentre_hub"] * 4,
            "claim_id": ["c1", "c4", "c5", "c6"],
            "coord_precision": ["region", "city", "region", "region"],
            "country": ["MY", "MY", "VN", "ZZ"],
            "evidence": ["report", "press", "report", "report"],
        }
    )
    sites = pd.DataFrame({"site_id": ["s1"], "country": ["MY"]})
    areas = sitemod.report_areas({"locations": locations}, sites)
    my = areas.set_index("country").loc["MY"]
    assert (my["location_ids"], my["hub_names"]) == ("my_hub,johor", "Malaysia; Johor")
    assert (my["claim_ids"], my["evidence"]) == ("c1,c4", "report,press")
    names = dict(zip(areas["country"], areas["country_name"]))
    assert names == {"MY": "Malaysia", "VN": "Vietnam", "ZZ": "ZZ"}, "the common name, else the code itself"
    set_language("pl")
    try:
        polish = sitemod.report_areas({"locations": locations}, sites)
    finally:
        set_language("en")
    assert dict(zip(polish["country"], polish["country_name"]))["MY"] == "Malezja"
    none = sitemod.report_areas({"locations": locations.iloc[0:0]}, sites)
    assert list(none.columns) == list(areas.columns) and none.empty


def _ring(n: int, *, lon: float = 103.5276, lat: float = 1.7114):
    """n sites on one point (ids s00, s01, … written in reverse order) and one lone site, spread on the strait map."""
    projection = Projection.fit(REGIONS["strait"], 680, 540)
    ids = [f"s{k:02d}" for k in range(n)][::-1]
    sites = pd.DataFrame({"site_id": ids + ["lone"], "lon": [lon] * n + [103.85], "lat": [lat] * n + [1.29]})
    spread = sitemod.spread_markers(sites, projection.project, invert=projection.invert)
    return projection, spread


@pytest.mark.parametrize("n", [2, 3, 4, 5, 8, 13])
def test_markers_sharing_a_point_stand_evenly_round_it_near_enough_to_read_as_one_place_far_enough_to_tell_apart(
    n: int,
) -> None:
    projection, spread = _ring(n)
    assert list(spread.columns) == ["site_id", "lon", "lat", "mlon", "mlat", "spread"]
    shared = spread[spread["site_id"] != "lone"].set_index("site_id").sort_index()
    assert len(shared) == n and shared["spread"].tolist() == [True] * n, "each gets a leader line to its place"
    assert (shared["lon"] == 103.5276).all() and (shared["lat"] == 1.7114).all(), "the true point is kept"
    x0, y0 = projection.project(103.5276, 1.7114)
    xy = [projection.project(r.mlon, r.mlat) for r in shared.itertuples()]
    radii = [((x - x0) ** 2 + (y - y0) ** 2) ** 0.5 for x, y in xy]
    assert max(radii) - min(radii) < 0.01, "all on one ring round the point"
    assert sum(x for x, _ in xy) / n == pytest.approx(x0, abs=0.01) and sum(y for _, y in xy) / n == pytest.approx(
        y0, abs=0.01
    ), "evenly round it"
    gaps = [((xy[k][0] - xy[k - 1][0]) ** 2 + (xy[k][1] - xy[k - 1][1]) ** 2) ** 0.5 for k in range(n)]
    assert min(gaps) > 30, "next to each other, two markers never touch, however many share the point"
    assert max(gaps) - min(gaps) < 0.01, "the same gap between each marker and the next"
    if n <= 4:
        assert radii[0] < 30, "a few markers stay close to their place"
    else:
        assert radii[0] < 8 * n, "a ring grows only as much as its markers need"


def test_markers_sharing_a_point_read_clockwise_from_the_top_in_id_order_whatever_the_rows_order() -> None:
    projection, spread = _ring(4)
    shared = spread[spread["site_id"] != "lone"].set_index("site_id")
    x0, y0 = projection.project(103.5276, 1.7114)
    dx, dy = {}, {}
    for site_id, r in shared.iterrows():
        x, y = projection.project(r["mlon"], r["mlat"])
        dx[site_id], dy[site_id] = round(x - x0, 3), round(y - y0, 3)
    assert dx["s00"] == 0 and dy["s00"] < 0, "the first site by id is straight above (north of) the point"
    assert dx["s01"] > 0 and dy["s01"] == 0, "the second to its right"
    assert dx["s02"] == 0 and dy["s02"] > 0, "the third below"
    assert dx["s03"] < 0 and dy["s03"] == 0, "the fourth to its left"
    lone = spread.set_index("site_id").loc["lone"]
    assert not lone["spread"] and (lone["mlon"], lone["mlat"]) == (lone["lon"], lone["lat"]) == (103.85, 1.29)


def test_markers_come_in_the_order_of_the_sites_given_so_the_map_draws_them_as_the_table_lists_them() -> None:
    projection = Projection.fit(REGIONS["strait"], 680, 540)
    sites = pd.DataFrame(
        {"site_id": ["z", "y", "b", "a"], "lon": [103.9, 103.5, 103.5, 103.2], "lat": [1.3, 1.7, 1.7, 1.5]}
    )
    spread = sitemod.spread_markers(sites, projection.project, invert=projection.invert)
    assert spread["site_id"].tolist() == ["z", "b", "y", "a"], "points in table order, a shared point's sites by id"


def test_sites_a_metre_apart_count_as_one_point_and_are_spread_sites_a_street_apart_stay_where_they_are() -> None:
    projection = Projection.fit(REGIONS["strait"], 680, 540)
    sites = pd.DataFrame(
        {
            "site_id": ["a", "b", "c", "d"],
            "lon": [103.527600, 103.527603, 103.60, 103.6010],
            "lat": [1.711400, 1.711403, 1.40, 1.4010],
        }
    )
    spread = sitemod.spread_markers(sites, projection.project, invert=projection.invert).set_index("site_id")
    assert spread.loc[["a", "b"], "spread"].all() and not spread.loc[["c", "d"], "spread"].any()
    a, b = (projection.project(spread.at[k, "mlon"], spread.at[k, "mlat"]) for k in "ab")
    assert abs(a[0] - b[0]) + abs(a[1] - b[1]) > 30
    assert (spread.at["c", "mlon"], spread.at["d", "mlon"]) == (103.60, 103.6010)


def test_no_sites_give_no_markers_with_the_same_columns() -> None:
    projection = Projection.fit(REGIONS["strait"], 680, 540)
    empty = pd.DataFrame({"site_id": [], "lon": [], "lat": []})
    out = sitemod.spread_markers(empty, projection.project, invert=projection.invert)
    assert out.empty and list(out.columns) == ["site_id", "lon", "lat", "mlon", "mlat", "spread"]


def _download_sites(dataset) -> pd.DataFrame:
    """Three shipped sites, the second renamed with characters outside ASCII and its capacity date left blank."""
    sites = sitemod.build_sites(dataset.tables).head(3).copy()
    sites.loc[1, "name"] = "Zhōngwèi 中卫 campus"
    sites.loc[1, "capacity_date"] = pd.NaT
    return sites


def test_the_geojson_download_is_strict_json_a_gis_tool_opens_with_ids_fields_and_blanks_as_documented(dataset) -> None:
    sites = _download_sites(dataset)
    data = sitemod.sites_geojson_bytes(sites)
    text = data.decode("utf-8")

    def no_nan(constant: str):
        raise AssertionError(f"{constant} is not JSON")

    collection = json.loads(text, parse_constant=no_nan)
    assert "Zhōngwèi 中卫 campus" in text, "names are written as readable UTF-8, not escaped"
    assert text.endswith("}\n") and text.startswith("{\n"), "an indented file ending with a new line"
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(sites)
    for feature, row in zip(collection["features"], sites.itertuples(index=False)):
        assert feature["type"] == "Feature" and feature["id"] == row.site_id and isinstance(feature["id"], str)
        assert feature["geometry"] == {"type": "Point", "coordinates": [float(row.lon), float(row.lat)]}
        assert list(feature["properties"]) == list(sites.columns), "every column, in order, and nothing else"
    second = collection["features"][1]["properties"]
    assert second["name"] == "Zhōngwèi 中卫 campus" and second["capacity_date"] is None
    assert second["tenant_id"] is None, "a blank cell is null, not left out"
    first = collection["features"][0]["properties"]
    assert first["opened_year"] == int(sites.at[0, "opened_year"]) and isinstance(first["opened_year"], int)
    assert first["capacity_mw"] == float(sites.at[0, "capacity_mw"]), "numbers stay numbers"
    assert collection["features"][0]["properties"]["capacity_date"] == sites.at[0, "capacity_date"].strftime("%Y-%m-%d")


def test_the_geopackage_download_has_one_point_layer_named_sites_with_every_field_text_dates_and_nulls(dataset) -> None:
    sites = _download_sites(dataset)
    data = sitemod.sites_geopackage_bytes(sites)
    back = sitemod.read_geopackage(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sites.gpkg"
        path.write_bytes(data)
        layers = pyogrio.list_layers(path)
        types = dict(zip(*(pyogrio.read_info(path)[k] for k in ("fields", "dtypes"))))
    assert types["capacity_mw"] == types["lat"] == types["lon"] == "float64" and types["opened_year"] == "int64", (
        "numbers stay numbers: a GIS tool can size or filter markers by capacity"
    )
    assert types["name"] == types["capacity_date"] == "object"
    assert [list(layer) for layer in layers] == [["sites", "Point"]], "one point layer, named sites"
    assert list(back.columns) == list(sites.columns) + ["geometry"]
    assert list(back["site_id"]) == list(sites["site_id"]) and list(back["name"]) == list(sites["name"])
    assert back.at[0, "capacity_date"] == sites.at[0, "capacity_date"].strftime("%Y-%m-%d")
    assert pd.isna(back.at[1, "capacity_date"]) and pd.isna(back.at[1, "tenant_id"]), "a blank cell is null"
    assert back.geometry.y.round(5).tolist() == sites["lat"].astype(float).round(5).tolist()
    assert str(back.crs.to_epsg()) == "4326"
    named = sitemod.read_geopackage(sitemod.sites_geopackage_bytes(sites, layer="parks"), layer="parks")
    assert list(named["site_id"]) == list(sites["site_id"])


def test_reading_a_geopackage_back_takes_the_sites_layer_even_when_another_layer_comes_first(dataset) -> None:
    sites = _download_sites(dataset)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "two.gpkg"
        sitemod.sites_geodataframe(sites.head(1)).to_file(path, layer="aaa_first", driver="GPKG", engine="pyogrio")
        sitemod.sites_geodataframe(sites).to_file(path, layer="sites", driver="GPKG", engine="pyogrio")
        assert [layer[0] for layer in pyogrio.list_layers(path)][0] == "aaa_first"
        data = path.read_bytes()
    assert list(sitemod.read_geopackage(data)["site_id"]) == list(sites["site_id"])
    assert list(sitemod.read_geopackage(data, layer="aaa_first")["site_id"]) == list(sites["site_id"].head(1))


def test_the_sites_geojson_download_of_two_sites_is_exactly_these_bytes_so_releases_diff_line_by_line() -> None:
    # Analysts diff the Sites download between releases: one member per line, one space per level, properties in
    # the table's order, a blank as null, dates as ISO text, letters as written, a final new line. Typed by hand.
    sites = pd.DataFrame(
        {
            "site_id": ["s1", "s2"],
            "name": ["Zhongwei 中卫", None],
            "lon": [105.2, 103.5],
            "lat": [37.5, 1.25],
            "capacity_mw": [150.0, None],
            "opened_year": [2021, 2023],
            "capacity_date": pd.to_datetime(["2024-03-01", None]),
        }
    )
    feature = """  {{
   "type": "Feature",
   "properties": {{
    "site_id": "{id}",
    "name": {name},
    "lon": {lon},
    "lat": {lat},
    "capacity_mw": {mw},
    "opened_year": {year},
    "capacity_date": {day}
   }},
   "geometry": {{
    "type": "Point",
    "coordinates": [
     {lon},
     {lat}
    ]
   }},
   "id": "{id}"
  }}"""
    first = feature.format(
        id="s1", name='"Zhongwei 中卫"', lon=105.2, lat=37.5, mw=150.0, year=2021, day='"2024-03-01"'
    )
    second = feature.format(id="s2", name="null", lon=103.5, lat=1.25, mw="null", year=2023, day="null")
    expected = '{\n "type": "FeatureCollection",\n "features": [\n' + first + ",\n" + second + "\n ]\n}\n"
    assert sitemod.sites_geojson_bytes(sites) == expected.encode("utf-8")


@pytest.mark.parametrize("n", [2, 3, 4])
def test_up_to_four_markers_sharing_a_point_stand_24_pixels_from_it_as_a_presenter_placed_them(n: int) -> None:
    # The ring's size is part of the picture a presenter prepares: between versions of the app it must not move.
    # On a plain pixel plane (projection = identity) the markers stand exactly 24 px from their place.
    sites = pd.DataFrame({"site_id": [f"s{k}" for k in range(n)], "lon": [10.0] * n, "lat": [20.0] * n})
    spread = sitemod.spread_markers(sites, lambda x, y: (x, y), invert=lambda x, y: (x, y))
    radii = [math.hypot(r.mlon - 10.0, r.mlat - 20.0) for r in spread.itertuples()]
    assert radii == pytest.approx([24.0] * n, abs=1e-9)
    assert (spread.at[0, "mlon"], spread.at[0, "mlat"]) == pytest.approx((10.0, -4.0)), "the first straight above"
