"""The world the data is checked against: the country-boundary file and the rule that every point lies in its country.

Part of the data layer (load.py runs the check at load time), so the loader never depends on map drawing.
"""

from __future__ import annotations

import json
import math
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from supplychain.data.problems import Problem, problem
from supplychain.i18n import N_

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"
BOUNDARIES_FILE = "countries-50m.json"  # world-atlas 2.0.2 TopoJSON of Natural Earth 1:50m admin-0 countries
BOUNDARIES_LAYER = "countries"

# How far (km) a point may lie outside its country's 1:50m polygon and still count as inside, by the precision
# it claims. Natural Earth 1:50m smooths coasts and borders by a few km (Shenzhen's city centre sits on the
# generalised Hong Kong border); a region-level point is a drawing position for an area (a state, or
# "Southeast Asia") and may sit offshore between the countries it stands for.
COUNTRY_TOLERANCE_KM: dict[str, float] = {"site": 2.0, "city": 5.0, "region": 150.0, "country": 0.0}
# Tables whose rows carry lat, lon, country and coord_precision.
CHECKED_TABLES: tuple[str, ...] = ("locations", "sites")
KM_PER_DEGREE = 111.32


def read_topojson(path: str | Path, layer: str) -> Any:
    """One object of a TopoJSON file as a GeoDataFrame (id, name, geometry; EPSG:4326), decoded here with shapely.

    Why not `geopandas.read_file`: it reads through GDAL (pyogrio), whose libraries stay resident in every server
    process, about 25 MB of the 400 MB a server with 30 sessions may use (docs/performance.md, fifth session). The
    decoding is TopoJSON's own: quantized arcs are delta-decoded through the transform, a negative arc index is the
    arc reversed, and consecutive arcs share their joining point (tests/test_geo.py checks the result against GDAL's).
    """
    import geopandas as gpd
    import shapely

    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(px), float(py)) for px, py in arc]
        arcs.append(points)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def polygon(rings: list[list[int]]) -> Any:
        return shapely.Polygon(ring(rings[0]), [ring(hole) for hole in rings[1:]])

    rows = []
    for geometry in topology["objects"][layer]["geometries"]:
        kind, parts = geometry.get("type"), geometry.get("arcs") or []
        if kind == "Polygon":
            shape = polygon(parts)
        elif kind == "MultiPolygon":
            shape = shapely.MultiPolygon([polygon(p) for p in parts])
        else:
            shape = None
        rows.append({"id": geometry.get("id"), **(geometry.get("properties") or {}), "geometry": shape})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


@lru_cache(maxsize=4)
def country_polygons(path: str | None = None):
    """Natural Earth admin-0 polygons as a GeoDataFrame (iso2, name, geometry), read once per file.

    The TopoJSON's ids are ISO 3166-1 numeric codes; pycountry gives the alpha-2 codes our tables use.
    Features with no ISO code (Somaliland, Kosovo, ...) keep iso2 = None.
    """
    import pycountry

    frame = read_topojson(path or GEO_DIR / BOUNDARIES_FILE, BOUNDARIES_LAYER)

    def iso2(code: Any) -> str | None:
        if not isinstance(code, str) or not code.strip():
            return None
        country = pycountry.countries.get(numeric=code.strip().zfill(3))
        return country.alpha_2 if country else None

    frame["iso2"] = frame["id"].map(iso2)
    return frame[["iso2", "name", "geometry"]]


def check_coordinates(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every point of locations.csv and sites.csv lies inside its stated country (a geopandas spatial join).

    A point counts as inside when its country's polygon contains it or lies within COUNTRY_TOLERANCE_KM
    for its precision. A point outside gives a Problem naming file, line, column and value, and which
    country's polygon the point does fall in. A country code with no polygon is a problem too.
    """
    import geopandas as gpd

    polygons = country_polygons()
    problems: list[Problem] = []
    known = set(polygons["iso2"].dropna())
    for table in CHECKED_TABLES:
        frame = tables.get(table)
        if frame is None or frame.empty:
            continue
        points = gpd.GeoDataFrame(
            {"row": frame.index, "country": frame["country"].astype(str), "precision": frame["coord_precision"]},
            geometry=gpd.points_from_xy(frame["lon"].astype(float), frame["lat"].astype(float)),
            crs="EPSG:4326",
        )
        found = gpd.sjoin(points, polygons[["iso2", "geometry"]], how="left", predicate="intersects")
        # Vectorised, so the check stays linear in the rows: only the points outside their own
        # country's polygon go through the slower per-point distance below.
        in_own = (found["iso2"] == found["country"]).groupby(level=0).any()
        outside = points.loc[in_own.index[~in_own.to_numpy()]]
        # Degrees to km at 111.32 km per degree: exact north-south, an overestimate east-west, so never lenient.
        # (No reprojection: pyproj costs seconds to import on a cold start.) One vectorised distance per country.
        gaps = pd.Series(math.inf, index=outside.index)
        with warnings.catch_warnings():  # planar degrees on purpose, see above
            warnings.simplefilter("ignore", UserWarning)
            for country, group in outside.groupby("country"):
                own = polygons[polygons["iso2"] == country]
                if not own.empty:
                    gaps[group.index] = group.geometry.distance(own.union_all()) * KM_PER_DEGREE
        for i in outside.index:
            point = points.loc[i]
            country, row = point["country"], point["row"]
            inside = sorted(c for c in found.loc[[i], "iso2"].dropna())
            value = f"{frame.at[row, 'lat']!s}, {frame.at[row, 'lon']!s}"
            line = int(row) + 2
            if country not in known:
                problems.append(
                    problem(f"{table}.csv", line, "country", country, N_("a country code with a Natural Earth polygon"))
                )
                continue
            gap_km = float(gaps[i])
            if gap_km <= COUNTRY_TOLERANCE_KM.get(str(point["precision"]), 0.0):
                continue
            expected = (
                N_("a point inside {country} (the row's country); it lies {km} km outside it, in {inside}")
                if inside
                else N_("a point inside {country} (the row's country); it lies {km} km outside it, at sea")
            )
            km, countries = round(gap_km), ", ".join(inside)
            problems.append(
                problem(f"{table}.csv", line, "lat, lon", value, expected, country=country, km=km, inside=countries)
            )
    return problems


def load_boundaries(path: Path | None = None) -> dict[str, Any]:
    """Country boundaries as a GeoJSON FeatureCollection (properties: name), read with `read_topojson`.

    Used by the tests, as the full-world reference the clipped boundaries are measured against.
    """
    frame = read_topojson(path or GEO_DIR / BOUNDARIES_FILE, BOUNDARIES_LAYER)
    return json.loads(frame[["name", "geometry"]].to_json(drop_id=True))
