"""The words for codes, tables and pages: one place for every label pages, rules and charts show."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from supplychain.data.cells import is_blank
from supplychain.data.dates import PRECISION_LABELS
from supplychain.data.routes import PAGE_TITLES

KIND_LABELS: dict[str, str] = {
    "company": "Company / organisation",
    "model": "AI model",
    "chip": "Chip",
    "location": "Place",
    "policy": "Policy / measure",
}


EVIDENCE_LABELS: dict[str, str] = {
    "report": "Reported by the FT",
    "official": "Official record",
    "press": "Other press",
    "reference": "Reference work",
    "estimate": "Our estimate",
}


EVIDENCE_HELP: dict[str, str] = {
    "report": "Stated in the Financial Times report, mostly from people it does not name; not independently confirmed.",
    "official": "From a government or company record (rule, filing, product page, model card).",
    "press": "From other news reporting; no official record found.",
    "reference": "From a reference work or gazetteer (encyclopaedia, GeoNames, spec compilation).",
    "estimate": "The curators' estimate or inference, explained in the row's note.",
}


# sources.language, in words ("via a Polish republication").
LANGUAGE_LABELS: dict[str, str] = {
    "pl": "Polish",
    "en": "English",
    "zh": "Chinese",
    "ms": "Malay",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "nl": "Dutch",
    "ru": "Russian",
    "ko": "Korean",
    "ja": "Japanese",
}


ATTRIBUTION_LABELS: dict[str, str] = {
    "anonymous_sources": "Anonymous sources",
    "named_role_unnamed_person": "Unnamed operator",
    "report_narrative": "The report's own statement",
    "company_position": "A company's view, as reported",
    "republication_addition": "Added by the Polish republication",
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


# Relationship types: readable wording, and a line style per group (the network and chain views share them).
RELATION_LABELS: dict[str, str] = {
    "develops": "develops",
    "designs": "designs",
    "trains_in": "trains in",
    "trained_on": "trained on",
    "leases_capacity_from": "leases capacity from",
    "operates": "operates",
    "headquartered_in": "headquartered in",
    "restricts": "restricts",
    "permits": "permits",
    "rescinds": "rescinds",
    "amends": "amends",
    "issues": "issues",
    "partners_with": "partners with",
    "stockpiled": "stockpiled",
    "stations_engineers_at": "stations engineers at",
    "competes_with": "competes with",
    "supplies": "supplies",
    "subsidiary_of": "subsidiary of",
    "uses": "uses",
}


RELATION_GROUPS: dict[str, str] = {
    "develops": "Makes",
    "designs": "Makes",
    "supplies": "Makes",
    "trains_in": "Compute",
    "trained_on": "Compute",
    "leases_capacity_from": "Compute",
    "operates": "Compute",
    "stockpiled": "Compute",
    "uses": "Compute",
    "restricts": "Rules",
    "permits": "Rules",
    "rescinds": "Rules",
    "amends": "Rules",
    "issues": "Rules",
    "headquartered_in": "Ties",
    "partners_with": "Ties",
    "stations_engineers_at": "Ties",
    "competes_with": "Ties",
    "subsidiary_of": "Ties",
}


# The relations in each group, in words (legend help), from RELATION_GROUPS itself.
RELATION_GROUP_HELP: dict[str, str] = {
    group: ", ".join(RELATION_LABELS.get(r, r) for r, g in RELATION_GROUPS.items() if g == group)
    for group in dict.fromkeys(RELATION_GROUPS.values())
}


# Columns of the chain view, in reading order.
CHAIN_STAGES: dict[str, str] = {
    "developer": "Developer",
    "model": "Model",
    "location": "Trained where",
    "owner": "Facilities owned by",
    "hardware": "On whose chips",
    "measure": "Under which rule",
}


TIMELINE_KIND_LABELS: dict[str, str] = {
    "policy": "Government measure",
    "chip": "Chip",
    "model": "AI model",
    "report": "The report",
    "industry": "Industry event",
}


STATUS_LABELS: dict[str, str] = {
    "restricted": "Restricted: licence needed or denied",
    "permitted": "Allowed under licence or conditions",
    "unrestricted": "No restriction in the data",
    "not_announced": "Not yet announced",
}


# Standing of a measure (policies.status): one label and one colour per value of the enum in
# datapackage.json. Okabe-Ito colours; the greys are for measures that bind no one.
POLICY_STATUS_LABELS: dict[str, str] = {
    "in_force": "In force",
    "not_enforced": "On the books, not enforced",
    "suspended": "Suspended for a set period",
    "pending": "Proposed, not yet law",
    "contested": "Legal standing contested",
    "rescinded": "Rescinded",
    "superseded": "Superseded",
    "never_in_force": "Never took effect",
    "unclear": "Standing unclear",
}


# The answer to "could this chip be sold to China on that day?", first word(s) of the plain-words answer.
STATUS_VERDICTS: dict[str, str] = {
    "restricted": "No",
    "permitted": "Yes, under licence",
    "unrestricted": "Yes",
    "not_announced": "Not yet",
}


# What the verdict means, completing the sentence after it; {since} is the deciding measure's start.
STATUS_EXPLANATIONS: dict[str, str] = {
    "restricted": "an export licence has been required since {since}, and may be denied",
    "permitted": "export licences have been granted since {since}, under conditions",
    "unrestricted": "no export restriction on it is in the data",
    "not_announced": "the chip had not been announced yet",
}


SEGMENT_LABELS: dict[str, str] = {
    "frontier": "Top data-centre part",
    "china_specific": "Cut-down part for China",
    "domestic_chinese": "Designed in China",
}


def policy_status_label(code: str) -> str:
    """A measure's standing in words; an unknown code reads as itself with spaces ("not_enforced" -> "Not enforced")."""
    return enum_label("policies", "status", code)


