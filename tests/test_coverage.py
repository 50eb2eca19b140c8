"""How far the record reaches, and what a release changed, as readers see them.

The small fixture (tests/fixtures/mini) has two topics, reviewed through 31 Mar 2026 and 15 Jan 2026, and a
release 1.1.0 that added the company `beta` and corrected the title of event `e_one` (old title: "An old fixture
title"). The expectations below are those fixture facts, written out by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_pages import open_page, texts

from supplychain.data.load import load_dataset
from supplychain.rules.coverage import reach_of, reach_sentence, reach_topics
from supplychain.rules.provenance import bundle_readme, citation_text
from supplychain.rules.releases import change_counts, release_changes, row_histories, row_history


@pytest.fixture
def mini(mini_dir):
    dataset = load_dataset(mini_dir)
    assert dataset.ok, dataset.problems
    return dataset


def test_the_reach_is_the_earliest_topic_date_and_names_the_topic_that_sets_it(mini) -> None:
    assert reach_of(mini.tables) == "2026-01-15"
    assert mini.reviewed_through == "2026-01-15", "the old property name answers with the reach"
    assert reach_topics(mini.tables) == ["Fixture models"]
    assert reach_sentence(mini.tables).startswith("Record reaches 15 Jan 2026")


def test_a_package_without_coverage_rows_states_no_reach(mini) -> None:
    tables = {**mini.tables, "coverage": mini.tables["coverage"].iloc[0:0]}
    assert reach_of(tables) == ""
    assert "not stated" in reach_sentence(tables)


def test_the_citation_and_the_bundle_readme_state_the_reach(mini) -> None:
    assert "record reaches 2026-01-15" in citation_text(mini.package, mini.tables)["plain"]
    assert "Record reaches 15 Jan 2026" in bundle_readme(mini.package, mini.tables)


def test_a_release_counts_its_changes_by_kind(mini) -> None:
    changes = release_changes(mini.tables, "1.1.0")
    assert change_counts(changes) == {"added": 1, "changed": 0, "corrected": 1, "removed": 0}
    assert release_changes(mini.tables, "1.0.0").empty


def test_a_row_knows_when_it_was_added_and_last_changed(mini) -> None:
    assert row_history(mini.tables, "companies", "beta") == {"added": "1.1.0", "changed": ""}
    assert row_history(mini.tables, "events", "e_one") == {"added": "1.0.0", "changed": "1.1.0"}
    many = row_histories(mini.tables, "companies", ["acme", "beta"])
    assert list(many["added"]) == ["1.0.0", "1.1.0"]


def test_overview_lists_whats_new_with_counts_links_and_the_corrected_old_value(mini_dir, monkeypatch) -> None:
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(mini_dir))
    closed = open_page("/")
    assert not closed.exception, closed.exception
    assert not any("old_value" in df.value.columns for df in closed.dataframe), "the list is built when opened"
    at = open_page("/", opened={"whats_new_open": True})
    body = texts(at)
    assert "What's new in version 1.1.0" in body and "1 added · 1 corrected" in body, "one line names the changes"
    table = next(df.value for df in at.dataframe if "old_value" in df.value.columns)
    corrected = table[table["change"] == "corrected"].iloc[0]
    assert corrected["old_value"] == "An old fixture title"
    assert corrected["row"].startswith("/data?table=events") and corrected["source"].startswith("/data?table=sources")
    added = table[table["change"] == "added"].iloc[0]
    assert "beta" in added["row"], "an entity row links to its profile"
    assert list(table["change"]).index("corrected") < list(table["change"]).index("added"), "corrections first"


def test_a_profile_says_which_release_added_the_row(mini_dir, monkeypatch) -> None:
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(mini_dir))
    at = open_page("entity", {"id": "beta"})
    assert not at.exception, at.exception
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any(c.startswith("Added in 1.1.0 (1 Feb 2026)") for c in captions), captions


def test_the_data_page_shows_when_each_row_was_added_and_last_changed(mini_dir, monkeypatch) -> None:
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(mini_dir))
    at = open_page("data", {"table": "events"})
    assert not at.exception, at.exception
    shown: pd.DataFrame = at.dataframe[0].value
    row = shown[shown["event_id"] == "e_one"].iloc[0]
    assert (row["Added in"], row["Last changed in"]) == ("1.0.0", "1.1.0")


def test_when_every_topic_shares_the_reach_the_sentence_says_so_instead_of_listing_them(mini) -> None:
    coverage = mini.tables["coverage"].assign(reviewed_through=pd.Timestamp("2026-03-31"))
    words = reach_sentence({**mini.tables, "coverage": coverage})
    assert words.startswith("Record reaches 31 Mar 2026: every topic is reviewed through that day")
    assert "Fixture models" not in words
