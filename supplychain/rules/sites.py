"""Data-centre sites: the geography check of every coordinate, site tables, report areas, capacity over time, downloads. Pure."""

from __future__ import annotations

import json
import math
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from supplychain.data.validate import Problem
from supplychain.i18n import N_, Words, territory_name
from supplychain.rules.geo import BOUNDARIES_FILE, BOUNDARIES_LAYER, GEO_DIR

# How far (km) a point may lie outside its country's 1:50m polygon and still count as inside, by the precision
# it claims. Natural Earth 1:50m smooths coasts and borders by a few km (Shenzhen's city centre sits on the
# generalised Hong Kong border); a region-level point is a drawing position for an area (a state, or
# "Southeast Asia") and may sit offshore between the countries it stands for.
COUNTRY_TOLERANCE_KM: dict[str, float] = {"site": 2.0, "city": 5.0, "region": 150.0, "country": 0.0}
# Tables whose rows carry lat, lon, country and coord_precision.
CHECKED_TABLES: tuple[str, ...] = ("locations", "sites")
KM_PER_DEGREE = 111.32


@lru_cache(maxsize=4)
def country_polygons(path: str | None = None):
    """Natural Earth admin-0 polygons as a GeoDataFrame (iso2, name, geometry), read once per file.

    The TopoJSON's ids are ISO 3166-1 numeric codes; pycountry gives the alpha-2 codes our tables use.
    Features with no ISO code (Somaliland, Kosovo, ...) keep iso2 = None.
    """
    import geopandas as gpd
    import pycountry

    frame = gpd.read_file(path or GEO_DIR / BOUNDARIES_FILE, layer=BOUNDARIES_LAYER)
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")

    def iso2(code: Any) -> str | None:
        if not isinstance(code, str) or not code.strip():
            return None
        country = pycountry.countries.get(numeric=code.strip().zfill(3))
        return country.alpha_2 if country else None

    frame["iso2"] = frame["id"].map(iso2)
    return frame[["iso2", "name", "geometry"]]


def check_coordinates(tables: dict[str, pd.DataFrame], boundaries: str | None = None) -> list[Problem]:
    """Every point of locations.csv and sites.csv lies inside its stated country (a geopandas spatial join).

    A point counts as inside when its country's polygon contains it or lies within COUNTRY_TOLERANCE_KM
    for its precision. A point outside gives a Problem naming file, line, column and value, and which
    country's polygon the point does fall in. A country code with no polygon is a problem too.
    """
    import geopandas as gpd

    polygons = country_polygons(boundaries)
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
            value = f"{frame.at[row, 'lat']}, {frame.at[row, 'lon']}"
            line = int(row) + 2
            if country not in known:
                problems.append(
                    Problem(f"{table}.csv", line, "country", country, "a country code with a Natural Earth polygon")
                )
                continue
            gap_km = float(gaps[i])
            if gap_km <= COUNTRY_TOLERANCE_KM.get(str(point["precision"]), 0.0):
                continue
            where = ", ".join(inside) or "no country (at sea)"
            problems.append(
                Problem(
                    f"{table}.csv",
                    line,
                    "lat, lon",
                    value,
                    f"a point inside {country} (the row's country); it lies {gap_km:.0f} km outside it, in {where}",
                )
            )
    return problems


SITE_COLUMNS = [
    "site_id",
    "name",
    "kind",
    "operator_id",
    "operator",
    "owner",
    "owner_country",
    "ownership",
    "country",
    "place",
    "lat",
    "lon",
    "coord_precision",
    "status",
    "opened_year",
    "capacity_mw",
    "capacity_basis",
    "capacity_date",
    "capacity_precision",
    "capacity_source_id",
    "tenant_id",
    "tenant",
    "tenant_evidence",
    "tenant_source_id",
    "evidence",
    "source_id",
    "claim_id",
    "note",
]


