"""Altair drawing of the data-centre sites: the site map with the report's areas, and capacity over time."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from supplychain.charts.style import MAP_USERMETA, OWNERSHIP_COLOURS, OWNERSHIP_SHAPES, SITE_COUNTRY_COLOURS
from supplychain.data.dates import format_date
from supplychain.data.labels import enum_label, enum_words
from supplychain.data.site_labels import OWNERSHIP_LABELS
from supplychain.i18n import N_, _, format_number, ngettext, territory_name
from supplychain.rules import label_layout, regions, sites

SITE_MAP_WIDTH = 560
# The map column is about 360 px wide at 1024 px and 1,000 px at 1920 px; the legends below take up to
# SITE_LEGEND_PX of the chart's height. Boundaries are clipped to all such plots show, so land reaches their edges.
SITE_PLOT_WIDTHS = (360, 1000)
SITE_LEGEND_PX = 240
SELECTION = "site"
AREA_COLOUR = "#6A3D9A"
SEA = "#F3F7FA"  # as the Map page's sea (charts/maps.py); the dark theme swaps it (charts/style.py)
LAND = "#E4E7EA"  # as the Map page's land
MIN_MARKER = 70  # px² for a site with no MW figure (drawn hollow)
TENANT_MARK = N_("Chinese AI tenant reported")  # the legend entry of the black ring (read through `_`)


def describe_sites(frame: pd.DataFrame) -> pd.DataFrame:
    """Sites with the readable text the map, tooltips and tables show."""
    out = frame.copy()
    out["ownership_label"] = enum_words(out["ownership"], "sites", "ownership")
    out["status_label"] = enum_words(out["status"], "sites", "status")
    out["kind_label"] = enum_words(out["kind"], "sites", "kind")
    out["precision_label"] = enum_words(out["coord_precision"], "sites", "coord_precision")
    out["evidence_label"] = enum_words(out["evidence"], "relationships", "evidence")
    out["capacity_text"] = [capacity_text(r) for r in out.itertuples()]
    out["owner_text"] = [
        f"{r.owner} ({r.owner_country})" if pd.notna(r.owner_country) else (r.owner if pd.notna(r.owner) else "–")
        for r in out.itertuples()
    ]
    out["tenant_text"] = [
        f"{r.tenant} ({enum_label('sites', 'tenant_evidence', r.tenant_evidence)}, {r.tenant_source_id})"
        if pd.notna(r.tenant_id)
        else _("none reported")
        for r in out.itertuples()
    ]
    return out


def capacity_text(row: Any) -> str:
    """ "110 MW, MW planned at full build-out (...), figure of 20 Oct 2022 (source)" or "no MW figure in the
    sources"."""
    if pd.isna(row.capacity_mw):
        return _("no MW figure in the sources")
    basis = enum_label("sites", "capacity_basis", row.capacity_basis)
    when = format_date(row.capacity_date, row.capacity_precision) if pd.notna(row.capacity_date) else _("undated")
    return _("{mw} MW: {basis}; figure of {when} ({source})").format(
        mw=format_number(row.capacity_mw, 1),
        basis=basis[0].lower() + basis[1:] if not basis.startswith("MW") else basis,
        when=when,
        source=row.capacity_source_id,
    )


