"""Network labels: where two would overlap at the narrowest chart width, the better-connected entity keeps its own."""

from __future__ import annotations

import pandas as pd

from supplychain.charts.network import uncrowded_labels


def nodes(*rows: tuple[str, float, float, int, bool]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "x", "y", "degree", "is_focus"]).assign(label=lambda f: f["id"] + " name")


def test_of_two_overlapping_labels_the_better_connected_keeps_its_label() -> None:
    shown = uncrowded_labels(nodes(("a", 0.5, 0.5, 2, False), ("b", 0.52, 0.5, 9, False)), width=560, height=700)
    assert shown.tolist() == [False, True]


def test_the_focus_keeps_its_label_over_a_better_connected_neighbour() -> None:
    shown = uncrowded_labels(nodes(("a", 0.5, 0.5, 2, True), ("b", 0.5, 0.505, 9, False)), width=560, height=700)
    assert shown.tolist() == [True, False]


def test_labels_apart_are_all_kept() -> None:
    shown = uncrowded_labels(
        nodes(("a", 0.1, 0.1, 1, False), ("b", 0.1, 0.9, 1, False), ("c", 0.8, 0.5, 1, False)), width=560, height=700
    )
    assert shown.all()


def test_a_long_label_cut_at_the_limit_no_longer_reaches_its_neighbour() -> None:
    crowded = nodes(("a", 0.1, 0.5, 5, False), ("b", 0.45, 0.5, 1, False)).assign(label=["x" * 60, "b"])
    assert uncrowded_labels(crowded, width=560, height=700).tolist() == [True, False]
    assert uncrowded_labels(crowded, width=560, height=700, limit=150).tolist() == [True, True]
