"""Small `render_*` helpers shared by pages: problems, footer, notices, claim cards.

Data text is always shown as plain text or escaped Markdown, never as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, NamedTuple
from urllib.parse import quote

import pandas as pd
import streamlit as st

from supplychain.app import cache
from supplychain.app.urlstate import describe_filters, share_url
from supplychain.charts.style import STANDING_BADGE_COLOURS
from supplychain.data.dates import format_date
from supplychain.data.entities import LINK_DISPLAY, entity_names
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
from supplychain.data.validate import LoadWarning, Problem
from supplychain.rules.timeline import timeline_bounds

# How much a list that grows with the data spells out before it says "and N more" or offers "show all",
# so pages stay quick to send and to read at 100 times today's rows (see docs/performance.md).
ROW_CAP = 8  # cards side by side in one row
LIST_CAP = 12  # items in a caption, or cards in a column
LINK_CAP = 40  # links or cards in a list with a "show all" switch
NETWORK_CAP = 150  # entities drawn in the whole-network view
TIMELINE_CAP = 400  # events drawn one by one on the Timeline; above it, counts per lane and period
TILE_WIDTH = 146  # a metric tile in a wrapping row (gap 16 px): label and help icon uncut; 9 in a row at 1920 px, 5 + 4 at 1280, 3 x 3 at 1024
NAME_LIST_WIDTH = 260  # a list of entity links in a wrapping row: room for a name of about 28 characters
CARD_WIDTH = 190  # a small card (a step of the chain) in a wrapping row: its evidence tag shows whole
FILTER_WIDTH = 220  # a filter select in a wrapping row (a fixed width shrinks to its column when that is narrower)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$])")


def escape_md(text: str) -> str:
    """Escape Markdown so data text renders literally (no links, emphasis or HTML from the data)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def link_markdown(link: str) -> str:
    """Markdown for a clickable link whose text is the address itself (the sidebar's share link).

    The address is percent-encoded outside the characters a URL needs, so nothing in it (a bracket, a
    parenthesis, a space, a markdown or HTML character in a hostile page address) can end the link or start
    markup; its text is the same address with markdown's characters escaped.
    """
    address = quote(str(link), safe=":/?&=%#+,;@!$~.-_")
    return f"[{escape_md(address)}]({address})"


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = str(text)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def render_problems(problems: list[Problem]) -> None:
    """Show why the data could not be loaded, one line per problem, instead of a broken page."""
    st.error(
        f"The data did not pass its checks ({len(problems)} problem{'s' if len(problems) != 1 else ''}). "
        "Nothing is shown until they are fixed: a half-checked table could state a wrong fact.",
        icon=":material/error:",
    )
    frame = pd.DataFrame(
        [
            {
                "File": p.file,
                "Row": None if p.line in (None, 1) else p.line - 1,  # line 1 is the header
                "Line": p.line,
                "Column": p.column or "",
                "Found": p.value or "",
                "Expected": p.expected,
            }
            for p in problems
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "Row": st.column_config.NumberColumn(help="Data row, counting from 1 below the header"),
            "Line": st.column_config.NumberColumn(help="Line in the file (the header is line 1)"),
        },
    )
    st.caption(
        "Fix the rows in `data/`, or see README › 'Add or correct a row'. The page reloads the data when a file changes."
    )


def lazy_expander(label: str, *, key: str, icon: str | None = None, expanded: bool = False) -> tuple[Any, bool]:
    """A closed expander whose contents the page builds only once it is opened (it reruns on a click).

    Why: a table inside a closed expander still made every visit serialise it, fetch Streamlit's 1.2 MB grid
    scripts and draw it hidden, about a third of opening the page (docs/performance.md). Returns the
    expander and whether it is open; draw its contents only when it is.
    """
    box = st.expander(label, expanded=expanded, icon=icon, key=key, on_change="rerun")
    return box, bool(box.open)


def render_load_warnings(warnings: list[LoadWarning]) -> None:
    """A small, closed notice of what the loader tolerated (a BOM, CRLF, a helper column): the data loaded."""
    if not warnings:
        return
    with st.expander(
        f"The data loaded, with {len(warnings)} note{'s' if len(warnings) != 1 else ''} on how its files were saved",
        icon=":material/warning:",
    ):
        frame = pd.DataFrame([{"File": w.file, "Column": w.column or "", "What was done": w.what} for w in warnings])
        st.dataframe(frame, hide_index=True, width="stretch")
        st.caption(
            "Nothing here changes a fact; re-saving the file as 'CSV UTF-8 (comma delimited)' clears these notes."
        )