LOCATION_KIND_LABELS: dict[str, str] = {
    "datacentre_hub": "Data-centre hub",
    "datacentre_site": "Data-centre site",
    "headquarters": "Company headquarters",
    "government_seat": "Seat of government",
}


OWNERSHIP_LABELS: dict[str, str] = {
    "chinese": "Chinese-owned",
    "non_chinese": "Non-Chinese-owned",
    "unknown": "Owner unknown",
    "not_applicable": "Not a data centre",
}


SITE_STATUS_LABELS: dict[str, str] = {
    "operating": "Operating",
    "under_construction": "Under construction",
    "planned": "Planned",
}


CAPACITY_BASIS_LABELS: dict[str, str] = {
    "it_load_in_service": "IT load in service",
    "it_load_planned": "IT load planned at full build-out",
    "unstated_in_service": "MW in service (IT or power not stated)",
    "unstated_planned": "MW planned at full build-out (IT or power not stated)",
}


SITE_KIND_LABELS: dict[str, str] = {"campus": "Data-centre campus", "cloud_region": "Cloud region (provider's own)"}


COORD_PRECISION_LABELS: dict[str, str] = {
    "site": "The site itself",
    "city": "City centre only",
    "region": "Region or state only",
    "country": "Country only",
}


FLOW_GROUPS: dict[str, str] = {
    "trains_in": "Training and compute",
    "leases_capacity_from": "Training and compute",
    "operates": "Training and compute",
    "supplies": "Chips",
    "uses": "Chips",
    "stockpiled": "Chips",
    "trained_on": "Chips",
    "stations_engineers_at": "People and partnerships",
    "partners_with": "People and partnerships",
}


# Standing of a key finding today (data/standings.csv) and how a later event bears on it
# (data/standing_links.csv). The label and icon carry the meaning; the badge colour only repeats it,
# so nothing rests on telling colours apart. Keys are the enums in datapackage.json.
STANDING_LABELS: dict[str, str] = {
    "confirmed": "Confirmed",
    "updated": "Updated",
    "contradicted": "Contradicted",
    "no_later_news": "No later news",
}


