"""Charts are built once per data version and view (cache.chart_spec), skip Altair's schema check at run time,
and are checked against the Vega-Lite schema here instead; a changed setting never shows a stale chart."""

from __future__ import annotations

import json

import altair as alt
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from supplychain.app import cache
from tests.test_pages import open_page

# Every page with a chart, with a setting that shows its charts (a profile with a place, the chains view).
PAGES_WITH_CHARTS = [
    ("status", {"chart": "1"}),
    ("sites", None),
    ("relationships", None),
    ("relationships", {"view": "Chains"}),
    ("entity", {"id": "deepseek"}),
    ("entity", {"id": "h20"}),
    ("timeline", None),
    ("map", None),
]


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def chart_contents(at: AppTest) -> list[str]:
    """Each drawn chart as text: its spec plus the rows Streamlit sends beside it (named datasets, as Arrow)."""
    out = []
    for chart in at.get("vega_lite_chart"):
        rows = [pa.ipc.open_stream(d.data.data).read_all().to_pandas().to_csv() for d in chart.proto.datasets]
        out.append(chart.proto.spec + "".join(rows))
    return out


@pytest.mark.parametrize(("page", "params"), PAGES_WITH_CHARTS)
def test_every_chart_a_page_draws_is_valid_vega_lite(page: str, params: dict | None) -> None:
    at = open_page(page, params)
    assert not at.exception
    specs = chart_specs(at)
    assert specs, f"{page} drew no chart"
    for spec in specs:
        alt.Root.validate(spec)  # raises with the failing path if a builder made an invalid spec


def test_a_planted_invalid_spec_is_caught_by_the_schema_check() -> None:
    """The check above can fail: the schema rejects a mark type that does not exist."""
    spec = alt.Chart().mark_point().encode(x="a:Q").to_dict(validate=False)
    spec["mark"] = {"type": "pointy"}
    with pytest.raises(Exception, match="pointy|mark"):
        alt.Root.validate(spec)


def test_changing_the_focus_redraws_the_network_for_the_new_entity() -> None:
    """Two views in one process (one shared chart cache) must not share a chart."""
    deepseek = chart_contents(open_page("relationships", {"focus": "deepseek", "hops": "1"}))[0]
    alibaba = chart_contents(open_page("relationships", {"focus": "alibaba", "hops": "1"}))[0]
    assert "deepseek_v3_2" in deepseek and "deepseek_v3_2" not in alibaba
    assert "qwen" in alibaba.lower() and "qwen" not in deepseek.lower()


def test_filtering_sites_by_owner_redraws_the_site_map() -> None:
    every = [c for c in chart_contents(open_page("sites")) if "site_id" in c][0]
    chinese = [c for c in chart_contents(open_page("sites", {"owner": "chinese"})) if "site_id" in c][0]
    # Legends name every nationality either way; the markers' rows differ.
    assert every.count("Non-Chinese-owned") > chinese.count("Non-Chinese-owned")


def test_the_status_strip_moves_its_day_line_with_the_chosen_day() -> None:
    report = chart_contents(open_page("status", {"asof": "2025-11-27", "chart": "1"}))[0]
    before = chart_contents(open_page("status", {"asof": "2025-03-01", "chart": "1"}))[0]
    assert "2025-11-27" in report and "2025-11-27" not in before


def test_a_chart_of_more_than_five_thousand_rows_is_built_not_refused() -> None:
    """At 100x the Timeline's zoom strip holds 8,200 ticks: Altair's default row limit raised an error on the page."""
    from types import SimpleNamespace

    import pandas as pd

    alt.data_transformers.enable(
        "default"
    )  # Altair's own limit, as in a fresh process (another test may have lifted it)
    chart = alt.Chart(pd.DataFrame({"day": range(6000)})).mark_tick().encode(x="day:Q")
    spec = cache.chart_spec(SimpleNamespace(fingerprint="test-rows"), "big_strip", (6000,), lambda: chart)
    assert [len(rows) for rows in spec["datasets"].values()] == [6000]
