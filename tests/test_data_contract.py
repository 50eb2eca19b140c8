"""The shipped data: valid against its package, every row sourced, every quote verbatim."""

from __future__ import annotations

import json
import os
import re

import pandas as pd
import pytest
from conftest import DATA_DIR, ROOT, reach_in
from frictionless import Package

from supplychain.charts.style import POLICY_STATUS_COLOURS
from supplychain.data.load import load_dataset
from supplychain.data.schema import enum_values, evidence_by_source_kind
from supplychain.data.status_labels import POLICY_STATUS_LABELS
from supplychain.rules.provenance import CITED_TABLES

SOURCE_TEXT = ROOT.parent / "shared" / "source" / "000_4cfed141b26398ca.txt"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR)


@pytest.fixture(scope="module")
def package() -> dict:
    return json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_package_validates_with_frictionless() -> None:
    report = Package(str(DATA_DIR / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_shipped_data_loads_without_problems(dataset) -> None:
    assert dataset.ok, [str(p) for p in dataset.problems]


def test_every_row_cites_an_existing_source(dataset) -> None:
    known = set(dataset.tables["sources"]["source_id"])
    for table in CITED_TABLES + ["claims"]:
        frame = dataset.tables[table]
        assert frame["source_id"].notna().all(), table
        assert set(frame["source_id"]) <= known, table


def test_rows_marked_as_reported_name_the_claim_behind_them(dataset) -> None:
    for table in CITED_TABLES:
        frame = dataset.tables[table]
        reported = frame[frame["evidence"] == "report"]
        assert reported["claim_id"].notna().all(), f"{table}: evidence=report without claim_id"


def test_every_source_has_an_address_or_says_where_it_is_held(dataset) -> None:
    sources = dataset.tables["sources"]
    missing = sources[sources["url"].isna() & sources["note"].isna()]
    assert missing.empty, list(missing["source_id"])


def test_quotes_are_verbatim_from_the_report() -> None:
    text = _report_text()
    claims = load_dataset(DATA_DIR).tables["claims"]
    for _, claim in claims.iterrows():
        assert claim["quote_pl"] in text, claim["claim_id"]


def test_coverage_meets_the_minimum_the_story_needs(dataset) -> None:
    minimum = {
        "companies": 10,
        "models": 12,
        "chips": 10,
        "locations": 8,
        "policies": 8,
        "events": 30,
        "relationships": 40,
        "claims": 12,
    }
    counts = {t: len(dataset.tables[t]) for t in minimum}
    assert all(counts[t] >= n for t, n in minimum.items()), counts


def test_everything_the_report_names_is_in_the_data(dataset) -> None:
    ids = {t: set(dataset.tables[t].iloc[:, 0]) for t in ("companies", "chips", "locations")}
    assert {
        "alibaba",
        "bytedance",
        "deepseek",
        "huawei",
        "nvidia",
        "openai",
        "google",
        "meta",
        "sea_dc_operators",
        "sg_dc_operator",
    } <= ids["companies"]
    assert {"h20"} <= ids["chips"]
    assert {"singapore", "johor", "hangzhou"} <= ids["locations"]
    families = set(dataset.tables["models"]["family"])
    assert {"Qwen", "Doubao", "DeepSeek"} <= families


def test_no_shipped_text_cell_could_run_as_a_spreadsheet_formula(dataset) -> None:
    # The whole-dataset ZIP ships the CSVs as they are, so they must be safe to open in Excel too.
    for name, frame in dataset.tables.items():
        for column in frame.columns:
            if pd.api.types.is_string_dtype(frame[column]):
                bad = frame[column].dropna()
                bad = bad[bad.str.match(r"^[=+\-@\t\r]")]
                assert bad.empty, f"{name}.{column}: {list(bad)[:3]}"


# --- Section 4 of issue 9: every label exactly as certain as its source -------------------------------

# Cells that, in a note, say a measure was not formally withdrawn: its status cannot be plain `rescinded`.
NOT_FORMALLY_WITHDRAWN = re.compile(
    r"never formally (withdrawn|rescinded)|not formally (withdrawn|rescinded)|no formal rescission|"
    r"still legally in effect|remains legally in effect",
    re.IGNORECASE,
)
SCHEDULED_END = re.compile(r"scheduled to end (\d{4}-\d{2}-\d{2})")
# Polish phrases whose rendering is fixed: the translation must follow the Polish, not a remembered English original.
FIXED_RENDERINGS = {
    "na początku tego roku": "at the beginning of this year",
    "w ciągu ostatniego roku": "over the past year",
    "zazwyczaj": "typically",
}
REPORT_DATE = pd.Timestamp("2025-11-27")


def _report_text() -> str:
    if not SOURCE_TEXT.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the report text must be beside the repo in CI: {SOURCE_TEXT}")
        pytest.skip("the report text (shared/source) is not beside this checkout")
    return SOURCE_TEXT.read_text(encoding="utf-8")


def _stems(name: str) -> list[str]:
    """Word stems of a place name, so 'Singapur' matches the Polish locative 'Singapurze'."""
    words = re.findall(r"\w+", name.lower())
    return [w[: max(3, len(w) - 2)] for w in words if len(w) >= 3]


def _named_in(text: str, location: pd.Series) -> bool:
    names = [location["name"], *str(location["aliases"] if pd.notna(location["aliases"]) else "").split(";")]
    return any(stems and all(s in text for s in stems) for stems in (_stems(n) for n in names if n.strip()))


def test_evidence_matches_the_kind_of_its_source_on_every_row(dataset, package) -> None:
    kinds = dataset.tables["sources"].set_index("source_id")["kind"]
    allowed = evidence_by_source_kind(package)  # the rule's one statement, in datapackage.json
    assert set(allowed) == set(enum_values(package, "sources", "kind")), "every kind of source has its rule"
    bad = []
    for table in [*CITED_TABLES, "standings"]:
        frame = dataset.tables[table]
        key = frame.columns[0]
        for _, row in frame.iterrows():
            if row["evidence"] not in allowed[kinds[row["source_id"]]]:
                bad.append(f"{table}.{row[key]}: {row['evidence']} on a {kinds[row['source_id']]}")
    assert not bad, bad


def test_a_policy_status_agrees_with_its_note(dataset) -> None:
    policies = dataset.tables["policies"]
    bad = []
    for _, p in policies.iterrows():
        note = p["note"] if pd.notna(p["note"]) else ""
        if p["status"] == "rescinded" and NOT_FORMALLY_WITHDRAWN.search(note):
            bad.append(f"{p['policy_id']}: rescinded, but the note says it was not formally withdrawn")
        if p["status"] in ("rescinded", "superseded") and pd.isna(p["ended_date"]):
            bad.append(f"{p['policy_id']}: {p['status']} without an ended_date")
        if p["status"] in ("in_force", "pending", "suspended") and pd.notna(p["ended_date"]):
            bad.append(f"{p['policy_id']}: {p['status']} but has an ended_date")
        if p["status"] == "suspended" and not SCHEDULED_END.search(note):
            bad.append(f"{p['policy_id']}: suspended, but the note gives no scheduled end")
    assert not bad, bad


def test_a_scheduled_end_that_has_passed_is_never_assumed(dataset, package) -> None:
    reviewed = pd.Timestamp(reach_in(DATA_DIR))
    built = pd.Timestamp(package["created"][:10])
    bad = []
    for table in ("policies", "events", "relationships"):
        frame = dataset.tables[table]
        for _, row in frame.iterrows():
            note = row["note"] if pd.notna(row["note"]) else ""
            for when in SCHEDULED_END.findall(note):
                passed = pd.Timestamp(when) <= built
                if passed and "outcome not confirmed" not in note and pd.Timestamp(when) > reviewed:
                    bad.append(
                        f"{table}.{row.iloc[0]}: scheduled end {when} passed, outcome neither confirmed nor flagged"
                    )
                if table == "policies" and "outcome not confirmed" in note and pd.notna(row["ended_date"]):
                    bad.append(f"policies.{row['policy_id']}: outcome not confirmed, yet an ended_date is set")
    assert not bad, bad


def test_a_restriction_stays_open_while_its_measure_is_in_force(dataset) -> None:
    policies = dataset.tables["policies"].set_index("policy_id")
    rel = dataset.tables["relationships"]
    restricts = rel[(rel["relation"] == "restricts") & (rel["from_kind"] == "policy")]
    bad = [
        r["relationship_id"]
        for _, r in restricts.iterrows()
        if policies.loc[r["from_id"], "status"] == "in_force" and pd.notna(r["end_date"])
    ]
    assert not bad, f"restricts edges closed while their policy is in force: {bad}"


def test_a_measure_that_is_not_law_restricts_or_permits_nothing(dataset) -> None:
    policies = dataset.tables["policies"].set_index("policy_id")
    rel = dataset.tables["relationships"]
    edges = rel[(rel["from_kind"] == "policy") & rel["relation"].isin(["restricts", "permits"])]
    bad = [r["relationship_id"] for _, r in edges.iterrows() if policies.loc[r["from_id"], "status"] == "pending"]
    assert not bad, bad


def test_every_policy_status_has_one_label_and_one_colour(package) -> None:
    fields = {f["name"]: f for r in package["resources"] if r["name"] == "policies" for f in r["schema"]["fields"]}
    statuses = set(fields["status"]["constraints"]["enum"])
    assert set(POLICY_STATUS_LABELS) == statuses
    assert set(POLICY_STATUS_COLOURS) == statuses
    assert len(set(POLICY_STATUS_COLOURS.values())) == len(statuses), "two statuses share a colour"
    for status in statuses:
        assert status in fields["status"]["description"], f"status {status} is not described"


def test_reported_edges_go_only_to_places_the_report_names(dataset) -> None:
    text = _report_text().lower()
    locations = dataset.tables["locations"].set_index("location_id")
    rel = dataset.tables["relationships"]
    reported = rel[(rel["evidence"] == "report") & (rel["to_kind"] == "location")]
    bad = [r["relationship_id"] for _, r in reported.iterrows() if not _named_in(text, locations.loc[r["to_id"]])]
    located = dataset.tables["locations"]
    bad += [
        f"locations.{loc['location_id']}"
        for _, loc in located[located["evidence"] == "report"].iterrows()
        if not _named_in(text, loc)
    ]
    assert not bad, f"marked as reported, but the report never names the place: {bad}"


def test_a_generalisation_in_the_report_is_not_a_fact_about_a_named_company(dataset) -> None:
    claims = dataset.tables["claims"].set_index("claim_id")
    companies = dataset.tables["companies"].set_index("company_id")
    rel = dataset.tables["relationships"]
    general = claims[claims["quote_pl"].str.contains("zazwyczaj|Wiele z tych", regex=True)].index
    bad = []
    for _, r in rel[(rel["evidence"] == "report") & rel["claim_id"].isin(general)].iterrows():
        quote = claims.loc[r["claim_id"], "quote_pl"].lower()
        for kind, ident in ((r["from_kind"], r["from_id"]), (r["to_kind"], r["to_id"])):
            if kind != "company":
                continue
            company = companies.loc[ident]
            named = company["name"].lower()[:5] in quote
            is_the_class = company["claim_id"] in general
            if not (named or is_the_class):
                bad.append(f"{r['relationship_id']}: {ident}")
    assert not bad, bad


def test_translations_render_the_polish(dataset) -> None:
    claims = dataset.tables["claims"]
    bad = [
        f"{c['claim_id']}: '{pl}' must read '{en}'"
        for _, c in claims.iterrows()
        for pl, en in FIXED_RENDERINGS.items()
        if pl in c["quote_pl"].lower() and en not in c["text_en"].lower()
    ]
    assert not bad, bad


def test_text_the_republication_added_is_not_presented_as_the_fts(dataset) -> None:
    claims = dataset.tables["claims"].set_index("claim_id")
    added = claims[claims["attribution_kind"] == "republication_addition"]
    assert not added["is_key_finding"].any(), "a heading of the Polish text cannot be a key finding of the FT"
    assert not added["attribution"].str.contains("Financial Times").any()
    cited = set()
    for table in CITED_TABLES:
        frame = dataset.tables[table]
        cited |= set(frame.loc[frame["evidence"] == "report", "claim_id"].dropna())
    assert not (cited & set(added.index)), "rows marked as reported rest on text the FT did not write"


def test_standings_judge_every_key_finding_and_agree_with_their_links(dataset) -> None:
    claims = dataset.tables["claims"]
    standings = dataset.tables["standings"].set_index("claim_id")
    links = dataset.tables["standing_links"]
    events = dataset.tables["events"].set_index("event_id")
    assert set(claims.loc[claims["is_key_finding"], "claim_id"]) == set(standings.index)
    bad = []
    for claim_id, s in standings.iterrows():
        bearings = set(links.loc[links["claim_id"] == claim_id, "bearing"])
        if s["standing"] == "no_later_news" and bearings:
            bad.append(f"{claim_id}: no_later_news but linked to later events")
        if s["standing"] != "no_later_news" and not bearings:
            bad.append(f"{claim_id}: {s['standing']} without a later event")
        if s["standing"] == "confirmed" and ("confirms" not in bearings or "contradicts" in bearings):
            bad.append(f"{claim_id}: confirmed needs a confirming and no contradicting event")
        if s["standing"] == "contradicted" and "contradicts" not in bearings:
            bad.append(f"{claim_id}: contradicted without a contradicting event")
    early = [e for e in links["event_id"] if pd.Timestamp(events.loc[e, "date"]) < REPORT_DATE - pd.Timedelta(days=7)]
    assert not early, f"standing links must point to events from the report's time or later: {early}"
    assert not bad, bad


def test_a_package_whose_source_kinds_state_no_evidence_rule_allows_no_label_instead_of_failing() -> None:
    package = {"resources": [{"name": "sources", "schema": {"fields": [{"name": "kind", "type": "string"}]}}]}
    assert evidence_by_source_kind(package) == {}


def test_a_column_without_an_enum_or_any_constraint_offers_no_fixed_values() -> None:
    fields = [{"name": "kind", "constraints": {"required": True}}, {"name": "note"}]
    package = {"resources": [{"name": "t", "schema": {"fields": fields}}]}
    assert enum_values(package, "t", "kind") == [] and enum_values(package, "t", "note") == []
