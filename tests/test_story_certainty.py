"""Story slides are as certain as their sources: inference and unverified owners are marked, no unsupported count."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA_DIR

from supplychain.charts.story import chain_cells
from supplychain.data.entities import build_entity_index
from supplychain.data.load import load_dataset
from supplychain.rules.chains import chain_rows, chinese_developers
from supplychain.rules.graph import build_graph
from supplychain.rules.story import (
    SLIDE_SCALE,
    Step,
    causal_events,
    check_story_steps,
    enlarge_fonts,
    fit_to_slide,
    frame_region,
    grow_with_slide,
    legends_at_right,
    map_to_slide,
    story_steps,
    view_url,
    wrap_legends,
)


def _cells() -> pd.DataFrame:
    tables = load_dataset(DATA_DIR).tables
    graph = build_graph(tables, build_entity_index(tables))
    companies = tables["companies"]
    unverified = companies.loc[companies["ownership"] == "unknown", "company_id"]
    cells = chain_cells(chain_rows(graph, chinese_developers(tables)), wrap=200, unverified=list(unverified))
    return cells.set_index(["developer", "stage"])["lines"]


def test_chain_slide_marks_johor_as_our_inference_and_southeast_asia_as_stated() -> None:
    cells = _cells()
    where = next(v for (dev, _), v in cells.items() if dev.startswith("Alibaba") and "Johor" in v)
    assert "Johor (our inference)" in where
    assert "Southeast Asia" in where and "Southeast Asia (our inference)" not in where


def test_chain_slide_marks_owners_whose_ownership_is_not_verified() -> None:
    text = "\n".join(_cells())
    assert "Megaspeed International (ownership not verified)" in text
    assert "Aolani Cloud (ownership not verified)" in text


def test_chain_slide_pairs_no_model_count_with_where_training_happens() -> None:
    cells = _cells()
    assert not any("model" in line for line in cells), "a count of models beside 'trained where' claims too much"
    assert not any(stage.lower().startswith("model") for _, stage in cells.index)


def test_the_boom_step_frames_china_whole_with_the_hubs_it_names() -> None:
    tables = load_dataset(DATA_DIR).tables
    step = next(s for s in story_steps(tables) if s.heading == "Singapore and Malaysia boom")
    region = frame_region(step.frame)
    places = tables["locations"].set_index("location_id")
    for place in ("china", "beijing", "hangzhou", "shenzhen", "singapore", "johor"):
        assert region.contains(places.loc[place, "lon"], places.loc[place, "lat"]), place


def test_each_step_names_the_claim_behind_it_or_none_and_only_the_view_settings_it_sets() -> None:
    blank = {c: None for c in ("region", "from", "to", "lanes", "asof", "focus", "hops")}
    frame = {c: None for c in ("frame_lon_min", "frame_lon_max", "frame_lat_min", "frame_lat_max")}
    common = {"text": "Why.", "visual": "timeline", "page": "timeline", **blank, **frame}
    rows = pd.DataFrame(
        [
            {"position": 2, "heading": "Second", "claim_id": None, **common, "lanes": "chips"},
            {"position": 1, "heading": "First", "claim_id": "c_one", **common, "from": pd.Timestamp("2025-01-01")},
        ]
    )
    first, second = story_steps({"story_steps": rows})
    assert (first.heading, first.claim_id, first.params) == ("First", "c_one", {"from": "2025-01-01"})
    assert (second.heading, second.claim_id, second.params) == ("Second", None, {"lanes": "chips"})
    assert (first.text, first.visual, first.page, first.frame) == ("Why.", "timeline", "timeline", None)


LANES = pd.DataFrame({"lane_id": ["us", "nvidia", "cn"], "lane_group": ["chips", "chips", None]})


def step_rows(*rows: dict) -> pd.DataFrame:
    """story_steps rows as the loader types them: blanks None, dates as Timestamps."""
    blank = {c: None for c in ("lanes", "region", "from", "to")}
    return pd.DataFrame([{**blank, **row} for row in rows])


def test_a_step_naming_a_lane_or_group_not_in_lanes_csv_is_a_problem_naming_its_line_and_only_the_unknown_codes() -> (
    None
):
    rows = step_rows({"lanes": "us,atlantis,chips,mu"}, {"lanes": "us,,cn"}, {"lanes": "chips"})
    problems = check_story_steps({"story_steps": rows, "lanes": LANES})
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [("story_steps.csv", 2, "lanes", "atlantis,mu")]
    assert problems[0].expected == "lane ids or lane groups from lanes.csv"


def test_a_step_whose_map_preset_does_not_exist_is_a_problem_that_lists_the_presets() -> None:
    rows = step_rows({"region": "east_asia"}, {"region": "atlantis"}, {"region": "strait"})
    problems = check_story_steps({"story_steps": rows, "lanes": LANES})
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [("story_steps.csv", 3, "region", "atlantis")]
    assert problems[0].expected == "a map preset: world, east_asia, sea, strait"


def test_a_step_ending_before_it_starts_is_a_problem_on_its_to_date_and_a_one_day_step_is_not() -> None:
    day = pd.Timestamp
    rows = step_rows(
        {"from": day("2025-04-09"), "to": day("2025-04-08")},
        {"from": day("2025-04-09"), "to": day("2025-04-09")},
        {"from": None, "to": day("2025-04-08")},
        {"from": day("2025-04-09"), "to": None},
    )
    problems = check_story_steps({"story_steps": rows, "lanes": LANES})
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [("story_steps.csv", 2, "to", "2025-04-08")]
    assert problems[0].expected == "a date on or after from"


def test_every_problem_of_every_step_is_listed_in_file_order() -> None:
    rows = step_rows(
        {"lanes": "atlantis", "region": "mars", "from": pd.Timestamp("2025-02-01"), "to": pd.Timestamp("2025-01-01")},
        {"lanes": "us"},
        {"lanes": "mu"},
    )
    problems = check_story_steps({"story_steps": rows, "lanes": LANES})
    assert [(p.line, p.column) for p in problems] == [(2, "lanes"), (2, "region"), (2, "to"), (4, "lanes")]


def test_story_steps_are_checked_only_when_both_they_and_the_lanes_were_read() -> None:
    rows = step_rows({"lanes": "atlantis"})
    assert check_story_steps({"story_steps": rows}) == []
    assert check_story_steps({"lanes": LANES}) == []
    assert check_story_steps({"story_steps": rows, "lanes": LANES}) != []


def test_the_shipped_story_steps_have_no_problem() -> None:
    assert check_story_steps(load_dataset(DATA_DIR).tables) == []


def test_a_step_without_view_settings_links_its_page_without_a_question_mark() -> None:
    step = Step(heading="H", text="T", claim_id=None, visual="standings", page="standings")
    assert view_url(step) == "standings"
    focused = Step(heading="H", text="T", claim_id=None, visual="graph", page="relationships", params={"focus": "a b"})
    assert view_url(focused) == "relationships?focus=a+b"


def test_a_map_step_has_its_frame_only_when_all_four_edges_are_given() -> None:
    frame = {"frame_lon_min": 92, "frame_lon_max": 128, "frame_lat_min": -3, "frame_lat_max": 42}
    common = {"text": "Why.", "claim_id": None, "visual": "map", "page": "map"}
    common |= {c: None for c in ("region", "from", "to", "lanes", "asof", "focus", "hops")}
    rows = pd.DataFrame(
        [
            {"position": 1, "heading": "Framed", **common, **frame},
            {"position": 2, "heading": "Half framed", **common, **frame, "frame_lat_max": None},
        ]
    )
    framed, half = story_steps({"story_steps": rows})
    assert framed.frame == (92.0, 128.0, -3.0, 42.0) and all(isinstance(v, float) for v in framed.frame)
    assert half.frame is None, "a frame missing an edge is no frame: the step uses its preset"


def test_steps_with_the_same_position_keep_the_files_order() -> None:
    common = {"text": "Why.", "claim_id": None, "visual": "timeline", "page": "timeline"}
    common |= {c: None for c in ("region", "from", "to", "lanes", "asof", "focus", "hops")}
    common |= {c: None for c in ("frame_lon_min", "frame_lon_max", "frame_lat_min", "frame_lat_max")}
    rows = pd.DataFrame([{"position": p, "heading": h, **common} for p, h in [(2, "B"), (1, "A"), (2, "C"), (1, "D")]])
    assert [s.heading for s in story_steps({"story_steps": rows})] == ["A", "D", "B", "C"]


def test_slide_fonts_grow_by_the_factor_symbols_by_its_square_and_flags_and_words_are_left_alone() -> None:
    spec = {
        "config": {"legend": {"labelFontSize": 20, "symbolSize": 100, "titleFontSize": True}},
        "layer": [{"mark": {"fontSize": 10, "font": "Inter"}}, [{"titleFontSize": 30}]],
        "fontSize": "large",
    }
    out = enlarge_fonts(spec, minimum=14, factor=2)
    legend = out["config"]["legend"]
    assert (legend["labelFontSize"], legend["symbolSize"], legend["titleFontSize"]) == (40, 400, True)
    assert out["layer"][0]["mark"] == {"fontSize": 20, "font": "Inter"}
    assert out["layer"][1] == [{"titleFontSize": 60}] and out["fontSize"] == "large"
    assert enlarge_fonts({"fontSize": 9})["fontSize"] == 16, "never below the default 16 px"
    nested = enlarge_fonts({"config": {"axis": {"labelFontSize": 6}}, "layer": [{"fontSize": 6}]}, minimum=10)
    assert (nested["config"]["axis"]["labelFontSize"], nested["layer"][0]["fontSize"]) == (10, 10), "at every depth"
    assert enlarge_fonts({"fontSize": 20})["fontSize"] == pytest.approx(26), "the default factor is 1.3"
    assert enlarge_fonts({"symbolSize": 100})["symbolSize"] == pytest.approx(169)
    assert spec["config"]["legend"]["labelFontSize"] == 20, "the page's own spec is not changed"


def test_slide_type_grows_but_symbol_areas_flags_unlimited_labels_and_set_limits_are_kept() -> None:
    spec = {
        "config": {"legend": {"symbolSize": 100, "labelFontSize": True, "labelLimit": 90}, "axis": {"titleLimit": 0}},
        "layer": [[{"limit": 40, "titleFontSize": 12}], {"datasets": {"d": [{"fontSize": 1}]}}],
        "datasets": {"d": [{"fontSize": 1}]},
    }
    out = grow_with_slide(spec)
    legend = out["config"]["legend"]
    assert (legend["symbolSize"], legend["labelFontSize"]) == (100, True)
    assert legend["labelLimit"]["expr"] == "90 * clamp(containerSize()[0] / 1120, 1, 1.35)", "the spec's own limit"
    assert legend["titleLimit"]["expr"].startswith("180 * ") and out["config"]["axis"]["titleLimit"] == 0
    assert out["config"]["axis"]["labelLimit"]["expr"].startswith("180 * "), "Vega's axis default grows"
    assert out["layer"][0] == [
        {"limit": {"expr": f"40 * {SLIDE_SCALE}"}, "titleFontSize": {"expr": f"12 * {SLIDE_SCALE}"}}
    ]
    assert out["layer"][1] == {"datasets": {"d": [{"fontSize": 1}]}} and out["datasets"] == spec["datasets"]
    assert grow_with_slide({"fontSize": 12})["config"]["legend"]["labelLimit"]["expr"].startswith("160 * ")
    assert grow_with_slide({"labelLimit": 1})["labelLimit"] == {"expr": f"1 * {SLIDE_SCALE}"}, "any set limit grows"


def test_a_chart_of_fixed_height_takes_the_slides_height_and_width_and_fits_inside_its_padding() -> None:
    out = fit_to_slide({"height": 300, "width": 500, "mark": "bar"})
    assert (out["height"], out["width"], out["mark"]) == ("container", "container", "bar")
    assert out["autosize"] == {"type": "fit", "contains": "padding"}
    kept = fit_to_slide({"height": 300, "autosize": {"type": "pad"}})
    assert kept["autosize"] == {"type": "pad"}, "a chart's own autosize is kept"


def test_a_per_row_chart_keeps_thin_rows_and_caps_thick_ones_at_22_px() -> None:
    assert fit_to_slide({"height": {"step": 12}})["height"] == {"step": 12}
    assert fit_to_slide({"height": {"step": 40}})["height"] == {"step": 22}
    sorted_top = {"height": {"step": 40}, "encoding": {"y": {"sort": list(range(20))}}}
    assert fit_to_slide(sorted_top)["height"] == {"step": 13}, "rows sorted at the top level: 260 px / 20"
    eighteen = {"height": {"step": 40}, "encoding": {"y": {"sort": list(range(18))}}}
    assert fit_to_slide(eighteen)["height"] == {"step": 14}, "whole pixels: 260 / 18 rounded down"
    unsorted = {"height": {"step": 40}, "layer": [{"encoding": {"y": {"sort": "ascending"}}}]}
    assert fit_to_slide(unsorted)["height"] == {"step": 22}, "a sort that names no rows gives no count"


def test_a_legend_set_to_the_right_or_without_a_side_is_not_wrapped_and_its_own_columns_are_kept() -> None:
    spec = {
        "layer": [
            {"encoding": {"color": {"legend": {"orient": "right", "labelLimit": 100}}}},
            {"encoding": {"color": {"legend": {"labelLimit": 100}}}},
            {"encoding": {"color": {"legend": {"orient": "bottom", "columns": 2}}}},
        ],
        "datasets": {"d": [{"legend": {"orient": "top"}}]},
    }
    out = wrap_legends(spec, columns=4)
    legends = [layer["encoding"]["color"]["legend"] for layer in out["layer"]]
    assert legends == [
        {"orient": "right", "labelLimit": 100},
        {"labelLimit": 100},
        {"orient": "bottom", "columns": 2, "labelLimit": 0},
    ]
    assert out["datasets"] == spec["datasets"]
    deep = wrap_legends({"layer": [{"encoding": {"color": {"legend": {"orient": "top"}}}}]}, columns=4)
    assert deep["layer"][0]["encoding"]["color"]["legend"]["columns"] == 4, "the columns asked for, at every depth"
    one = wrap_legends({"legend": {"orient": "top"}}, columns=4)["legend"]
    assert one == {"orient": "top", "columns": 4, "labelLimit": 0}


def test_a_slide_legend_at_the_right_has_the_slides_type_and_spacing() -> None:
    legend = legends_at_right({"mark": "point"})["config"]["legend"]
    assert legend == {
        "orient": "right",
        "direction": "vertical",
        "labelLimit": 0,
        "labelFontSize": 15,
        "titleFontSize": 15,
        "rowPadding": 1,
        "padding": 2,
        "titlePadding": 3,
        "symbolSize": 110,
    }
    nested = legends_at_right({"vconcat": [{"encoding": {"color": {"legend": {"title": "K"}}}}]})
    assert nested["vconcat"][0]["encoding"]["color"]["legend"]["orient"] == "right"


def test_a_slide_map_is_at_most_350_px_tall_and_a_shorter_map_keeps_its_height() -> None:
    assert map_to_slide({"height": 500, "mark": "geoshape"}) == {"height": 350, "mark": "geoshape"}
    assert map_to_slide({"height": 300})["height"] == 300
    assert map_to_slide({})["height"] == 350
    assert map_to_slide({"height": 500}, height=400)["height"] == 400


def test_many_steps_sharing_a_position_keep_the_files_order() -> None:
    common = {"text": "Why.", "claim_id": None, "visual": "timeline", "page": "timeline"}
    common |= {c: None for c in ("region", "from", "to", "lanes", "asof", "focus", "hops")}
    common |= {c: None for c in ("frame_lon_min", "frame_lon_max", "frame_lat_min", "frame_lat_max")}
    rows = pd.DataFrame([{"position": i % 3, "heading": f"step {i}", **common} for i in range(60)])
    headings = [s.heading for s in story_steps({"story_steps": rows})]
    assert headings == [f"step {i}" for p in range(3) for i in range(60) if i % 3 == p]


def test_an_event_with_a_blank_causal_step_cell_is_not_a_step_of_the_chain() -> None:
    events = pd.DataFrame(
        {
            "event_id": ["yes", "blank", "no"],
            "date": pd.to_datetime(["2025-04-09", "2025-04-10", "2025-04-11"]),
            "date_precision": ["day", "day", "day"],
            "is_causal_step": pd.array([True, None, False], dtype="boolean"),  # as the loader types it
        }
    )
    assert list(causal_events(events)["event_id"]) == ["yes"]
