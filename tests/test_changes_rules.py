"""The release history and the feed's items (rules/changes.py), exactly as a script or a feed reader gets them.

The served routes (`/api/v1/changes.csv`, the Atom feed) are tested through the app in test_api.py; these check each
rule alone on small made-up tables: version order, the changes since a version, and every word of a feed entry.
"""

from __future__ import annotations

import pandas as pd
import pytest

from supplychain.rules.changes import (
    CHANGES_COLUMNS,
    RELEASES_COLUMNS,
    FeedEntry,
    change_list,
    measure_entries,
    release_entries,
    release_list,
    version_key,
)

RELEASES = pd.DataFrame(
    {
        "version": ["1.10.0", "1.2.0", "1.9.0"],
        "created": ["2026-12-05T10:00:00", "2026-11-28", "2026-12-01"],
        "summary": ["Ten.", "Two.", "Nine."],
    }
)
CHANGES = pd.DataFrame(
    {
        "change_id": ["a", "b", "c", "d", "e"],
        "release": ["1.2.0", "1.9.0", "1.10.0", "1.10.0", "1.10.0"],
        "change": ["added", "changed", "corrected", "corrected", "added"],
    }
)
TABLES = {"releases": RELEASES, "changes": CHANGES}


@pytest.mark.parametrize(
    ("text", "key"),
    [("1.2.0", (1, 2, 0)), (" 1.10 ", (1, 10)), ("2", (2,)), ("1.2.3.4", (1, 2, 3, 4))],
)
def test_a_version_reads_as_numbers(text: str, key: tuple[int, ...]) -> None:
    assert version_key(text) == key


@pytest.mark.parametrize("text", ["", "v1.2", "1.2.3.4.5", "1..2", "1.2.x", "latest"])
def test_anything_else_is_not_a_version(text: str) -> None:
    assert version_key(text) is None


def test_releases_are_listed_oldest_first_by_version_not_by_text() -> None:
    assert list(release_list(TABLES)["version"]) == ["1.2.0", "1.9.0", "1.10.0"]


def test_a_package_without_a_release_history_lists_none_with_the_right_columns() -> None:
    assert release_list({}).empty and tuple(release_list({}).columns) == RELEASES_COLUMNS
    assert change_list({}).empty and tuple(change_list({}).columns) == CHANGES_COLUMNS
    assert list(change_list({}, since="1.0.0").columns) == list(CHANGES_COLUMNS)
    assert {str(dtype) for dtype in release_list({}).dtypes} == {"string"}, "text columns, as a loaded table has"


def test_the_changes_since_a_version_are_those_of_later_releases_only() -> None:
    assert list(change_list(TABLES)["change_id"]) == ["a", "b", "c", "d", "e"]
    assert list(change_list(TABLES, since="1.2.0")["change_id"]) == ["b", "c", "d", "e"]
    assert list(change_list(TABLES, since="1.9.0")["change_id"]) == ["c", "d", "e"]
    assert list(change_list(TABLES, since="1.10.0")["change_id"]) == []


def test_each_release_is_a_feed_entry_newest_first_with_its_tally_and_the_changes_since_the_one_before() -> None:
    assert release_entries(TABLES) == [
        FeedEntry(
            "release-1.10.0", "Release 1.10.0", "2026-12-05", "Ten. (2 corrected, 1 added).", "changes.csv?since=1.9.0"
        ),
        FeedEntry("release-1.9.0", "Release 1.9.0", "2026-12-01", "Nine. (1 changed).", "changes.csv?since=1.2.0"),
        FeedEntry("release-1.2.0", "Release 1.2.0", "2026-11-28", "Two. (1 added).", "changes.csv"),
    ]


def test_a_release_that_changed_no_row_says_so() -> None:
    [entry] = release_entries({"releases": RELEASES.head(1), "changes": CHANGES.head(0)})
    assert entry.summary == "Ten. (no row changes)."


POLICIES = pd.DataFrame(
    {
        "policy_id": ["rule_a", "rule_b", "rule_c"],
        "name": ["Rule A", "Rule B", "Rule C"],
        "effective_date": [pd.Timestamp("2025-01-15"), pd.Timestamp("2026-03-01"), pd.NaT],
        "ended_date": [pd.Timestamp("2025-06-30"), pd.NaT, pd.Timestamp("2024-05-01")],
        "status": ["rescinded", "in_force", "superseded"],
    }
)


def test_each_measures_start_and_end_is_a_feed_entry_newest_first() -> None:
    assert measure_entries({"reviewed_through": "2026-12-01"}, {"policies": POLICIES}) == [
        FeedEntry(
            "measure-rule_b-effective_date",
            "Rule B takes effect",
            "2026-03-01",
            "Rule B takes effect on 2026-03-01 (status: in force).",
            "/entity?id=rule_b",
        ),
        FeedEntry(
            "measure-rule_a-ended_date",
            "Rule A ends",
            "2025-06-30",
            "Rule A ends on 2025-06-30 (status: rescinded).",
            "/entity?id=rule_a",
        ),
        FeedEntry(
            "measure-rule_a-effective_date",
            "Rule A takes effect",
            "2025-01-15",
            "Rule A takes effect on 2025-01-15 (status: rescinded).",
            "/entity?id=rule_a",
        ),
        FeedEntry(
            "measure-rule_c-ended_date",
            "Rule C ends",
            "2024-05-01",
            "Rule C ends on 2024-05-01 (status: superseded).",
            "/entity?id=rule_c",
        ),
    ]


def test_a_date_after_the_records_reach_is_scheduled_and_never_said_to_have_happened() -> None:
    entries = measure_entries({"reviewed_through": "2026-02-28T00:00:00"}, {"policies": POLICIES})
    assert entries[0].title == "Scheduled: Rule B takes effect"
    assert entries[0].summary == (
        "Rule B takes effect on 2026-03-01 (status: in force). "
        "Scheduled after the record's reach: outcome not confirmed."
    )
    assert [e.title for e in entries[1:]] == ["Rule A ends", "Rule A takes effect", "Rule C ends"]
    on_the_day = measure_entries({"reviewed_through": "2026-03-01"}, {"policies": POLICIES})
    assert on_the_day[0].title == "Rule B takes effect", "the reach's own day is reviewed: not scheduled"
    assert [e.title for e in measure_entries({}, {"policies": POLICIES})][0] == "Rule B takes effect"


def test_a_package_without_measures_gives_no_measure_entries() -> None:
    assert measure_entries({"reviewed_through": "2026-12-01"}, {}) == []
