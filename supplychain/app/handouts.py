"""The handout PDFs' content and their download buttons: the story step by step, and the current view of a page.

The words come from the same rows and messages as the pages; supplychain/charts/handout.py lays them out.
Buttons build the PDF only when clicked (a callable for st.download_button), so a page run costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from supplychain.app.story_visual import step_visual_spec
from supplychain.charts.handout_page import HandoutPage
from supplychain.data.dates import format_date
from supplychain.data.export import download_name
from supplychain.data.labels import ATTRIBUTION_LABELS
from supplychain.data.load import Dataset
from supplychain.i18n import _
from supplychain.rules.provenance import citation_text, report_citation
from supplychain.rules.story import fit_to_slide, story_steps, wrap_legends

PDF_MIME = "application/pdf"
MAX_SOURCES = 6  # source lines on a one-page handout; the rest are counted


def app_base(url: str | None) -> str:
    """The app's address without the page ("http://host:8501/") from the current page's URL; "/" when unknown."""
    if not url:
        return "/"
    return url.split("?", 1)[0].rsplit("/", 1)[0] + "/"


def source_line(sources: Any, source_id: str) -> str:
    """'Source: publisher, title, date, url' for one row of sources.csv (the fields it has)."""
    row = sources.set_index("source_id").loc[source_id]
    parts = [str(row[c]) for c in ("publisher", "title") if str(row[c]) not in ("", "nan", "<NA>", "None")]
    date = row.get("date_published")
    if date is not None and str(date) not in ("", "nan", "NaT", "<NA>", "None"):
        parts.append(str(date)[:10])
    url = row.get("url")
    if url is not None and str(url) not in ("", "nan", "<NA>", "None"):
        parts.append(str(url))
    return _("Source: ") + ", ".join(parts)


def story_pages(dataset: Dataset, *, base: str) -> list[HandoutPage]:
    """One handout page per story step: heading, visual, quote with attribution, notes, source, link back."""
    tables = dataset.tables
    report = report_citation(tables, dataset.package)
    claims = tables["claims"].set_index("claim_id")
    steps = story_steps(tables)
    footer = _("Data {version}, as of {as_of} · {report} · {licence}").format(
        version=dataset.version, as_of=dataset.as_of, report=report.short, licence=report.licence
    )
    pages = []
    for number, step in enumerate(steps, start=1):
        quote = attribution = source = ""
        notes = step.text
        if step.claim_id is not None:
            claim = claims.loc[step.claim_id]
            who = ATTRIBUTION_LABELS.get(claim["attribution_kind"], claim["attribution_kind"])
            quote = f"“{claim['text_en']}”"
            attribution = f"— {who}, {report.short}"
            notes = (
                f"{step.text} "
                + _("In the report (Polish): „{quote}” Attribution in the report: {who}.").format(
                    quote=claim["quote_pl"], who=claim["attribution"]
                )
                + " "
                + _("Translation by the dashboard's curators.")
            )
            source = source_line(tables["sources"], claim["source_id"])
        pages.append(
            HandoutPage(
                heading=step.heading,
                spec=wrap_legends(fit_to_slide(step_visual_spec(dataset, step))),  # as the slide draws it
                kicker=_("Step {number} of {total}").format(number=number, total=len(steps)),
                quote=quote,
                attribution=attribution,
                notes_label=_("Presenter's notes:"),
                notes=notes,
                source=source,
                link_label=_("Reopen this step:"),
                link=base + "present?" + urlencode({"step": number}),
                footer=footer,
            )
        )
    return pages


def story_pdf(dataset: Dataset, *, base: str) -> bytes:
    """The whole story as a handout PDF (one 16:9 page per step)."""
    # Imported here, not at the top: fpdf2 and fontTools cost about 23 MB of every server process, and most
    # processes never print a handout (docs/performance.md, memory).
    from supplychain.charts.handout import build_handout

    return build_handout(story_pages(dataset, base=base), title=_("The story, step by step"))


def view_page(
    dataset: Dataset,
    *,
    heading: str,
    spec: dict[str, Any] | None,
    lines: list[str],
    source_ids: list[str],
    link: str,
) -> HandoutPage:
    """One page's current view for the handout: its heading, chart, the lines that answer it, the sources those
    lines rest on (each once, in order), the link that reopens the view and how to cite the dataset."""
    sources = dataset.tables["sources"]
    known = set(sources["source_id"])
    cited = [s for s in dict.fromkeys(source_ids) if s in known]
    text = "\n".join(source_line(sources, s) for s in cited[:MAX_SOURCES])
    if len(cited) > MAX_SOURCES:
        text += "\n" + _("… and {n} more sources (the app lists them).").format(n=len(cited) - MAX_SOURCES)
    cite = citation_text(dataset.package, dataset.tables, url=app_base(link))["plain"]
    return HandoutPage(
        heading=heading,
        spec=spec,
        notes="\n".join(lines),
        source=text,
        link_label=_("Reopen this view:"),
        link=link,
        footer=_("Cite as: {citation}").format(citation=cite),
    )


def view_pdf(page: HandoutPage) -> bytes:
    """One page's current view as a one-page handout PDF."""
    from supplychain.charts.handout import build_handout  # on click only: see story_pdf

    return build_handout([page], title=page.heading)