def prepare_map(frame: pd.DataFrame, region: regions.Region) -> dict[str, list[dict[str, Any]]]:
    """Rows of every map layer for the sites given: spread markers, leader lines, true points, place labels."""
    projection = regions.Projection.fit(region, SITE_MAP_WIDTH, region.height)
    described = describe_sites(frame)
    spread = sites.spread_markers(described, projection.project, invert=projection.invert)
    merged = spread.drop(columns=["lon", "lat"]).merge(described, on="site_id")
    merged["size"] = merged["capacity_mw"].astype(float).fillna(0)
    merged["known"] = merged["capacity_mw"].notna()
    tenanted = merged[merged["tenant_id"].notna()]
    columns = [
        "site_id",
        "name",
        "operator",
        "owner_text",
        "ownership_label",
        "status_label",
        "kind_label",
        "place",
        "precision_label",
        "capacity_text",
        "tenant_text",
        "evidence_label",
        "source_id",
        "lon",
        "lat",
        "mlon",
        "mlat",
        "size",
    ]
    markers = merged[columns + ["known"]].astype(object).where(merged[columns + ["known"]].notna(), "")
    towns = (
        described.groupby([described["lon"].round(5), described["lat"].round(5)])
        .agg(label=("place", "first"), n=("site_id", "size"))
        .reset_index()
    )
    towns["label"] = towns["label"].map(lambda p: str(p).split(",")[0].replace("Sedenak Tech Park", "Sedenak"))
    towns["location_id"] = [f"p{i}" for i in range(len(towns))]
    towns["company_ids"] = ["," * int(n) for n in towns["n"]]
    inside = towns[[region.contains(lon, lat) for lon, lat in zip(towns["lon"], towns["lat"])]]
    rings = [
        label_layout.Box(x - 14 - 8, y - 14 - 8, x + 14 + 8, y + 14 + 8)
        for x, y in (projection.project(lon, lat) for lon, lat in zip(inside["lon"], inside["lat"]))
    ]
    labels = label_layout.place_labels(inside, projection, obstacles=rings) if not inside.empty else pd.DataFrame()
    return {
        "markers": markers[markers["known"]].drop(columns="known").to_dict("records"),
        "hollow": markers[~markers["known"].astype(bool)].drop(columns="known").to_dict("records"),
        "leaders": merged.loc[merged["spread"], ["site_id", "lon", "lat", "mlon", "mlat"]].to_dict("records"),
        "points": merged[["site_id", "lon", "lat"]].drop_duplicates(["lon", "lat"]).to_dict("records"),
        # A black ring around every site with a Chinese AI tenant reported (its own layer, so the legend names it).
        "tenants": tenanted.assign(mark=_(TENANT_MARK))[["site_id", "name", "tenant_text", "mlon", "mlat", "mark"]]
        .astype(object)
        .to_dict("records"),
        "labels": []
        if labels.empty
        else labels[["location_id", "text", "label_lon", "label_lat", "align", "baseline"]].to_dict("records"),
    }


def area_features(boundaries: dict[str, Any], areas: pd.DataFrame) -> list[dict[str, Any]]:
    """The clipped country features that are report areas, with the area's wording as properties."""
    by_country = areas.set_index("country")
    out = []
    for feature in boundaries["features"]:
        code = feature["properties"].get("iso2")
        if code in by_country.index:
            area = by_country.loc[code]
            text = _("The report says {country}; no site is named").format(country=area["country_name"])
            out.append(
                {
                    **feature,
                    "properties": {
                        **feature["properties"],
                        "area": text,
                        "claims": area["claim_ids"],
                        "sites": ngettext(
                            "{n} site in the data", "{n} sites in the data", int(area["site_count"])
                        ).format(n=area["site_count"]),
                    },
                }
            )
    return out


