"""Widgets whose value lives in the URL, so a link reopens exactly the view (and AppTest can test it).

Why not Streamlit's `bind="query-params"`: it restores values in the browser only (AppTest never
sees them), accepts lists only as repeated parameters (not `lanes=us,models`), drops values
silently, and loses them on page switch. Here the rule is: the URL is the truth. Before a
widget is drawn its state is set from the URL; a change by the reader writes the URL back in
the widget's on_change callback (which runs before the script), so the two never disagree.
Values the page cannot use are collected and shown once as a notice by the router.

Shared settings (urlstate.SHARED_SETTINGS) follow the reader to the pages declared for them. A
value that came along that way and that the new page cannot use is dropped silently: the reader
changed page, no link asked for it. Only values a page accepted are remembered for the next page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

from supplychain.app.markdown import echo, escape_md
from supplychain.app.urlstate import SHARED_PARAMS, carried_to, decode_date, decode_list, encode_list, share_url
from supplychain.i18n import N_, _

NOTES_SHOWN = 8  # at most this many ignored settings are listed; the rest are counted
OPEN = "1"  # ?key=1: a box (a lazily built section) is open
TEXT_CHARS = 200  # a free-text setting (a search) longer than this is refused, not echoed or applied

_RUN = "_url_run"  # per-run registry: keys this page understood, and the notes on rejected values
_CARRY = "_url_carry"  # shared filters remembered for the next page the reader opens
_PAGE = "_url_page"


def _new_run() -> dict[str, Any]:
    # keys: settings this page read; notes: rejected link values; carried: settings moved here on a page
    # switch; valid: the accepted value (URL text, or None when unset) of each setting this page read;
    # derived: days shown by default that come from the data (the reviewed-through day, a window's ends).
    return {"keys": set(), "notes": [], "carried": set(), "valid": {}, "derived": {}}


def start_run(page_key: str) -> None:
    """Called by the router before the page runs: reset the registry; on a page switch, bring along the
    shared settings declared for this page (urlstate.SHARED_SETTINGS)."""
    run = st.session_state[_RUN] = _new_run()
    previous = st.session_state.get(_PAGE)
    st.session_state[_PAGE] = page_key
    if previous is None or previous == page_key:
        return
    for key, value in carried_to(page_key, st.session_state.get(_CARRY, {}), list(st.query_params)).items():
        st.query_params[key] = value
        run["carried"].add(key)


def _register(key: str, bad: Sequence[str] = (), what: str = "", keep: Any = ...) -> None:
    """Note that this page reads `key`. Rejected values from a link go to the notice; rejected values
    that were carried from the previous page are removed from the URL without a word. `keep` is the
    URL text of the accepted value (None: nothing accepted); left out, the URL text is kept as is."""
    run = st.session_state.setdefault(_RUN, _new_run())
    run["keys"].add(key)
    if keep is ...:
        raw = st.query_params.get_all(key)
        keep = ",".join(raw) if raw else None
    if bad and key in run["carried"]:
        if keep:
            st.query_params[key] = keep
        elif key in st.query_params:
            del st.query_params[key]
    elif bad:
        run["notes"].append((f"{echo(key, 40)}={echo(','.join(bad))}", what or _("not one of the available values")))
    run["valid"][key] = keep or None


def register_setting(key: str, bad: Sequence[str] = (), what: str = "", keep: Any = ...) -> None:
    """Note a setting read outside the url_* widgets (the language): its accepted URL text, or why it was refused."""
    _register(key, bad, what, keep=keep)


def ignored_notes() -> list[tuple[str, str]]:
    """(what the link said, why it was ignored) for the notice: rejected values, and parameters no widget
    of this page understood. The link text is cut short; ui.render_notice shows it as plain text."""
    run = st.session_state.get(_RUN, _new_run())
    unknown = [(echo(k, 40), _("not a setting of this page")) for k in st.query_params if k not in run["keys"]]
    notes = run["notes"] + unknown
    if len(notes) > NOTES_SHOWN:
        notes = notes[:NOTES_SHOWN] + [(f"{len(notes) - NOTES_SHOWN} more", "")]
    return notes


def current_page() -> str:
    """The url path of the page this run shows (the router's start_run names it), for the links it builds."""
    return str(st.session_state.get(_PAGE, ""))


def applied_params() -> dict[str, list[str]]:
    """The settings this page read and accepted, as URL values: what the share link and the view bundle's
    README state. Rejected or unknown link values are never repeated there."""
    run = st.session_state.get(_RUN, _new_run())
    # A default that comes from the data is written out too, so a saved link opens the same view after a data
    # update moves that default (issue 21). It is not remembered for the next page: the reader did not choose it.
    derived = {key: [value] for key, value in run.get("derived", {}).items() if value and not run["valid"].get(key)}
    return {key: [value] for key, value in run["valid"].items() if value} | derived


def _write(key: str, encode: Callable[[Any], str], default: Any) -> None:
    """on_change: mirror the widget's new value into the URL (omitted when it is the default)."""
    value = st.session_state[key]
    if value == default or value in (None, "", []):
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = encode(value)


def finish_run() -> None:
    """Called by the router after the page: remember the shared settings this page accepted, for the next page.

    A setting the page does not read keeps what an earlier page remembered; a value the page refused
    (a link's `company=<payload>` on the Overview) is never remembered.
    """
    run = st.session_state.get(_RUN, _new_run())
    remembered = dict(st.session_state.get(_CARRY, {}))
    for key in SHARED_PARAMS:
        if key in run["valid"]:
            # on_change callbacks write the URL before the script runs, so this is the reader's latest value.
            if run["valid"][key]:
                remembered[key] = run["valid"][key]
            else:
                remembered.pop(key, None)
    st.session_state[_CARRY] = remembered


def _follow_url(key: str, target: Any) -> None:
    # Always assign, even when equal: after a page switch the same key names a new widget, which
    # would otherwise start from its default although the old widget's value reads back equal.
    st.session_state[key] = target


def url_multiselect(
    label: str, options: Sequence[Any], *, key: str, default: Sequence[Any] = (), container: Any = st, **kwargs: Any
) -> list[Any]:
    """A multiselect bound to ?key=a,b. Options are matched by their string form."""
    by_text = {str(o): o for o in options}
    present = key in st.query_params
    good, bad = decode_list(st.query_params.get_all(key), by_text)
    _register(key, bad, keep=encode_list(good) if present else None)
    target = [by_text[v] for v in good] if present else [o for o in default if str(o) in by_text]
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
    _register(key, bad, keep=good[0] if good else None)
    target = by_text[good[0]] if good else default
    _follow_url(key, target)
    return container.selectbox(label, list(options), key=key, on_change=_write, args=(key, str, default), **kwargs)


def url_radio(label: str, options: Sequence[Any], *, key: str, default: Any, container: Any = st, **kwargs: Any) -> Any:
    """A radio (or segmented choice) bound to ?key=value."""
    by_text = {str(o): o for o in options}
    good, bad = decode_list(st.query_params.get_all(key)[-1:], by_text)
    _register(key, bad, keep=good[0] if good else None)
    _follow_url(key, by_text[good[0]] if good else default)
    return container.radio(label, list(options), key=key, on_change=_write, args=(key, str, default), **kwargs)


def url_text(label: str, *, key: str, container: Any = st, **kwargs: Any) -> str:
    """A text input bound to ?key=text (at most TEXT_CHARS characters; a longer text is refused)."""
    raw = st.query_params.get_all(key)
    text = raw[-1] if raw else ""
    if len(text) > TEXT_CHARS:
        _register(key, [text], _("longer than {n} characters").format(n=TEXT_CHARS), keep=None)
        text = ""
    else:
        _register(key, keep=text or None)
    _follow_url(key, text)
    return container.text_input(label, key=key, on_change=_write, args=(key, str, ""), **kwargs)


def url_box(label: str, *, key: str, icon: str | None = None) -> tuple[Any, bool]:
    """A closed box (expander) whose contents the page builds only when it is open, bound to ?key=1 so a link
    reopens it: opening or closing it writes the link. Returns the box and whether it is open."""
    good, bad = decode_list(st.query_params.get_all(key)[-1:], {OPEN: OPEN})
    _register(key, bad, _("1 opens it; left out, it stays closed"), keep=good[0] if good else None)
    _follow_url(key, bool(good))
    box = st.expander(label, icon=icon, key=key, on_change=_write, args=(key, lambda _open: OPEN, False))
    return box, bool(box.open)


def url_value(key: str, allowed: Sequence[str] | None = None, *, what: str = N_("not found")) -> str | None:
    """A parameter read without a widget (e.g. /entity?id=...): its value, or None if absent or not allowed."""
    raw = st.query_params.get_all(key)
    if not raw:
        _register(key)
        return None
    value = raw[-1]
    if allowed is not None and value not in set(allowed):
        _register(key, [value], _(what), keep=None)
        return None
    _register(key, keep=value)
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
    _register(
        key,
        bad,
        _("not a date written YYYY-MM-DD between {low} and {high}").format(low=min_value, high=max_value),
        keep=value and value.isoformat(),
    )
    day = value or default
    if value is None:
        st.session_state[_RUN].setdefault("derived", {})[key] = day.isoformat()
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
        container.warning(
            _(
                "“{rejected}” is not a day between {min_value} and {max_value} (type YYYY-MM-DD); still showing "
                "{isoformat}."
            ).format(
                rejected=escape_md(echo(rejected, 20)),
                min_value=min_value,
                max_value=max_value,
                isoformat=day.isoformat(),
            ),
            icon=":material/event_busy:",
        )
    return day


def url_date_value(key: str, *, low: date, high: date) -> date | None:
    """A date parameter read without a widget (e.g. the shared `asof` drawn on the Timeline); a bad one is noticed."""
    value, bad = decode_date(st.query_params.get_all(key), low=low, high=high)
    _register(
        key,
        bad,
        _("not a date written YYYY-MM-DD between {low} and {high}").format(low=low, high=high),
        keep=value and value.isoformat(),
    )
    return value


def url_day_unshown(key: str, *, default: date) -> date:
    """A day setting whose field is not drawn in this run (it sits in a closed box): the default day, written into
    the share link as a default that comes from the data (applied_params), so the link reopens the same view."""
    _register(key, keep=None)
    st.session_state[_RUN].setdefault("derived", {})[key] = default.isoformat()
    return default


def current_link(url_path: str) -> str:
    """The address that reopens this view (page plus every view parameter)."""
    base = (st.context.url or "").rstrip("/") if st.context.url else "/" + url_path
    return share_url(base, applied_params())
