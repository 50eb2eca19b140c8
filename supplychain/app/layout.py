"""Layout helpers shared by pages: caps and widths, lazy sections, notices, share link, footer, entity links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from supplychain.app import cache
from supplychain.app.markdown import as_code, escape_md, link_markdown
from supplychain.app.release_view import render_reach
from supplychain.app.urlbind import SHARED_PARAMS, current_link  # noqa: F401  (current_link: pages read it here)
from supplychain.charts.style import KIND_ICONS
from supplychain.data import routes
from supplychain.data.dates import format_date
from supplychain.data.entities import LINK_DISPLAY, find_entities, suggest_entities
from supplychain.data.load import Dataset
from supplychain.i18n import _, current_language
from supplychain.rules.glossary import find_terms
from supplychain.rules.provenance import citation_line

# How much a list that grows with the data spells out before it says "and N more" or offers "show all",
# so pages stay quick to send and to read at 100 times today's rows (see docs/performance.md).
ROW_CAP = 8  # cards side by side in one row


LIST_CAP = 12  # items in a caption, or cards in a column


LINK_CAP = 40  # links or cards in a list with a "show all" switch


NETWORK_CAP = 150  # entities drawn in the whole-network view


TIMELINE_CAP = 400  # events drawn one by one on the Timeline; above it, counts per lane and period


# a metric tile in a wrapping row (gap 16 px): label and help icon uncut; 9 in a row at 1920 px, 5 + 4 at 1280, 3 x 3 at
# 1024
TILE_WIDTH = 146


NAME_LIST_WIDTH = 260  # a list of entity links in a wrapping row: room for a name of about 28 characters


CARD_WIDTH = 190  # a small card (a step of the chain) in a wrapping row: its evidence tag shows whole


FILTER_WIDTH = 220  # a filter select in a wrapping row (a fixed width shrinks to its column when that is narrower)


def lazy_expander(label: str, *, key: str, icon: str | None = None, expanded: bool = False) -> tuple[Any, bool]:
    """A closed expander whose contents the page builds only once it is opened (it reruns on a click).

    Why: a table inside a closed expander still made every visit serialise it, fetch Streamlit's 1.2 MB grid
    scripts and draw it hidden, about a third of opening the page (docs/performance.md). Returns the
    expander and whether it is open; draw its contents only when it is.
    """
    box = st.expander(label, expanded=expanded, icon=icon, key=key, on_change="rerun")
    return box, bool(box.open)


def tie_columns(from_column: str, relation_column: str, to_column: str) -> dict[str, Any]:
    """Column settings of a table of ties (a profile's ties, the network's evidence table): names as links."""
    return {
        # Names get room of their own: auto-sized, "DeepSeek-V4 (preview" lost its end at 1024 px.
        from_column: st.column_config.LinkColumn(_("From"), display_text=LINK_DISPLAY, width="medium"),
        relation_column: _("Relation"),
        to_column: st.column_config.LinkColumn(_("To"), display_text=LINK_DISPLAY, width="medium"),
        "period": _("When"),
        "evidence": _("Evidence"),
        "description": st.column_config.TextColumn(_("What"), width="large"),
        "source_id": _("Source"),
        "claim_id": _("Claim"),
        "relationship_id": _("Record"),
    }


def render_notice(ignored: Iterable[tuple[str, str]]) -> None:
    """A short notice of URL settings that were not understood and were ignored.

    What the link said is shown as plain text (a code span), already cut to ~80 characters by urlbind.
    """
    ignored = [(text, why) for text, why in ignored if text]
    if ignored:
        st.info(
            _("Ignored in the link: ")
            + "; ".join(as_code(text) + (f" ({why})" if why else "") for text, why in ignored),
            icon=":material/link_off:",
        )


def render_share_link(url_path: str) -> None:
    """'Link to this view' in the sidebar: the page address with every view parameter, as a plain link.

    A link, not st.code: st.code made every page fetch and parse Streamlit's 1.5 MB syntax highlighter and a
    monospace font, about a fifth of a page's opening time (docs/performance.md). Right-click copies it.
    """
    link = current_link(url_path)
    with st.sidebar.container(key="share_link"):
        st.caption(_("Link to this view (right-click it to copy; it reopens this page with every filter set):"))
        st.markdown(link_markdown(link))


DATA_TABLE_SHOWN = "_data_table_shown"  # the table the Data page showed in the last run


def forget_other_table_filters(*, key: str) -> None:
    """Call before the table selectbox `key`: when the reader has just switched it to another table, drop
    the previous table's filters, search and column choice from the URL (and so from the share link and
    a view bundle's README): they belong to the old table, and left behind they would read as "ignored
    in the link". A link opened fresh keeps all its parameters: there the widget has no state yet."""

    chosen, shown = st.session_state.get(key), st.session_state.get(DATA_TABLE_SHOWN)
    if chosen is None or shown is None or chosen == shown:
        return
    for param in [k for k in st.query_params if k != key and k not in SHARED_PARAMS]:
        del st.query_params[param]


