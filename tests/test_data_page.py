"""The Data page as a reader uses it: filters by name, a table switch that leaves no stale filter behind."""

from __future__ import annotations

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
