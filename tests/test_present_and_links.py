"""Story mode steps (content from data/story_steps.csv), links that reopen a view, and shared filters."""

from __future__ import annotations

import pytest
from test_pages import open_page, texts

from supplychain.charts.map_tables import build_map_base
from supplychain.charts.maps import prepare_region
from supplychain.charts.story import standings_slide
from supplychain.data.load import load_dataset
from supplychain.rules import regions
from supplychain.rules.standings import finding_standings
from supplychain.rules.story import (
    SLIDE_LABEL_PX,
    SLIDE_MAP_PLOT,
    SLIDE_ROWS_HEIGHT,
    enlarge_fonts,
    fit_to_slide,
    frame_projection,
    frame_region,
    grow_with_slide,
    legends_at_right,
    story_steps,
    view_url,
    wrap_legends,
)

TABLES = load_dataset().tables
STEPS = story_steps(TABLES)
LOCATIONS = TABLES["locations"].set_index("location_id")


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_every_story_step_renders_its_visual_and_quote(number: int) -> None:
    at = open_page("present", {"step": str(number)})
    assert not at.exception, at.exception
    step = STEPS[number - 1]
    body = texts(at)
    assert step.heading in body and f"Step {number} of {len(STEPS)}" in body
    assert len(at.get("vega_lite_chart")) == 1
    assert not at.info, [i.value for i in at.info]


def test_story_steps_come_from_the_data_file_in_position_order() -> None:
    rows = TABLES["story_steps"].sort_values("position")
    assert [s.heading for s in STEPS] == list(rows["heading"])
    assert STEPS[0].params == {"region": "east_asia"}
    graph = next(s for s in STEPS if s.visual == "graph")
    assert graph.params == {"focus": "deepseek", "hops": "1"}


def test_a_curator_edit_of_a_step_row_changes_the_step() -> None:
    edited = {**TABLES, "story_steps": TABLES["story_steps"].copy()}
    edited["story_steps"].loc[edited["story_steps"]["position"] == 2, "heading"] = "A new heading"
    assert story_steps(edited)[1].heading == "A new heading"


def test_open_this_view_links_the_normal_page_without_embed() -> None:
    for step in STEPS:
        url = view_url(step)
        assert "embed" not in url and url.split("?")[0] == step.page
    assert view_url(STEPS[1]) == "timeline?from=2024-11-01&to=2025-12-31&lanes=us"


@pytest.mark.parametrize("step", [s for s in STEPS if s.visual == "map"], ids=lambda s: s.heading)
def test_each_map_step_frames_where_its_flows_start_and_end(step) -> None:
    region = frame_region(step.frame)
    hubs = LOCATIONS[(LOCATIONS["region"] == "sea") & (LOCATIONS["kind"] == "datacentre_hub")]
    assert len(hubs) >= 3
    for location_id, row in hubs.iterrows():
        assert region.contains(float(row["lon"]), float(row["lat"])), f"{location_id} outside {step.heading}"
    hangzhou = LOCATIONS.loc["hangzhou"]  # Alibaba's headquarters, where the training flows start
    assert region.contains(float(hangzhou["lon"]), float(hangzhou["lat"]))


def test_the_first_map_step_holds_both_developers_headquarters() -> None:
    step = next(s for s in STEPS if s.visual == "map")
    region = frame_region(step.frame)
    companies = TABLES["companies"].set_index("company_id")
    for company in ("alibaba", "bytedance"):
        place = LOCATIONS.loc[companies.loc[company, "hq_location_id"]]
        assert region.contains(float(place["lon"]), float(place["lat"])), company


def test_map_steps_frames_differ() -> None:
    frames = [s.frame for s in STEPS if s.visual == "map"]
    assert len(frames) == 2 and frames[0] != frames[1]


def test_strait_labels_do_not_collide_on_the_smallest_slide() -> None:
    base = build_map_base(TABLES)
    for step in (s for s in STEPS if s.visual == "map"):
        region = frame_region(step.frame)
        labels = prepare_region(base.points, base.flows, region, projection=frame_projection(region))["labels"]
        # The map on the smallest slide, drawn at the slide's label size: boxes from an average glyph width.
        plot = regions.Projection.fit(region, *SLIDE_MAP_PLOT)
        boxes = {}
        for label in labels:
            x, y = plot.project(label["label_lon"], label["label_lat"])
            w, h = 0.56 * SLIDE_LABEL_PX * len(label["text"]), SLIDE_LABEL_PX
            x0 = {"left": x, "center": x - w / 2, "right": x - w}[label["align"]]
            y0 = {"top": y, "middle": y - h / 2, "bottom": y - h, "alphabetic": y - h}[label["baseline"]]
            boxes[label["text"]] = (x0, y0, x0 + w, y0 + h)
        names = ["Kuala Lumpur", "Johor", "Singapore", "Southeast Asia"]
        assert set(names) <= set(boxes), (step.heading, sorted(boxes))
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                ax0, ay0, ax1, ay1 = boxes[a]
                bx0, by0, bx1, by1 = boxes[b]
                assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, f"{a} overlaps {b} in {step.heading}"


