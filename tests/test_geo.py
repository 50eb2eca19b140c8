"""Map logic: places, flows and region presets (supplychain.geo, supplychain.maps), on the shipped data and small
frames."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
import shapely
import shapely.geometry
from conftest import DATA_DIR

from supplychain.charts import map_tables, maps
from supplychain.data import geography
from supplychain.data.load import load_dataset
from supplychain.rules import geo, geojson, label_layout, regions
from supplychain.rules.boundaries import (
    clip_mask,
    clipped_boundaries,
    plot_topology,
    region_box,
    simplify_tolerance,
    to_topology,
)


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    dataset = load_dataset(DATA_DIR)
    assert dataset.ok, dataset.problems[:5]
    return dataset.tables


@pytest.fixture
def mini(mini_dir) -> dict[str, pd.DataFrame]:
    dataset = load_dataset(mini_dir)
    assert dataset.ok, dataset.problems[:5]
    return dataset.tables


def _with_relationships(tables: dict[str, pd.DataFrame], rows: list[dict]) -> dict[str, pd.DataFrame]:
    extra = pd.DataFrame(rows).reindex(columns=tables["relationships"].columns)
    for column in ("start_date", "end_date"):
        extra[column] = pd.to_datetime(extra[column])
    return {**tables, "relationships": pd.concat([tables["relationships"], extra], ignore_index=True)}


def test_every_location_lies_inside_its_presets_extent(shipped) -> None:
    points = geo.build_points(shipped)
    for region in regions.REGIONS.values():
        inside = points[points["region"].isin(region.holds)]
        outside = [r.location_id for r in inside.itertuples() if not region.contains(r.lon, r.lat)]
        assert outside == [], f"{region.key}: {outside}"
    assert set(points["region"]) <= set(regions.REGIONS["world"].holds)


def test_singapore_and_johor_both_fit_the_close_up(shipped) -> None:
    strait = regions.REGIONS["strait"]
    locations = shipped["locations"].set_index("location_id")
    for place in ("singapore", "johor"):
        assert strait.contains(locations.at[place, "lon"], locations.at[place, "lat"])


def test_no_flow_without_both_ends(shipped) -> None:
    flows = geo.build_flows(shipped)
    known = set(shipped["locations"]["location_id"])
    assert len(flows) > 0
    assert set(flows["origin_id"]) <= known and set(flows["dest_id"]) <= known
    assert flows[["origin_lon", "origin_lat", "dest_lon", "dest_lat"]].notna().all().all()
    assert set(flows["relation"]) <= set(geo.FLOW_DIRECTIONS)


def test_relationship_with_an_end_of_unknown_place_draws_nothing(mini) -> None:
    tables = _with_relationships(
        mini,
        [
            {
                "relationship_id": "r_x",
                "from_kind": "company",
                "from_id": "beta",
                "relation": "trains_in",
                "to_kind": "location",
                "to_id": "hub",
                "description": "Beta has no head office in the data",
                "evidence": "report",
                "source_id": "rep",
            },
        ],
    )
    flows = geo.build_flows(tables)
    assert list(flows["relationship_id"]) == ["r_one"]
    assert geo.unplaced_count(tables, flows) == 1


def test_developer_trains_in_draws_from_its_head_office(mini) -> None:
    flows = geo.build_flows(mini)
    row = flows.iloc[0]
    assert (row["relationship_id"], row["origin_id"], row["dest_id"]) == ("r_one", "home", "hub")


def test_chip_use_runs_from_the_designers_home_to_the_user(mini) -> None:
    tables = _with_relationships(
        mini,
        [
            {
                "relationship_id": "r_uses",
                "from_kind": "company",
                "from_id": "acme",
                "relation": "uses",
                "to_kind": "chip",
                "to_id": "k_one",
                "description": "Acme uses K1",
                "evidence": "press",
                "source_id": "rec",
            },
        ],
    )
    tables["companies"] = tables["companies"].assign(
        hq_location_id=tables["companies"]["hq_location_id"].mask(tables["companies"]["company_id"] == "beta", "hub")
    )
    flow = geo.build_flows(tables).set_index("relationship_id").loc["r_uses"]
    assert (flow["origin_id"], flow["dest_id"]) == ("hub", "home")  # designer Beta (hub) -> user Acme (home)
    assert flow["company_ids"] == "acme,beta"


def test_operator_without_head_office_is_drawn_at_each_site_it_operates(shipped) -> None:
    flows = geo.build_flows(shipped)
    supplies = flows[(flows["relation"] == "supplies") & (flows["to_id"] == "sea_dc_operators")]
    assert not supplies.empty, (
        "the shipped data has the report's 'Nvidia products in these data centres' edge to the operator class"
    )
    assert set(supplies["dest_id"]) >= {"singapore", "johor"}
    assert supplies["flow_id"].is_unique


def test_as_of_shows_flows_begun_by_then_and_month_precision_counts_from_month_end() -> None:
    flows = pd.DataFrame(
        {
            "flow_id": ["a", "b", "c", "d"],
            "relation": ["trains_in"] * 4,
            "company_ids": ["x"] * 4,
            "start_date": pd.to_datetime(["2025-04-15", "2025-09-01", None, "2023-01-01"]),
            "start_precision": ["day", "month", None, "year"],
            "end_date": pd.to_datetime([None, None, None, "2024-06-01"]),
            "end_precision": [None, None, None, "month"],
        }
    )
    assert list(geo.select_flows(flows, as_of="2025-09-15")["flow_id"]) == ["a", "c"]
    assert list(geo.select_flows(flows, as_of="2025-09-30")["flow_id"]) == ["a", "b", "c"]
    assert list(geo.select_flows(flows, as_of="2024-06-30")["flow_id"]) == ["c", "d"]
    assert list(geo.select_flows(flows, as_of="2024-07-01")["flow_id"]) == ["c"]


def test_company_filter_keeps_its_flows_and_places(shipped) -> None:
    base = map_tables.build_map_base(shipped)
    flows = geo.select_flows(base.flows, companies=["alibaba"])
    assert len(flows) > 0 and all("alibaba" in ids.split(",") for ids in flows["company_ids"])
    points = geo.select_points(base.points, flows, companies=["alibaba"])
    assert {"hangzhou", "singapore", "johor"} <= set(points["location_id"])
    assert "washington_dc" not in set(points["location_id"])


def _drawn_box(x: float, y: float, text: str, align: str, baseline: str, font_px: float) -> tuple[float, ...]:
    """The test's own estimate of a drawn label's box: 0.55 em per character, 1.1 em high (a tighter box than the
    placer's, so the check is on the text as drawn, not on the placer's own margins)."""
    w, h = 0.55 * font_px * len(text), 1.1 * font_px
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[align]
    y0 = {"middle": y - h / 2, "top": y, "bottom": y - h, "alphabetic": y - h}[baseline]
    return (x0, y0, x0 + w, y0 + h)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("region_key", list(regions.REGIONS))
def test_labels_never_overlap_at_any_preset(shipped, region_key: str) -> None:
    """The place and flow labels the map draws (their text, as in the chart's data) never overlap each other."""
    base = map_tables.build_map_base(shipped)
    region = regions.REGIONS[region_key]
    projection = regions.projection_for(region)
    drawn = maps.prepare_region(base.points, base.flows, region_key)
    inside = {r["location_id"] for r in drawn["points"] if region.contains(float(r["lon"]), float(r["lat"]))}
    boxes = []
    for r in drawn["labels"]:
        if r["location_id"] in inside:
            x, y = projection.project(r["label_lon"], r["label_lat"])
            boxes.append(
                (r["text"], _drawn_box(x, y, r["text"], r["align"], r["baseline"], label_layout.LABEL_FONT_PX))
            )
    for r in drawn["flow_labels"]:
        x, y = projection.project(r["lon"], r["lat"])
        boxes.append((r["text"], _drawn_box(x, y, r["text"], "center", "middle", label_layout.FLOW_LABEL_FONT_PX)))
    assert boxes, "the preset draws labels"
    for text, box in boxes:
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= projection.width and box[3] <= projection.height, text
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1 :]:
            assert not _overlap(a, b), (region_key, text_a, text_b)
    flow_texts = {r["text"] for r in drawn["flow_labels"]}
    assert not any("_" in text for text in flow_texts), "flow labels are drawn as words, not relation codes"
    if region_key in ("sea", "strait"):
        assert {"singapore", "johor"} <= {r["location_id"] for r in drawn["labels"]}, "both hubs get a label"


