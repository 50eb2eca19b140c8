"""The Timeline page's sections: its filters, the zoom strip, the chart (or counts per lane), the legend, the
events table and the downloads, and what a brush or a click on them does."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pandas as pd
import streamlit as st

from supplychain.app import byurl, cache, cards, corrections, downloads, handouts, layout, markdown, urlbind
from supplychain.app.theme import themed
from supplychain.charts.accessibility import describe_chart
from supplychain.charts.timeline import PICKS, build_lane_count_chart, build_timeline_chart, build_zoom_strip
from supplychain.data import routes
from supplychain.data.dates import DATE_HIGH, DATE_LOW, format_date
from supplychain.data.entities import LINK_DISPLAY, entity_link, names_of
from supplychain.data.labels import enum_label
from supplychain.data.load import Dataset
from supplychain.data.schema import enum_values
from supplychain.i18n import _
from supplychain.rules.lanes import Lanes
from supplychain.rules.timeline import EVENT_TABLE_COLUMNS, events_table, item_row_ids, lane_counts, undated, zoom_dates

LINKED_COLUMNS = ("company_id", "model_id", "chip_id", "policy_id")  # ids in the events table that open a profile


class EventFilters(NamedTuple):
    """What the reader chose: the days shown (start <= end), lanes or lane groups, companies and categories."""

    start: pd.Timestamp
    end: pd.Timestamp
    lanes: list[str]
    companies: list[str]
    categories: list[str]


def on_zoom() -> None:
    """A brush on the zoom strip sets the dates; a cleared brush goes back to the opening window."""
    picked = zoom_dates(st.session_state["tl_zoom"].selection.get("zoom", {}))
    # A cleared brush goes back to the opening window (the defaults, so they leave the URL).
    urlbind.set_url_value("from", picked[0].isoformat() if picked else None)
    urlbind.set_url_value("to", picked[1].isoformat() if picked else None)


def on_pick(state_key: str) -> None:
    """A click on a mark of the chart, or on a row of the table (`state_key`), opens that event."""
    selection = st.session_state[state_key].selection
    ids = [p["item_id"] for name in PICKS for p in selection.get(name, []) if "item_id" in p]
    if selection.get("rows"):
        ids = [st.session_state["tl_rows"][selection["rows"][0]]]
    if ids:
        urlbind.set_url_value("event", ids[0])


def render_filters(
    dataset: Dataset, items: pd.DataFrame, lane_set: Lanes, window: tuple[pd.Timestamp, pd.Timestamp]
) -> EventFilters:
    """Dates, lanes, companies and categories, each bound to the URL; the dates open on `window`."""
    names = names_of(dataset.tables["companies"], "company_id")
    companies = sorted(items["company_id"].dropna().unique())
    categories = enum_values(dataset.package, "events", "category")
    top = st.columns([1.7, 1.7, 2.3, 2.3])
    dates = {"min_value": DATE_LOW, "max_value": DATE_HIGH, "help": _("Type a day as YYYY-MM-DD and press Enter.")}
    start = pd.Timestamp(urlbind.url_day(_("From"), key="from", default=window[0].date(), container=top[0], **dates))
    end = pd.Timestamp(urlbind.url_day(_("To"), key="to", default=window[1].date(), container=top[1], **dates))
    lane_help = _("Pick lanes, or a group (All models, All chips, All measures). In a link: ") + ", ".join(
        f"{c} = {lane_set.choice_label(c)}" for c in lane_set.choices
    )
    lanes = urlbind.url_multiselect(
        _("Lanes"),
        lane_set.choices,
        key="lanes",
        container=st.container(),  # a row of its own: in a fifth of the row its chips were cut ("US me…") at 1280 px
        placeholder=_("All lanes"),
        help=lane_help,
        format_func=lane_set.choice_label,
    )
    chosen_companies = urlbind.url_multiselect(
        _("Company"),
        companies,
        key="company",
        container=top[2],
        placeholder=_("All companies"),
        format_func=lambda c: names.get(c, c),
    )
    chosen_categories = urlbind.url_multiselect(
        _("Category"),
        categories,
        key="category",
        container=top[3],
        placeholder=_("All categories"),
        format_func=lambda c: enum_label("events", "category", c),
    )
    return EventFilters(min(start, end), max(start, end), lanes, chosen_companies, chosen_categories)


def render_status_link(asof_day: date | None) -> None:
    """A link to Export status, carrying the checked day the reader came with (never the raw value)."""
    st.page_link(
        routes.PAGE_FILES[routes.STATUS],
        label=_("Could a chip be sold to China on a given day? The answer for every chip is on Export status"),
        icon=":material/rule:",
        query_params={"asof": asof_day.isoformat()} if asof_day else None,  # the checked day only, never the raw value
    )


def render_zoom_strip(
    dataset: Dataset,
    items: pd.DataFrame,
    *,
    full_start: pd.Timestamp,
    full_end: pd.Timestamp,
    filters: EventFilters,
    reviewed: pd.Timestamp,
) -> None:
    """Every event as a tick over the whole span; a brush across it chooses the dates shown (on_zoom)."""
    start, end = filters.start, filters.end
    brushed = "from" in st.query_params or "to" in st.query_params
    zoom = cache.chart_spec(  # built once per data version and range, like the charts below, not on every run
        dataset,
        "timeline_zoom",
        (full_start, full_end, start, end, reviewed, brushed),
        lambda: describe_chart(
            build_zoom_strip(
                items,
                full_start=full_start,
                full_end=full_end,
                start=start,
                end=end,
                reviewed_through=reviewed,
                brushed=brushed,
            ),
            title=_("Zoom strip"),
            summary=_("every event as a tick; drag across it to choose the dates the timeline below shows"),
        ),
    )
    st.vega_lite_chart(
        themed(zoom),
        key="tl_zoom",
        on_select=on_zoom,
        selection_mode="zoom",
        width="stretch",
    )


def render_chart(
    dataset: Dataset,
    items: pd.DataFrame,
    shown: pd.DataFrame,
    steps: pd.DataFrame,
    filters: EventFilters,
    *,
    lane_set: Lanes,
    lane_codes: list[str],
    asof: pd.Timestamp | None,
    selected: str | None,
    reviewed: pd.Timestamp,
) -> None:
    """The events shown in their lanes, with downloads and a handout; counts per lane and period when there are
    more than can be told apart; a note when there are none."""
    start, end = filters.start, filters.end
    chosen = (tuple(filters.lanes), tuple(filters.companies), tuple(filters.categories), start, end)
    if shown.empty:
        st.info(
            _("No events match these lanes, companies, categories and dates. Clear a filter or widen the dates."),
            icon=":material/search_off:",
        )
        return
    if len(shown) > layout.TIMELINE_CAP and not st.toggle(
        _("Draw every one of the {n} events (slow, and too dense to read)").format(n=len(shown)), key="tl_all"
    ):
        st.caption(
            _(
                "{n} events are more than can be told apart, so each lane shows how many fall in each period. "
                "Narrow the dates, lanes or companies to see the events themselves; the table below lists every "
                "one."
            ).format(n=len(shown))
        )
        counts = cache.chart_spec(
            dataset,
            "timeline_counts",
            chosen,
            lambda: describe_chart(
                build_lane_count_chart(lane_counts(shown, start, end), start=start, end=end),
                title=_("Timeline: events per lane and period"),
                summary=_("counts of {n} events per lane from {start} to {end}").format(
                    n=len(shown), start=format_date(start), end=format_date(end)
                ),
            ),
        )
        st.vega_lite_chart(themed(counts), width="stretch")
        return
    spec = cache.chart_spec(
        dataset,
        "timeline",
        chosen + (asof, selected),
        lambda: describe_chart(
            build_timeline_chart(
                shown,
                steps,
                lanes=lane_codes,
                lane_labels=lane_set.labels,
                start=start,
                end=end,
                asof=asof,
                selected=selected,
                reviewed_through=reviewed,
            ),
            title=_("Timeline of measures, chips and models"),
            summary=_("{n} events in lanes from {start} to {end}").format(
                n=len(shown), start=format_date(start), end=format_date(end)
            ),
        ),
    )
    st.vega_lite_chart(
        themed(spec),
        key="tl_chart",
        on_select=lambda: on_pick("tl_chart"),
        selection_mode=list(PICKS),
        width="stretch",
    )
    downloads.render_chart_downloads(lambda: spec, what="timeline_chart", as_of=dataset.as_of)
    timeline_link = layout.current_link("timeline")
    timeline_summary = _("{shown} of {total} events, {start} to {end}").format(
        shown=len(shown), total=len(items), start=format_date(start), end=format_date(end)
    )
    handouts.render_view_pdf(
        lambda: handouts.timeline_handout(
            dataset, spec=spec, shown=shown, summary=timeline_summary, link=timeline_link
        ),
        what="timeline",
        as_of=dataset.as_of,
    )


def render_legend(
    dataset: Dataset,
    items: pd.DataFrame,
    shown: pd.DataFrame,
    steps: pd.DataFrame,
    filters: EventFilters,
    *,
    lane_set: Lanes,
    lane_codes: list[str],
    asof: pd.Timestamp | None,
    reviewed: pd.Timestamp,
) -> None:
    """How many events are shown and how to read the marks, the report's causal chain, and what has no date."""
    start, end = filters.start, filters.end
    st.caption(
        _(
            "**{n}** of {n2} events, {start} to {end}. ● exact day · dashed box = date known only to the "
            "month or year, drawn across the whole period · grey dashed lines and bands, numbered = the "
            "report's causal chain · grey band = after {reviewed}, the day the record has been reviewed "
            "through: later events may exist but are not in the data yet"
        ).format(
            n=len(shown), n2=len(items), start=format_date(start), end=format_date(end), reviewed=format_date(reviewed)
        )
        + (
            _(" · blue line = {asof}, the day chosen on Export status.").format(asof=format_date(asof))
            if asof is not None
            else "."
        )
    )
    chain = [
        f"**{n}** {d}: {markdown.escape_md(t)}" for n, d, t in zip(steps["step"], steps["date_label"], steps["title"])
    ]
    more = _(" → … and {n} more steps").format(n=len(chain) - layout.LIST_CAP) if len(chain) > layout.LIST_CAP else ""
    st.caption(_("The report's causal chain, numbered on the chart: ") + " → ".join(chain[: layout.LIST_CAP]) + more)
    if missing := undated(dataset.tables, lane_set, lane_codes):
        more = _(" and {n} more").format(n=len(missing) - layout.LIST_CAP) if len(missing) > layout.LIST_CAP else ""
        st.caption(
            _("Not drawn, no date in the data: ")
            + ", ".join(markdown.escape_md(m) for m in missing[: layout.LIST_CAP])
            + more
            + "."
        )


