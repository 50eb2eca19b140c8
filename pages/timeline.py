"""Timeline: what happened when, in lanes, and the export-control status of every chip on any date."""

from datetime import date

import pandas as pd
import streamlit as st

from supplychain import cache, ui, urlbind
from supplychain.accessibility import describe_chart
from supplychain.dates import STATUS_DATE_NOTE, format_date
from supplychain.entities import LINK_DISPLAY, entity_link
from supplychain.schema import enum_values
from supplychain.status import STATUS_TABLE_COLUMNS, chip_status_on, status_table
from supplychain.style import STATUS_LABELS
from supplychain.timeline import (
    EVENT_TABLE_COLUMNS,
    LANE_CHOICES,
    LANE_LABELS,
    causal_steps,
    events_table,
    expand_lanes,
    filter_items,
    timeline_bounds,
    undated,
    zoom_dates,
)
from supplychain.timeline_charts import PICKS, build_status_strip, build_timeline_chart, build_zoom_strip

LOW, HIGH = date(2015, 1, 1), date(2030, 12, 31)
dataset = ui.require_dataset()
tables = dataset.tables
items = cache.get_timeline_items(dataset)
full_start, full_end, report_day = timeline_bounds(items, dataset.as_of)
names = tables["companies"].set_index("company_id")["name"].to_dict()
companies = sorted(items["company_id"].dropna().unique())
categories = enum_values(dataset.package, "events", "category")


def _zoom() -> None:
    picked = zoom_dates(st.session_state["tl_zoom"].selection.get("zoom", {}))
    urlbind.set_url_value("from", picked[0].isoformat() if picked else None)
    urlbind.set_url_value("to", picked[1].isoformat() if picked else None)


def _pick(state_key: str) -> None:
    selection = st.session_state[state_key].selection
    ids = [p["item_id"] for name in PICKS for p in selection.get(name, []) if "item_id" in p]
    if selection.get("rows"):
        ids = [st.session_state["tl_rows"][selection["rows"][0]]]
    if ids:
        urlbind.set_url_value("event", ids[0])


st.title("Timeline: what happened when")
st.caption(
    "US measures, Chinese responses, chip launches, model releases and the shift of training abroad on one time axis. "
    "Hover a mark for its date, precision and source; click it for the details and the quotes behind it."
)
top = st.columns([1.7, 1.7, 2, 2, 2])
dates = {"min_value": LOW, "max_value": HIGH, "format": "YYYY-MM-DD"}
start = pd.Timestamp(urlbind.url_date("From", key="from", default=full_start.date(), container=top[0], **dates))
end = pd.Timestamp(urlbind.url_date("To", key="to", default=full_end.date(), container=top[1], **dates))
start, end = min(start, end), max(start, end)
lane_help = "Pick lanes, or a group (All models, All chips, All measures). In a link: " + ", ".join(
    f"{c} = {LANE_LABELS.get(c) or 'all ' + c}" for c in LANE_CHOICES
)
lanes = urlbind.url_multiselect(
    "Lanes",
    LANE_CHOICES,
    key="lanes",
    container=top[2],
    placeholder="All lanes",
    help=lane_help,
    format_func=lambda c: LANE_LABELS.get(c) or f"All {c}",
)
chosen_companies = urlbind.url_multiselect(
    "Company",
    companies,
    key="company",
    container=top[3],
    placeholder="All companies",
    format_func=lambda c: names.get(c, c),
)
chosen_categories = urlbind.url_multiselect(
    "Category",
    categories,
    key="category",
    container=top[4],
    placeholder="All categories",
    format_func=lambda c: c.replace("_", " ").capitalize(),
)
selected = urlbind.url_value("event", list(items["item_id"]), what="not an event on the timeline")
timeline_area = st.container()  # filled below, once the "as of" day (drawn further down) is known
st.header("Could each chip be sold to China?")
asof = pd.Timestamp(
    urlbind.url_date(
        "Status as of",
        key="asof",
        default=report_day.date(),
        container=st.columns([1, 3])[0],
        **dates,
        help="The day the status is for; also the blue line on the timeline. In a link: asof=YYYY-MM-DD.",
    )
)
answer = chip_status_on(tables, asof)
status = status_table(answer)
st.caption(
    f"On **{format_date(asof)}**: "
    + " · ".join(f"{STATUS_LABELS[s]}: {n}" for s, n in answer["status"].value_counts().items())
    + ". The latest measure in force decides (a licence granted after a restriction makes the chip allowed). "
    + STATUS_DATE_NOTE
)
segments = cache.get_status_segments(dataset, str(start.date()), str(end.date()))
strip = build_status_strip(segments, chip_order=list(tables["chips"]["name"]), start=start, end=end, asof=asof)
st.altair_chart(
    describe_chart(
        strip,
        title="Export status to China of each chip over time",
        summary=f"coloured by status; the table below gives each chip's status on {asof.date()}",
    ),
    width="stretch",
)
ui.render_chart_downloads(strip.to_dict, what="chip_status_chart", as_of=dataset.as_of)
st.caption(
    "Faded = uncertain (hover for why). Black line under a chip = Chinese authorities discourage buying it (not an export restriction)."
)
st.dataframe(status.rename(columns=STATUS_TABLE_COLUMNS), placeholder="–", hide_index=True, width="stretch")
ui.render_table_downloads(
    status,
    STATUS_TABLE_COLUMNS,
    label="Status table",
    what=f"chip_status_{asof.date()}",
    as_of=dataset.as_of,
    filtered=False,
    container=st.container(width=520),
)

