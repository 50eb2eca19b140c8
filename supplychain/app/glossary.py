"""Glossary terms where the reader meets them: help text for labels and column headers, links, search hits."""

from __future__ import annotations

from urllib.parse import urlencode

from supplychain.data.load import Dataset
from supplychain.i18n import _, current_language
from supplychain.rules.glossary import term_definition

GLOSSARY_PATH = "glossary"


def term_help(dataset: Dataset, term_id: str, extra: str = "") -> str:
    """The one helper for a label's or column header's `help=`: `extra` (what the control does), then the
    glossary's definition of `term_id` in the reader's language and where the glossary is."""
    definition = term_definition(dataset.tables, term_id, language=current_language())
    parts = [extra] if extra else []
    if definition:
        parts.append(definition + " " + _("(Glossary)"))
    return "\n\n".join(parts)


def term_url(term_id: str) -> str:
    """The Glossary page opened at one term."""
    return f"{GLOSSARY_PATH}?{urlencode({'term': term_id})}"
