"""'Suggest a correction': a button on profiles, claim cards, status answers and tables that opens a dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from supplychain.app.markdown import escape_md
from supplychain.app.urlbind import current_link
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
    *,
    what: str,
    row_ids: Sequence[str],
    key: str,
    url_path: str,
    package: dict,
    container: object = st,
    label: str | None = None,
    disabled: bool = False,
    help: str | None = None,
) -> None:
    """A small 'Suggest a correction' button; clicked, it opens the dialog for these rows (table:id strings),
    with the link that reopens this view (as far as the page has read its settings when the button is drawn)."""
    # The click is kept in session state by a callback (which runs before the script) and the dialog opened where
    # the button is drawn: a button's own True would be lost if the run restarts first (guard's rerun).
    container.button(  # type: ignore[attr-defined]
        label or _("Suggest a correction"),
        key=f"correct_{key}",
        icon=":material/edit_note:",
        type="tertiary",
        on_click=st.session_state.__setitem__,
        args=(_OPEN, key),
        disabled=disabled,
        help=help,
    )
    if st.session_state.get(_OPEN) == key and not disabled:
        del st.session_state[_OPEN]
        email, policy = corrections_contact(package)
        link = current_link(url_path)
        _correction_dialog(what, tuple(row_ids), link, str(package.get("version", "")), email, policy)


RowIds = Sequence[str] | Callable[[list[int]], Sequence[str]]  # one "table:id" per row, or the ids of chosen rows


def render_row_correction(
    rows: Sequence[int], row_ids: RowIds, *, what: str, key: str, url_path: str, package: dict, container: Any = st
) -> None:
    """Under a table: 'Suggest a correction for the selected row', off until a row is selected; the dialog names
    that row's ids (`row_ids`: one `table:id` string per row of the table as shown, or a function of the rows)."""
    picked = list(rows)
    if callable(row_ids):
        ids = list(row_ids(picked)) if picked else []
    else:
        ids = [row_ids[i] for i in picked if 0 <= i < len(row_ids)]
    render_correction_button(
        what=_("{what}, row {row}").format(what=what, row=ids[0]) if len(picked) == 1 and ids else what,
        row_ids=ids,
        key=key,
        url_path=url_path,
        package=package,
        container=container,
        label=_("Suggest a correction for the selected row"),
        disabled=not ids,
        help=_("Select a row of the table first (the box at its left)."),
    )


def render_table(
    frame: pd.DataFrame,
    *,
    row_ids: RowIds,
    what: str,
    key: str,
    url_path: str,
    package: dict,
    container: Any = st,
    table_key: str | None = None,
    on_select: Any = "rerun",
    selection_mode: str = "single-row",
    **options: Any,
) -> list[int]:
    """A table (st.dataframe with `options`) whose rows can be selected, with the correction button under it.
    Returns the positions of the selected rows. A selection costs one rerun; nothing is built until it is made."""
    event = container.dataframe(
        frame, key=table_key or f"{key}_rows", on_select=on_select, selection_mode=selection_mode, **options
    )
    rows = list(event.selection.rows) if event is not None and hasattr(event, "selection") else []
    render_row_correction(rows, row_ids, what=what, key=key, url_path=url_path, package=package, container=container)
    return rows


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
