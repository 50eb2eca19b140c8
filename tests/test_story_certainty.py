"""Story slides are as certain as their sources: inference and unverified owners are marked, no unsupported count."""

from __future__ import annotations

import pandas as pd
from conftest import DATA_DIR

from supplychain.charts.story import chain_cells
from supplychain.data.entities import build_entity_index
from supplychain.data.load import load_dataset
from supplychain.rules.chains import chain_rows, chinese_developers
from supplychain.rules.graph import build_graph
from supplychain.rules.story import frame_region, story_steps


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