def test_projection_inverts_to_the_same_place() -> None:
    projection = regions.projection_for(regions.REGIONS["world"])
    for lon, lat in [(103.85, 1.29), (-122.0, 37.4), (120.16, 30.29), (179.5, -10.0)]:
        back = projection.invert(*projection.project(lon, lat))
        assert back == pytest.approx((lon, lat), abs=1e-6)


def test_flows_sharing_both_ends_bend_apart_and_a_flow_at_home_loops() -> None:
    flows = pd.DataFrame(
        {
            "flow_id": ["a", "b", "c"],
            "origin_id": ["p", "p", "p"],
            "dest_id": ["q", "q", "p"],
            "origin_lon": [120.0, 120.0, 120.0],
            "origin_lat": [30.0, 30.0, 30.0],
            "dest_lon": [103.8, 103.8, 120.0],
            "dest_lat": [1.3, 1.3, 30.0],
        }
    )
    paths = geo.flow_paths(flows, regions.projection_for(regions.REGIONS["east_asia"]))
    mid = paths[paths["seq"] == 12].set_index("flow_id")
    assert abs(mid.at["a", "x"] - mid.at["b", "x"]) > 20
    loop = paths[paths["flow_id"] == "c"]
    assert loop["y"].min() < loop["y"].iloc[0] - 10 and loop.iloc[0][["x", "y"]].tolist() == pytest.approx(
        loop.iloc[-1][["x", "y"]].tolist()
    )


def test_boundaries_include_singapore() -> None:
    shipped_file = geography.GEO_DIR / geography.BOUNDARIES_FILE
    assert shipped_file.stat().st_size < 1_000_000
    collection = geography.load_boundaries()
    singapore = [f for f in collection["features"] if f["properties"]["name"] == "Singapore"]
    assert singapore and singapore[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_geojson_download_holds_the_places_and_flows_shown(mini) -> None:
    points, flows = geo.build_points(mini), geo.build_flows(mini)
    data = json.loads(
        geojson.to_geojson_bytes(
            geojson.merge_collections(geojson.points_geojson(points), geojson.flows_geojson(flows))
        )
    )
    kinds = [f["geometry"]["type"] for f in data["features"]]
    assert kinds == ["Point", "Point", "LineString"]
    assert data["features"][0]["geometry"]["coordinates"] == [103.85, 1.29]
    line = data["features"][2]
    assert line["properties"]["relationship_id"] == "r_one" and line["properties"]["start_date"] is None
    assert line["geometry"]["coordinates"] == [[120.15, 30.27], [103.85, 1.29]]


def test_geojson_download_is_a_standard_feature_collection_a_reader_opens_with_readable_names() -> None:
    points = pd.DataFrame(
        {
            "location_id": ["bj"],
            "name": ["北京 Beijing"],
            "lon": [116.4],
            "lat": [39.9],
            "opened": [pd.Timestamp("2024-05-01")],
        }
    )
    flows = pd.DataFrame(
        {
            "flow_id": ["f1"],
            "origin_lon": [1.0],
            "origin_lat": [2.0],
            "dest_lon": [3.0],
            "dest_lat": [4.0],
            "note": [None],
        }
    )
    collections = [geojson.points_geojson(points), geojson.flows_geojson(flows)]
    merged = geojson.merge_collections(*collections)
    raw = geojson.to_geojson_bytes(merged)
    for collection in [*collections, json.loads(raw)]:
        # RFC 7946's member names and type values, spelled exactly: GIS tools reject any other spelling.
        assert collection["type"] == "FeatureCollection"
        for feature in collection["features"]:
            assert feature["type"] == "Feature" and {"id", "properties", "geometry"} <= set(feature)
    point, line = json.loads(raw)["features"]
    assert (point["id"], line["id"]) == ("bj", "f1")
    assert point["properties"] == {
        "location_id": "bj",
        "name": "北京 Beijing",
        "lon": 116.4,
        "lat": 39.9,
        "opened": "2024-05-01",
    }
    assert line["properties"]["note"] is None
    text = raw.decode("utf-8")
    assert "北京 Beijing" in text  # the name as written, not \\u escapes
    assert text.endswith("}\n") and text.count("\n") > 10  # one member per line: a diff shows what changed


def test_map_layers_show_only_the_chosen_places_and_flows(shipped) -> None:
    base = map_tables.build_map_base(shipped)
    prepared = maps.prepare_region(base.points, base.flows, "sea")
    chosen = maps.map_datasets(prepared, location_ids={"singapore"}, flow_ids=set(base.flows["flow_id"][:1]))
    assert {r["location_id"] for r in chosen["points"]} == {"singapore"}
    assert {r["flow_id"] for r in chosen["lines"]} == set(base.flows["flow_id"][:1])


def _wide_boundaries(key: str) -> list[dict]:
    region = regions.REGIONS[key]
    box = regions.plot_box(region, widths=(regions.NARROW_PLOT_WIDTH, regions.MAX_PLOT_WIDTH), height=region.height)
    return clipped_boundaries(region, width_px=regions.MIN_PLOT_WIDTH, box=box)["features"]


@pytest.fixture(scope="module")
def wide_sea_boundaries() -> list[dict]:
    return _wide_boundaries("sea")


def test_map_spec_carries_its_boundaries_inline_never_the_world_file() -> None:
    region = regions.REGIONS["sea"]
    widths = (regions.NARROW_PLOT_WIDTH, regions.MAX_PLOT_WIDTH)
    topology = plot_topology(region, widths=widths, height=region.height, scale_width=regions.MIN_PLOT_WIDTH)
    spec = maps.map_spec("sea", topology, kinds=["headquarters"], owners=["chinese"], groups=["Chips"])
    text = json.dumps(spec)
    assert geography.BOUNDARIES_FILE not in text and '"url"' not in text, "no request for the world TopoJSON"
    layer = spec["layer"][0]["data"]
    assert layer["format"] == {"type": "topojson", "feature": "countries"}
    assert spec["datasets"][layer["name"]]["type"] == "Topology"
    assert spec["projection"]["rotate"][0] == regions.ROTATE
    assert any(p.get("name") == maps.SELECTION for p in spec.get("params", []))
    assert len(text) < 120_000, "a small fraction of the 756 KB world file"


def test_topology_decodes_to_the_clipped_rings_within_a_grid_step() -> None:
    square = [[100.0, 1.0], [100.5, 1.0], [100.5, 1.5], [100.0, 1.5], [100.0, 1.0]]
    hole = [[100.1, 1.1], [100.1, 1.2], [100.2, 1.2], [100.2, 1.1], [100.1, 1.1]]
    speck = [[101.0, 1.0], [101.001, 1.0], [101.001, 1.001], [101.0, 1.0]]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "A", "iso2": "AA"},
                "geometry": {"type": "MultiPolygon", "coordinates": [[square, hole], [speck]]},
            }
        ],
    }
    topology = to_topology(collection, step=0.01)
    [geometry] = topology["objects"]["countries"]["geometries"]
    assert geometry["properties"] == {"name": "A", "iso2": "AA"}
    assert len(geometry["arcs"]) == 1, "the speck collapses on the grid and is dropped"
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]

    def decode(index):  # TopoJSON: the first point absolute, then deltas, all times scale plus translate
        x = y = 0
        out = []
        for dx, dy in topology["arcs"][index]:
            x, y = x + dx, y + dy
            out.append([x * sx + tx, y * sy + ty])
        return out

    outer, inner = (decode(ring[0]) for ring in geometry["arcs"][0])
    assert outer == [pytest.approx(p, abs=0.005) for p in square]
    assert inner == [pytest.approx(p, abs=0.005) for p in hole]