def _leave_legacy_multipage_mode() -> None:
    """Make a deep link opened first after the server starts go through the router.

    Streamlit treats an app with a `pages/` folder as a legacy multipage app until some run calls
    st.navigation, so the first session that opens /map directly would run pages/map.py alone (no
    router: file names in the sidebar, no footer, no checks). Clearing the flag and rerunning
    sends that run through dashboard.py. Checked by tests/test_browser.py::test_deep_link_opened_first_after_start_goes_through_the_router.
    Kept in this one function (pages call it through require_dataset) so it can go when Streamlit drops the mode.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def require_dataset() -> Dataset:
    """The checked dataset, or (if a file changed and now fails its checks) the problems and a stop.

    Pages call this rather than trusting the router's load, because a file can change between the two.
    """
    _leave_legacy_multipage_mode()
    dataset = cache.get_dataset()
    if not dataset.ok:
        render_problems(dataset.problems)
        st.stop()
    return dataset


# The range every date picker accepts (Timeline From/To, Export status "As of"): wider than any record.
DATE_LOW, DATE_HIGH = date(2015, 1, 1), date(2030, 12, 31)


class TimelineSetup(NamedTuple):
    """What the Timeline and Export status pages start from."""

    dataset: Dataset
    items: pd.DataFrame  # timeline items (supplychain.timeline)
    start: pd.Timestamp  # first and last day the items reach
    end: pd.Timestamp
    report_day: pd.Timestamp  # the day of the report
    reviewed: pd.Timestamp  # the record is reviewed through this day (or the data's as-of day)


def require_timeline() -> TimelineSetup:
    """The checked dataset (see require_dataset), its timeline items, their span, the report's day and the
    reviewed-through day: the shared opening of the pages that place things on a time axis."""
    dataset = require_dataset()
    items = cache.get_timeline_items(dataset)
    start, end, report_day = timeline_bounds(items, dataset.as_of)
    reviewed = pd.Timestamp(dataset.reviewed_through or dataset.as_of)
    return TimelineSetup(dataset, items, start, end, report_day, reviewed)


def tie_columns(from_column: str, relation_column: str, to_column: str) -> dict[str, Any]:
    """Column settings of a table of ties (a profile's ties, the network's evidence table): names as links."""
    return {
        # Names get room of their own: auto-sized, "DeepSeek-V4 (preview" lost its end at 1024 px.
        from_column: st.column_config.LinkColumn("From", display_text=LINK_DISPLAY, width="medium"),
        relation_column: "Relation",
        to_column: st.column_config.LinkColumn("To", display_text=LINK_DISPLAY, width="medium"),
        "period": "When",
        "evidence": "Evidence",
        "description": st.column_config.TextColumn("What", width="large"),
        "source_id": "Source",
        "claim_id": "Claim",
        "relationship_id": "Record",
    }


def as_code(text: str) -> str:
    """Text as a Markdown code span: shown literally, so no link, image, autolink or HTML can come of it.

    Line breaks become spaces (a blank line would end the span), and the fence is one backtick longer
    than the longest run of backticks inside, as CommonMark requires.
    """
    flat = re.sub(r"[\x00-\x1f\x7f]+", " ", str(text))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    return f"{fence} {flat} {fence}"


def render_notice(ignored: Iterable[tuple[str, str]]) -> None:
    """A short notice of URL settings that were not understood and were ignored.

    What the link said is shown as plain text (a code span), already cut to ~80 characters by urlbind.
    """
    ignored = [(text, why) for text, why in ignored if text]
    if ignored:
        st.info(
            "Ignored in the link: " + "; ".join(as_code(text) + (f" ({why})" if why else "") for text, why in ignored),
            icon=":material/link_off:",
        )


def render_share_link(url_path: str) -> None:
    """'Link to this view' in the sidebar: the page address with every view parameter, as a plain link.

    A link, not st.code: st.code made every page fetch and parse Streamlit's 1.5 MB syntax highlighter and a
    monospace font, about a fifth of a page's opening time (docs/performance.md). Right-click copies it.
    """
    link = current_link(url_path)
    with st.sidebar.container(key="share_link"):
        st.caption("Link to this view (right-click it to copy; it reopens this page with every filter set):")
        st.markdown(link_markdown(link))


def current_link(url_path: str) -> str:
    """The address that reopens this view (page plus every view parameter)."""
    base = (st.context.url or "").rstrip("/") if st.context.url else "/" + url_path
    from supplychain.app.urlbind import applied_params

    return share_url(base, applied_params())


DATA_TABLE_SHOWN = "_data_table_shown"  # the table the Data page showed in the last run


def forget_other_table_filters(*, key: str) -> None:
    """Call before the table selectbox `key`: when the reader has just switched it to another table, drop
    the previous table's filters, search and column choice from the URL (and so from the share link and
    a view bundle's README): they belong to the old table, and left behind they would read as "ignored
    in the link". A link opened fresh keeps all its parameters: there the widget has no state yet."""
    from supplychain.app.urlbind import SHARED_PARAMS

    chosen, shown = st.session_state.get(key), st.session_state.get(DATA_TABLE_SHOWN)
    if chosen is None or shown is None or chosen == shown:
        return
    for param in [k for k in st.query_params if k != key and k not in SHARED_PARAMS]:
        del st.query_params[param]


