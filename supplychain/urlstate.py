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
