"""Load and validation grow linearly with the rows (issue 14: the cross-table rules were quadratic)."""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

from conftest import DATA_DIR, FIXTURE_DIR

from supplychain.data.load import load_dataset


def _grow(path: Path, rows) -> None:
    """Append rows (dicts built from the file's first row) to a CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, kept = list(reader.fieldnames or []), list(reader)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept + [row(kept[0]) for row in rows])


def _package_with_edges(folder: Path, edges: int) -> Path:
    """The fixture package with `edges` more places and one tie to each: both sides of every lookup grow."""
    folder.mkdir()
    for path in FIXTURE_DIR.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    shutil.copy(DATA_DIR / "datapackage.json", folder / "datapackage.json")
    _grow(folder / "locations.csv", [lambda first, i=i: {**first, "location_id": f"l_{i}"} for i in range(edges)])
    _grow(
        folder / "relationships.csv",
        [lambda first, i=i: {**first, "relationship_id": f"r_{i}", "to_id": f"l_{i}"} for i in range(edges)],
    )
    return folder


def _cpu_seconds(folder: Path) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        dataset = load_dataset(folder)
        best = min(best, time.process_time() - start)
        assert dataset.ok, [str(p) for p in dataset.problems[:3]]
    return best


def test_ten_times_the_edges_cost_at_most_about_ten_times_the_time(tmp_path: Path) -> None:
    small = _cpu_seconds(_package_with_edges(tmp_path / "small", 2_000))
    large = _cpu_seconds(_package_with_edges(tmp_path / "large", 20_000))
    # Linear: about 10x (less, with fixed costs). The old per-row rebuild of the id sets was about 100x.
    assert large < 25 * small + 0.05, (small, large)
