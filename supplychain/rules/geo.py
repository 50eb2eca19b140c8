"""Geography of the story: map points, flows between places, region presets, projection and label placement. Pure."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from supplychain.data.dates import map_counts_from
from supplychain.data.entities import entity_names
from supplychain.i18n import N_, Words, _

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"
BOUNDARIES_FILE = "countries-50m.json"  # world-atlas 2.0.2 TopoJSON of Natural Earth 1:50m admin-0 countries
BOUNDARIES_LAYER = "countries"

# The map is Pacific-centred (central meridian 150°E) so that Silicon Valley -> China flows cross the
# Pacific instead of the whole of Eurasia. Vega uses the same value (projection rotate = ROTATE).
CENTRAL_MERIDIAN = 150.0
ROTATE = -CENTRAL_MERIDIAN

# How each relation becomes a line on the map, defined once: "forward" draws from the from-entity's
# place to the to-entity's place; "reverse" draws from the to-entity's place to the from-entity's,
# so chip relations run from the chip designer's home to where the chips are used.
# Relations not listed (develops, designs, issues, restricts, headquartered_in, ...) are not flows:
# headquartered_in is shown on the marker ("who is here"), the rest are not geographic.
FLOW_DIRECTIONS: dict[str, str] = {
    "trains_in": "forward",
    "leases_capacity_from": "forward",
    "operates": "forward",
    "stations_engineers_at": "forward",
    "partners_with": "forward",
    "supplies": "forward",
    "uses": "reverse",
    "stockpiled": "reverse",
    "trained_on": "reverse",
}
# Relations that say who is at a place (listed on its marker and in its detail panel).
PRESENCE_RELATIONS = Words(
    {
        "headquartered_in": N_("Headquarters"),
        "trains_in": N_("Trains models here"),
        "operates": N_("Operated by"),
        "stations_engineers_at": N_("Engineers stationed here"),
    }
)


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
# The plot fills the page's width (Region.height is the plot's own height; legends go below it): about 820 px
# in a 1280x720 window with the sidebar open, 1,460 px at 1920x1080, 1,760 px with the sidebar closed. Labels are
# placed for MIN_PLOT_WIDTH; boundaries are clipped to everything a plot up to MAX_PLOT_WIDTH wide shows.
MIN_PLOT_WIDTH = 680
MAX_PLOT_WIDTH = 1760
# The narrowest plot boundaries still reach every edge of (a 1024-px window with the sidebar open): a narrower
# plot of a wide region shows more latitude above and below.
NARROW_PLOT_WIDTH = 480

LABEL_FONT_PX = 14
FLOW_LABEL_FONT_PX = 14
MARKER_PX = 16


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
    lon0, _lat0, lon1, _lat1 = wide.visible_box(margin_px)
    _lon0, lat0, _lon1, lat1 = narrow.visible_box(margin_px)
    return lon0, lat0, lon1, lat1


def short_name(name: str) -> str:
    """A place name for a map label: the part before any parenthesis ("Johor (Johor Bahru ...)" -> "Johor")."""
    return str(name).split(" (")[0].strip()


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def load_boundaries(path: Path | None = None) -> dict[str, Any]:
    """Country boundaries as a GeoJSON FeatureCollection (properties: name), read with geopandas.

    Used by the tests, as the full-world reference the clipped boundaries are measured against.
    """
    import geopandas as gpd

    frame = gpd.read_file(path or GEO_DIR / BOUNDARIES_FILE, layer=BOUNDARIES_LAYER)
    return json.loads(frame[["name", "geometry"]].to_json(drop_id=True))


def headquarters(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """company_id -> location_id of its head office: hq_location_id, else a headquartered_in relationship."""
    rels = tables["relationships"]
    hq = {
        str(c): str(loc)
        for c, loc in zip(tables["companies"]["company_id"], tables["companies"]["hq_location_id"])
        if _text(loc)
    }
    for _row, r in rels[(rels["relation"] == "headquartered_in") & (rels["to_kind"] == "location")].iterrows():
        hq.setdefault(str(r["from_id"]), str(r["to_id"]))
    return hq


@dataclass(frozen=True)
class PlaceLookup:
    """What entity_places and entity_companies need, read from the tables once.

    Why: the map asks where each end of every relationship stands; looking that up in the tables per
    relationship made building the map grow with the square of the rows (16.7 s at 100x the data).
    """

    locations: frozenset[str]
    hq: dict[str, str]
    developer: dict[str, str]  # model_id -> developer company_id
    designer: dict[str, str]  # chip_id -> designer company_id
    operates: dict[str, list[str]]  # company_id -> location ids it operates, in the relationships' order


def place_lookup(tables: dict[str, pd.DataFrame]) -> PlaceLookup:
    """The lookups of entity_places / entity_companies for these tables."""
    rels = tables["relationships"]
    ops = rels[(rels["relation"] == "operates") & (rels["to_kind"] == "location")]
    operates: dict[str, list[str]] = {}
    for company, loc in zip(ops["from_id"].astype(str), ops["to_id"].astype(str)):
        if loc not in operates.setdefault(company, []):
            operates[company].append(loc)
    models, chips = tables["models"], tables["chips"]
    return PlaceLookup(
        locations=frozenset(tables["locations"]["location_id"].astype(str)),
        hq=headquarters(tables),
        developer=dict(zip(models["model_id"].astype(str), models["developer_id"].astype(str))),
        designer=dict(zip(chips["chip_id"].astype(str), chips["designer_id"].astype(str))),
        operates=operates,
    )


def entity_places(lookup: PlaceLookup, kind: str, entity_id: str, *, as_target: bool = False) -> list[str]:
    """Location ids an entity stands at on the map.

    A place is itself; a company is at its head office (and, as the target of a flow, a company with
    no head office, such as an unnamed class of operators, is at the places it operates); a model is
    where its developer is; a chip where its designer is. Unknown ids give [].
    """
    if kind == "location":
        return [entity_id] if entity_id in lookup.locations else []
    if kind == "company":
        home = lookup.hq.get(entity_id)
        if home in lookup.locations:
            return [home]
        if as_target:
            return [t for t in lookup.operates.get(entity_id, []) if t in lookup.locations]
        return []
    if kind == "model":
        developer = lookup.developer.get(entity_id)
        return entity_places(lookup, "company", developer) if developer is not None else []
    if kind == "chip":
        designer = lookup.designer.get(entity_id)
        return entity_places(lookup, "company", designer) if designer is not None else []
    return []


def entity_companies(lookup: PlaceLookup, kind: str, entity_id: str) -> list[str]:
    """The companies an entity belongs to, for the company filter: itself, a model's developer, a chip's designer."""
    if kind == "company":
        return [entity_id]
    if kind == "model":
        return [lookup.developer[entity_id]] if entity_id in lookup.developer else []
    if kind == "chip":
        return [lookup.designer[entity_id]] if entity_id in lookup.designer else []
    return []


POINT_COLUMNS = [
    "location_id",
    "name",
    "label",
    "kind",
    "country",
    "region",
    "lat",
    "lon",
    "coord_precision",
    "ownership",
    "description",
    "who",
    "company_ids",
    "evidence",
    "source_id",
    "claim_id",
    "note",
]


def build_points(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per location with what the map needs: label, who is there (head offices and relations), sources.

    `who` is readable text ("Headquarters: Alibaba Group, DeepSeek; Trains models here: ..."),
    `company_ids` a comma-separated list of the companies present, for the company filter.
    """
    locations = tables["locations"]
    names = entity_names(tables)
    present: dict[str, dict[str, list[str]]] = {}
    companies_at: dict[str, list[str]] = {}

    def add(loc: str, what: str, company: str) -> None:
        bucket = present.setdefault(loc, {}).setdefault(what, [])
        if company not in bucket:
            bucket.append(company)
        companies_at.setdefault(loc, [])
        if company not in companies_at[loc]:
            companies_at[loc].append(company)

    for company, loc in headquarters(tables).items():
        add(loc, PRESENCE_RELATIONS["headquartered_in"], company)
    rels = tables["relationships"]
    lookup = place_lookup(tables)
    for _row, r in rels[rels["relation"].isin(list(PRESENCE_RELATIONS)) & (rels["to_kind"] == "location")].iterrows():
        if r["relation"] == "headquartered_in":
            continue
        for company in entity_companies(lookup, str(r["from_kind"]), str(r["from_id"])):
            add(str(r["to_id"]), PRESENCE_RELATIONS[str(r["relation"])], company)

    rows = []
    for _row, loc in locations.iterrows():
        lid = str(loc["location_id"])
        who = "; ".join(
            f"{what}: {', '.join(names.get(c, c) for c in cs)}" for what, cs in present.get(lid, {}).items()
        )
        rows.append(
            {
                "location_id": lid,
                "name": str(loc["name"]),
                "label": short_name(loc["name"]),
                "kind": str(loc["kind"]),
                "country": str(loc["country"]),
                "region": str(loc["region"]),
                "lat": float(loc["lat"]),
                "lon": float(loc["lon"]),
                "coord_precision": str(loc["coord_precision"]),
                "ownership": str(loc["ownership"]),
                "description": _text(loc["description"]),
                "who": who or _("No company in the data is linked to this place"),
                "company_ids": ",".join(companies_at.get(lid, [])),
                "evidence": str(loc["evidence"]),
                "source_id": _text(loc["source_id"]),
                "claim_id": _text(loc["claim_id"]),
                "note": _text(loc["note"]),
            }
        )
    return pd.DataFrame(rows, columns=POINT_COLUMNS)


