"""Provenance cards: evidence tags, claims with their quotes, sources, ties, standings and later events."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from supplychain.app import cache
from supplychain.app.layout import render_entity_link
from supplychain.app.markdown import _md_link, english_text, escape_md, shorten
from supplychain.charts.style import STANDING_BADGE_COLOURS
from supplychain.data.dates import format_date
from supplychain.data.entities import entity_names
from supplychain.data.labels import (
    ATTRIBUTION_LABELS,
    BEARING_LABELS,
    EVIDENCE_HELP,
    EVIDENCE_LABELS,
    NOT_REVIEWED_LABEL,
    STANDING_HELP,
    STANDING_ICONS,
    STANDING_LABELS,
)
from supplychain.data.load import Dataset
from supplychain.data.schema import ENTITY_TABLES, entity_keys
from supplychain.i18n import _, current_language, ngettext


def render_evidence(evidence: str) -> None:
    """A badge saying what kind of evidence a row rests on."""
    colour = {"report": "orange", "official": "blue", "press": "violet", "reference": "green", "estimate": "gray"}.get(
        evidence, "gray"
    )
    st.badge(EVIDENCE_LABELS.get(evidence, evidence), color=colour, help=EVIDENCE_HELP.get(evidence))


def render_claim(claim: pd.Series, source: pd.Series | None, *, expanded: bool = False) -> None:
    """A claim: its text, who it comes from, the other language on demand, the source.

    In English the claim reads as our translation, with the Polish quote on demand; in Polish it reads as the
    report's own Polish words (never a back-translation), with our English translation on demand.
    """
    polish = current_language() == "pl"
    st.markdown("> " + escape_md(claim["quote_pl"]) if polish else escape_md(claim["text_en"]))
    kind = ATTRIBUTION_LABELS.get(str(claim["attribution_kind"]), str(claim["attribution_kind"]))
    st.caption(f"{escape_md(kind)}: {english_text(claim['attribution'])}")
    with st.expander(_("Our English translation") if polish else _("Polish quote (verbatim)"), expanded=expanded):
        st.markdown(english_text(claim["text_en"]) if polish else "> " + escape_md(claim["quote_pl"]))
        if source is not None:
            st.caption(
                _("{publisher}, {title}, {date_published}, paragraph {paragraph}").format(
                    publisher=escape_md(source["publisher"]),
                    title=escape_md(source["title"]),
                    date_published=format_date(source["date_published"]),
                    paragraph=claim["paragraph"],
                )
            )
    if pd.notna(claim.get("note")) and claim.get("note"):
        st.caption(_("Note: {note}").format(note=english_text(claim["note"])))


def tie_line(tie: pd.Series | dict) -> str:
    """One tie as a markdown line: both ends linked to their profiles, the relation in bold, when, and the evidence.

    A profile lists its first ties this way (text, no grid to load); the full table waits behind an expander.
    """
    from supplychain.data.entities import entity_url

    period = str(tie["period"]).strip() if pd.notna(tie["period"]) else ""
    evidence = EVIDENCE_LABELS.get(str(tie["evidence"]), str(tie["evidence"]))
    return (
        f"[{escape_md(tie['from_name'])}]({entity_url(tie['from_id'])}) **{escape_md(tie['relation_label'])}** "
        f"[{escape_md(tie['to_name'])}]({entity_url(tie['to_id'])})"
        + (f" · {escape_md(period)}" if period else "")
        + f" · :gray[{escape_md(evidence)}]"
    )


def render_source(source: pd.Series) -> None:
    """One source as a line: publisher, linked title, date, kind (all data text escaped)."""
    title = escape_md(source["title"])
    if pd.notna(source.get("url")) and source.get("url"):
        title = f"[{title}]({str(source['url']).replace(')', '%29').replace(' ', '%20')})"
    st.markdown(
        f"{escape_md(source['publisher'])}: {title} · {format_date(source['date_published'])} · `{source.name}`"
    )


def render_edge_evidence(edge: pd.Series, claims: pd.DataFrame, sources: pd.DataFrame) -> None:
    """The record behind one tie: what it says, its dates and evidence, the report's quote and the source."""
    st.markdown(
        f"**{escape_md(edge['from_name'])}** {escape_md(edge['relation_label'])} **{escape_md(edge['to_name'])}** · {escape_md(edge['period'])}"
    )
    render_evidence(str(edge["evidence"]))
    if edge.get("description"):
        st.markdown(english_text(edge["description"]))
    if edge.get("note"):
        st.caption(_("Note: {note}").format(note=english_text(edge["note"])))
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
    st.caption(
        _("Record: {relationship_id} ({origin})").format(
            relationship_id=escape_md(edge["relationship_id"]), origin=escape_md(edge["origin"])
        )
    )


