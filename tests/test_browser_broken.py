"""A few broken files of the corpus (tests/broken_corpus.py) in a real browser: the reader sees the problems list
naming the file, never Streamlit's redacted error under a half-drawn page, and fixing the file brings the page back.

One server serves one data folder; each test rebuilds that folder broken its own way (the app reloads on the next
run, as it does when a curator saves a file).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from broken_corpus import base_folder, corpus
from browser import serve, wait_until_idle
from conftest import ROOT

CASES = {c.name: c for c in corpus()}


@pytest.fixture(scope="module")
def broken_app(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("served") / "data"
    base_folder(folder)
    with serve(ROOT, env={"SUPPLYCHAIN_DATA_DIR": str(folder)}) as url:
        yield url, folder


def _break(folder: Path, name: str | None) -> None:
    shutil.rmtree(folder)
    base_folder(folder)
    if name:
        CASES[name].breaks(folder)


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("package_reviewed_impossible", "/timeline"),
        ("lanes_header_only", "/timeline"),
        ("story_steps_unknown_lane", "/present"),
        ("sites_nul", "/sites"),
    ],
)
def test_a_broken_file_shows_the_problems_list_in_the_browser(broken_app, page, name: str, path: str) -> None:
    url, folder = broken_app
    _break(folder, name)
    page.goto(url + path)
    wait_until_idle(page)
    main = page.locator("[data-testid=stMain]")
    main.get_by_text("did not pass its checks").wait_for(timeout=30000)
    assert page.get_by_text("This app has encountered an error").count() == 0
    grid = main.locator("[data-testid=stDataFrame]").first
    grid.wait_for(state="visible", timeout=20000)
    # The grid draws on a canvas; its accessible table (hidden text) holds the cells a screen reader reads.
    assert CASES[name].file in (grid.text_content() or "")


def test_fixing_the_file_brings_the_page_back_without_a_restart(broken_app, page) -> None:
    url, folder = broken_app
    _break(folder, "lanes_header_only")
    page.goto(url + "/timeline")
    wait_until_idle(page)
    page.get_by_text("did not pass its checks").wait_for(timeout=30000)
    _break(folder, None)
    page.reload()
    wait_until_idle(page)
    page.get_by_role("heading", name="Timeline: what happened when").wait_for(timeout=60000)
    assert page.get_by_text("did not pass its checks").count() == 0
