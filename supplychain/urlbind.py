"""Widgets whose value lives in the URL, so a link reopens exactly the view (and AppTest can test it).

Why not Streamlit's `bind="query-params"`: it restores values in the browser only (AppTest never
sees them), accepts lists only as repeated parameters (not `lanes=us,models`), drops values
silently, and loses them on page switch. Here the rule is: the URL is the truth. Before a
widget is drawn its state is set from the URL; a change by the reader writes the URL back in
the widget's on_change callback (which runs before the script), so the two never disagree.
Values the page cannot use are collected and shown once as a notice by the router.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

from supplychain.urlstate import SHARED_PARAMS, decode_date, decode_list, encode_list

_RUN = "_url_run"  # per-run registry: keys this page understood, and the notes on rejected values
_CARRY = "_url_carry"  # shared filters remembered for the next page the reader opens
_PAGE = "_url_page"


def start_run(page_key: str) -> None:
    """Called by the router before the page runs: reset the registry; carry shared filters on page switch."""
    st.session_state[_RUN] = {"keys": set(), "notes": []}
    previous = st.session_state.get(_PAGE)
    st.session_state[_PAGE] = page_key
    carried = st.session_state.get(_CARRY, {})
    if previous is not None and previous != page_key and not any(k in st.query_params for k in SHARED_PARAMS):
        for key, value in carried.items():
            if value:
                st.query_params[key] = value


def _register(key: str, bad: Sequence[str] = (), what: str = "not one of the available values") -> None:
    run = st.session_state.setdefault(_RUN, {"keys": set(), "notes": []})
    run["keys"].add(key)
    if bad:
        run["notes"].append(f"{key}={','.join(bad)} ({what})")


def ignored_notes() -> list[str]:
    """Notes for the notice: rejected values, and parameters no widget of this page understood."""
    run = st.session_state.get(_RUN, {"keys": set(), "notes": []})
    unknown = [
        f"{k} (not a setting of this page)" for k in st.query_params if k not in run["keys"] and k not in SHARED_PARAMS
    ]
    return run["notes"] + unknown


def _write(key: str, encode: Callable[[Any], str], default: Any) -> None:
    """on_change: mirror the widget's new value into the URL (omitted when it is the default)."""
    value = st.session_state[key]
    if value == default or value in (None, "", []):
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = encode(value)


def finish_run() -> None:
    """Called by the router after the page: remember the shared filters now in the URL for the next page."""
    st.session_state[_CARRY] = {k: ",".join(st.query_params.get_all(k)) for k in SHARED_PARAMS if k in st.query_params}


def _follow_url(key: str, target: Any) -> None:
    # Always assign, even when equal: after a page switch the same key names a new widget, which
    # would otherwise start from its default although the old widget's value reads back equal.
    st.session_state[key] = target


def url_multiselect(
    label: str, options: Sequence[Any], *, key: str, default: Sequence[Any] = (), container: Any = st, **kwargs: Any
) -> list[Any]:
    """A multiselect bound to ?key=a,b. Options are matched by their string form."""
    by_text = {str(o): o for o in options}
    good, bad = decode_list(st.query_params.get_all(key), by_text)
    _register(key, bad)
    target = [by_text[v] for v in good] if key in st.query_params else [o for o in default if str(o) in by_text]
    _follow_url(key, target)
    return container.multiselect(
        label,
        list(options),
        key=key,
        on_change=_write,
        args=(key, lambda v: encode_list([str(x) for x in v]), list(default)),
        **kwargs,
    )


def url_selectbox(
    label: str, options: Sequence[Any], *, key: str, default: Any = None, container: Any = st, **kwargs: Any
) -> Any:
    """A selectbox bound to ?key=value; `default` None means "nothing chosen"."""
    by_text = {str(o): o for o in options}
    good, bad = decode_list(st.query_params.get_all(key)[-1:], by_text)
    _register(key, bad)
    target = by_text[good[0]] if good else default
    _follow_url(key, target)
    return container.selectbox(label, list(options), key=key, on_change=_write, args=(key, str, default), **kwargs)