def test_next_button_moves_to_the_next_step_in_the_url() -> None:
    at = open_page("present", {"step": "2"})
    at.button[1].click().run()
    assert at.query_params["step"] == "3"
    assert STEPS[2].heading in texts(at)


def test_nonsense_step_opens_step_one_with_a_notice() -> None:
    at = open_page("present", {"step": "99"})
    assert not at.exception
    assert STEPS[0].heading in texts(at)
    assert any("step=99" in i.value for i in at.info)


def test_story_mode_has_no_sidebar_and_no_share_box() -> None:
    at = open_page("present")
    assert len(at.sidebar.children) == 0


def test_closing_step_lists_every_key_finding_with_its_standing() -> None:
    number = next(i for i, s in enumerate(STEPS, 1) if s.visual == "standings")
    assert number == len(STEPS), "the standings step closes the story"
    at = open_page("present", {"step": str(number)})
    assert not at.exception
    assert at.get("vega_lite_chart"), "the step draws its chart"
    spec = standings_slide(finding_standings(TABLES))  # the builder the step draws (Streamlit sends rows as Arrow)
    drawn = [
        row["text"].replace("\n", " ")
        for rows in spec["datasets"].values()
        for row in rows
        if isinstance(row, dict) and row.get("part") == "finding"
    ]
    key = TABLES["claims"][TABLES["claims"]["is_key_finding"].fillna(False)]
    assert sorted(drawn) == sorted(key["text_en"]), "every key finding, whole: none shortened"


def test_presentation_fonts_are_at_least_16px() -> None:
    spec = {
        "config": {"axis": {"labelFontSize": 11}},
        "layer": [{"mark": {"type": "text", "fontSize": 12}}],
        "datasets": {"d": [{"fontSize": 1}]},
    }
    out = enlarge_fonts(spec)
    assert out["config"]["axis"]["labelFontSize"] >= 16 and out["layer"][0]["mark"]["fontSize"] >= 16
    assert out["datasets"] == spec["datasets"], "data rows are left alone"


def test_slide_legends_wrap_and_never_cut_a_label() -> None:
    spec = {"encoding": {"color": {"legend": {"orient": "top", "labelLimit": 120}}}}
    legend = wrap_legends(spec)["encoding"]["color"]["legend"]
    assert legend["labelLimit"] == 0 and legend["columns"] == 3


def test_shared_filters_follow_the_reader_to_the_next_page() -> None:
    at = open_page("map", {"company": "alibaba"})
    assert at.title[0].value == "Map"
    assert at.multiselect(key="company").value == ["alibaba"]
    # The reader opens the timeline in the same session (through the router, which AppTest's switch_page
    # runs once it has run); Streamlit drops the query string on a page switch.
    at.query_params.clear()
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert at.title[0].value.startswith("Timeline"), "the test must reach the other page"
    assert at.multiselect(key="company").value == ["alibaba"]
    assert at.query_params["company"] == "alibaba"


def test_a_setting_not_shared_stays_on_its_page() -> None:
    """The Map's region is its own: after the switch only the shared company filter is carried."""
    at = open_page("map", {"company": "alibaba", "region": "sea"})
    at.query_params.clear()
    at.switch_page("pages/timeline.py").run()
    assert at.title[0].value.startswith("Timeline")
    assert dict(at.query_params) == {"company": "alibaba"}


