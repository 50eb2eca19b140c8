"""Regenerate assets/fonts/: the handout PDF's fonts, cut to the characters it can print.

The handout PDF (supplychain/charts/handout.py) must print English, Polish and the Chinese names in the data.
Noto Sans CJK SC has the Chinese but not all Polish letters (no ą, ę, ł, ś, ż), so the page uses two faces:
DejaVu Sans for Latin (Basic, Latin-1, Extended-A: every Polish letter) and punctuation, and Noto Sans CJK SC,
as fpdf2's fallback, for every CJK character found in data/*.csv, data/datapackage.json and locale/*.po.
Each is about 20 MB (CJK) or 700 KB (DejaVu) whole; the subsets are a few tens of KB. Run after a data
change that adds new characters:

    python tools/subset_font.py [--noto /usr/share/fonts/opentype/noto] [--dejavu /usr/share/fonts/truetype/dejavu]

Sources are Debian's fonts-noto-cjk (SIL Open Font License 1.1, assets/fonts/OFL.txt) and fonts-dejavu-core
(Bitstream Vera licence with DejaVu changes in the public domain, assets/fonts/DejaVu-LICENSE.txt).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "fonts"
CJK_FAMILY = "Noto Sans CJK SC"
CJK_FILES = {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"}
LATIN_FILES = {"Regular": "DejaVuSans.ttf", "Bold": "DejaVuSans-Bold.ttf"}
# Always kept in the Latin face: printable ASCII, Latin-1 and Latin Extended-A (all Polish letters), general
# punctuation, arrows and the few symbols the app writes (·, ≤, ≥, →, ■, ●).
LATIN_RANGES = [(0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x205E), (0x2190, 0x2193), (0x2264, 0x2265), (0x25A0, 0x25CF)]
CJK_START = 0x2E80  # CJK radicals onwards: everything from here goes to the CJK face


def data_text(root: Path = ROOT) -> str:
    """Every character of the data package and the message catalogues."""
    files = [*sorted((root / "data").glob("*.csv")), root / "data" / "datapackage.json"]
    files += sorted((root / "locale").glob("*/LC_MESSAGES/*.po"))
    return "".join(sorted({c for path in files if path.exists() for c in path.read_text(encoding="utf-8")}))


def latin_text(text: str) -> str:
    """The fixed Latin ranges plus the data's own characters below the CJK blocks."""
    fixed = {chr(c) for lo, hi in LATIN_RANGES for c in range(lo, hi + 1)}
    return "".join(sorted(fixed | {c for c in text if " " <= c and ord(c) < CJK_START}))


def cjk_text(text: str) -> str:
    """The data's characters in or after the CJK blocks."""
    return "".join(sorted(c for c in text if ord(c) >= CJK_START))


def cjk_face(collection: Path) -> TTFont:
    """The Simplified Chinese face of a Noto CJK collection (the data's names are in simplified characters)."""
    for font in TTCollection(str(collection)).fonts:
        if CJK_FAMILY in str(font["name"].getDebugName(1)):
            return font
    raise SystemExit(f"{collection} has no {CJK_FAMILY} face")


def cut(font: TTFont, text: str, target: Path) -> None:
    """Keep only `text`'s glyphs (with kerning) in `font` and save it to `target`."""
    options = subset.Options()
    options.layout_features = ["kern", "liga"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font.save(str(target))
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB, {len(text)} characters")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--noto", type=Path, default=Path("/usr/share/fonts/opentype/noto"))
    parser.add_argument("--dejavu", type=Path, default=Path("/usr/share/fonts/truetype/dejavu"))
    args = parser.parse_args()
    text = data_text()
    OUT.mkdir(parents=True, exist_ok=True)
    for weight in ("Regular", "Bold"):
        cut(TTFont(str(args.dejavu / LATIN_FILES[weight])), latin_text(text), OUT / f"DejaVuSans-{weight}-subset.ttf")
        cut(cjk_face(args.noto / CJK_FILES[weight]), cjk_text(text), OUT / f"NotoSansCJKsc-{weight}-subset.otf")


if __name__ == "__main__":
    main()
