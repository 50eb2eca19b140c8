"""Map logic: places, flows and region presets (supplychain.geo, supplychain.maps), on the shipped data and small
frames."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from conftest import DATA_DIR

from supplychain.charts import map_tables, maps
from supplychain.data import geography
from supplychain.data.load import load_dataset
from supplychain.rules import geo, geojson, label_layout, regions
from supplychain.rules.boundaries import clipped_boundaries, plot_topology, to_topology


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
