"""Label placement: its spatial index answers exactly what a check against every placed box would, and place and flow
labels go to the nearest free spot on the canvas (hand-worked cases on a plain 800 x 600 canvas)."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from supplychain.rules import regions
from supplychain.rules.label_layout import Box, BoxGrid, place_flow_labels, place_labels, text_box

CANVAS = regions.Projection(k=300.0, cx=0.0, cy=-0.5, width=800.0, height=600.0)


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


def _places(*spec: tuple[str, tuple[float, float], str, str]) -> pd.DataFrame:
    """Places (id, where on CANVAS in pixels, label, company ids) as the map's points frame has them."""
    rows = []
    for location_id, (x, y), label, company_ids in spec:
        lon, lat = CANVAS.invert(x, y)
        rows.append({"location_id": location_id, "lon": lon, "lat": lat, "label": label, "company_ids": company_ids})
    return pd.DataFrame(rows)


def test_a_text_box_is_0_62_em_a_letter_by_1_25_em_placed_by_its_alignment() -> None:
    # 10 letters at 20 px: 124 x 25 px
    assert text_box(100, 50, "abcdefghij", "left", "middle", 20) == Box(100, 37.5, 224, 62.5)
    assert text_box(100, 50, "abcdefghij", "right", "top", 20) == Box(-24, 50, 100, 75)
    assert text_box(100, 50, "abcdefghij", "center", "bottom", 20) == Box(38, 25, 162, 50)


def test_a_box_is_inside_the_canvas_up_to_its_very_edges() -> None:
    assert Box(0, 0, 800, 600).inside(800, 600)
    for outside in (Box(-0.1, 0, 10, 10), Box(0, -0.1, 10, 10), Box(790, 0, 800.1, 10), Box(0, 590, 10, 600.1)):
        assert not outside.inside(800, 600), outside


def test_boxes_closer_than_the_padding_on_any_side_overlap() -> None:
    box = Box(100, 100, 200, 150)
    for other in (
        Box(201.5, 100, 250, 150),
        Box(40, 100, 98.5, 150),
        Box(100, 151.5, 200, 160),
        Box(100, 80, 200, 98.5),
    ):
        assert box.overlaps(other, pad=2) and other.overlaps(box, pad=2), other
        assert not box.overlaps(other, pad=1) and not other.overlaps(box, pad=1), other
    for side in (Box(201, 100, 250, 150), Box(40, 100, 99, 150), Box(100, 151, 200, 160), Box(100, 80, 200, 99)):
        assert box.overlaps(side) is False, f"exactly the default 1 px apart: clear, {side}"
        assert BoxGrid([box]).overlaps(side) is False, "the grid's default padding is the same 1 px"
    assert box.overlaps(Box(200.5, 100, 250, 150)) is True
    assert BoxGrid([box]).overlaps(Box(201.5, 100, 250, 150), pad=2) is True


def test_a_grid_finds_an_overlap_stored_in_any_cell_a_box_spans_and_skips_only_the_given_box() -> None:
    long = Box(10, 10, 300, 20)  # spans five 64 px cells
    grid = BoxGrid([long], cell=64)
    assert grid.cell == 64
    assert grid.overlaps(Box(250, 0, 260, 30)) and grid.overlaps(Box(12, 12, 14, 14))
    assert not grid.overlaps(Box(250, 0, 260, 30), skip=long)
    assert grid.overlaps(Box(250, 0, 260, 30), skip=Box(10, 10, 300, 21)), "skips only an equal box"
    grid.add(Box(-200, -200, -150, -150))  # negative coordinates fall in their own cells
    assert grid.overlaps(Box(-160, -160, -140, -140)) and not grid.overlaps(Box(-100, -100, -90, -90))
    assert BoxGrid().overlaps(Box(0, 0, 800, 600)) is False
    assert BoxGrid([long]).cell == 64.0


def test_a_place_label_goes_right_of_its_marker_else_the_next_free_spot_and_busier_places_choose_first() -> None:
    places = _places(
        ("a", (400, 300), "Alpha", "x"),
        ("b", (785, 300), "Edge", "x,y"),  # to the right it would leave the canvas
        ("c", (400, 316), "Cee", ""),  # to the right it would cover Alpha's label: placed last, it goes left
        ("d", (100, 100), "Dee", "x,y"),
    )
    labels = place_labels(places, CANVAS)
    assert list(labels.columns) == [
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
    ]
    assert list(labels["location_id"]) == ["b", "d", "a", "c"], "two companies first (by id), then one, then none"
    rows = labels.set_index("location_id").to_dict("index")
    a = rows["a"]
    assert (a["text"], a["baseline"], a["leader"], _spot(a)) == ("Alpha", "middle", False, ("left", 411, 300))
    assert _corners(a["box"]) == pytest.approx((411, 291.25, 411 + 0.62 * 14 * 5, 308.75))
    assert (a["label_lon"], a["label_lat"]) == pytest.approx(CANVAS.invert(411, 300))
    assert (a["lon"], a["lat"]) == (places.at[0, "lon"], places.at[0, "lat"])
    assert (_spot(rows["b"]), _spot(rows["c"]), _spot(rows["d"])) == (
        ("right", 774, 300),
        ("right", 389, 316),
        ("left", 111, 100),
    )
    assert rows["c"]["text"] == "Cee"


