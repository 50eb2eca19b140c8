"""Provenance cards: evidence tags, claims with their quotes, sources, ties, standings and later events."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from supplychain.app import cache
from supplychain.app.layout import render_entity_link
from supplychain.app.markdown import _md_link, escape_md, shorten
from supplychain.charts.style import STANDING_BADGE_COLOURS, STANDING_ICONS
from supplychain.data.cells import cell_text, is_blank
from supplychain.data.dates import format_date
from supplychain.data.entities import entity_names, entity_url
from supplychain.data.labels import (
    EVIDENCE_HELP,
    NOT_REVIEWED_LABEL,
    STANDING_HELP,
    enum_label,
)
from supplychain.data.load import Dataset
from supplychain.data.schema import ENTITY_TABLES, entity_keys
from supplychain.rules.standings import followable_url, later_events
from supplychain.rules.timeline import LANE_LABELS


def render_evidence(evidence: str) -> None:
    """A badge saying what kind of evidence a row rests on."""
    colour = {"report": "orange", "official": "blue", "press": "violet", "reference": "green", "estimate": "gray"}.get(
        evidence, "gray"
    )
    st.badge(enum_label("relationships", "evidence", evidence), color=colour, help=EVIDENCE_HELP.get(evidence))


def render_claim(claim: pd.Series, source: pd.Series | None, *, expanded: bool = False) -> None:
    """A claim: English text, who it comes from, the Polish quote on demand, the source."""
    st.markdown(escape_md(claim["text_en"]))
    kind = enum_label("claims", "attribution_kind", str(claim["attribution_kind"]))
    st.caption(f"{escape_md(kind)}: {escape_md(claim['attribution'])}")
    with st.expander("Polish quote (verbatim)", expanded=expanded):
        st.markdown("> " + escape_md(claim["quote_pl"]))
        if source is not None:
            st.caption(
                f"{escape_md(source['publisher'])}, {escape_md(source['title'])}, "
                f"{format_date(source['date_published'])}, paragraph {claim['paragraph']}"
            )
    if not is_blank(claim.get("note")):
        st.caption(f"Note: {escape_md(claim['note'])}")


def tie_line(tie: pd.Series | dict) -> str:
    """One tie as a markdown line: both ends linked to their profiles, the relation in bold, when, and the evidence.

    A profile lists its first ties this way (text, no grid to load); the full table waits behind an expander.
    """

    period = cell_text(tie["period"]).strip()
    evidence = enum_label("relationships", "evidence", str(tie["evidence"]))
    return (
        f"[{escape_md(tie['from_name'])}]({entity_url(tie['from_id'])}) **{escape_md(tie['relation_label'])}** "
        f"[{escape_md(tie['to_name'])}]({entity_url(tie['to_id'])})"
        + (f" · {escape_md(period)}" if period else "")
        + f" · :gray[{escape_md(evidence)}]"
    )


def render_source(source: pd.Series) -> None:
    """One source as a line: publisher, linked title, date, kind (all data text escaped)."""
    title = escape_md(source["title"])
    if not is_blank(source.get("url")):
        title = f"[{title}]({str(source['url']).replace(')', '%29').replace(' ', '%20')})"
    st.markdown(
        f"{escape_md(source['publisher'])}: {title} · {format_date(source['date_published'])} · `{source.name}`"
    )


def render_edge_evidence(edge: pd.Series, claims: pd.DataFrame, sources: pd.DataFrame) -> None:
    """The record behind one tie: what it says, its dates and evidence, the report's quote and the source."""
    st.markdown(
        f"**{escape_md(edge['from_name'])}** {escape_md(edge['relation_label'])} **{escape_md(edge['to_name'])}** · "
        f"{escape_md(edge['period'])}"
    )
    render_evidence(str(edge["evidence"]))
    if edge.get("description"):
        st.markdown(escape_md(edge["description"]))
    if edge.get("note"):
        st.caption(f"Note: {escape_md(edge['note'])}")
    source_index = sources.set_index("source_id")
    claim_hit = claims[claims["claim_id"] == edge.get("claim_id")]
    if not claim_hit.empty:
        claim = claim_hit.iloc[0]
        render_claim(
            claim,
            source_index.loc[claim["source_id"]] if claim["source_id"] in source_index.index else None,
            expanded=True,
        )
    if edge.get("source_id") in source_index.index:
        render_source(source_index.loc[edge["source_id"]])
    st.caption(f"Record: {escape_md(edge['relationship_id'])} ({escape_md(edge['origin'])})")