def render_events_table(
    dataset: Dataset, items: pd.DataFrame, shown: pd.DataFrame, selected: str | None
) -> pd.DataFrame:
    """The selected event's card, then the events shown as a table (built once opened; a click on a row opens
    that event). Returns the table (events_table rows)."""
    table = events_table(shown)
    st.session_state["tl_rows"] = list(table["item_id"])
    if selected in set(items["item_id"]):
        cards.render_timeline_item(items.set_index("item_id").loc[selected], dataset.tables)
    box, box_open = layout.lazy_expander(
        _("The {n} events shown, as a table (click a row for its details)").format(n=len(table)),
        key="tl_table_open",
        icon=":material/table:",
    )
    if box_open:
        with box:
            linked = table.assign(
                **{c: table[c].map(lambda v: entity_link(v, v), na_action="ignore") for c in LINKED_COLUMNS}
            )
            corrections.render_table(
                linked.rename(columns=EVENT_TABLE_COLUMNS),
                row_ids=item_row_ids(table),
                what=_("the events shown on the timeline"),
                key="tl_table",
                url_path="timeline",
                package=dataset.package,
                placeholder="–",
                hide_index=True,
                width="stretch",
                table_key="tl_table",
                on_select=lambda: on_pick("tl_table"),
                selection_mode="single-row",
                column_config={
                    EVENT_TABLE_COLUMNS[c]: st.column_config.LinkColumn(
                        EVENT_TABLE_COLUMNS[c], display_text=LINK_DISPLAY
                    )
                    for c in LINKED_COLUMNS
                },
            )
    return table


def render_downloads(dataset: Dataset, table: pd.DataFrame, *, filtered: bool) -> None:
    """The events shown as a table, as a link to their rows in the Data page, and as a view bundle."""
    tables = dataset.tables
    row = st.columns([2, 1])
    downloads.render_table_downloads(
        table,
        EVENT_TABLE_COLUMNS,
        label=_("Events shown"),
        what="timeline_events",
        as_of=dataset.as_of,
        filtered=filtered,
        container=row[0],
    )
    event_rows = tables["events"][tables["events"]["event_id"].isin(table["item_id"])]
    byurl.render_ids_url("events", "event_id", event_rows["event_id"], label=_("the events shown"))
    downloads.render_view_bundle(
        dataset.package,
        tables,
        {"events": event_rows},
        what="timeline",
        as_of=dataset.as_of,
        container=row[1],
    )
