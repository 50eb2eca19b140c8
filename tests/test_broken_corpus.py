"""Every broken file of the generated corpus (tests/broken_corpus.py) gets the problems list naming it.

The loader's answer is checked for every case (fast); the running app, through AppTest, for one case of every
kind on a page chosen in turn, and for a few cases on every page. Each folder is generated once per test session.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from broken_corpus import Broken, base_folder, corpus, kind_of
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from supplychain.app.cache import RULE_CHECKS
from supplychain.data.load import load_dataset
from supplychain.i18n import LOCALE_DIR

APP = str(ROOT / "dashboard.py")
CASES = corpus()
PAGES = ("overview", "status", "map", "sites", "timeline", "relationships", "entity", "data", "sources", "present")
# One case of every kind (the first table's), each on the next page in turn.
FIRST_OF_KIND = list({kind_of(c): c for c in reversed(CASES)}.values())[::-1]
ON_A_PAGE = [(case, PAGES[i % len(PAGES)]) for i, case in enumerate(FIRST_OF_KIND)]
# The cases the issue saw crash a page, on every page.
EVERY_PAGE = ("package_missing", "package_malformed_json", "package_reviewed_impossible", "lanes_header_only")


@pytest.fixture(scope="session")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corpus")


def _folder(root: Path, case: Broken) -> Path:
    folder = root / case.name
    if not folder.exists():
        case.breaks(base_folder(folder))
    return folder


def test_the_corpus_has_every_table_the_package_and_over_sixty_broken_files() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)) >= 60
    files = {c.file for c in CASES}
    assert {f"{t}.csv" for t in ("lanes", "sites", "story_steps", "companies", "events", "sources")} <= files
    assert "datapackage.json" in files
    assert len({kind_of(c) for c in CASES}) >= 30


def test_the_unbroken_base_folder_loads(tmp_path: Path) -> None:
    dataset = load_dataset(base_folder(tmp_path / "base"), checks=RULE_CHECKS)
    assert dataset.ok, [str(p) for p in dataset.problems]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_broken_file_is_named_in_the_problems_list(case: Broken, corpus_root: Path) -> None:
    dataset = load_dataset(_folder(corpus_root, case), checks=RULE_CHECKS)
    shown = [str(p) for p in dataset.problems]
    assert not dataset.ok and dataset.tables == {}, "a failed load never hands out half the data"
    hits = [p for p in dataset.problems if p.file == case.file]
    assert hits, shown
    if case.line is not None:
        hits = [p for p in hits if p.line == case.line]
        assert hits, shown
    if case.column is not None:
        assert any(p.column == case.column for p in hits), shown
    assert all(len(p.value or "") <= 80 for p in dataset.problems), "values are cut short"


def _run(folder: Path, page: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(folder))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["_test_start_page"] = page
    return at.run()


def _assert_problems_shown(at: AppTest, case: Broken) -> None:
    assert not at.exception, at.exception
    assert any("did not pass its checks" in e.value for e in at.error), [e.value for e in at.error]
    problems = at.dataframe[0].value
    assert case.file in set(problems["File"]), problems
    if case.line is not None:
        assert case.line in set(problems.loc[problems["File"] == case.file, "Line"]), problems
    if case.column is not None:
        assert case.column in set(problems.loc[problems["File"] == case.file, "Column"]), problems


@pytest.mark.parametrize(("case", "page"), ON_A_PAGE, ids=lambda v: v if isinstance(v, str) else v.name)
def test_a_page_shows_the_problems_list_for_each_kind_of_broken_file(
    case: Broken, page: str, corpus_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _assert_problems_shown(_run(_folder(corpus_root, case), page, monkeypatch), case)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", EVERY_PAGE)
def test_every_page_shows_the_problems_list_where_a_page_once_crashed(
    name: str, page: str, corpus_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = next(c for c in CASES if c.name == name)
    _assert_problems_shown(_run(_folder(corpus_root, case), page, monkeypatch), case)


def test_every_problem_the_corpus_raises_has_a_polish_wording(corpus_root: Path) -> None:
    """Each problem's sentence is a catalogue message (never an f-string built in English), translated."""
    with (LOCALE_DIR / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale="pl")
    lacking: dict[str, str] = {}
    for case in CASES:
        for p in load_dataset(_folder(corpus_root, case), checks=RULE_CHECKS).problems:
            entry = catalogue.get(p.template)
            if entry is None or not entry.string:
                lacking[p.template] = case.name
    assert not lacking, lacking


def test_a_broken_file_in_polish_shows_the_problems_list_in_polish(
    corpus_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = next(c for c in CASES if c.name == "models_release_date_impossible_date")
    monkeypatch.setenv("SUPPLYCHAIN_DATA_DIR", str(_folder(corpus_root, case)))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["_test_start_page"] = "timeline"
    at.query_params["lang"] = "pl"
    at.run()
    assert not at.exception, at.exception
    assert any("Dane nie przeszły kontroli" in e.value for e in at.error), [e.value for e in at.error]
    problems = at.dataframe[0].value
    assert list(problems.columns) == ["Plik", "Wiersz", "Linia", "Kolumna", "Znaleziono", "Oczekiwano"]
    row = problems[problems["Plik"] == "models.csv"].iloc[0]  # file and column stay as the data names them
    assert row["Kolumna"] == "release_date" and row["Linia"] == case.line
    assert row["Oczekiwano"] == "data zapisana jako RRRR-MM-DD", row["Oczekiwano"]
    assert "Fix the rows" not in " ".join(c.value for c in at.caption)
