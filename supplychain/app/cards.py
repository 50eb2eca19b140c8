"""Provenance cards: evidence tags, claims with their quotes, sources, ties, standings and later events."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from supplychain.app import cache
from supplychain.app.corrections import render_correction_button
from supplychain.app.layout import render_entity_link
from supplychain.app.markdown import english_text, escape_md, md_link
from supplychain.charts.style import STANDING_BADGE_COLOURS, STANDING_ICONS
from supplychain.data import routes
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
from supplychain.i18n import _, current_language, ngettext
from supplychain.rules.standings import later_events


def render_evidence(evidence: str) -> None:
    """A badge saying what kind of evidence a row rests on."""
    colour = {"report": "orange", "official": "blue", "press": "violet", "reference": "green", "estimate": "gray"}.get(
        evidence, "gray"
    )
    st.badge(enum_label("relationships", "evidence", evidence), color=colour, help=EVIDENCE_HELP.get(evidence))


def render_claim(claim: pd.Series, source: pd.Series | None, *, expanded: bool = False) -> None:
    """A claim: its text, who it comes from, the other language on demand, the source.

    In English the claim reads as our translation, with the Polish quote on demand; in Polish it reads as the
    report's own Polish words (never a back-translation), with our English translation on demand.
    """
    polish = current_language() == "pl"
    st.markdown("> " + escape_md(claim["quote_pl"]) if polish else escape_md(claim["text_en"]))
    kind = enum_label("claims", "attribution_kind", str(claim["attribution_kind"]))
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
    title = md_link(source["title"], source.get("url") if pd.notna(source.get("url")) else None)
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

    claims, sources = tables["claims"].set_index("claim_id"), tables["sources"].set_index("source_id")
    with st.container(border=True):
        st.subheader(f"{item['date_label']} · {item['title']}")
        # An event's description is the curators' English; a release or launch line is worded by the app itself.
        st.markdown(english_text(item["description"]) if item["origin"] == "events" else escape_md(item["description"]))
        st.caption(
            _("{lane} · date known to: {precision} · record `{name}` ({origin}.csv)").format(
                lane=escape_md(item["lane_label"] if pd.notna(item.get("lane_label")) else item["lane"]),
                precision=enum_label("events", "date_precision", item["precision"]),
                name=item.name,
                origin=item["origin"],
            )
        )
        render_evidence(str(item["evidence"]))
        names = entity_names(tables)
        for column, kind in ((entity_keys()[table], kind) for table, kind in ENTITY_TABLES.items()):
            if not is_blank(item.get(column)) and item[column] in names:
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
        enum_label("standings", "standing", standing),
        icon=STANDING_ICONS.get(standing),
        color=STANDING_BADGE_COLOURS.get(standing, "gray"),
        help=STANDING_HELP.get(standing),
    )


def standing_badge_md(standing: str | None) -> str:
    """A finding's standing as an inline Markdown badge (the same words, icon and colour as `render_standing`),
    so it sits on the finding's first line instead of a line of its own."""
    if not standing:
        return f":gray-badge[:material/help: {NOT_REVIEWED_LABEL}]"
    icon = STANDING_ICONS.get(standing)
    colour = STANDING_BADGE_COLOURS.get(standing, "gray")
    return f":{colour}-badge[{icon + ' ' if icon else ''}{escape_md(enum_label('standings', 'standing', standing))}]"


