"""Colours, dashes and marks for charts (Okabe-Ito, colour-blind safe), and Vega label expressions."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from babel import Locale

from supplychain.i18n import DEFAULT_LANGUAGE, N_


def vega_label_expr(labels: Mapping[str, str], order: Sequence[str] | None = None) -> str:
    """A Vega expression turning legend/axis codes into readable labels; unknown codes show as they are.

    Every code and label is quoted with json.dumps, never pasted inside quotes, so a label with an
    apostrophe ("China's side") cannot break the chart in the browser.
    """
    order = list(labels) if order is None else list(order)
    lookup = json.dumps({code: labels[code] for code in order if code in labels}, ensure_ascii=False)
    return f"({lookup})[datum.value] || datum.value"


def vega_list_expr(values: Sequence[str]) -> str:
    """A Vega expression picking the label at index datum.value from a list (an ordinal axis), JSON-quoted."""
    return f"{json.dumps(list(values), ensure_ascii=False)}[datum.value]"


# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
KIND_COLOURS: dict[str, str] = {
    "company": "#0072B2",  # blue
    "model": "#E69F00",  # orange
    "chip": "#009E73",  # bluish green
    "location": "#CC79A7",  # reddish purple
    "policy": "#D55E00",  # vermillion
}


# Evidence kinds, strongest first; Okabe-Ito colours distinct from the entity-kind colours' meaning.
EVIDENCE_COLOURS: dict[str, str] = {
    "report": "#E69F00",
    "official": "#0072B2",
    "press": "#CC79A7",
    "reference": "#009E73",
    "estimate": "#999999",
}


# Dash pattern and grey per group: line style says what kind of tie it is, colour stays for entity kinds.
RELATION_GROUP_DASHES: dict[str, list[int]] = {
    "Makes": [1, 0],
    "Compute": [8, 4],
    "Rules": [2, 3],
    "Ties": [12, 3, 2, 3],
}


RELATION_GROUP_GREYS: dict[str, str] = {"Makes": "#444444", "Compute": "#666666", "Rules": "#8a2d00", "Ties": "#999999"}


# Timeline: lanes take their entity kind's colour; the report and industry lanes use the
# remaining Okabe-Ito colours. Export status of a chip on a date (supplychain/status.py).
TIMELINE_EXTRA_COLOURS: dict[str, str] = {"report": "#000000", "industry": "#56B4E9"}


STATUS_COLOURS: dict[str, str] = {
    "restricted": "#D55E00",  # vermillion
    "permitted": "#E69F00",  # orange
    "unrestricted": "#009E73",  # bluish green
    "not_announced": "#DDDDDD",  # light grey
}


POLICY_STATUS_COLOURS: dict[str, str] = {
    "in_force": "#D55E00",  # vermillion
    "not_enforced": "#CC79A7",  # reddish purple
    "suspended": "#E69F00",  # orange
    "pending": "#56B4E9",  # sky blue
    "contested": "#F0E442",  # yellow
    "rescinded": "#009E73",  # bluish green
    "superseded": "#0072B2",  # blue
    "never_in_force": "#999999",  # grey
    "unclear": "#DDDDDD",  # light grey
}


# Map (pages/map.py, supplychain/maps.py): marker colour = kind of place, marker shape = who owns or
# operates it, a dashed ring = position known only to a city/region/country, line colour = kind of flow,
# dashed line = the curators' inference. Okabe-Ito colours, as everywhere.
LOCATION_KIND_COLOURS: dict[str, str] = {
    "datacentre_hub": "#E69F00",  # orange
    "datacentre_site": "#CC79A7",  # reddish purple
    "headquarters": "#0072B2",  # blue
    "government_seat": "#555555",  # dark grey
}


OWNERSHIP_SHAPES: dict[str, str] = {
    "chinese": "triangle-up",
    "non_chinese": "circle",
    "unknown": "diamond",
    "not_applicable": "square",
}


# Owner nationality of a data-centre site (sites.ownership): Okabe-Ito colours, safe for colour-blind readers,
# always paired with OWNERSHIP_SHAPES so colour is never the only cue.
OWNERSHIP_COLOURS: dict[str, str] = {
    "chinese": "#D55E00",  # vermillion
    "non_chinese": "#0072B2",  # blue
    "unknown": "#7F7F7F",  # grey
}


# Countries of the site map and capacity chart (Okabe-Ito).
SITE_COUNTRY_COLOURS: dict[str, str] = {
    "MY": "#0072B2",
    "SG": "#E69F00",
    "ID": "#009E73",
    "TH": "#CC79A7",
    "PH": "#56B4E9",
}


COORD_PRECISION_RING: dict[str, int] = {
    "city": 520,
    "region": 1500,
    "country": 2800,
}  # ring area in px²; sites get none


FLOW_GROUP_COLOURS: dict[str, str] = {
    N_("Training and compute"): "#D55E00",  # vermillion; the keys are Vega domain values, worded by labelExpr
    N_("Chips"): "#009E73",  # bluish green, the chip colour of KIND_COLOURS
    N_("People and partnerships"): "#56B4E9",  # sky blue
}


FLOW_EVIDENCE_DASHES: dict[str, list[int]] = {N_("Sourced"): [1, 0], N_("Our inference"): [6, 4]}


STANDING_BADGE_COLOURS: dict[str, str] = {  # st.badge's named colours
    "confirmed": "blue",
    "updated": "orange",
    "contradicted": "red",
    "no_later_news": "gray",
}


STANDING_COLOURS: dict[str, str] = {
    "confirmed": "#009E73",  # bluish green
    "updated": "#E69F00",  # orange
    "contradicted": "#D55E00",  # vermillion
    "no_later_news": "#999999",  # grey
    "not_reviewed": "#DDDDDD",  # light grey
}


# Material icons beside an entity kind (search results) and a finding's standing (badges): marks, not words.
KIND_ICONS: dict[str, str] = {
    "company": ":material/apartment:",
    "model": ":material/neurology:",
    "chip": ":material/memory:",
    "location": ":material/location_on:",
    "policy": ":material/gavel:",
}
STANDING_ICONS: dict[str, str] = {
    "confirmed": ":material/check_circle:",
    "updated": ":material/update:",
    "contradicted": ":material/cancel:",
    "no_later_news": ":material/more_horiz:",
}
# The Map's and the site map's Vega embed options (a spec's usermeta, passed on by Streamlit): drawn on a canvas, not
# as SVG, because each draws hundreds of coast, curve, marker and label shapes that would otherwise be DOM nodes; the
# lead measured (cold browser, median of 4-5 opens) the Sites page opening ~200 ms and the Map ~100 ms sooner. Other
# charts stay SVG: they gain nothing measurable. Exports (vl-convert) ignore usermeta.
MAP_USERMETA: dict[str, Any] = {"embedOptions": {"renderer": "canvas"}}

# Legend symbols that show a shape, not a colour (the map's marker shapes): 3.4:1 on white, 5.6:1 on the dark theme's
# #0E1117, above the 3:1 WCAG asks of graphics in both themes.
SHAPE_LEGEND_GREY = "#878C94"

# Handout PDF text (supplychain/charts/handout.py), as RGB: ink, a muted grey for attributions and sources
# (5.9:1 on white) and a link blue (Okabe-Ito blue, 5.0:1 on white).
HANDOUT_INK: tuple[int, int, int] = (17, 20, 24)
HANDOUT_MUTED: tuple[int, int, int] = (90, 95, 102)
HANDOUT_LINK: tuple[int, int, int] = (0, 114, 178)


# Dark theme (.streamlit/config.toml [theme.dark]): the neutral inks and paper colours the chart builders write,
# each with the colour that plays its part on a dark page. Okabe-Ito hues stay as they are (each at least 3:1 on
# the dark background, as a graphic needs); black and dark greys (text, outlines, the report lane) turn light, and
# white (gaps between tiles, halos) and the pale map and tile fills turn dark, so text keeps 4.5:1 or more.
DARK_THEME_COLOURS: dict[str, str] = {
    "#000000": "#F5F7FA",
    "#111418": "#F5F7FA",
    "#1b1f24": "#E8EBEF",
    "#222222": "#E8EBEF",
    "#333333": "#DADFE5",
    "#3a3f45": "#DADFE5",
    "#3c4043": "#DADFE5",
    "#444444": "#C3C8CF",
    "#4a5059": "#C3C8CF",
    "#555555": "#C3C8CF",
    "#ffffff": "#0E1117",
    "#f3f5f7": "#1B2029",
    "#f3f7fa": "#141A22",
    "#e4e7ea": "#2A313B",
    "#c9d1d9": "#46505C",
    "#dddddd": "#3A4049",
    "#8a2d00": "#F0A070",  # the Rules ties' dark red (RELATION_GROUP_GREYS), lightened to read on the dark page
}
DARK_BACKGROUND = "#0E1117"
DARK_NAMED_COLOURS: dict[str, str] = {"white": DARK_BACKGROUND, "black": "#F5F7FA"}


def for_theme(spec: Any, theme: str | None, *, _key: str = "") -> Any:
    """A copy of a Vega-Lite spec with its neutral colours swapped for the dark theme (`theme` == "dark");
    any other theme gets the spec itself. Data rows are left alone: only styling is recoloured. Named white and
    black are swapped only as a mark's own stroke, fill or colour (a label's halo), not inside a condition, where
    they were picked for the contrast with a data colour that does not change."""
    if theme != "dark":
        return spec
    if isinstance(spec, dict):
        return {k: v if k in ("datasets", "data", "values") else for_theme(v, theme, _key=k) for k, v in spec.items()}
    if isinstance(spec, list):
        return [for_theme(v, theme) for v in spec]
    if isinstance(spec, str):
        colour = spec.lower()
        if colour in DARK_THEME_COLOURS:
            return DARK_THEME_COLOURS[colour]
        if _key in ("stroke", "fill", "color") and colour in DARK_NAMED_COLOURS:
            return DARK_NAMED_COLOURS[colour]
    return spec


def vega_locale(language: str) -> dict | None:
    """Vega's number and time format definitions (d3-format / d3-time-format locales) for `language`, read from
    Babel's CLDR data, so axis ticks read "1 000" and "sty 2025" in Polish; None for English (Vega's default)."""
    if language == DEFAULT_LANGUAGE:
        return None
    loc = Locale.parse(language)
    symbols = loc.number_symbols.get("latn", loc.number_symbols)
    days = loc.days["format"]
    months = loc.months["stand-alone"]
    order = [6, 0, 1, 2, 3, 4, 5]  # d3 starts the week on Sunday, Babel numbers Monday 0
    return {
        "number": {"decimal": symbols["decimal"], "thousands": "\u00a0", "grouping": [3], "currency": ["", ""]},
        "time": {
            "dateTime": "%e %B %Y, %X",
            "date": "%d.%m.%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [days["wide"][i] for i in order],
            "shortDays": [days["abbreviated"][i] for i in order],
            "months": [months["wide"][i] for i in range(1, 13)],
            "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
        },
    }
