"""The reader's language: every word the app writes goes through `_` / `ngettext` (gettext catalogues via Babel).

Catalogues live in locale/<lang>/LC_MESSAGES/messages.po. The language of the current script run is held in a
context variable, set once per run by the router (dashboard.py), so pure functions that word an answer can call
`_` without taking a language argument. English is the source language and the fallback.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from gettext import GNUTranslations, NullTranslations
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGUAGES: tuple[str, ...] = ("en", "pl")
# Each language named in itself, for the switch in the sidebar (a reader looks for their own language's name).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "pl": "Polski"}
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def set_language(language: str) -> str:
    """Use `language` for the rest of this run (unknown codes fall back to English); returns the one in use."""
    chosen = language if language in LANGUAGES else DEFAULT_LANGUAGE
    _language.set(chosen)
    return chosen


def choose_language(asked: str | None, remembered: str | None, browser_locale: str | None) -> str:
    """The language of a run: the link's ?lang= if it names one, else the one the reader chose earlier in this
    session, else the browser's (st.context.locale, "pl-PL" -> "pl"), else English."""
    for candidate in (asked, remembered, (browser_locale or "").replace("_", "-").split("-")[0].lower()):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def accepted_language(header: str | None) -> str:
    """The language an HTTP Accept-Language header prefers among ours ("pl-PL,pl;q=0.9,en;q=0.8" -> "pl"), by its
    q-values (ties keep the header's order); English when it names none of ours or cannot be read."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((header or "").split(",")):
        tag, _sep, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = tag.strip().replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES and quality > 0:
            ranked.append((-quality, position, code))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


@contextmanager
def language_of(language: str) -> Iterator[str]:
    """Use `language` inside the block (for one answer of the data routes, or a test), then the one before it."""
    token = _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield _language.get()
    finally:
        _language.reset(token)


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


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it now (a constant read later through `_`)."""
    return message


class Words(Mapping[str, str]):
    """A code -> words lookup whose words are English msgids, translated each time they are read.

    The module-level label tables (data/labels.py) are built at import, before any run knows its reader's
    language, so they hold the English text and translate on every read: `WORDS[code]`, `.get`, `.items()`,
    `.values()`, `dict(WORDS)` all answer in the current run's language.
    """

    def __init__(self, words: Mapping[str, str]) -> None:
        self._words = dict(words)

    def __getitem__(self, code: str) -> str:
        return _(self._words[code])

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def __repr__(self) -> str:
        return f"Words({self._words!r})"

    def msgids(self) -> dict[str, str]:
        """The English source text of each code (for the catalogue check), untranslated."""
        return dict(self._words)


def format_number(value: float, digits: int = 1) -> str:
    """A number in the reader's language, with at most `digits` decimals: 1.5 (en) or 1,5 (pl); 12,345 or 12 345."""
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=current_language())


def territory_name(code: str) -> str | None:
    """A country's name in the reader's language from its ISO 3166 code ("MY" -> "Malezja"), by Babel (CLDR); None in
    English (callers keep their own English name) or for an unknown code."""
    language = current_language()
    if language == DEFAULT_LANGUAGE:
        return None
    return Locale.parse(language).territories.get(str(code).upper())
