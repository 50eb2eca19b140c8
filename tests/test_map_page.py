"""The Map page renders, opens the view in its link (?region=, filters, ?id=) and says when a link value is ignored (AppTest)."""

from __future__ import annotations

from test_pages import open_page, texts


def _chart_datasets(at) -> dict:
    import json

    charts = [e for e in at.get("arrow_vega_lite_chart")]
    assert charts, "the map chart is drawn"
    return json.loads(charts[0].proto.spec)


def test_map_page_renders_the_map_with_places_and_flows() -> None:
    at = open_page("map")
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == "Map"
    assert at.selectbox(key="region").value == "east_asia"
    body = texts(at)
    assert "places and" in body and "flows shown" in body
    assert any("What the map does not know" in e.label for e in at.expander)
    assert [b.label for b in at.get("download_button")] == [
        "SVG",
        "PNG",
        "Places shown (CSV)",
        "Places shown (Excel)",
        "Flows shown (CSV)",
        "Flows shown (Excel)",
        "GeoJSON",
        "Download this view (ZIP)",
    ]


def test_region_in_the_link_opens_that_preset() -> None:
    at = open_page("map", {"region": "sea"})
    assert not at.exception
    assert at.selectbox(key="region").value == "sea"
    assert at.query_params["region"] == ["sea"] or at.query_params["region"] == "sea"


def test_nonsense_values_in_the_link_give_a_notice_not_an_exception() -> None:
    at = open_page("map", {"region": "mars", "company": "nobody", "relation": "teleports", "asof": "yesterday"})
    assert not at.exception, at.exception
    notice = " ".join(i.value for i in at.info)
    for part in ("region=mars", "company=nobody", "relation=teleports", "asof=yesterday"):
        assert part in notice
    assert at.selectbox(key="region").value == "east_asia"


def test_company_and_relation_filters_from_the_link_narrow_the_flows() -> None:
    everything = open_page("map")
    narrowed = open_page("map", {"company": "alibaba", "relation": "trains_in"})
    assert narrowed.multiselect(key="company").value == ["alibaba"]
    assert narrowed.multiselect(key="relation").value == ["trains_in"]
    flows = narrowed.dataframe[-1].value
    assert len(flows) > 0 and set(flows["Relation"]) == {"trains in"} and set(flows["From"]) == {"Alibaba Group"}
    assert len(flows) < len(everything.dataframe[-1].value)


def test_changing_a_filter_writes_the_link() -> None:
    at = open_page("map")
    at.multiselect(key="relation").set_value(["supplies"]).run()
    assert not at.exception
    assert "supplies" in str(at.query_params.get("relation"))


def test_date_before_any_dated_flow_leaves_only_undated_flows() -> None:
    at = open_page("map", {"asof": "2015-01-01"})
    assert not at.exception
    assert "as of 1 Jan 2015" in texts(at)


def test_place_in_the_link_opens_its_detail_panel_with_relationships_and_quotes() -> None:
    at = open_page("map", {"id": "singapore"})
    assert not at.exception
    assert at.selectbox(key="id").value == "singapore"
    body = texts(at)
    assert "Who is there" in body and "Singapore" in body
    assert any("Polish quote" in e.label for e in at.expander)