def render_view_bundle(
    package: dict,
    tables: dict[str, pd.DataFrame],
    frames: dict[str, pd.DataFrame],
    *,
    what: str,
    as_of: str,
    url_path: str,
    container: Any = st,
) -> None:
    """'Download this view': the filtered tables plus the claims and sources they cite, their
    datapackage.json and a README with citation, data version, filters applied and the link that
    reopens the view. Built only when clicked, so it costs a filter change nothing."""
    from supplychain.app.urlbind import applied_params
    from supplychain.data.export import download_name, view_bundle
    from supplychain.rules.provenance import bundle_readme, with_citations

    params = applied_params()  # only what this page accepted and applied, never a link's raw or ignored values
    filters = "; ".join(as_code(line) for line in describe_filters(params)) or "none (the full tables)"
    link = current_link(url_path)

    def build() -> bytes:
        bundle = with_citations(tables, frames)
        rows = ", ".join(f"{n} {len(f)}" for n, f in bundle.items())
        extra = f"## This view\n\nPage: /{url_path}\nFilters applied: {filters}\nRows: {rows}\nLink that reopens it: {link}\n"
        return view_bundle(package, bundle, bundle_readme(package, tables, extra=extra))

    container.download_button(
        "Download this view (ZIP)",
        build,
        file_name=download_name(f"{what}_view", as_of, "zip"),
        mime="application/zip",
        icon=":material/folder_zip:",
        on_click="ignore",
        help="The rows shown with the claims and sources they cite, a datapackage.json describing them, and a README with the citation, data version, filters and link.",
    )


def render_table_downloads(
    frame: pd.DataFrame,
    labels: dict[str, str] | None,
    *,
    label: str,
    what: str,
    as_of: str,
    filtered: bool,
    container: Any = st,
) -> None:
    """CSV and Excel buttons for exactly the rows and columns shown (labels from the data dictionary)."""
    from supplychain.data.export import download_name, to_csv_bytes, to_xlsx_bytes

    row = container.container(horizontal=True, gap="small", width="content")  # whole labels; wraps when narrow
    row.download_button(
        f"{label} (CSV)",
        lambda: to_csv_bytes(frame, labels),
        file_name=download_name(what, as_of, filtered=filtered),
        mime="text/csv",
        icon=":material/download:",
        disabled=frame.empty,
        on_click="ignore",
        key=f"csv_{what}",
    )
    row.download_button(
        f"{label} (Excel)",
        lambda: to_xlsx_bytes(frame, labels, sheet=what),
        file_name=download_name(what, as_of, "xlsx", filtered=filtered),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        disabled=frame.empty,
        on_click="ignore",
        key=f"xlsx_{what}",
    )


