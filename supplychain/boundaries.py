"""Country boundaries built once per map region: clipped to the region's box and simplified for its scale (geopandas)."""

from __future__ import annotations

import json
import math
from typing import Any

import shapely

from supplychain.geo import REGIONS, Region

# Simplify to this fraction of a screen pixel at the region's scale on its smallest canvas: below what the eye sees.
SIMPLIFY_PX = 0.5
# Keep this much margin (as a share of the box) around a region so coasts do not stop at the frame edge.
CLIP_MARGIN = 0.15


def region_box(region: Region, margin: float = CLIP_MARGIN) -> tuple[float, float, float, float]:
    """(lon_min, lat_min, lon_max, lat_max) of a region with a margin, longitudes in [-180, 180] where possible."""
    dlon, dlat = region.lon_max - region.lon_min, region.lat_max - region.lat_min
    return (
        region.lon_min - margin * dlon,
        max(-85.0, region.lat_min - margin * dlat),
        region.lon_max + margin * dlon,
        min(85.0, region.lat_max + margin * dlat),
    )


def clipped_boundaries(region: Region | str, *, width_px: float, path: str | None = None) -> dict[str, Any]:
    """Country polygons of one region as GeoJSON: clipped to its box (with margin), simplified to SIMPLIFY_PX.

    Only regions whose box stays within [-180, 180] are clipped (the world view crosses the antimeridian and
    keeps the full file). Properties: name, iso2. The tolerance in degrees is SIMPLIFY_PX times the degrees per
    pixel of the region drawn `width_px` wide, so a smaller region keeps finer coastlines.
    """
    from supplychain.sites import country_polygons

    region = REGIONS[region] if isinstance(region, str) else region
    lon0, lat0, lon1, lat1 = region_box(region)
    if lon0 < -180 or lon1 > 180:
        raise ValueError(f"region {region.key} crosses the antimeridian; draw it from the full boundaries")
    polygons = country_polygons(path)
    clipped = polygons.clip((lon0, lat0, lon1, lat1))
    clipped = clipped[~clipped.geometry.is_empty]
    tolerance = SIMPLIFY_PX * (region.lon_max - region.lon_min) / width_px
    simplified = clipped.geometry.simplify(tolerance, preserve_topology=True)
    # Coordinates rounded to a grid finer than the tolerance: fewer digits sent, nothing visible lost.
    clipped = clipped.assign(geometry=shapely.set_precision(simplified.values, tolerance / 4))
    clipped = clipped[~clipped.geometry.is_empty]
    collection = json.loads(clipped[["name", "iso2", "geometry"]].to_json(drop_id=True))
    digits = max(0, math.ceil(-math.log10(tolerance / 4)))
    for feature in collection["features"]:
        feature["geometry"]["coordinates"] = _rounded(feature["geometry"]["coordinates"], digits)
    return collection


def _rounded(coords: Any, digits: int) -> Any:
    if isinstance(coords, (int, float)):
        return round(coords, digits)
    return [_rounded(c, digits) for c in coords]


def geojson_size(collection: dict[str, Any]) -> int:
    """Bytes of a GeoJSON collection as sent inline in a Vega-Lite spec (compact JSON)."""
    return len(json.dumps(collection, separators=(",", ":")).encode("utf-8"))
