"""The shipped data: valid against its package, every row sourced, every quote verbatim."""

from __future__ import annotations

import os

import pandas as pd
import pytest
from conftest import DATA_DIR, ROOT
from frictionless import Package

from supplychain.load import load_dataset
from supplychain.provenance import CITED_TABLES

SOURCE_TEXT = ROOT.parent / "shared" / "source" / "000_4cfed141b26398ca.txt"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR)


def test_package_validates_with_frictionless() -> None:
    report = Package(str(DATA_DIR / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_shipped_data_loads_without_problems(dataset) -> None:
    assert dataset.ok, [str(p) for p in dataset.problems]


def test_every_row_cites_an_existing_source(dataset) -> None:
    known = set(dataset.tables["sources"]["source_id"])
    for table in CITED_TABLES + ["claims"]:
        frame = dataset.tables[table]
        assert frame["source_id"].notna().all(), table
        assert set(frame["source_id"]) <= known, table


def test_rows_marked_as_reported_name_the_claim_behind_them(dataset) -> None:
    for table in CITED_TABLES:
        frame = dataset.tables[table]
        reported = frame[frame["evidence"] == "report"]
        assert reported["claim_id"].notna().all(), f"{table}: evidence=report without claim_id"


def test_every_source_has_an_address_or_says_where_it_is_held(dataset) -> None:
    sources = dataset.tables["sources"]
    missing = sources[sources["url"].isna() & sources["note"].isna()]
    assert missing.empty, list(missing["source_id"])


def test_quotes_are_verbatim_from_the_report() -> None:
    if not SOURCE_TEXT.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the report text must be beside the repo in CI: {SOURCE_TEXT}")
        pytest.skip("the report text (shared/source) is not beside this checkout")
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    claims = load_dataset(DATA_DIR).tables["claims"]
    for _, claim in claims.iterrows():
        assert claim["quote_pl"] in text, claim["claim_id"]


def test_coverage_meets_the_minimum_the_story_needs(dataset) -> None:
    minimum = {
        "companies": 10,
        "models": 12,
        "chips": 10,
        "locations": 8,
        "policies": 8,
        "events": 30,
        "relationships": 40,
        "claims": 12,
    }
    counts = {t: len(dataset.tables[t]) for t in minimum}
    assert all(counts[t] >= n for t, n in minimum.items()), counts


def test_everything_the_report_names_is_in_the_data(dataset) -> None:
    ids = {t: set(dataset.tables[t].iloc[:, 0]) for t in ("companies", "chips", "locations")}
    assert {
        "alibaba",
        "bytedance",
        "deepseek",
        "huawei",
        "nvidia",
        "openai",
        "google",
        "meta",
        "sea_dc_operators",
        "sg_dc_operator",
    } <= ids["companies"]
    assert {"h20"} <= ids["chips"]
    assert {"singapore", "johor", "hangzhou"} <= ids["locations"]
    families = set(dataset.tables["models"]["family"])
    assert {"Qwen", "Doubao", "DeepSeek"} <= families


def test_no_shipped_text_cell_could_run_as_a_spreadsheet_formula(dataset) -> None:
    # The whole-dataset ZIP ships the CSVs as they are, so they must be safe to open in Excel too.
    for name, frame in dataset.tables.items():
        for column in frame.columns:
            if pd.api.types.is_string_dtype(frame[column]):
                bad = frame[column].dropna()
                bad = bad[bad.str.match(r"^[=+\-@\t\r]")]
                assert bad.empty, f"{name}.{column}: {list(bad)[:3]}"
