"""The Sources page's sections: one claim and the rows resting on it, the claims, the sources, and the method."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from supplychain.app import cache, cards, corrections, layout, markdown, release_view
from supplychain.app.urlbind import url_selectbox
from supplychain.data.dates import format_date
from supplychain.data.entities import LINK_DISPLAY, row_link
from supplychain.data.labels import with_enum_words
from supplychain.data.load import Dataset
from supplychain.i18n import _, ngettext
from supplychain.rules.provenance import citation_counts, citation_text, licence_name, rows_citing
from supplychain.rules.standings import later_events, standing_of


def render_claim_focus(dataset: Dataset, focus: str, source_index: pd.DataFrame) -> None:
    """One claim in full, its standing, and every data row that rests on it."""
    claims, tables = dataset.tables["claims"], dataset.tables
    claim = claims.set_index("claim_id").loc[focus]
    claim["claim_id"] = focus
    with st.container(border=True):
        cards.render_claim(claim, source_index.loc[claim["source_id"]], expanded=True)
        cards.render_claim_standing(
            standing_of(tables, focus), cache.per_version(dataset, later_events, focus), expanded=True
        )
        rows = cache.get_citing_rows(dataset, column="claim_id", value=focus)
        st.markdown(
            ngettext("**{n} row rests on this claim**", "**{n} rows rest on this claim**", len(rows)).format(
                n=len(rows)
            )
        )
        if rows.empty:
            st.caption(_("No data row cites this claim yet; it is kept as context."))
        else:
            render_citing_rows(
                dataset, rows, what=_("the rows resting on claim {claim_id}").format(claim_id=focus), key="claim_rows"
            )


def render_claim_cards(dataset: Dataset, counts: pd.Series) -> None:
    """Each claim as a card: the Polish quote beside its translation, who says it, how many rows cite it, its
    standing and a correction button (the first LINK_CAP until "show all")."""
    claims, tables = dataset.tables["claims"], dataset.tables
    shown_claims = claims
    if len(claims) > layout.LINK_CAP and not st.toggle(
        _("Show all {n} claims as cards (the first {link_cap} are shown; the table below has all)").format(
            n=len(claims), link_cap=layout.LINK_CAP
        ),
        key="claims_all",
    ):
        shown_claims = claims.head(layout.LINK_CAP)
    for _row, claim in shown_claims.iterrows():
        with st.container(border=True):
            left, right = st.columns(2, gap="medium")
            left.markdown("> " + markdown.escape_md(claim["quote_pl"]))
            left.caption(
                _("Polish, verbatim · paragraph {paragraph} · claim {claim_id}").format(
                    paragraph=claim["paragraph"], claim_id=markdown.escape_md(claim["claim_id"])
                )
            )
            right.markdown(markdown.english_text(claim["text_en"]))
            right.caption(
                _("{attribution} · {claim_id} data rows cite it").format(
                    attribution=markdown.english_text(claim["attribution"]),
                    claim_id=int(counts.get(claim["claim_id"], 0)),
                )
            )
            corrections.render_correction_button(
                what=f"claim {claim['claim_id']}",
                row_ids=[f"claims:{claim['claim_id']}"],
                key=f"claim_{claim['claim_id']}",
                url_path="sources",
                package=dataset.package,
                container=right,
            )
            standing = standing_of(tables, claim["claim_id"])
            if standing is not None or claim["is_key_finding"]:
                with right:
                    cards.render_claim_standing(standing, cache.per_version(dataset, later_events, claim["claim_id"]))


def render_claims_table(claims: pd.DataFrame, counts: pd.Series, *, package: dict) -> None:
    """Every claim as a table row, in an expander built only once the reader opens it."""
    box, box_open = layout.lazy_expander(_("All claims as a table"), key="claims_table_open", icon=":material/table:")
    if not box_open:
        return
    corrections.render_table(
        with_enum_words(claims, "claims", ["attribution_kind", "topic"]).assign(
            rows_citing=rows_citing(claims["claim_id"], counts)
        )[["claim_id", "paragraph", "quote_pl", "text_en", "attribution", "attribution_kind", "topic", "rows_citing"]],
        row_ids=[f"claims:{c}" for c in claims["claim_id"]],
        what=_("the claims table"),
        key="claims_table",
        url_path="sources",
        package=package,
        container=box,
        placeholder="–",
        hide_index=True,
        width="stretch",
        column_config={
            "claim_id": _("Claim"),
            "paragraph": "¶",
            "quote_pl": _("Quote (Polish, verbatim)"),
            "text_en": _("English translation"),
            "attribution": _("Attribution"),
            "attribution_kind": _("Kind of attribution"),
            "topic": _("Topic"),
            "rows_citing": _("Rows citing"),
        },
    )


def render_sources(dataset: Dataset, source_index: pd.DataFrame) -> None:
    """Every source as a table row, then the rows resting on one the reader picks (bound to the URL)."""
    sources = dataset.tables["sources"]
    counts = citation_counts(dataset.tables, column="source_id")
    view = with_enum_words(sources, "sources", ["kind", "language"]).assign(
        rows_citing=rows_citing(sources["source_id"], counts)
    )
    corrections.render_table(
        view[["source_id", "publisher", "title", "url", "date_published", "kind", "language", "rows_citing", "note"]],
        row_ids=[f"sources:{v}" for v in view["source_id"]],
        what=_("the sources table"),
        key="sources_table",
        url_path="sources",
        package=dataset.package,
        placeholder="–",
        hide_index=True,
        width="stretch",
        column_config={
            "source_id": _("Source"),
            "publisher": _("Publisher"),
            "title": st.column_config.TextColumn(_("Title"), width="medium"),
            "url": st.column_config.LinkColumn(_("Address")),
            "date_published": st.column_config.DateColumn(_("Published"), format="YYYY-MM-DD"),
            "kind": _("Kind"),
            "language": _("Lang."),
            "rows_citing": st.column_config.NumberColumn(_("Rows citing")),
            "note": _("Note"),
        },
    )
    chosen = url_selectbox(
        _("Rows resting on one source"),
        list(sources["source_id"]),
        key="source",
        index=None,
        placeholder=_("Choose a source…"),
        format_func=lambda s: (
            f"{source_index.loc[s, 'publisher']}: {source_index.loc[s, 'title']} "
            f"({format_date(source_index.loc[s, 'date_published'])})"
        ),
    )
    if chosen:
        cited = cache.get_citing_rows(dataset, column="source_id", value=chosen)
        render_citing_rows(
            dataset, cited, what=_("the rows resting on source {source_id}").format(source_id=chosen), key="source_rows"
        )


def render_citing_rows(dataset: Dataset, rows: pd.DataFrame, *, what: str, key: str) -> None:
    """The data rows that cite a claim or a source (provenance.citing_rows), each linked to its profile or its row on
    the Data page, and each open to a suggested correction."""
    corrections.render_table(
        rows.assign(id=[row_link(t, i) for t, i in zip(rows["table"], rows["id"])]),
        row_ids=[f"{t}:{i}" for t, i in zip(rows["table"], rows["id"])],
        what=what,
        key=key,
        url_path="sources",
        package=dataset.package,
        placeholder="–",
        hide_index=True,
        width="stretch",
        column_config={
            "id": st.column_config.LinkColumn(
                _("Row"), display_text=LINK_DISPLAY, help=_("Open the row's profile or the row in the Data page")
            )
        },
    )


def render_method(dataset: Dataset) -> None:
    """How the data was curated, what the report leaves out, the licence, the record's reach, how to correct a row
    and how to cite the dataset."""
    package = dataset.package
    st.markdown(
        _(
            "\n**How the data was curated.** We read the Polish republication of the Financial Times report "
            "line by line and\nrecorded each statement as a claim with its verbatim quote, our translation "
            "and the attribution the report\ngives. Each company, model, chip, place, measure, event and "
            "relationship the report names became a row citing\nthat claim (evidence *Reported by the FT*). "
            "Context the report assumes (dates of US measures, model releases,\nchip specifications, "
            "coordinates) was added from official records (evidence *Official record*) or, where none\nwas "
            "found, other press (*Other press*); each such row cites its own source. Where a day is unknown "
            "the row\nsays so (date precision month or year); where sources disagree the row's note says how. "
            "A value we could not\nsource is left empty.\n\n**What the report does not say.** It names no "
            "data-centre operator, no specific model version trained\nabroad, no chip counts and no dates "
            'beyond "in April" and "at the beginning of this year"; the dataset does not fill those gaps\nwith '
            "guesses.\n\n**Licence.** Our curation, translations and notes: {package}. Quotes are short "
            "excerpts of the report for\ncommentary; the report itself remains the copyright of its publisher "
            "and is not republished here.\n"
        ).format(package=licence_name(package))
    )
    st.markdown(_("**How far the record reaches**"), help=_("Topic by topic: coverage.csv and review_log.csv."))
    release_view.render_reach(dataset)
    release_view.render_coverage_table(dataset)
    corrections.render_corrections_policy(package)
    cite = citation_text(package, dataset.tables)
    st.markdown(_("**Cite this dataset**"))
    st.code(cite["plain"], language=None, wrap_lines=True)
    st.code(cite["bibtex"], language="bibtex")
