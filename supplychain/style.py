"""Colours, labels and date wording: one place for every rule pages and charts share."""
from __future__ import annotations

import pandas as pd

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
KIND_COLOURS: dict[str, str] = {
    "company": "#0072B2",  # blue
    "model": "#E69F00",  # orange
    "chip": "#009E73",  # bluish green
    "location": "#CC79A7",  # reddish purple
    "policy": "#D55E00",  # vermillion
}
KIND_LABELS: dict[str, str] = {
    "company": "Company / organisation",
    "model": "AI model",
    "chip": "Chip",
    "location": "Place",
    "policy": "Policy / measure",
}
KIND_ICONS: dict[str, str] = {
    "company": ":material/apartment:",
    "model": ":material/neurology:",
    "chip": ":material/memory:",
    "location": ":material/location_on:",
    "policy": ":material/gavel:",
}

EVIDENCE_LABELS: dict[str, str] = {
    "report": "Reported by the FT",
    "official": "Official record",
    "press": "Other press",
    "estimate": "Our estimate",
}
EVIDENCE_HELP: dict[str, str] = {
    "report": "Stated in the Financial Times report, mostly from people it does not name; not independently confirmed.",
    "official": "From a government or company record (rule, filing, product page, model card).",
    "press": "From other news reporting; no official record found.",
    "estimate": "The curators' estimate or inference, explained in the row's note.",
}

ATTRIBUTION_LABELS: dict[str, str] = {
    "anonymous_sources": "Anonymous sources",
    "named_role_unnamed_person": "Unnamed operator",
    "report_narrative": "The report's own statement",
    "company_position": "A company's view, as reported",
}

TABLE_LABELS: dict[str, str] = {
    "companies": "Companies and organisations",
    "models": "AI models",
    "chips": "Chips",
    "locations": "Locations",
    "policies": "Policies and measures",
    "events": "Events",
    "relationships": "Relationships",
    "claims": "Claims from the report",
    "sources": "Sources",
}

_FORMATS = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def format_date(value: pd.Timestamp | None, precision: str | None = "day") -> str:
    """A date as readers should see it: never more precise than what is known.

    A month-precision date stored as 2025-04-01 reads "Apr 2025", not "1 Apr 2025".
    """
    if value is None or pd.isna(value):
        return "date unknown"
    fmt = _FORMATS.get(precision or "day", _FORMATS["day"])
    return pd.Timestamp(value).strftime(fmt)