def render_timeline_item(item: pd.Series, tables: dict[str, pd.DataFrame]) -> None:
    """One timeline item (supplychain.timeline.timeline_items row, indexed by item_id): what, when,
    how precisely, the evidence, the report's quote behind it and the source."""

    claims, sources = tables["claims"].set_index("claim_id"), tables["sources"].set_index("source_id")
    with st.container(border=True):
        st.subheader(f"{item['date_label']} · {item['title']}")
        st.markdown(escape_md(item["description"]))
        st.caption(
            f"{escape_md(LANE_LABELS.get(item['lane'], item['lane']))} · date known to: "
            f"{enum_label('events', 'date_precision', item['precision'])} · record `{item.name}` "
            f"({item['origin']}.csv)"
        )
        render_evidence(str(item["evidence"]))
        names = entity_names(tables)
        for column, kind in ((entity_keys()[table], kind) for table, kind in ENTITY_TABLES.items()):
            if not is_blank(item.get(column)) and item[column] in names:
                render_entity_link(item[column], names[item[column]], kind, note="profile")
        if not is_blank(item.get("note")):
            st.caption("Note: " + escape_md(item["note"]))
        if not is_blank(item.get("claim_id")) and item["claim_id"] in claims.index:
            claim = claims.loc[item["claim_id"]]
            render_claim(claim, sources.loc[claim["source_id"]] if claim["source_id"] in sources.index else None)
        if item.get("source_id") in sources.index:
            render_source(sources.loc[item["source_id"]])


def render_standing(standing: str | None) -> None:
    """A badge with a key finding's standing today; 'Not yet reviewed' when the curators have not judged it."""
    if not standing:
        st.badge(
            NOT_REVIEWED_LABEL, icon=":material/help:", color="gray", help="Not yet checked against later records."
        )
        return
    st.badge(
        enum_label("standings", "standing", standing),
        icon=STANDING_ICONS.get(standing),
        color=STANDING_BADGE_COLOURS.get(standing, "gray"),
        help=STANDING_HELP.get(standing),
    )


def render_later_events(events: pd.DataFrame) -> None:
    """The later events bearing on a finding: date, how it bears, what happened, and its source to follow."""

    if events.empty:
        st.caption("No later event is linked to this finding.")
        return
    for _, event in events.iterrows():
        bearing = enum_label("standing_links", "bearing", str(event["bearing"]))
        st.markdown(
            f"**{format_date(event['date'], event['date_precision'])}** · {escape_md(bearing)}: "
            f"{escape_md(event['title'])}"
        )
        source = (
            f"{event['publisher']}, {event['source_title']}" if not is_blank(event["publisher"]) else event["source_id"]
        )
        st.caption(
            f"{escape_md(event['how'])} · {enum_label('relationships', 'evidence', event['evidence'])} · "
            f"Source: {_md_link(str(source), followable_url(event['url']))}"
        )


def render_claim_standing(standing: pd.Series | None, events: pd.DataFrame, *, expanded: bool = False) -> None:
    """A claim's standing today, the curators' summary and the later events behind it (Sources page cards)."""
    render_standing(None if standing is None else standing["standing"])
    if standing is None:
        st.caption("Not yet checked against later records.")
        return
    reviewed = format_date(standing["reviewed_date"])
    st.caption(f"{escape_md(standing['summary_en'])} (checked {reviewed})")
    label = f"{len(events)} later event{'s' if len(events) != 1 else ''} and their sources"
    with st.expander(label, expanded=expanded):
        render_later_events(events)


def render_finding_standings(dataset: Dataset, findings: pd.DataFrame) -> None:
    """Overview's 'What changed since the report': per key finding its standing, the curators' summary and,
    on demand, the later events with their sources. `findings` is standings.finding_standings indexed by claim_id."""

    grid = st.columns(2, gap="medium")
    for i, (claim_id, finding) in enumerate(findings.iterrows()):
        with grid[i % 2].container(border=True):
            render_standing(finding["standing"])
            st.markdown("**" + escape_md(shorten(finding["text_en"], 140)) + "**")
            if not finding["standing"]:
                continue
            st.markdown(escape_md(finding["summary_en"]))
            n = int(finding["n_events"])
            if n:
                with st.expander(f"{n} later event{'s' if n != 1 else ''} and their sources"):
                    render_later_events(cache.per_version(dataset, later_events, str(claim_id)))
