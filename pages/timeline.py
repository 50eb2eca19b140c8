"""Timeline: what happened when, in lanes, and the export-control status of every chip on any date."""
from datetime import date

import pandas as pd
import streamlit as st

from supplychain import cache, ui
from supplychain.export import download_name, to_csv_bytes
from supplychain.schema import enum_values
from supplychain.status import STATUS_TABLE_COLUMNS, chip_status_on, status_table
from supplychain.style import STATUS_LABELS, format_date
from supplychain.timeline import (
    EVENT_TABLE_COLUMNS, LANE_CHOICES, LANE_GROUPS, LANE_LABELS, PRECISION_WORDS, causal_steps, check_view_params,
    events_table, expand_lanes, filter_items, timeline_bounds, timeline_items, undated, zoom_dates,
)
from supplychain.urlstate import decode_date
from supplychain.timeline_charts import PICKS, build_status_strip, build_timeline_chart, build_zoom_strip

LOW, HIGH = date(2015, 1, 1), date(2030, 12, 31)
dataset = ui.require_dataset()
tables = dataset.tables
items = timeline_items(tables)
full_start, full_end, report_day = timeline_bounds(items, dataset.as_of)
companies = sorted(items["company_id"].dropna().unique())
params = {k: st.query_params.get_all(k) for k in st.query_params}
notes, comma_lanes = check_view_params(params, companies=companies, categories=enum_values(dataset.package, "events", "category"), item_ids=set(items["item_id"]), low=LOW, high=HIGH)
if comma_lanes is not None and "lanes" not in st.session_state:
    st.session_state["lanes"] = comma_lanes  # lanes=us,models: the binding itself only reads lanes=us&lanes=models


def _zoom() -> None:
    picked = zoom_dates(st.session_state["tl_zoom"].selection.get("zoom", {}))
    st.session_state["from"], st.session_state["to"] = picked or (full_start.date(), full_end.date())


def _pick(state_key: str) -> None:
    selection = st.session_state[state_key].selection
    ids = [p["item_id"] for name in PICKS for p in selection.get(name, []) if "item_id" in p]
    rows = selection.get("rows", [])
    if rows:
        ids = [st.session_state["tl_rows"][rows[0]]]
    if ids:
        st.query_params["event"] = ids[0]


st.title("Timeline: what happened when")
st.caption("US measures, Chinese responses, chip launches, model releases and the shift of training abroad on one time axis. "
           "Hover a mark for its date, precision and source; click it for the details and the quotes behind it.")
ui.render_notice(notes)
top = st.columns([1, 1, 2, 2, 2])
start = pd.Timestamp(top[0].date_input("From", full_start.date(), LOW, HIGH, key="from", bind="query-params", format="YYYY-MM-DD"))
end = pd.Timestamp(top[1].date_input("To", full_end.date(), LOW, HIGH, key="to", bind="query-params", format="YYYY-MM-DD"))
start, end = min(start, end), max(start, end)
lane_help = "Lane codes: " + "; ".join(f"{c} = {LANE_LABELS[c]}" for c in LANE_LABELS) + "; groups: " + "; ".join(f"{g} = {', '.join(v)}" for g, v in LANE_GROUPS.items())
lanes = top[2].multiselect("Lanes", LANE_CHOICES, key="lanes", bind="query-params", placeholder="All lanes", help=lane_help)
chosen_companies = top[3].multiselect("Company", companies, key="company", bind="query-params", placeholder="All companies")
categories = top[4].multiselect("Category", enum_values(dataset.package, "events", "category"), key="category", bind="query-params", placeholder="All categories")
asof = pd.Timestamp(st.session_state.get("asof") or decode_date(params.get("asof", []), low=LOW, high=HIGH)[0] or report_day)

shown = filter_items(items, lanes=lanes, companies=chosen_companies, categories=categories, start=start, end=end)
lane_codes = expand_lanes(lanes)
selected = st.query_params.get("event")
st.altair_chart(build_zoom_strip(items, full_start=full_start, full_end=full_end, start=start, end=end), key="tl_zoom", on_select=_zoom, selection_mode="zoom", width="stretch")
if shown.empty:
    st.info("No events match these lanes, companies, categories and dates. Clear a filter or widen the dates.", icon=":material/search_off:")