def render_footer(dataset: Dataset) -> None:
    """Every page's footer: data version and date, the source, the licence."""
    st.divider()
    built = format_date(pd.Timestamp(dataset.as_of) if dataset.as_of else None)
    version = (
        _("Data version {version}, built {day}").format(version=dataset.version, day=built)
        if dataset.package
        else _("Data not loaded")
    )
    if dataset.tables:
        footer = _("{version} · {line} · Every fact links to its source on the Sources page.").format(
            version=version, line=escape_md(citation_line(dataset.tables, dataset.package))
        )
    else:  # data not loaded: no source line to cite
        footer = _("{version} · Every fact links to its source on the Sources page.").format(version=version)
    st.caption(footer)
    if dataset.tables:
        render_reach(dataset)


def render_entity_link(entity_id: str, name: str, kind: str, *, note: str = "") -> None:
    """A link to an entity's profile (the /entity page), with its kind's icon."""

    st.page_link(
        routes.PAGE_FILES[routes.ENTITY],
        label=escape_md(name) + (f" · {escape_md(note)}" if note else ""),
        icon=KIND_ICONS.get(kind),
        query_params={"id": entity_id},
    )


def render_entity_search(dataset: Dataset) -> None:
    """Sidebar search: any entity by name or alias (e.g. 'Tongyi Qianwen', 'H20'); results link to its profile."""

    index = cache.get_relations(dataset)[0]
    with st.sidebar:
        text = st.text_input(
            _("Find a company, model, chip, place or rule"),
            key="entity_search",
            placeholder=_("e.g. Tongyi Qianwen, H20"),
            icon=":material/search:",
            help=_("Searches names and other names (aliases, Chinese names); opens the profile."),
        )
        if text and text.strip():
            shown = 6
            hits = find_entities(index, text, limit=len(index))
            terms = find_terms(dataset.tables, text, language=current_language())
            for term in terms.head(3).itertuples(index=False):  # a term of the glossary, explained on its page
                st.page_link(
                    routes.PAGE_FILES[routes.GLOSSARY],
                    label=f"{term.term} ({_('glossary')})",
                    icon=":material/menu_book:",
                    query_params={"term": term.term_id},
                )
            if hits.empty and not terms.empty:
                return
            if hits.empty:
                hits = suggest_entities(index, text, limit=shown)
                st.caption(
                    _("No entity has that name or alias. Did you mean:")
                    if len(hits)
                    else _("No entity has that name or alias.")
                )
            for hit in hits.head(shown).itertuples(index=False):
                render_entity_link(hit.id, hit.name, hit.kind, note=hit.matched if hit.matched != hit.name else "")
            if len(hits) > shown:
                st.caption(
                    _("Showing {shown} of {n} matches: type more of the name to narrow them.").format(
                        shown=shown, n=len(hits)
                    )
                )
