"""Reading a page's view from its URL: which parameters are understood and which must be ignored."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from supplychain.data.dates import DATE_RANGE_WORDS, date_range_words
from supplychain.data.problems import cut
from supplychain.data.routes import MAP, RELATIONSHIPS, STATUS, TIMELINE
from supplychain.i18n import N_, _
from supplychain.rules.filters import split_values as split_filter_values


def split_values(raw: list[str]) -> list[str]:
    """Values of one parameter, whether repeated (?a=x&a=y) or comma-separated (?a=x,y)."""
    out: list[str] = []
    for item in raw:
        out.extend(v for v in item.split(",") if v != "")
    return out


@dataclass(frozen=True)
class SharedSetting:
    """A URL setting that follows the reader from page to page: what it means, and where it means that.

    `pages` maps each page (its url path) that reads the setting in this sense to the values it accepts
    there. A value moves only to those pages, and only the part the page accepts: the rest is dropped
    without a notice, because the reader (not a link) changed page. Both are English msgids (marked with N_):
    `describe` and `accepts` word them in the reader's language.
    """

    meaning: str
    pages: Mapping[str, str]

    def describe(self) -> str:
        """What the setting means, in the reader's language."""
        return _(self.meaning)

    def accepts(self, page: str) -> str:
        """What `page` accepts for the setting, in the reader's language (date ranges filled with their years)."""
        return date_range_words(self.pages[page])


_TIE_DAYS = N_("a day between the first and last dated tie")
# Each shared URL setting, declared once. A page missing here never receives the setting on a page switch.
SHARED_SETTINGS: dict[str, SharedSetting] = {
    "company": SharedSetting(
        N_("companies to follow (company ids, comma-separated)"),
        {MAP: N_("companies with a place or flow on the map"), TIMELINE: N_("companies with an item on the timeline")},
    ),
    "relation": SharedSetting(
        N_("kinds of tie (relationships.relation codes, comma-separated)"),
        {MAP: N_("the relations drawn as flows on the map"), RELATIONSHIPS: N_("every relation in datapackage.json")},
    ),
    "from": SharedSetting(
        N_("first day of the period looked at (YYYY-MM-DD)"),
        {RELATIONSHIPS: _TIE_DAYS, TIMELINE: DATE_RANGE_WORDS},
    ),
    "to": SharedSetting(
        N_("last day of the period looked at (YYYY-MM-DD)"),
        {RELATIONSHIPS: _TIE_DAYS, TIMELINE: DATE_RANGE_WORDS},
    ),
    "asof": SharedSetting(
        N_("the day a status or a flow is shown for (YYYY-MM-DD)"),
        {
            MAP: DATE_RANGE_WORDS,
            STATUS: DATE_RANGE_WORDS,
            TIMELINE: N_("a day in {first}-{last}, drawn as a blue line"),
        },
    ),
}
SHARED_PARAMS: tuple[str, ...] = tuple(SHARED_SETTINGS)


def carried_to(page: str, remembered: Mapping[str, str], present: Collection[str]) -> dict[str, str]:
    """The remembered shared values that move to `page`: declared for it, not empty, not already in its URL."""
    return {
        key: value
        for key, value in remembered.items()
        if value and key not in present and page in SHARED_SETTINGS.get(key, SharedSetting("", {})).pages
    }


def decode_list(raw: list[str], allowed: Collection[str]) -> tuple[list[str], list[str]]:
    """Split ?k=a,b (or ?k=a&k=b) into the allowed values, in order, and the rejected ones."""
    allowed_set = set(map(str, allowed))
    good: list[str] = []
    bad: list[str] = []
    for value in split_filter_values(raw, allowed_set):  # a value holding a comma stays whole
        (good if value in allowed_set else bad).append(value)
    return list(dict.fromkeys(good)), bad


def encode_list(values: list[str]) -> str:
    """The URL form of a multi-choice: comma-separated, as in /timeline?lanes=us,models."""
    return ",".join(map(str, values))


_URL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
LAST_URL_DATE = date(2100, 12, 31)  # no view needs a later day; a page's own bound is usually tighter


def decode_date(raw: list[str], *, low: date | None = None, high: date | None = None) -> tuple[date | None, list[str]]:
    """A date written exactly YYYY-MM-DD from the URL, within [low, high] (high at most LAST_URL_DATE);
    otherwise (None, [raw]). `20250101` and `2025-W01-1`, which Python's fromisoformat takes, are refused."""
    if not raw:
        return None, []
    text = raw[-1]
    if not _URL_DATE.fullmatch(text):
        return None, [text]
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None, [text]
    high = min(high, LAST_URL_DATE) if high else LAST_URL_DATE
    if (low and value < low) or value > high:
        return None, [text]
    return value, []


def share_url(base: str, params: Mapping[str, list[str]]) -> str:
    """The link that reopens this view: page address plus every view parameter, in a stable order."""
    pairs = [(k, v) for k in sorted(params) for v in params[k]]
    return base + ("?" + urlencode(pairs) if pairs else "")


def describe_filters(applied: Mapping[str, list[str]]) -> list[str]:
    """`key=value` lines for the settings a page applied (urlbind.applied_params), each value cut short.

    The view bundle's README states these, never a link's raw or ignored values.
    """

    return [f"{key}={cut(','.join(values))}" for key, values in sorted(applied.items()) if values]
