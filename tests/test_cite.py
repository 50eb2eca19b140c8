"""Citations as a reader pastes them: the dataset, one table or one filtered view, as text, BibTeX, RIS and CSL-JSON.

The tables are the small fixture's (its claims quote the Example Times report of 27 November 2025); the package is
written here, so every expected citation below is spelled out by hand from those facts.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from supplychain.data.load import load_dataset
from supplychain.i18n import language_of
from supplychain.rules.cite import FORMATS, as_bibtex, as_csl, as_ris, as_text, cited, render_citation

PACKAGE = {
    "title": "China's AI supply chain: offshore training, chips and export controls",
    "version": "1.4.2",
    "created": "2026-02-02T00:00:00Z",
    "licenses": [{"name": "CC-BY-4.0"}],
}
ACCESSED = date(2026, 12, 5)
TITLE = "China's AI supply chain: offshore training, chips and export controls"
NOTE = (
    "Data as of 2026-02-02; drawn from the Example Times report of 27 November 2025 and public records. "
    "Licence CC BY 4.0."
)


@pytest.fixture
def tables(mini_dir):
    dataset = load_dataset(mini_dir)
    assert dataset.ok, dataset.problems
    return dataset.tables


def test_the_dataset_is_cited_with_its_version_build_date_access_date_and_address(tables) -> None:
    c = cited(PACKAGE, tables, url="https://example.org/", accessed=ACCESSED)
    assert (c.title, c.version, c.created, c.accessed, c.url) == (
        TITLE,
        "1.4.2",
        "2026-02-02",
        "2026-12-05",
        "https://example.org/",
    )
    assert (c.note, c.key) == (NOTE, "china_ai_supply_chain_2026")
    assert as_text(c) == (
        f"China AI supply chain dashboard team (2026). {TITLE}. Dataset version 1.4.2. {NOTE} "
        "https://example.org/ (accessed 2026-12-05)."
    )


def test_a_whole_table_is_cited_by_its_name_without_filters(tables) -> None:
    c = cited(PACKAGE, tables, url="https://example.org/data", accessed=ACCESSED, table="models", rows=7)
    assert (c.title, c.note, c.key) == (f"{TITLE}: AI models", NOTE, "china_ai_supply_chain_2026_models")


def test_a_filtered_view_names_its_filters_and_row_count_before_the_data_note(tables) -> None:
    c = cited(PACKAGE, tables, url="u", accessed=ACCESSED, table="models", filters="developer_id=deepseek", rows=3)
    assert c.title == f"{TITLE}: AI models (filtered view)"
    assert c.note == f"Filters: developer_id=deepseek; 3 rows. {NOTE}"
    counted_none = cited(PACKAGE, tables, url="u", accessed=ACCESSED, table="models", filters="q=H20")
    assert counted_none.note == f"Filters: q=H20. {NOTE}"
    zero = cited(PACKAGE, tables, url="u", accessed=ACCESSED, table="models", filters="q=none", rows=0)
    assert zero.note.startswith("Filters: q=none; 0 rows. Data as of")


def test_a_table_unknown_to_the_labels_is_cited_by_its_own_name_and_its_key_keeps_only_safe_characters(tables) -> None:
    c = cited(PACKAGE, tables, url="u", accessed=ACCESSED, table="../Odd-Table_2")
    assert c.title == f"{TITLE}: ../Odd-Table_2"
    assert c.key == "china_ai_supply_chain_2026_ddable_2"


def test_a_package_without_title_version_or_date_is_cited_with_blanks_not_the_catalogue_header(tables) -> None:
    with language_of("pl"):
        c = cited({}, tables, url="u", accessed=ACCESSED)
    assert (c.title, c.version, c.created, c.key) == ("", "", "", "china_ai_supply_chain_")
    assert "Project-Id-Version" not in c.title
    assert json.loads(as_csl(c))[0]["issued"] == {"date-parts": []}


def test_a_polish_reader_gets_the_citation_in_polish(tables) -> None:
    with language_of("pl"):
        c = cited(PACKAGE, tables, url="u", accessed=ACCESSED, table="models", filters="a=b", rows=2)
        text = as_text(c)
    assert c.title == (
        "Chiński łańcuch dostaw AI: szkolenie modeli za granicą, chipy i kontrola eksportu: Modele AI "
        "(widok po filtrowaniu)"
    )
    assert c.note.startswith("Filtry: a=b; wiersze: 2. Dane na dzień 2026-02-02; ")
    assert text.startswith("Zespół panelu o chińskim łańcuchu dostaw AI (2026). Chiński łańcuch")
    assert text.endswith(" u (dostęp: 2026-12-05).")


def test_bibtex_is_a_misc_entry_whose_fields_cannot_be_broken_by_braces_or_backslashes(tables) -> None:
    c = cited(
        {**PACKAGE, "title": "A {braced} \\title", "version": "1.0.0}"},
        tables,
        url="https://example.org/?q={x}",
        accessed=ACCESSED,
        table="chips",
    )
    assert as_bibtex(c) == (
        "@misc{china_ai_supply_chain_2026_chips,\n"
        "  author = {{China AI supply chain dashboard team}},\n"
        "  title = {{A braced title: Chips}},\n"
        "  year = {2026},\n"
        "  version = {1.0.0},\n"
        "  howpublished = {\\url{https://example.org/?q=x}},\n"
        "  url = {https://example.org/?q=x},\n"
        "  urldate = {2026-12-05},\n"
        f"  note = {{{NOTE}}}\n"
        "}\n"
    )


def test_ris_is_a_data_record_with_slashed_dates_one_line_per_tag_and_crlf_ends(tables) -> None:
    c = cited(PACKAGE, tables, url="https://example.org/", accessed=ACCESSED, table="models", filters="a=b\nc=d")
    assert as_ris(c) == (
        "TY  - DATA\r\n"
        "AU  - China AI supply chain dashboard team\r\n"
        f"TI  - {TITLE}: AI models (filtered view)\r\n"
        "PY  - 2026\r\n"
        "DA  - 2026/02/02\r\n"
        "ET  - 1.4.2\r\n"
        "UR  - https://example.org/\r\n"
        "Y2  - 2026/12/05\r\n"
        f"N1  - Filters: a=b c=d. {NOTE}\r\n"
        "ER  - \r\n"
    )


def test_csl_json_is_one_dataset_item_with_date_parts_and_unescaped_letters(tables) -> None:
    c = cited({**PACKAGE, "title": "Łańcuch"}, tables, url="https://example.org/", accessed=ACCESSED)
    text = as_csl(c)
    assert text.endswith("}\n]\n") and '"Łańcuch"' in text and '\n  {\n    "id": ' in text
    assert json.loads(text) == [
        {
            "id": "china_ai_supply_chain_2026",
            "type": "dataset",
            "author": [{"literal": "China AI supply chain dashboard team"}],
            "title": "Łańcuch",
            "version": "1.4.2",
            "issued": {"date-parts": [[2026, 2, 2]]},
            "accessed": {"date-parts": [[2026, 12, 5]]},
            "URL": "https://example.org/",
            "note": NOTE,
        }
    ]


def test_every_offered_format_renders_the_same_citation(tables) -> None:
    c = cited(PACKAGE, tables, url="https://example.org/", accessed=ACCESSED)
    assert {fmt: render_citation(c, fmt) for fmt in FORMATS} == {
        "bib": as_bibtex(c),
        "ris": as_ris(c),
        "json": as_csl(c),
        "txt": as_text(c),
    }
