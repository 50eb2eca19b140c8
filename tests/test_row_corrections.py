"""'Suggest a correction' on every table row: select a row, press the button, and the dialog's message names that
row's id, the view's link and the data version (AppTest, as a reader's click would set the table's selection)."""

from __future__ import annotations

import json

import pytest
from conftest import DATA_DIR
from test_pages import open_page

PACKAGE = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
VERSION = PACKAGE["version"]


def _first(table: str) -> str:
    """The id of the first row of a shipped CSV, read from the file, not from the app."""
    return (DATA_DIR / f"{table}.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]


# Tables whose selection already did something before the button came (their own widget keys).
TABLE_KEYS = {"tl_table": "tl_table", "edges": "edge_pick"}


def _select_and_open(page: str, params: dict[str, str], opened: dict[str, object], key: str, row: int = 0):
    """Open the page with a table's row `row` selected, press its correction button, return the dialog's text."""
    selected = {TABLE_KEYS.get(key, f"{key}_rows"): {"selection": {"rows": [row], "columns": []}}}
    at = open_page(page, params, opened={**opened, **selected})
    assert not at.exception, at.exception
    button = at.button(key=f"correct_{key}")
    assert not button.disabled, "a selected row turns the button on"
    button.click()
    at.run()
    assert not at.exception, at.exception
    body = next(c.value for c in at.code if "\nRows: " in c.value)  # the dialog's message, not the citation
    assert f"Data version: {VERSION}" in body and "View: " in body
    return body


# (page, link parameters, widget state that opens the table, the table's key, the row id expected in the message)
CASES = [
    ("data", {"table": "chips"}, {}, "data_table", "chips:" + _first("chips")),
    ("data", {"table": "sources"}, {"dictionary_open": True}, "dictionary", "datapackage.json:sources.source_id"),
    ("sites", {}, {"sites_table_open": True}, "sites_table", "sites:"),
    ("map", {}, {"map_tables_open": True}, "map_places", "locations:"),
    ("map", {"id": "singapore"}, {}, "place_ties", "relationships:"),
    ("timeline", {}, {"tl_table_open": True}, "tl_table", ":"),
    ("status", {"asof": "2026-03-01"}, {"status_table_open": True}, "status_table", "chips:"),
    ("relationships", {"view": "Evidence"}, {}, "edges", "relationships:"),
    ("relationships", {"view": "Chains"}, {}, "chains_table", "companies:"),
    ("entity", {"id": "h20"}, {"ties_table_open": True}, "ties_table", "relationships:"),
    ("sources", {}, {"sources_tab": "All sources"}, "sources_table", "sources:"),
    ("sources", {}, {"sources_tab": "Claims from the report", "claims_table_open": True}, "claims_table", "claims:"),
    ("sources", {}, {"sources_tab": "Method, licence and citation"}, "coverage_table", "coverage:"),
]


@pytest.mark.parametrize(("page", "params", "opened", "key", "row_id"), CASES, ids=[c[3] for c in CASES])
def test_a_selected_table_row_opens_a_correction_naming_it(page, params, opened, key, row_id) -> None:
    body = _select_and_open(page, params, opened, key)
    rows = next(line for line in body.splitlines() if line.startswith("Rows: "))
    assert row_id in rows, body


def test_the_data_table_names_the_row_selected_not_the_first() -> None:
    ids = [line.split(",")[0] for line in (DATA_DIR / "models.csv").read_text(encoding="utf-8").splitlines()[1:]]
    body = _select_and_open("data", {"table": "models"}, {}, "data_table", row=2)
    assert f"Rows: models:{ids[2]}" in body and "table=models" in body


def test_without_a_selection_the_button_is_off() -> None:
    at = open_page("data", {"table": "chips"})
    assert at.button(key="correct_data_table").disabled
