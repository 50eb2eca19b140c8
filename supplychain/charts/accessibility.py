"""Accessibility rules every page shares: a text alternative for each chart, a visible keyboard focus."""

from __future__ import annotations

from typing import Any

import altair as alt

# Streamlit draws no outline on a keyboard-focused navigation link, and its theme has no setting for it:
# one constant stylesheet (no data text reaches it), rendered by the router on every page.
FOCUS_CSS = """<style>
:is(a, button, input, select, textarea, summary, [role="button"], [role="link"], [role="tab"], [role="option"],
  [role="combobox"], [tabindex]:not([tabindex="-1"])):focus-visible {
  outline: 3px solid #0072B2 !important; outline-offset: 2px !important;
}
</style>"""


def chart_alt_text(title: str, summary: str) -> str:
    """A chart's text alternative: its title and a one-line summary of what it shows."""
    return f"{title.rstrip('.')}. {summary.rstrip('.')}."


_GUIDES = {"mark": alt.MarkConfig, "axis": alt.AxisConfig, "legend": alt.LegendConfig}


def describe_chart(chart: Any, *, title: str, summary: str) -> Any:
    """A copy of a chart (Altair chart or Vega-Lite dict) whose text alternative screen readers announce.

    Vega reads the top-level `description` out as the chart's label; ARIA on single marks is switched
    off, because Vega would give each mark a graphics role without a name (axe's "svg-img-alt").
    """
    text = chart_alt_text(title, summary)
    if isinstance(chart, dict):
        config = dict(chart.get("config", {}))
        for part in _GUIDES:
            config[part] = {**config.get(part, {}), "aria": False}
        return {**chart, "description": text, "config": config}
    out = chart.properties(description=text)
    if out.config is alt.Undefined:
        out.config = alt.Config()
    for part, make in _GUIDES.items():
        current = getattr(out.config, part)
        if current is alt.Undefined:
            setattr(out.config, part, make(aria=False))
        else:
            current.aria = False
    return out