def url_radio(label: str, options: Sequence[Any], *, key: str, default: Any, container: Any = st, **kwargs: Any) -> Any:
    """A radio (or segmented choice) bound to ?key=value."""
    by_text = {str(o): o for o in options}
    good, bad = decode_list(st.query_params.get_all(key)[-1:], by_text)
    _register(key, bad)
    _follow_url(key, by_text[good[0]] if good else default)
    return container.radio(label, list(options), key=key, on_change=_write, args=(key, str, default), **kwargs)


def url_text(label: str, *, key: str, container: Any = st, **kwargs: Any) -> str:
    """A text input bound to ?key=text."""
    _register(key)
    raw = st.query_params.get_all(key)
    _follow_url(key, raw[-1] if raw else "")
    return container.text_input(label, key=key, on_change=_write, args=(key, str, ""), **kwargs)


def url_date(
    label: str, *, key: str, default: date, min_value: date, max_value: date, container: Any = st, **kwargs: Any
) -> date:
    """A date input bound to ?key=YYYY-MM-DD (a date outside [min_value, max_value] is ignored)."""
    value, bad = decode_date(st.query_params.get_all(key), low=min_value, high=max_value)
    _register(key, bad, f"not a date between {min_value} and {max_value}")
    _follow_url(key, value or default)
    return container.date_input(
        label,
        key=key,
        min_value=min_value,
        max_value=max_value,
        on_change=_write,
        args=(key, lambda d: d.isoformat(), default),
        **kwargs,
    )


def url_value(key: str, allowed: Sequence[str] | None = None, *, what: str = "not found") -> str | None:
    """A parameter read without a widget (e.g. /entity?id=...): its value, or None if absent or not allowed."""
    raw = st.query_params.get_all(key)
    if not raw:
        _register(key)
        return None
    value = raw[-1]
    if allowed is not None and value not in set(allowed):
        _register(key, [value], what)
        return None
    _register(key)
    return value


def set_url_value(key: str, value: str | None) -> None:
    """Write a widget-less parameter (e.g. a step counter) to the URL."""
    if value in (None, ""):
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = value


def _write_day(key: str, default: date, low: date, high: date) -> None:
    """on_change of a typed day: a valid YYYY-MM-DD goes to the URL; anything else is kept aside for a warning."""
    text = str(st.session_state[key] or "").strip()
    value, bad = decode_date([text], low=low, high=high) if text else (default, [])
    if bad:
        st.session_state[f"_{key}_rejected"] = text
        return
    set_url_value(key, None if value == default else value.isoformat())


def url_day(
    label: str, *, key: str, default: date, min_value: date, max_value: date, container: Any = st, **kwargs: Any
) -> date:
    """A day typed as YYYY-MM-DD, bound to ?key=YYYY-MM-DD, applied when the reader presses Enter.

    Why a text input, not st.date_input: a date typed into st.date_input is applied only when the
    field loses focus, so Enter leaves the answer on the old day while the new one shows (issue 11).
    A text input sends its value on Enter. A value that is not a day in [min_value, max_value] is
    refused with a warning, and the last good day stays.
    """
    value, bad = decode_date(st.query_params.get_all(key), low=min_value, high=max_value)
    _register(key, bad, f"not a date between {min_value} and {max_value}")
    day = value or default
    _follow_url(key, day.isoformat())
    container.text_input(
        label,
        key=key,
        on_change=_write_day,
        args=(key, default, min_value, max_value),
        max_chars=10,
        placeholder="YYYY-MM-DD",
        **kwargs,
    )
    rejected = st.session_state.pop(f"_{key}_rejected", None)
    if rejected is not None:
        from supplychain.ui import escape_md  # echoed text is shown literally, cut short

        container.warning(
            f"“{escape_md(rejected[:20])}” is not a day between {min_value} and {max_value} (type YYYY-MM-DD); "
            f"still showing {day.isoformat()}.",
            icon=":material/event_busy:",
        )
    return day


def url_date_value(key: str, *, low: date, high: date) -> date | None:
    """A date parameter read without a widget (e.g. the shared `asof` drawn on the Timeline); a bad one is noticed."""
    value, bad = decode_date(st.query_params.get_all(key), low=low, high=high)
    _register(key, bad, f"not a date between {low} and {high}")
    return value
