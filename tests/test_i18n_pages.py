"""Every page, in either language, shows none of our sentences in the other one (AppTest, page x language).

What a page wrote is compared with the message catalogue: in Polish no English source text of ours may show,
in English no Polish translation. Data text is not ours to compare (names, quotes, sources), English notes
carry their "in English" badge in Polish mode and are left out, and Streamlit's own chrome is not in the catalogue.
"""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from supplychain.app.markdown import ENGLISH_MARK
from supplychain.i18n import LOCALE_DIR, set_language
from supplychain.i18n import _ as translate

APP = str(ROOT / "dashboard.py")
# Every page of the router, with a link that opens it on something to show.
PAGES = {
    "overview": {},
    "status": {},
    "map": {},
    "sites": {},
    "timeline": {"event": "ev_us_h20_licence_requirement"},
    "relationships": {},
    "entity": {"id": "alibaba"},
    "data": {"table": "events"},
    "sources": {},
    "present": {},
}
OPENED = {"data_filters_open": True, "map_tables_open": True, "status_table_open": True}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TEXT_KEYS = {"label", "body", "help", "placeholder", "title", "text", "caption", "options", "value", "displayText"}


def fragments(message: str) -> list[str]:
    """The fixed parts of a message between its placeholders that are long enough to be a sentence of ours."""
    parts = (p.strip(" .,:;·—–()") for p in PLACEHOLDER.split(message.replace("**", "")))
    return [p for p in parts if len(p) >= 16 and " " in p]


def catalogue_pairs() -> list[tuple[str, str]]:
    with (LOCALE_DIR / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale="pl")
    pairs = []
    for entry in catalogue:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for english in ids:
            for polish in strings:
                if english != polish:
                    pairs.append((english, polish))
    return pairs


def _strings(obj: object, out: list[str], key: str | None = None) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "spec" and isinstance(v, str):  # a Vega-Lite chart: its titles, axes, legends, tooltips
                spec = json.loads(v)
                spec.pop("datasets", None)
                _strings(spec, out)
            elif k not in ("datasets", "data", "arrowData"):
                _strings(v, out, k)
    elif isinstance(obj, list):
        for v in obj:
            _strings(v, out, key)
    elif isinstance(obj, str) and key in TEXT_KEYS:
        out.append(obj)


def page_text(at: AppTest, badge: str) -> str:
    """Everything the page wrote as text, English notes (after their badge) left out, Markdown escapes removed."""
    out: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            _strings(MessageToDict(proto), out)
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else []:
            walk(child)

    walk(at._tree)
    marker = f":gray-badge[{badge}]"
    kept = [t.split(marker)[0] for t in out]
    return re.sub(r"\\(.)", r"\1", "\n".join(kept).replace("**", ""))


def open_page(page: str, language: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["_test_start_page"] = page
    for key, value in OPENED.items():
        at.session_state[key] = value
    at.query_params["lang"] = language
    for key, value in PAGES[page].items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_page_shows_no_sentence_of_ours_in_the_other_language(page: str, language: str) -> None:
    at = open_page(page, language)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    set_language(language)
    text = page_text(at, translate(ENGLISH_MARK))
    set_language("en")
    assert at.title or at.markdown, "the page drew its title"
    other = 0 if language == "pl" else 1  # in Polish look for our English, in English for our Polish
    leaks = sorted({frag for pair in catalogue_pairs() for frag in fragments(pair[other]) if frag in text})
    assert not leaks, f"{page} in {language} shows text of the other language: {leaks[:8]}"


def test_the_check_finds_an_english_sentence_left_in_a_polish_page() -> None:
    """The comparison above is not vacuous: an English message in a Polish page is found."""
    english = "Could each chip be sold to China?"
    found = [f for pair in catalogue_pairs() for f in fragments(pair[0]) if f in f"Tytuł\n{english}\n"]
    assert "Could each chip be sold to China?" in found or "Could each chip be sold to China" in found