FLOW_COLUMNS = [
    "flow_id",
    "relationship_id",
    "relation",
    "from_kind",
    "from_id",
    "from_name",
    "to_kind",
    "to_id",
    "to_name",
    "origin_id",
    "origin_name",
    "origin_lon",
    "origin_lat",
    "dest_id",
    "dest_name",
    "dest_lon",
    "dest_lat",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "description",
    "company_ids",
    "evidence",
    "source_id",
    "claim_id",
    "note",
]


def build_flows(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per line on the map: a relationship of a FLOW_DIRECTIONS type from one place to another.

    A relationship whose either end has no place on the map gives no line (no flow without both
    ends); one whose end stands at several places (an operator class) gives one line per place.
    origin/dest are the drawn ends (after FLOW_DIRECTIONS); from/to keep the relationship's own direction.
    """
    rels = tables["relationships"]
    rels = rels[rels["relation"].isin(list(FLOW_DIRECTIONS))]
    names = entity_names(tables)
    loc = tables["locations"].set_index(tables["locations"]["location_id"].astype(str))
    lookup = place_lookup(tables)
    rows = []
    for _row, r in rels.iterrows():
        fk, fid, tk, tid = str(r["from_kind"]), str(r["from_id"]), str(r["to_kind"]), str(r["to_id"])
        if FLOW_DIRECTIONS[str(r["relation"])] == "forward":
            origins, dests = entity_places(lookup, fk, fid), entity_places(lookup, tk, tid, as_target=True)
        else:
            origins, dests = entity_places(lookup, tk, tid), entity_places(lookup, fk, fid, as_target=True)
        companies = list(dict.fromkeys(entity_companies(lookup, fk, fid) + entity_companies(lookup, tk, tid)))
        pairs = [(o, d) for o in origins for d in dests]
        for i, (o, d) in enumerate(pairs):
            rows.append(
                {
                    "flow_id": str(r["relationship_id"]) + (f"__{i}" if len(pairs) > 1 else ""),
                    "relationship_id": str(r["relationship_id"]),
                    "relation": str(r["relation"]),
                    "from_kind": fk,
                    "from_id": fid,
                    "from_name": names.get(fid, fid),
                    "to_kind": tk,
                    "to_id": tid,
                    "to_name": names.get(tid, tid),
                    "origin_id": o,
                    "origin_name": short_name(loc.at[o, "name"]),
                    "origin_lon": float(loc.at[o, "lon"]),
                    "origin_lat": float(loc.at[o, "lat"]),
                    "dest_id": d,
                    "dest_name": short_name(loc.at[d, "name"]),
                    "dest_lon": float(loc.at[d, "lon"]),
                    "dest_lat": float(loc.at[d, "lat"]),
                    "start_date": r["start_date"],
                    "start_precision": r["start_precision"],
                    "end_date": r["end_date"],
                    "end_precision": r["end_precision"],
                    "description": _text(r["description"]),
                    "company_ids": ",".join(companies),
                    "evidence": str(r["evidence"]),
                    "source_id": _text(r["source_id"]),
                    "claim_id": _text(r["claim_id"]),
                    "note": _text(r["note"]),
                }
            )
    frame = pd.DataFrame(rows, columns=FLOW_COLUMNS)
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def select_flows(
    flows: pd.DataFrame, *, companies: Sequence[str] = (), relations: Sequence[str] = (), as_of: Any = None
) -> pd.DataFrame:
    """Flows matching the filters; an empty selection means no filter.

    As of a day, a flow shows if it had certainly begun by then and had not certainly ended: the Map's
    rule for a month- or year-only date (`dates.map_counts_from`, from the period's last day). Flows with
    no start date are shown at every date: the sources do not say when they began.
    """
    out = flows
    if companies:
        wanted = set(companies)
        out = out[out["company_ids"].map(lambda ids: bool(wanted & set(str(ids).split(","))))]
    if relations:
        out = out[out["relation"].isin(list(relations))]
    if as_of is not None and not out.empty:
        day = pd.Timestamp(as_of)
        begun = [pd.isna(s) or map_counts_from(s, p) <= day for s, p in zip(out["start_date"], out["start_precision"])]
        ended = [pd.notna(e) and map_counts_from(e, p) < day for e, p in zip(out["end_date"], out["end_precision"])]
        out = out[[b and not e for b, e in zip(begun, ended)]]
    return out


def select_points(points: pd.DataFrame, flows: pd.DataFrame, *, companies: Sequence[str] = ()) -> pd.DataFrame:
    """Places to draw: every place, or with a company filter the places of those companies and the ends of their flows."""
    if not companies:
        return points
    wanted = set(companies)
    ends = set(flows["origin_id"]) | set(flows["dest_id"])
    keep = points["location_id"].isin(ends) | points["company_ids"].map(
        lambda ids: bool(wanted & set(str(ids).split(",")))
    )
    return points[keep]


def flow_paths(
    flows: pd.DataFrame, projection: Projection, *, samples: int = 24, loop_px: float = 26.0
) -> pd.DataFrame:
    """Curved paths for the flows, as rows (flow_id, seq, lon, lat), bent in the projected plane.

    Lines sharing both ends bend by different amounts so that none hides another; a flow whose two
    ends are the same place (a company working at home) becomes a small loop above its marker.
    """
    rows = []
    seen: dict[tuple[str, str], int] = {}
    for _row, f in flows.iterrows():
        key = tuple(sorted((f["origin_id"], f["dest_id"])))
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        x0, y0 = projection.project(f["origin_lon"], f["origin_lat"])
        x1, y1 = projection.project(f["dest_lon"], f["dest_lat"])
        if f["origin_id"] == f["dest_id"]:
            r = loop_px * (1 + 0.3 * nth)
            pts = [
                (x0 + r * 0.5 * math.sin(2 * math.pi * t), y0 - r * (1 - math.cos(2 * math.pi * t)) * 0.5)
                for t in (i / samples for i in range(samples + 1))
            ]
        else:
            dx, dy = x1 - x0, y1 - y0
            length = math.hypot(dx, dy) or 1.0
            # Alternate sides and grow the bend: 0.18, -0.18, 0.32, -0.32 ... of the length.
            bend = (0.18 + 0.14 * (nth // 2)) * (1 if nth % 2 == 0 else -1)
            if f["origin_id"] > f["dest_id"]:
                bend = -bend  # same side whichever way the line runs
            mx, my = (x0 + x1) / 2 - dy / length * bend * length, (y0 + y1) / 2 + dx / length * bend * length
            pts = [
                (
                    (1 - t) ** 2 * x0 + 2 * (1 - t) * t * mx + t * t * x1,
                    (1 - t) ** 2 * y0 + 2 * (1 - t) * t * my + t * t * y1,
                )
                for t in (i / samples for i in range(samples + 1))
            ]
        for seq, (x, y) in enumerate(pts):
            lon, lat = projection.invert(x, y)
            rows.append({"flow_id": f["flow_id"], "seq": seq, "lon": lon, "lat": lat, "x": x, "y": y})
    return pd.DataFrame(rows, columns=["flow_id", "seq", "lon", "lat", "x", "y"])


def arrow_heads(paths: pd.DataFrame, projection: Projection, *, at: float = 0.8) -> pd.DataFrame:
    """A point and a screen angle (degrees clockwise from up) on each path, for an arrowhead showing direction."""
    rows = []
    for flow_id, path in paths.groupby("flow_id", sort=False):
        i = max(1, min(len(path) - 1, round(at * (len(path) - 1))))
        a, b = path.iloc[i - 1], path.iloc[i]
        angle = math.degrees(math.atan2(b["x"] - a["x"], -(b["y"] - a["y"]))) % 360
        rows.append({"flow_id": flow_id, "lon": b["lon"], "lat": b["lat"], "angle": angle})
    return pd.DataFrame(rows, columns=["flow_id", "lon", "lat", "angle"])


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, pad: float = 1.0) -> bool:
        return not (
            self.x1 + pad <= other.x0
            or other.x1 + pad <= self.x0
            or self.y1 + pad <= other.y0
            or other.y1 + pad <= self.y0
        )

    def inside(self, width: float, height: float) -> bool:
        return self.x0 >= 0 and self.y0 >= 0 and self.x1 <= width and self.y1 <= height


class BoxGrid:
    """Boxes bucketed in square cells, so "does this box overlap any placed one?" looks only at nearby boxes.

    Label placement asks that for every candidate spot of every label; against a plain list it
    grows with the square of the places (about 32 million checks at 1,300 places).
    """

    def __init__(self, boxes: Iterable[Box] = (), cell: float = 64.0) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Box]] = {}
        for box in boxes:
            self.add(box)

    def _keys(self, box: Box, pad: float) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor((box.x0 - pad) / c), math.floor((box.x1 + pad) / c) + 1):
            for j in range(math.floor((box.y0 - pad) / c), math.floor((box.y1 + pad) / c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box, 0.0):
            self.cells.setdefault(key, []).append(box)

    def overlaps(self, box: Box, pad: float = 1.0, skip: Box | None = None) -> bool:
        """True when `box` overlaps a stored box other than `skip` (Box.overlaps, same padding)."""
        for key in self._keys(box, pad):
            for other in self.cells.get(key, ()):
                if box.overlaps(other, pad) and other != skip:  # the cheap test first: equality only on overlap
                    return True
        return False


def text_box(x: float, y: float, text: str, align: str, baseline: str, font_px: float) -> Box:
    """A generous box around a label drawn at (x, y) (0.62 em per character, 1.25 em high)."""
    w, h = 0.62 * font_px * len(text), 1.25 * font_px
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[align]
    y0 = {"middle": y - h / 2, "top": y, "bottom": y - h}[baseline]
    return Box(x0, y0, x0 + w, y0 + h)


# Candidate label spots around a marker, nearest first: (dx, dy, align, baseline).
_AROUND = [
    (1, 0, "left", "middle"),
    (-1, 0, "right", "middle"),
    (0, -1, "center", "bottom"),
    (0, 1, "center", "top"),
    (0.8, -0.8, "left", "bottom"),
    (0.8, 0.8, "left", "top"),
    (-0.8, -0.8, "right", "bottom"),
    (-0.8, 0.8, "right", "top"),
]
_RADII = [11, 24, 40, 58, 78]
LEADER_FROM_PX = 20
SAME_LABEL_PX = 160


def place_labels(points: pd.DataFrame, projection: Projection, *, obstacles: Iterable[Box] = ()) -> pd.DataFrame:
    """Label positions that overlap no other label, no marker and stay on the map (greedy, nearest spot first).

    Places with more company ties are labelled first. Returns location_id, text, label_lon,
    label_lat, align, baseline, leader (True when the label sits far enough to need a line to its
    marker), x, y and the box; a place with no free spot gets no label (its tooltip still names it).
    """
    xy = {r.location_id: projection.project(r.lon, r.lat) for r in points.itertuples()}
    half = MARKER_PX / 2
    taken = BoxGrid([Box(x - half, y - half, x + half, y + half) for x, y in xy.values()] + list(obstacles))
    order = points.assign(_n=points["company_ids"].str.count(",") + (points["company_ids"] != "")).sort_values(
        ["_n", "location_id"], ascending=[False, True], kind="stable"
    )
    rows = []
    for r in order.itertuples():
        x, y = xy[r.location_id]
        own = Box(x - half, y - half, x + half, y + half)
        for radius in _RADII:
            done = False
            for dx, dy, align, baseline in _AROUND:
                lx, ly = x + dx * radius, y + dy * radius
                box = text_box(lx, ly, r.label, align, baseline, LABEL_FONT_PX)
                if box.inside(projection.width, projection.height) and not taken.overlaps(box, skip=own):
                    lon, lat = projection.invert(lx, ly)
                    rows.append(
                        {
                            "location_id": r.location_id,
                            "text": r.label,
                            "label_lon": lon,
                            "label_lat": lat,
                            "align": align,
                            "baseline": baseline,
                            "leader": radius >= LEADER_FROM_PX,
                            "lon": r.lon,
                            "lat": r.lat,
                            "x": lx,
                            "y": ly,
                            "box": box,
                        }
                    )
                    taken.add(box)
                    done = True
                    break
            if done:
                break
    return pd.DataFrame(
        rows,
        columns=[
            "location_id",
            "text",
            "label_lon",
            "label_lat",
            "align",
            "baseline",
            "leader",
            "lon",
            "lat",
            "x",
            "y",
            "box",
        ],
    )


def place_flow_labels(
    flows: pd.DataFrame, paths: pd.DataFrame, projection: Projection, taken: Iterable[Box], texts: dict[str, str]
) -> pd.DataFrame:
    """Labels on the flows ("trains in · date unknown") where they fit between the place labels, centred on the curve.

    A flow whose label would overlap gets none on the map; its tooltip and the table below say the same.
    """
    taken = BoxGrid(taken)
    rows = []
    placed: list[tuple[str, float, float]] = []  # the same words once per corridor, not on every parallel line
    by_flow = {k: g for k, g in paths.groupby("flow_id", sort=False)}
    for fid in flows["flow_id"]:
        path, text = by_flow.get(fid), texts.get(fid, "")
        if path is None or not text:
            continue
        n = len(path) - 1
        mid = path.iloc[n // 2]
        if any(t == text and math.hypot(x - mid["x"], y - mid["y"]) < SAME_LABEL_PX for t, x, y in placed):
            continue
        for t in (0.5, 0.42, 0.58, 0.34, 0.66):
            p = path.iloc[round(t * n)]
            box = text_box(p["x"], p["y"], text, "center", "middle", FLOW_LABEL_FONT_PX)
            if box.inside(projection.width, projection.height) and not taken.overlaps(box, pad=2):
                rows.append({"flow_id": fid, "text": text, "lon": p["lon"], "lat": p["lat"], "box": box})
                taken.add(box)
                placed.append((text, mid["x"], mid["y"]))
                break
    return pd.DataFrame(rows, columns=["flow_id", "text", "lon", "lat", "box"])


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
    if value is None or (not isinstance(value, (str, list, dict)) and pd.isna(value)):
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