def render_timeline_item(item: pd.Series, tables: dict[str, pd.DataFrame]) -> None:
    """One timeline item (supplychain.timeline.timeline_items row, indexed by item_id): what, when,
    how precisely, the evidence, the report's quote behind it and the source."""
    from supplychain.data.dates import PRECISION_LABELS
    from supplychain.rules.timeline import LANE_LABELS

    claims, sources = tables["claims"].set_index("claim_id"), tables["sources"].set_index("source_id")
    with st.container(border=True):
        st.subheader(f"{item['date_label']} · {item['title']}")
        # An event's description is the curators' English; a release or launch line is worded by the app itself.
        st.markdown(english_text(item["description"]) if item["origin"] == "events" else escape_md(item["description"]))
        st.caption(
            _("{lane} · date known to: {precision} · record `{name}` ({origin}.csv)").format(
                lane=escape_md(LANE_LABELS.get(item["lane"], item["lane"])),
                precision=PRECISION_LABELS.get(item["precision"], item["precision"]),
                name=item.name,
                origin=item["origin"],
            )
        )
        render_evidence(str(item["evidence"]))
        names = entity_names(tables)
        for column, kind in ((entity_keys()[table], kind) for table, kind in ENTITY_TABLES.items()):
            if pd.notna(item.get(column)) and item[column] in names:
                render_entity_link(item[column], names[item[column]], kind, note="profile")
        if pd.notna(item.get("note")) and item.get("note"):
            st.caption(_("Note: ") + english_text(item["note"]))
        if pd.notna(item.get("claim_id")) and item["claim_id"] in claims.index:
            claim = claims.loc[item["claim_id"]]
            render_claim(claim, sources.loc[claim["source_id"]] if claim["source_id"] in sources.index else None)
        if item.get("source_id") in sources.index:
            render_source(sources.loc[item["source_id"]])


def render_standing(standing: str | None) -> None:
    """A badge with a key finding's standing today; 'Not yet reviewed' when the curators have not judged it."""
    if not standing:
        st.badge(
            _(NOT_REVIEWED_LABEL),
            icon=":material/help:",
            color="gray",
            help=_("Not yet checked against later records."),
        )
        return
    st.badge(
        STANDING_LABELS.get(standing, standing),
        icon=STANDING_ICONS.get(standing),
        color=STANDING_BADGE_COLOURS.get(standing, "gray"),
        help=STANDING_HELP.get(standing),
    )


def render_later_events(events: pd.DataFrame) -> None:
    """The later events bearing on a finding: date, how it bears, what happened, and its source to follow."""
    from supplychain.rules.standings import followable_url

    if events.empty:
        st.caption(_("No later event is linked to this finding."))
        return
    for _row, event in events.iterrows():
        bearing = BEARING_LABELS.get(str(event["bearing"]), str(event["bearing"]))
        st.markdown(
            f"**{format_date(event['date'], event['date_precision'])}** · {escape_md(bearing)}: {escape_md(event['title'])}"
        )
        source = (
            f"{event['publisher']}, {event['source_title']}" if pd.notna(event["publisher"]) else event["source_id"]
        )
        st.caption(
            _("{how} · {evidence} · Source: {source}").format(
                how=escape_md(event["how"]),
                evidence=EVIDENCE_LABELS.get(str(event["evidence"]), event["evidence"]),
                source=_md_link(str(source), followable_url(event["url"])),
            )
        )


def render_claim_standing(standing: pd.Series | None, events: pd.DataFrame, *, expanded: bool = False) -> None:
    """A claim's standing today, the curators' summary and the later events behind it (Sources page cards)."""
    render_standing(None if standing is None else standing["standing"])
    if standing is None:
        st.caption(_("Not yet checked against later records."))
        return
    reviewed = format_date(standing["reviewed_date"])
    st.caption(
        _("{summary_en} (checked {reviewed})").format(summary_en=escape_md(standing["summary_en"]), reviewed=reviewed)
    )
    label = ngettext("{n} later event and its source", "{n} later events and their sources", len(events)).format(
        n=len(events)
    )
    with st.expander(label, expanded=expanded):
        render_later_events(events)


def render_finding_standings(dataset: Dataset, findings: pd.DataFrame) -> None:
    """Overview's 'What changed since the report': per key finding its standing, the curators' summary and,
    on demand, the later events with their sources. `findings` is standings.finding_standings indexed by claim_id."""
    from supplychain.rules.standings import later_events

    grid = st.columns(2, gap="medium")
    for i, (claim_id, finding) in enumerate(findings.iterrows()):
        with grid[i % 2].container(border=True):
            render_standing(finding["standing"])
            text = finding["quote_pl"] if current_language() == "pl" else finding["text_en"]
            st.markdown("**" + escape_md(shorten(text, 140)) + "**")
            if not finding["standing"]:
                continue
            st.markdown(escape_md(finding["summary_en"]))
            n = int(finding["n_events"])
            if n:
                with st.expander(
                    ngettext("{n} later event and its source", "{n} later events and their sources", n).format(n=n)
                ):
                    render_later_events(cache.per_version(dataset, later_events, str(claim_id)))