def test_boundaries_reach_the_sides_of_a_1760_px_plot_of_a_tall_region() -> None:
    # Worked by hand: Vega fits the Southeast Asia box (92-126 E, 9 S-42 N) into 1760 x 560 px. The box is tall,
    # so its height sets the scale (px per radian) and the plot shows 1760 / scale radians of longitude.
    region = regions.REGIONS["sea"]
    y = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731
    scale = 560 / (y(42) - y(-9))
    half = math.degrees(1760 / scale) / 2
    lon0, lat0, lon1, lat1 = regions.plot_box(region, widths=(regions.NARROW_PLOT_WIDTH, 1760), height=560, margin_px=0)
    assert lon0 == pytest.approx(109 - half, abs=0.01) and lon1 == pytest.approx(109 + half, abs=0.01)
    assert lat0 == pytest.approx(-9, abs=0.01) and lat1 == pytest.approx(42, abs=0.01)
    assert half > 60, "far wider than the region's own 34 degrees: the blank bands the old clip left"


def test_wide_southeast_asia_map_draws_the_countries_at_its_sides(wide_sea_boundaries) -> None:
    names = {f["properties"]["name"] for f in wide_sea_boundaries}
    assert {"India", "Japan", "Australia", "China", "Malaysia", "Singapore"} <= names


def test_wide_east_asia_map_draws_land_where_us_bound_flows_end() -> None:
    # Worked by hand: East Asia (78-158 E, 10 S-48 N) fitted into 390 px of height; a 1,760 px plot then spans
    # about 290 degrees centred on 118 E, so it reaches about 94 W: past California, where the chip flows start.
    us = [
        lon
        for f in _wide_boundaries("east_asia")
        if f["properties"]["iso2"] == "US"
        for lon, _ in _points(f["geometry"]["coordinates"])
    ]
    assert any(-123 <= lon <= -121 for lon in us), "Silicon Valley's coast, across the antimeridian, is drawn"
    assert all(lon <= -92 or lon >= 170 for lon in us), "clipped at the plot's right edge"


def _points(coords):
    if isinstance(coords[0], (int, float)):
        yield coords
    else:
        for c in coords:
            yield from _points(c)


def test_the_boundary_file_decodes_to_the_same_countries_as_gdal_reads() -> None:
    """read_topojson (no GDAL in the server) gives every country GDAL gives, id, name and outline alike."""
    import geopandas as gpd  # the reference reader, used here only

    path = geography.GEO_DIR / geography.BOUNDARIES_FILE
    ours = geography.read_topojson(path, geography.BOUNDARIES_LAYER)
    gdal = gpd.read_file(path, layer=geography.BOUNDARIES_LAYER)
    assert list(ours["id"]) == list(gdal["id"]) and list(ours["name"]) == list(gdal["name"])
    assert ours.crs == "EPSG:4326"
    assert all(a.geom_type == b.geom_type and a.equals_exact(b, 1e-9) for a, b in zip(ours.geometry, gdal.geometry))


