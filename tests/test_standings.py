"""What changed since the report: standings of key findings, their later events, and where the pages show them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from browser import serve, wait_until_idle
from conftest import DATA_DIR, ROOT, reach_in
from test_pages import open_page, texts

from supplychain.charts.style import STANDING_BADGE_COLOURS, STANDING_ICONS
from supplychain.data.labels import BEARING_LABELS, STANDING_HELP, STANDING_LABELS
from supplychain.data.load import load_dataset, read_package
from supplychain.rules.standings import (
    EVENT_COLUMNS,
    FINDING_COLUMNS,
    finding_standings,
    later_events,
    standing_counts,
    standing_of,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "standings"


def standings_data(target: Path) -> Path:
    """The shipped data with the small fixture standings in place of the shipped ones."""
    shutil.copytree(DATA_DIR, target)
    for name in ("standings.csv", "standing_links.csv"):
        shutil.copy(FIXTURE / name, target / name)
    return target


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory) -> Path:
    return standings_data(tmp_path_factory.mktemp("standings") / "data")


@pytest.fixture(scope="module")
def tables(fixture_dir: Path) -> dict[str, pd.DataFrame]:
    dataset = load_dataset(fixture_dir)
    assert dataset.ok, dataset.problems
    return dataset.tables


def test_every_standing_and_bearing_in_the_schema_has_a_label_icon_colour_and_help() -> None:
    package = read_package(DATA_DIR)
    enums = {
        (r["name"], f["name"]): f["constraints"]["enum"]
        for r in package["resources"]
        for f in r["schema"]["fields"]
        if "enum" in f.get("constraints", {})
    }
    standings = set(enums[("standings", "standing")])
    for rule in (STANDING_LABELS, STANDING_ICONS, STANDING_BADGE_COLOURS, STANDING_HELP):
        assert set(rule) == standings
    assert set(BEARING_LABELS) == set(enums[("standing_links", "bearing")])


def test_findings_keep_the_report_order_and_an_unjudged_finding_is_not_reviewed(tables) -> None:
    findings = finding_standings(tables)
    claims = tables["claims"]
    expected = list(claims[claims["is_key_finding"]].sort_values("paragraph", kind="stable")["claim_id"])
    assert list(findings["claim_id"]) == expected
    by_id = findings.set_index("claim_id")
    assert by_id.loc["deepseek_works_with_huawei", "standing"] == "confirmed"
    assert by_id.loc["deepseek_works_with_huawei", "n_events"] == 3
    assert by_id.loc["alibaba_bytedance_train_in_sea", "standing"] == "no_later_news"
    assert by_id.loc["operator_all_legal", "standing"] is None, "no row means not reviewed, not 'no later news'"
    counts = standing_counts(findings)
    assert counts["confirmed"] == 1 and counts["no_later_news"] == 1 and counts[None] == len(expected) - 2


def test_a_findings_count_of_later_events_reads_as_a_whole_number_and_zero_when_none_is_linked(tables) -> None:
    findings = finding_standings(tables)
    assert list(findings.columns) == FINDING_COLUMNS, "the page reads these columns and no stray index"
    by_id = findings.set_index("claim_id")
    assert f"{by_id.loc['deepseek_works_with_huawei', 'n_events']} later events" == "3 later events"
    assert f"{by_id.loc['operator_all_legal', 'n_events']} later events" == "0 later events"


def test_a_finding_with_no_later_event_gives_an_empty_list_the_page_can_still_read(tables) -> None:
    events = later_events(tables, "operator_all_legal")
    assert events.empty
    assert list(events.columns) == EVENT_COLUMNS


def test_later_events_are_oldest_first_with_their_sources(tables) -> None:
    events = later_events(tables, "deepseek_works_with_huawei")
    assert list(events["event_id"]) == [
        "ev_model_deepseek_v3_2",
        "ev_model_deepseek_v4",
        "ev_huawei_dsv4_pro_post_training_claim",
    ]
    assert list(events.columns) == EVENT_COLUMNS, "the page reads these columns and no stray index"
    first = events.iloc[0]
    assert first["bearing"] == "updates" and first["source_id"] == "deepseek_api_changelog"
    assert first["url"] == "https://api-docs.deepseek.com/updates"
    assert later_events(tables, "operator_all_legal").empty


def test_a_month_event_sorts_after_the_days_of_its_month() -> None:
    tables = {
        "standing_links": pd.DataFrame(
            {
                "link_id": ["a", "b"],
                "claim_id": ["c", "c"],
                "event_id": ["month", "day"],
                "bearing": ["updates"] * 2,
                "how": ["x"] * 2,
            }
        ),
        "events": pd.DataFrame(
            {
                "event_id": ["month", "day"],
                "date": pd.to_datetime(["2026-04-01", "2026-04-20"]),
                "date_precision": ["month", "day"],
                "title": ["April", "20 April"],
                "evidence": ["press", "press"],
                "source_id": ["s", "s"],
            }
        ),
        "sources": pd.DataFrame({"source_id": ["s"], "publisher": ["P"], "title": ["T"], "url": ["https://e.org"]}),
    }
    assert list(later_events(tables, "c")["event_id"]) == ["day", "month"]


def test_standing_of_a_claim_without_a_row_is_none(tables) -> None:
    assert standing_of(tables, "operator_all_legal") is None
    assert standing_of(tables, "deepseek_works_with_huawei")["standing"] == "confirmed"


def test_overview_says_how_far_the_record_reaches_and_each_findings_standing(fixture_dir, monkeypatch) -> None:
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(fixture_dir))
    at = open_page("/")
    assert not at.exception, at.exception
    body = texts(at)
    reviewed = pd.Timestamp(reach_in(fixture_dir)).strftime("%-d %b %Y")
    assert f"Record reviewed through {reviewed}" in body
    assert "What the report says, and where it stands today" in body
    assert "Fixture summary: DeepSeek adapted V4 to run on Huawei Ascend chips." in body
    assert "Confirmed 1" in body and "Not yet reviewed" in body
    later = [e for e in at.expander if e.label.endswith("3 later events")]
    assert later, [e.label for e in at.expander]
    inside = "\n".join(m.value for m in later[0].markdown) + "\n".join(c.value for c in later[0].caption)
    assert "Apr 2026" in inside and "api-docs.deepseek.com/updates" in inside, "each event links to its source"


def test_footer_names_the_records_reach_from_the_coverage_table(fixture_dir, monkeypatch) -> None:
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(fixture_dir))
    reviewed = pd.Timestamp(reach_in(fixture_dir)).strftime("%-d %b %Y")
    for page in ("/", "sources", "data"):
        at = open_page(page)
        assert f"Record reaches {reviewed}" in texts(at)
        popovers = [p.proto.popover.label for p in at.get("popover")]
        assert "Coverage by topic" in popovers, "the coverage table is one click away"


def test_sources_claim_card_shows_its_standing_and_later_events(fixture_dir, monkeypatch) -> None:
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(fixture_dir))
    at = open_page("sources", {"claim": "deepseek_works_with_huawei"})
    assert not at.exception, at.exception
    body = texts(at).replace("\\", "")
    assert "Fixture summary: DeepSeek adapted V4 to run on Huawei Ascend chips. (checked 30 Nov 2026)" in body
    opened = [e for e in at.expander if e.label.startswith("3 later events") and e.proto.expanded]
    assert opened, "the focused claim shows its later events open"
    assert any("Huawei-led team claims" in m.value.replace("\\", "") for m in opened[0].markdown)


def test_shipped_standings_reference_only_events_after_the_report() -> None:
    dataset = load_dataset(DATA_DIR)
    links = dataset.tables["standing_links"].merge(dataset.tables["events"], on="event_id")
    assert (links["date"] >= pd.Timestamp("2025-11-27")).all(), "a 'later' event must not predate the report"


def test_browser_shows_reviewed_through_and_a_standing_on_the_overview(browser, fixture_dir) -> None:
    reviewed = pd.Timestamp(reach_in(fixture_dir)).strftime("%-d %b %Y")
    with serve(ROOT, env={"SUPPLYCHAIN_DATA_DIR": str(fixture_dir)}) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        tab = context.new_page()
        tab.goto(url + "/")
        wait_until_idle(tab, timeout_ms=120000)  # a fresh server's first run loads and checks every table
        tab.get_by_text(f"Record reviewed through {reviewed}").first.wait_for(timeout=15000)
        tab.get_by_role("heading", name="What the report says, and where it stands today").first.wait_for(timeout=15000)
        tab.locator("[data-testid=stMarkdownBadge], span").filter(has_text="Confirmed").first.wait_for(timeout=15000)
        assert tab.locator("[data-testid=stException]").count() == 0
        context.close()
