"""Where the maps look: region presets (lon/lat boxes), the Pacific-centred Mercator and the box a plot shows. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from supplychain.i18n import N_

# The map is Pacific-centred (central meridian 150°E) so that Silicon Valley -> China flows cross the
# Pacific instead of the whole of Eurasia. Vega uses the same value (projection rotate = ROTATE).
CENTRAL_MERIDIAN = 150.0
ROTATE = -CENTRAL_MERIDIAN


@dataclass(frozen=True)
class Region:
    """A map preset: a lon/lat box (lon_max may pass 180 to cross the antimeridian) and the map height."""

    key: str
    label: str
    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float
    height: int
    # Location regions (locations.region) whose every place must lie inside this box.
    holds: tuple[str, ...] = ()

    def contains(self, lon: float, lat: float) -> bool:
        return (lon - self.lon_min) % 360 <= (self.lon_max - self.lon_min) and self.lat_min <= lat <= self.lat_max

    def fit_feature(self) -> dict[str, Any]:
        """The GeoJSON Vega fits its projection to: the box corners (Vega-Lite `projection.fit`)."""
        corners = [[_wrap(lon), lat] for lon in (self.lon_min, self.lon_max) for lat in (self.lat_min, self.lat_max)]
        return {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": corners}}


REGIONS: dict[str, Region] = {
    "world": Region(
        "world", N_("World"), -29.9, 329.9, -42.0, 72.0, 300, ("sea", "east_asia", "north_america", "europe", "other")
    ),
    "east_asia": Region(
        "east_asia", N_("East and Southeast Asia"), 78.0, 158.0, -10.0, 48.0, 390, ("sea", "east_asia")
    ),
    # Reaches north to Beijing so that the flows from the Chinese head offices start on the map (issue 11).
    "sea": Region("sea", N_("Southeast Asia"), 92.0, 126.0, -9.0, 42.0, 410, ("sea",)),
    "strait": Region("strait", N_("Singapore and Johor"), 102.95, 104.75, 0.95, 2.05, 390, ()),
}
DEFAULT_REGION = "east_asia"
SITE_MAP_HEIGHT = 470
# The site map's presets: the Johor-Singapore corridor first (the same box as the Map's close-up), Kuala Lumpur
# one click away, then the region. Its "sea" box stops at the equator's latitudes where the sites are; the Map's
# "sea" reaches north to Beijing so that flows from Chinese head offices start on the map.
SITE_REGIONS: dict[str, Region] = {
    "strait": replace(REGIONS["strait"], height=SITE_MAP_HEIGHT),
    "kl": Region("kl", N_("Kuala Lumpur"), 101.3, 102.1, 2.7, 3.35, SITE_MAP_HEIGHT),
    "sea": Region("sea", N_("Southeast Asia"), 96.0, 124.0, -8.0, 16.0, SITE_MAP_HEIGHT),
}
DEFAULT_SITE_REGION = "strait"
# The plot fills the page's width (Region.height is the plot's own height; legends go below it): about 820 px
# in a 1280x720 window with the sidebar open, 1,460 px at 1920x1080, 1,760 px with the sidebar closed. Labels are
# placed for MIN_PLOT_WIDTH; boundaries are clipped to everything a plot up to MAX_PLOT_WIDTH wide shows.
MIN_PLOT_WIDTH = 680
MAX_PLOT_WIDTH = 1760
# The narrowest plot boundaries still reach every edge of (a 1024-px window with the sidebar open): a narrower
# plot of a wide region shows more latitude above and below.
NARROW_PLOT_WIDTH = 480


def site_region_of(lon: float, lat: float) -> str | None:
    """The first site-map preset whose box holds a point (a place's profile opens the Sites map there), or None."""
    return next((key for key, region in SITE_REGIONS.items() if region.contains(lon, lat)), None)


def _wrap(lon: float) -> float:
    """Longitude in [-180, 180)."""
    return (lon + 180.0) % 360.0 - 180.0


@dataclass(frozen=True)
class Projection:
    """Mercator rotated by ROTATE and fitted to a region on a canvas, as d3's fitSize does it."""

    k: float
    cx: float
    cy: float
    width: float
    height: float

    @staticmethod
    def mercator(lon: float, lat: float) -> tuple[float, float]:
        lam = math.radians(_wrap(lon + ROTATE))
        phi = math.radians(max(min(lat, 85.0), -85.0))
        return lam, -math.log(math.tan(math.pi / 4 + phi / 2))

    @classmethod
    def fit(cls, region: Region, width: float, height: float) -> Projection:
        xs, ys = zip(*(cls.mercator(*c) for c in region.fit_feature()["geometry"]["coordinates"]))
        k = min(width / (max(xs) - min(xs)), height / (max(ys) - min(ys)))
        return cls(k, (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2, width, height)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        mx, my = self.mercator(lon, lat)
        return self.k * (mx - self.cx) + self.width / 2, self.k * (my - self.cy) + self.height / 2

    def invert(self, x: float, y: float) -> tuple[float, float]:
        mx = (x - self.width / 2) / self.k + self.cx
        my = (y - self.height / 2) / self.k + self.cy
        lat = math.degrees(2 * math.atan(math.exp(-my)) - math.pi / 2)
        return _wrap(math.degrees(mx) - ROTATE), lat

    def visible_box(self, margin_px: float = 0.0) -> tuple[float, float, float, float]:
        """(lon_min, lat_min, lon_max, lat_max) the canvas shows, plus a margin in pixels. Longitudes are not wrapped:
        lon_max - lon_min is the span shown (it may pass 180 or exceed 360)."""
        centre = math.degrees(self.cx) - ROTATE
        half = math.degrees((self.width / 2 + margin_px) / self.k)
        lats = [self.invert(self.width / 2, y)[1] for y in (-margin_px, self.height + margin_px)]
        return centre - half, max(-85.0, min(lats)), centre + half, min(85.0, max(lats))


def projection_for(region: Region) -> Projection:
    """The projection labels of a preset are placed for: Vega's fit on the smallest plot the page gives it. A wider
    plot of a tall region keeps its scale and centre, so the labels stay put and its sides show more, unlabelled
    (hover a marker there for its name)."""
    return Projection.fit(region, MIN_PLOT_WIDTH, region.height)


def plot_box(region: Region, *, widths: tuple[float, float], height: float, margin_px: float = 12.0):
    """The lon/lat box every plot between widths[0] and widths[1] px wide (and `height` tall) shows, with Vega's
    projection fitted to the region: the longitudes of the widest, the latitudes of the narrowest. This is what
    boundaries are clipped to, so land reaches every edge of the plot the reader sees."""
    narrow, wide = (Projection.fit(region, w, height) for w in widths)
    lon0, _, lon1, _ = wide.visible_box(margin_px)
    _, lat0, _, lat1 = narrow.visible_box(margin_px)
    return lon0, lat0, lon1, lat1
