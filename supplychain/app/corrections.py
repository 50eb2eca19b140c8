"""'Suggest a correction': a button on profiles, claim cards, status answers and tables that opens a dialog."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from supplychain.app.layout import current_link
from supplychain.app.markdown import escape_md
from supplychain.i18n import _
from supplychain.rules.corrections import correction_subject, correction_text, corrections_contact, mailto_url

_OPEN = "_correction_open"  # the key of the button whose dialog is to open in this run


def _correction_dialog(what: str, row_ids: tuple[str, ...], link: str, version: str, email: str, policy: str) -> None:
    """Open the dialog, titled in the reader's language: `@st.dialog("…")` would fix its title when the module is
    imported, before any run knows its reader, so the dialog is made here, at each opening, around its body."""
    st.dialog(_("Suggest a correction"), width="large")(_correction_body)(what, row_ids, link, version, email, policy)


def _correction_body(what: str, row_ids: tuple[str, ...], link: str, version: str, email: str, policy: str) -> None:
    st.caption(escape_md(policy) if policy else "")
    note = st.text_area(
        _("What is wrong, and what source shows it?"),
        key="correction_note",
        max_chars=2000,
        placeholder=_("e.g. The start date should be 18 Mar 2024: see the Federal Register notice at …"),
    )
    body = correction_text(note=note, what=what, link=link, row_ids=row_ids, version=version)
    st.caption(_("Your message (nothing is sent from this page; copy it, or open it in your mail program):"))
    st.code(body, language=None, wrap_lines=True)
    url = mailto_url(email, correction_subject(what, version), body)
    if url:
        st.link_button(_("Open in your mail program"), url, icon=":material/mail:")
        st.caption(_("To: {email}").format(email=escape_md(email)))


def render_correction_button(
    *, what: str, row_ids: Sequence[str], key: str, url_path: str, package: dict, container: object = st
) -> None:
    """A small 'Suggest a correction' button; clicked, it opens the dialog for these rows (table:id strings),
    with the link that reopens this view (as far as the page has read its settings when the button is drawn)."""
    # The click is kept in session state by a callback (which runs before the script) and the dialog opened where
    # the button is drawn: a button's own True would be lost if the run restarts first (guard's rerun).
    container.button(  # type: ignore[attr-defined]
        _("Suggest a correction"),
        key=f"correct_{key}",
        icon=":material/edit_note:",
        type="tertiary",
        on_click=st.session_state.__setitem__,
        args=(_OPEN, key),
    )
    if st.session_state.get(_OPEN) == key:
        del st.session_state[_OPEN]
        email, policy = corrections_contact(package)
        link = current_link(url_path)
        _correction_dialog(what, tuple(row_ids), link, str(package.get("version", "")), email, policy)


def render_corrections_policy(package: dict) -> None:
    """The Sources page's word on corrections: how they are handled (the package's policy), where to send one,
    and where the past ones are listed."""
    email, policy = corrections_contact(package)
    st.markdown("**" + _("Corrections") + "**")
    lines = [escape_md(policy)] if policy else []
    if email:
        lines.append(
            _("Use “Suggest a correction” on any profile, claim, status answer or table, or write to {email}.").format(
                email=f"[{escape_md(email)}](mailto:{email})"
            )
        )
    lines.append(_("Past corrections are listed in data/changes.csv (shipped with the data) and in CHANGELOG.md."))
    st.markdown("  \n".join(lines))