def site_map(
    region: regions.Region, boundaries: dict[str, Any], areas: list[dict[str, Any]], layers: dict[str, list]
) -> dict[str, Any]:
    """The site map as a Vega-Lite spec (named datasets from prepare_map; boundaries inline, already clipped)."""
    owners = list(OWNERSHIP_COLOURS)
    owner_labels = [OWNERSHIP_LABELS[o] for o in owners]
    colour_scale = alt.Scale(domain=owner_labels, range=[OWNERSHIP_COLOURS[o] for o in owners])
    shape_scale = alt.Scale(domain=owner_labels, range=[OWNERSHIP_SHAPES[o] for o in owners])
    colour = alt.Color("ownership_label:N", title=_("Owner nationality"), scale=colour_scale)
    shape = alt.Shape("ownership_label:N", title=_("Owner nationality"), scale=shape_scale)
    tooltip = [
        alt.Tooltip("name:N", title=_("Site")),
        alt.Tooltip("operator:N", title=_("Operator")),
        alt.Tooltip("owner_text:N", title=_("Ultimate owner")),
        alt.Tooltip("ownership_label:N", title=_("Owner nationality")),
        alt.Tooltip("status_label:N", title=_("Status")),
        alt.Tooltip("capacity_text:N", title=_("Capacity")),
        alt.Tooltip("place:N", title=_("Place")),
        alt.Tooltip("precision_label:N", title=_("Position known to")),
        alt.Tooltip("tenant_text:N", title=_("Chinese AI tenant")),
        alt.Tooltip("source_id:N", title=_("Source")),
    ]
    select = alt.selection_point(name=SELECTION, fields=["site_id"], on="click", clear="dblclick")
    base_layers = [
        # The sea, as a frame-filling rect: the view's own fill is drawn transparent in Streamlit, and without it
        # the open sea east of Bintan read as a map that stops short of its column at 1920 px.
        alt.Chart(alt.Data(values=[{}]))
        .mark_rect(fill=SEA, stroke="#C9D1D9", strokeWidth=1)
        .encode(x=alt.value(0), x2=alt.value("width"), y=alt.value(0), y2=alt.value("height")),
        # Named while Altair builds (it deep-copies inline data on every call); the values go in after to_dict.
        alt.Chart(alt.NamedData("site_boundaries", format=alt.DataFormat(type="json")))
        .mark_geoshape(fill=LAND, stroke="#FFFFFF", strokeWidth=0.8, clip=True)
        .encode(tooltip=alt.Tooltip("properties.name:N", title=_("Country"))),
    ]
    if areas:
        base_layers.append(
            alt.Chart(alt.NamedData("report_areas", format=alt.DataFormat(type="json")))
            .mark_geoshape(fill=AREA_COLOUR, fillOpacity=0.10, strokeWidth=0, clip=True)
            .encode(
                tooltip=[
                    alt.Tooltip("properties.area:N", title=_("The report's area")),
                    alt.Tooltip("properties.claims:N", title=_("Claims")),
                    alt.Tooltip("properties.sites:N", title=_("Sites inside")),
                ]
            )
        )
    size = alt.Size(
        "size:Q",
        title=_("Capacity (MW)"),
        scale=alt.Scale(type="sqrt", domain=[0, 300], range=[MIN_MARKER, 650], clamp=True),
        legend=alt.Legend(values=[50, 150, 300], symbolFillColor="#BBBBBB", symbolStrokeColor="#555555"),
    )
    marker_layers = [
        alt.Chart(alt.NamedData("leaders"))
        .mark_rule(color="#555555", strokeWidth=0.8)
        .encode(longitude="lon:Q", latitude="lat:Q", longitude2="mlon:Q", latitude2="mlat:Q"),
        alt.Chart(alt.NamedData("points"))
        .mark_point(filled=True, size=14, color="#1B1F24")
        .encode(longitude="lon:Q", latitude="lat:Q"),
        alt.Chart(alt.NamedData("markers"))
        .mark_point(filled=True, opacity=0.85, stroke="#FFFFFF", strokeWidth=1, cursor="pointer")
        .encode(longitude="mlon:Q", latitude="mlat:Q", color=colour, shape=shape, size=size, tooltip=tooltip)
        .add_params(select),
        alt.Chart(alt.NamedData("hollow"))
        .mark_point(filled=False, strokeWidth=2.2, size=MIN_MARKER + 40, cursor="pointer")
        .encode(
            longitude="mlon:Q",
            latitude="mlat:Q",
            color=colour,
            shape=shape,
            tooltip=tooltip,
        )
        .add_params(alt.selection_point(name=SELECTION + "_hollow", fields=["site_id"], on="click")),
    ]
    marker_layers.append(
        alt.Chart(alt.NamedData("tenants"))
        .mark_point(filled=False, shape="circle", size=900, strokeWidth=2.5)
        .encode(
            longitude="mlon:Q",
            latitude="mlat:Q",
            stroke=alt.Stroke(
                "mark:N",
                title=_("Tenant"),
                scale=alt.Scale(domain=[_(TENANT_MARK)], range=["#000000"]),
                legend=alt.Legend(symbolType="circle", symbolFillColor="transparent"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=_("Site")),
                alt.Tooltip("tenant_text:N", title=_("Chinese AI tenant")),
            ],
        )
    )
    label_base = alt.Chart(alt.NamedData("labels")).encode(
        longitude="label_lon:Q", latitude="label_lat:Q", text="text:N"
    )
    # Each label row carries its own align and baseline (label_layout), read per label: one halo and one text layer.
    align, baseline = alt.ExprRef("datum.align"), alt.ExprRef("datum.baseline")
    text_layers = (
        [
            label_base.mark_text(
                align=align, baseline=baseline, fontSize=14, fontWeight="bold", stroke="white", strokeWidth=4
            ),
            label_base.mark_text(align=align, baseline=baseline, fontSize=14, fontWeight="bold", fill="#1B1F24"),
        ]
        if layers.get("labels")
        else []
    )
    chart = (
        alt.layer(*base_layers, *marker_layers, *text_layers)
        .properties(width="container", height=region.height, usermeta=MAP_USERMETA)
        .project(type="mercator", fit=region.fit_feature())
        .resolve_scale(color="shared", shape="shared")
        .configure_view(fill="#F3F7FA", stroke="#C9D1D9")
        .configure_legend(
            # Each legend stacks its entries, so nationality and capacity sit side by side within 1280 px.
            orient="bottom",
            direction="vertical",
            titleFontSize=14,
            labelFontSize=13,
            symbolSize=140,
            labelLimit=240,
        )
    )
    spec = chart.to_dict(validate=False)  # checked against the schema in tests/test_chart_cache.py
    spec["datasets"] = {
        **spec.get("datasets", {}),
        "site_boundaries": boundaries["features"],
        **({"report_areas": areas} if areas else {}),
        **layers,
    }
    return spec