def build_sites(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """sites.csv with the operator's and tenant's names joined in (operator, tenant), columns in SITE_COLUMNS order."""
    names = dict(zip(tables["companies"]["company_id"].astype(str), tables["companies"]["name"].astype(str)))
    out = tables["sites"].copy()
    out["operator"] = out["operator_id"].map(lambda c: names.get(str(c), str(c)))
    out["tenant"] = out["tenant_id"].map(lambda c: names.get(str(c), "") if pd.notna(c) else pd.NA)
    return out[SITE_COLUMNS].reset_index(drop=True)


def select_sites(
    sites: pd.DataFrame,
    *,
    ownership: list[str] | tuple[str, ...] = (),
    operators: list[str] | tuple[str, ...] = (),
    statuses: list[str] | tuple[str, ...] = (),
    min_mw: float | None = None,
    countries: list[str] | tuple[str, ...] = (),
) -> pd.DataFrame:
    """Sites matching the filters (an empty selection means no filter).

    `min_mw` keeps sites whose stated capacity is at least that many MW; sites with no figure are kept only
    when min_mw is None or 0, so a capacity filter never hides that a figure is missing without saying so.
    """
    out = sites
    if ownership:
        out = out[out["ownership"].isin(list(ownership))]
    if operators:
        out = out[out["operator_id"].isin(list(operators))]
    if statuses:
        out = out[out["status"].isin(list(statuses))]
    if countries:
        out = out[out["country"].isin(list(countries))]
    if min_mw:
        out = out[out["capacity_mw"].fillna(-1) >= float(min_mw)]
    return out


def report_areas(tables: dict[str, pd.DataFrame], sites: pd.DataFrame) -> pd.DataFrame:
    """The report's country-level statements as areas: one row per country a data-centre hub claim points to.

    A hub row of locations.csv that rests on a report claim (claim_id set) and is not a site stands for a
    country in the report; the area is that country, with the claims, the hub rows and the sites inside it.
    Columns: country, country_name, location_ids, hub_names, claim_ids, evidence, site_ids, site_count.
    """
    import pycountry

    locations = tables["locations"]
    hubs = locations[
        (locations["kind"] == "datacentre_hub")
        & locations["claim_id"].notna()
        & (locations["coord_precision"] != "site")
    ]
    rows = []
    for country, group in hubs.groupby("country", sort=True):
        inside = sites[sites["country"] == country]
        entry = pycountry.countries.get(alpha_2=str(country))
        rows.append(
            {
                "country": str(country),
                "country_name": territory_name(str(country))
                or getattr(entry, "common_name", None)
                or getattr(entry, "name", str(country)),
                "location_ids": ",".join(group["location_id"].astype(str)),
                "hub_names": "; ".join(group["name"].astype(str)),
                "claim_ids": ",".join(dict.fromkeys(group["claim_id"].astype(str))),
                "evidence": ",".join(dict.fromkeys(group["evidence"].astype(str))),
                "site_ids": ",".join(inside["site_id"].astype(str)),
                "site_count": int(len(inside)),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "country",
            "country_name",
            "location_ids",
            "hub_names",
            "claim_ids",
            "evidence",
            "site_ids",
            "site_count",
        ],
    )


def capacity_by_year(sites: pd.DataFrame) -> pd.DataFrame:
    """Capacity in service by year, one row per site and year from its opening year to the latest figure's year.

    Only sites with both an opening year and an MW figure count; each counts at its stated figure from its
    opening year on (phased builds mean early years are overstated: the chart says so). Columns: year,
    site_id, name, country, ownership, capacity_mw, capacity_basis, capacity_date, capacity_precision,
    capacity_source_id, opened_year.
    """
    known = sites[sites["opened_year"].notna() & sites["capacity_mw"].notna()]
    columns = [
        "year",
        "site_id",
        "name",
        "country",
        "ownership",
        "capacity_mw",
        "capacity_basis",
        "capacity_date",
        "capacity_precision",
        "capacity_source_id",
        "opened_year",
    ]
    if known.empty:
        return pd.DataFrame(columns=columns)
    last = int(
        max(
            known["opened_year"].max(),
            pd.to_datetime(known["capacity_date"]).dt.year.max() if known["capacity_date"].notna().any() else 0,
        )
    )
    rows = []
    for r in known.itertuples():
        for year in range(int(r.opened_year), last + 1):
            rows.append(
                {
                    "year": year,
                    "site_id": r.site_id,
                    "name": r.name,
                    "country": r.country,
                    "ownership": r.ownership,
                    "capacity_mw": float(r.capacity_mw),
                    "capacity_basis": r.capacity_basis,
                    "capacity_date": r.capacity_date,
                    "capacity_precision": r.capacity_precision,
                    "capacity_source_id": r.capacity_source_id,
                    "opened_year": int(r.opened_year),
                }
            )
    return pd.DataFrame(rows, columns=columns)


def spread_markers(sites: pd.DataFrame, project, *, radius_px: float = 24.0, invert=None) -> pd.DataFrame:
    """Marker positions where no two markers hide each other: sites at the same point are spread on a ring.

    `project(lon, lat) -> (x, y)` and `invert(x, y) -> (lon, lat)` are the map's projection on its smallest
    canvas. Sites sharing a point (same coordinates: a town centre standing for several parks) are placed
    evenly on a circle of radius_px (growing with their number) around it; a lone site stays on its point.
    Returns site_id, lon, lat (the true point), mlon, mlat (the marker), spread (bool).
    """
    rows = []
    for (lon, lat), group in sites.groupby([sites["lon"].round(5), sites["lat"].round(5)], sort=False):
        n = len(group)
        if n == 1:
            r = group.iloc[0]
            rows.append({"site_id": r["site_id"], "lon": lon, "lat": lat, "mlon": lon, "mlat": lat, "spread": False})
            continue
        x0, y0 = project(float(lon), float(lat))
        ring = radius_px * max(1.0, n / 4)
        for k, r in enumerate(group.sort_values("site_id").itertuples()):
            angle = 2 * math.pi * k / n - math.pi / 2
            mlon, mlat = invert(x0 + ring * math.cos(angle), y0 + ring * math.sin(angle))
            rows.append({"site_id": r.site_id, "lon": lon, "lat": lat, "mlon": mlon, "mlat": mlat, "spread": True})
    return pd.DataFrame(rows, columns=["site_id", "lon", "lat", "mlon", "mlat", "spread"])


def sites_geodataframe(sites: pd.DataFrame):
    """The sites as a GeoDataFrame of points (EPSG:4326), every column kept, dates as ISO text."""
    import geopandas as gpd

    frame = sites.copy()
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    frame = frame.astype(object).where(frame.notna(), None)
    return gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy(sites["lon"].astype(float), sites["lat"].astype(float)), crs="EPSG:4326"
    )