else:
    chart = build_timeline_chart(shown, causal_steps(items), lanes=lane_codes, start=start, end=end, asof=asof, selected=selected)
    st.altair_chart(chart, key="tl_chart", on_select=lambda: _pick("tl_chart"), selection_mode=list(PICKS), width="stretch")
st.caption(f"**{len(shown)}** of {len(items)} events, {format_date(start)} to {format_date(end)}. ● exact day · dashed box = date known only to the month or year, "
           "drawn across the whole period · grey dashed lines and bands, numbered = the report's causal chain · blue line = the \"status as of\" date.")
if missing := undated(tables):
    st.caption("Not drawn, no date in the data: " + ", ".join(ui.escape_md(m) for m in missing) + ".")

table = events_table(shown)
st.session_state["tl_rows"] = list(table["item_id"])
if selected in set(items["item_id"]):
    item = items.set_index("item_id").loc[selected]
    with st.container(border=True):
        st.subheader(f"{item['date_label']} · {item['title']}")
        st.markdown(ui.escape_md(item["description"]))
        st.caption(f"{LANE_LABELS[item['lane']]} · date known to: {PRECISION_WORDS.get(item['precision'], item['precision'])} · source: {ui.escape_md(item['source_id'])}")
        ui.render_evidence(str(item["evidence"]))
        if pd.notna(item["note"]) and item["note"]:
            st.caption("Note: " + ui.escape_md(item["note"]))
        claims, sources = tables["claims"].set_index("claim_id"), tables["sources"].set_index("source_id")
        if pd.notna(item["claim_id"]) and item["claim_id"] in claims.index:
            claim = claims.loc[item["claim_id"]]
            ui.render_claim(claim, sources.loc[claim["source_id"]] if claim["source_id"] in sources.index else None)
        if item["source_id"] in sources.index:
            src = sources.loc[item["source_id"]]
            st.caption(f"Source: {ui.escape_md(src['publisher'])}, {ui.escape_md(src['title'])}, {format_date(src['date_published'])}")

with st.expander(f"The {len(table)} events shown, as a table (click a row for its details)", icon=":material/table:"):
    st.dataframe(table.rename(columns=EVENT_TABLE_COLUMNS), hide_index=True, width="stretch", key="tl_table", on_select=lambda: _pick("tl_table"), selection_mode="single-row")
filtered = len(shown) != len(items)
st.download_button("Download the events shown (CSV)", to_csv_bytes(table, EVENT_TABLE_COLUMNS), file_name=download_name("timeline_events", dataset.as_of, filtered=filtered),
                   mime="text/csv", icon=":material/download:", disabled=table.empty, on_click="ignore")

st.header("Could each chip be sold to China?")
asof = pd.Timestamp(st.date_input("Status as of", report_day.date(), LOW, HIGH, key="asof", bind="query-params", format="YYYY-MM-DD",
                                  help="The status of every chip on this day, from the measures in policies.csv and their links to chips in relationships.csv."))
answer = chip_status_on(tables, asof)
status = status_table(answer)
st.caption(f"On **{format_date(asof)}**: " + " · ".join(f"{STATUS_LABELS[s]}: {n}" for s, n in answer["status"].value_counts().items())
           + ". The latest measure in force decides (a licence granted after a restriction makes the chip allowed); dates known only to the month count from its first day and are marked uncertain.")
segments = cache.get_status_segments(dataset, str(start.date()), str(end.date()))
st.altair_chart(build_status_strip(segments, chip_order=list(tables["chips"]["name"]), start=start, end=end, asof=asof), width="stretch")
st.caption("Faded = uncertain (hover for why). Black line under a chip = Chinese authorities discourage buying it (not an export restriction).")
st.dataframe(status.rename(columns=STATUS_TABLE_COLUMNS), hide_index=True, width="stretch")
st.download_button("Download the status table (CSV)", to_csv_bytes(status, STATUS_TABLE_COLUMNS), file_name=download_name(f"chip_status_{asof.date()}", dataset.as_of),
                   mime="text/csv", icon=":material/download:", on_click="ignore")