def _spot(row: dict) -> tuple:
    """Where a label was put: its alignment and its anchor in whole pixels (the canvas round trip adds 1e-13)."""
    return row["align"], round(row["x"], 6), round(row["y"], 6)


def _corners(box: Box) -> tuple[float, float, float, float]:
    return box.x0, box.y0, box.x1, box.y1


@pytest.mark.parametrize(
    ("obstacle", "spot"),
    [
        (Box(412, 250, 500, 350), ("right", "middle", 389, 300)),  # right taken: left, same distance
        (Box(300, 250, 500, 299), ("center", "top", 400, 311)),  # right, left and above taken: below
        (Box(300, 301, 500, 350), ("center", "bottom", 400, 289)),  # right, left, below taken: above
        (Box(380, 280, 420, 320), ("left", "middle", 424, 300)),  # the whole first ring taken: the second, right
    ],
)
def test_a_place_label_tries_right_left_above_below_then_a_wider_ring(obstacle: Box, spot: tuple) -> None:
    labels = place_labels(_places(("a", (400, 300), "Alpha", "x")), CANVAS, obstacles=[obstacle])
    row = labels.iloc[0].to_dict()
    assert (row["align"], row["baseline"], *_spot(row)[1:]) == spot
    assert row["leader"] == (spot[2:] == (424, 300)), "a label 20 px or more from its marker gets a leader line"


def test_a_place_with_no_free_spot_gets_no_label_and_the_answer_keeps_its_columns() -> None:
    labels = place_labels(_places(("a", (400, 300), "Alpha", "x")), CANVAS, obstacles=[Box(0, 0, 800, 600)])
    assert labels.empty and "label_lon" in labels.columns and "box" in labels.columns


def _line(flow_id: str, y: float, *, points: int = 25, x0: float = 100, step: float = 20) -> pd.DataFrame:
    """A straight path from (x0, y), `step` px a point: 25 points from 100 px have their middle at (340, y)."""
    rows = []
    for seq in range(points):
        lon, lat = CANVAS.invert(x0 + step * seq, y)
        rows.append({"flow_id": flow_id, "seq": seq, "x": x0 + step * seq, "y": y, "lon": lon, "lat": lat})
    return pd.DataFrame(rows)


def test_a_flow_label_sits_centred_on_the_middle_of_its_line_or_the_nearest_free_point_along_it() -> None:
    paths = _line("f", 300)
    flows = pd.DataFrame({"flow_id": ["f"]})
    [free] = place_flow_labels(flows, paths, CANVAS, [], {"f": "trains in"}).to_dict("records")
    assert (free["flow_id"], free["text"]) == ("f", "trains in")
    assert (free["lon"], free["lat"]) == (paths.at[12, "lon"], paths.at[12, "lat"])
    assert _corners(free["box"]) == pytest.approx(_corners(text_box(340, 300, "trains in", "center", "middle", 14)))
    # the middle and the points at 42 % and 58 % covered: the label moves to 34 % along (point 8 of 24)
    [moved] = place_flow_labels(flows, paths, CANVAS, [Box(330, 290, 350, 310)], {"f": "trains in"}).to_dict("records")
    assert (moved["lon"], moved["lat"]) == (paths.at[8, "lon"], paths.at[8, "lat"])
    # 1.5 px clear of the middle's box is not enough: flow labels keep 2 px from other labels
    [kept_clear] = place_flow_labels(flows, paths, CANVAS, [Box(380.56, 290, 390, 310)], {"f": "trains in"}).to_dict(
        "records"
    )
    assert (kept_clear["lon"], kept_clear["lat"]) != (paths.at[12, "lon"], paths.at[12, "lat"])
    # 2.5 px clear is enough
    [clear] = place_flow_labels(flows, paths, CANVAS, [Box(381.56, 290, 390, 310)], {"f": "trains in"}).to_dict(
        "records"
    )
    assert (clear["lon"], clear["lat"]) == (paths.at[12, "lon"], paths.at[12, "lat"])
    short = _line("f", 300, points=11)  # ten steps: the middle is point 5
    [mid] = place_flow_labels(flows, short, CANVAS, [], {"f": "trains in"}).to_dict("records")
    assert (mid["lon"], mid["lat"]) == (short.at[5, "lon"], short.at[5, "lat"])
    blocked = place_flow_labels(flows, paths, CANVAS, [Box(200, 280, 480, 320)], {"f": "trains in"})
    assert blocked.empty and list(blocked.columns) == ["flow_id", "text", "lon", "lat", "box"]


