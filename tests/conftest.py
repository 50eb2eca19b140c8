"""Shared test fixtures: the shipped data folder and a small, known fixture package to break on purpose."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "mini"
SERVED_FIXTURES = {"app_url", "bare_url", "history_url"}  # fixtures that start the app in its own process


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A copy of the small fixture tables with the real datapackage.json, safe to edit."""
    target = tmp_path / "data"
    target.mkdir()
    for path in FIXTURE_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    shutil.copy(DATA_DIR / "datapackage.json", target / "datapackage.json")
    return target


def reach_in(data_dir: Path) -> str:
    """The record's reach read straight from coverage.csv (the earliest reviewed_through), not from the app's code."""
    with (Path(data_dir) / "coverage.csv").open(encoding="utf-8", newline="") as handle:
        return min(row["reviewed_through"] for row in csv.DictReader(handle))


def rewrite_csv(path: Path, change) -> None:
    """Read a CSV as rows of dicts, let `change(header, rows)` edit them in place, write it back."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    header = change(header, rows) or header
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="session")
def app_url():
    """One app server on a loopback port for every browser test of the run."""
    with serve(ROOT) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser); fails in CI if missing."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab (new session, cold cache) at 1280x720 that accepts downloads."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start every run with the package's function caches empty. A mutation run forks each mutant's tests from a
    process whose caches (lru_cache) already hold the unmutated code's answers, which would hide the mutant."""
    for name, module in list(sys.modules.items()):
        if name == "supplychain" or name.startswith("supplychain."):
            for value in list(vars(module).values()):
                if getattr(value, "__module__", None) == name and callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives Chromium (it uses the `browser` fixture) so `make check` can leave them out, and
    every test that reads a served app (SERVED_FIXTURES) so a mutation run, which cannot trace another process, can."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if SERVED_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.served)
