"""The bench's synthetic package: N copies of the shipped rows that still pass every load check."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import DATA_DIR

from bench.synth import write_package
from supplychain.data.load import load_dataset


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_synthetic_package_at_3x_loads_without_problems_and_triples_every_table(tmp_path: Path) -> None:
    counts = write_package(3, tmp_path / "x3", source=DATA_DIR)
    dataset = load_dataset(tmp_path / "x3")
    assert dataset.problems == []
    for name, frame in dataset.tables.items():
        shipped = len(_rows(DATA_DIR / f"{name}.csv"))
        assert len(frame) == counts[name] == 3 * shipped, name


def test_copied_relationship_points_at_the_same_copy_of_both_ends(tmp_path: Path) -> None:
    write_package(2, tmp_path / "x2", source=DATA_DIR)
    shipped = _rows(DATA_DIR / "relationships.csv")[0]
    copies = {r["relationship_id"]: r for r in _rows(tmp_path / "x2" / "relationships.csv")}
    copy = copies[shipped["relationship_id"] + "_x1"]
    assert (copy["from_id"], copy["to_id"]) == (shipped["from_id"] + "_x1", shipped["to_id"] + "_x1")
    assert copy["start_date"] == shipped["start_date"] and copy["start_precision"] == shipped["start_precision"]


def test_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    write_package(2, tmp_path / "a", source=DATA_DIR, seed=5)
    write_package(2, tmp_path / "b", source=DATA_DIR, seed=5)
    assert (tmp_path / "a" / "events.csv").read_bytes() == (tmp_path / "b" / "events.csv").read_bytes()
