"""Our own words in the data, in the reader's language: translations.csv applied to cells, the data dictionary and
the lanes' labels, never a Polish text of an older fact (a stale entry gives the English)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ROOT

from supplychain.data.load import load_dataset
from supplychain.data.translations import column_words, localize_package, localize_tables, primary_key
from supplychain.i18n import language_of

COLUMNS = ["translation_id", "table", "column", "row_id", "part", "en", "pl"]


def entries(*rows: tuple[str, str, str, str, str, str]) -> pd.DataFrame:
    """translations.csv rows from (table, column, row_id, part, en, pl); blanks as the loader leaves them (NaN)."""
    frame = pd.DataFrame(
        [(f"{t}.{c or '-'}.{r or '-'}.{p}", t, c, r, p, en, pl) for t, c, r, p, en, pl in rows], columns=COLUMNS
    )
    return frame.replace("", float("nan"))


PACKAGE = {
    "resources": [
        {
            "name": "events",
            "title": "Events",
            "description": "Dated events.",
            "schema": {
                "primaryKey": ["event_id"],
                "fields": [
                    {"name": "event_id", "title": "Event id", "description": "Stable id."},
                    {"name": "title", "title": "Title", "description": "What happened."},
                ],
            },
        },
        {"name": "ties", "title": "Ties", "schema": {"primaryKey": ["a", "b"], "fields": [{"name": "a"}]}},
        {"name": "plain", "schema": {"primaryKey": "plain_id", "fields": []}},
        {"name": "unkeyed", "schema": {"fields": []}},
        {"name": "bare"},
    ]
}


def test_a_tables_row_key_is_its_single_primary_key_column_and_none_for_a_composite_or_missing_one() -> None:
    assert primary_key(PACKAGE, "events") == "event_id"
    assert primary_key(PACKAGE, "plain") == "plain_id", "a key written as one string, not a list"
    assert primary_key(PACKAGE, "ties") is None, "a composite key names no single row"
    assert primary_key(PACKAGE, "unkeyed") is None
    assert primary_key(PACKAGE, "bare") is None, "a table described without a schema"
    assert primary_key(PACKAGE, "absent") is None
    assert primary_key({}, "events") is None, "a package that describes no table"


def events_tables(translations: pd.DataFrame) -> dict[str, pd.DataFrame]:
    events = pd.DataFrame({"event_id": ["a", "b", "c"], "title": ["Chip launched", "Rule changed", "Plant opened"]})
    return {"events": events, "translations": translations}


def test_polish_cells_replace_the_english_cell_by_cell_and_leave_the_untranslated_rows_in_english() -> None:
    tables = events_tables(
        entries(
            ("events", "title", "a", "value", "Chip launched", "Premiera chipa"),
            ("events", "title", "c", "value", "Plant opened", "Otwarcie fabryki"),
        )
    )
    polish = localize_tables(tables, PACKAGE, "pl")
    assert list(polish["events"]["title"]) == ["Premiera chipa", "Rule changed", "Otwarcie fabryki"]
    assert list(polish["events"]["event_id"]) == ["a", "b", "c"], "the other columns are untouched"
    assert list(tables["events"]["title"]) == ["Chip launched", "Rule changed", "Plant opened"], "loaded table kept"
    assert polish["translations"] is tables["translations"], "a table without translated cells is shared, not copied"


def test_english_readers_get_the_loaded_tables_themselves() -> None:
    tables = events_tables(entries(("events", "title", "a", "value", "Chip launched", "Premiera chipa")))
    assert localize_tables(tables, PACKAGE, "en") is tables


def test_a_translation_with_an_empty_polish_text_or_of_another_part_leaves_the_cell_in_english() -> None:
    tables = events_tables(
        entries(
            ("events", "title", "a", "value", "Chip launched", ""),
            ("events", "title", "", "title", "Title", "Tytuł"),
        )
    )
    assert list(localize_tables(tables, PACKAGE, "pl")["events"]["title"])[0] == "Chip launched"


def test_translations_for_a_missing_table_column_or_an_unkeyed_table_are_skipped_and_the_rest_still_applied() -> None:
    tables = events_tables(
        entries(
            ("gone", "title", "a", "value", "Chip launched", "X"),
            ("events", "no_such_column", "a", "value", "Chip launched", "X"),
            ("ties", "a", "1", "value", "one", "jeden"),
            ("events", "title", "b", "value", "Rule changed", "Zmiana przepisu"),
        )
    )
    tables["ties"] = pd.DataFrame({"a": ["one"], "b": ["two"]})
    polish = localize_tables(tables, PACKAGE, "pl")
    assert list(polish["events"]["title"]) == ["Chip launched", "Zmiana przepisu", "Plant opened"]
    assert list(polish["ties"]["a"]) == ["one"], "no single key: no row can be named"
    assert "gone" not in polish


def test_two_translated_columns_of_one_table_are_both_applied() -> None:
    events = pd.DataFrame({"event_id": ["a"], "title": ["Chip launched"], "summary": ["A chip."]})
    tables = {
        "events": events,
        "translations": entries(
            ("events", "title", "a", "value", "Chip launched", "Premiera chipa"),
            ("events", "summary", "a", "value", "A chip.", "Chip."),
        ),
    }
    polish = localize_tables(tables, PACKAGE, "pl")["events"]
    assert (polish.loc[0, "title"], polish.loc[0, "summary"]) == ("Premiera chipa", "Chip.")
    assert (events.loc[0, "title"], events.loc[0, "summary"]) == ("Chip launched", "A chip."), "loaded table kept"


def test_a_numeric_row_key_and_a_blank_cell_are_matched_as_text() -> None:
    package = {"resources": [{"name": "sites", "schema": {"primaryKey": ["n"]}}]}
    sites = pd.DataFrame({"n": [1, 2], "note": ["Built", None]})
    tables = {
        "sites": sites,
        "translations": entries(
            ("sites", "note", "1", "value", "Built", "Zbudowany"),
            ("sites", "note", "2", "value", "Planned", "Planowany"),
        ),
    }
    notes = list(localize_tables(tables, package, "pl")["sites"]["note"])
    assert notes[0] == "Zbudowany" and pd.isna(notes[1]), "a blank cell is not the English of any translation"


def test_without_a_translations_table_or_with_an_empty_one_every_reader_gets_the_english() -> None:
    events = pd.DataFrame({"event_id": ["a"], "title": ["Chip launched"]})
    assert localize_tables({"events": events}, PACKAGE, "pl")["events"] is events
    empty = {"events": events, "translations": entries()}
    assert localize_tables(empty, PACKAGE, "pl")["events"] is events
    assert localize_package(PACKAGE, None, "pl") is PACKAGE
    assert localize_package(PACKAGE, entries(), "pl") is PACKAGE
    only_english = entries(("events", "title", "", "title", "Title", "Tytuł")).drop(columns=["pl"])
    assert localize_package(PACKAGE, only_english, "pl") is PACKAGE, "a file with no column for the language"


DICTIONARY = entries(
    ("events", "", "", "resource_title", "Events", "Wydarzenia"),
    ("events", "", "", "resource_description", "Dated events.", "Wydarzenia z datą."),
    ("events", "title", "", "title", "Title", "Tytuł"),
    ("events", "title", "", "description", "What happened.", "Co się stało."),
    ("events", "event_id", "", "title", "Event id (old)", "Stary identyfikator"),  # stale: the English changed
    ("events", "event_id", "", "description", "Stable id.", ""),  # not translated yet
    ("events", "title", "a", "value", "Title", "Nie tytuł"),  # a cell, not the dictionary
)


def test_the_data_dictionary_reads_in_polish_where_translated_and_current_and_in_english_elsewhere() -> None:
    polish = localize_package(PACKAGE, DICTIONARY, "pl")
    events = polish["resources"][0]
    assert (events["title"], events["description"]) == ("Wydarzenia", "Wydarzenia z datą.")
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    assert (fields["title"]["title"], fields["title"]["description"]) == ("Tytuł", "Co się stało.")
    assert fields["event_id"]["title"] == "Event id", "a stale translation is not shown"
    assert fields["event_id"]["description"] == "Stable id.", "an empty Polish text is not shown"
    assert polish["resources"][1]["title"] == "Ties", "a table without entries keeps its English"


def test_the_english_data_dictionary_and_the_loaded_package_are_never_changed() -> None:
    assert localize_package(PACKAGE, DICTIONARY, "en") is PACKAGE
    localize_package(PACKAGE, DICTIONARY, "pl")
    events = PACKAGE["resources"][0]
    assert events["title"] == "Events" and events["schema"]["fields"][1]["title"] == "Title"


def test_a_dictionary_entry_of_one_table_is_not_applied_to_another_table_with_the_same_column() -> None:
    package = {
        "resources": [
            {"name": "events", "title": "Events", "schema": {"fields": [{"name": "title", "title": "Title"}]}},
            {"name": "models", "title": "Events", "schema": {"fields": [{"name": "title", "title": "Title"}]}},
        ]
    }
    polish = localize_package(package, DICTIONARY, "pl")["resources"]
    assert polish[0]["title"] == "Wydarzenia" and polish[0]["schema"]["fields"][0]["title"] == "Tytuł"
    assert polish[1]["title"] == "Events" and polish[1]["schema"]["fields"][0]["title"] == "Title"


def test_a_table_or_column_described_without_a_title_is_given_no_translated_title() -> None:
    package = {"resources": [{"name": "events", "schema": {"fields": [{"name": "title"}]}}, {"name": "bare"}]}
    rows = entries(
        ("events", "", "", "resource_title", "Events", "Wydarzenia"), ("events", "title", "", "title", "T", "T")
    )
    polish = localize_package(package, rows, "pl")["resources"]
    assert "title" not in polish[0] and "title" not in polish[0]["schema"]["fields"][0]
    assert polish[1] == {"name": "bare"}


def test_the_shipped_package_reads_in_polish_for_a_polish_reader() -> None:
    dataset = load_dataset(ROOT / "data")
    assert dataset.ok, dataset.problems[:3]
    polish = localize_package(dataset.package, dataset.tables["translations"], "pl")
    titles = {r["name"]: r.get("title") for r in polish["resources"]}
    assert titles["sources"] == "Źródła" and titles["claims"] == "Twierdzenia z raportu"
    english = {r["name"]: r.get("title") for r in dataset.package["resources"]}
    assert english["sources"] == "Sources"


LANE_WORDS = entries(
    ("lanes", "label", "us", "value", "US measures", "Środki USA"),
    ("lanes", "label", "cn", "value", "China's measures (old)", "Środki Chin"),  # stale
    ("lanes", "label", "eu", "value", "EU measures", ""),  # not translated yet
    ("lanes", "note", "us", "value", "US measures", "Nie etykieta"),  # another column
    ("events", "label", "us", "value", "US measures", "Nie pas"),  # another table
    ("lanes", "", "", "resource_title", "US measures", "Pasy"),  # not a cell
)
LANE_ENGLISH = {"us": "US measures", "cn": "China's measures", "eu": "EU measures"}


def test_a_lanes_label_reads_in_the_runs_language_where_translated_and_current() -> None:
    words = column_words(LANE_WORDS, "lanes", "label", LANE_ENGLISH)
    with language_of("pl"):
        assert dict(words) == {"us": "Środki USA", "cn": "China's measures", "eu": "EU measures"}
    with language_of("en"):
        assert dict(words) == LANE_ENGLISH
    assert list(words) == ["us", "cn", "eu"] and len(words) == 3, "every lane, in the file's order"
    with pytest.raises(KeyError):
        words["xx"]


@pytest.mark.parametrize("translations", [None, entries()])
def test_lanes_without_translations_read_in_english_in_every_language(translations) -> None:
    words = column_words(translations, "lanes", "label", LANE_ENGLISH)
    with language_of("pl"):
        assert dict(words) == LANE_ENGLISH


def test_a_file_of_cell_translations_only_leaves_the_data_dictionary_as_loaded() -> None:
    cells = entries(("events", "title", "a", "value", "Title", "Tytuł"))
    assert localize_package(PACKAGE, cells, "pl") is PACKAGE, "no copy made and nothing retitled"


def test_a_package_that_describes_no_table_reads_the_same_in_polish() -> None:
    assert localize_package({"name": "x"}, DICTIONARY, "pl") == {"name": "x"}


def test_a_cell_the_loader_read_as_a_number_is_matched_by_its_text() -> None:
    package = {"resources": [{"name": "sites", "schema": {"primaryKey": ["site_id"]}}]}
    sites = pd.DataFrame({"site_id": ["a", "b"], "phase": [2, 3]})
    tables = {"sites": sites, "translations": entries(("sites", "phase", "a", "value", "2", "druga"))}
    assert list(localize_tables(tables, package, "pl")["sites"]["phase"]) == ["druga", 3]
