"""The words for codes, tables and pages: one place for every label pages, rules and charts show.

The relation, site and status words have their own modules (relation_labels, site_labels, status_labels);
`ENUM_LABELS` here is the one registry of every enum column's words, and `enum_label` reads it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from supplychain.data.cells import is_blank
from supplychain.data.dates import PRECISION_LABELS
from supplychain.data.relation_labels import RELATION_LABELS
from supplychain.data.routes import PAGES
from supplychain.data.site_labels import (
    CAPACITY_BASIS_LABELS,
    COORD_PRECISION_LABELS,
    LOCATION_KIND_LABELS,
    LOCATION_REGION_LABELS,
    OWNERSHIP_LABELS,
    SITE_KIND_LABELS,
    SITE_STATUS_LABELS,
)
from supplychain.data.status_labels import POLICY_STATUS_LABELS, SEGMENT_LABELS
from supplychain.i18n import N_, Words

KIND_LABELS = Words(
    {
        "company": N_("Company / organisation"),
        "model": N_("AI model"),
        "chip": N_("Chip"),
        "location": N_("Place"),
        "policy": N_("Policy / measure"),
    }
)


EVIDENCE_LABELS = Words(
    {
        "report": N_("Reported by the FT"),
        "official": N_("Official record"),
        "press": N_("Other press"),
        "reference": N_("Reference work"),
        "estimate": N_("Our estimate"),
    }
)


EVIDENCE_HELP = Words(
    {
        "report": N_(
            "Stated in the Financial Times report, mostly from people it does not name; not independently confirmed."
        ),
        "official": N_("From a government or company record (rule, filing, product page, model card)."),
        "press": N_("From other news reporting; no official record found."),
        "reference": N_("From a reference work or gazetteer (encyclopaedia, GeoNames, spec compilation)."),
        "estimate": N_("The curators' estimate or inference, explained in the row's note."),
    }
)


# sources.language, in words ("via a Polish republication").
LANGUAGE_LABELS = Words(
    {
        "pl": N_("Polish"),
        "en": N_("English"),
        "zh": N_("Chinese"),
        "ms": N_("Malay"),
        "de": N_("German"),
        "fr": N_("French"),
        "es": N_("Spanish"),
        "nl": N_("Dutch"),
        "ru": N_("Russian"),
        "ko": N_("Korean"),
        "ja": N_("Japanese"),
    }
)


ATTRIBUTION_LABELS = Words(
    {
        "anonymous_sources": N_("Anonymous sources"),
        "named_role_unnamed_person": N_("Unnamed operator"),
        "report_narrative": N_("The report's own statement"),
        "company_position": N_("A company's view, as reported"),
        "republication_addition": N_("Added by the Polish republication"),
    }
)


TABLE_LABELS = Words(
    {
        "companies": N_("Companies and organisations"),
        "models": N_("AI models"),
        "chips": N_("Chips"),
        "locations": N_("Locations"),
        "policies": N_("Policies and measures"),
        "events": N_("Events"),
        "relationships": N_("Relationships"),
        "claims": N_("Claims from the report"),
        "sources": N_("Sources"),
        "sites": N_("Data-centre sites"),
        "standings": N_("Standings of key findings"),
        "standing_links": N_("Later events bearing on each finding"),
        "lanes": N_("Timeline lanes"),
        "story_steps": N_("Story steps"),
        "coverage": N_("Coverage by topic"),
        "review_log": N_("Month-by-month review log"),
        "corrections": N_("Corrections"),
        "releases": N_("Releases"),
        "changes": N_("Changes per release"),
        "glossary": N_("Glossary"),
        "translations": N_("Translations"),
    }
)

# What happened to a row in a release (changes.change).
CHANGE_KIND_LABELS = Words(
    {
        "added": N_("added"),
        "changed": N_("changed"),
        "corrected": N_("corrected"),
        "removed": N_("removed"),
    }
)


TIMELINE_KIND_LABELS = Words(
    {
        "policy": N_("Government measure"),
        "chip": N_("Chip"),
        "model": N_("AI model"),
        "report": N_("The report"),
        "industry": N_("Industry event"),
    }
)


def policy_status_label(code: str) -> str:
    """A measure's standing in words; an unknown code reads as itself with spaces ("not_enforced" -> "Not enforced")."""
    return enum_label("policies", "status", code)


