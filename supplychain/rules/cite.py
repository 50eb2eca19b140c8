"""Citations of the dataset, one table or one view (a table and its filters) as text, BibTeX, RIS and CSL-JSON.

Every citation names the data version, the build date, the access date and the address that reopens what is
cited, so a figure pasted into a paper can be traced back to the exact rows of one release.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from supplychain.data.labels import TABLE_LABELS
from supplychain.i18n import N_, _
from supplychain.rules.provenance import report_citation

AUTHOR = N_("China AI supply chain dashboard team")  # read through `_`: the app cites in the reader's language
# datapackage.json's title, marked so the catalogue holds its Polish; a changed title is cited as it stands.
DATASET_TITLE = N_("China's AI supply chain: offshore training, chips and export controls")
FORMATS: dict[str, str] = {  # format -> media type of the file
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class Cited:
    """What one citation names: the dataset, or one table (and the filters of a view of it)."""

    title: str
    version: str
    created: str  # the build date, YYYY-MM-DD
    accessed: str  # the day the reader fetched it, YYYY-MM-DD
    url: str
    note: str
    key: str  # the BibTeX key


def cited(
    package: dict[str, Any],
    tables: dict[str, pd.DataFrame],
    *,
    url: str,
    accessed: date,
    table: str | None = None,
    filters: str = "",
    rows: int | None = None,
) -> Cited:
    """The facts of a citation: the dataset's title, or the table (and view) within it, with version and dates.

    `filters` is the `key=value; …` line of a view (empty for a whole table or the dataset); `rows` its row count.
    """
    version = str(package.get("version", ""))
    created = str(package.get("created", ""))[:10]
    title = str(package.get("title", ""))
    title = _(title) if title else ""  # `_("")` would answer the catalogue's header
    report = report_citation(tables, package)
    note = (
        _("Data as of {as_of}{reach}; drawn from the {report} and public records. Licence {licence}").format(
            as_of=created, reach="", report=report.long, licence=report.licence
        )
        + "."
    )
    key = "china_ai_supply_chain_" + created[:4]
    if table:
        name = TABLE_LABELS.get(table, table)
        title = f"{title}: {name}" + (_(" (filtered view)") if filters else "")
        key += "_" + re.sub(r"[^a-z0-9_]", "", table)
        if filters:
            counted = _("; {rows} rows").format(rows=rows) if rows is not None else ""
            note = _("Filters: {filters}").format(filters=filters) + counted + f". {note}"
    return Cited(title, version, created, accessed.isoformat(), url, note, key)


def _bib(text: str) -> str:
    """Text safe inside BibTeX braces: braces and backslashes that would end the field are dropped."""
    return re.sub(r"[{}\\]", "", text)


def as_text(c: Cited) -> str:
    """The citation a reader pastes into prose."""
    return _("{author} ({year}). {title}. Dataset version {version}. {note} {url} (accessed {accessed}).").format(
        author=_(AUTHOR),
        year=c.created[:4],
        title=c.title,
        version=c.version,
        note=c.note,
        url=c.url,
        accessed=c.accessed,
    )


def as_bibtex(c: Cited) -> str:
    """A BibTeX @misc entry (the form biblatex and Zotero read for datasets)."""
    return (
        f"@misc{{{c.key},\n"
        f"  author = {{{{{_bib(_(AUTHOR))}}}}},\n"
        f"  title = {{{{{_bib(c.title)}}}}},\n"
        f"  year = {{{c.created[:4]}}},\n"
        f"  version = {{{_bib(c.version)}}},\n"
        f"  howpublished = {{\\url{{{_bib(c.url)}}}}},\n"
        f"  url = {{{_bib(c.url)}}},\n"
        f"  urldate = {{{c.accessed}}},\n"
        f"  note = {{{_bib(c.note)}}}\n"
        "}\n"
    )


def as_ris(c: Cited) -> str:
    """An RIS record of type DATA (EndNote, Zotero, Mendeley), CRLF line ends as the format asks."""
    lines = [
        ("TY", "DATA"),
        ("AU", _(AUTHOR)),
        ("TI", c.title),
        ("PY", c.created[:4]),
        ("DA", c.created.replace("-", "/")),
        ("ET", c.version),
        ("UR", c.url),
        ("Y2", c.accessed.replace("-", "/")),
        ("N1", c.note),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


def as_csl(c: Cited) -> str:
    """CSL-JSON (a list of one item), the form citeproc and pandoc read."""
    day = [[int(p) for p in c.created.split("-")]] if c.created else []
    accessed = [[int(p) for p in c.accessed.split("-")]]
    item = {
        "id": c.key,
        "type": "dataset",
        "author": [{"literal": _(AUTHOR)}],
        "title": c.title,
        "version": c.version,
        "issued": {"date-parts": day},
        "accessed": {"date-parts": accessed},
        "URL": c.url,
        "note": c.note,
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def render_citation(c: Cited, fmt: str) -> str:
    """The citation in one of FORMATS ("bib", "ris", "json", "txt")."""
    return {"bib": as_bibtex, "ris": as_ris, "json": as_csl, "txt": as_text}[fmt](c)
