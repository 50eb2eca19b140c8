"""The reader's language: every message has a Polish entry; Polish plurals, dates and numbers; ?lang= on every page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from supplychain.data.dates import format_date, format_span
from supplychain.data.load import load_dataset
from supplychain.data.translations import localize_tables, primary_key
from supplychain.i18n import (
    LOCALE_DIR,
    N_,
    Words,
    _,
    accepted_language,
    choose_language,
    current_language,
    format_number,
    ngettext,
    set_language,
)

APP = str(ROOT / "dashboard.py")
SOURCES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "supplychain").rglob("*.py"))]
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")


def source_messages() -> dict[str, tuple[str, ...]]:
    """Every message the code hands to `_`, `ngettext` or `N_`, read from the source as `pybabel extract` reads it:
    msgid -> its forms (one, or singular and plural)."""
    found: dict[str, tuple[str, ...]] = {}
    for path in SOURCES:
        for _line, message, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            forms = (message,) if isinstance(message, str) else tuple(message)
            if forms[0]:
                found[forms[0]] = forms
    return found


def polish_catalogue():
    with (LOCALE_DIR / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale="pl")


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


def test_catalogue_has_a_polish_entry_for_every_message_of_the_code() -> None:
    catalogue = polish_catalogue()
    lacking = []
    for msgid, forms in source_messages().items():
        entry = catalogue.get(msgid)
        strings = () if entry is None else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if entry is None or entry.fuzzy or not strings or not all(strings):
            lacking.append(msgid)
        elif len(forms) == 2 and len(strings) != 3:
            lacking.append(f"{msgid} (Polish needs 3 plural forms, has {len(strings)})")
    assert not lacking, f"{len(lacking)} messages lack a Polish entry (run `make i18n`, then translate): {lacking[:20]}"


def test_catalogue_translations_keep_every_placeholder() -> None:
    broken = []
    for entry in polish_catalogue():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            if text and set(PLACEHOLDER.findall(text)) != wanted:
                broken.append((ids[0], text))
    assert not broken, broken[:10]


def test_catalogue_keeps_no_message_the_code_no_longer_uses() -> None:
    used = set(source_messages())
    stale = [
        entry.id
        for entry in polish_catalogue()
        if entry.id and (entry.id if isinstance(entry.id, str) else entry.id[0]) not in used
    ]
    assert not stale, f"obsolete entries (run `make i18n`): {stale[:10]}"


@pytest.mark.parametrize(
    ("count", "word"), [(1, "chip"), (2, "chipy"), (4, "chipy"), (5, "chipów"), (12, "chipów"), (22, "chipy")]
)
def test_polish_counts_chips_in_three_forms(count: int, word: str) -> None:
    set_language("pl")
    assert ngettext("{n} chip", "{n} chips", count).format(n=count) == f"{count} {word}"


def test_english_counts_chips_in_two_forms() -> None:
    set_language("en")
    assert [ngettext("{n} chip", "{n} chips", n).format(n=n) for n in (1, 2, 5)] == ["1 chip", "2 chips", "5 chips"]


@pytest.mark.parametrize(
    ("language", "day", "month", "year", "since"),
    [
        ("en", "5 Jun 2026", "Jun 2026", "2026", "since Apr 2025"),
        ("pl", "5 czerwca 2026", "czerwiec 2026", "2026", "od kwietnia 2025"),
    ],
)
def test_dates_read_in_the_readers_language_at_their_precision(
    language: str, day: str, month: str, year: str, since: str
) -> None:
    set_language(language)
    assert format_date(date(2026, 6, 5)) == day
    assert format_date(date(2026, 6, 1), "month") == month
    assert format_date(date(2026, 1, 1), "year") == year
    assert format_span(date(2025, 4, 1), "month", None, None) == since


def test_numbers_use_the_readers_decimal_sign() -> None:
    set_language("en")
    assert f"{format_number(1.5)} GW" == "1.5 GW" and format_number(12345) == "12,345"
    set_language("pl")
    assert f"{format_number(1.5)} GW" == "1,5 GW" and format_number(12345) == "12\xa0345"


def test_numbers_show_one_decimal_unless_asked_for_more_or_none_and_drop_trailing_zeros() -> None:
    set_language("en")
    assert (format_number(1.234), format_number(2.0), format_number(12345.678)) == ("1.2", "2", "12,345.7")
    assert format_number(12345.678, 2) == "12,345.68" and format_number(1.5, 3) == "1.5"
    assert (format_number(2.4, 0), format_number(1234.6, 0)) == ("2", "1,235")
    set_language("pl")
    assert (format_number(1.234), format_number(1234.6, 0)) == ("1,2", "1\xa0235")


def test_label_tables_answer_in_the_language_of_the_run() -> None:
    words = Words({"chip": N_("Chip"), "report": N_("The report")})
    set_language("pl")
    assert words["report"] == "Raport" and dict(words) == {"chip": "Chip", "report": "Raport"}
    set_language("en")
    assert words["report"] == "The report" and _("The report") == "The report"


@pytest.mark.parametrize(
    ("link", "remembered", "browser_locale", "expected"),
    [
        ("pl", "en", "en-US", "pl"),  # the link decides
        (None, "pl", "en-US", "pl"),  # then the reader's earlier choice
        (None, None, "pl-PL", "pl"),  # then the browser
        (None, None, "de-DE", "en"),  # English is the fallback
        ("de", None, None, "en"),
        (None, None, None, "en"),
        (None, None, "pl_PL", "pl"),  # a browser locale written with an underscore
        (None, None, "PL", "pl"),
    ],
)
def test_language_comes_from_link_then_choice_then_browser_then_english(
    link, remembered, browser_locale, expected
) -> None:
    assert choose_language(link, remembered, browser_locale) == expected


def test_a_run_set_to_an_unknown_language_reads_in_english() -> None:
    assert set_language("pl") == "pl" and current_language() == "pl" and _("The report") == "Raport"
    assert set_language("xx") == "en" and current_language() == "en" and _("The report") == "The report"


def open_page(page: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["_test_start_page"] = page
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def switch_to(at: AppTest, page: str) -> AppTest:
    at.query_params.clear()  # as a click in the navigation does
    return at.switch_page(f"pages/{page}.py").run()


def test_a_polish_link_opens_the_page_in_polish_and_the_language_follows_to_the_next_page() -> None:
    at = open_page("timeline", {"lang": "pl", "company": "alibaba"})
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("Oś czasu"), at.title[0].value
    assert not at.info, [i.value for i in at.info]
    at = switch_to(at, "map")
    assert at.title[0].value.startswith("Mapa"), "the next page is in Polish too"
    assert at.query_params["lang"] == "pl", "and its URL (so its share link) says so"


def test_switching_language_keeps_every_filter() -> None:
    params = {"company": "alibaba", "from": "2024-01-01", "to": "2025-12-31", "asof": "2025-06-01"}
    at = open_page("timeline", params)
    assert at.title[0].value.startswith("Timeline")
    at.radio(key="lang_switch").set_value("pl").run()
    assert at.title[0].value.startswith("Oś czasu")
    assert at.query_params["lang"] == "pl"
    for key, value in params.items():
        assert at.query_params[key] == value, key
    assert at.multiselect(key="company").value == ["alibaba"]


def test_an_unknown_language_in_a_link_is_ignored_with_a_notice_and_english_shown() -> None:
    at = open_page("data", {"lang": "xx"})
    assert at.title[0].value.startswith("Data")
    notice = " ".join(i.value for i in at.info)
    assert "lang" in notice and "not a language of this app" in notice


def test_every_translation_of_the_data_names_an_existing_row_and_its_current_english() -> None:
    dataset = load_dataset(ROOT / "data")
    assert dataset.ok, dataset.problems[:3]
    stale = []
    for row in dataset.tables["translations"].to_dict("records"):
        if row["part"] != "value":
            continue
        table = dataset.tables[row["table"]]
        match = table[table[primary_key(dataset.package, row["table"])] == row["row_id"]]
        if match.empty or match.iloc[0][row["column"]] != row["en"]:
            stale.append(row["translation_id"])
    assert not stale, f"translations whose row is gone or whose English changed (renew them): {stale[:10]}"


def test_a_stale_translation_is_not_shown_the_english_is() -> None:
    import pandas as pd

    package = {"resources": [{"name": "events", "schema": {"primaryKey": ["event_id"]}}]}
    events = pd.DataFrame({"event_id": ["a", "b"], "title": ["Chip launched", "Rule changed again"]})
    translations = pd.DataFrame(
        {
            "translation_id": ["events.title.a.value", "events.title.b.value"],
            "table": ["events", "events"],
            "column": ["title", "title"],
            "row_id": ["a", "b"],
            "part": ["value", "value"],
            "en": ["Chip launched", "Rule changed"],  # b's English has changed since it was translated
            "pl": ["Premiera chipa", "Zmiana przepisu"],
        }
    )
    tables = {"events": events, "translations": translations}
    polish = localize_tables(tables, package, "pl")["events"]
    assert list(polish["title"]) == ["Premiera chipa", "Rule changed again"]
    assert list(localize_tables(tables, package, "en")["events"]["title"]) == ["Chip launched", "Rule changed again"]
    assert list(events["title"]) == ["Chip launched", "Rule changed again"], "the loaded table is not changed"


def test_polish_timeline_shows_event_titles_and_lanes_from_the_translation_table() -> None:
    at = open_page("timeline", {"lang": "pl", "event": "ev_us_h20_licence_requirement"})
    assert not at.exception, at.exception
    body = " ".join(h.value for h in at.subheader)
    assert "USA ograniczają sprzedaż H20 do Chin" in body, body
    lanes = at.multiselect(key="lanes")
    assert "Środki USA" in [lanes.format_func(o) for o in lanes.options] or "Środki USA" in lanes.options


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("pl-PL,pl;q=0.9,en;q=0.8", "pl"),
        ("en-GB,en;q=0.9,pl;q=0.8", "en"),
        ("de-DE,pl;q=0.5", "pl"),  # the first of ours it names
        ("en;q=0.2,pl;q=0.7", "pl"),  # by quality, not order
        ("pl;q=0", "en"),  # q=0 means "not this one"
        ("de, fr", "en"),
        ("", "en"),
        (None, "en"),
        ("pl-PL", "pl"),  # a language with its region
        ("pl_PL", "pl"),  # written with an underscore, as some clients do
        ("pl;q=0.9;level=1,en;q=0.5", "pl"),  # a parameter after the quality
        ("pl;q=1,en", "pl"),  # no quality is 1: a tie, so the header's order
        ("pl;q=x,en;q=0.1", "en"),  # a quality that cannot be read counts as 0
        ("pl;q==0.9,en;q=0.1", "en"),
    ],
)
def test_the_data_routes_read_the_language_from_accept_language(header, expected) -> None:
    assert accepted_language(header) == expected
