"""The Data page as a reader uses it: filters by name, a table switch that leaves no stale filter behind."""

from __future__ import annotations

import pandas as pd
from conftest import DATA_DIR
from test_pages import open_page

from supplychain.data.load import load_dataset
from supplychain.rules.filters import value_labels

DATASET = load_dataset()
FILTERS = {"data_filters_open": True}  # the reader opens "Filter by column, choose columns"


def test_filters_offer_names_not_ids() -> None:
    at = open_page("data", {"table": "events"}, opened=FILTERS)
    options = at.multiselect(key="company_id").options
    assert "Alibaba Group" in options and "DeepSeek" in options
    assert "alibaba" not in options and "alibaba_cloud" not in options
    evidence = at.multiselect(key="evidence").options
    assert "Official record" in evidence and "official" not in evidence


def test_choosing_alibaba_by_name_selects_only_alibaba() -> None:
    at = open_page("data", {"table": "companies"}, opened=FILTERS)
    widget = at.multiselect(key="parent_id")
    assert "Alibaba Group" in widget.options
    widget.select("alibaba").run()
    assert at.query_params["parent_id"] == "alibaba"
    frame = at.dataframe[0].value
    assert set(frame["parent_id"]) == {"/entity?id=alibaba#alibaba"}
    assert "/entity?id=alibaba_cloud#alibaba_cloud" in set(frame["company_id"]), "its subsidiary, chosen by its parent"


def test_two_values_with_the_same_name_keep_their_ids_apart() -> None:
    tables = {**DATASET.tables, "companies": DATASET.tables["companies"].copy()}
    companies = tables["companies"]
    companies.loc[companies["company_id"] == "bytedance", "name"] = "Alibaba Group"
    labels = value_labels(DATASET.package, tables, "models", "developer_id")
    assert labels["alibaba"] == "Alibaba Group (alibaba)" and labels["bytedance"] == "Alibaba Group (bytedance)"


def test_switching_tables_clears_the_previous_tables_filters_from_the_url() -> None:
    at = open_page("data", {"table": "models", "developer_id": "deepseek", "q": "V3"})
    assert at.query_params["developer_id"] == "deepseek"
    at.selectbox(key="table").select("chips").run()
    assert not at.exception
    assert dict(at.query_params) == {"table": "chips"}
    assert not at.info, [i.value for i in at.info]  # no false "ignored in the link" notice
    assert len(at.dataframe[0].value) == len(DATASET.tables["chips"])


def test_a_link_opened_fresh_keeps_its_filters() -> None:
    at = open_page("data", {"table": "chips", "designer_id": "huawei"})
    at.run()
    assert at.query_params["designer_id"] == "huawei"


def test_filters_are_built_when_opened_or_when_a_link_sets_one_and_stay_applied() -> None:
    closed = open_page("data", {"table": "models"})
    assert not closed.exception and not closed.multiselect, "no hidden filter widgets on a plain visit"
    linked = open_page("data", {"table": "models", "developer_id": "deepseek"})
    assert linked.multiselect(key="developer_id").value == ["deepseek"]
    assert set(linked.dataframe[0].value["developer_id"]) == {"/entity?id=deepseek#deepseek"}
    assert "developer_id" not in " ".join(i.value for i in linked.info), "the link's filter is applied, not ignored"


def _csv(table: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / f"{table}.csv", dtype=str, keep_default_na=False)


def test_a_link_with_open_weights_true_shows_deepseeks_open_models_and_no_notice() -> None:
    raw = _csv("models")
    expected = raw[(raw["developer_id"] == "deepseek") & (raw["open_weights"] == "true")]
    assert len(expected) > 0
    at = open_page("data", {"table": "models", "developer_id": "deepseek", "open_weights": "true"})
    assert not at.exception
    assert sorted(at.dataframe[0].value["model_id"].str.extract(r"id=([^#]+)")[0]) == sorted(expected["model_id"])
    assert "open_weights" not in " ".join(i.value for i in at.info), "the CSV's own spelling is accepted"
    assert f"**{len(expected)}** of {len(raw)} rows" in " ".join(m.value for m in at.markdown)


def test_choosing_yes_on_a_yes_no_filter_keeps_the_rows_marked_true() -> None:
    for table, column in (("claims", "is_key_finding"), ("events", "is_causal_step")):
        raw = _csv(table)
        at = open_page("data", {"table": table}, opened=FILTERS)
        widget = at.multiselect(key=column)
        assert widget.options == ["No", "Yes"]
        widget.select("true").run()
        assert at.query_params[column] == "true"
        assert len(at.dataframe[0].value) == (raw[column] == "true").sum() > 0, table


def test_ties_can_be_filtered_by_from_and_to_entity_beyond_forty_values() -> None:
    raw = _csv("relationships")
    rare = raw["to_id"].value_counts().index[-1]  # any end, not only the forty most common
    at = open_page("data", {"table": "relationships", "to_id": rare}, opened=FILTERS)
    assert len(at.multiselect(key="to_id").options) == raw["to_id"].nunique() > 40
    assert "from_id" in [m.key for m in at.multiselect]
    assert len(at.dataframe[0].value) == (raw["to_id"] == rare).sum()


def test_download_this_view_is_off_when_no_row_matches() -> None:
    at = open_page("data", {"table": "models", "q": "no such model anywhere"})
    assert not at.dataframe
    buttons = {b.label: b for b in at.get("download_button")}
    assert buttons["Download this view (ZIP)"].disabled
    assert not open_page("data", {"table": "models"}).get("download_button")[2].disabled


def test_a_link_to_a_value_holding_a_comma_keeps_it_whole() -> None:
    raw = _csv("sites")
    place = next(p for p in raw["place"] if "," in p)
    at = open_page("data", {"table": "sites", "place": place})
    assert len(at.dataframe[0].value) == (raw["place"] == place).sum() > 0
    assert "place" not in " ".join(i.value for i in at.info), "the comma did not split the value"
