"""Data-centre sites: site tables, report areas, capacity over time, marker spreading, downloads. Pure."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from supplychain.data.entities import names_of
from supplychain.i18n import N_, Words, territory_name

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
    names = names_of(tables["companies"], "company_id")
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
    tenants: list[str] | tuple[str, ...] = (),
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
    if tenants:  # company ids of Chinese AI tenants; "none" keeps the sites with no tenant reported
        wanted = list(tenants)
        out = out[out["tenant_id"].isin(wanted) | (out["tenant_id"].isna() & ("none" in wanted))]
    if min_mw:
        out = out[out["capacity_mw"].fillna(-1) >= float(min_mw)]
    return out


def sites_at(tables: dict[str, pd.DataFrame], sites: pd.DataFrame, location_id: str) -> pd.DataFrame:
    """The rows of `sites` (build_sites) placed at a location of locations.csv (sites.csv location_id): what a
    place's profile lists."""
    raw = tables["sites"]
    return sites[sites["site_id"].isin(set(raw.loc[raw["location_id"] == location_id, "site_id"]))]


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
    for r in known.to_dict("records"):
        for year in range(int(r["opened_year"]), last + 1):
            rows.append(
                {
                    "year": year,
                    "site_id": r["site_id"],
                    "name": r["name"],
                    "country": r["country"],
                    "ownership": r["ownership"],
                    "capacity_mw": float(r["capacity_mw"]),
                    "capacity_basis": r["capacity_basis"],
                    "capacity_date": r["capacity_date"],
                    "capacity_precision": r["capacity_precision"],
                    "capacity_source_id": r["capacity_source_id"],
                    "opened_year": int(r["opened_year"]),
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
            only = group.iloc[0]
            rows.append({"site_id": only["site_id"], "lon": lon, "lat": lat, "mlon": lon, "mlat": lat, "spread": False})
            continue
        x0, y0 = project(float(str(lon)), float(str(lat)))
        ring = radius_px * max(1.0, n / 4)
        for k, r in enumerate(group.sort_values("site_id").itertuples()):
            angle = 2 * math.pi * k / n - math.pi / 2
            mlon, mlat = invert(x0 + ring * math.cos(angle), y0 + ring * math.sin(angle))
            rows.append({"site_id": r.site_id, "lon": lon, "lat": lat, "mlon": mlon, "mlat": mlat, "spread": True})
    return pd.DataFrame(rows, columns=["site_id", "lon", "lat", "mlon", "mlat", "spread"])


def sites_geodataframe(sites: pd.DataFrame):
    """The sites as a GeoDataFrame of points (EPSG:4326), every column kept, dates as ISO text, numbers as numbers
    (a GIS tool can size or filter markers by capacity_mw), blanks as null."""
    import geopandas as gpd

    frame = sites.copy()
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    frame[text] = frame[text].astype(object).where(frame[text].notna(), None)
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
        "tenant_text": N_("Chinese AI tenant"),
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
        "evidence_label": N_("Evidence"),
        "source_id": N_("Source"),
        "note": N_("Note"),
    }
)
