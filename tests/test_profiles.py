"""Chip and entity profiles as a reader sees them: counts read right."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd
import vl_convert as vlc
from conftest import DATA_DIR
from test_pages import open_page

from supplychain.charts.profile import moments_chart
from supplychain.data.load import load_dataset
from supplychain.data.schema import shipped_package
from supplychain.rules.profile import (
    entity_citations,
    entity_edges,
    entity_moments,
    entity_place,
    entity_ties,
    key_facts,
)

# A profile's moments table, column by column, as the profile's mini-timeline and its table read it.
MOMENT_COLUMNS = ["date", "precision", "title", "what", "event_id", "source_id", "claim_id", "start", "end", "when"]


def test_a_profile_with_one_tie_does_not_say_all_1_ties() -> None:
    at = open_page("entity", {"id": "qwen"})  # Qwen has exactly one tie in relationships.csv
    assert not at.exception, at.exception
    labels = [e.label for e in at.expander]
    assert "The tie as a table, with what it says and its source" in labels
    assert not any(label.startswith("All 1 ") for label in labels)


def test_a_profile_with_several_ties_says_all_n() -> None:
    at = open_page("entity", {"id": "h20"})
    assert any(e.label.startswith("All ") and " ties as a table" in e.label for e in at.expander)


def _axis_labels(spec: dict) -> list[str]:
    """The x-axis labels the chart draws, read from its rendered SVG (what the reader sees)."""
    svg = vlc.vegalite_to_svg(spec)
    root = ET.fromstring(svg)
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    return [t for t in texts if re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t)]


def test_a_single_month_precision_moment_labels_each_month_once() -> None:
    moments = pd.DataFrame(
        {
            "date": [pd.Timestamp("2023-11-01")],
            "precision": ["month"],
            "title": ["Announced"],
            "what": ["Its own record"],
            "event_id": [""],
            "source_id": ["s"],
            "claim_id": [""],
            "start": [pd.Timestamp("2023-11-01")],
            "end": [pd.Timestamp("2023-12-01")],
            "when": ["Nov 2023"],
        }
    )
    spec = moments_chart(moments, "chip").properties(width=600).to_dict()
    labels = _axis_labels(spec)
    assert "Nov 2023" in labels
    assert len(labels) == len(set(labels)), labels


def test_the_h20_mini_timeline_lists_its_rows_in_date_order() -> None:
    tables = load_dataset(DATA_DIR).tables
    chips = tables["chips"]
    row = chips[chips["chip_id"] == "h20"].iloc[0]
    moments = entity_moments(tables, "chips", row, "h20")
    spec = moments_chart(moments, "chip").to_dict()
    order = spec["layer"][0]["encoding"]["y"]["sort"]
    firsts = [moments.loc[moments["title"] == title, "start"].min() for title in order]
    assert firsts == sorted(firsts) and len(order) == moments["title"].nunique()


def test_key_facts_word_each_filled_column_link_entities_and_websites_and_skip_ids_provenance_and_blanks() -> None:
    index = pd.DataFrame(
        [{"id": "beta", "kind": "company", "name": "Beta Holdings", "aliases": [], "table": "companies", "label": "B"}]
    )
    row = pd.Series(
        {
            "company_id": "acme",
            "name": "Acme",
            "kind": "ai_developer",
            "country": "CN",
            "ownership": None,
            "hq_location_id": "nowhere",  # a reference to no known entity: shown as written, without a link
            "parent_id": "beta",
            "role": "Trains models abroad",
            "website": "https://acme.example/",
            "evidence": "official",
            "source_id": "s1",
        }
    )
    facts = key_facts(shipped_package(), "companies", row, index)
    assert facts == [
        ("Kind", "AI developer", None),
        ("Country", "CN", None),
        ("Headquarters", "nowhere", None),
        ("Parent", "Beta Holdings", "/entity?id=beta#Beta Holdings"),
        ("Website", "acme.example", "https://acme.example/"),
    ]
    policy = pd.Series(
        {
            "policy_id": "rule",
            "name": "A rule",
            "kind": "export_control_rule",
            "announced_date": pd.Timestamp("2025-04-01"),
            "announced_precision": "month",
            "effective_date": pd.Timestamp("2025-04-09"),
            "effective_precision": None,
            "status": "in_force",
        }
    )
    words = dict((label, text) for label, text, _ in key_facts(shipped_package(), "policies", policy, index))
    assert words["Announced"] == "Apr 2025" and words["In effect from"] == "9 Apr 2025"
    assert "Announced precision" not in words and "Policy id" not in words


def test_a_yes_or_no_fact_reads_yes_or_no() -> None:
    index = pd.DataFrame(columns=["id", "kind", "name", "aliases", "table", "label"])
    for value, word in ((True, "yes"), (False, "no")):
        row = pd.Series({"model_id": "m", "name": "M", "open_weights": value})
        assert key_facts(shipped_package(), "models", row, index) == [("Open weights", word, None)]


def test_a_profiles_sources_list_each_source_and_claim_once_with_what_rests_on_it() -> None:
    row = pd.Series({"company_id": "acme", "name": "Acme", "source_id": "s1", "claim_id": None})
    moments = pd.DataFrame(
        {
            "event_id": ["", "e1", "e2"],
            "title": ["Released", "Export rule", "Second rule"],
            "source_id": ["s1", "s2", "s2"],
            "claim_id": ["", "c1", "c1"],
        }
    )
    ties = pd.DataFrame(
        {
            "relationship_id": ["r1", "r2", "r3"],
            "description": ["Acme leases from Beta", "", "Unsourced"],
            "source_id": ["s1", "s1", ""],
            "claim_id": ["", "", ""],
        }
    )
    cites = entity_citations(row, "companies", moments, ties)
    assert cites.to_dict("records") == [
        {
            "source_id": "s1",
            "claim_id": "",
            "supports": "the record itself (Company / organisation)",
            "ties": "Acme leases from Beta; r2",
        },
        {"source_id": "s2", "claim_id": "c1", "supports": "event: Export rule; event: Second rule", "ties": ""},
    ]


def test_a_profiles_ties_list_the_reports_first_then_official_press_reference_estimates_and_unlabelled_last() -> None:
    edges = pd.DataFrame(
        {
            "from_id": ["acme", "acme", "beta", "acme", "acme", "acme", "acme", "gamma"],
            "to_id": ["x", "y", "acme", "z", "w", "v", "u", "delta"],
            "evidence": ["estimate", None, "press", "official", "report", "reference", "report", "report"],
        }
    )
    ties = entity_edges(edges, "acme")
    assert list(ties["to_id"]) == ["w", "u", "z", "acme", "v", "x", "y"]  # the second report tie after the first


def test_the_small_map_shows_a_place_itself_a_companys_head_office_and_nothing_for_other_entities() -> None:
    locations = pd.DataFrame({"location_id": ["hub", "blank"], "lat": [1.3, None], "lon": [103.8, None]})
    tables = {"locations": locations}
    assert entity_place(tables, "locations", locations.iloc[0])["location_id"] == "hub"
    assert entity_place(tables, "locations", locations.iloc[1]) is None  # no coordinates: no map
    company = pd.Series({"company_id": "acme", "hq_location_id": "hub"})
    assert entity_place(tables, "companies", company)["location_id"] == "hub"
    assert entity_place(tables, "companies", company.replace({"hub": "blank"})) is None
    assert entity_place(tables, "models", pd.Series({"model_id": "m", "hq_location_id": "hub"})) is None


def test_a_profiles_tie_rows_link_both_ends_by_name_and_keep_period_evidence_and_sources() -> None:
    edges = pd.DataFrame(
        {
            "from_id": ["acme", "zeta"],
            "from_name": ["Acme", "Zeta"],
            "relation_label": ["leases capacity from", "is unrelated to"],
            "to_id": ["beta", "omega"],
            "to_name": ["Beta Cloud", "Omega"],
            "period": ["2024 –", ""],
            "evidence": ["report", "report"],
            "description": ["Acme leases from Beta", ""],
            "source_id": ["s1", "s2"],
            "claim_id": ["c1", ""],
            "relationship_id": ["r1", "r2"],
        },
        index=[7, 8],
    )
    assert entity_ties(edges, "acme").to_dict("records") == [
        {
            "from": "/entity?id=acme#Acme",
            "relation": "leases capacity from",
            "to": "/entity?id=beta#Beta Cloud",
            "period": "2024 –",
            "evidence": "report",
            "description": "Acme leases from Beta",
            "source_id": "s1",
            "claim_id": "c1",
            "relationship_id": "r1",
        }
    ]


def test_a_profiles_moments_are_its_own_dates_and_the_events_naming_it_in_date_order_with_spans() -> None:
    policy = pd.Series(
        {
            "policy_id": "rule",
            "announced_date": pd.Timestamp("2025-04-01"),
            "announced_precision": "month",
            "effective_date": pd.Timestamp("2025-05-13"),
            "effective_precision": None,
            "ended_date": None,
            "source_id": "s1",
            "claim_id": "c1",
        }
    )
    events = pd.DataFrame(
        {
            "event_id": ["e1", "e2"],
            "date": [pd.Timestamp("2025-01-15"), pd.Timestamp("2025-02-01")],
            "date_precision": ["day", "day"],
            "title": ["Rule drafted", "Other"],
            "category": ["us_policy", "us_policy"],
            "company_id": [None, None],
            "model_id": [None, None],
            "chip_id": [None, None],
            "policy_id": ["rule", "other_rule"],
            "location_id": [None, None],
            "source_id": ["s2", "s3"],
            "claim_id": [None, None],
        }
    )
    moments = entity_moments({"events": events}, "policies", policy, "rule")
    assert moments[["date", "precision", "title", "what", "event_id", "source_id", "claim_id"]].to_dict("records") == [
        {
            "date": pd.Timestamp("2025-01-15"),
            "precision": "day",
            "title": "Rule drafted",
            "what": "us policy",
            "event_id": "e1",
            "source_id": "s2",
            "claim_id": "",
        },
        {
            "date": pd.Timestamp("2025-04-01"),
            "precision": "month",
            "title": "Announced",
            "what": "Its own record",
            "event_id": "",
            "source_id": "s1",
            "claim_id": "c1",
        },
        {
            "date": pd.Timestamp("2025-05-13"),
            "precision": "day",
            "title": "Took effect",
            "what": "Its own record",
            "event_id": "",
            "source_id": "s1",
            "claim_id": "c1",
        },
    ]
    assert list(moments["end"]) == [pd.Timestamp("2025-01-15"), pd.Timestamp("2025-05-01"), pd.Timestamp("2025-05-13")]
    assert list(moments.index) == [0, 1, 2] and moments.columns[-3:].tolist() == ["start", "end", "when"]


def test_a_website_reads_without_its_scheme_even_when_written_bare_or_pointing_at_an_archived_page() -> None:
    index = pd.DataFrame(columns=["id", "kind", "name", "aliases", "table", "label"])
    cases = {
        "acme.example": "acme.example",  # no scheme written
        "https://web.archive.org/web/2024/https://acme.example/": "web.archive.org/web/2024/https://acme.example",
        "http://acme.example/AIX": "acme.example/AIX",
    }
    for website, text in cases.items():
        row = pd.Series({"company_id": "acme", "name": "Acme", "website": website})
        assert key_facts(shipped_package(), "companies", row, index) == [("Website", text, website)]


def test_a_loaded_yes_or_no_column_reads_yes_or_no_and_an_unlabelled_code_or_column_reads_as_written(mini_dir) -> None:
    tables = load_dataset(mini_dir).tables
    index = pd.DataFrame(columns=["id", "kind", "name", "aliases", "table", "label"])
    models = tables["models"].set_index("model_id", drop=False)
    for model_id, word in (("m_one", "yes"), ("m_two", "no")):
        facts = dict(
            (label, text) for label, text, _ in key_facts(shipped_package(), "models", models.loc[model_id], index)
        )
        assert facts["Open weights"] == word, model_id
    row = pd.Series({"company_id": "acme", "name": "Acme", "kind": "space_agency", "shoe_size": "big_one"})
    assert key_facts(shipped_package(), "companies", row, index) == [
        ("Kind", "space agency", None),  # a code with no label yet: its words, not its underscores
        ("shoe_size", "big_one", None),  # a column the schema does not name: its own name, its value as written
    ]


def test_a_profiles_sources_start_with_the_records_own_source_and_claim_then_keep_the_order_found() -> None:
    row = pd.Series({"company_id": "acme", "name": "Acme", "source_id": "zeta", "claim_id": "c_own"})
    moments = pd.DataFrame({"event_id": ["e1"], "title": ["Rule"], "source_id": ["alpha"], "claim_id": [""]})
    ties = pd.DataFrame({"relationship_id": ["r1"], "description": ["Tie"], "source_id": ["beta"], "claim_id": ["c0"]})
    cites = entity_citations(row, "companies", moments, ties)
    assert [(c["source_id"], c["claim_id"]) for c in cites.to_dict("records")] == [
        ("zeta", "c_own"),
        ("alpha", ""),
        ("beta", "c0"),
    ]


def test_a_profiles_moments_from_loaded_tables_name_only_events_naming_it_at_their_precision(mini_dir) -> None:
    tables = load_dataset(mini_dir).tables
    events = tables["events"]
    extra = events.iloc[:1].assign(event_id="e_two", date_precision="month", company_id="beta", claim_id="c_one")
    tables = {**tables, "events": pd.concat([events, extra], ignore_index=True)}
    beta = tables["companies"].set_index("company_id", drop=False).loc["beta"]
    moments = entity_moments(tables, "companies", beta, "beta")
    # e_one names Acme only; its blank model, chip and policy cells do not name Beta
    assert moments[["event_id", "precision", "claim_id", "when"]].to_dict("records") == [
        {"event_id": "e_two", "precision": "month", "claim_id": "c_one", "when": "Nov 2025"}
    ]
    assert pd.api.types.is_datetime64_any_dtype(moments["date"])
    assert list(moments.columns) == MOMENT_COLUMNS


def test_an_entity_with_no_dates_and_no_events_table_has_no_moments_but_the_same_columns() -> None:
    row = pd.Series({"company_id": "acme", "name": "Acme"})
    for tables in ({}, {"events": pd.DataFrame()}):
        moments = entity_moments(tables, "companies", row, "acme")
        assert moments.empty
        assert list(moments.columns) == MOMENT_COLUMNS


def test_moments_on_one_day_keep_the_records_own_date_first_then_the_events_in_file_order() -> None:
    day = pd.Timestamp("2025-04-09")
    policy = pd.Series({"policy_id": "rule", "effective_date": day, "source_id": "s1"})
    n = 20
    events = pd.DataFrame(
        {
            "event_id": [f"e{i:02d}" for i in range(n)],
            "date": [day] * n,
            "date_precision": ["day"] * n,
            "title": [f"Step {i}" for i in range(n)],
            "category": ["us_measure"] * n,
            "company_id": [None] * n,
            "model_id": [None] * n,
            "chip_id": [None] * n,
            "policy_id": ["rule"] * n,
            "location_id": [None] * n,
            "source_id": ["s2"] * n,
            "claim_id": [None] * n,
        }
    )
    moments = entity_moments({"events": events}, "policies", policy, "rule")
    assert list(moments["event_id"]) == [""] + [f"e{i:02d}" for i in range(n)]


def test_a_place_with_only_half_its_coordinates_gets_no_small_map() -> None:
    tables = {"locations": pd.DataFrame(columns=["location_id", "lat", "lon"])}
    for lat, lon in ((1.3, None), (None, 103.8)):
        row = pd.Series({"location_id": "x", "lat": lat, "lon": lon})
        assert entity_place(tables, "locations", row) is None, (lat, lon)
    assert entity_place(tables, "locations", pd.Series({"location_id": "x", "lat": 1.3, "lon": 103.8})) is not None