STANDING_HELP: dict[str, str] = {
    "confirmed": "Later records say the same.",
    "updated": "Still true, but later events changed its context or scope.",
    "contradicted": "Later records say otherwise.",
    "no_later_news": "No later record found that bears on it.",
}


NOT_REVIEWED_LABEL = "Not yet reviewed"
BEARING_LABELS: dict[str, str] = {"confirms": "Confirms", "updates": "Updates", "contradicts": "Contradicts"}


LOCATION_REGION_LABELS: dict[str, str] = {
    "sea": "Southeast Asia",
    "east_asia": "East Asia",
    "north_america": "North America",
    "europe": "Europe",
    "other": "Elsewhere",
}


# Enum columns no chart colours: their values in words, for tables, filters and profiles.
SOURCE_KIND_LABELS: dict[str, str] = {
    "news_report": "The report itself",
    "republication": "Translation or republication of the report",
    "news": "Other press",
    "government_record": "Government record",
    "company_record": "Company record",
    "reference": "Research or reference work",
}


CLAIM_TOPIC_LABELS: dict[str, str] = {
    "offshore_training": "Training offshore",
    "export_controls": "Export controls",
    "data_centres": "Data centres",
    "models": "AI models",
    "domestic_training": "Training at home",
    "chips": "Chips",
    "partnership": "Partnerships",
}


COMPANY_KIND_LABELS: dict[str, str] = {
    "ai_developer": "AI developer",
    "chip_designer": "Chip designer",
    "us_tech": "US technology group",
    "datacentre_operator": "Data-centre operator",
    "cloud_provider": "Cloud provider",
    "investor": "Investor",
    "government_body": "Government body",
}


POLICY_KIND_LABELS: dict[str, str] = {
    "export_control_rule": "Export-control rule",
    "licence_requirement": "Licence requirement",
    "rescission": "Withdrawal of a rule",
    "licence_policy": "Decision to grant or permit sales",
    "domestic_measure": "Measure at home",
    "suspension": "Suspension for a set period",
    "legislation": "Bill or act",
}


POLICY_EFFECT_LABELS: dict[str, str] = {
    "restricts": "Restricts sales to China",
    "permits": "Permits sales to China",
    "lifts": "Lifts an earlier measure",
    "discourages": "China discourages purchases",
    "other": "Other effect",
}


EVENT_CATEGORY_LABELS: dict[str, str] = {
    "us_measure": "US measure",
    "chinese_measure": "Chinese measure",
    "other_government": "Other government's measure",
    "nvidia_chip": "Nvidia chip",
    "chinese_chip": "Chinese chip",
    "model_release": "Model release",
    "report": "The report",
    "industry": "Industry event",
}


MODEL_FAMILY_LABELS: dict[str, str] = {"Qwen": "Qwen", "Doubao": "Doubao", "DeepSeek": "DeepSeek"}  # proper names


LANE_GROUP_LABELS: dict[str, str] = {"measures": "Measures", "chips": "Chips", "models": "AI models"}


STORY_VISUAL_LABELS: dict[str, str] = {
    "map": "Map of places and flows",
    "timeline": "Timeline",
    "status": "Export status of each chip",
    "chain": "Who trains where, on whose chips",
    "graph": "Network around one entity",
    "evidence": "How each row is known",
    "standings": "What changed since the report",
}


# The one registry of enum words: (table, column) -> the label of each value; "*" for a column of any table.
# tests/test_vocabulary.py checks that every enum column in datapackage.json has an entry naming every value.
ENUM_LABELS: dict[tuple[str, str], dict[str, str]] = {
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
}


def enum_labels(table: str, column: str) -> dict[str, str]:
    """The words for each value of an enum column ({} for a column with none); any `*_precision` reads as a
    precision."""
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
