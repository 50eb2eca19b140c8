"""The Data-centre sites page: corridor map, filters in the link, a site's details with sources, report areas
(AppTest)."""

from __future__ import annotations

import json
import re

from conftest import DATA_DIR
from test_pages import open_page, texts


def _map_spec(at) -> dict:
    """The site map's spec with its named datasets as lists of rows (Streamlit sends them as Arrow)."""
    import pyarrow as pa

    charts = [e for e in at.get("vega_lite_chart") if "site_id" in e.proto.spec]
    assert charts, "the site map is drawn"
    spec = json.loads(charts[0].proto.spec)
    spec["datasets"] = {  # the inline boundaries and report areas, and the rows sent as Arrow
        **spec.get("datasets", {}),
        **{
            d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas().to_dict("records")
            for d in charts[0].proto.datasets
        },
    }
    return spec


def test_sites_page_opens_on_the_johor_singapore_corridor_with_markers_and_report_areas() -> None:
    at = open_page("sites")
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == "Data-centre sites"
    assert at.radio(key="view").value == "strait"
    spec = _map_spec(at)
    drawn = {r["site_id"] for r in spec["datasets"]["markers"] + spec["datasets"]["hollow"]}
    assert {"bdc_my06", "airtrunk_jhb1", "pdg_jh1", "airtrunk_sgp1"} <= drawn
    assert "cyberjaya" not in " ".join(drawn)
    # Clipped to the corridor: Malaysia, Singapore, Indonesia, plus the report's areas (Malaysia, Singapore).
    assert 3 <= len(spec["datasets"]["site_boundaries"]) + len(spec["datasets"]["report_areas"]) <= 12
    body = texts(at)
    assert "spread on a ring" in body
    assert any("The report says Malaysia; no site is named" in e.label for e in at.expander)
    labels = [b.label for b in at.get("download_button")]
    assert "GeoJSON" in labels and "GeoPackage" in labels


def test_kuala_lumpur_is_one_click_away() -> None:
    at = open_page("sites")
    at.radio(key="view").set_value("kl").run()
    assert not at.exception
    drawn = {r["site_id"] for r in _map_spec(at)["datasets"]["markers"]}
    assert {"vantage_kul1", "vantage_kul2", "bdc_cyberjaya"} <= drawn
    assert at.query_params["view"] in ("kl", ["kl"])


def test_filters_in_the_link_reopen_the_view() -> None:
    at = open_page("sites", {"owner": "chinese", "view": "sea"})
    assert not at.exception
    assert at.multiselect(key="owner").value == ["chinese"]
    drawn = _map_spec(at)["datasets"]
    owners = {r["ownership_label"] for r in drawn["markers"] + drawn["hollow"]}
    assert owners == {"Chinese-owned"}


def test_a_site_in_the_link_shows_its_operator_owner_and_sources() -> None:
    at = open_page("sites", {"site": "bdc_my06"})
    assert not at.exception
    body = texts(at)
    assert "Bridge Data Centres" in body and "Bain Capital (US)" in body
    assert "ByteDance (Official record" in body or "ByteDance (official" in body.lower()
    assert "bdc_2022_10_20_my06" in body


def test_with_no_counted_capacity_the_page_says_so_instead_of_an_empty_chart() -> None:
    # No Chinese-owned row has both an opening year and an MW figure in the shipped data.
    at = open_page("sites", {"owner": "chinese", "view": "sea"})
    assert not at.exception
    assert any("no capacity to draw" in i.value for i in at.info)


def _table(at):
    return at.dataframe[0].value


def test_sites_table_follows_the_maps_view() -> None:
    at = open_page("sites", {"view": "kl"}, opened={"sites_table_open": True})
    assert not at.exception, at.exception
    spec = _map_spec(at)
    drawn = {r["site_id"] for r in spec["datasets"]["markers"] + spec["datasets"]["hollow"]}
    table = _table(at)
    assert set(table["Site id"]) == drawn  # the same sites as the map, no Johor or Singapore rows
    assert "airtrunk_jhb1" not in set(table["Site id"])


def test_chinese_ai_tenant_is_a_column_a_filter_and_a_ringed_marker() -> None:
    sites_csv = (DATA_DIR / "sites.csv").read_text(encoding="utf-8")
    assert ",bytedance," in sites_csv
    at = open_page("sites", {"view": "sea", "tenant": "bytedance"}, opened={"sites_table_open": True})
    assert not at.exception, at.exception
    table = _table(at)
    assert list(table.columns[:3]) == ["Site id", "Site", "Chinese AI tenant"]  # visible without scrolling
    assert len(table) > 0 and table["Chinese AI tenant"].str.startswith("ByteDance").all()
    ringed = {r["site_id"] for r in _map_spec(at)["datasets"]["tenants"]}
    assert ringed == set(table["Site id"])
    everything = _table(open_page("sites", {"view": "sea"}, opened={"sites_table_open": True}))
    assert len(everything) > len(table)


def test_johor_profile_names_the_owners_the_sites_page_knows_and_links_to_it() -> None:
    at = open_page("entity", {"id": "johor"})
    assert not at.exception, at.exception
    listed = "\n".join(m.value for m in at.markdown if "run by" in m.value).replace("\\", "")
    assert "AirTrunk JHB1" in listed and "owned by Blackstone-led consortium" in listed
    assert "Chinese AI tenant: ByteDance" in listed
    links = [p.proto for p in at.get("page_link") if p.proto.page == "sites"]
    assert links and links[0].query_string == "view=strait"


def test_both_sites_charts_have_a_text_alternative_in_words_not_codes() -> None:
    at = open_page("sites", {"view": "sea"})
    texts_ = [json.loads(e.proto.spec).get("description", "") for e in at.get("vega_lite_chart")]
    assert len(texts_) == 2 and all(texts_)
    site_map, capacity = texts_
    assert "Malaysia" in site_map and "Non-Chinese-owned" in site_map and "ByteDance" in site_map
    assert "Malaysia" in capacity and " MW" in capacity
    for text in texts_:
        assert not re.search(r"\b(MY|SG|non_chinese)\b|\b\d+ (chinese|unknown)\b", text), text
