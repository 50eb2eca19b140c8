"""The glossary's rules as the page and the search box use them (rules/glossary.py), on a small made-up table.

The page tests (test_glossary.py) read the shipped glossary through AppTest; these check each rule alone: the
order a reader sees in each language, the related terms, the help text, and what the search finds first.
"""

from __future__ import annotations

import pandas as pd
import pytest

from supplychain.rules.glossary import find_terms, glossary_terms, term_definition

GLOSSARY = pd.DataFrame(
    {
        "term_id": ["tpp", "entity_list", "leasing"],
        "term": ["TPP", "entity List", "Leasing"],
        "term_pl": ["TPP (wydajność)", "lista podmiotów", "Leasing mocy"],
        "definition": ["Total processing performance.", "A list of parties.", "Renting capacity."],
        "definition_pl": ["Łączna wydajność.", "Lista podmiotów.", "Wynajem mocy."],
        "source_id": ["s1", "s2", "s3"],
        "related": ["entity_list;;leasing", None, ""],
    }
)
TABLES = {"glossary": GLOSSARY}
COLUMNS = ["term_id", "term", "other", "definition", "source_id", "related"]


def test_terms_are_alphabetical_whatever_their_case_with_the_other_languages_name_beside() -> None:
    terms = glossary_terms(TABLES, language="en")
    assert list(terms["term"]) == ["entity List", "Leasing", "TPP"]
    assert list(terms["other"]) == ["lista podmiotów", "Leasing mocy", "TPP (wydajność)"]
    assert list(terms["definition"]) == ["A list of parties.", "Renting capacity.", "Total processing performance."]
    assert list(terms["source_id"]) == ["s2", "s3", "s1"]
    assert list(terms.index) == [0, 1, 2] and list(terms.columns) == COLUMNS


def test_polish_terms_are_alphabetical_in_polish_with_the_english_name_beside() -> None:
    terms = glossary_terms(TABLES, language="pl")
    assert list(terms["term"]) == ["Leasing mocy", "lista podmiotów", "TPP (wydajność)"]
    assert list(terms["other"]) == ["Leasing", "entity List", "TPP"]
    assert list(terms["definition"]) == ["Wynajem mocy.", "Lista podmiotów.", "Łączna wydajność."]


def test_related_terms_are_a_list_without_blanks() -> None:
    related = glossary_terms(TABLES, language="en").set_index("term_id")["related"]
    assert related["tpp"] == ["entity_list", "leasing"]
    assert related["entity_list"] == [] and related["leasing"] == []


def test_an_empty_glossary_gives_the_columns_the_page_reads() -> None:
    for tables in ({}, {"glossary": GLOSSARY.head(0)}):
        terms = glossary_terms(tables, language="en")
        assert terms.empty
        assert list(terms.columns) == ["term_id", "term", "other", "definition", "source_id", "related"]


def test_help_text_is_the_term_and_its_definition_in_the_readers_language() -> None:
    assert term_definition(TABLES, "tpp", language="en") == "TPP: Total processing performance."
    assert term_definition(TABLES, "tpp", language="pl") == "TPP (wydajność): Łączna wydajność."
    assert term_definition(TABLES, "no_such_term", language="en") == ""


def test_the_search_finds_a_term_by_either_name_or_its_id_whatever_the_case() -> None:
    assert list(find_terms(TABLES, "LISTA", language="en")["term_id"]) == ["entity_list"]
    assert list(find_terms(TABLES, "entity_", language="en")["term_id"]) == ["entity_list"]
    assert list(find_terms(TABLES, "  TPP ", language="en")["term_id"]) == ["tpp"]
    assert list(find_terms(TABLES, "renting", language="en")["term_id"]) == []  # definitions are not searched


def test_terms_that_start_with_the_words_come_before_terms_that_only_contain_them() -> None:
    # "t" starts "TPP" only; "entity List" (first in the alphabet) only contains it.
    assert list(find_terms(TABLES, "t", language="en")["term_id"]) == ["tpp", "entity_list"]
    assert list(find_terms(TABLES, "t", language="en").index) == [0, 1]
    assert list(find_terms(TABLES, "t", language="en").columns) == COLUMNS
    # "l" starts "Leasing" and the Polish "lista podmiotów": both start, so both keep the alphabet's order.
    assert list(find_terms(TABLES, "l", language="en")["term_id"]) == ["entity_list", "leasing"]
    # A Polish name that starts with the words counts too: "lista podmiotów" for "lis".
    assert list(find_terms(TABLES, "lis", language="en")["term_id"]) == ["entity_list"]
    assert list(find_terms(TABLES, "l", language="pl")["term"]) == ["Leasing mocy", "lista podmiotów"]


def test_an_empty_search_finds_nothing_but_keeps_the_columns() -> None:
    for text in ("", "   "):
        found = find_terms(TABLES, text, language="en")
        assert found.empty and "term_id" in found.columns
    assert find_terms({}, "tpp", language="en").empty


def test_the_search_takes_the_readers_words_literally_and_never_across_two_names() -> None:
    assert list(find_terms(TABLES, "TPP (", language="en")["term_id"]) == ["tpp"]
    assert list(find_terms(TABLES, "(wyd", language="pl")["term_id"]) == ["tpp"]
    assert find_terms(TABLES, "list\nlista", language="en").empty  # the end of one name and the start of the next


@pytest.mark.parametrize("dtype", [object, "string"])
def test_terms_that_read_the_same_whatever_their_case_keep_the_files_order(dtype: object) -> None:
    names = ["Same", "same", "SAME", "Other"] * 10
    ties = pd.DataFrame({column: GLOSSARY[column].iloc[0] for column in GLOSSARY.columns}, index=range(40))
    ties["term_id"] = [f"t{i:02d}" for i in range(40)]
    ties["term"] = pd.Series(names, dtype=dtype)
    ties["term_pl"] = pd.Series(names, dtype=dtype)
    order = list(glossary_terms({"glossary": ties}, language="en")["term_id"])
    assert order == [f"t{i:02d}" for i in range(3, 40, 4)] + [f"t{i:02d}" for i in range(40) if i % 4 != 3]
