"""What one printed handout page holds: kept apart from the PDF drawing (supplychain/charts/handout.py), so the pages
that offer a handout can compose one without loading fpdf2 and vl-convert until a reader asks for the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HandoutPage:
    """One printed page. `spec` is a Vega-Lite spec (None: text only); every other field may be empty."""

    heading: str
    spec: dict[str, Any] | None = None
    kicker: str = ""  # the small line above the heading ("Step 3 of 9")
    quote: str = ""
    attribution: str = ""
    notes_label: str = ""
    notes: str = ""
    source: str = ""
    link_label: str = ""
    link: str = ""
    footer: str = ""