def render_chart_downloads(spec: Callable[[], dict], *, what: str, as_of: str, container: Any = st) -> None:
    """'Save as SVG / PNG' buttons for a chart; the image is rendered only when clicked."""
    from supplychain.data.export import chart_image, download_name

    cols = container.columns(2, gap="small", width=260)
    for col, fmt, mime in ((cols[0], "svg", "image/svg+xml"), (cols[1], "png", "image/png")):
        col.download_button(
            fmt.upper(),
            lambda fmt=fmt: chart_image(spec(), fmt),
            file_name=download_name(what, as_of, fmt),
            mime=mime,
            icon=":material/image:",
            on_click="ignore",
            help=f"Save this chart as {fmt.upper()}",
            key=f"img_{what}_{fmt}",
        )


def render_evidence(evidence: str) -> None:
    """A badge saying what kind of evidence a row rests on."""
    colour = {"report": "orange", "official": "blue", "press": "violet", "reference": "green", "estimate": "gray"}.get(
        evidence, "gray"
    )
    st.badge(EVIDENCE_LABELS.get(evidence, evidence), color=colour, help=EVIDENCE_HELP.get(evidence))


def render_claim(claim: pd.Series, source: pd.Series | None, *, expanded: bool = False) -> None:
    """A claim: English text, who it comes from, the Polish quote on demand, the source."""
    st.markdown(escape_md(claim["text_en"]))
    kind = ATTRIBUTION_LABELS.get(str(claim["attribution_kind"]), str(claim["attribution_kind"]))
    st.caption(f"{escape_md(kind)}: {escape_md(claim['attribution'])}")
    with st.expander("Polish quote (verbatim)", expanded=expanded):
        st.markdown("> " + escape_md(claim["quote_pl"]))
        if source is not None:
            st.caption(
                f"{escape_md(source['publisher'])}, {escape_md(source['title'])}, {format_date(source['date_published'])}, paragraph {claim['paragraph']}"
            )
    if pd.notna(claim.get("note")) and claim.get("note"):
        st.caption(f"Note: {escape_md(claim['note'])}")


def render_footer(dataset: Dataset) -> None:
    """Every page's footer: data version and date, the source, the licence."""
    st.divider()
    built = format_date(pd.Timestamp(dataset.as_of)) if dataset.as_of else "date unknown"
    version = f"Data version {dataset.version}, built {built}" if dataset.package else "Data not loaded"
    if dataset.reviewed_through:
        version += f" · record reviewed through {format_date(pd.Timestamp(dataset.reviewed_through))}"
    from supplychain.rules.provenance import citation_line

    line = citation_line(dataset.tables, dataset.package) if dataset.tables else ""
    st.caption(f"{version} · {escape_md(line)} · Every fact links to its source on the Sources page.")


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


def render_entity_link(entity_id: str, name: str, kind: str, *, note: str = "") -> None:
    """A link to an entity's profile (the /entity page), with its kind's icon."""
    from supplychain.data.labels import KIND_ICONS

    st.page_link(
        "pages/entity.py",
        label=escape_md(name) + (f" · {escape_md(note)}" if note else ""),
        icon=KIND_ICONS.get(kind),
        query_params={"id": entity_id},
    )


STORY_URL = "present?embed=true"  # embed mode: no toolbar or padding, so each step fits a 1280x720 shared window

# Story mode sizes each step's visual to the window, which only the browser knows: a fixed height
# in CSS units on the visual's container (Streamlit's layout options have no viewport unit). The
# chrome around the visual (heading, quote underneath, step buttons, footer) is subtracted. The toolbar is hidden so /present fits
# without `embed=true` too. A constant stylesheet: no data text reaches it.
SLIDE_CSS = """<style>
header[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 1.25rem; padding-bottom: 0.5rem; }
.st-key-slide_visual { flex: 0 0 auto !important; height: calc(100vh - 362px) !important; min-height: 300px; }
.st-key-slide_quote h3 { font-size: clamp(1.3rem, 3vh, 2.1rem); }
.st-key-slide_visual :is([data-testid="stElementContainer"], [data-testid="stFullScreenFrame"],
  [data-testid="stFullScreenFrame"] > div, [data-testid="stVegaLiteChart"]) { height: 100% !important; width: 100%; }
</style>"""


def slide_quote() -> Any:
    """The container of a story step's quote, whose type SLIDE_CSS scales with the window height."""
    return st.container(key="slide_quote")