@pytest.mark.parametrize(
    ("page", "params", "key"),
    [
        ("data", {"table": "chips", "designer_id": "huawei"}, "designer_id"),
        ("map", {"region": "sea", "relation": "trains_in"}, "relation"),
        ("timeline", {"lanes": "us,nvidia", "from": "2025-01-01"}, "lanes"),
        ("relationships", {"focus": "deepseek", "hops": "2"}, "focus"),
        ("sources", {"claim": "deepseek_works_with_huawei"}, "claim"),
        ("entity", {"id": "h20"}, "id"),
    ],
)
def test_a_link_opened_fresh_reopens_the_same_view(page: str, params: dict[str, str], key: str) -> None:
    first = open_page(page, params)
    assert not first.exception and not first.info, [i.value for i in first.info]
    link = dict(first.query_params)
    assert link[key] == params[key], f"the link keeps its {key}"
    again = open_page(page, link)
    assert dict(again.query_params) == link
    assert texts(again) == texts(first)
    # A different link (without the parameter) must open a different view, or the check above proves nothing.
    other = open_page(page, {k: v for k, v in params.items() if k != key})
    assert key not in dict(other.query_params) or dict(other.query_params)[key] != params[key]
    assert texts(other) != texts(first), f"{key}={params[key]} changes nothing on the page"


def test_a_per_chip_chart_shrinks_its_rows_so_more_chips_still_fit_the_slide() -> None:
    for rows in (5, 13, 18):
        spec = {
            "height": {"step": 30},
            "layer": [{"encoding": {"y": {"field": "chip_name", "sort": list(range(rows))}}}],
        }
        step = fit_to_slide(spec)["height"]["step"]
        assert step * rows <= SLIDE_ROWS_HEIGHT and step <= 22


def test_slide_type_and_label_limits_grow_with_the_slide_width() -> None:
    spec = {
        "config": {"axis": {"labelFontSize": 16}, "legend": {"labelLimit": 0}},
        "layer": [{"mark": {"type": "text", "fontSize": 18}, "encoding": {"y": {"axis": {"labelLimit": 200}}}}],
        "datasets": {"d": [{"fontSize": 1}]},
    }
    out = grow_with_slide(spec)
    assert "containerSize()" in out["layer"][0]["mark"]["fontSize"]["expr"], "type grows with the chart's width"
    assert out["layer"][0]["mark"]["fontSize"]["expr"].startswith("18 * ")
    assert out["layer"][0]["encoding"]["y"]["axis"]["labelLimit"]["expr"].startswith("200 * "), "a limit grows too"
    assert out["config"]["legend"]["labelLimit"] == 0, "no limit stays no limit"
    assert out["config"]["legend"]["titleLimit"]["expr"].startswith("180 * "), "Vega's default limit grows too"
    assert out["datasets"] == spec["datasets"], "data rows are left alone"


def test_a_frames_labels_are_placed_on_a_plot_of_the_slide_maps_shape_smaller_as_the_slides_labels_are_larger() -> None:
    for step in (s for s in STEPS if s.visual == "map"):
        projection = frame_projection(frame_region(step.frame))
        assert projection.width / projection.height == pytest.approx(SLIDE_MAP_PLOT[0] / SLIDE_MAP_PLOT[1])
        assert projection.width < SLIDE_MAP_PLOT[0], "labels drawn larger on the slide take more of the map"


def test_a_steps_map_frame_shows_exactly_its_box_at_the_slide_maps_height() -> None:
    for step in (s for s in STEPS if s.visual == "map"):
        region = frame_region(step.frame)
        assert (region.lon_min, region.lon_max, region.lat_min, region.lat_max) == tuple(step.frame)
        assert region.height == SLIDE_MAP_PLOT[1]


def test_on_a_slide_every_legend_stands_in_one_column_at_the_right_and_the_data_is_left_alone() -> None:
    legend = {"orient": "bottom", "direction": "horizontal", "columns": 3, "title": "Kind"}
    spec = {
        "layer": [
            {"encoding": {"color": {"field": "kind", "legend": legend}}},
            {"encoding": {"size": {"legend": None}}},
        ],
        "datasets": {"rows": [{"legend": {"orient": "bottom"}}]},
        "config": {"font": "Inter", "legend": {"symbolType": "circle"}},
    }
    out = legends_at_right(spec)
    assert out["config"]["font"] == "Inter" and out["config"]["legend"]["symbolType"] == "circle", "the theme stays"
    moved = out["layer"][0]["encoding"]["color"]["legend"]
    assert moved == {"orient": "right", "direction": "vertical", "columns": 1, "title": "Kind"}
    assert out["layer"][1]["encoding"]["size"]["legend"] is None, "a hidden legend stays hidden"
    assert out["datasets"] == spec["datasets"], "a data row is never rewritten"
    assert out["config"]["legend"]["orient"] == "right" and out["config"]["legend"]["direction"] == "vertical"
    assert legend["orient"] == "bottom", "the page's own spec is not changed"
