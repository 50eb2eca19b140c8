"""Reading a page's view from its URL: which parameters are understood and which must be ignored."""
from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from urllib.parse import urlencode


def split_values(raw: list[str]) -> list[str]:
    """Values of one parameter, whether repeated (?a=x&a=y) or comma-separated (?a=x,y)."""
    out: list[str] = []
    for item in raw:
        out.extend(v for v in item.split(",") if v != "")
    return out


def ignored_params(
    params: Mapping[str, list[str]],
    *,
    choices: Mapping[str, Collection[str]],
    free: Collection[str] = (),
) -> list[str]:
    """Describe every parameter a page cannot honour: unknown names, or values not among the choices.

    `params` maps name -> raw values (as from st.query_params.get_all); `choices` maps each
    understood parameter to its allowed values; `free` names parameters that take any text.
    Returns readable notes such as "table=nonsense (not a table)". Pure, so it is tested directly.
    """
    notes: list[str] = []
    for name, raw in params.items():
        if name in free:
            continue
        if name not in choices:
            notes.append(f"{name} (not a setting of this page)")
            continue
        allowed = set(map(str, choices[name]))
        bad = [v for v in split_values(raw) if v not in allowed]
        if bad:
            notes.append(f"{name}={','.join(bad)} (not one of the available values)")
    return notes


# Parameters every page carries when the reader moves to another page (shared filters).
SHARED_PARAMS: tuple[str, ...] = ("company", "relation", "from", "to", "asof")


def decode_list(raw: list[str], allowed: Collection[str]) -> tuple[list[str], list[str]]:
    """Split ?k=a,b (or ?k=a&k=b) into the allowed values, in order, and the rejected ones."""
    allowed_set = set(map(str, allowed))
    good: list[str] = []
    bad: list[str] = []
    for value in split_values(raw):
        (good if value in allowed_set else bad).append(value)
    return list(dict.fromkeys(good)), bad


def encode_list(values: list[str]) -> str:
    """The URL form of a multi-choice: comma-separated, as in /timeline?lanes=us,models."""
    return ",".join(map(str, values))


def decode_date(raw: list[str], *, low: date | None = None, high: date | None = None) -> tuple[date | None, list[str]]:
    """An ISO date from the URL, if it parses and lies within [low, high]; otherwise (None, [raw])."""
    if not raw:
        return None, []
    text = raw[-1]
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None, [text]
    if (low and value < low) or (high and value > high):
        return None, [text]
    return value, []


def share_url(base: str, params: Mapping[str, list[str]]) -> str:
    """The link that reopens this view: page address plus every view parameter, in a stable order."""
    pairs = [(k, v) for k in sorted(params) for v in params[k]]
    return base + ("?" + urlencode(pairs) if pairs else "")
