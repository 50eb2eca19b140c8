"""A problem in the data, or a note on how a file was saved: where it is, and what was expected, worded when shown.

The dataset is loaded once for every reader, before any run knows its reader's language, so a message keeps its
English template (a catalogue msgid, marked with N_) apart from its values: `expected` / `what` word it in English
(tests, logs, bench), `describe()` in the language of the current run (the app's problems list, the API's 503).
File names, column names and the values found are the data's own and are never translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal

from supplychain.i18n import _, current_language

SHOWN_CHARS = 80  # a value echoed in a problem or warning is cut to this many characters

# A message's values, as (placeholder, value) pairs: a frozen dataclass keeps them hashable and ordered.
Values = tuple[tuple[str, Any], ...]


def cut(text: Any, limit: int = SHOWN_CHARS) -> str:
    """A value as text, cut to `limit` characters with an ellipsis (hostile or huge values stay short)."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fill(text: str, values: Values, language: str) -> str:
    """`text` with its placeholders filled; whole numbers are written the language's way (200,000 / 200 000)."""
    shown = {
        key: format_decimal(v, format="#,##0", locale=language) if isinstance(v, int) and not isinstance(v, bool) else v
        for key, v in values
    }
    return text.format(**shown)


def _english(template: str, values: Values) -> str:
    return _fill(template, values, "en")


def _translated(template: str, values: Values) -> str:
    return _fill(_(template), values, current_language())


def _values(values: dict[str, Any]) -> Values:
    """Keyword values as pairs; text values cut to SHOWN_CHARS (an exception's message can be long)."""
    return tuple((k, v if isinstance(v, int | float) else cut(v)) for k, v in values.items())


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data. `line` is the file line (the header is line 1); `template` is what was
    expected, as an English msgid with {placeholders} filled from `values`."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    template: str
    values: Values = ()

    @property
    def expected(self) -> str:
        """What was expected, in English."""
        return _english(self.template, self.values)

    def describe(self) -> str:
        """What was expected, in the language of the current run."""
        return _translated(self.template, self.values)

    def __str__(self) -> str:
        """The whole problem on one line, in the language of the current run (English unless a run chose)."""
        parts = [self.file]
        if self.line == 1:
            parts.append(_("header (line 1)"))
        elif self.line is not None:
            parts.append(_("row {row} (line {line})").format(row=self.line - 1, line=self.line))
        if self.column:
            parts.append(_("column '{column}'").format(column=self.column))
        where = ", ".join(parts)
        if self.value not in (None, ""):
            where += ": " + _("found {value}").format(value=repr(self.value))
        return f"{where}; " + _("expected {expected}").format(expected=self.describe())


@dataclass(frozen=True)
class LoadWarning:
    """Something the loader tolerated and repaired (a BOM, CRLF, a helper column): the data still loads.
    `template` says what was done, an English msgid with {placeholders} filled from `values`."""

    file: str
    column: str | None
    template: str
    values: Values = ()

    @property
    def what(self) -> str:
        """What was done, in English."""
        return _english(self.template, self.values)

    def describe(self) -> str:
        """What was done, in the language of the current run."""
        return _translated(self.template, self.values)

    def __str__(self) -> str:
        where = self.file + (", " + _("column '{column}'").format(column=self.column) if self.column else "")
        return f"{where}: {self.describe()}"


def problem(file: str, line: int | None, column: str | None, value: Any, expected: str, **values: Any) -> Problem:
    """A Problem whose value is cut to SHOWN_CHARS (a 100 KB cell is not echoed whole). `expected` is an English
    msgid marked with N_ (never an f-string: the app translates it when shown); `values` fill its placeholders."""
    return Problem(file, line, column, None if value is None else cut(value), expected, _values(values))


def warning(file: str, column: str | None, what: str, **values: Any) -> LoadWarning:
    """A LoadWarning: `what` is an English msgid marked with N_; `values` fill its placeholders."""
    return LoadWarning(file, column, what, _values(values))
