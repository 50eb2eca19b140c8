"""Safe text for Markdown: escaping, links with a checked scheme, cut text, inline code."""

from __future__ import annotations

import re
from urllib.parse import quote

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


def _md_link(text: str, url: str | None) -> str:
    """Escaped link text pointing at a checked http(s) address; plain escaped text when there is none."""
    if not url:
        return escape_md(text)
    safe = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{escape_md(text)}]({safe})"