with timeline_area:
    shown = filter_items(
        items, lanes=lanes, companies=chosen_companies, categories=chosen_categories, start=start, end=end
    )
    lane_codes = expand_lanes(lanes)
    steps = causal_steps(items)
    st.altair_chart(
        describe_chart(
            build_zoom_strip(items, full_start=full_start, full_end=full_end, start=start, end=end),
            title="Zoom strip",
            summary="every event as a tick; drag across it to choose the dates the timeline below shows",
        ),
        key="tl_zoom",
        on_select=_zoom,
        selection_mode="zoom",
        width="stretch",
    )
    if shown.empty:
        st.info(
            "No events match these lanes, companies, categories and dates. Clear a filter or widen the dates.",
            icon=":material/search_off:",
        )
    else:
        chart = build_timeline_chart(shown, steps, lanes=lane_codes, start=start, end=end, asof=asof, selected=selected)
        st.altair_chart(
            describe_chart(
                chart,
                title="Timeline of measures, chips and models",
                summary=f"{len(shown)} events in lanes from {format_date(start)} to {format_date(end)}",
            ),
            key="tl_chart",
            on_select=lambda: _pick("tl_chart"),
            selection_mode=list(PICKS),
            width="stretch",
        )
        ui.render_chart_downloads(chart.to_dict, what="timeline_chart", as_of=dataset.as_of)
    st.caption(
        f"**{len(shown)}** of {len(items)} events, {format_date(start)} to {format_date(end)}. ● exact day · dashed box = date known only to the month or year, "
        'drawn across the whole period · grey dashed lines and bands, numbered = the report\'s causal chain · blue line = the "status as of" date.'
    )
    st.caption(
        "The report's causal chain, numbered on the chart: "
        + " → ".join(
            f"**{n}** {d}: {ui.escape_md(t)}" for n, d, t in zip(steps["step"], steps["date_label"], steps["title"])
        )
    )
    if missing := undated(tables):
        st.caption("Not drawn, no date in the data: " + ", ".join(ui.escape_md(m) for m in missing) + ".")

    table = events_table(shown)
    st.session_state["tl_rows"] = list(table["item_id"])
    if selected in set(items["item_id"]):
        ui.render_timeline_item(items.set_index("item_id").loc[selected], tables)
    with st.expander(
        f"The {len(table)} events shown, as a table (click a row for its details)", icon=":material/table:"
    ):
        linked = table.assign(
            **{
                c: table[c].map(lambda v: entity_link(v, v), na_action="ignore")
                for c in ("company_id", "model_id", "chip_id", "policy_id")
            }
        )
        st.dataframe(
            linked.rename(columns=EVENT_TABLE_COLUMNS),
            placeholder="–",
            hide_index=True,
            width="stretch",
            key="tl_table",
            on_select=lambda: _pick("tl_table"),
            selection_mode="single-row",
            column_config={
                EVENT_TABLE_COLUMNS[c]: st.column_config.LinkColumn(EVENT_TABLE_COLUMNS[c], display_text=LINK_DISPLAY)
                for c in ("company_id", "model_id", "chip_id", "policy_id")
            },
        )
    filtered = len(shown) != len(items)
    row = st.columns([2, 1])
    ui.render_table_downloads(
        table,
        EVENT_TABLE_COLUMNS,
        label="Events shown",
        what="timeline_events",
        as_of=dataset.as_of,
        filtered=filtered,
        container=row[0],
    )
    event_rows = tables["events"][tables["events"]["event_id"].isin(table["item_id"])]
    ui.render_view_bundle(
        dataset.package,
        tables,
        {"events": event_rows},
        what="timeline",
        as_of=dataset.as_of,
        url_path="timeline",
        container=row[1],
    )
