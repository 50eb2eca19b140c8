"""A footer for an exported chart: its title, the short citation, data version and reach, the view's link, licence.

An SVG or PNG pasted into a slide keeps where it came from. Vega-Lite's own title, set below the chart
(orient "bottom"), carries it, so any chart (single, layered or concatenated) takes the same footer.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any


def chart_title(spec: dict[str, Any], fallback: str) -> str:
    """The chart's own title text, or `fallback` when it has none."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title) if title else fallback


def with_footer(spec: dict[str, Any], title: str, lines: Sequence[str]) -> dict[str, Any]:
    """A copy of `spec` whose title, drawn under the chart, is `title` followed by `lines` in small type."""
    out = copy.deepcopy(spec)
    out["title"] = {
        "text": title,
        "subtitle": list(lines),
        "orient": "bottom",
        "anchor": "start",
        "fontSize": 13,
        "subtitleFontSize": 11,
        "subtitleColor": "#3A3F45",
        "offset": 14,
        "limit": 0,  # never cut: the link and the citation are the point
        "subtitleLineHeight": 15,
    }
    return out
