"""The full-world boundaries the clipped map boundaries are measured against (data/geography.py)."""

from __future__ import annotations

from supplychain.data.geography import load_boundaries


def test_the_reference_boundaries_are_features_with_a_name_and_a_shape_only() -> None:
    world = load_boundaries()
    assert world["type"] == "FeatureCollection" and len(world["features"]) > 100
    for feature in world["features"]:
        assert set(feature) == {"type", "properties", "geometry"}, "no id: a feature is known by its name"
        assert set(feature["properties"]) == {"name"} and feature["properties"]["name"]
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
