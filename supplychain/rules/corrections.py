"""A reader's correction, composed for them to send: the note, the view's link, the rows it is about, the data version.

Nothing is sent from the app (no network at run time): the reader copies the text or opens it in their own mail
program through a mailto: link to the address the package names (datapackage.json `corrections.email`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from supplychain.i18n import _

NOTE_CHARS = 2000  # a note longer than this is cut: a mail link must stay short enough for mail programs


def corrections_contact(package: Mapping[str, Any]) -> tuple[str, str]:
    """(email, policy) from the package's `corrections` block; ("", "") when it names none."""
    block = package.get("corrections") or {}
    if not isinstance(block, Mapping):
        return "", ""
    return str(block.get("email") or ""), str(block.get("policy") or "")


def correction_subject(what: str, version: str) -> str:
    return _("Correction to {what} (data {version})").format(what=what, version=version)


def correction_text(*, note: str, what: str, link: str, row_ids: Sequence[str], version: str) -> str:
    """The message: the reader's note, then what it is about, the rows (table:id), the view's link, the version."""
    lines = [
        note.strip()[:NOTE_CHARS] or _("(write what is wrong and, if you can, a source that shows it)"),
        "",
        "—",
        _("About: {what}").format(what=what),
        _("Rows: {ids}").format(ids=", ".join(row_ids) if row_ids else _("none named")),
        _("View: {link}").format(link=link),
        _("Data version: {version}").format(version=version),
    ]
    return "\n".join(lines)


def mailto_url(email: str, subject: str, body: str) -> str:
    """A mailto: link with the subject and body percent-encoded (RFC 6068); "" without an address."""
    if not email:
        return ""
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
