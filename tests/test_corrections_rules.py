"""A reader's correction as they send it (rules/corrections.py): the subject, the message and the mail link, exactly.

test_corrections.py follows the dialog on each page (AppTest); these check the words and the link themselves.
"""

from __future__ import annotations

from supplychain.rules.corrections import correction_subject, correction_text, corrections_contact, mailto_url


def test_the_subject_names_what_is_corrected_and_the_data_version() -> None:
    assert correction_subject("the B200 answer", "1.2.0") == "Correction to the B200 answer (data 1.2.0)"


def test_the_message_reads_note_then_what_rows_view_and_version_line_by_line() -> None:
    text = correction_text(
        note=" The start is 18 Mar 2024. ",
        what="the B200 answer",
        link="http://x/status",
        row_ids=["chips:b200"],
        version="1.2.0",
    )
    assert text.splitlines() == [
        "The start is 18 Mar 2024.",
        "",
        "—",
        "About: the B200 answer",
        "Rows: chips:b200",
        "View: http://x/status",
        "Data version: 1.2.0",
    ]


def test_a_message_without_a_note_or_rows_says_what_to_write_and_that_no_row_is_named() -> None:
    lines = correction_text(note="   ", what="the map", link="", row_ids=[], version="1.2.0").splitlines()
    assert lines[0] == "(write what is wrong and, if you can, a source that shows it)"
    assert lines[4] == "Rows: none named"


def test_a_package_without_a_corrections_address_or_policy_names_none() -> None:
    assert corrections_contact({}) == ("", "")
    assert corrections_contact({"corrections": {"email": None, "policy": ""}}) == ("", "")
    assert corrections_contact({"corrections": "fix@example.org"}) == ("", "")
    assert corrections_contact({"corrections": {"email": "fix@example.org"}}) == ("fix@example.org", "")


def test_the_mail_link_escapes_every_slash_so_mail_programs_read_subject_and_body_whole() -> None:
    url = mailto_url("fix@example.org", "Correction to a/b", "See /status?x=1")
    assert url == "mailto:fix@example.org?subject=Correction%20to%20a%2Fb&body=See%20%2Fstatus%3Fx%3D1"
