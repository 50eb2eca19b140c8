"""Export status answers as a reader sees them, on the status page and chip profiles."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from supplychain.app import cache, corrections
from supplychain.app.markdown import escape_md, md_link
from supplychain.data import routes
from supplychain.data.dates import format_date
from supplychain.data.entities import entity_url
from supplychain.data.load import Dataset
from supplychain.i18n import _
from supplychain.rules import status_words as words
from supplychain.rules.status_answers import chip_answer
from supplychain.rules.timeline import timeline_bounds


def render_status_answer(
    answer: pd.Series | dict,
    *,
    question: bool = True,
    when: str = "",
    package: dict | None = None,
    url_path: str = "status",
    key: str = "",
) -> None:
    """One plain-words export-status answer (rules.status.status_answers row): the question, "Our estimate:" when
    the deciding tie is an inference, the verdict in bold, then the deciding measure linked to its profile with
    how long it has applied, the record of that date, and the record (and evidence) of the tie to this chip."""

    text = str(answer["answer"])
    lead = str(answer.get("lead") or "")
    rest = text[len(lead) :].lstrip()[len(str(answer["verdict"])) :]
    head = f"**{escape_md(answer['question'])}**  \n" if question else (f"{escape_md(when)}: " if when else "")
    qualifier = f"*{escape_md(lead)}* " if lead else ""
    lines = [f"{head}{qualifier}**{escape_md(answer['verdict'])}**{escape_md(rest)}"]
    parts = []
    if answer["measure_id"]:
        link = f"[{escape_md(answer['measure_name'])}]({entity_url(answer['measure_id'])})"
        parts.append(words.deciding_measure(link, escape_md(answer.get("since_phrase") or "")))
    date_id, tie_id = answer.get("date_source_id") or "", answer["source_id"]
    if date_id and date_id != tie_id:
        parts.append(words.date_record(md_link(answer["date_source_label"] or date_id, answer["date_source_url"])))
    if tie_id:
        label = answer["source_label"] or tie_id
        parts.append(
            words.tie_record(md_link(label, answer["source_url"]), escape_md(answer.get("evidence_label") or ""))
        )
    if parts:
        # Small type at full strength, not st.caption: a caption is drawn at 60 % opacity, which took its source
        # links to about 2.4:1 against the page (issue 21 §5 asks 4.5:1).
        lines.append(":small[" + " · ".join(parts) + "]")
    # One Markdown element for the answer and its records: a page of 13 answers draws 13 blocks, not 26 (each
    # block is a React element the browser styles and lays out; docs/performance.md, fifth session).
    st.markdown("\n\n".join(lines))
    if package is not None:
        ids = [f"chips:{answer['chip_id']}"]
        ids += [f"policies:{answer['measure_id']}"] if answer["measure_id"] else []
        ids += [f"relationships:{answer['relationship_id']}"] if answer.get("relationship_id") else []
        corrections.render_correction_button(
            what=words.correction_about(str(answer["chip_name"]), str(answer["question"])),
            row_ids=ids,
            key=f"status_{key or answer['chip_id']}",
            url_path=url_path,
            package=package,
        )


def render_answers(answers: pd.DataFrame, *, package: dict) -> None:
    """Every answer of the day, two a row: the reading and Tab order (the page's order) is the order the eye follows."""
    records = answers.to_dict("records")
    for row in range(0, len(records), 2):
        pair = st.columns(2, gap="large")
        for column, answer in zip(pair, records[row : row + 2]):
            with column:
                render_status_answer(answer, package=package)


def render_chip_status(dataset: Dataset, chip_id: str) -> None:
    """A chip profile's export status on the reviewed-through day (called by that name: the record's reach, not
    "today") and on the report's day, each with its deciding measure and records, and a link to Export status."""

    report_day = timeline_bounds(cache.get_timeline_items(dataset), dataset.as_of)[2]
    reviewed = pd.Timestamp(dataset.reviewed_through or dataset.as_of)
    st.subheader(_("Could it be sold to China?"))
    for when, day in (
        (words.profile_reviewed_when(format_date(reviewed)), reviewed),
        (words.profile_report_when(format_date(report_day)), report_day),
    ):
        answer = chip_answer(dataset.tables, chip_id, day, reviewed_through=reviewed)
        render_status_answer(
            answer, question=False, when=when, package=dataset.package, url_path="entity", key=f"{chip_id}_{day.date()}"
        )
    st.page_link(routes.PAGE_FILES[routes.STATUS], label=_("Any other day: Export status"), icon=":material/rule:")
