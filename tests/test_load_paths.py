"""One path from disk to reader: one load per run, lanes from the checked dataset, problems on the right line,
a fingerprint that sees every save."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, reach_in, rewrite_csv
from streamlit.testing.v1 import AppTest

from supplychain.app import cache
from supplychain.data.load import Dataset, fingerprint, load_dataset
from supplychain.data.problems import problem
from supplychain.rules.lanes import read_lanes
from supplychain.rules.timeline import timeline_items

APP = str(ROOT / "dashboard.py")


def test_a_save_that_keeps_the_size_still_changes_the_fingerprint(mini_dir: Path) -> None:
    path = mini_dir / "models.csv"
    before = fingerprint(mini_dir)
    data = path.read_bytes()
    edited = data.replace(b"Model One", b"Model Uno", 1)
    assert len(edited) == len(data) and edited != data
    stat = path.stat()
    path.write_bytes(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # saved a second later
    assert fingerprint(mini_dir) != before


def test_touching_a_file_changes_the_fingerprint_even_with_the_same_bytes(mini_dir: Path) -> None:
    path = mini_dir / "events.csv"
    before = fingerprint(mini_dir)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert fingerprint(mini_dir) != before


def _insert_blank_row_after_header(path: Path) -> None:
    head, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(head + "\n\n" + rest, encoding="utf-8")


def test_a_cross_table_problem_after_a_blank_row_names_the_line_of_its_row(mini_dir: Path) -> None:
    # models.csv row 1 says its date is known only to the month, but gives the 15th: a rule on typed frames.
    rewrite_csv(mini_dir / "models.csv", lambda h, rows: rows[0].update(release_date="2025-04-15"))
    rewrite_csv(mini_dir / "models.csv", lambda h, rows: rows[0].update(release_precision="month"))
    _insert_blank_row_after_header(mini_dir / "models.csv")
    problems = [p for p in load_dataset(mini_dir).problems if p.file == "models.csv"]
    assert [(p.line, p.column) for p in problems] == [(3, "release_date")], [str(p) for p in problems]


def test_a_reference_problem_after_a_blank_row_names_the_line_of_its_row(mini_dir: Path) -> None:
    rewrite_csv(mini_dir / "models.csv", lambda h, rows: rows[1].update(developer_id="nobody"))
    _insert_blank_row_after_header(mini_dir / "models.csv")
    problems = [p for p in load_dataset(mini_dir).problems if p.file == "models.csv"]
    assert [(p.line, p.column) for p in problems] == [(4, "developer_id")], [str(p) for p in problems]


def test_a_problem_below_a_cell_of_two_lines_names_the_line_its_row_starts_on(mini_dir: Path) -> None:
    rewrite_csv(mini_dir / "models.csv", lambda h, rows: rows[0].update(note="first line\nsecond line"))
    rewrite_csv(mini_dir / "models.csv", lambda h, rows: rows[1].update(parameters_b="lots"))
    problems = [p for p in load_dataset(mini_dir).problems if p.file == "models.csv"]
    assert [(p.line, p.column) for p in problems] == [(4, "parameters_b")], [str(p) for p in problems]


def test_the_timeline_lanes_are_the_loaded_datasets_not_the_shipped_file(mini_dir: Path) -> None:
    rewrite_csv(mini_dir / "lanes.csv", lambda h, rows: rows[0].update(label="Washington's rules"))
    tables = load_dataset(mini_dir).tables
    assert read_lanes(tables).labels["us"] == "Washington's rules"
    items = timeline_items(tables)
    assert set(items.loc[items["lane"] == "us", "lane_label"]) <= {"Washington's rules"}


def test_a_bad_lanes_file_gives_the_problems_list_not_a_crash(mini_dir: Path) -> None:
    rewrite_csv(mini_dir / "lanes.csv", lambda h, rows: rows[0].update(colour_kind="plaid"))
    problems = load_dataset(mini_dir).problems
    assert any(p.file == "lanes.csv" and p.line == 2 and p.column == "colour_kind" for p in problems), problems


def test_importing_the_app_reads_no_data_table() -> None:
    # An audit hook records every file opened while every module of the package is imported.
    script = (
        "import sys, pkgutil, importlib\n"
        "opened = []\n"
        "sys.addaudithook(\n"
        "    lambda e, a: opened.append(str(a[0])) if e == 'open' and a and isinstance(a[0], str) else None\n"
        ")\n"
        "import supplychain\n"
        "for m in pkgutil.walk_packages(supplychain.__path__, 'supplychain.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('\\n'.join(p for p in opened if p.endswith('.csv')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", "a table was read at import: " + done.stdout


def test_one_run_loads_the_dataset_once_for_the_router_and_the_page(
    mini_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.DATA_DIR_ENV, str(mini_dir))
    looks: list[str] = []
    real = cache.get_dataset

    def counted():
        dataset = real()
        looks.append(dataset.fingerprint)
        # Between the router's look and any later one, a curator saves a file.
        rewrite_csv(mini_dir / "models.csv", lambda h, rows: rows[0].update(name=f"Model One v{len(looks)}"))
        return dataset

    monkeypatch.setattr(cache, "get_dataset", counted)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["_test_start_page"] = "timeline"
    at.run()
    assert not at.exception, at.exception
    assert len(looks) == 1, "the router and the page read one dataset"
    at.run()
    assert not at.exception, at.exception
    assert len(looks) == 2, "the next run sees the save"


@pytest.mark.parametrize(
    ("package", "version", "as_of"),
    [
        ({"version": "1.2.3", "created": "2026-11-28T00:00:00Z"}, "1.2.3", "2026-11-28"),
        ({"version": "2", "created": "2026-11-28"}, "2", "2026-11-28"),
        ({"version": "1.0'); DROP", "created": "2026-02-30T00:00:00Z"}, "", ""),
        ({"version": 3, "created": 20261128}, "", ""),
        ({}, "", ""),
    ],
)
def test_the_footers_version_and_as_of_day_come_from_the_package_and_a_bad_one_reads_as_blank(
    package: dict, version: str, as_of: str
) -> None:
    dataset = Dataset(package, problems=[problem("datapackage.json", None, "version", None, "x")])
    assert (dataset.version, dataset.as_of, dataset.ok, dataset.reviewed_through) == (version, as_of, False, "")


def test_a_loaded_dataset_is_ok_and_reaches_as_far_as_its_least_reviewed_topic(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    assert dataset.ok and dataset.problems == []
    assert dataset.reviewed_through == reach_in(mini_dir)
    assert dataset.as_of == str(dataset.package["created"])[:10]
