"""The Overview on about three screens: one list of findings, each with its quote, standing today and later events."""

from __future__ import annotations

import pytest
from browser import wait_until_idle
from conftest import DATA_DIR
from test_pages import open_page

from supplychain.data.load import load_dataset
from supplychain.rules.provenance import key_findings

FINDINGS = key_findings(load_dataset(DATA_DIR).tables)


def test_overview_lists_each_key_finding_once_with_its_quote_standing_and_later_events() -> None:
    at = open_page("/")
    assert not at.exception, at.exception
    lines = [m.value.replace("\\", "") for m in at.markdown]
    for claim in FINDINGS.itertuples():
        said = [line for line in lines if claim.text_en in line]
        assert len(said) == 1, (claim.claim_id, len(said))  # once, not once per section
        quoted = [line for line in lines if claim.quote_pl in line]
        assert len(quoted) == 1, claim.claim_id
    entries = [e for e in at.expander if e.label.startswith("Quote")]
    assert len(entries) == len(FINDINGS)
    bearing = next(e for e in entries if "later event" in e.label)
    inside = "\n".join(m.value for m in bearing.markdown).replace("\\", "")
    assert "**Where it stands:**" in inside and "Source:" in "\n".join(c.value for c in bearing.caption)


def test_in_polish_an_opened_finding_says_its_caption_is_about_the_quote_above_before_the_english_translation() -> None:
    at = open_page("/", {"lang": "pl"})
    assert not at.exception, at.exception
    entry = next(e for e in at.expander if e.label.startswith("Cytat"))
    first = entry.children[0]
    assert first.type == "caption" and first.value.startswith("Cytat powyżej, po polsku, dosłownie"), first
    assert not any("Po polsku, dosłownie" in c.value for c in entry.caption)


@pytest.fixture
def screen(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    yield tab
    context.close()


# What a reader sees as the findings' heading in each language: finding it also shows the page was drawn in that
# language (a Polish link that fell back to English would fail here, not pass on the English height).
HEIGHT_CASES = [
    ("/", "What the report says, and where it stands today"),
    ("/?lang=pl", "Co mówi raport i jaki jest stan dziś"),
    ("/?lang=pl&embed_options=dark_theme", "Co mówi raport i jaki jest stan dziś"),
]


@pytest.mark.parametrize(("path", "heading"), HEIGHT_CASES, ids=["english", "polish", "polish-dark"])
def test_overview_is_under_2500_px_tall_at_1280x720_in_english_and_polish(
    screen, app_url: str, path: str, heading: str
) -> None:
    screen.goto(app_url + path)
    wait_until_idle(screen)
    screen.get_by_role("heading", name=heading).first.wait_for()
    height = screen.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    # Issue 21 asked for "under about 2,500 px" (it was 6,133); "What's new" is one line near the top, its list in a
    # popover, so nothing is added below the findings. Polish was 2,717 px: longer words wrapped the title, the intro
    # and the findings onto more lines; the same limit holds in both languages.
    assert height < 2500, f"the Overview at {path} is {height} px tall at 1280x720"


@pytest.mark.parametrize("path", ["/", "/?lang=pl"], ids=["english", "polish"])
def test_overview_links_within_the_page_lead_to_a_section_in_english_and_polish(
    screen, app_url: str, path: str
) -> None:
    screen.goto(app_url + path)
    wait_until_idle(screen)
    targets = screen.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stMarkdownContainer] a')]
             .map(a => new URL(a.href)).filter(u => u.hash && u.pathname === location.pathname)
             .map(u => [u.hash, !!document.getElementById(decodeURIComponent(u.hash.slice(1)))])"""
    )
    assert targets, "the Overview links to its findings from the top"
    assert all(found for _hash, found in targets), targets