def selected_site(event: Any) -> str | None:
    """The site_id clicked on the map (filled or hollow marker), from the chart's selection event."""
    try:
        chosen = event["selection"]
    except (KeyError, TypeError):
        return None
    for name in (SELECTION, SELECTION + "_hollow"):
        value = chosen.get(name) if isinstance(chosen, dict) else None
        if isinstance(value, list) and value and isinstance(value[0], dict) and value[0].get("site_id"):
            return str(value[0]["site_id"])
    return None


def capacity_chart(by_year: pd.DataFrame, *, by: str) -> alt.Chart:
    """Stacked bars of stated capacity in service by year, coloured by country or by owner nationality.

    Each bar segment is one site (tooltip: its figure, basis, date and source), so every figure traces back.
    """
    data = by_year.copy()
    data["ownership_label"] = enum_words(data["ownership"], "sites", "ownership")
    data["basis"] = enum_words(data["capacity_basis"], "sites", "capacity_basis")
    data["figure_date"] = [format_date(d, p) for d, p in zip(data["capacity_date"], data["capacity_precision"])]
    data = data.drop(columns=["capacity_date"])
    if by == "ownership":
        owners = [o for o in OWNERSHIP_COLOURS if o in set(data["ownership"])]
        colour = alt.Color(
            "ownership_label:N",
            title=_("Owner nationality"),
            scale=alt.Scale(domain=[OWNERSHIP_LABELS[o] for o in owners], range=[OWNERSHIP_COLOURS[o] for o in owners]),
        )
    else:
        countries = [c for c in SITE_COUNTRY_COLOURS if c in set(data["country"])]
        colour = alt.Color(
            "country:N",
            title=_("Country"),
            scale=alt.Scale(domain=countries, range=[SITE_COUNTRY_COLOURS[c] for c in countries]),
        )
    return (
        alt.Chart(data, title=_("Stated capacity of sites in service, by opening year (MW)"))
        .mark_bar(stroke="white", strokeWidth=0.6)
        .encode(
            x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0, labelFontSize=13, titleFontSize=13)),
            y=alt.Y("sum(capacity_mw):Q", title=_("MW (as stated)"), axis=alt.Axis(labelFontSize=13, titleFontSize=13)),
            color=colour,
            detail="site_id:N",
            order=alt.Order("opened_year:Q"),
            tooltip=[
                alt.Tooltip("name:N", title=_("Site")),
                alt.Tooltip("capacity_mw:Q", title="MW"),
                alt.Tooltip("basis:N", title=_("What the MW measure")),
                alt.Tooltip("figure_date:N", title=_("Figure dated")),
                alt.Tooltip("capacity_source_id:N", title=_("Source")),
                alt.Tooltip("opened_year:Q", title=_("Opened")),
                alt.Tooltip("country:N", title=_("Country")),
                alt.Tooltip("ownership_label:N", title=_("Owner nationality")),
            ],
        )
        .properties(height=260, width="container")
        .configure_legend(orient="right", titleFontSize=13, labelFontSize=13)
    )


