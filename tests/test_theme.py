"""Both themes' colours as a reader sees them: text contrast in config.toml, and charts recoloured for the dark page."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from supplychain.charts import maps
from supplychain.charts.story import chain_slide
from supplychain.charts.style import for_theme
from supplychain.data.entities import build_entity_index
from supplychain.data.load import load_dataset
from supplychain.rules import regions
from supplychain.rules.boundaries import plot_topology
from supplychain.rules.chains import chain_rows, chinese_developers
from supplychain.rules.graph import build_graph

CONFIG = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text())


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def blend(fg: str, bg: str, alpha: float) -> str:
    """fg drawn at `alpha` opacity over bg (Streamlit draws captions as text colour at 60 %)."""
    f = [int(fg.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    b = [int(bg.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(alpha * x + (1 - alpha) * y):02x}" for x, y in zip(f, b, strict=True))


@pytest.mark.parametrize("name", ["light", "dark"])
def test_both_themes_exist_so_the_browser_preference_chooses(name: str) -> None:
    assert "base" not in CONFIG["theme"], "a fixed base would override the reader's preference"
    assert CONFIG["theme"][name]["backgroundColor"]


@pytest.mark.parametrize("name", ["light", "dark"])
@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_text_captions_grey_text_and_links_reach_4_5_to_1(name: str, background: str) -> None:
    theme = CONFIG["theme"][name]
    bg = theme[background]
    assert contrast(theme["textColor"], bg) >= 4.5
    assert contrast(blend(theme["textColor"], bg, 0.6), bg) >= 4.5, "captions"
    assert contrast(theme["grayTextColor"], bg) >= 4.5
    if "linkColor" in theme:
        assert contrast(theme["linkColor"], bg) >= 4.5
        assert contrast(blend(theme["linkColor"], bg, 0.6), bg) >= 4.5, "a source link inside a caption"


def test_primary_buttons_white_text_reaches_4_5_to_1_in_both_themes() -> None:
    for name in ("light", "dark"):
        assert contrast(CONFIG["theme"][name]["primaryColor"], "#FFFFFF") >= 4.5, name


def _colours(spec) -> list[str]:
    if isinstance(spec, dict):
        return [c for k, v in spec.items() if k not in ("datasets", "data") for c in _colours(v)]
    if isinstance(spec, list):
        return [c for v in spec for c in _colours(v)]
    return [spec] if isinstance(spec, str) and spec.startswith("#") and len(spec) == 7 else []


def test_a_dark_slide_writes_its_words_light_on_dark_tiles() -> None:
    tables = load_dataset().tables
    graph = build_graph(tables, build_entity_index(tables))
    light = chain_slide(chain_rows(graph, chinese_developers(tables)))
    dark = for_theme(light, "dark")
    page = CONFIG["theme"]["dark"]["backgroundColor"]
    texts = [layer["mark"]["color"] for layer in dark["layer"] if layer["mark"]["type"] == "text"]
    tiles = [layer["mark"]["color"] for layer in dark["layer"] if layer["mark"]["type"] == "rect"]
    assert texts and tiles
    for text in texts:
        assert contrast(text, page) >= 4.5
        for tile in tiles:
            assert contrast(text, tile) >= 4.5
    assert for_theme(light, "light") == light
    assert dark["datasets"] == light["datasets"], "data rows are never recoloured"
    assert "#FFFFFF" not in [c.upper() for c in _colours(dark)]


def test_a_dark_map_label_gets_a_dark_halo_behind_its_light_words() -> None:
    label = {"mark": {"type": "text", "color": "#1B1F24", "stroke": "white", "strokeWidth": 4}}
    dark = for_theme(label, "dark")
    page = CONFIG["theme"]["dark"]["backgroundColor"]
    assert contrast(dark["mark"]["color"], dark["mark"]["stroke"]) >= 4.5
    assert dark["mark"]["stroke"].lower() == page.lower()
    # A colour chosen against a data colour (a condition) stays as it was.
    conditional = {"encoding": {"color": {"condition": {"test": "x", "value": "white"}, "value": "black"}}}
    assert for_theme(conditional, "dark") == conditional


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_maps_marker_shape_legend_stands_3_to_1_on_either_page(name: str) -> None:
    """The shape legend says what a marker's shape means; its symbols were black, unseen on the dark page."""
    region = regions.REGIONS["sea"]
    topology = plot_topology(
        region,
        widths=(regions.NARROW_PLOT_WIDTH, regions.MAX_PLOT_WIDTH),
        height=region.height,
        scale_width=regions.MIN_PLOT_WIDTH,
    )
    spec = for_theme(maps.map_spec("sea", topology, kinds=["headquarters"], owners=["chinese"], groups=["Chips"]), name)
    shapes = [layer["encoding"]["shape"] for layer in spec["layer"] if "shape" in layer.get("encoding", {})]
    page = CONFIG["theme"][name]["backgroundColor"]
    assert shapes, "the map has a shape legend"
    for shape in shapes:
        legend = shape["legend"]
        assert contrast(legend["symbolFillColor"], page) >= 3 and contrast(legend["symbolStrokeColor"], page) >= 3
