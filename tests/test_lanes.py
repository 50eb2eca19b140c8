"""Which timeline lane an event, a model or a chip goes to, as data/lanes.csv says (rules/lanes.py)."""

from __future__ import annotations

import pandas as pd
from conftest import DATA_DIR

from supplychain.data.load import read_table
from supplychain.data.schema import read_package
from supplychain.i18n import language_of
from supplychain.rules.lanes import chip_lane, event_lane, model_lane, read_lanes, rows_by_id

PACKAGE = read_package(DATA_DIR)
SHIPPED = {t: read_table(DATA_DIR, PACKAGE, t) for t in ("lanes", "companies", "translations")}
LANES = read_lanes(SHIPPED)
SHIPPED_CHIPS = read_table(DATA_DIR, PACKAGE, "chips")
COLUMNS = list(SHIPPED["lanes"].columns)


def lanes_table(*rows: dict) -> pd.DataFrame:
    """A lanes.csv of the given rows (other columns blank)."""
    return pd.DataFrame([{c: row.get(c) for c in COLUMNS} for row in rows], columns=COLUMNS)


def release(**values) -> dict:
    return {"category": "model_release", "model_id": None, "chip_id": None, "company_id": None, **values}


def test_lane_groups_hold_their_own_lanes_in_display_order() -> None:
    assert dict(LANES.groups) == {
        "measures": ("us", "cn", "other_gov"),
        "chips": ("nvidia", "cn_chips"),
        "models": ("qwen", "doubao", "deepseek"),
    }


def test_a_release_of_a_model_not_in_the_data_goes_to_its_developers_lane_else_the_catch_all() -> None:
    assert event_lane(release(model_id="qwen9", company_id="alibaba"), {}, {}, LANES) == "qwen"
    assert event_lane(release(model_id="grok5", company_id="xai"), {}, {}, LANES) == "industry"


def test_a_known_model_goes_to_its_familys_lane_whatever_company_the_event_names() -> None:
    models = {"qwen3": {"model_id": "qwen3", "family": "Qwen", "developer_id": "alibaba"}}
    assert event_lane(release(model_id="qwen3", company_id="bytedance"), models, {}, LANES) == "qwen"


def test_a_model_with_no_family_lane_goes_to_its_developers_lane_else_the_catch_all() -> None:
    assert model_lane({"family": "Seed", "developer_id": "bytedance"}, LANES) == "doubao"
    assert model_lane({"family": "Llama", "developer_id": "meta"}, LANES) == "industry"
    assert model_lane(None, LANES) == "industry"


def test_a_subsidiarys_model_goes_to_its_parents_lane() -> None:
    """companies.csv: alibaba_cloud's parent is alibaba, whose lane is Qwen."""
    assert LANES.developer["alibaba_cloud"] == "qwen"
    assert model_lane({"family": "Wan", "developer_id": "alibaba_cloud"}, LANES) == "qwen"


def test_a_chip_launch_goes_to_its_chips_lane_under_either_chip_category() -> None:
    chips = rows_by_id(SHIPPED_CHIPS, "chip_id")
    for category in ("nvidia_chip", "chinese_chip"):
        assert event_lane({"category": category, "chip_id": "h20"}, {}, chips, LANES) == "nvidia"
        assert event_lane({"category": category, "chip_id": "ascend_910c"}, {}, chips, LANES) == "cn_chips"


def test_a_chip_launch_naming_no_known_chip_goes_to_its_categorys_lane() -> None:
    assert event_lane({"category": "chinese_chip", "chip_id": "unknown"}, {}, {}, LANES) == "cn_chips"
    assert chip_lane(None, LANES, "nvidia_chip") == "nvidia"
    assert chip_lane(None, LANES) == "industry"


def test_an_event_of_a_category_no_lane_takes_goes_to_the_catch_all() -> None:
    assert event_lane({"category": "something_new"}, {}, {}, LANES) == "industry"


def test_the_catch_all_is_the_lane_marked_so_else_the_last_lane() -> None:
    companies = SHIPPED["companies"]
    marked = lanes_table(
        {"lane_id": "a", "label": "A", "colour_kind": "policy", "catch_all": False},
        {"lane_id": "b", "label": "B", "colour_kind": "policy", "catch_all": True},
        {"lane_id": "c", "label": "C", "colour_kind": "policy", "catch_all": False},
    )
    assert read_lanes({"lanes": marked, "companies": companies}).fallback == "b"
    unmarked = marked.assign(catch_all=False)
    assert read_lanes({"lanes": unmarked, "companies": companies}).fallback == "c"
    assert read_lanes({"lanes": lanes_table(), "companies": companies}).fallback == ""


def test_lane_labels_follow_the_readers_language() -> None:
    with language_of("pl"):
        assert LANES.labels["us"] == "Środki USA"
        assert LANES.choice_label("cn") == "Środki Chin"
    with language_of("en"):
        assert LANES.labels["us"] == "US measures"
