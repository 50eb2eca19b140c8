"""Colours and labels: one place for every rule pages and charts share (dates are worded in dates.py)."""

from __future__ import annotations

from supplychain.dates import PRECISION_LABELS, format_date  # noqa: F401  (re-exported: callers import them here)

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
# Dash pattern and grey per group: line style says what kind of tie it is, colour stays for entity kinds.
RELATION_GROUP_DASHES: dict[str, list[int]] = {
    "Makes": [1, 0],
    "Compute": [8, 4],
    "Rules": [2, 3],
    "Ties": [12, 3, 2, 3],
}
RELATION_GROUP_GREYS: dict[str, str] = {"Makes": "#444444", "Compute": "#666666", "Rules": "#8a2d00", "Ties": "#999999"}
RELATION_GROUP_HELP: dict[str, str] = {
    "Makes": "develops, designs, supplies",
    "Compute": "trains in, trained on, leases capacity from, operates, stockpiled, uses",
    "Rules": "issues, restricts, permits, rescinds, amends",
    "Ties": "headquartered in, partners with, stations engineers at, competes with, subsidiary of",
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

# Timeline: lanes take their entity kind's colour; the report and industry lanes use the
# remaining Okabe-Ito colours. Export status of a chip on a date (supplychain/status.py).
TIMELINE_EXTRA_COLOURS: dict[str, str] = {"report": "#000000", "industry": "#56B4E9"}
TIMELINE_KIND_LABELS: dict[str, str] = {
    "policy": "Government measure",
    "chip": "Chip",
    "model": "AI model",
    "report": "The report",
    "industry": "Industry event",
}
STATUS_COLOURS: dict[str, str] = {
    "restricted": "#D55E00",  # vermillion
    "permitted": "#E69F00",  # orange
    "unrestricted": "#009E73",  # bluish green
    "not_announced": "#DDDDDD",  # light grey
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
    "rescinded": "Rescinded",
    "superseded": "Superseded",
    "never_in_force": "Never took effect",
    "unclear": "Standing unclear",
}
POLICY_STATUS_COLOURS: dict[str, str] = {
    "in_force": "#D55E00",  # vermillion
    "not_enforced": "#CC79A7",  # reddish purple
    "suspended": "#E69F00",  # orange
    "pending": "#56B4E9",  # sky blue
    "rescinded": "#009E73",  # bluish green
    "superseded": "#0072B2",  # blue
    "never_in_force": "#999999",  # grey
    "unclear": "#DDDDDD",  # light grey
}

# Map (pages/map.py, supplychain/maps.py): marker colour = kind of place, marker shape = who owns or
# operates it, a dashed ring = position known only to a city/region/country, line colour = kind of flow,
# dashed line = the curators' inference. Okabe-Ito colours, as everywhere.
LOCATION_KIND_COLOURS: dict[str, str] = {
    "datacentre_hub": "#E69F00",  # orange
    "datacentre_site": "#CC79A7",  # reddish purple
    "headquarters": "#0072B2",  # blue
    "government_seat": "#555555",  # dark grey
}
LOCATION_KIND_LABELS: dict[str, str] = {
    "datacentre_hub": "Data-centre hub",
    "datacentre_site": "Data-centre site",
    "headquarters": "Company headquarters",
    "government_seat": "Seat of government",
}
OWNERSHIP_SHAPES: dict[str, str] = {
    "chinese": "triangle-up",
    "non_chinese": "circle",
    "unknown": "diamond",
    "not_applicable": "square",
}
OWNERSHIP_LABELS: dict[str, str] = {
    "chinese": "Chinese-owned",
    "non_chinese": "Non-Chinese-owned",
    "unknown": "Owner unknown",
    "not_applicable": "Not a data centre",
}
COORD_PRECISION_LABELS: dict[str, str] = {
    "site": "The site itself",
    "city": "City centre only",
    "region": "Region or state only",
    "country": "Country only",
}
COORD_PRECISION_RING: dict[str, int] = {
    "city": 520,
    "region": 1500,
    "country": 2800,
}  # ring area in px²; sites get none
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
FLOW_GROUP_COLOURS: dict[str, str] = {
    "Training and compute": "#D55E00",  # vermillion
    "Chips": "#009E73",  # bluish green, the chip colour of KIND_COLOURS
    "People and partnerships": "#56B4E9",  # sky blue
}
FLOW_EVIDENCE_DASHES: dict[str, list[int]] = {"Sourced": [1, 0], "Our inference": [6, 4]}

# What changed since the report (data/standings.csv): a key finding's standing today. A finding the
# curators have not yet reviewed has no row and reads "not reviewed yet".
STANDING_LABELS: dict[str, str] = {
    "confirmed": "Confirmed",
    "updated": "Updated",
    "contradicted": "Contradicted",
    "no_later_news": "No later news",
    "not_reviewed": "Not reviewed yet",
}
STANDING_COLOURS: dict[str, str] = {
    "confirmed": "#009E73",  # bluish green
    "updated": "#E69F00",  # orange
    "contradicted": "#D55E00",  # vermillion
    "no_later_news": "#999999",  # grey
    "not_reviewed": "#DDDDDD",  # light grey
}
LOCATION_REGION_LABELS: dict[str, str] = {
    "sea": "Southeast Asia",
    "east_asia": "East Asia",
    "north_america": "North America",
    "europe": "Europe",
    "other": "Elsewhere",
}
