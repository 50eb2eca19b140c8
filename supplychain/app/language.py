"""The reader's language in the Streamlit layer: from the link (?lang=pl), the session or the browser; the switch."""

from __future__ import annotations

import streamlit as st

from supplychain.app import urlbind
from supplychain.i18n import LANGUAGE_NAMES, LANGUAGES, _, choose_language, current_language, set_language

PARAM = "lang"  # the URL setting, on every page
_CHOSEN = "_lang"  # the language this session asked for (a link or the switch), carried from page to page
_SWITCH = "lang_switch"


def start_language() -> str:
    """Called by the router before anything is worded: set this run's language and return it.

    A link's ?lang= wins, then the language chosen earlier in this session (written back into the URL, which a
    page switch empties), then the browser's (st.context.locale), then English. Only a chosen language goes
    into the URL, so a link without ?lang= opens in each reader's own language.
    """
    raw = st.query_params.get_all(PARAM)
    asked = raw[-1] if raw and raw[-1] in LANGUAGES else None
    remembered = st.session_state.get(_CHOSEN)
    language = set_language(choose_language(asked, remembered, st.context.locale))
    if asked:
        st.session_state[_CHOSEN] = asked
    elif remembered in LANGUAGES and not raw:
        st.query_params[PARAM] = remembered
    return language


def register_language() -> None:
    """Called after urlbind.start_run: ?lang= is a setting of every page (kept in the share link); a code the
    app does not speak goes to the notice like any other ignored value."""
    raw = st.query_params.get_all(PARAM)
    if not raw:
        urlbind.register_setting(PARAM, keep=None)
    elif raw[-1] in LANGUAGES:
        urlbind.register_setting(PARAM, keep=raw[-1])
    else:
        urlbind.register_setting(PARAM, [raw[-1]], _("not a language of this app (en, pl)"), keep=None)


def with_language(url: str) -> str:
    """`url` with this run's language added (links that open a new tab, where the session's choice is unknown)."""
    if f"{PARAM}=" in url.split("#")[0]:
        return url
    return url + ("&" if "?" in url else "?") + f"{PARAM}={current_language()}"


def _switch() -> None:
    chosen = st.session_state[_SWITCH]
    st.session_state[_CHOSEN] = chosen
    st.query_params[PARAM] = chosen


def render_language_switch(language: str) -> None:
    """The sidebar switch: each language named in itself; a change rewords the page and keeps every filter."""
    st.session_state[_SWITCH] = language
    # A radio, not a segmented control: the selected segment's text failed axe's colour-contrast check.
    st.sidebar.radio(
        _("Language"),
        list(LANGUAGES),
        format_func=lambda code: LANGUAGE_NAMES.get(code, code),
        key=_SWITCH,
        on_change=_switch,
        horizontal=True,
    )
