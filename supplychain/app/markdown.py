"""Safe text for Markdown: escaping, links with a checked scheme, cut text, inline code, echoed values.

Every URL from the data goes through safe_url (and md_link), every value echoed back from a link through echo.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from supplychain.i18n import N_, _, current_language

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$])")


def escape_md(text: str) -> str:
    """Escape Markdown so data text renders literally (no links, emphasis or HTML from the data)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def english_text(text: str) -> str:
    """Our English free text (a note, a summary) as escaped Markdown; for a Polish reader it carries a badge saying
    it is in English, since notes are not translated."""
    body = escape_md(text)
    return f":gray-badge[{_(ENGLISH_MARK)}] {body}" if current_language() != "en" else body


ENGLISH_MARK = N_("in English")  # the badge on English text shown to a Polish reader


def link_markdown(link: str) -> str:
    """Markdown for a clickable link whose text is the address itself (the sidebar's share link).

    The address is percent-encoded outside the characters a URL needs, so nothing in it (a bracket, a
    parenthesis, a space, a markdown or HTML character in a hostile page address) can end the link or start
    markup; its text is the same address with markdown's characters escaped.
    """
    address = quote(str(link), safe=":/?&=%#+,;@!$~.-_")
    return f"[{escape_md(address)}]({address})"


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = str(text)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def as_code(text: str) -> str:
    """Text as a Markdown code span: shown literally, so no link, image, autolink or HTML can come of it.

    Line breaks become spaces (a blank line would end the span), and the fence is one backtick longer
    than the longest run of backticks inside, as CommonMark requires.
    """
    flat = re.sub(r"[\x00-\x1f\x7f]+", " ", str(text))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    return f"{fence} {flat} {fence}"


LINK_SCHEMES = ("http", "https", "mailto")
# Characters a link destination keeps as they are; everything else (parentheses, brackets, angle brackets, quotes,
# backslash, backtick, whitespace, controls, non-ASCII) is percent-encoded, so nothing can close the link early.
_URL_SAFE = ":/?&=%#+,;@$~.-_*!"
# Bidi controls and zero-width characters: invisible, and able to make echoed text display reversed.
_INVISIBLE = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\x00-\x1f\x7f]")
ECHO_CHARS = 80  # a value echoed back to the reader is cut to this many characters


def safe_url(url: object, *, relative: bool = False) -> str | None:
    """The one check for every address from the data: http, https or mailto (or, with `relative`, a path of
    this app such as `entity?id=x`), percent-encoded so it cannot break out of a Markdown link; None otherwise
    (javascript:, data:, file:, a protocol-relative `//host`, an empty value)."""
    text = str(url or "").strip()
    if not text or _INVISIBLE.search(text):
        return None
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:  # an unbalanced '[' in the host part
        return None
    if scheme:
        if scheme not in LINK_SCHEMES:
            return None
    elif not relative or text.startswith(("//", "\\", "/\\")):
        return None
    return quote(text, safe=_URL_SAFE)


def md_link(text: str, url: object, *, relative: bool = False) -> str:
    """Escaped link text pointing at a checked address (safe_url); plain escaped text when it has none."""
    safe = safe_url(url, relative=relative)
    return f"[{escape_md(text)}]({safe})" if safe else escape_md(text)


def echo(value: object, limit: int = ECHO_CHARS) -> str:
    """A value echoed back to the reader (a link's setting, a typed day): bidi and zero-width characters
    dropped, cut to `limit` characters. Show it as text (as_code or escape_md): this does not escape."""
    text = _INVISIBLE.sub("", str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"
