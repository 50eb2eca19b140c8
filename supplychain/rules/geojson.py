"""GeoJSON of the map's points and flows: what the Map's download and the data routes serve. Pure."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from supplychain.data.cells import is_blank


def points_geojson(points: pd.DataFrame) -> dict[str, Any]:
    """The places shown, as a GeoJSON FeatureCollection of Points (all columns as properties)."""
    features = []
    for row in points.to_dict("records"):
        props = {k: _json_value(v) for k, v in row.items()}
        features.append(
            {
                "type": "Feature",
                "id": row["location_id"],
                "properties": props,
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def flows_geojson(flows: pd.DataFrame) -> dict[str, Any]:
    """The flows shown, as a GeoJSON FeatureCollection of straight LineStrings from origin to destination."""
    features = []
    for row in flows.to_dict("records"):
        props = {k: _json_value(v) for k, v in row.items()}
        features.append(
            {
                "type": "Feature",
                "id": row["flow_id"],
                "properties": props,
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[row["origin_lon"], row["origin_lat"]], [row["dest_lon"], row["dest_lat"]]],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _json_value(value: Any) -> Any:
    if is_blank(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):
        return value.item()
    return value


def to_geojson_bytes(collection: dict[str, Any]) -> bytes:
    """GeoJSON as UTF-8 bytes (non-ASCII kept readable, keys in a stable order)."""
    return (json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def merge_collections(*collections: dict[str, Any]) -> dict[str, Any]:
    """One FeatureCollection holding the features of several, in order."""
    return {"type": "FeatureCollection", "features": [f for c in collections for f in c["features"]]}