def test_a_topojson_ring_joins_its_arcs_and_reverses_a_negative_one(tmp_path) -> None:
    topology = {
        "type": "Topology",
        "arcs": [[[0, 0], [2, 0], [2, 2]], [[0, 0], [0, 2], [2, 2]]],
        "objects": {
            "c": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, -2]], "id": "001", "properties": {"name": "Square"}},
                ],
            }
        },
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(topology))
    frame = geography.read_topojson(path, "c")
    square = frame.geometry.iloc[0]
    assert list(square.exterior.coords) == [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
    assert frame["name"].iloc[0] == "Square" and square.area == 4


def test_a_region_holds_points_on_its_edges_and_across_the_antimeridian_but_not_outside() -> None:
    pacific = regions.Region("p", "Pacific", 170.0, 190.0, -10.0, 10.0, 300)
    assert pacific.contains(170.0, -10.0) and pacific.contains(190.0, 10.0)  # the edges are inside
    assert pacific.contains(-170.0, 0.0) and pacific.contains(-175.0, 5.0)  # 190 and 185 written west of 180
    assert not pacific.contains(100.0, 0.0) and not pacific.contains(-165.0, 0.0) and not pacific.contains(175.0, 11.0)


def _tie(rid: str, from_kind: str, from_id: str, relation: str, to_kind: str, to_id: str) -> dict:
    return {
        "relationship_id": rid,
        "from_kind": from_kind,
        "from_id": from_id,
        "relation": relation,
        "to_kind": to_kind,
        "to_id": to_id,
        "description": f"{from_id} {relation} {to_id}",
        "evidence": "press",
        "source_id": "rec",
    }


def _with_far_town(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The mini tables plus a third place nobody is linked to, its name carrying a parenthesis."""
    far = {
        "location_id": "far",
        "name": "Far Town (Outskirts)",
        "kind": "headquarters",
        "country": "US",
        "region": "north_america",
        "lat": 37.5,
        "lon": -122.0,
        "coord_precision": "city",
        "ownership": "non_chinese",
        "evidence": "press",
        "source_id": "rec",
        "note": "somewhere near the city",
    }
    extra = pd.DataFrame([far]).reindex(columns=tables["locations"].columns)
    return {**tables, "locations": pd.concat([tables["locations"], extra], ignore_index=True)}


def test_a_places_marker_says_who_is_there_by_role_once_each_and_keeps_its_own_facts(mini) -> None:
    tables = _with_far_town(
        _with_relationships(
            mini,
            [
                _tie("r_a", "company", "gov", "headquartered_in", "location", "hub"),  # no hq column: the tie says
                _tie("r_b", "company", "beta", "stations_engineers_at", "location", "hub"),
                _tie("r_c", "model", "m_two", "trains_in", "location", "home"),  # a model stands for its developer
                _tie("r_d", "company", "acme", "operates", "location", "hub"),
                _tie("r_e", "chip", "k_one", "operates", "location", "hub"),  # a chip stands for its designer
                _tie("r_f", "company", "acme", "operates", "location", "hub"),  # said twice, listed once
                _tie("r_g", "company", "beta", "supplies", "location", "far"),  # not a presence relation
                _tie("r_h", "company", "acme", "headquartered_in", "location", "hub"),  # its column says home
                _tie("r_i", "company", "ghost", "operates", "location", "far"),  # no such company: its id
            ],
        )
    )
    points = geo.build_points(tables)
    assert list(points.columns) == geo.POINT_COLUMNS
    hub, home, far = points.to_dict("records")
    assert hub == {
        "location_id": "hub",
        "name": "Hub City",
        "label": "Hub City",
        "kind": "datacentre_hub",
        "country": "SG",
        "region": "sea",
        "lat": 1.29,
        "lon": 103.85,
        "coord_precision": "city",
        "ownership": "non_chinese",
        "description": "Data centres",
        "who": "Headquarters: Agency; Trains models here: Acme AI; Engineers stationed here: Beta Chips; "
        "Operated by: Acme AI, Beta Chips",
        "company_ids": "gov,acme,beta",
        "evidence": "report",
        "source_id": "rep",
        "claim_id": "c_one",
        "note": "",
    }
    assert (home["who"], home["company_ids"]) == ("Headquarters: Acme AI; Trains models here: Beta Chips", "acme,beta")
    assert (home["evidence"], home["claim_id"], home["ownership"]) == ("official", "", "not_applicable")
    assert far["label"] == "Far Town" and far["name"] == "Far Town (Outskirts)"
    assert (far["who"], far["company_ids"], far["description"]) == ("Operated by: ghost", "ghost", "")
    assert (far["label"], far["note"]) == ("Far Town", "somewhere near the city")
    alone = geo.build_points(_with_far_town(mini)).set_index("location_id").loc["far"]
    assert (alone["who"], alone["company_ids"]) == ("No company in the data is linked to this place", "")
    assert (far["lat"], far["lon"], far["region"], far["country"]) == (37.5, -122.0, "north_america", "US")


def _flow_ties(mini: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Mini tables where Beta's head office is Far Town and the Agency (no head office) operates two places."""
    tables = _with_far_town(
        _with_relationships(
            mini,
            [
                _tie("r_s", "company", "beta", "supplies", "company", "acme"),
                _tie("r_u", "company", "acme", "uses", "chip", "k_one"),
                _tie("r_o1", "company", "gov", "operates", "location", "hub"),
                _tie("r_o2", "company", "gov", "operates", "location", "far"),
                _tie("r_o3", "company", "ghost", "operates", "location", "hub"),
                {
                    **_tie("r_p", "company", "beta", "supplies", "company", "gov"),
                    "start_date": "2024-03-01",
                    "end_date": "2025-06-30",
                    "note": "ended with the rule",
                },
                _tie("r_m", "model", "m_one", "trained_on", "chip", "k_one"),
                _tie("r_v", "company", "ghost", "uses", "chip", "k_one"),  # a user missing from companies.csv
                _tie("r_w", "company", "beta", "supplies", "company", "ghost"),
                _tie("r_x", "company", "beta", "develops", "model", "m_two"),
            ],
        )
    )
    rels = tables["relationships"]
    rels.loc[rels["relationship_id"] == "r_p", ["start_precision", "end_precision"]] = ["month", "day"]
    companies = tables["companies"]
    tables["companies"] = companies.assign(
        hq_location_id=companies["hq_location_id"].mask(companies["company_id"] == "beta", "far")
    )
    return tables


def test_each_flow_runs_between_the_drawn_places_of_its_ends_with_names_companies_and_dates(mini) -> None:
    tables = _flow_ties(mini)
    flows = geo.build_flows(tables).set_index("flow_id")
    assert list(flows.index) == ["r_one", "r_s", "r_u", "r_p__0", "r_p__1", "r_m", "r_v", "r_w"]
    ends = flows[["origin_id", "origin_name", "dest_id", "dest_name", "company_ids"]].to_dict("index")
    assert ends == {
        "r_one": {
            "origin_id": "home",
            "origin_name": "Home City",
            "dest_id": "hub",
            "dest_name": "Hub City",
            "company_ids": "acme",
        },
        # supplies runs forward: from the supplier's head office to the customer's
        "r_s": {
            "origin_id": "far",
            "origin_name": "Far Town",
            "dest_id": "home",
            "dest_name": "Home City",
            "company_ids": "beta,acme",
        },
        # uses runs in reverse: from the chip designer's home to the user
        "r_u": {
            "origin_id": "far",
            "origin_name": "Far Town",
            "dest_id": "home",
            "dest_name": "Home City",
            "company_ids": "acme,beta",
        },
        # a customer with no head office stands at each place it operates: one line per place
        "r_p__0": {
            "origin_id": "far",
            "origin_name": "Far Town",
            "dest_id": "hub",
            "dest_name": "Hub City",
            "company_ids": "beta,gov",
        },
        "r_p__1": {
            "origin_id": "far",
            "origin_name": "Far Town",
            "dest_id": "far",
            "dest_name": "Far Town",
            "company_ids": "beta,gov",
        },
        # a model trained on a chip: from the chip's designer to the model's developer
        "r_m": {
            "origin_id": "far",
            "origin_name": "Far Town",
            "dest_id": "home",
            "dest_name": "Home City",
            "company_ids": "acme,beta",
        },
        # a user without a head office, as the drawn end of a reversed tie, stands where it operates
        "r_v": {
            "origin_id": "far",
            "origin_name": "Far Town",
            "dest_id": "hub",
            "dest_name": "Hub City",
            "company_ids": "ghost,beta",
        },
        "r_w": {
            "origin_id": "far",
            "origin_name": "Far Town",
            "dest_id": "hub",
            "dest_name": "Hub City",
            "company_ids": "beta,ghost",
        },
    }
    assert (flows.at["r_v", "from_name"], flows.at["r_v", "to_name"]) == ("ghost", "K1"), "no name: its id"
    assert (flows.at["r_w", "from_name"], flows.at["r_w", "to_name"]) == ("Beta Chips", "ghost")
    p = flows.loc["r_p__0"]
    assert (p["relationship_id"], p["relation"], p["from_kind"], p["from_id"], p["to_kind"], p["to_id"]) == (
        "r_p",
        "supplies",
        "company",
        "beta",
        "company",
        "gov",
    )
    assert (p["from_name"], p["to_name"], p["description"], p["evidence"], p["source_id"]) == (
        "Beta Chips",
        "Agency",
        "beta supplies gov",
        "press",
        "rec",
    )
    assert (p["origin_lon"], p["origin_lat"], p["dest_lon"], p["dest_lat"]) == (-122.0, 37.5, 103.85, 1.29)
    assert (p["start_date"], p["start_precision"]) == (pd.Timestamp("2024-03-01"), "month")
    assert (p["end_date"], p["end_precision"], p["note"]) == (pd.Timestamp("2025-06-30"), "day", "ended with the rule")
    assert pd.api.types.is_datetime64_any_dtype(flows["start_date"]) and flows["end_date"].count() == 2
    assert (flows.at["r_one", "claim_id"], flows.at["r_one", "note"], flows.at["r_s", "claim_id"]) == ("c_one", "", "")
    # the Agency and ghost have no head office, so their own operating ties have no start: no line, unplaced
    assert geo.unplaced_count(tables, geo.build_flows(tables)) == 3


def test_a_map_with_no_places_or_no_ties_to_draw_keeps_its_columns(mini) -> None:
    no_ties = {**mini, "relationships": mini["relationships"].iloc[:0]}
    assert list(geo.build_flows(no_ties).columns) == geo.FLOW_COLUMNS and geo.build_flows(no_ties).empty
    no_places = {**mini, "locations": mini["locations"].iloc[:0]}
    assert list(geo.build_points(no_places).columns) == geo.POINT_COLUMNS and geo.build_points(no_places).empty


_CANVAS = regions.Projection(k=300.0, cx=0.0, cy=-0.5, width=800.0, height=600.0)


def _flows_between(pixels: dict[str, tuple[float, float]], pairs: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Flows (flow_id, origin, dest) between places given by where they sit on _CANVAS, in pixels."""
    where = {place: _CANVAS.invert(x, y) for place, (x, y) in pixels.items()}
    return pd.DataFrame(
        [
            {
                "flow_id": fid,
                "origin_id": o,
                "dest_id": d,
                "origin_lon": where[o][0],
                "origin_lat": where[o][1],
                "dest_lon": where[d][0],
                "dest_lat": where[d][1],
            }
            for fid, o, d in pairs
        ]
    )


def test_a_flow_bows_off_the_straight_line_and_parallel_flows_alternate_sides_growing_apart() -> None:
    # Worked by hand: p (100, 200) to q (300, 200) is 200 px long. The curve's control point sits 0.18 of the length
    # off the midpoint, so the curve's middle is half that, 18 px, off the line; then 18 px on the other side; then 32.
    flows = _flows_between(
        {"p": (100.0, 200.0), "q": (300.0, 200.0)},
        [("a", "p", "q"), ("b", "p", "q"), ("c", "q", "p"), ("d", "p", "q")],
    )
    paths = geo.flow_paths(flows, _CANVAS)
    assert list(paths.columns) == ["flow_id", "seq", "lon", "lat", "x", "y"]
    assert paths.groupby("flow_id", sort=False)["seq"].apply(list).to_dict() == {f: list(range(25)) for f in "abcd"}
    ends = paths[paths["seq"].isin([0, 24])].set_index(["flow_id", "seq"])
    assert ends.loc[("a", 0), ["x", "y"]].tolist() == pytest.approx([100.0, 200.0])
    assert ends.loc[("a", 24), ["x", "y"]].tolist() == pytest.approx([300.0, 200.0])
    assert ends.loc[("c", 0), ["x", "y"]].tolist() == pytest.approx([300.0, 200.0])  # c runs back from q
    middle = paths[paths["seq"] == 12].set_index("flow_id")
    assert middle["x"].tolist() == pytest.approx([200.0] * 4)
    # a below the line, b above, c (drawn q to p, the third on this pair) below again by 16+16, d above by 32
    assert middle["y"].tolist() == pytest.approx([218.0, 182.0, 232.0, 168.0])
    # a flow between two other places is the first on its own pair: it bows 18 px, on a's side
    other = geo.flow_paths(
        _flows_between(
            {"p": (100.0, 200.0), "q": (300.0, 200.0), "r": (100.0, 400.0), "s": (300.0, 400.0)},
            [("a", "p", "q"), ("b", "p", "q"), ("e", "r", "s")],
        ),
        _CANVAS,
    )
    assert other[other["seq"] == 12].set_index("flow_id").at["e", "y"] == pytest.approx(418.0)
    # running down the page, the same bow is to the left: (100, 100) to (100, 300) passes (82, 200)
    down = geo.flow_paths(_flows_between({"p": (100.0, 100.0), "q": (100.0, 300.0)}, [("v", "p", "q")]), _CANVAS)
    assert tuple(down[down["seq"] == 12][["x", "y"]].iloc[0]) == pytest.approx((82.0, 200.0))
    diagonal = geo.flow_paths(_flows_between({"p": (100.0, 100.0), "q": (400.0, 500.0)}, [("d", "p", "q")]), _CANVAS)
    # 500 px long: the middle (250, 300) moves 45 px at right angles to the line, (-0.8, 0.6) of it
    assert tuple(diagonal[diagonal["seq"] == 12][["x", "y"]].iloc[0]) == pytest.approx((214.0, 327.0))
    assert list(geo.flow_paths(_flows_between({}, []), _CANVAS).columns) == ["flow_id", "seq", "lon", "lat", "x", "y"]
    quarter = paths[(paths["flow_id"] == "a") & (paths["seq"] == 6)].iloc[0]
    # B(1/4) = 9/16 p + 6/16 control + 1/16 q, the control point at (200, 236)
    assert (quarter["x"], quarter["y"]) == pytest.approx((150.0, 213.5))
    back = [_CANVAS.project(lon, lat) for lon, lat in zip(paths["lon"], paths["lat"])]
    assert back == [pytest.approx(xy) for xy in zip(paths["x"], paths["y"])], "lon/lat are the same points"


def test_a_flow_at_home_is_a_loop_above_its_marker_and_a_second_one_is_larger() -> None:
    flows = _flows_between({"p": (400.0, 300.0)}, [("a", "p", "p"), ("b", "p", "p")])
    paths = geo.flow_paths(flows, _CANVAS, samples=8)
    a = paths[paths["flow_id"] == "a"].reset_index(drop=True)
    b = paths[paths["flow_id"] == "b"].reset_index(drop=True)
    assert len(a) == 9
    # a circle of diameter 26 px standing on the marker: a quarter round it is 13 px right and 13 px up
    assert [(a.at[i, "x"], a.at[i, "y"]) for i in (0, 2, 4, 6, 8)] == [
        pytest.approx(xy) for xy in [(400, 300), (413, 287), (400, 274), (387, 287), (400, 300)]
    ]
    assert (b.at[4, "x"], b.at[4, "y"]) == pytest.approx((400.0, 300.0 - 26 * 1.3))  # 30 % larger


def test_an_arrowhead_sits_four_fifths_along_its_flow_pointing_the_way_it_runs() -> None:
    rows = []
    for fid, (dx, dy) in {"right": (10, 0), "down": (0, 10), "left": (-10, 0), "up": (0, -10), "ne": (10, -10)}.items():
        for seq in range(6):
            rows.append({"flow_id": fid, "seq": seq, "x": 400 + dx * seq, "y": 300 + dy * seq, "lon": seq, "lat": -seq})
    rows.append({"flow_id": "short", "seq": 0, "x": 0, "y": 0, "lon": 7.0, "lat": 8.0})
    rows.append({"flow_id": "short", "seq": 1, "x": 0, "y": 5, "lon": 9.0, "lat": 10.0})
    heads = geo.arrow_heads(pd.DataFrame(rows), _CANVAS)
    assert list(heads.columns) == ["flow_id", "lon", "lat", "angle"]
    assert heads.set_index("flow_id").to_dict("index") == {
        "right": {"lon": 4, "lat": -4, "angle": pytest.approx(90.0)},  # 0.8 of five steps: the fifth point
        "down": {"lon": 4, "lat": -4, "angle": pytest.approx(180.0)},
        "left": {"lon": 4, "lat": -4, "angle": pytest.approx(270.0)},
        "up": {"lon": 4, "lat": -4, "angle": pytest.approx(0.0)},
        "ne": {"lon": 4, "lat": -4, "angle": pytest.approx(45.0)},
        "short": {"lon": 9.0, "lat": 10.0, "angle": pytest.approx(180.0)},  # two points: the head at the end
    }
    assert geo.arrow_heads(pd.DataFrame(rows), _CANVAS, at=0.2).set_index("flow_id").at["right", "lon"] == 1
    assert list(heads["flow_id"]) == ["right", "down", "left", "up", "ne", "short"], "in the flows' own order"
    assert geo.arrow_heads(pd.DataFrame(rows), _CANVAS, at=1.0).set_index("flow_id").at["right", "lon"] == 5
    assert list(geo.arrow_heads(pd.DataFrame(rows).iloc[:0], _CANVAS).columns) == ["flow_id", "lon", "lat", "angle"]


def test_a_head_office_column_wins_over_a_headquartered_in_tie_and_only_ties_to_a_place_count(mini) -> None:
    tables = _with_relationships(
        mini,
        [
            _tie("r_h1", "company", "acme", "headquartered_in", "location", "hub"),  # the column says home
            _tie("r_h2", "company", "gov", "headquartered_in", "location", "hub"),
            _tie("r_h3", "company", "beta", "headquartered_in", "company", "acme"),  # not a place
            _tie("r_h4", "company", "beta", "trains_in", "location", "home"),  # not a head office
        ],
    )
    assert geo.headquarters(tables) == {"acme": "home", "gov": "hub"}


def test_an_entity_stands_where_its_company_is_and_an_unknown_one_nowhere(mini) -> None:
    tables = _with_relationships(
        _with_far_town(mini),
        [
            _tie("r_o1", "company", "gov", "operates", "location", "hub"),
            _tie("r_o2", "company", "gov", "operates", "location", "far"),
            _tie("r_o3", "company", "gov", "operates", "location", "hub"),  # said twice, one place
            _tie("r_o4", "company", "gov", "operates", "location", "atlantis"),  # no such place
            _tie("r_o5", "company", "gov", "operates", "company", "acme"),  # not a place
        ],
    )
    lookup = geo.place_lookup(tables)
    assert lookup.operates == {"gov": ["hub", "far", "atlantis"]}
    assert (lookup.developer, lookup.designer) == (
        {"m_one": "acme", "m_two": "beta", "m_three": "acme"},
        {"k_one": "beta"},
    )
    assert lookup.locations == {"hub", "home", "far"} and lookup.hq == {"acme": "home"}
    places = {
        ("location", "hub"): ["hub"],
        ("location", "atlantis"): [],
        ("company", "acme"): ["home"],
        ("company", "gov"): [],  # no head office: as the start of a flow it stands nowhere
        ("company", "nobody"): [],
        ("model", "m_one"): ["home"],
        ("model", "m_two"): [],  # Beta has no head office in the mini data
        ("model", "m_nine"): [],
        ("chip", "k_one"): [],
        ("chip", "k_nine"): [],
        ("policy", "p_one"): [],
    }
    assert {key: geo.entity_places(lookup, *key) for key in places} == places
    assert geo.entity_places(lookup, "company", "gov", as_target=True) == ["hub", "far"]  # its known places
    assert geo.entity_places(lookup, "company", "acme", as_target=True) == ["home"]  # a head office comes first
    companies = {
        ("company", "gov"): ["gov"],
        ("model", "m_two"): ["beta"],
        ("model", "m_nine"): [],
        ("chip", "k_one"): ["beta"],
        ("chip", "k_nine"): [],
        ("location", "hub"): [],
        ("policy", "p_one"): [],
    }
    assert {key: geo.entity_companies(lookup, *key) for key in companies} == companies


def test_a_company_filter_keeps_the_places_it_is_at_by_exact_id_and_the_ends_of_its_flows() -> None:
    points = pd.DataFrame(
        {"location_id": ["a", "b", "c", "d", "e"], "company_ids": ["acme,beta", "acme2", "", "beta", "gov"]}
    )
    flows = pd.DataFrame({"origin_id": ["e"], "dest_id": ["d"]})
    assert geo.select_points(points, flows).equals(points), "no filter: every place"
    assert list(geo.select_points(points, flows, companies=["acme"])["location_id"]) == ["a", "d", "e"]
    assert list(geo.select_points(points, flows.iloc[:0], companies=["acme"])["location_id"]) == ["a"]
    assert list(geo.select_points(points, flows.iloc[:0], companies=["beta", "acme2"])["location_id"]) == [
        "a",
        "b",
        "d",
    ]


def _square(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


@pytest.fixture
def square_world(tmp_path) -> str:
    """A boundary file of four square countries (ids are ISO numeric codes, as in Natural Earth's file)."""
    arcs = [
        _square(101, 1, 105, 5),  # Squareland's mainland
        _square(106, 1, 106.02, 1.02),  # an islet far below a pixel at the test region's scale
        _square(107, 1, 107.1, 1.1),  # an island of a few pixels
        _square(108, 1, 108.04, 1.04),  # an island a little over the (2 x tolerance) squared kept
        _square(109, 5, 115, 9),  # Eastland, cut by the region's box at 111.5 E
        _square(130, 30, 135, 35),  # Farland, outside the box
        _square(-175, 0, -170, 5),  # Dateland, just east of the antimeridian
        _square(103.5, 8, 103.512, 8.012),  # Tinyland: two islets, each below a pixel
        _square(103.6, 8, 103.608, 8.008),
    ]
    geometries = [
        {
            "type": "MultiPolygon",
            "arcs": [[[0]], [[1]], [[2]], [[3]]],
            "id": "702",
            "properties": {"name": "Squareland"},
        },
        {"type": "Polygon", "arcs": [[4]], "id": "458", "properties": {"name": "Eastland"}},
        {"type": "Polygon", "arcs": [[5]], "id": "392", "properties": {"name": "Farland"}},
        {"type": "Polygon", "arcs": [[6]], "id": "242", "properties": {"name": "Dateland"}},
        {"type": "MultiPolygon", "arcs": [[[7]], [[8]]], "id": "096", "properties": {"name": "Tinyland"}},
    ]
    topology = {
        "type": "Topology",
        "arcs": arcs,
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
    }
    path = tmp_path / "squares.json"
    path.write_text(json.dumps(topology))
    return str(path)


_SQUARES = regions.Region("squares", "Test", 100.0, 110.0, 0.0, 10.0, 300)


def test_a_regions_clip_box_adds_15_percent_each_side_and_stops_short_of_the_poles() -> None:
    assert region_box(_SQUARES) == pytest.approx((98.5, -1.5, 111.5, 11.5))
    assert region_box(_SQUARES, margin=0.5) == pytest.approx((95.0, -5.0, 115.0, 15.0))
    polar = regions.Region("polar", "Polar", -10.0, 10.0, -80.0, 80.0, 300)
    assert region_box(polar) == pytest.approx((-13.0, -85.0, 13.0, 85.0))


def test_a_clip_box_past_the_antimeridian_wraps_onto_the_other_side() -> None:
    assert clip_mask((-10, 0, 10, 10)).equals(shapely.box(-10, 0, 10, 10))
    east = clip_mask((170, 0, 200, 10))  # 170 E to 160 W
    assert east.area == pytest.approx(300) and east.bounds == (-180, 0, 180, 10)
    assert east.contains(shapely.Point(-165, 5)) and not east.contains(shapely.Point(-155, 5))
    assert clip_mask((170, 0, 180.5, 10)).contains(shapely.Point(-179.8, 5)), "half a degree past 180"
    assert clip_mask((-180.5, 0, -170, 10)).contains(shapely.Point(179.8, 5))
    west = clip_mask((-200, 0, -170, 10))  # 160 E to 170 W
    assert west.area == pytest.approx(300) and west.contains(shapely.Point(165, 5))
    assert not west.contains(shapely.Point(155, 5))
    for whole in ((-180, 0, 180, 10), (-30, 0, 330, 10), (-200, 0, 200, 10)):
        assert clip_mask(whole).equals(shapely.box(-180, 0, 180, 10)), whole


def test_simplifying_tolerance_is_half_a_pixel_at_the_regions_scale() -> None:
    tolerance = simplify_tolerance(_SQUARES, 680)
    projection = regions.Projection.fit(_SQUARES, 680, _SQUARES.height)
    x0, _ = projection.project(105.0, 5.0)
    x1, _ = projection.project(105.0 + 2 * tolerance, 5.0)
    assert x1 - x0 == pytest.approx(1.0), "two tolerances make one screen pixel"


def test_a_regions_boundaries_are_its_countries_clipped_without_specks_on_a_grid_finer_than_the_tolerance(
    square_world,
) -> None:
    collection = clipped_boundaries(_SQUARES, width_px=680, path=square_world)
    step = simplify_tolerance(_SQUARES, 680) / 4  # about 0.0042 degrees: three decimals are enough
    assert collection["type"] == "FeatureCollection"
    features = {f["properties"]["name"]: f for f in collection["features"]}
    assert list(features) == ["Squareland", "Eastland", "Tinyland"], "Farland lies outside the box"
    for feature in features.values():
        assert set(feature) == {"type", "properties", "geometry"}, "no feature id: fewer bytes to the browser"
        assert set(feature["properties"]) == {"name", "iso2"}
    assert (features["Squareland"]["properties"]["iso2"], features["Eastland"]["properties"]["iso2"]) == ("SG", "MY")
    land = shapely.geometry.shape(features["Squareland"]["geometry"])
    assert land.geom_type == "MultiPolygon" and len(land.geoms) == 3, "the islet below a pixel is dropped"
    assert [part.bounds for part in land.geoms] == [
        pytest.approx(b, abs=step) for b in [(101, 1, 105, 5), (107, 1, 107.1, 1.1), (108, 1, 108.04, 1.04)]
    ]
    tiny = shapely.geometry.shape(features["Tinyland"]["geometry"])
    assert tiny.geom_type == "Polygon", "a country of specks keeps its largest, so its marker has a shape"
    assert tiny.bounds == pytest.approx((103.5, 8, 103.512, 8.012), abs=step)
    east = shapely.geometry.shape(features["Eastland"]["geometry"])
    assert east.bounds == pytest.approx((109, 5, 111.5, 9), abs=step), "cut at the box's east edge"
    coordinates = list(_points(features["Squareland"]["geometry"]["coordinates"]))
    assert all(round(value, 3) == value for point in coordinates for value in point)
    assert any(round(value, 2) != value for point in coordinates for value in point), "not coarser than needed"


def test_a_region_across_the_antimeridian_needs_its_box_which_then_reaches_the_far_side(square_world) -> None:
    pacific = regions.Region("pacific", "Pacific", 160.0, 200.0, -10.0, 10.0, 300)
    with pytest.raises(ValueError, match="pacific"):
        clipped_boundaries(pacific, width_px=680, path=square_world)
    wrapped = clipped_boundaries(pacific, width_px=680, path=square_world, box=(170, -10, 190, 10))
    [dateland] = wrapped["features"]
    assert dateland["properties"]["name"] == "Dateland"
    assert shapely.geometry.shape(dateland["geometry"]).bounds == pytest.approx((-175, 0, -170, 5), abs=0.01)
    by_key = clipped_boundaries("strait", width_px=680, path=square_world)  # a preset named by its key
    assert [f["properties"]["name"] for f in by_key["features"]] == ["Squareland"]


def _feature(geometry_type: str, coordinates: list) -> dict:
    return {
        "type": "Feature",
        "properties": {"name": geometry_type},
        "geometry": {"type": geometry_type, "coordinates": coordinates},
    }


def test_topology_keeps_a_plain_polygon_drops_a_country_that_collapses_and_counts_from_the_lowest_corner() -> None:
    plain = _feature("Polygon", [_square(10.0, 20.0, 10.5, 20.5)])
    collapsed = _feature("Polygon", [_square(30.0, 40.0, 30.001, 40.001)])
    triangle = _feature("Polygon", [[[12.0, 20.0], [12.5, 20.0], [12.0, 20.5], [12.0, 20.0]]])
    doubled = _feature(
        "Polygon", [[[14.0, 20.0], [14.0, 20.001], [14.5, 20.0], [14.5, 20.5], [14.0, 20.5], [14.0, 20.0]]]
    )
    topology = to_topology({"type": "FeatureCollection", "features": [plain, collapsed, triangle, doubled]}, step=0.1)
    assert topology["type"] == "Topology"
    assert topology["transform"] == {"scale": [0.1, 0.1], "translate": [10.0, 20.0]}
    geometries = topology["objects"]["countries"]["geometries"]
    assert topology["objects"]["countries"]["type"] == "GeometryCollection"
    assert [g["properties"]["name"] for g in geometries] == ["Polygon", "Polygon", "Polygon"]
    assert all(g["type"] == "MultiPolygon" for g in geometries)
    assert [g["arcs"] for g in geometries] == [[[[0]]], [[[1]]], [[[2]]]]
    assert topology["arcs"][0] == [[0, 0], [5, 0], [0, 5], [-5, 0], [0, -5]], "the first point, then steps of 0.1"
    assert topology["arcs"][1] == [[20, 0], [5, 0], [-5, 5], [0, -5]], "a triangle keeps its four points"
    assert topology["arcs"][2] == [[40, 0], [5, 0], [0, 5], [-5, 0], [0, -5]], "a point repeated on the grid once"
    empty = to_topology({"type": "FeatureCollection", "features": []}, step=0.5)
    assert empty["transform"]["translate"] == [0.0, 0.0] and empty["arcs"] == []
    assert empty["objects"]["countries"]["geometries"] == []


def test_a_plots_topology_covers_the_widest_plots_box_on_a_grid_a_quarter_of_the_tolerance() -> None:
    region = regions.REGIONS["sea"]
    widths = (regions.NARROW_PLOT_WIDTH, regions.MAX_PLOT_WIDTH)
    topology = plot_topology(region, widths=widths, height=region.height, scale_width=regions.MIN_PLOT_WIDTH)
    step = simplify_tolerance(region, regions.MIN_PLOT_WIDTH) / 4
    assert topology["transform"]["scale"] == [step, step]
    names = {g["properties"]["name"] for g in topology["objects"]["countries"]["geometries"]}
    assert {"Pakistan", "Papua New Guinea"} <= names, "the sides of the widest plot, beyond the region's own box"


def test_topology_drops_a_collapsed_hole_and_a_polygon_whose_outer_ring_collapses_with_its_holes() -> None:
    outer, hole = _square(0.0, 0.0, 1.0, 1.0), _square(0.5, 0.5, 0.51, 0.51)
    speck_with_hole = [_square(5.0, 5.0, 5.01, 5.01), _square(5.002, 5.002, 5.008, 5.008)]
    multi = _feature("MultiPolygon", [[outer, hole], speck_with_hole])
    topology = to_topology({"type": "FeatureCollection", "features": [multi]}, step=0.1)
    [geometry] = topology["objects"]["countries"]["geometries"]
    assert geometry["arcs"] == [[[0]]] and len(topology["arcs"]) == 1


@pytest.mark.parametrize(
    ("lon_min", "lon_max", "refused"),
    [(-177.0, -157.0, False), (-179.0, -170.0, True), (157.0, 177.0, False), (170.0, 179.0, True)],
)
def test_a_regions_own_box_may_reach_the_antimeridian_but_not_pass_it(square_world, lon_min, lon_max, refused) -> None:
    # the 15 % margin takes the first and third boxes exactly to 180 W / 180 E, the others past it
    region = regions.Region("edge", "Edge", lon_min, lon_max, -10.0, 10.0, 300)
    if refused:
        with pytest.raises(ValueError, match="edge"):
            clipped_boundaries(region, width_px=680, path=square_world)
    else:
        assert clipped_boundaries(region, width_px=680, path=square_world)["type"] == "FeatureCollection"


def test_boundaries_have_as_many_decimals_as_a_quarter_of_the_tolerance_needs_and_no_more(square_world) -> None:
    # a region 2.7 degrees tall on 300 px: tolerance about 0.0045 degrees, a quarter of it 0.0011: three decimals
    region = regions.Region("small", "Small", 101.0, 103.7, 1.0, 3.7, 300)
    assert 0.001 <= simplify_tolerance(region, 680) / 4 < 0.00125
    collection = clipped_boundaries(region, width_px=680, path=square_world)
    values = [v for f in collection["features"] for point in _points(f["geometry"]["coordinates"]) for v in point]
    assert values and all(round(v, 3) == v for v in values)


def test_a_plot_shows_its_own_box_and_a_margin_widens_it_on_every_side() -> None:
    projection = regions.Projection.fit(regions.REGIONS["sea"], 680, 410)
    lon0, lat0, lon1, lat1 = projection.visible_box()
    assert projection.project(lon0, lat1) == pytest.approx((0, 0), abs=1e-6), "the top left corner, no margin"
    assert projection.project(lon1, lat0) == pytest.approx((680, 410), abs=1e-6), "the bottom right corner"
    wider = projection.visible_box(12)
    assert projection.project(wider[0], wider[3]) == pytest.approx((-12, -12), abs=1e-6)
    assert projection.project(wider[2], wider[1]) == pytest.approx((692, 422), abs=1e-6)


def test_a_plot_taller_than_the_map_reaches_no_further_than_85_degrees_north_or_south() -> None:
    projection = regions.Projection.fit(regions.REGIONS["world"], 680, 4000)
    _, lat0, _, lat1 = projection.visible_box()
    assert (lat0, lat1) == (-85.0, 85.0)
    assert regions.Projection.mercator(10, 89) == regions.Projection.mercator(10, 85), "the poles are drawn at 85"
    assert regions.Projection.mercator(10, -89) == regions.Projection.mercator(10, -85)
    assert regions.Projection.mercator(10, 84)[1] != regions.Projection.mercator(10, 85)[1]


def test_boundaries_are_clipped_12_px_past_the_edges_of_the_widest_and_narrowest_plots() -> None:
    region = regions.REGIONS["sea"]
    lon0, lat0, lon1, lat1 = regions.plot_box(region, widths=(480, 1760), height=410)
    wide, narrow = regions.Projection.fit(region, 1760, 410), regions.Projection.fit(region, 480, 410)
    assert wide.project(lon0, 0)[0] == pytest.approx(-12) and wide.project(lon1, 0)[0] == pytest.approx(1772)
    assert narrow.project(100, lat1)[1] == pytest.approx(-12) and narrow.project(100, lat0)[1] == pytest.approx(422)


def test_a_box_past_the_antimeridian_is_fitted_on_corners_written_between_minus_180_and_180() -> None:
    corners = regions.REGIONS["world"].fit_feature()["geometry"]["coordinates"]
    assert sorted({lon for lon, _ in corners}) == [pytest.approx(-30.1), pytest.approx(-29.9)]
    pacific = regions.Region("p", "Pacific", 170.0, 190.0, -10.0, 10.0, 300).fit_feature()["geometry"]["coordinates"]
    assert sorted({lon for lon, _ in pacific}) == [-170.0, 170.0]


def test_the_geojson_download_of_one_place_and_one_flow_is_exactly_these_bytes_so_releases_diff_line_by_line() -> None:
    # Analysts diff the Map's download between releases: its layout (one member per line, one space per level,
    # keys in the order written, letters as written, a final new line) is the contract, typed here by hand.
    points = pd.DataFrame({"location_id": ["ld"], "name": ["Łódź"], "lon": [19.5], "lat": [51.75]})
    flows = pd.DataFrame(
        {"flow_id": ["f"], "origin_lon": [1.0], "origin_lat": [2.0], "dest_lon": [3.0], "dest_lat": [4.0]}
    )
    raw = geojson.to_geojson_bytes(
        geojson.merge_collections(geojson.points_geojson(points), geojson.flows_geojson(flows))
    )
    expected = """{
 "type": "FeatureCollection",
 "features": [
  {
   "type": "Feature",
   "id": "ld",
   "properties": {
    "location_id": "ld",
    "name": "Łódź",
    "lon": 19.5,
    "lat": 51.75
   },
   "geometry": {
    "type": "Point",
    "coordinates": [
     19.5,
     51.75
    ]
   }
  },
  {
   "type": "Feature",
   "id": "f",
   "properties": {
    "flow_id": "f",
    "origin_lon": 1.0,
    "origin_lat": 2.0,
    "dest_lon": 3.0,
    "dest_lat": 4.0
   },
   "geometry": {
    "type": "LineString",
    "coordinates": [
     [
      1.0,
      2.0
     ],
     [
      3.0,
      4.0
     ]
    ]
   }
  }
 ]
}
"""
    assert raw == expected.encode("utf-8")
