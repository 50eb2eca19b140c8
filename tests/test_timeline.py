"""Timeline items and lanes: what goes in which lane, how imprecise dates are drawn, filters, labels, zoom."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DATA_DIR, FIXTURE_DIR

from supplychain.charts.status import build_status_strip
from supplychain.charts.time_axis import UNREVIEWED_GREY
from supplychain.charts.timeline import build_timeline_chart, build_zoom_strip, chain_marker_dates, timeline_frame
from supplychain.data.dates import next_period_start
from supplychain.data.export import to_csv_bytes
from supplychain.data.load import load_dataset, read_table
from supplychain.data.schema import read_package, table_names
from supplychain.rules.lanes import expand_lanes, lane_for_event, read_lanes
from supplychain.rules.status import status_segments
from supplychain.rules.timeline import (
    EVENT_TABLE_COLUMNS,
    causal_steps,
    events_table,
    filter_items,
    label_levels,
    story_window,
    timeline_bounds,
    timeline_items,
    undated,
    zoom_dates,
)


def fixture_tables() -> dict[str, pd.DataFrame]:
    package = read_package(DATA_DIR)
    return {name: read_table(FIXTURE_DIR, package, name) for name in table_names(package)}


# The shipped lanes (data/lanes.csv), read through the dataset as the app reads them.
LANES = read_lanes({t: read_table(DATA_DIR, read_package(DATA_DIR), t) for t in ("lanes", "companies")})
LANE_CODES, LANE_LABELS, LANE_KINDS, LANE_GROUPS = LANES.codes, LANES.labels, LANES.kinds, LANES.groups
LANE_CHOICES, CATEGORY_LANES = LANES.choices, LANES.category


def event(**values) -> pd.Series:
    base = {"category": "industry", "model_id": None, "chip_id": None, "company_id": None}
    return pd.Series({**base, **values})


MODELS = pd.DataFrame(
    {
        "model_id": ["q3", "ds", "mystery"],
        "family": ["Qwen", "DeepSeek", None],
        "developer_id": ["alibaba", "deepseek", "bytedance"],
    }
)
CHIPS = pd.DataFrame(
    {
        "chip_id": ["h20", "ascend"],
        "designer_id": ["nvidia", "huawei"],
        "segment": ["china_specific", "domestic_chinese"],
    }
)


def test_every_lane_has_a_label_a_kind_and_a_url_code() -> None:
    assert set(LANE_LABELS) == set(LANE_CODES) == set(LANE_KINDS)
    assert set(CATEGORY_LANES.values()) <= set(LANE_CODES)
    assert set(LANE_CHOICES) == set(LANE_CODES) | set(LANE_GROUPS)
    assert all(set(members) <= set(LANE_CODES) for members in LANE_GROUPS.values())
    assert {"us", "cn", "other_gov", "nvidia", "cn_chips", "qwen", "doubao", "deepseek", "report", "industry"} == set(
        LANE_CODES
    )


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([], list(LANE_CODES)),
        (["us", "models"], ["us", "qwen", "doubao", "deepseek"]),
        (["deepseek", "us"], ["us", "deepseek"]),  # display order, not click order
        (["nonsense"], []),
    ],
)
def test_lane_codes_and_groups_expand_in_display_order(codes: list[str], expected: list[str]) -> None:
    assert expand_lanes(codes, LANES) == expected


@pytest.mark.parametrize(
    ("ev", "lane"),
    [
        (event(category="us_measure"), "us"),
        (event(category="chinese_measure"), "cn"),
        (event(category="other_government"), "other_gov"),
        (event(category="report"), "report"),
        (event(category="model_release", model_id="q3"), "qwen"),
        (event(category="model_release", model_id="ds"), "deepseek"),
        (event(category="model_release", model_id="mystery"), "doubao"),  # no family: its developer decides
        (event(category="model_release", company_id="alibaba"), "qwen"),  # no model: the company decides
        (event(category="nvidia_chip", chip_id="h20"), "nvidia"),
        (event(category="nvidia_chip", chip_id="ascend"), "cn_chips"),  # the chip's designer wins over a wrong category
        (event(category="chinese_chip"), "cn_chips"),
        (event(category="industry", model_id="ds"), "industry"),  # only releases are split by model
    ],
)
def test_event_lane_follows_category_then_model_family_or_chip_designer(ev: pd.Series, lane: str) -> None:
    assert lane_for_event(ev, MODELS, CHIPS, LANES) == lane


def test_items_add_model_releases_and_chip_launches_not_already_events() -> None:
    items = timeline_items(fixture_tables())
    ids = set(items["item_id"])
    assert {"e_one", "model_m_one", "model_m_two", "chip_k_one"} <= ids
    assert "model_m_three" not in ids  # no release date: cannot be placed
    assert undated(fixture_tables(), read_lanes(fixture_tables())) == ["=HYPERLINK(1)"]
    m_two = items.set_index("item_id").loc["model_m_two"]
    assert (
        m_two["precision"] == "month"
        and m_two["date_label"] == "Jan 2025"
        and m_two["end"] == pd.Timestamp("2025-01-31")
    )


def test_every_month_precision_event_is_drawn_as_a_span_over_its_month() -> None:
    dataset = load_dataset(DATA_DIR)
    items = timeline_items(dataset.tables)
    items = pd.concat([items, timeline_items(fixture_tables())], ignore_index=True)
    frame = timeline_frame(items, pd.Timestamp("2019-01-01"), pd.Timestamp("2027-12-31"))
    coarse = frame[frame["precision"] != "day"]
    assert not coarse.empty
    for _, row in coarse.iterrows():
        first, after = pd.Timestamp(row["start_iso"]), pd.Timestamp(row["end_iso"])
        assert first.day == 1 and after.day == 1 and after > first, row["item_id"]
        assert (after - first).days >= 28, row["item_id"]  # a whole month (or year), never a single day
    spec = build_timeline_chart(
        items,
        causal_steps(items),
        lanes=list(LANE_CODES),
        lane_labels=LANE_LABELS,
        start=pd.Timestamp("2019-01-01"),
        end=pd.Timestamp("2027-12-31"),
    ).to_dict()
    layers = spec["layer"]
    spans = [layer for layer in layers if layer["mark"]["type"] == "bar"]
    dots = [layer for layer in layers if layer["mark"]["type"] == "point" and layer["mark"].get("filled")]
    assert (
        len(spans) == 1
        and {"filter": "datum.precision != 'day'"} in spans[0]["transform"]
        and "x2" in spans[0]["encoding"]
    )
    assert spans[0]["mark"]["strokeDash"]  # dashed: visibly not an exact day
    assert len(dots) == 1 and {"filter": "datum.precision == 'day'"} in dots[0]["transform"]


def test_filters_keep_a_month_item_when_any_day_of_it_is_in_range() -> None:
    items = timeline_items(fixture_tables())
    kept = filter_items(items, start=pd.Timestamp("2025-01-15"), end=pd.Timestamp("2025-01-20"))
    assert "model_m_two" in set(kept["item_id"])  # January 2025, month precision
    assert "model_m_one" not in set(kept["item_id"])


def test_filters_by_lane_group_company_and_category() -> None:
    items = timeline_items(fixture_tables())
    assert set(filter_items(items, lanes=["models"], groups=LANE_GROUPS)["lane"]) == {"qwen"}
    assert set(filter_items(items, companies=["acme"])["item_id"]) == {"e_one", "model_m_one"}
    assert set(filter_items(items, categories=["report"])["item_id"]) == {"e_one"}
    assert filter_items(items, lanes=["report"], companies=["beta"]).empty


def test_causal_chain_comes_from_the_data_in_date_order() -> None:
    items = pd.DataFrame(
        {
            "item_id": ["later", "month", "day", "other"],
            "title": ["Report", "Rise", "Curb", "Noise"],
            "date": pd.to_datetime(["2025-11-27", "2025-04-01", "2025-04-09", "2025-01-01"]),
            "end": pd.to_datetime(["2025-11-27", "2025-04-30", "2025-04-09", "2025-01-01"]),
            "precision": ["day", "month", "day", "day"],
            "date_label": ["27 Nov 2025", "Apr 2025", "9 Apr 2025", "1 Jan 2025"],
            "is_causal_step": [True, True, True, False],
        }
    )
    steps = causal_steps(items)
    assert list(steps["item_id"]) == ["day", "month", "later"]  # "April 2025" after "9 April 2025"
    assert list(steps["label"]) == ["1 · Curb", "2 · Rise", "3 · Report"]


def test_labels_in_a_lane_never_overlap() -> None:
    days = pd.date_range("2025-01-01", periods=12, freq="5D")
    items = pd.DataFrame({"date": days, "title": ["A fairly long event label"] * 12, "lane": "us"})
    start, end = pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31")
    placed = label_levels(items, start, end, width_px=700)
    assert placed["level"].between(0, 2).all()
    px = 700 / (end - start).days
    for level, group in placed[placed["labelled"]].groupby("level"):
        spans = sorted(
            ((items.loc[i, "date"] - start).days * px, (items.loc[i, "date"] - start).days * px + 25 * 7)
            for i in group.index
        )
        assert all(b[0] >= a[1] for a, b in zip(spans, spans[1:])), level
    assert not placed["labelled"].all()  # twelve labels in two months cannot all fit


def test_labels_near_the_right_edge_go_to_the_left_of_their_mark() -> None:
    items = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-05", "2025-12-20"]),
            "title": ["Early", "Late event near the edge"],
            "lane": "us",
        }
    )
    placed = label_levels(items, pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"), width_px=700)
    assert list(placed["align"]) == ["left", "right"]


@pytest.mark.parametrize(
    "selection",
    [
        {"start_iso": [1735689600000, 1767139200000]},
        {"start_iso": ["2025-12-31T00:00:00", "2025-01-01T00:00:00"]},
    ],
)
def test_brushed_range_becomes_from_and_to_dates(selection: dict) -> None:
    first, last = zoom_dates(selection)
    assert (first.isoformat(), last.isoformat()) == ("2025-01-01", "2025-12-31")


def test_empty_brush_means_no_zoom() -> None:
    assert zoom_dates({}) is None


def test_bounds_are_whole_years_and_as_of_defaults_to_the_report() -> None:
    first, last, asof = timeline_bounds(timeline_items(fixture_tables()), "2026-11-28")
    assert (first, last, asof) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2025-12-31"), pd.Timestamp("2025-11-27"))


def test_events_download_holds_the_rows_shown_with_readable_headers() -> None:
    items = filter_items(timeline_items(fixture_tables()), lanes=["qwen"])
    data = to_csv_bytes(events_table(items), EVENT_TABLE_COLUMNS).decode("utf-8-sig").splitlines()
    assert data[0].startswith("Date,Date precision,Lane,Event")
    assert [line.split(",")[0] for line in data[1:]] == ["Jan 2025", "29 Apr 2025"]


def test_charts_build_for_one_lane_and_for_an_empty_status_range() -> None:
    tables = fixture_tables()
    items = timeline_items(tables)
    start, end = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-12-31")
    spec = build_timeline_chart(
        items,
        causal_steps(items),
        lanes=["qwen"],
        lane_labels=LANE_LABELS,
        start=start,
        end=end,
        asof=pd.Timestamp("2025-06-01"),
        selected="model_m_one",
    ).to_dict()
    assert spec["height"] == {"step": 22}  # a fixed height per lane: one lane is never squeezed
    build_zoom_strip(items, full_start=start, full_end=end, start=start, end=end).to_dict()

    build_status_strip(
        status_segments(tables, start, end), chip_order=["K1"], start=start, end=end, asof=None
    ).to_dict()


def _label_levels_row_by_row(
    items: pd.DataFrame, start, end, width_px: int = 1000, char_px: float = 7.0, levels: int = 3
):
    """The first, row-by-row version of label_levels, kept as the reference for the vectorised one."""
    span_days = max((pd.Timestamp(end) - pd.Timestamp(start)).days, 1)
    px_per_day = width_px / span_days
    out = pd.DataFrame({"level": 0, "labelled": False, "align": "left"}, index=items.index)
    for _, lane_items in items.sort_values("date", kind="stable").groupby("lane", sort=False):
        free_at = [float("-inf")] * levels
        for idx, row in lane_items.iterrows():
            anchor = (
                row["date"]
                if row.get("precision", "day") == "day"
                else next_period_start(row["date"], row["precision"])
            )
            x = (pd.Timestamp(anchor) - pd.Timestamp(start)).days * px_per_day
            x0 = (pd.Timestamp(row["date"]) - pd.Timestamp(start)).days * px_per_day
            width = len(str(row["title"])) * char_px + 12
            lo, hi, align = (x0, x + width, "left") if x + width <= width_px else (x0 - width, x + 8, "right")
            free = next((i for i, f in enumerate(free_at) if f <= lo), None)
            if free is None or lo < 0:  # no sub-row free, or no room on either side of the mark
                out.loc[idx, ["level", "labelled", "align"]] = [
                    min(range(levels), key=lambda i: free_at[i]),
                    False,
                    align,
                ]
                continue
            free_at[free] = hi + 4
            out.loc[idx, ["level", "labelled", "align"]] = [free, True, align]
    return out.astype({"level": "int64", "labelled": bool})


def test_label_levels_place_the_timeline_as_the_row_by_row_rule_did() -> None:
    items = timeline_items(fixture_tables())
    for start, end, width in (("2019-01-01", "2026-12-31", 1000), ("2025-01-01", "2025-12-31", 640)):
        got = label_levels(items, pd.Timestamp(start), pd.Timestamp(end), width_px=width)
        want = _label_levels_row_by_row(items, pd.Timestamp(start), pd.Timestamp(end), width_px=width)
        pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_label_levels_place_crowded_lanes_as_the_row_by_row_rule_did() -> None:
    rng = np.random.default_rng(4)
    days = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 900, 240), unit="D")
    precision = rng.choice(["day", "month", "year"], 240)
    items = pd.DataFrame(
        {
            "date": days,
            "end": [
                d + pd.Timedelta(days=30 if p == "month" else 365 if p == "year" else 0)
                for d, p in zip(days, precision)
            ],
            "precision": precision,
            "title": ["x" * int(n) for n in rng.integers(3, 40, 240)],
            "lane": rng.choice(["us", "cn", "models", "chips"], 240),
        }
    )
    got = label_levels(items, pd.Timestamp("2024-01-01"), pd.Timestamp("2026-06-30"), width_px=900)
    want = _label_levels_row_by_row(items, pd.Timestamp("2024-01-01"), pd.Timestamp("2026-06-30"), width_px=900)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert 0 < got["labelled"].sum() < len(items)


def _steps(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(date, last day, precision) per step of a causal chain, numbered in order."""
    frame = pd.DataFrame(rows, columns=["date", "end", "precision"])
    frame["date"], frame["end"] = pd.to_datetime(frame["date"]), pd.to_datetime(frame["end"])
    frame["step"] = range(1, len(frame) + 1)
    return frame


