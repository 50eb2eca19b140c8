"""Label placement's spatial index answers exactly what a check against every placed box would."""

from __future__ import annotations

import random

from supplychain.rules.label_layout import Box, BoxGrid


def _box(rng: random.Random) -> Box:
    x, y = rng.uniform(-50, 900), rng.uniform(-50, 600)
    return Box(x, y, x + rng.uniform(0, 140), y + rng.uniform(0, 20))


def test_grid_overlap_matches_a_check_against_every_box() -> None:
    rng = random.Random(3)
    placed = [_box(rng) for _ in range(300)]
    grid = BoxGrid(placed, cell=48)
    for _ in range(2000):
        probe, pad = _box(rng), rng.choice([0.0, 1.0, 2.0, 30.0])
        skip = rng.choice(placed)
        assert grid.overlaps(probe, pad=pad, skip=skip) == any(probe.overlaps(b, pad) for b in placed if b != skip)


def test_boxes_touching_across_a_cell_edge_count_as_overlapping() -> None:
    grid = BoxGrid([Box(60, 0, 63.5, 10)], cell=64)
    assert grid.overlaps(Box(64.2, 0, 80, 10), pad=1.0)
    assert not grid.overlaps(Box(64.6, 0, 80, 10), pad=1.0)
