"""Shared test fixtures: the shipped data folder and a small, known fixture package to break on purpose."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A copy of the small fixture tables with the real datapackage.json, safe to edit."""
    target = tmp_path / "data"
    target.mkdir()
    for path in FIXTURE_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    shutil.copy(DATA_DIR / "datapackage.json", target / "datapackage.json")
    return target


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
