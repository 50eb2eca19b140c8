"""The Network's picture is a contract: the same data draws the same picture in every version of the app.

A presenter prepares a view (a focus, the ties shown) and shows it later, perhaps after an upgrade: the entities
must stand where they stood. `tests/fixtures/graph_layout_reference.json` holds the positions the app gives a
small fixed graph, rounded as the app sends them to the browser. When the picture is meant to change (a new
layout, new spacing), regenerate the file on purpose and say so in the commit:

    PYTHONPATH=. .venv/bin/python tests/test_graph_layout.py --write
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from supplychain.rules.graph import layout_positions

REFERENCE = Path(__file__).parent / "fixtures" / "graph_layout_reference.json"

# A ring of five, a star of four, a chain of three, a pair and a lone entity: one part of each shape a view has.
EDGES = (
    ("r1", "r2"),
    ("r2", "r3"),
    ("r3", "r4"),
    ("r4", "r5"),
    ("r5", "r1"),
    ("hub", "s1"),
    ("hub", "s2"),
    ("hub", "s3"),
    ("c1", "c2"),
    ("c2", "c3"),
    ("p1", "p2"),
)
NODES = tuple(sorted({n for edge in EDGES for n in edge} | {"lone"}))


def reference_layout() -> dict[str, list[float]]:
    """The positions the app draws for the reference graph, as the browser gets them."""
    return {node: [x, y] for node, (x, y) in sorted(layout_positions(NODES, tuple(sorted(EDGES))).items())}


def write_reference() -> None:
    """Regenerate the fixture from the code as it stands (on purpose only: the picture then changes)."""
    lines = [f"  {json.dumps(node)}: {json.dumps(point)}" for node, point in reference_layout().items()]
    REFERENCE.write_text(
        f'{{\n "nodes": {json.dumps(NODES)},\n "edges": {json.dumps(EDGES)},\n "positions": {{\n'
        + ",\n".join(lines)
        + "\n }\n}\n"
    )


def test_the_same_small_network_is_drawn_where_it_was_drawn_before_so_a_prepared_view_does_not_move() -> None:
    stored = json.loads(REFERENCE.read_text())
    assert (tuple(stored["nodes"]), tuple(map(tuple, stored["edges"]))) == (NODES, EDGES)
    drawn = reference_layout()
    assert list(drawn) == list(stored["positions"]), "every entity drawn, none added"
    for node, (x, y) in stored["positions"].items():
        # 2e-6: one step of the sixth decimal either way, for a last-bit difference of another processor.
        assert drawn[node] == pytest.approx([x, y], abs=2e-6), f"{node} moved"


def test_the_network_is_drawn_the_same_after_the_app_restarts_whatever_order_the_process_hashes_text_in() -> None:
    # Each Python process hashes text with its own random key, so a set of ids is listed in a different order
    # after a restart: the layout must not follow it. Three processes with three hash keys draw one picture.
    script = (
        "import json, sys; sys.path[:0] = ['.', 'tests']; import test_graph_layout as t; "
        "print(json.dumps(t.reference_layout()))"
    )
    root = Path(__file__).parent.parent
    drawn = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": key},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for key in ("1", "2", "3")
    }
    assert len(drawn) == 1, "the same picture in every process"
    assert json.loads(drawn.pop()) == reference_layout()


def test_positions_reach_the_browser_with_six_decimals_at_most() -> None:
    # A micro-unit is far below a pixel; more digits only make the page's payload larger.
    drawn = reference_layout()
    values = [v for point in drawn.values() for v in point]
    assert all(round(v, 6) == v for v in values)
    assert any(round(v, 5) != v for v in values), "the sixth decimal is kept, not cut further"


def _chain(prefix: str, size: int) -> list[tuple[str, str]]:
    return [(f"{prefix}{k:03d}", f"{prefix}{k + 1:03d}") for k in range(size - 1)]


def test_a_part_ending_exactly_at_the_main_parts_depth_stays_in_its_column() -> None:
    # A main part of 121 entities (a square of side 11), then parts of 16, 9 and 9 entities stacked in the column
    # beside it, then a lone entity whose square ends exactly at the main part's depth: it still fits the column;
    # a new column starts only for a part that would reach below the main part.
    edges = [*_chain("a", 121), *_chain("b", 16), *_chain("c", 9), *_chain("d", 9)]
    nodes = tuple(sorted({n for edge in edges for n in edge} | {"e"}))
    pos = layout_positions(nodes, tuple(sorted(edges)))
    column_x = min(x for node, (x, _) in pos.items() if node.startswith("b"))
    assert pos["e"][0] == column_x, "the lone entity stands in the column of the parts above it"
    assert pos["e"][1] < min(y for node, (_, y) in pos.items() if node.startswith("d")), "below the last of them"


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    write_reference()