# Standing of a key finding today (data/standings.csv) and how a later event bears on it
# (data/standing_links.csv). The label and icon carry the meaning; the badge colour only repeats it,
# so nothing rests on telling colours apart. Keys are the enums in datapackage.json.
STANDING_LABELS = Words(
    {
        "confirmed": N_("Confirmed"),
        "updated": N_("Updated"),
        "contradicted": N_("Contradicted"),
        "no_later_news": N_("No later news"),
    }
)


STANDING_HELP = Words(
    {
        "confirmed": N_("Later records say the same."),
        "updated": N_("Still true, but later events changed its context or scope."),
        "contradicted": N_("Later records say otherwise."),
        "no_later_news": N_("No later record found that bears on it."),
    }
)


NOT_REVIEWED_LABEL = N_("Not yet reviewed")  # read it through `_`
BEARING_LABELS = Words({"confirms": N_("Confirms"), "updates": N_("Updates"), "contradicts": N_("Contradicts")})


# Enum columns no chart colours: their values in words, for tables, filters and profiles.
SOURCE_KIND_LABELS = Words(
    {
        "news_report": N_("The report itself"),
        "republication": N_("Translation or republication of the report"),
        "news": N_("Other press"),
        "government_record": N_("Government record"),
        "company_record": N_("Company record"),
        "reference": N_("Research or reference work"),
    }
)


CLAIM_TOPIC_LABELS = Words(
    {
        "offshore_training": N_("Training offshore"),
        "export_controls": N_("Export controls"),
        "data_centres": N_("Data centres"),
        "models": N_("AI models"),
        "domestic_training": N_("Training at home"),
        "chips": N_("Chips"),
        "partnership": N_("Partnerships"),
    }
)


COMPANY_KIND_LABELS = Words(
    {
        "ai_developer": N_("AI developer"),
        "chip_designer": N_("Chip designer"),
        "us_tech": N_("US technology group"),
        "datacentre_operator": N_("Data-centre operator"),
        "cloud_provider": N_("Cloud provider"),
        "investor": N_("Investor"),
        "government_body": N_("Government body"),
    }
)


POLICY_KIND_LABELS = Words(
    {
        "export_control_rule": N_("Export-control rule"),
        "licence_requirement": N_("Licence requirement"),
        "rescission": N_("Withdrawal of a rule"),
        "licence_policy": N_("Decision to grant or permit sales"),
        "domestic_measure": N_("Measure at home"),
        "suspension": N_("Suspension for a set period"),
        "legislation": N_("Bill or act"),
    }
)


POLICY_EFFECT_LABELS = Words(
    {
        "restricts": N_("Restricts sales to China"),
        "permits": N_("Permits sales to China"),
        "lifts": N_("Lifts an earlier measure"),
        "discourages": N_("China discourages purchases"),
        "other": N_("Other effect"),
    }
)


EVENT_CATEGORY_LABELS = Words(
    {
        "us_measure": N_("US measure"),
        "chinese_measure": N_("Chinese measure"),
        "other_government": N_("Other government's measure"),
        "nvidia_chip": N_("Nvidia chip"),
        "chinese_chip": N_("Chinese chip"),
        "model_release": N_("Model release"),
        "report": N_("The report"),
        "industry": N_("Industry event"),
    }
)


MODEL_FAMILY_LABELS: dict[str, str] = {"Qwen": "Qwen", "Doubao": "Doubao", "DeepSeek": "DeepSeek"}  # proper names


LANE_GROUP_LABELS = Words({"measures": N_("Measures"), "chips": N_("Chips"), "models": N_("AI models")})


STORY_VISUAL_LABELS = Words(
    {
        "map": N_("Map of places and flows"),
        "timeline": N_("Timeline"),
        "status": N_("Export status of each chip"),
        "chain": N_("Who trains where, on whose chips"),
        "graph": N_("Network around one entity"),
        "evidence": N_("How each row is known"),
        "standings": N_("What changed since the report"),
    }
)


# Page titles by URL path: the navigation (dashboard.py) and story steps' "Open this view" page read them here.
# What a row of data/translations.csv translates (translations.part).
TRANSLATION_PART_LABELS = Words(
    {
        "value": N_("A cell of the table"),
        "title": N_("A column's title"),
        "description": N_("A column's description"),
        "resource_title": N_("A table's title"),
        "resource_description": N_("A table's description"),
    }
)


