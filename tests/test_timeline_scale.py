"""Above layout.TIMELINE_CAP events the Timeline draws counts per lane and period instead of every mark (issue 14)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from supplychain.app import layout
from supplychain.charts.timeline import build_lane_count_chart
from supplychain.rules.timeline import lane_counts


def items(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"item_id": f"i{n}", "lane": lane, "lane_label": lane.title(), "date": pd.Timestamp(day), "precision": p}
            for n, (lane, day, p) in enumerate(rows)
        ]
    )


def test_counts_each_lane_per_month_and_every_item_once() -> None:
    shown = items(
        [
            ("us", "2025-04-09", "day"),
            ("us", "2025-04-30", "day"),
            ("us", "2025-05-01", "day"),
            ("models", "2025-04-01", "month"),
        ]
    )
    counts = lane_counts(shown, pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))
    by = {(r.lane, r.period.strftime("%Y-%m")): r.count for r in counts.itertuples()}
    assert by == {("us", "2025-04"): 2, ("us", "2025-05"): 1, ("models", "2025-04"): 1}
    assert counts["count"].sum() == len(shown)
    april = counts[(counts["lane"] == "us") & (counts["period"] == "2025-04-01")].iloc[0]
    assert april["period_end"] == pd.Timestamp("2025-05-01")


def test_a_range_over_three_years_counts_per_quarter() -> None:
    shown = items([("us", "2019-02-10", "day"), ("us", "2019-03-30", "day"), ("us", "2019-04-01", "day")])
    counts = lane_counts(shown, pd.Timestamp("2018-01-01"), pd.Timestamp("2025-12-31"))
    assert list(counts["count"]) == [2, 1]
    assert list(counts["period"]) == [pd.Timestamp("2019-01-01"), pd.Timestamp("2019-04-01")]
    assert list(counts["period_end"]) == [pd.Timestamp("2019-04-01"), pd.Timestamp("2019-07-01")]


def test_no_items_give_no_cells() -> None:
    assert lane_counts(
        items([]).reindex(columns=["lane", "lane_label", "date"]),
        pd.Timestamp("2025-01-01"),
        pd.Timestamp("2025-12-31"),
    ).empty


def test_the_count_chart_is_valid_vega_lite_with_a_row_per_lane() -> None:
    shown = items([("us", "2025-04-09", "day"), ("models", "2025-06-01", "day"), ("chips", "2025-06-02", "day")])
    counts = lane_counts(shown, pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))
    spec = build_lane_count_chart(counts, start=pd.Timestamp("2025-01-01"), end=pd.Timestamp("2025-12-31")).to_dict()
    alt.Root.validate(spec)
    assert spec["height"] == 3 * 34


def test_the_timeline_page_counts_per_lane_above_the_cap_until_asked_for_every_event(monkeypatch) -> None:
    from tests.test_pages import open_page, texts

    monkeypatch.setattr(layout, "TIMELINE_CAP", 5)  # the shipped story window holds more than 5 events
    at = open_page("timeline")
    assert not at.exception
    assert "more than can be told apart" in texts(at)
    charts = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert any("events per lane and period" in s for s in charts)
    assert not any("pick_dot" in s for s in charts)
    at.toggle(key="tl_all").set_value(True).run()
    charts = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert any("pick_dot" in s for s in charts)
    assert "more than can be told apart" not in texts(at)
