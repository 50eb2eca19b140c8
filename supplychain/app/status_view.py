"""Export status answers as a reader sees them, on the status page and chip profiles."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from supplychain.app import cache
from supplychain.app.markdown import escape_md
from supplychain.data.dates import format_date
from supplychain.data.load import Dataset
from supplychain.i18n import _
from supplychain.rules.timeline import timeline_bounds


def render_status_answer(answer: pd.Series | dict, *, question: bool = True, when: str = "") -> None:
    """One plain-words export-status answer (supplychain.status.status_answers row): the question, the
    verdict in bold, and the deciding measure linked to its profile with its date of effect and source."""
    from supplychain.data.entities import entity_url

    rest = str(answer["answer"])[len(str(answer["verdict"])) :]
    lead = f"**{escape_md(answer['question'])}**  \n" if question else (f"{escape_md(when)}: " if when else "")
    st.markdown(f"{lead}**{escape_md(answer['verdict'])}**{escape_md(rest)}")
    parts = []
    if answer["measure_id"]:
        parts.append(
            _("Deciding measure: {link}").format(
                link=f"[{escape_md(answer['measure_name'])}]({entity_url(answer['measure_id'])})"
            )
            + (
                _(", in effect from {day}").format(day=escape_md(answer["since_label"]))
                if answer["since_label"]
                else ""
            )
        )
    if answer["source_id"]:
        label = escape_md(answer["source_label"])
        url = str(answer["source_url"]).replace(")", "%29").replace(" ", "%20")
        parts.append(_("Source:") + " " + (f"[{label}]({url})" if url.startswith(("http://", "https://")) else label))
    if parts:
        st.caption(" · ".join(parts))


def render_chip_status(dataset: Dataset, chip_id: str) -> None:
    """A chip profile's export status: today (the reviewed-through day) and on the report's day, each with
    its deciding measure and source, and a link to the Export status page for any other day."""
    from supplychain.rules.status import chip_answer

    report_day = timeline_bounds(cache.get_timeline_items(dataset), dataset.as_of)[2]
    reviewed = pd.Timestamp(dataset.reviewed_through or dataset.as_of)
    st.subheader(_("Could it be sold to China?"))
    for when, day in (
        (_("Today (the record is reviewed through {day})").format(day=format_date(reviewed)), reviewed),
        (_("On the report's date, {day}").format(day=format_date(report_day)), report_day),
    ):
        render_status_answer(chip_answer(dataset.tables, chip_id, day), question=False, when=when)
    st.page_link("pages/status.py", label=_("Any other day: Export status"), icon=":material/rule:")
