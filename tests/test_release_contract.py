"""The shipped release, checked as a machine can (issue 19 §4): dates, URLs, the version and the change list.

Every expectation is read from the CSVs, the package and the last snapshot with plain csv/json here, not from
supplychain/data/release.py, so a bug in the release tool turns these red instead of agreeing with itself.
"""

from __future__ import annotations

import calendar
import csv
import json
import re
from pathlib import Path

import pytest
from conftest import DATA_DIR

RELEASE_TABLES = {"changes", "releases", "corrections"}  # the release's own tables, never compared as data
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def as_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@pytest.fixture(scope="module")
def package() -> dict:
    return json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def last_snapshot() -> dict:
    found = [json.loads(p.read_text(encoding="utf-8")) for p in (DATA_DIR / "releases").glob("*.json")]
    assert found, "data/releases/ keeps at least the first release's snapshot"
    return max(found, key=lambda snap: as_tuple(snap["version"]))


def data_now(package: dict) -> dict[str, tuple[list[str], dict[str, dict[str, str]]]]:
    """Each data table as (columns, {row id: {column: non-empty value}}), read with the csv module."""
    out = {}
    for res in package["resources"]:
        if res["name"] in RELEASE_TABLES:
            continue
        key = res["schema"]["primaryKey"][0]
        with (DATA_DIR / res["path"]).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            table = {r[key]: {c: v for c, v in r.items() if c != key and v} for r in reader}
            out[res["name"]] = (list(reader.fieldnames or []), table)
    return out


def test_no_two_sources_share_one_url() -> None:
    seen: dict[str, str] = {}
    twice = []
    for source in rows("sources"):
        url = source["url"].strip().rstrip("/")
        if url and url in seen:
            twice.append(f"{seen[url]} and {source['source_id']}: {url}")
        seen.setdefault(url, source["source_id"])
    assert not twice, twice


def test_no_source_was_read_after_the_release_was_built(package: dict) -> None:
    built = package["created"][:10]
    late = [s["source_id"] for s in rows("sources") if s["date_accessed"] > built]
    assert not late, f"accessed after the build date {built}: {late}"


def test_every_coverage_date_is_no_later_than_the_build_date(package: dict) -> None:
    built = package["created"][:10]
    late = [
        f"{topic['topic_id']}.{column}={topic[column]}"
        for topic in rows("coverage")
        for column in ("reviewed_through", "material_stops")
        if topic[column] and topic[column] > built
    ]
    assert not late, late


def test_each_topic_is_reviewed_through_the_end_of_its_unbroken_month_by_month_run() -> None:
    """reviewed_through is the last day of the last month reviewed on its own, with no gap before it.

    A month covered only by a query spanning several months (by_month false) ends the run: the topic's reach
    may not claim it, nor any month after it, even one that had a search of its own.
    """
    log = rows("review_log")
    for topic in rows("coverage"):
        entries = sorted((e for e in log if e["topic_id"] == topic["topic_id"]), key=lambda e: e["month"])
        run: list[str] = []
        for entry in entries:
            if entry["by_month"] != "true":
                break
            run.append(entry["month"])
        assert run, f"{topic['topic_id']}: no month reviewed on its own"
        year, month = (int(part) for part in run[-1].split("-"))
        last_day = f"{run[-1]}-{calendar.monthrange(year, month)[1]:02d}"
        assert topic["reviewed_through"] == last_day, (topic["topic_id"], topic["reviewed_through"], last_day)
        assert int(topic["months_reviewed"]) == len(run), topic["topic_id"]


def test_the_version_is_semantic_and_moved_when_the_data_moved(package: dict, last_snapshot: dict) -> None:
    version, before = package["version"], last_snapshot["version"]
    assert SEMVER.match(version), version
    assert all(SEMVER.match(r["version"]) for r in rows("releases")), "every release has a semantic version"
    now = data_now(package)
    then = {table: (cols, last_snapshot["rows"].get(table, {})) for table, cols in last_snapshot["columns"].items()}
    moved = {t: now.get(t) != then.get(t) for t in set(now) | set(then)}
    if not any(moved.values()):
        assert version == before, "the data equals the last release, so its version stays"
        return
    assert as_tuple(version) > as_tuple(before), f"the data moved since {before} but the version did not"
    gone = [f"{t}.{c}" for t, (cols, _) in then.items() for c in cols if c not in now.get(t, ([], {}))[0]]
    if gone:
        assert as_tuple(version)[0] > as_tuple(before)[0], f"columns removed ({gone}): a major release"


def test_the_change_list_names_every_row_added_or_removed_since_the_last_release(
    package: dict, last_snapshot: dict
) -> None:
    version = package["version"]
    listed = {(c["table"], c["row_id"], c["change"]) for c in rows("changes") if c["release"] == version}
    missing = []
    for table, (_, now_rows) in data_now(package).items():
        old_rows = last_snapshot["rows"].get(table, {})
        if last_snapshot["version"] == version:
            break  # this release is the last snapshot: nothing pending
        missing += [(table, r, "added") for r in now_rows if r not in old_rows and (table, r, "added") not in listed]
        missing += [
            (table, r, "removed") for r in old_rows if r not in now_rows and (table, r, "removed") not in listed
        ]
    assert not missing, f"run `make release`: {missing[:10]}"


def test_every_change_names_a_row_that_exists_or_existed(package: dict) -> None:
    now = data_now(package)
    snapshots = [json.loads(p.read_text(encoding="utf-8")) for p in (DATA_DIR / "releases").glob("*.json")]
    known = {(t, r) for t, (_, table) in now.items() for r in table}
    known |= {(t, r) for snap in snapshots for t, table in snap["rows"].items() for r in table}
    sources = {r for snap in snapshots for r in snap["rows"].get("sources", {})} | set(now["sources"][1])
    bad = [c["change_id"] for c in rows("changes") if (c["table"], c["row_id"]) not in known]
    bad += [c["change_id"] for c in rows("changes") if c["source_id"] and c["source_id"] not in sources]
    assert not bad, bad


def test_every_correction_points_at_a_row_that_exists_or_existed(package: dict) -> None:
    now = data_now(package)
    snapshots = [json.loads(p.read_text(encoding="utf-8")) for p in (DATA_DIR / "releases").glob("*.json")]
    known = {(t, r) for t, (_, table) in now.items() for r in table}
    known |= {(t, r) for snap in snapshots for t, table in snap["rows"].items() for r in table}
    bad = [c["correction_id"] for c in rows("corrections") if (c["table"], c["row_id"]) not in known]
    assert not bad, bad


def test_the_changelog_has_an_entry_for_every_release() -> None:
    changelog = (Path(DATA_DIR).parent / "CHANGELOG.md").read_text(encoding="utf-8")
    for release in rows("releases"):
        assert f"## {release['version']} ({release['created']})" in changelog