def test_timeline_opens_from_the_first_steps_year_to_the_quarter_after_the_review() -> None:
    steps = _steps(("2025-04-09", "2025-04-09", "day"), ("2025-11-27", "2025-11-27", "day"))
    start, end = story_window(steps, "2026-06-05")
    assert (str(start.date()), str(end.date())) == ("2025-01-01", "2026-09-30")
    # a review before the last step: the window still reaches the quarter after the last step
    start, end = story_window(steps, "2025-06-30")
    assert (str(start.date()), str(end.date())) == ("2025-01-01", "2026-03-31")
    assert story_window(steps.iloc[0:0], "2026-06-05") is None


def test_chain_markers_that_would_collide_sit_side_by_side() -> None:
    # 640 px over 640 days: one px per day, markers 22 px apart at least
    steps = _steps(
        ("2025-04-09", "2025-04-09", "day"),
        ("2025-04-01", "2025-04-30", "month"),  # drawn at the end of its month: 1 May
        ("2025-05-13", "2025-05-13", "day"),
        ("2025-11-27", "2025-11-27", "day"),
    )
    days = chain_marker_dates(steps, pd.Timestamp("2025-01-01"), pd.Timestamp("2026-10-03"), width_px=640)
    assert [str(d.date()) for d in days] == ["2025-04-09", "2025-05-01", "2025-05-23", "2025-11-27"]


