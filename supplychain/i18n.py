"""The reader's language: every word the app writes goes through `_` / `ngettext` (gettext catalogues via Babel).

Catalogues live in locale/<lang>/LC_MESSAGES/messages.po. The language of the current script run is held in a
context variable, set once per run by the router (dashboard.py), so pure functions that word an answer can call
`_` without taking a language argument. English is the source language and the fallback.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from gettext import GNUTranslations, NullTranslations
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES: tuple[str, ...] = ("en", "pl")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def set_language(language: str) -> str:
    """Use `language` for the rest of this run (unknown codes fall back to English); returns the one in use."""
    chosen = language if language in LANGUAGES else DEFAULT_LANGUAGE
    _language.set(chosen)
    return chosen


def current_language() -> str:
    """The language of the current run ("en" or "pl")."""
    return _language.get()


@cache
def translations(language: str) -> NullTranslations:
    """The catalogue for `language`: its .po file read by Babel and compiled in memory (no .mo in the repo)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if language == DEFAULT_LANGUAGE or not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return GNUTranslations(compiled)


def _(message: str) -> str:
    """`message` (English source text) in the reader's language."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted phrase for `n` in the reader's language (Polish has three: chip, chipy, chipów)."""
    return translations(current_language()).ngettext(singular, plural, n)