def render_focus_outline() -> None:
    """A visible outline on whatever has keyboard focus (supplychain.accessibility.FOCUS_CSS); the router calls it."""
    from supplychain.charts.accessibility import FOCUS_CSS

    st.html(FOCUS_CSS)


def render_slide_frame() -> None:
    """Story mode's page frame (SLIDE_CSS); call once per run of the present page."""
    st.html(SLIDE_CSS)


def render_slide_visual(spec: dict[str, Any]) -> None:
    """A story step's visual, filling the height SLIDE_CSS gives it (the spec's height is "container")."""
    with st.container(key="slide_visual"):
        st.vega_lite_chart(spec, width="stretch", height="stretch")


def render_story_link(container: Any = None, *, width: str = "stretch") -> None:
    """Open story mode in its own tab, full screen: a fresh page load so it starts without sidebar or toolbar."""
    (container or st.sidebar).link_button(
        "Present the story",
        STORY_URL,
        icon=":material/slideshow:",
        width=width,
        help="The report step by step, large type, arrow keys to move. Opens in a new tab.",
    )


def render_entity_search(dataset: Dataset) -> None:
    """Sidebar search: any entity by name or alias (e.g. 'Tongyi Qianwen', 'H20'); results link to its profile."""
    from supplychain.data.entities import find_entities, suggest_entities

    index = cache.get_relations(dataset)[0]
    with st.sidebar:
        text = st.text_input(
            "Find a company, model, chip, place or rule",
            key="entity_search",
            placeholder="e.g. Tongyi Qianwen, H20",
            icon=":material/search:",
            help="Searches names and other names (aliases, Chinese names); opens the profile.",
        )
        if text and text.strip():
            shown = 6
            hits = find_entities(index, text, limit=len(index))
            if hits.empty:
                hits = suggest_entities(index, text, limit=shown)
                st.caption(
                    "No entity has that name or alias. Did you mean:"
                    if len(hits)
                    else "No entity has that name or alias."
                )
            for hit in hits.head(shown).itertuples(index=False):
                render_entity_link(hit.id, hit.name, hit.kind, note=hit.matched if hit.matched != hit.name else "")
            if len(hits) > shown:
                st.caption(f"Showing {shown} of {len(hits)} matches: type more of the name to narrow them.")


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
    from supplychain.data.dates import PRECISION_LABELS
    from supplychain.rules.timeline import LANE_LABELS

    claims, sources = tables["claims"].set_index("claim_id"), tables["sources"].set_index("source_id")
    with st.container(border=True):
        st.subheader(f"{item['date_label']} · {item['title']}")
        st.markdown(escape_md(item["description"]))
        st.caption(
            f"{escape_md(LANE_LABELS.get(item['lane'], item['lane']))} · date known to: {PRECISION_LABELS.get(item['precision'], item['precision'])} · record `{item.name}` ({item['origin']}.csv)"
        )
        render_evidence(str(item["evidence"]))
        names = entity_names(tables)
        for column, kind in ((entity_keys()[table], kind) for table, kind in ENTITY_TABLES.items()):
            if pd.notna(item.get(column)) and item[column] in names:
                render_entity_link(item[column], names[item[column]], kind, note="profile")
        if pd.notna(item.get("note")) and item.get("note"):
            st.caption("Note: " + escape_md(item["note"]))
        if pd.notna(item.get("claim_id")) and item["claim_id"] in claims.index:
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
        STANDING_LABELS.get(standing, standing),
        icon=STANDING_ICONS.get(standing),
        color=STANDING_BADGE_COLOURS.get(standing, "gray"),
        help=STANDING_HELP.get(standing),
    )


def _md_link(text: str, url: str | None) -> str:
    """Escaped link text pointing at a checked http(s) address; plain escaped text when there is none."""
    if not url:
        return escape_md(text)
    safe = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{escape_md(text)}]({safe})"