def render_view_pdf(build_page: Callable[[], HandoutPage], *, what: str, as_of: str, container: Any = st) -> None:
    """'Handout (PDF)' of the current view: `build_page` runs only when the reader clicks."""
    render_pdf_download(
        lambda: view_pdf(build_page()), file_name=download_name(what, as_of, "pdf"), container=container
    )


def render_pdf_download(
    build: Callable[[], bytes],
    *,
    file_name: str,
    container: Any = st,
    label: str = "",
    width: str = "content",
    help: str = "",
) -> None:
    """A 'Handout (PDF)' download button that builds the PDF only when clicked."""
    container.download_button(
        label or _("Handout (PDF)"),
        build,
        file_name=file_name,
        mime=PDF_MIME,
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        width=width,
        help=help
        or _("A printable PDF of this view, with its source and the link that reopens it. Built when you click."),
    )


def _ids(frame: Any, column: str = "source_id") -> list[str]:
    return [str(s) for s in frame[column].dropna() if str(s)] if column in frame else []


def status_handout(dataset: Dataset, *, day: str, spec: dict[str, Any], answers: Any, link: str) -> HandoutPage:
    """Export status on one day: every answer shown as a line, the strip, and the sources the answers rest on."""
    lines = [f"{row['question']} {row['answer']}" for row in answers.to_dict("records")]
    return view_page(
        dataset,
        heading=_("Could each chip be sold to China? On {day}").format(day=day),
        spec=spec,
        lines=lines,
        source_ids=_ids(answers),
        link=link,
    )


def map_handout(
    dataset: Dataset, *, spec: dict[str, Any], points: Any, flows: Any, summary: str, link: str
) -> HandoutPage:
    """The Map as filtered: the map itself, how many places and flows, and the sources of the flows drawn."""
    return view_page(
        dataset,
        heading=_("Map of headquarters, data-centre hubs and the flows between them"),
        spec=spec,
        lines=[summary],
        source_ids=_ids(flows) + _ids(points),
        link=link,
    )


def timeline_handout(dataset: Dataset, *, spec: dict[str, Any], shown: Any, summary: str, link: str) -> HandoutPage:
    """The Timeline as filtered: the chart, how many events, and the sources of the events drawn."""
    return view_page(dataset, heading=_("Timeline"), spec=spec, lines=[summary], source_ids=_ids(shown), link=link)


def profile_handout(
    dataset: Dataset, *, name: str, spec: dict[str, Any] | None, lines: list[str], citations: Any, link: str
) -> HandoutPage:
    """A profile: its name, its timeline chart, what the page says of it, and every source behind it."""
    return view_page(dataset, heading=name, spec=spec, lines=lines, source_ids=_ids(citations), link=link)


def moment_lines(moments: Any, *, limit: int = 8) -> list[str]:
    """A profile's dated moments as 'date: title' lines (the first `limit`, then how many more)."""
    lines = [
        f"{format_date(row['date'], row.get('precision', 'day'))}: {row['title']}"
        for row in moments.head(limit).to_dict("records")
    ]
    if len(moments) > limit:
        lines.append(_("… and {n} more in the app.").format(n=len(moments) - limit))
    return lines
