"""Presenter's notes in story mode: in the presenter's own window, never over the slide the audience sees."""

from __future__ import annotations

import csv
from pathlib import Path

from browser import wait_until_idle

DATA = Path(__file__).resolve().parent.parent / "data"
with (DATA / "story_steps.csv").open(encoding="utf-8") as handle:
    STEPS = sorted(csv.DictReader(handle), key=lambda row: int(row["position"]))
with (DATA / "claims.csv").open(encoding="utf-8") as handle:
    CLAIMS = {row["claim_id"]: row for row in csv.DictReader(handle)}


def test_the_slide_never_shows_the_notes_and_the_notes_open_in_another_window(page, app_url: str) -> None:
    number = next(i for i, row in enumerate(STEPS, start=1) if row["claim_id"])
    row = STEPS[number - 1]
    polish = CLAIMS[row["claim_id"]]["quote_pl"]
    page.goto(f"{app_url}/present?embed=true&step={number}")
    wait_until_idle(page)
    body = page.locator("[data-testid=stMain]").inner_text()
    assert row["heading"] in body
    assert polish[:40] not in body and row["text"][:40] not in body, "the audience must not read the notes"
    link = page.get_by_role("link", name="Presenter's notes")
    assert link.get_attribute("target") == "_blank"
    with page.context.expect_page() as opened:
        link.click()
    notes = opened.value
    wait_until_idle(notes)
    text = notes.locator("[data-testid=stMain]").inner_text()
    assert f"step={number}" in notes.url and "notes=1" in notes.url
    assert row["text"][:40] in text and polish[:40] in text
    assert notes.locator("[data-testid=stVegaLiteChart]").count() == 0, "the notes view is not a second slide"
    # The slide the audience sees is unchanged: still no notes on it.
    assert polish[:40] not in page.locator("[data-testid=stMain]").inner_text()
    notes.close()


def test_the_presenter_moves_through_the_notes_with_the_arrow_keys(page, app_url: str) -> None:
    page.goto(f"{app_url}/present?embed=true&step=1&notes=1")
    wait_until_idle(page)
    page.keyboard.press("ArrowRight")
    page.get_by_text(STEPS[1]["text"][:40]).wait_for(timeout=15000)
    assert "step=2" in page.url and "notes=1" in page.url
