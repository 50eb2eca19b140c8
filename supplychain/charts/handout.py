"""Handout PDFs: the story (one 16:9 page per step) and the current view of a page, printed from the same chart specs.

Built offline: vl-convert renders each Vega-Lite spec to PNG, fpdf2 lays the page out, and the embedded fonts
(assets/fonts, subsets made by tools/subset_font.py) print English and Polish (DejaVu Sans) and the Chinese
names in the data (Noto Sans CJK SC, fpdf2's fallback for what DejaVu lacks). No browser and no network. Pages call
`build_handout` only when the reader clicks.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import vl_convert
from fpdf import FPDF

from supplychain.charts.handout_page import HandoutPage
from supplychain.charts.style import HANDOUT_INK, HANDOUT_LINK, HANDOUT_MUTED
from supplychain.i18n import _, current_language

__all__ = ["HandoutPage", "build_handout", "render_png"]

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT, CJK_FONT = "DejaVuSans", "NotoSansCJKsc"
FONT_FILES = {
    FONT: {"": "DejaVuSans-Regular-subset.ttf", "B": "DejaVuSans-Bold-subset.ttf"},
    CJK_FONT: {"": "NotoSansCJKsc-Regular-subset.otf", "B": "NotoSansCJKsc-Bold-subset.otf"},
}
PAGE_MM = (254.0, 142.875)  # 16:9, the size of a widescreen slide (10 x 5.625 in)
MARGIN_MM = 10.0
CHART_PX = (1120, 420)  # the visual's drawing size (a slide's); the page scales it into the space the text leaves
PNG_SCALE = 1.0  # 1120 px across a 234 mm wide page, about 120 dpi: 1.25 cost 35 % more time for the 9 steps


def _sized(spec: dict[str, Any], width: int, height: int) -> dict[str, Any]:
    """A copy of a spec drawn at a fixed size: "container" means nothing without a page around it."""
    out = dict(spec)
    out["width"] = width
    if not isinstance(out.get("height"), dict):  # per-row heights ({"step": n}) keep their rows
        out["height"] = height
    out["autosize"] = {"type": "fit", "contains": "padding"}
    out.pop("usermeta", None)
    # Paper has no tooltip to read a cut label from: print legend titles, legend and axis labels whole.
    config = dict(out.get("config", {}))
    config["legend"] = {**config.get("legend", {}), "titleLimit": 0, "labelLimit": 0}
    config["axis"] = {**config.get("axis", {}), "labelLimit": 0}  # a chart's own axis setting still wins
    out["config"] = config
    return out


@cache
def _register_fonts() -> None:
    """Let vl-convert draw the Chinese names in charts with the same font the page uses (once per process)."""
    vl_convert.register_font_directory(str(FONT_DIR))


def render_png(spec: dict[str, Any], *, size: tuple[int, int] = CHART_PX) -> bytes:
    """A chart spec as PNG bytes at `size` px (times PNG_SCALE), with no network access."""
    _register_fonts()
    return vl_convert.vegalite_to_png(_sized(spec, *size), scale=PNG_SCALE, allowed_base_urls=[])


def _images(pages: Sequence[HandoutPage]) -> list[bytes | None]:
    """Every page's chart, one after the other (two threads were twice as slow: vl-convert draws one at a time)."""
    return [render_png(page.spec) if page.spec else None for page in pages]


class _Handout(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="landscape", unit="mm", format=PAGE_MM[::-1])
        for family, files in FONT_FILES.items():
            for style, name in files.items():
                self.add_font(family, style=style, fname=str(FONT_DIR / name))
        self.set_fallback_fonts([CJK_FONT], exact_match=False)
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(False)
        self.set_title(title)
        self.set_creator(_("China AI supply chain dashboard"))  # built when clicked: the reader's language is set
        self.set_lang(current_language())

    def block_height(self, text: str, *, size: float, style: str = "", width: float) -> float:
        if not text:
            return 0.0
        self.set_font(FONT, style, size)
        return float(self.multi_cell(width, size * 0.45, text, align="L", dry_run=True, output="HEIGHT"))

    def write_block(
        self,
        text: str,
        *,
        size: float,
        style: str = "",
        colour: tuple[int, int, int] = HANDOUT_INK,
        link: str = "",
        gap: float = 1.5,
    ) -> None:
        if not text:
            return
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.45, text, align="L", link=link, new_x="LMARGIN", new_y="NEXT")
        self.set_y(self.get_y() + gap)


def _png_ratio(png: bytes) -> float:
    """Width over height of a PNG, from its header (a per-row chart is as tall as its rows, not CHART_PX)."""
    width, height = struct.unpack(">II", png[16:24])
    return width / height


NOTE_SIZES = (9.0, 8.0, 7.0, 6.0)  # the notes shrink until the page holds them with a visual of MIN_VISUAL_MM
MIN_VISUAL_MM = 45.0


def _page(pdf: _Handout, page: HandoutPage, image: bytes | None) -> None:
    pdf.add_page()
    width = PAGE_MM[0] - 2 * MARGIN_MM
    notes = f"{page.notes_label} {page.notes}".strip() if page.notes else ""
    link = f"{page.link_label} {page.link}".strip() if page.link else ""
    pdf.write_block(page.kicker, size=9, colour=HANDOUT_MUTED, gap=0.5)
    pdf.write_block(page.heading, size=17, style="B", gap=2)
    top = pdf.get_y()

    def text_height(note_size: float) -> float:
        blocks = [
            (page.quote, 12.5, "B"),
            (page.attribution, 9.0, ""),
            (notes, note_size, ""),
            (page.source, min(7.5, note_size), ""),
            (link, 7.5, ""),
            (page.footer, 7.0, ""),
        ]
        return sum(pdf.block_height(t, size=s, style=st, width=width) + (1.5 if t else 0) for t, s, st in blocks)

    note_size = next(
        (s for s in NOTE_SIZES if PAGE_MM[1] - MARGIN_MM - top - text_height(s) >= MIN_VISUAL_MM), NOTE_SIZES[-1]
    )
    if image is not None:
        room = PAGE_MM[1] - MARGIN_MM - top - text_height(note_size) - 2
        if room > 20:
            ratio = _png_ratio(image)
            w, h = min(width, room * ratio), min(room, width / ratio)
            pdf.image(BytesIO(image), x=MARGIN_MM + (width - w) / 2, y=top, w=w, h=h, keep_aspect_ratio=True)
            pdf.set_y(top + h + 2)
    pdf.write_block(page.quote, size=12.5, style="B")
    pdf.write_block(page.attribution, size=9, colour=HANDOUT_MUTED)
    pdf.write_block(notes, size=note_size)
    pdf.write_block(page.source, size=min(7.5, note_size), colour=HANDOUT_MUTED)
    pdf.write_block(link, size=7.5, colour=HANDOUT_LINK, link=page.link)
    pdf.write_block(page.footer, size=7, colour=HANDOUT_MUTED)


def build_handout(pages: Sequence[HandoutPage], *, title: str) -> bytes:
    """A PDF with one 16:9 page per HandoutPage, in order: its bytes."""
    pdf = _Handout(title)
    for page, image in zip(pages, _images(pages), strict=True):
        _page(pdf, page, image)
    return bytes(pdf.output())
