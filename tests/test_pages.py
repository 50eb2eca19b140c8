"""Each page renders with the shipped data, and its main interactions work (Streamlit AppTest)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import DATA_DIR, ROOT, rewrite_csv
from streamlit.testing.v1 import AppTest

APP = str(ROOT / "dashboard.py")


def open_page(
    path: str,
    params: dict[str, str] | None = None,
    env_dir: str | None = None,
    *,
    opened: dict[str, object] | None = None,
) -> AppTest:
    """Run the router on `path` with link `params`; `opened` sets widget state first, as a reader's click
    would (e.g. {"map_tables_open": True} opens a lazy expander, {"sources_tab": "All sources"} a tab)."""
    at = AppTest.from_file(APP, default_timeout=60)
    # The router starts on this page (AppTest's switch_page would skip the router).
    at.session_state["_test_start_page"] = "overview" if path == "/" else path
    for key, value in (opened or {}).items():
        at.session_state[key] = value
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def texts(at: AppTest) -> str:
    parts = (
        [m.value.replace("\\", "") for m in at.markdown]
        + [c.value.replace("\\", "") for c in at.caption]
        + [t.value for t in at.title]
        + [h.value for h in at.header]
    )
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", ["/", "data", "sources"])
def test_page_renders_without_exception_or_error(page: str) -> None:
    at = open_page(page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title, "every page has a title"


@pytest.mark.parametrize("page", ["/", "data", "sources"])
def test_footer_names_version_source_and_licence(page: str) -> None:  # noqa: D103
    body = texts(open_page(page))
    version = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert f"Data version {version}" in body and "Financial Times" in body and "CC BY 4.0" in body


def test_overview_shows_key_findings_and_counts() -> None:
    at = open_page("/")
    body = texts(at)
    assert "Alibaba and ByteDance are among the technology groups" in body
    assert len(at.metric) >= 8
    assert any(e.label.startswith("Quote") for e in at.expander)


def test_data_page_filters_models_to_one_developer() -> None:
    at = open_page("data", {"table": "models"}, opened={"data_filters_open": True})  # the reader opens the filters
    at.multiselect(key="developer_id").set_value(["deepseek"]).run()
    frame = at.dataframe[0].value
    assert len(frame) > 0
    assert set(frame["developer_id"]) == {"/entity?id=deepseek#deepseek"}, "ids link to their profiles"
    assert at.query_params["developer_id"] == "deepseek", "the view is in the URL"


def test_data_page_opens_the_view_from_the_link() -> None:
    at = open_page("data", {"table": "chips", "designer_id": "huawei"})
    frame = at.dataframe[0].value
    assert set(frame["designer_id"]) == {"/entity?id=huawei#huawei"}
    assert at.selectbox(key="table").value == "chips"


def test_data_page_says_when_no_rows_match() -> None:
    at = open_page("data", {"table": "models", "q": "zzzz-no-such-text"})
    assert any("No rows match" in i.value for i in at.info)


def test_data_page_notices_nonsense_parameters() -> None:
    at = open_page("data", {"table": "nonsense", "colour": "red"})
    assert not at.exception
    notice = " ".join(i.value for i in at.info)
    assert "table=nonsense" in notice and "colour" in notice


def test_sources_page_focuses_a_claim_from_the_link() -> None:
    at = open_page("sources", {"claim": "huawei_engineers_at_deepseek"})
    assert "Huawei has a team of engineers stationed at DeepSeek's headquarters in Hangzhou." in texts(at)
    assert any("rest on this claim" in m.value for m in at.markdown)


def test_bad_data_shows_problems_not_a_traceback(mini_dir, monkeypatch) -> None:
    rewrite_csv(mini_dir / "models.csv", lambda header, rows: rows[0].update(release_date="not a date"))
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(mini_dir))
    at = open_page("data")
    assert not at.exception
    assert any("did not pass its checks" in e.value for e in at.error)
    problems = at.dataframe[0].value
    assert problems.iloc[0]["File"] == "models.csv" and problems.iloc[0]["Column"] == "release_date"
    footer = next(c.value for c in at.caption if "Every fact links to its source" in c.value)
    assert not re.search(r"·\s*·", footer) and footer.startswith("Data version"), "no empty source line in the footer"


def test_overview_lists_the_causal_chain_in_order_with_month_dates_after_days() -> None:
    at = open_page("/")
    dates = [m.value for m in at.markdown if m.value.startswith("**") and "2025" in m.value and len(m.value) < 20]
    assert dates == ["**9 Apr 2025**", "**Apr 2025**", "**13 May 2025**", "**27 Nov 2025**"]


def test_sources_tables_word_the_topic_and_the_kind_of_source() -> None:
    claims_tab = open_page("sources", opened={"claims_table_open": True})
    sources_tab = open_page("sources", opened={"sources_tab": "All sources"})
    assert not claims_tab.exception and not sources_tab.exception
    claims = next(d.value for d in claims_tab.dataframe if "topic" in d.value.columns)
    sources = next(d.value for d in sources_tab.dataframe if "publisher" in d.value.columns)
    assert "Training offshore" in set(claims["topic"]) and "offshore_training" not in set(claims["topic"])
    assert "The report itself" in set(sources["kind"]) and "news_report" not in set(sources["kind"])
    assert "Polish" in set(sources["language"])
