"""How far the record reaches, and what a release changed, as readers see them.

The small fixture (tests/fixtures/mini) has two topics, reviewed through 31 Mar 2026 and 15 Jan 2026, and a
release 1.1.0 that added the company `beta` and corrected the title of event `e_one` (old title: "An old fixture
title"). The expectations below are those fixture facts, written out by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_pages import open_page, texts

from supplychain.data.coverage import coverage_table
from supplychain.data.load import load_dataset
from supplychain.i18n import language_of
from supplychain.rules.coverage import reach_of, reach_sentence, reach_topics
from supplychain.rules.provenance import bundle_readme, citation_text
from supplychain.rules.releases import change_counts, release_changes, release_date, row_histories, row_history


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


def coverage_of(*rows: tuple[str, str, str, str]) -> dict[str, pd.DataFrame]:
    """Tables holding only a coverage table of (topic_id, topic, topic_pl, reviewed_through) rows."""
    frame = pd.DataFrame(rows, columns=["topic_id", "topic", "topic_pl", "reviewed_through"])
    return {"coverage": frame.assign(reviewed_through=pd.to_datetime(frame["reviewed_through"], errors="coerce"))}


def test_the_coverage_table_puts_the_earliest_topic_first_and_ties_by_topic_id() -> None:
    tables = coverage_of(
        ("t_late", "Late", "Późny", "2026-03-31"),
        ("t_b", "B", "B pl", "2026-01-15"),
        ("t_a", "A", "A pl", "2026-01-15"),
    )
    frame = coverage_table(tables)
    assert list(frame["topic_id"]) == ["t_a", "t_b", "t_late"]
    assert list(frame.index) == [0, 1, 2]
    assert list(frame.columns) == ["topic_id", "topic", "topic_pl", "reviewed_through"], "no stray index column"
    empty = coverage_table({})
    assert empty.empty and list(empty.columns) == ["topic_id", "topic", "reviewed_through"]


def test_the_reach_skips_a_topic_without_a_date_and_is_blank_when_no_topic_has_one() -> None:
    tables = coverage_of(("t_a", "A", "A", "2026-03-31"), ("t_b", "B", "B", ""), ("t_c", "C", "C", "2026-02-28"))
    assert reach_of(tables) == "2026-02-28"
    assert reach_topics(tables) == ["C"]
    assert reach_of(coverage_of(("t_b", "B", "B", ""))) == ""
    assert reach_topics(coverage_of(("t_b", "B", "B", ""))) == []
    assert reach_of({}) == "" and reach_topics({}) == []


def test_every_topic_that_sets_the_reach_is_named_up_to_three_then_counted() -> None:
    three = coverage_of(
        ("t_a", "Chips", "Chipy", "2026-01-15"),
        ("t_b", "Models", "Modele", "2026-01-15"),
        ("t_c", "Sites", "Ośrodki", "2026-01-15"),
        ("t_d", "Laws", "Prawo", "2026-03-31"),
    )
    assert reach_topics(three) == ["Chips", "Models", "Sites"]
    assert reach_sentence(three) == (
        "Record reaches 15 Jan 2026: every topic is reviewed at least through that day "
        "(the earliest: Chips; Models; Sites); later events may be missing."
    )
    four = coverage_of(*[(f"t_{i}", f"Topic {i}", f"Temat {i}", "2026-01-15") for i in range(4)])
    four = {"coverage": pd.concat([four["coverage"], three["coverage"].iloc[3:]], ignore_index=True)}
    assert reach_sentence(four) == (
        "Record reaches 15 Jan 2026: every topic is reviewed at least through that day "
        "(the earliest: 4 topics); later events may be missing."
    )
    every = coverage_of(("t_a", "Chips", "Chipy", "2026-01-15"), ("t_b", "Models", "Modele", "2026-01-15"))
    assert reach_sentence(every) == (
        "Record reaches 15 Jan 2026: every topic is reviewed through that day; later events may be missing."
    )
    assert reach_sentence({}) == "How far the record reaches is not stated (no coverage table)."


def test_a_polish_reader_gets_the_polish_topic_names_and_an_english_one_the_english() -> None:
    tables = coverage_of(("t_a", "Chips", "Chipy", "2026-01-15"), ("t_d", "Laws", "Prawo", "2026-03-31"))
    with language_of("pl"):
        assert reach_topics(tables) == ["Chipy"]
        assert reach_topics({"coverage": tables["coverage"].drop(columns="topic_pl")}) == ["Chips"]
    with language_of("en"):
        assert reach_topics(tables) == ["Chips"]


def changes_of(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """A changes table of (release, table, row_id, change) rows."""
    return pd.DataFrame(rows, columns=["release", "table", "row_id", "change"])


def test_a_release_lists_only_its_own_changes_and_counts_every_kind_even_at_zero() -> None:
    tables = {
        "changes": changes_of(
            ("1.1.0", "chips", "c1", "added"),
            ("1.2.0", "chips", "c2", "removed"),
            ("1.2.0", "chips", "c3", "removed"),
            ("1.2.0", "models", "m1", "corrected"),
        )
    }
    mine = release_changes(tables, "1.2.0")
    assert list(mine["row_id"]) == ["c2", "c3", "m1"] and list(mine.index) == [0, 1, 2]
    assert list(mine.columns) == ["release", "table", "row_id", "change"], "the table's own columns, no stray index"
    assert list(change_counts(mine).items()) == [("added", 0), ("changed", 0), ("corrected", 1), ("removed", 2)]
    assert change_counts(release_changes(tables, "9.9.9")) == {"added": 0, "changed": 0, "corrected": 0, "removed": 0}
    assert change_counts(pd.DataFrame()) == {"added": 0, "changed": 0, "corrected": 0, "removed": 0}, "no columns"
    none = release_changes({}, "1.0.0")
    assert none.empty
    assert list(none.columns) == ["release", "table", "row_id", "change", "fields", "old_value", "why", "source_id"]


def test_a_release_is_dated_by_its_row_and_an_unknown_or_undated_release_has_no_date() -> None:
    releases = pd.DataFrame(
        {"version": ["1.0.0", "1.1.0"], "created": [pd.Timestamp("2026-01-01"), pd.NaT], "summary": ["a", "b"]}
    )
    assert release_date({"releases": releases}, "1.0.0") == pd.Timestamp("2026-01-01")
    assert release_date({"releases": releases}, "1.1.0") is None
    assert release_date({"releases": releases}, "2.0.0") is None
    assert release_date({}, "1.0.0") is None


def test_a_row_history_takes_the_latest_release_by_number_and_a_removal_is_not_a_change() -> None:
    tables = {
        "releases": pd.DataFrame({"version": ["1.10.0", "1.9.0", "1.2.0"]}),
        "changes": changes_of(
            ("1.10.0", "chips", "c1", "changed"),
            ("1.9.0", "chips", "c1", "corrected"),
            ("1.9.0", "chips", "c2", "added"),
            ("1.10.0", "chips", "c2", "removed"),
            ("1.10.0", "models", "c3", "added"),
            ("1.9.0", "chips", "c4", "corrected"),
            ("not a version", "chips", "c4", "changed"),
        ),
    }
    got = row_histories(tables, "chips", ["c1", "c2", "c3", "c4"])
    assert got.to_dict("records") == [
        {"row_id": "c1", "added": "1.2.0", "changed": "1.10.0"},
        {"row_id": "c2", "added": "1.9.0", "changed": ""},
        {"row_id": "c3", "added": "1.2.0", "changed": ""},
        {"row_id": "c4", "added": "1.2.0", "changed": "1.9.0"},
    ]
    assert row_history(tables, "models", "c3") == {"added": "1.10.0", "changed": ""}
    assert row_history({}, "chips", "c1") == {"added": "", "changed": ""}


def test_a_change_listed_under_a_release_that_is_not_a_version_never_counts_as_the_latest() -> None:
    tables = {
        "releases": pd.DataFrame({"version": ["0.9.0", "0.1.0"]}),
        "changes": changes_of(
            ("0.9.0", "chips", "c1", "changed"),
            ("draft", "chips", "c1", "changed"),
            ("draft", "chips", "c2", "corrected"),
            ("draft", "chips", "c3", "added"),
        ),
    }
    assert row_histories(tables, "chips", ["c1", "c2", "c3"]).to_dict("records") == [
        {"row_id": "c1", "added": "0.1.0", "changed": "0.9.0"},
        {"row_id": "c2", "added": "0.1.0", "changed": ""},
        {"row_id": "c3", "added": "0.1.0", "changed": ""},
    ]


def test_a_coverage_table_read_as_plain_text_skips_a_date_it_cannot_read_instead_of_failing() -> None:
    frame = pd.DataFrame(
        {"topic_id": ["t_a", "t_b"], "topic": ["Chips", "Models"], "reviewed_through": ["2026-01-15", "ongoing"]}
    )
    assert reach_of({"coverage": frame}) == "2026-01-15"
    assert reach_topics({"coverage": frame}) == ["Chips"]
