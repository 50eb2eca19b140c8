"""Story mode's words around the visual: the quote of a step, the presenter's notes, and the slide's footer line."""

from __future__ import annotations

from typing import Any

import streamlit as st

from supplychain.app import markdown
from supplychain.data.coverage import reach_of
from supplychain.data.dates import format_date
from supplychain.data.labels import enum_label
from supplychain.data.load import Dataset
from supplychain.i18n import _, current_language


def render_quote(dataset: Dataset, step: Any, report: Any) -> None:
    """The step's quote, in the reader's language, with who said it; a step without a claim shows its text."""
    tables = dataset.tables
    if step.claim_id is None:
        st.markdown("### " + markdown.escape_md(step.text))
        return
    claim = tables["claims"].set_index("claim_id").loc[step.claim_id]
    who = enum_label("claims", "attribution_kind", claim["attribution_kind"])
    # A Polish audience reads the report's own Polish words; an English one our translation of them.
    quote = claim["quote_pl"] if current_language() == "pl" else claim["text_en"]
    st.markdown(
        "### "
        + _("“{quote}” :gray[— {who}, {short}]").format(
            quote=markdown.escape_md(quote), who=markdown.escape_md(who), short=markdown.escape_md(report.short)
        )
    )


def render_notes(dataset: Dataset, step: Any) -> None:
    """The presenter's notes of this step: what to say, the report's Polish words and where they come from."""
    tables = dataset.tables
    st.markdown(markdown.escape_md(step.text))
    if step.claim_id is not None:
        claim = tables["claims"].set_index("claim_id").loc[step.claim_id]
        source = tables["sources"].set_index("source_id").loc[claim["source_id"]]
        other = claim["text_en"] if current_language() == "pl" else claim["quote_pl"]
        st.markdown("> " + (markdown.english_text(other) if current_language() == "pl" else markdown.escape_md(other)))
        st.caption(
            _(
                "Attribution in the report: {attribution}. {publisher}: {title}. Translation by the dashboard's "
                "curators."
            ).format(
                attribution=markdown.escape_md(claim["attribution"]),
                publisher=markdown.escape_md(source["publisher"]),
                title=markdown.escape_md(source["title"]),
            )
        )


def render_footer(dataset: Dataset, report: Any) -> None:
    """The data version, the report and the licence, the keys that change step, and the record's reach."""
    tables = dataset.tables
    reach = reach_of(tables)
    st.caption(
        _("Data {version}, built {as_of} · {short}").format(
            version=dataset.version, as_of=dataset.as_of, short=markdown.escape_md(report.short)
        )
        + (_(" (via {via})").format(via=markdown.escape_md(report.via)) if report.via else "")
        + _(" and public records · {licence} · ← → change step").format(licence=report.licence)
        + (
            " · " + _("record reaches {day} (coverage by topic: Sources page)").format(day=format_date(reach))
            if reach
            else ""
        )
    )
