"""One-page handouts of the current view (Export status, Map, Timeline, a profile), read back as a reader would."""

from __future__ import annotations

from io import BytesIO

import pandas as pd
import pytest
from pypdf import PdfReader
from test_pages import open_page

from supplychain.app.handouts import profile_handout, status_handout, timeline_handout, view_pdf
from supplychain.data.load import load_dataset
from supplychain.rules.status import measure_windows, status_on
from supplychain.rules.status_answers import status_answers

DATASET = load_dataset()
LINK = "https://dashboard.example/status?asof=2025-06-01"


def read(page) -> str:
    pdf = PdfReader(BytesIO(view_pdf(page)))
    assert len(pdf.pages) == 1
    return " ".join(pdf.pages[0].extract_text().replace("\x00", "").split())


@pytest.mark.parametrize("path", ["status", "map", "timeline", "entity"])
def test_each_view_offers_a_handout_pdf(path: str) -> None:
    at = open_page(path, {"id": "h20"} if path == "entity" else None)
    assert not at.exception, at.exception
    buttons = [b for b in at.get("download_button") if b.label == "Handout (PDF)"]
    assert len(buttons) == 1, [b.label for b in at.get("download_button")]


def test_status_handout_prints_every_answer_its_sources_the_link_and_the_citation() -> None:
    tables = DATASET.tables
    day = pd.Timestamp("2025-06-01")
    answers = status_answers(status_on(tables["chips"], measure_windows(tables), day), tables["sources"], day)
    text = read(status_handout(DATASET, day="1 Jun 2025", spec=None, answers=answers, link=LINK))
    assert "On 1 Jun 2025" in text
    for row in answers.to_dict("records"):
        assert " ".join(row["question"].split()) in text
        assert " ".join(row["answer"].split())[:60] in text
    sources = tables["sources"].set_index("source_id")
    cited = [s for s in dict.fromkeys(answers["source_id"]) if s]
    assert cited
    for source_id in cited[:6]:
        assert " ".join(str(sources.loc[source_id, "publisher"]).split()) in text
    assert LINK in text
    assert "Cite as:" in text and DATASET.version in text


def test_a_long_view_still_fits_one_page_with_its_chart() -> None:
    items = pd.DataFrame({"source_id": [s for s in DATASET.tables["sources"]["source_id"]]})
    spec = {"mark": "bar", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    page = timeline_handout(DATASET, spec=spec, shown=items, summary="x " * 800, link=LINK)
    pdf = PdfReader(BytesIO(view_pdf(page)))
    assert len(pdf.pages) == 1 and len(pdf.pages[0].images) == 1
    assert "more sources" in pdf.pages[0].extract_text()


def test_profile_handout_names_the_entity_and_its_sources() -> None:
    citations = pd.DataFrame({"source_id": list(DATASET.tables["chips"]["source_id"].dropna()[:2])})
    text = read(
        profile_handout(DATASET, name="Nvidia H20", spec=None, lines=["A chip."], citations=citations, link=LINK)
    )
    assert "Nvidia H20" in text and "A chip." in text
    publisher = DATASET.tables["sources"].set_index("source_id").loc[citations["source_id"].iloc[0], "publisher"]
    assert " ".join(str(publisher).split()) in text
