"""The reader's theme (light or dark, from the browser's preference or Streamlit's settings menu) for charts and links.

Streamlit draws its own widgets in the theme of .streamlit/config.toml; charts with colours of their own get the
dark variants from supplychain.charts.style.for_theme, and story mode's links keep the theme they were opened in.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from supplychain.charts.style import for_theme

THEME_OPTIONS = {"light": "light_theme", "dark": "dark_theme"}  # Streamlit's embed_options values


def theme_type() -> str | None:
    """ "light" or "dark" as the reader's browser shows the app; None outside a browser (tests, scripts)."""
    try:
        kind = st.context.theme.type
    except Exception:  # no script run context (a bare script): no theme to follow
        return None
    return kind if kind in THEME_OPTIONS else None


def themed(spec: dict[str, Any]) -> dict[str, Any]:
    """A chart spec in the colours of the reader's theme."""
    return for_theme(spec, theme_type())


def theme_param() -> str:
    """'&embed_options=dark_theme' (or light) for a story-mode link, so the new window keeps this theme."""
    kind = theme_type()
    return f"&embed_options={THEME_OPTIONS[kind]}" if kind else ""