def test_lanes_come_from_data_and_every_event_category_has_a_lane() -> None:
    import json

    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]}
    lanes = read_table(DATA_DIR, read_package(DATA_DIR), "lanes")
    assert list(lanes["lane_id"]) == list(LANE_CODES)  # display order is the file's order
    assert int(lanes["catch_all"].sum()) == 1
    # the lanes table's enums are the enums of the columns they refer to
    for column, (table, source) in {
        "event_category": ("events", "category"),
        "model_family": ("models", "family"),
        "chip_segment": ("chips", "segment"),
    }.items():
        assert fields["lanes"][column]["constraints"]["enum"] == fields[table][source]["constraints"]["enum"]
    # model releases are split by family; every other category needs a lane of its own
    categories = set(fields["events"]["category"]["constraints"]["enum"]) - {"model_release"}
    assert categories <= set(CATEGORY_LANES)
    assert set(fields["models"]["family"]["constraints"]["enum"]) <= set(lanes["model_family"].dropna())


def test_a_label_with_room_on_neither_side_is_left_off_instead_of_covering_the_lane_names() -> None:
    # A 300 px plot over 2025; a long title on 1 July has 150 px on each side, and needs 12 + 7 px a character.
    items = pd.DataFrame(
        {
            "date": [pd.Timestamp("2025-07-01"), pd.Timestamp("2025-12-20")],
            "precision": ["day", "day"],
            "title": ["A title far too long for either side of its mark", "Short"],
            "lane": ["us", "us"],
        }
    )
    got = label_levels(items, pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"), width_px=300)
    assert list(got["labelled"]) == [False, True]
    assert list(got["align"]) == ["right", "right"]  # "Short" ends left of its mark near the right edge


def test_the_window_chosen_on_the_zoom_strip_is_drawn_apart_from_the_not_yet_reviewed_grey() -> None:
    """A brushed window in grey read as "not yet reviewed" from 2025 on; it is blue and outlined."""
    items = timeline_items(load_dataset().tables)
    spec = build_zoom_strip(
        items,
        full_start=pd.Timestamp("2020-01-01"),
        full_end=pd.Timestamp("2026-12-31"),
        start=pd.Timestamp("2025-01-01"),
        end=pd.Timestamp("2025-12-31"),
        reviewed_through=pd.Timestamp("2026-06-05"),
        brushed=True,
    ).to_dict()
    params = spec.get("params", []) + [p for layer in spec.get("layer", []) for p in layer.get("params", [])]
    brushes = [p for p in params if p.get("name") == "zoom"]
    assert brushes, "the strip has its zoom brush"
    mark = brushes[0]["select"]["mark"]
    assert mark["fill"].lower() != UNREVIEWED_GREY.lower() and mark["stroke"]


def test_the_window_keeps_an_item_ending_on_its_first_day_or_starting_on_its_last_and_drops_unknown_companies() -> None:
    day = pd.Timestamp("2025-03-10")
    items = pd.DataFrame(
        {
            "item_id": ["ends_on_start", "starts_on_end", "no_company"],
            "date": [pd.Timestamp("2025-03-01"), pd.Timestamp("2025-03-20"), day],
            "end": [day, pd.Timestamp("2025-03-20"), day],
            "lane": "report",
            "company_id": pd.array(["acme", "acme", None], dtype="string"),
            "category": "report",
        }
    )
    kept = filter_items(items, start=day, end=pd.Timestamp("2025-03-20"))
    assert list(kept["item_id"]) == ["ends_on_start", "starts_on_end", "no_company"]
    assert list(filter_items(items, companies=["acme"])["item_id"]) == ["ends_on_start", "starts_on_end"]


def test_an_item_without_a_lane_is_on_the_first_row_unlabelled_and_a_table_without_precision_counts_days() -> None:
    items = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-05", "2025-01-06", "2025-01-07"]),
            "title": ["A", "B", "C"],
            "lane": ["us", None, "us"],
        }
    )
    placed = label_levels(items, pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"), width_px=700)
    assert placed.loc[1].to_dict() == {"level": 0, "labelled": False, "align": "left"}
    assert str(placed["level"].dtype) == "int64" and str(placed["labelled"].dtype) == "bool"
    # No precision column: each date is a day, so "C" (two days after "A", its label 19 px wide) cannot share A's row.
    assert list(placed["level"]) == [0, 0, 1] and list(placed["labelled"]) == [True, False, True]


def test_the_undated_note_names_undated_models_and_chips_only_for_the_lanes_shown() -> None:
    tables = fixture_tables()
    chips = tables["chips"]
    tables["chips"] = pd.concat([chips, chips.iloc[:1].assign(chip_id="undated_chip", name="Undated chip")])
    tables["chips"].loc[tables["chips"]["chip_id"] == "undated_chip", "announced_date"] = pd.NaT
    lane_set = read_lanes(tables)
    assert undated(tables, lane_set) == ["=HYPERLINK(1)", "Undated chip"]
    assert undated(tables, lane_set, list(lane_set.codes)) == ["=HYPERLINK(1)", "Undated chip"]
    assert undated(tables, lane_set, []) == []  # no lane shown: nothing to explain


def test_causal_steps_window_and_bounds_without_report_lane_or_review_date() -> None:
    items = pd.DataFrame(
        {
            "item_id": ["b", "a"],
            "date": pd.to_datetime(["2025-04-09", "2024-06-01"]),
            "end": pd.to_datetime(["2025-04-09", "2024-06-30"]),
            "precision": ["day", "month"],
            "title": ["Second", "First"],
            "date_label": ["9 Apr 2025", "Jun 2024"],
            "lane": ["us", "us"],
            "is_causal_step": [True, True],
        }
    )
    steps = causal_steps(items)
    assert list(steps.columns) == ["step", "item_id", "date", "end", "precision", "title", "label", "date_label"]
    assert list(steps["label"]) == ["1 · First", "2 · Second"] and list(steps.index) == [0, 1]
    # No review date: the window runs to the end of the quarter after the last step.
    assert story_window(steps, None) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2025-09-30"))
    # No item in the report lane: "as of" is the data's date given as the fallback.
    assert timeline_bounds(items, "2026-11-28")[2] == pd.Timestamp("2026-11-28")


def _add_rows(tables: dict[str, pd.DataFrame], name: str, rows: list[dict]) -> None:
    extra = pd.DataFrame(rows).reindex(columns=tables[name].columns).astype(tables[name].dtypes.to_dict())
    tables[name] = pd.concat([tables[name], extra], ignore_index=True)


def _blanks_as_none(row: pd.Series) -> dict:
    """A row as a dict, a blank cell (None or NaN, as pandas mixes them) read as None, as the table shows it."""
    return {key: None if pd.isna(value) else value for key, value in row.to_dict().items()}


def test_a_model_release_or_chip_launch_with_no_event_of_its_own_gets_an_item_worded_and_sourced_from_its_row() -> None:
    tables = fixture_tables()
    _add_rows(
        tables,
        "models",
        [
            {
                "model_id": "m_four",
                "name": "Model Four",
                "family": "DeepSeek",
                "developer_id": "acme",
                "release_date": pd.Timestamp("2025-06-10"),
                "evidence": "press",
                "source_id": "rep",
                "claim_id": "c_one",
                "note": "a note",
            },
        ],
    )
    _add_rows(
        tables,
        "chips",
        [
            {
                "chip_id": "k_three",
                "name": "K3",
                "designer_id": "beta",
                "segment": "domestic_chinese",
                "announced_date": pd.Timestamp("2025-05-05"),
                "announced_precision": "day",
                "evidence": "official",
                "source_id": "rec",
            },
            {
                "chip_id": "k_two",
                "name": "K2",
                "designer_id": "beta",
                "segment": "domestic_chinese",
                "announced_date": pd.Timestamp("2025-03-01"),
                "announced_precision": "month",
                "evidence": "official",
                "source_id": "rec",
            },
        ],
    )
    _add_rows(
        tables,
        "events",
        [
            {
                "event_id": "e_two",
                "date": pd.Timestamp("2025-02-01"),
                "date_precision": "month",
                "title": "Model Two out",
                "description": "An event of its own",
                "category": "model_release",
                "is_causal_step": False,
                "model_id": "m_two",
                "evidence": "press",
                "source_id": "rep",
                "note": "n",
            },
            {
                "event_id": "e_three",
                "date": pd.Timestamp("2025-05-05"),
                "date_precision": "day",
                "title": "K3 launched",
                "description": "An event of its own",
                "category": "chinese_chip",
                "is_causal_step": False,
                "chip_id": "k_three",
                "company_id": "beta",
                "evidence": "official",
                "source_id": "rec",
            },
        ],
    )
    items = timeline_items(tables).set_index("item_id")
    assert "model_m_two" not in items.index and "chip_k_three" not in items.index, "their events already show them"
    assert list(items.index) == ["chip_k_one", "e_two", "chip_k_two", "model_m_one", "e_three", "model_m_four", "e_one"]
    four = _blanks_as_none(items.loc["model_m_four"])
    assert four == {
        "date": pd.Timestamp("2025-06-10"),
        "end": pd.Timestamp("2025-06-10"),
        "precision": "day",  # no precision given: a plain date is a day
        "date_label": "10 Jun 2025",
        "title": "Model Four released",
        "description": "Model Four (DeepSeek) first released.",
        "lane": "deepseek",
        "lane_label": "DeepSeek",
        "lane_kind": "model",
        "category": "model_release",
        "is_causal_step": False,
        "company_id": "acme",
        "model_id": "m_four",
        "chip_id": None,
        "policy_id": None,
        "evidence": "press",
        "source_id": "rep",
        "claim_id": "c_one",
        "note": "a note",
        "origin": "models",
    }
    k_two = _blanks_as_none(items.loc["chip_k_two"])
    assert {k: k_two[k] for k in ("date", "end", "precision", "date_label", "title", "description")} == {
        "date": pd.Timestamp("2025-03-01"),
        "end": pd.Timestamp("2025-03-31"),
        "precision": "month",
        "date_label": "Mar 2025",
        "title": "K2 announced",
        "description": "K2 first announced or launched.",
    }
    assert {k: k_two[k] for k in ("lane", "lane_label", "lane_kind", "category", "origin")} == {
        "lane": "cn_chips",
        "lane_label": "Chinese chips",
        "lane_kind": "chip",
        "category": "chinese_chip",  # the lane's own category, as an event in that lane would have
        "origin": "chips",
    }
    assert (k_two["company_id"], k_two["chip_id"], k_two["model_id"], k_two["policy_id"]) == (
        "beta",
        "k_two",
        None,
        None,
    )
    assert (k_two["evidence"], k_two["source_id"], k_two["claim_id"], k_two["note"], k_two["is_causal_step"]) == (
        "official",
        "rec",
        None,
        None,
        False,
    )
    two = _blanks_as_none(items.loc["e_two"])
    assert (two["title"], two["description"], two["lane"], two["origin"], two["note"], two["claim_id"]) == (
        "Model Two out",
        "An event of its own",
        "qwen",
        "events",
        "n",
        None,
    )
    assert (two["model_id"], two["chip_id"], two["company_id"], two["end"]) == (
        "m_two",
        None,
        None,
        pd.Timestamp("2025-02-28"),
    )
    assert items.loc["e_three", "chip_id"] == "k_three" and bool(items.loc["e_one", "is_causal_step"])
    assert not items.loc["e_two", "is_causal_step"] and not items.loc["e_three", "is_causal_step"]
    assert items.loc["chip_k_one", "category"] == "industry", "a chip no chip lane takes goes to the catch-all lane"


def test_a_lanes_labels_take_the_first_free_sub_row_4_px_apart_after_a_months_span_and_flip_left_at_the_edge() -> None:
    # Worked by hand with the defaults: 1000 px for 1000 days (1 px a day), 7 px a letter plus 12: "abcd" is 40 px.
    start = pd.Timestamp("2025-01-01")
    rows = [
        ("A", 0, "day", "abcd", "us"),  # 0-40 px, row 0 free again from 44
        ("B", 43, "day", "abcd", "us"),  # row 0 not yet free: row 1
        ("C", 44, "day", "abcd", "us"),  # row 0 free exactly: row 0, to 88
        ("E", 90, "month", "abcd", "us"),  # April: its label starts after the month, at 120: row 0 busy to 164
        ("F", 120, "day", "abcd", "us"),  # row 1
        ("G", 135, "day", "abcd", "us"),  # rows 0 and 1 busy to 164: row 2
        ("H", 900, "day", "x" * 20, "us"),  # 152 px would pass 1000: drawn left of its mark, 748-908, row 0
        ("I", 910, "day", "a", "us"),  # row 0 busy to 912: row 1
        ("J", 912, "day", "a", "us"),  # row 0 free exactly
        ("K", 0, "day", "y" * 150, "cn"),  # fits neither side: unlabelled
        ("L", 947, "day", "abcdef", "cn"),  # 947 + 54 = 1001 px, one past the edge: left of its mark
        ("M", 960, "day", "abcd", "edge"),  # 960 + 40 = 1000 px: ends exactly at the edge, so it fits on the right
    ]
    rows.reverse()  # the table need not be in date order; the answer follows its index
    items = pd.DataFrame(
        {
            "date": [start + pd.Timedelta(days=r[1]) for r in rows],
            "precision": [r[2] for r in rows],
            "title": [r[3] for r in rows],
            "lane": [r[4] for r in rows],
        },
        index=[r[0] for r in rows],
    )
    placed = label_levels(items, start, start + pd.Timedelta(days=1000))
    assert list(placed.index) == list(items.index)
    assert placed.to_dict("index") == {
        "M": {"level": 0, "labelled": True, "align": "left"},
        "L": {"level": 0, "labelled": True, "align": "right"},
        "K": {"level": 0, "labelled": False, "align": "right"},
        "J": {"level": 0, "labelled": True, "align": "left"},
        "I": {"level": 1, "labelled": True, "align": "left"},
        "H": {"level": 0, "labelled": True, "align": "right"},
        "G": {"level": 2, "labelled": True, "align": "left"},
        "F": {"level": 1, "labelled": True, "align": "left"},
        "E": {"level": 0, "labelled": True, "align": "left"},
        "C": {"level": 0, "labelled": True, "align": "left"},
        "B": {"level": 1, "labelled": True, "align": "left"},
        "A": {"level": 0, "labelled": True, "align": "left"},
    }


def test_items_on_one_day_are_labelled_in_table_order_and_a_one_day_window_still_has_room() -> None:
    day = pd.Timestamp("2025-03-01")
    items = pd.DataFrame({"date": [day] * 20, "title": [f"item {i}" for i in range(20)], "lane": "us"})
    placed = label_levels(items, day - pd.Timedelta(days=300), day + pd.Timedelta(days=300))
    assert list(placed.index[placed["labelled"]]) == [0, 1, 2], "three sub-rows: the first three rows of the table"
    assert list(placed["level"][:3]) == [0, 1, 2]
    # a window of no length counts as one day: a mark at its end (1000 px) has its label to the left
    one = pd.DataFrame({"date": [day], "precision": ["day"], "title": ["abcd"], "lane": ["us"]})
    assert label_levels(one, day - pd.Timedelta(days=1), day).loc[0, "align"] == "right"
    assert label_levels(one, day, day).loc[0, "align"] == "left"  # a mark at 0 px
    later = one.assign(date=[day + pd.Timedelta(days=1)])
    assert label_levels(later, day, day).loc[0, "align"] == "right"


def test_without_a_precision_column_each_label_starts_at_its_own_mark() -> None:
    day = pd.Timestamp("2025-01-01")
    items = pd.DataFrame({"date": [day, day + pd.Timedelta(days=44)], "title": ["abcd", "abcd"], "lane": "us"})
    # 1 px a day: the first label ends at 40 px, so the second, at 44 px, shares its sub-row
    placed = label_levels(items, day, day + pd.Timedelta(days=1000))
    assert list(placed["level"]) == [0, 0] and placed["labelled"].all()


def test_the_undated_note_follows_each_models_and_chips_own_lane() -> None:
    tables = fixture_tables()
    chips = tables["chips"]
    tables["chips"] = pd.concat(
        [chips, chips.iloc[:1].assign(chip_id="k_x", name="Undated K", segment="domestic_chinese")]
    )
    tables["chips"].loc[tables["chips"]["chip_id"] == "k_x", "announced_date"] = pd.NaT
    lane_set = read_lanes(tables)
    assert undated(tables, lane_set, ["doubao"]) == ["=HYPERLINK(1)"], "the undated model is a Doubao model"
    assert undated(tables, lane_set, ["cn_chips"]) == ["Undated K"], "a Chinese-designed chip"
    assert undated(tables, lane_set, ["industry", "qwen"]) == []


@pytest.mark.parametrize("selection", [{"start_iso": "ab"}, {"start_iso": None}, {"start_iso": [1735689600000]}])
def test_a_brush_without_a_pair_of_dates_means_no_zoom(selection: dict) -> None:
    assert zoom_dates(selection) is None


def test_an_nvidia_chip_event_covers_its_chip_and_a_chip_lane_without_category_counts_as_nvidia_chips() -> None:
    tables = fixture_tables()
    chips = [
        {
            "chip_id": "k_four",
            "name": "K4",
            "designer_id": "beta",
            "segment": "china_specific",
            "announced_date": pd.Timestamp("2025-08-01"),
            "announced_precision": "month",
            "evidence": "press",
            "source_id": "rec",
        },
        # no precision written: a plain date is a day
        {
            "chip_id": "k_five",
            "name": "K5",
            "designer_id": "gov",
            "segment": "china_specific",
            "announced_date": pd.Timestamp("2025-07-01"),
            "evidence": "press",
            "source_id": "rec",
        },
    ]
    _add_rows(tables, "chips", chips)
    _add_rows(
        tables,
        "events",
        [
            {
                "event_id": "e_four",
                "date": pd.Timestamp("2025-08-12"),
                "date_precision": "day",
                "title": "K4 out",
                "description": "Its own event",
                "category": "nvidia_chip",
                "is_causal_step": False,
                "chip_id": "k_four",
                "evidence": "press",
                "source_id": "rec",
            },
        ],
    )
    # a lane that takes the chips of one designer and names no event category of its own
    _add_rows(
        tables,
        "lanes",
        [
            {
                "lane_id": "gov_chips",
                "label": "Agency chips",
                "colour_kind": "chip",
                "lane_group": "chips",
                "chip_designer_id": "gov",
                "catch_all": False,
                "description": "Chips the agency designs.",
            }
        ],
    )
    items = timeline_items(tables).set_index("item_id")
    assert "chip_k_four" not in items.index and "e_four" in items.index
    k_five = items.loc["chip_k_five"]
    assert (k_five["precision"], k_five["date_label"], k_five["end"]) == (
        "day",
        "1 Jul 2025",
        pd.Timestamp("2025-07-01"),
    )
    assert (k_five["lane"], k_five["category"]) == ("gov_chips", "nvidia_chip")