def _country_name(code: object) -> str:
    """A country's name for a reader ("Malaysia", not "MY"); an unknown code stays as written."""
    import pycountry  # the one lookup of country names; only text alternatives need it here

    found = pycountry.countries.get(alpha_2=str(code))
    return territory_name(str(code)) or getattr(found, "common_name", None) or getattr(found, "name", None) or str(code)


def site_map_summary(frame: pd.DataFrame) -> str:
    """The site map's text alternative in words: how many sites, by owner nationality and country, and which have
    a Chinese AI tenant reported (no codes)."""
    if frame.empty:
        return _("no site matches the filters in this view")
    owners = frame["ownership"].map(lambda v: OWNERSHIP_LABELS.get(v, v)).value_counts()
    countries = frame["country"].map(_country_name).value_counts()
    tenants = [f"{r.name} ({r.tenant})" for r in frame.itertuples() if pd.notna(r.tenant_id)]
    return (
        ngettext(
            "{n} site as a marker sized by stated capacity: ",
            "{n} sites as markers sized by stated capacity: ",
            len(frame),
        ).format(n=len(frame))
        + ", ".join(f"{n} {label}" for label, n in owners.items())
        + _("; in ")
        + ", ".join(f"{name} {n}" for name, n in countries.items())
        + (
            _("; ringed, with a Chinese AI tenant reported: {tenants}").format(tenants=", ".join(tenants))
            if tenants
            else ""
        )
    )


def capacity_summary(by_year: pd.DataFrame, *, by: str) -> str:
    """The capacity chart's text alternative: stated MW in service in the first and last year, and by what."""
    if by_year.empty:
        return _("no site has both an opening year and an MW figure")
    totals = by_year.groupby("year")["capacity_mw"].sum()
    first, last = int(totals.index.min()), int(totals.index.max())
    groups = (
        by_year[by_year["year"] == last].groupby("country" if by == "country" else "ownership")["capacity_mw"].sum()
    )
    words = (
        {k: _country_name(k) for k in groups.index}
        if by == "country"
        else {k: OWNERSHIP_LABELS.get(k, k) for k in groups.index}
    )
    return _(
        "stacked bars per year, one segment per site: {first_mw} MW in {first}, {last_mw} MW in {last} ({parts})"
    ).format(
        first_mw=format_number(totals[first]),
        first=first,
        last_mw=format_number(totals[last]),
        last=last,
        parts=", ".join(f"{words[k]} {format_number(v)} MW" for k, v in groups.items()),
    )
