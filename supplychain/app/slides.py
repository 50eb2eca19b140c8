"""Story mode frame: slide CSS, quote, focus outline, visual, and the link into the story."""

from __future__ import annotations

from typing import Any

import streamlit as st

from supplychain.app.language import with_language
from supplychain.app.theme import theme_param, themed
from supplychain.charts.accessibility import FOCUS_CSS
from supplychain.data.routes import PRESENT
from supplychain.i18n import _

STORY_URL = f"{PRESENT}?embed=true"  # embed mode: no toolbar or padding, so each step fits a 1280x720 shared window

# Story mode sizes each step's visual to the window, which only the browser knows: a fixed height
# in CSS units on the visual's container (Streamlit's layout options have no viewport unit). The
# chrome around the visual (heading, quote underneath, step buttons, footer) is subtracted. The toolbar is hidden so
# /present fits
# without `embed=true` too. A constant stylesheet: no data text reaches it.
SLIDE_CSS = """<style>
header[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 1.25rem; padding-bottom: 0.5rem; }
.st-key-slide_visual { flex: 0 0 auto !important; height: calc(100vh - 362px) !important; min-height: 300px; }
.st-key-slide_quote h3 { font-size: clamp(1.3rem, 3vh, 2.1rem); }
.st-key-slide_visual :is([data-testid="stElementContainer"], [data-testid="stFullScreenFrame"],
  [data-testid="stFullScreenFrame"] > div, [data-testid="stVegaLiteChart"]) { height: 100% !important; width: 100%; }
</style>"""


def slide_quote() -> Any:
    """The container of a story step's quote, whose type SLIDE_CSS scales with the window height."""
    return st.container(key="slide_quote")


def render_focus_outline() -> None:
    """A visible outline on whatever has keyboard focus (supplychain.accessibility.FOCUS_CSS); the router calls it."""

    st.html(FOCUS_CSS)


def render_slide_frame() -> None:
    """Story mode's page frame (SLIDE_CSS); call once per run of the present page."""
    st.html(SLIDE_CSS)


def render_slide_visual(spec: dict[str, Any]) -> None:
    """A story step's visual, filling the height SLIDE_CSS gives it (the spec's height is "container")."""
    with st.container(key="slide_visual"):
        st.vega_lite_chart(themed(spec), width="stretch", height="stretch")


def render_story_link(container: Any = None, *, width: str = "stretch") -> None:
    """Open story mode in its own tab, full screen: a fresh page load so it starts without sidebar or toolbar."""
    (container or st.sidebar).link_button(
        _("Present the story"),
        with_language(STORY_URL + theme_param()),
        icon=":material/slideshow:",
        width=width,
        help=_("The report step by step, large type, arrow keys to move. Opens in a new tab."),
    )


def notes_url(number: int, *, presenter: bool) -> str:
    """Story mode's link to step `number`: the presenter's notes view (`notes=1`) or the audience's slide, in the
    theme this window shows."""
    return f"{STORY_URL}&step={number}" + ("&notes=1" if presenter else "") + theme_param()
