"""At many times today's rows, lists that grow with the data show a first part and say how much more there is."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA_DIR
from streamlit.testing.v1 import AppTest

from bench.synth import write_package
from supplychain.app import layout

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(scope="module")
def big_dir(tmp_path_factory) -> Path:
    """The shipped package copied four times (bench/synth.py)."""
    folder = tmp_path_factory.mktemp("x4") / "data"
    write_package(4, folder, source=DATA_DIR)
    return folder


def _open(page: str, folder: Path, monkeypatch, opened: dict[str, object] | None = None) -> AppTest:
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(folder))
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["_test_start_page"] = page
    for key, value in (opened or {}).items():  # a reader's click: opens a lazy expander
        at.session_state[key] = value
    return at.run()


def test_profiles_index_lists_the_first_links_of_each_kind_until_show_all(big_dir: Path, monkeypatch) -> None:
    at = _open("entity", big_dir, monkeypatch)
    assert not at.exception
    links = [e for e in at.get("page_link") if "id" in str(e.proto.query_string)]
    assert layout.LINK_CAP < len(links) <= 5 * layout.LINK_CAP  # five kinds, none over the cap
    companies = 4 * len(pd.read_csv(DATA_DIR / "companies.csv"))
    assert f"**Company / organisation** ({companies})" in [m.value for m in at.markdown]
    at.toggle(key="index_all").set_value(True).run()
    assert len([e for e in at.get("page_link") if "id" in str(e.proto.query_string)]) > len(links)


def test_sources_shows_the_first_claim_cards_and_the_table_has_all(big_dir: Path, monkeypatch) -> None:
    at = _open("sources", big_dir, monkeypatch, opened={"claims_table_open": True})
    assert not at.exception
    claims = 4 * len(pd.read_csv(DATA_DIR / "claims.csv"))
    assert at.toggle(key="claims_all").label.startswith(f"Show all {claims} claims")
    assert any(len(d.value) == claims for d in at.dataframe)


def test_overview_checks_only_the_first_findings_against_later_records(big_dir: Path, monkeypatch) -> None:
    """At 4x there are four times as many key findings: "What changed" shows the first LIST_CAP and says so."""
    at = _open("overview", big_dir, monkeypatch)
    assert not at.exception
    total = 4 * int(pd.read_csv(DATA_DIR / "claims.csv")["is_key_finding"].astype(str).str.lower().eq("true").sum())
    assert f"The first {layout.LIST_CAP} of {total} key findings; the Sources page gives every claim its standing." in [
        c.value for c in at.caption
    ]
    later = [e for e in at.expander if "later event" in e.label]
    assert 0 < len(later) <= layout.LIST_CAP


def test_export_status_answers_and_draws_the_first_chips_until_show_all(big_dir: Path, monkeypatch) -> None:
    at = _open("status", big_dir, monkeypatch)
    assert not at.exception
    chips = 4 * len(pd.read_csv(DATA_DIR / "chips.csv"))
    assert chips > layout.LINK_CAP
    assert at.toggle(key="status_all").label.startswith(f"Answer for all {chips} chips")
    answers = [m for m in at.markdown if m.value.startswith("**Could the ")]
    assert len(answers) == layout.LINK_CAP
    assert f"The first {layout.LINK_CAP} chips over time" in [s.value for s in at.header]
    at.toggle(key="status_all").set_value(True).run()
    assert len([m for m in at.markdown if m.value.startswith("**Could the ")]) == chips
    assert "Every chip over time" in [s.value for s in at.header]
