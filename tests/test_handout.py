"""Handout PDFs read back as a reader's PDF viewer would: pages, words, Polish and Chinese letters, links."""

from __future__ import annotations

import csv
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_pages import open_page, texts

from supplychain.app.handouts import story_pdf
from supplychain.charts.handout import PAGE_MM, HandoutPage, build_handout
from supplychain.data.load import load_dataset
from supplychain.i18n import language_of

DATA = Path(__file__).resolve().parent.parent / "data"
BASE = "https://dashboard.example/"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def flat(text: str) -> str:
    """Text with every run of whitespace as one space (a PDF breaks lines where the page ends)."""
    return " ".join(text.split())


STEP_ROWS = sorted(read_csv("story_steps"), key=lambda row: int(row["position"]))
CLAIMS = {row["claim_id"]: row for row in read_csv("claims")}
SOURCES = {row["source_id"]: row for row in read_csv("sources")}


@pytest.fixture(scope="module")
def story() -> PdfReader:
    return PdfReader(BytesIO(story_pdf(load_dataset(), base=BASE)))


@pytest.fixture(scope="module")
def story_pages(story: PdfReader) -> list[str]:
    return [flat(page.extract_text()) for page in story.pages]


def test_story_handout_has_one_widescreen_page_per_step(story: PdfReader) -> None:
    assert len(story.pages) == len(STEP_ROWS) == 9
    for page in story.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width / height == pytest.approx(16 / 9, rel=0.01)
        assert width == pytest.approx(PAGE_MM[0] / 25.4 * 72, rel=0.01)  # 10 inches: a slide, not A4


def test_each_step_page_prints_its_heading_quote_attribution_and_notes(story_pages: list[str]) -> None:
    for row, text in zip(STEP_ROWS, story_pages, strict=True):
        assert flat(row["heading"]) in text
        assert flat(row["text"]) in text  # the presenter's notes
        if row["claim_id"]:
            claim = CLAIMS[row["claim_id"]]
            assert flat(claim["text_en"]) in text
            assert flat(claim["quote_pl"]) in text  # the report's own Polish words
            assert flat(claim["attribution"]) in text


def test_each_quoted_step_names_its_source(story_pages: list[str]) -> None:
    quoted = [(row, text) for row, text in zip(STEP_ROWS, story_pages, strict=True) if row["claim_id"]]
    assert quoted
    for row, text in quoted:
        source = SOURCES[CLAIMS[row["claim_id"]]["source_id"]]
        assert "Source: " + flat(source["publisher"]) in text
        assert flat(source["title"]) in text


def test_polish_letters_survive_in_the_pdf_text(story_pages: list[str]) -> None:
    everything = " ".join(story_pages)
    for letter in "ąęłśżó":
        assert letter in everything, letter


def test_each_step_page_links_back_to_its_step(story: PdfReader, story_pages: list[str]) -> None:
    for number, (page, text) in enumerate(zip(story.pages, story_pages, strict=True), start=1):
        link = f"{BASE}present?step={number}"
        assert link in text
        uris = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", []) if "/A" in a.get_object()]
        assert link in uris


def test_each_step_page_carries_its_visual_as_an_image(story: PdfReader) -> None:
    for page in story.pages:
        assert len(page.images) == 1


def test_chinese_names_print_as_chinese_text() -> None:
    names = [row["name_zh"] for row in read_csv("companies") if row.get("name_zh")]
    assert names, "the data has Chinese names"
    pdf = PdfReader(BytesIO(build_handout([HandoutPage(heading="Zażółć gęślą jaźń " + " ".join(names))], title="t")))
    # pypdf puts a NUL where the text switches to the fallback (CJK) face; poppler's pdftotext reads it cleanly.
    text = flat(pdf.pages[0].extract_text().replace("\x00", ""))
    assert "Zażółć gęślą jaźń" in text
    for name in names:
        assert name in text, name
    fonts = {str(font) for font in pdf.pages[0]["/Resources"]["/Font"].values()}
    assert fonts, "fonts are embedded"


def test_story_mode_offers_the_handout_and_keeps_notes_off_the_slide() -> None:
    slide = open_page("present", {"step": "4"})
    assert not slide.exception, slide.exception
    assert [b.label for b in slide.get("download_button")] == ["PDF"]
    row = STEP_ROWS[3]
    polish = CLAIMS[row["claim_id"]]["quote_pl"]
    assert polish[:40] not in texts(slide)
    notes = open_page("present", {"step": "4", "notes": "1"})
    assert not notes.exception, notes.exception
    assert polish[:40] in texts(notes) and flat(row["text"])[:40] in texts(notes)
    assert len(notes.get("vega_lite_chart")) == 0


def test_a_polish_handout_is_worded_and_tagged_in_polish() -> None:
    with language_of("pl"):
        pdf = PdfReader(BytesIO(story_pdf(load_dataset(), base=BASE)))
    first = flat(pdf.pages[0].extract_text())
    assert "Krok 1 z 9" in first and "Notatki prezentującego:" in first, first
    assert "Step 1 of" not in first and "Presenter's notes" not in first
    assert pdf.metadata["/Creator"] == "Panel o chińskim łańcuchu dostaw AI"
    assert pdf.trailer["/Root"]["/Lang"] == "pl"
    assert pdf.metadata["/Title"] == "Opowieść krok po kroku", pdf.metadata["/Title"]
