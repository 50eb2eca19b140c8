"""Releases: the version moves by the rule, the change list names every change, a rebuild gives the same files.

A tiny package is built in a temporary folder (no git there), released, edited and released again; the expected
versions and change rows are written out by hand here, never taken from the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import rewrite_csv

from supplychain.data.release import build_release, main, snapshot_data, write_snapshot

DAY_ONE = dt.date(2026, 1, 1)
DAY_TWO = dt.date(2026, 2, 2)


def _field(name: str) -> dict:
    return {"name": name, "type": "string"}


def tiny_package(folder: Path) -> Path:
    """A package with one data table (things) and the release's own tables; released once as 1.0.0."""
    folder.mkdir(parents=True)

    def table(name: str, columns: tuple[str, ...]) -> dict:
        return {
            "name": name,
            "path": f"{name}.csv",
            "schema": {"fields": [_field(c) for c in columns], "primaryKey": [columns[0]]},
        }

    resources = [
        table("things", ("thing_id", "name", "source_id")),
        table("corrections", ("correction_id", "table", "row_id", "field", "why", "source_id")),
    ]
    package = {"name": "tiny", "version": "1.0.0", "created": "2026-01-01T00:00:00Z", "resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    (folder / "things.csv").write_text("thing_id,name,source_id\na,Alpha,s1\nb,Beta,s1\n", encoding="utf-8")
    (folder / "corrections.csv").write_text("correction_id,table,row_id,field,why,source_id\n", encoding="utf-8")
    write_snapshot(folder, snapshot_data(folder, version="1.0.0", created="2026-01-01T00:00:00Z"))
    return folder


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def version_of(folder: Path) -> str:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["version"]


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return tiny_package(tmp_path / "data")


def test_a_new_row_makes_a_minor_release_that_lists_it_as_added(tiny: Path) -> None:
    with (tiny / "things.csv").open("a", encoding="utf-8") as handle:
        handle.write("c,Gamma,s2\n")
    build_release(tiny, today=DAY_TWO)
    assert version_of(tiny) == "1.1.0"
    assert json.loads((tiny / "datapackage.json").read_text())["created"] == "2026-02-02T00:00:00Z"
    changes = read(tiny / "changes.csv")
    assert [(c["release"], c["table"], c["row_id"], c["change"], c["source_id"]) for c in changes] == [
        ("1.1.0", "things", "c", "added", "s2")
    ]
    assert read(tiny / "releases.csv") == [
        {"version": "1.0.0", "created": "2026-01-01", "summary": "First release."},
        {"version": "1.1.0", "created": "2026-02-02", "summary": "From 1.0.0: 1 added."},
    ]


def test_a_declared_correction_is_a_patch_that_keeps_the_old_value_why_and_source(tiny: Path) -> None:
    rewrite_csv(tiny / "things.csv", lambda header, rows: rows[1].update(name="Beta Prime"))
    (tiny / "corrections.csv").write_text(
        "correction_id,table,row_id,field,why,source_id\nfix_b,things,b,name,Misspelt in 1.0.0,s9\n", encoding="utf-8"
    )
    build_release(tiny, today=DAY_TWO)
    assert version_of(tiny) == "1.0.1"
    (change,) = read(tiny / "changes.csv")
    assert (change["change"], change["fields"], change["old_value"]) == ("corrected", "name", "Beta")
    assert (change["why"], change["source_id"]) == ("Misspelt in 1.0.0", "s9")
    changelog = (tiny.parent / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 1.0.1 (2026-02-02)" in changelog and "`b` corrected (name); was: Beta" in changelog


def test_an_undeclared_value_change_is_listed_as_changed_and_moves_the_minor_version(tiny: Path) -> None:
    rewrite_csv(tiny / "things.csv", lambda header, rows: rows[0].update(name="Alpha 2"))
    build_release(tiny, today=DAY_TWO)
    assert version_of(tiny) == "1.1.0"
    (change,) = read(tiny / "changes.csv")
    assert (change["change"], change["fields"], change["old_value"]) == ("changed", "name", "Alpha")


def test_a_removed_column_makes_a_major_release(tiny: Path) -> None:
    rewrite_csv(tiny / "things.csv", lambda header, rows: [c for c in header if c != "source_id"])
    package = json.loads((tiny / "datapackage.json").read_text())
    package["resources"][0]["schema"]["fields"].pop()
    (tiny / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    build_release(tiny, today=DAY_TWO)
    assert version_of(tiny) == "2.0.0"


def test_a_removed_row_is_listed_with_the_id_it_had(tiny: Path) -> None:
    rewrite_csv(tiny / "things.csv", lambda header, rows: rows.pop(0) and None)
    build_release(tiny, today=DAY_TWO)
    assert [(c["row_id"], c["change"]) for c in read(tiny / "changes.csv")] == [("a", "removed")]
    assert version_of(tiny) == "1.1.0"


def test_running_the_release_again_regenerates_the_same_files(tiny: Path) -> None:
    with (tiny / "things.csv").open("a", encoding="utf-8") as handle:
        handle.write("c,Gamma,s2\n")
    build_release(tiny, today=DAY_TWO)
    files = ["changes.csv", "releases.csv", "datapackage.json", "releases/1.1.0.json", "../CHANGELOG.md"]
    first = {name: (tiny / name).read_bytes() for name in files}
    build_release(tiny, today=dt.date(2026, 3, 3))  # a later day: the release keeps its own date
    assert {name: (tiny / name).read_bytes() for name in files} == first
    assert not (tiny / "releases" / "1.1.1.json").exists()


def test_unchanged_data_is_not_a_new_release(tiny: Path) -> None:
    build_release(tiny, today=DAY_TWO)
    assert version_of(tiny) == "1.0.0"
    assert read(tiny / "changes.csv") == []


def test_the_command_line_builds_a_release_from_a_copy_without_history(tiny: Path, tmp_path: Path, capsys) -> None:
    copy = tmp_path / "fresh" / "data"
    shutil.copytree(tiny, copy)  # no .git anywhere near: the snapshot in data/releases/ is all it needs
    with (copy / "things.csv").open("a", encoding="utf-8") as handle:
        handle.write("d,Delta,s3\n")
    assert main(["--data-dir", str(copy), "--date", "2026-02-02"]) == 0
    assert "Built release 1.1.0 (2026-02-02): From 1.0.0: 1 added." in capsys.readouterr().out