def render_later_events(events: pd.DataFrame) -> None:
    """The later events bearing on a finding: date, how it bears, what happened, and its source to follow."""

    if events.empty:
        st.caption(_("No later event is linked to this finding."))
        return
    for _row, event in events.iterrows():
        bearing = enum_label("standing_links", "bearing", str(event["bearing"]))
        st.markdown(
            f"**{format_date(event['date'], event['date_precision'])}** · {escape_md(bearing)}: "
            f"{escape_md(event['title'])}"
        )
        source = (
            f"{event['publisher']}, {event['source_title']}" if not is_blank(event["publisher"]) else event["source_id"]
        )
        st.caption(
            _("{how} · {evidence} · Source: {source}").format(
                how=escape_md(event["how"]),
                evidence=enum_label("relationships", "evidence", event["evidence"]),
                source=md_link(str(source), event["url"]),
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


def render_findings(dataset: Dataset, findings: pd.DataFrame) -> None:
    """The Overview's one list of key findings (standings.finding_standings rows): per finding its standing, its
    words, and on demand its Polish quote and source, the curators' summary, the later events behind the
    standing, the rows that rest on it and a way to suggest a correction. Two columns of closed entries, in the
    report's order down each column, so the whole page stays on about three screens at 1280x720 (issue 21 §6)."""
    claims = dataset.tables["claims"].set_index("claim_id")
    sources = dataset.tables["sources"].set_index("source_id")
    grid = st.columns(2, gap="medium")
    records = findings.to_dict("records")
    half = (len(records) + 1) // 2  # the first half down the left column, the rest down the right: report order
    polish = current_language() == "pl"
    for i, finding in enumerate(records):
        claim_id = str(finding["claim_id"])
        claim = claims.loc[claim_id]
        with grid[0 if i < half else 1].container(gap="xxsmall"):
            # In Polish the finding reads as the report's own words, in quotation marks (a blockquote marker after
            # the badge would show as a literal ">").
            words = f"„{escape_md(claim['quote_pl'])}”" if polish else escape_md(claim["text_en"])
            st.markdown(standing_badge_md(finding["standing"]) + " " + words)
            events = cache.per_version(dataset, later_events, claim_id)
            n = len(events)
            label = (
                ngettext("Quote, standing and {n} later event", "Quote, standing and {n} later events", n).format(n=n)
                if n
                else _("Quote and standing")
            )
            with st.expander(label, type="compact"):
                kind = enum_label("claims", "attribution_kind", claim["attribution_kind"])
                source = sources.loc[claim["source_id"]] if claim["source_id"] in sources.index else None
                where = (
                    _(" · {publisher}, {date}, paragraph {paragraph}").format(
                        publisher=escape_md(source["publisher"]),
                        date=format_date(source["date_published"]),
                        paragraph=claim["paragraph"],
                    )
                    if source is not None
                    else ""
                )
                who = dict(kind=escape_md(kind), who=escape_md(claim["attribution"]))
                if polish:  # the quote is the finding's own line above: say so first, then our English translation
                    st.caption(_("The quote above, in Polish, verbatim · {kind}: {who}").format(**who) + where)
                    st.markdown(english_text(claim["text_en"]))
                else:
                    st.markdown("> " + escape_md(claim["quote_pl"]))
                    st.caption(_("Polish, verbatim · {kind}: {who}").format(**who) + where)
                if finding["standing"]:
                    reviewed = format_date(finding["reviewed_date"])
                    st.markdown(
                        _("**Where it stands:** {summary} (checked {reviewed})").format(
                            summary=escape_md(finding["summary_en"]), reviewed=reviewed
                        )
                    )
                    render_later_events(events)
                else:
                    st.caption(_("Not yet checked against later records."))
                rows = cache.get_citing_rows(dataset, column="claim_id", value=claim_id)
                st.page_link(
                    routes.PAGE_FILES[routes.SOURCES],
                    label=(
                        ngettext(
                            "{n} data row rests on this claim", "{n} data rows rest on this claim", len(rows)
                        ).format(n=len(rows))
                        if len(rows)
                        else _("Context: no data row cites it")
                    ),
                    icon=":material/arrow_forward:",
                    query_params={"claim": claim_id},
                )
                render_correction_button(
                    what=_("claim {claim_id}").format(claim_id=claim_id),
                    row_ids=[f"claims:{claim_id}"] + ([f"standings:{claim_id}"] if finding["standing"] else []),
                    key=f"finding_{claim_id}",
                    url_path="overview",
                    package=dataset.package,
                )
