"""Label layout on a projected map: text boxes, a grid to find overlaps, and greedy placement of place and flow labels.

Pure: positions in, positions out; the charts draw what this module places.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from supplychain.rules.regions import Projection

LABEL_FONT_PX = 14
FLOW_LABEL_FONT_PX = 14
MARKER_PX = 16


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, pad: float = 1.0) -> bool:
        return not (
            self.x1 + pad <= other.x0
            or other.x1 + pad <= self.x0
            or self.y1 + pad <= other.y0
            or other.y1 + pad <= self.y0
        )

    def inside(self, width: float, height: float) -> bool:
        return self.x0 >= 0 and self.y0 >= 0 and self.x1 <= width and self.y1 <= height


class BoxGrid:
    """Boxes bucketed in square cells, so "does this box overlap any placed one?" looks only at nearby boxes.

    Label placement asks that for every candidate spot of every label; against a plain list it
    grows with the square of the places (about 32 million checks at 1,300 places).
    """

    def __init__(self, boxes: Iterable[Box] = (), cell: float = 64.0) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Box]] = {}
        for box in boxes:
            self.add(box)

    def _keys(self, box: Box, pad: float) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor((box.x0 - pad) / c), math.floor((box.x1 + pad) / c) + 1):
            for j in range(math.floor((box.y0 - pad) / c), math.floor((box.y1 + pad) / c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box, 0.0):
            self.cells.setdefault(key, []).append(box)

    def overlaps(self, box: Box, pad: float = 1.0, skip: Box | None = None) -> bool:
        """True when `box` overlaps a stored box other than `skip` (Box.overlaps, same padding)."""
        for key in self._keys(box, pad):
            for other in self.cells.get(key, ()):
                if box.overlaps(other, pad) and other != skip:  # the cheap test first: equality only on overlap
                    return True
        return False


def text_box(x: float, y: float, text: str, align: str, baseline: str, font_px: float) -> Box:
    """A generous box around a label drawn at (x, y) (0.62 em per character, 1.25 em high)."""
    w, h = 0.62 * font_px * len(text), 1.25 * font_px
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[align]
    y0 = {"middle": y - h / 2, "top": y, "bottom": y - h}[baseline]
    return Box(x0, y0, x0 + w, y0 + h)


# Candidate label spots around a marker, nearest first: (dx, dy, align, baseline).
_AROUND = [
    (1, 0, "left", "middle"),
    (-1, 0, "right", "middle"),
    (0, -1, "center", "bottom"),
    (0, 1, "center", "top"),
    (0.8, -0.8, "left", "bottom"),
    (0.8, 0.8, "left", "top"),
    (-0.8, -0.8, "right", "bottom"),
    (-0.8, 0.8, "right", "top"),
]
_RADII = [11, 24, 40, 58, 78]
LEADER_FROM_PX = 20
SAME_LABEL_PX = 160


def place_labels(points: pd.DataFrame, projection: Projection, *, obstacles: Iterable[Box] = ()) -> pd.DataFrame:
    """Label positions that overlap no other label, no marker and stay on the map (greedy, nearest spot first).

    Places with more company ties are labelled first. Returns location_id, text, label_lon,
    label_lat, align, baseline, leader (True when the label sits far enough to need a line to its
    marker), x, y and the box; a place with no free spot gets no label (its tooltip still names it).
    """
    xy = {
        str(i): projection.project(float(lon), float(lat))
        for i, lon, lat in zip(points["location_id"], points["lon"], points["lat"])
    }
    half = MARKER_PX / 2
    taken = BoxGrid([Box(x - half, y - half, x + half, y + half) for x, y in xy.values()] + list(obstacles))
    order = points.assign(_n=points["company_ids"].str.count(",") + (points["company_ids"] != "")).sort_values(
        ["_n", "location_id"], ascending=[False, True], kind="stable"
    )
    rows = []
    for r in order.itertuples():
        x, y = xy[str(r.location_id)]
        own = Box(x - half, y - half, x + half, y + half)
        for radius in _RADII:
            done = False
            for dx, dy, align, baseline in _AROUND:
                lx, ly = x + dx * radius, y + dy * radius
                box = text_box(lx, ly, str(r.label), align, baseline, LABEL_FONT_PX)
                if box.inside(projection.width, projection.height) and not taken.overlaps(box, skip=own):
                    lon, lat = projection.invert(lx, ly)
                    rows.append(
                        {
                            "location_id": r.location_id,
                            "text": r.label,
                            "label_lon": lon,
                            "label_lat": lat,
                            "align": align,
                            "baseline": baseline,
                            "leader": radius >= LEADER_FROM_PX,
                            "lon": r.lon,
                            "lat": r.lat,
                            "x": lx,
                            "y": ly,
                            "box": box,
                        }
                    )
                    taken.add(box)
                    done = True
                    break
            if done:
                break
    return pd.DataFrame(
        rows,
        columns=[
            "location_id",
            "text",
            "label_lon",
            "label_lat",
            "align",
            "baseline",
            "leader",
            "lon",
            "lat",
            "x",
            "y",
            "box",
        ],
    )


def place_flow_labels(
    flows: pd.DataFrame, paths: pd.DataFrame, projection: Projection, taken: Iterable[Box], texts: dict[str, str]
) -> pd.DataFrame:
    """Labels on the flows ("trains in · date unknown") where they fit between the place labels, centred on the curve.

    A flow whose label would overlap gets none on the map; its tooltip and the table below say the same.
    """
    grid = BoxGrid(taken)
    rows = []
    placed: list[tuple[str, float, float]] = []  # the same words once per corridor, not on every parallel line
    by_flow = {k: g for k, g in paths.groupby("flow_id", sort=False)}
    for fid in flows["flow_id"]:
        path, text = by_flow.get(fid), texts.get(fid, "")
        if path is None or not text:
            continue
        n = len(path) - 1
        mid = path.iloc[n // 2]
        if any(t == text and math.hypot(x - mid["x"], y - mid["y"]) < SAME_LABEL_PX for t, x, y in placed):
            continue
        for t in (0.5, 0.42, 0.58, 0.34, 0.66):
            p = path.iloc[round(t * n)]
            box = text_box(p["x"], p["y"], text, "center", "middle", FLOW_LABEL_FONT_PX)
            if box.inside(projection.width, projection.height) and not grid.overlaps(box, pad=2):
                rows.append({"flow_id": fid, "text": text, "lon": p["lon"], "lat": p["lat"], "box": box})
                grid.add(box)
                placed.append((text, mid["x"], mid["y"]))
                break
    return pd.DataFrame(rows, columns=["flow_id", "text", "lon", "lat", "box"])