def test_the_same_flow_words_are_written_once_per_corridor_and_flows_without_words_or_line_get_none() -> None:
    paths = pd.concat([_line("a", 300), _line("b", 330), _line("c", 500), _line("d", 100), _line("e", 200)])
    flows = pd.DataFrame({"flow_id": ["a", "b", "c", "d", "e", "nowhere"]})
    texts = {"a": "supplies", "b": "supplies", "c": "supplies", "d": "trains in", "nowhere": "uses"}
    labels = place_flow_labels(flows, paths, CANVAS, [], texts)
    # b runs 30 px from a with the same words: skipped; c, 200 px away, gets them again; e has no words
    assert list(labels["flow_id"]) == ["a", "c", "d"]
    assert list(labels["text"]) == ["supplies", "supplies", "trains in"]
    near_but_other_words = place_flow_labels(flows.iloc[:2], paths, CANVAS, [], {"a": "supplies", "b": "uses"})
    assert list(near_but_other_words["flow_id"]) == ["a", "b"]
    # distances are between the lines' middles: a line drawn the other way shares a's middle; one whose
    # middle is 200 px along a's own row is far enough; one exactly 160 px off is too
    others = pd.concat(
        [_line("a", 300), _line("back", 330, x0=580, step=-20), _line("along", 300, x0=300), _line("off", 460)]
    )
    flows = pd.DataFrame({"flow_id": ["a", "back", "along", "off"]})
    labels = place_flow_labels(flows, others, CANVAS, [], dict.fromkeys(flows["flow_id"], "supplies"))
    assert list(labels["flow_id"]) == ["a", "along", "off"]


def test_a_place_label_may_touch_its_own_marker_diagonally_when_the_four_sides_are_taken() -> None:
    # Around (400, 300): right, left, above and below blocked at 11 px; the first diagonal spot (up and right)
    # overlaps only the place's own marker, which does not count: the label stays close, without a leader.
    blocks = [Box(420, 295, 430, 305), Box(370, 295, 380, 305), Box(380, 275, 390, 285), Box(395, 315, 405, 325)]
    labels = place_labels(_places(("a", (400, 300), "Alpha", "x")), CANVAS, obstacles=blocks)
    row = labels.iloc[0].to_dict()
    assert (row["align"], row["baseline"], row["leader"]) == ("left", "bottom", False)
    assert (round(row["x"], 6), round(row["y"], 6)) == (408.8, 291.2)


def test_a_place_label_never_covers_another_places_marker() -> None:
    # Alpha's first spot, right of it, would end 0.4 px into Beta's marker (454-470) with the 1 px padding; a
    # marker 2 px further off leaves that spot free.
    near = place_labels(_places(("a", (400, 300), "Alpha", "x,y"), ("b", (462, 300), "B", "")), CANVAS)
    assert _spot(near.set_index("location_id").loc["a"].to_dict()) == ("right", 389, 300)
    far = place_labels(_places(("a", (400, 300), "Alpha", "x,y"), ("b", (464, 300), "B", "")), CANVAS)
    assert _spot(far.set_index("location_id").loc["a"].to_dict()) == ("left", 411, 300)
    # on the left: Alpha's left spot (345.6-389) would touch Beta's marker (330-346)
    left = place_labels(
        _places(("a", (400, 300), "Alpha", "x,y"), ("b", (338, 300), "B", "")),
        CANVAS,
        obstacles=[Box(420, 295, 430, 305)],
    )
    assert _spot(left.set_index("location_id").loc["a"].to_dict()) != ("right", 389, 300)
    # above and below: a marker just over or under the label's row blocks it too
    for y in (284, 316):
        other = place_labels(_places(("a", (400, 300), "Alpha", "x,y"), ("b", (430, y), "B", "")), CANVAS)
        assert _spot(other.set_index("location_id").loc["a"].to_dict()) != ("left", 411, 300), y


def test_a_place_with_companies_is_labelled_before_a_place_with_none_whatever_their_ids() -> None:
    labels = place_labels(_places(("a", (100, 100), "A", ""), ("b", (600, 400), "B", "x")), CANVAS)
    assert list(labels["location_id"]) == ["b", "a"]