def sites_geojson_bytes(sites: pd.DataFrame) -> bytes:
    """The sites as a GeoJSON FeatureCollection (UTF-8), one Point feature per site, id = site_id."""
    collection = json.loads(sites_geodataframe(sites).to_json(na="null", drop_id=True))
    for feature, site_id in zip(collection["features"], sites["site_id"]):
        feature["id"] = str(site_id)
    return (json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def sites_geopackage_bytes(sites: pd.DataFrame, *, layer: str = "sites") -> bytes:
    """The sites as a GeoPackage (one point layer), written with pyogrio to a temporary file and read back as bytes."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sites.gpkg"
        sites_geodataframe(sites).to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
        return path.read_bytes()


def read_geopackage(data: bytes, *, layer: str = "sites"):
    """A GeoPackage's layer read back from bytes (for tests and checks)."""
    import tempfile

    import geopandas as gpd

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.gpkg"
        path.write_bytes(data)
        return gpd.read_file(path, layer=layer)


# Columns of the sites table on the page and in its CSV/Excel download, with their headings.
TABLE_COLUMNS = Words(
    {
        "site_id": N_("Site id"),
        "name": N_("Site"),
        "kind_label": N_("Kind"),
        "operator": N_("Operator"),
        "owner_text": N_("Ultimate owner"),
        "ownership_label": N_("Owner nationality"),
        "country": N_("Country"),
        "place": N_("Place"),
        "precision_label": N_("Position known to"),
        "status_label": N_("Status"),
        "opened_year": N_("Opened"),
        "capacity_text": N_("Capacity"),
        "tenant_text": N_("Chinese AI tenant"),
        "evidence_label": N_("Evidence"),
        "source_id": N_("Source"),
        "note": N_("Note"),
    }
)
