"""Country boundaries built once per map region: clipped to the region's box and simplified for its scale
(geopandas)."""

from __future__ import annotations

import json
import math
from typing import Any

import shapely

from supplychain.data.geography import BOUNDARIES_LAYER, country_polygons
from supplychain.rules.regions import REGIONS, Projection, Region, plot_box

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


def clip_mask(box: tuple[float, float, float, float]) -> shapely.Geometry:
    """A lon/lat box whose longitudes may pass ±180 (a Pacific-centred plot) as polygons within [-180, 180]."""
    lon0, lat0, lon1, lat1 = box
    if lon1 - lon0 >= 360:
        return shapely.box(-180, lat0, 180, lat1)
    parts = [shapely.box(max(lon0, -180), lat0, min(lon1, 180), lat1)]
    if lon1 > 180:
        parts.append(shapely.box(-180, lat0, lon1 - 360, lat1))
    if lon0 < -180:
        parts.append(shapely.box(lon0 + 360, lat0, 180, lat1))
    return shapely.union_all(parts)


def simplify_tolerance(region: Region, width_px: float) -> float:
    """SIMPLIFY_PX in degrees: degrees per pixel at the scale Vega fits the region to on a plot width_px wide (a tall
    region's scale is set by its height, so its pixels span more degrees than width_px alone would say)."""
    return SIMPLIFY_PX * math.degrees(1 / Projection.fit(region, width_px, region.height).k)


def plot_topology(region: Region, *, widths: tuple[float, float], height: float, scale_width: float) -> dict[str, Any]:
    """The boundaries a map plot `widths[0]`..`widths[1]` px wide and `height` tall shows (regions.plot_box), simplified
    for the scale Vega fits at `scale_width`, as TopoJSON on a grid a quarter of the tolerance (to_topology)."""

    box = plot_box(region, widths=widths, height=height)
    collection = clipped_boundaries(region, width_px=scale_width, box=box)
    return to_topology(collection, step=simplify_tolerance(region, scale_width) / 4)


def clipped_boundaries(
    region: Region | str,
    *,
    width_px: float,
    path: str | None = None,
    box: tuple[float, float, float, float] | None = None,
) -> dict[str, Any]:
    """Country polygons of one region as GeoJSON: clipped to `box` (default: the region's box with a margin),
    simplified to SIMPLIFY_PX.

    `box` is (lon_min, lat_min, lon_max, lat_max), longitudes unwrapped (regions.plot_box: what the plot shows, which
    may cross the antimeridian). Without it, a region whose box crosses the antimeridian (the world view) is
    refused. Properties: name, iso2. The tolerance in degrees is SIMPLIFY_PX times the degrees per pixel of the
    region fitted to a plot `width_px` wide (and its own height), so a smaller region keeps finer coastlines.
    """

    region = REGIONS[region] if isinstance(region, str) else region
    if box is None:
        box = region_box(region)
        if box[0] < -180 or box[2] > 180:
            raise ValueError(f"region {region.key} crosses the antimeridian; pass the box to clip to")
    polygons = country_polygons(path)
    # A few 1:50m polygons (Fiji, at the antimeridian) are invalid, which a clip across the whole world trips over.
    polygons = polygons.assign(geometry=polygons.geometry.make_valid())
    clipped = polygons.clip(clip_mask(box))
    clipped = clipped[~clipped.geometry.is_empty]
    tolerance = simplify_tolerance(region, width_px)
    simplified = clipped.geometry.simplify(tolerance, preserve_topology=True).map(
        lambda g: _drop_specks(g, (2 * tolerance) ** 2)
    )
    # Coordinates rounded to a grid finer than the tolerance: fewer digits sent, nothing visible lost.
    clipped = clipped.assign(geometry=shapely.set_precision(simplified.values, tolerance / 4))
    clipped = clipped[~clipped.geometry.is_empty]
    collection = json.loads(clipped[["name", "iso2", "geometry"]].to_json(drop_id=True))
    digits = max(0, math.ceil(-math.log10(tolerance / 4)))
    for feature in collection["features"]:
        feature["geometry"]["coordinates"] = _rounded(feature["geometry"]["coordinates"], digits)
    return collection


def _drop_specks(geometry: shapely.Geometry, min_area: float) -> shapely.Geometry:
    """A country without its islands smaller than `min_area` (about a screen pixel); its largest part always stays,
    so a small country (Singapore on the world view) keeps a shape where its marker sits."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    if len(parts) < 2:
        return geometry
    largest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p is largest or p.area >= min_area]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


def _rounded(coords: Any, digits: int) -> Any:
    if isinstance(coords, (int, float)):
        return round(coords, digits)
    return [_rounded(c, digits) for c in coords]


def to_topology(collection: dict[str, Any], *, step: float) -> dict[str, Any]:
    """A GeoJSON collection of (Multi)Polygons as TopoJSON: coordinates quantized to a `step`-degree grid and
    delta-encoded, one arc per ring (borders are not shared). Small integers instead of decimal degrees: about
    half the bytes of the same GeoJSON. Rings that collapse on the grid are dropped; so is a feature left empty.
    """
    coords = [c for f in collection["features"] for c in _flat(f["geometry"]["coordinates"])]
    x0, y0 = (min(c[0] for c in coords), min(c[1] for c in coords)) if coords else (0.0, 0.0)
    arcs: list[list[list[int]]] = []

    def ring_arc(ring: list[list[float]]) -> int | None:
        points: list[tuple[int, int]] = []
        for lon, lat in ring:
            q = (round((lon - x0) / step), round((lat - y0) / step))
            if not points or q != points[-1]:
                points.append(q)
        if len(points) < 4:
            return None
        arcs.append([list(points[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in zip(points, points[1:])])
        return len(arcs) - 1

    def polygon(rings: list) -> list[list[int]] | None:
        encoded = [ring_arc(r) for r in rings]
        if encoded[0] is None:  # the outer ring collapsed: so did the holes
            return None
        return [[i] for i in encoded if i is not None]

    geometries = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        parts = [p for p in (polygon(rings) for rings in polygons) if p]
        if parts:
            geometries.append({"type": "MultiPolygon", "arcs": parts, "properties": feature["properties"]})
    return {
        "type": "Topology",
        "transform": {"scale": [step, step], "translate": [x0, y0]},
        "objects": {BOUNDARIES_LAYER: {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def _flat(coords: Any) -> Any:
    if isinstance(coords[0], (int, float)):
        yield coords
    else:
        for c in coords:
            yield from _flat(c)


def geojson_size(collection: dict[str, Any]) -> int:
    """Bytes of a GeoJSON collection as sent inline in a Vega-Lite spec (compact JSON)."""
    return len(json.dumps(collection, separators=(",", ":")).encode("utf-8"))
