"""The one rule for an empty cell: None, NaN, NaT, pandas NA and a blank string all mean "no value"."""

from __future__ import annotations

from typing import Any

import pandas as pd


def is_blank(value: Any) -> bool:
    """True for a missing cell (None, NaN, NaT, pandas NA, or a string of only spaces); a list or dict is a value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def cell_text(value: Any) -> str:
    """A cell as text, "" when it is blank."""
    return "" if is_blank(value) else str(value)


def cell_or_none(value: Any) -> Any:
    """The cell's value, or None when it is blank (for JSON and for "is it set?" tests)."""
    return None if is_blank(value) else value