# Page titles by URL path, from the router's table (data/routes.py), in the reader's language.
PAGE_TITLES = Words({route.url_path: route.title for route in PAGES})


# The one registry of enum words: (table, column) -> the label of each value; "*" for a column of any table.
# tests/test_vocabulary.py checks that every enum column in datapackage.json has an entry naming every value.
ENUM_LABELS: dict[tuple[str, str], Mapping[str, str]] = {
    ("*", "evidence"): EVIDENCE_LABELS,
    ("sites", "tenant_evidence"): EVIDENCE_LABELS,
    ("sources", "kind"): SOURCE_KIND_LABELS,
    ("sources", "language"): LANGUAGE_LABELS,
    ("claims", "attribution_kind"): ATTRIBUTION_LABELS,
    ("claims", "topic"): CLAIM_TOPIC_LABELS,
    ("locations", "kind"): LOCATION_KIND_LABELS,
    ("locations", "region"): LOCATION_REGION_LABELS,
    ("locations", "ownership"): OWNERSHIP_LABELS,
    ("locations", "coord_precision"): COORD_PRECISION_LABELS,
    ("sites", "kind"): SITE_KIND_LABELS,
    ("sites", "ownership"): OWNERSHIP_LABELS,
    ("sites", "coord_precision"): COORD_PRECISION_LABELS,
    ("sites", "status"): SITE_STATUS_LABELS,
    ("sites", "capacity_basis"): CAPACITY_BASIS_LABELS,
    ("companies", "kind"): COMPANY_KIND_LABELS,
    ("companies", "ownership"): OWNERSHIP_LABELS,
    ("models", "family"): MODEL_FAMILY_LABELS,
    ("chips", "segment"): SEGMENT_LABELS,
    ("policies", "kind"): POLICY_KIND_LABELS,
    ("policies", "effect"): POLICY_EFFECT_LABELS,
    ("policies", "status"): POLICY_STATUS_LABELS,
    ("events", "category"): EVENT_CATEGORY_LABELS,
    ("relationships", "from_kind"): KIND_LABELS,
    ("relationships", "to_kind"): KIND_LABELS,
    ("relationships", "relation"): RELATION_LABELS,
    ("standings", "standing"): STANDING_LABELS,
    ("standing_links", "bearing"): BEARING_LABELS,
    ("lanes", "colour_kind"): TIMELINE_KIND_LABELS,
    ("lanes", "lane_group"): LANE_GROUP_LABELS,
    ("lanes", "event_category"): EVENT_CATEGORY_LABELS,
    ("lanes", "model_family"): MODEL_FAMILY_LABELS,
    ("lanes", "chip_segment"): SEGMENT_LABELS,
    ("story_steps", "visual"): STORY_VISUAL_LABELS,
    ("story_steps", "page"): PAGE_TITLES,
    ("corrections", "table"): TABLE_LABELS,
    ("changes", "change"): CHANGE_KIND_LABELS,
    ("translations", "part"): TRANSLATION_PART_LABELS,
}


def enum_labels(table: str, column: str) -> Mapping[str, str]:
    """The words for each value of an enum column ({} for a column with none).

    Any `*_precision` column reads as a precision.
    """
    if (table, column) in ENUM_LABELS:
        return ENUM_LABELS[(table, column)]
    if ("*", column) in ENUM_LABELS:
        return ENUM_LABELS[("*", column)]
    return dict(PRECISION_LABELS) if column.endswith("_precision") else {}


def enum_label(table: str, column: str, code: object) -> str:
    """One enum value in words; a code with no label reads as its words ("not_enforced" -> "Not enforced")."""
    return enum_labels(table, column).get(str(code)) or str(code).replace("_", " ").capitalize()


def enum_words(values: pd.Series, table: str, column: str) -> pd.Series:
    """A column of codes as words (blank cells stay blank): the series form of `enum_label`."""
    return values.map(lambda v: v if is_blank(v) else enum_label(table, column, v))


def with_enum_words(frame: pd.DataFrame, table: str, columns: Sequence[str]) -> pd.DataFrame:
    """A copy of `frame` whose enum `columns` read as words (blank cells stay blank), for tables shown to readers."""
    return frame.assign(**{c: enum_words(frame[c], table, c) for c in columns})
