"""'Suggest a correction': a reader's note composed with the view's link, the rows and the data version; no network."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from conftest import DATA_DIR
from test_pages import open_page

from supplychain.app.layout import LINK_CAP
from supplychain.data.load import load_dataset
from supplychain.rules.corrections import correction_text, corrections_contact, mailto_url
from supplychain.rules.status import chip_status_on
from supplychain.rules.status_answers import status_row_ids

PACKAGE = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def _open_dialog(page: str, params: dict[str, str], button: str):
    at = open_page(page, params)
    at.button(key=button).click()
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_package_names_where_corrections_go_and_how_they_are_handled() -> None:
    email, policy = corrections_contact(PACKAGE)
    assert "@" in email and "changes.csv" in policy


def test_a_correction_message_carries_the_note_rows_link_and_version() -> None:
    text = correction_text(
        note="  The start should be 18 Mar 2024.  ",
        what="the B200 answer",
        link="http://x/status?asof=2026-03-01",
        row_ids=["chips:b200", "relationships:r1"],
        version="1.0.0",
    )
    assert text.splitlines()[0] == "The start should be 18 Mar 2024."
    assert "Rows: chips:b200, relationships:r1" in text
    assert "View: http://x/status?asof=2026-03-01" in text and "Data version: 1.0.0" in text


def test_the_mail_link_decodes_back_to_the_same_message() -> None:
    body = "Line one & two\nView: http://x/status?asof=2026-03-01&chip=b200"
    url = mailto_url("fix@example.org", "Correction (data 1.0.0)", body)
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "fix@example.org"
    query = parse_qs(parts.query)
    assert query["body"] == [body] and query["subject"] == ["Correction (data 1.0.0)"]
    assert mailto_url("", "s", "b") == ""


def test_status_answer_correction_names_the_chip_measure_and_tie() -> None:
    at = _open_dialog("status", {"asof": "2026-03-01"}, "correct_status_b200")
    body = at.code[0].value
    assert "chips:b200" in body and "policies:us_export_rule_2023_10" in body
    assert "relationships:r_us_export_rule_2023_10_restricts_b200" in body
    assert f"Data version: {PACKAGE['version']}" in body and "asof=2026-03-01" in body
    mail = [b for b in at.get("link_button") if b.proto.url.startswith("mailto:")]
    assert len(mail) == 1 and mail[0].proto.url.startswith("mailto:" + corrections_contact(PACKAGE)[0])


def test_profile_and_its_claim_cards_offer_a_correction() -> None:
    at = open_page("entity", {"id": "h20"})
    keys = [b.key for b in at.button]
    assert "correct_profile" in keys and any(k.startswith("correct_claim_") for k in keys)
    at = _open_dialog("entity", {"id": "h20"}, "correct_profile")
    assert "Rows: chips:h20" in at.code[0].value and "id=h20" in at.code[0].value


def test_sources_claim_cards_offer_a_correction_per_claim() -> None:
    at = open_page("sources", opened={"sources_tab": "Claims from the report"})
    assert not at.exception, at.exception
    claims = (DATA_DIR / "claims.csv").read_text(encoding="utf-8").strip().splitlines()[1:]
    buttons = [b for b in at.button if b.key.startswith("correct_claim_")]
    assert len(buttons) == min(len(claims), LINK_CAP)


def test_sources_method_tab_says_how_corrections_are_handled_and_where_past_ones_are() -> None:
    at = open_page("sources", opened={"sources_tab": "Method, licence and citation"})
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    email, policy = corrections_contact(PACKAGE)
    assert policy[:60] in text and email in text
    assert "data/changes.csv" in text and "CHANGELOG.md" in text


def test_readme_says_how_to_report_an_error_and_where_corrections_are_listed() -> None:
    readme = (DATA_DIR.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Report an error", 1)[1].split("###", 1)[0]
    assert "Suggest a correction" in section and "data/changes.csv" in section and "corrections.email" in section


def test_method_text_quotes_the_report_as_it_is() -> None:
    at = open_page("sources", opened={"sources_tab": "Method, licence and citation"})
    text = "\n".join(m.value for m in at.markdown)
    assert '"at the beginning of this year"' in text and "earlier this year" not in text


def test_status_table_rows_can_be_selected_for_a_correction() -> None:
    tables = load_dataset(DATA_DIR).tables
    status = chip_status_on(tables, "2026-03-01").set_index("chip_id", drop=False)
    ids = status_row_ids(status.loc[["b200", "h20"]])
    assert ids[:3] == [
        "chips:b200",
        "policies:us_export_rule_2023_10",
        "relationships:r_us_export_rule_2023_10_restricts_b200",
    ]
    assert "chips:h20" in ids
    at = open_page("status", opened={"status_table_open": True})
    assert not at.exception, at.exception
    assert any("Select rows" in c.value for c in at.caption)


def _dialog_titles(at) -> list[str]:
    """The titles of the dialogs open in a run (AppTest has no accessor for dialogs: read the element tree)."""
    titles: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if type(proto).__name__ == "Block" and proto.HasField("dialog"):  # a Block proto: st.dialog's frame
            titles.append(proto.dialog.title)
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else []:
            walk(child)

    walk(at._tree)
    return titles


def test_the_correction_dialog_is_titled_in_the_readers_language() -> None:
    at = _open_dialog("status", {"asof": "2026-03-01", "lang": "pl"}, "correct_status_b200")
    assert _dialog_titles(at) == ["Zaproponuj poprawkę"], _dialog_titles(at)
    assert "Wiersze: chips:b200" in at.code[0].value
    at = _open_dialog("status", {"asof": "2026-03-01", "lang": "en"}, "correct_status_b200")
    assert _dialog_titles(at) == ["Suggest a correction"]