def render_later_events(events: pd.DataFrame) -> None:
    """The later events bearing on a finding: date, how it bears, what happened, and its source to follow."""
    from supplychain.rules.standings import followable_url

    if events.empty:
        st.caption("No later event is linked to this finding.")
        return
    for _, event in events.iterrows():
        bearing = BEARING_LABELS.get(str(event["bearing"]), str(event["bearing"]))
        st.markdown(
            f"**{format_date(event['date'], event['date_precision'])}** · {escape_md(bearing)}: {escape_md(event['title'])}"
        )
        source = (
            f"{event['publisher']}, {event['source_title']}" if pd.notna(event["publisher"]) else event["source_id"]
        )
        st.caption(
            f"{escape_md(event['how'])} · {EVIDENCE_LABELS.get(str(event['evidence']), event['evidence'])} · "
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
    from supplychain.rules.standings import later_events

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
            f"Deciding measure: [{escape_md(answer['measure_name'])}]({entity_url(answer['measure_id'])})"
            + (f", in effect from {escape_md(answer['since_label'])}" if answer["since_label"] else "")
        )
    if answer["source_id"]:
        label = escape_md(answer["source_label"])
        url = str(answer["source_url"]).replace(")", "%29").replace(" ", "%20")
        parts.append("Source: " + (f"[{label}]({url})" if url.startswith(("http://", "https://")) else label))
    if parts:
        st.caption(" · ".join(parts))


def render_chip_status(dataset: Dataset, chip_id: str) -> None:
    """A chip profile's export status: today (the reviewed-through day) and on the report's day, each with
    its deciding measure and source, and a link to the Export status page for any other day."""
    from supplychain.rules.status import chip_answer
    from supplychain.rules.timeline import timeline_bounds

    report_day = timeline_bounds(cache.get_timeline_items(dataset), dataset.as_of)[2]
    reviewed = pd.Timestamp(dataset.reviewed_through or dataset.as_of)
    st.subheader("Could it be sold to China?")
    for when, day in (
        (f"Today (the record is reviewed through {format_date(reviewed)})", reviewed),
        (f"On the report's date, {format_date(report_day)}", report_day),
    ):
        render_status_answer(chip_answer(dataset.tables, chip_id, day), question=False, when=when)
    st.page_link("pages/status.py", label="Any other day: Export status", icon=":material/rule:")


def render_site(site: pd.Series, tables: dict[str, pd.DataFrame], areas: pd.DataFrame) -> None:
    """One data-centre site: operator, owner, status, capacity and tenant, each with its source; the report area it is in."""
    st.markdown(f"**{escape_md(site['name'])}**  \n{escape_md(site['kind_label'])} · {escape_md(site['status_label'])}")
    opened = "–" if pd.isna(site["opened_year"]) else str(int(site["opened_year"]))
    facts = [
        ("Operator", site["operator"]),
        ("Ultimate owner", site["owner_text"]),
        ("Owner nationality", site["ownership_label"]),
        ("Place", f"{site['place']} ({site['precision_label'].lower()})"),
        ("Opened", opened),
        ("Capacity", site["capacity_text"]),
        ("Chinese AI tenant", site["tenant_text"]),
    ]
    st.markdown("\n".join(f"- **{k}:** {escape_md(str(v))}" for k, v in facts))
    render_evidence(site["evidence"])
    if pd.notna(site["note"]):
        st.caption(escape_md(site["note"]))
    area = areas[areas["country"] == site["country"]]
    if not area.empty:
        st.caption(
            f"Inside the report's area **{escape_md(area.iloc[0]['country_name'])}**: the report names the country "
            f"(claims {escape_md(area.iloc[0]['claim_ids'])}), not this site."
        )
    sources = tables["sources"].set_index("source_id")
    cited = [site["source_id"], site["capacity_source_id"], site["tenant_source_id"]]
    st.markdown("**Sources**")
    for source_id in dict.fromkeys(s for s in cited if pd.notna(s) and s in sources.index):
        render_source(sources.loc[source_id])


def render_report_areas(areas: pd.DataFrame, names: dict[str, str]) -> None:
    """The report's country-level statements and the sites in the data inside each country."""
    st.markdown("**The report's areas** (shaded purple on the map)")
    for area in areas.itertuples():
        listed = [names.get(s, s) for s in str(area.site_ids).split(",") if s]
        with st.expander(
            f"The report says {area.country_name}; no site is named · {area.site_count} sites in the data"
        ):
            st.caption(f"Claims: {escape_md(area.claim_ids)} · hub rows: {escape_md(area.hub_names)}")
            st.markdown("\n".join(f"- {escape_md(n)}" for n in listed) or "No site in the data.")
