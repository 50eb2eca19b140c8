"""Story mode for presenters: the report in steps, one idea, one visual and one quote per screen."""

import pandas as pd
import streamlit as st

from supplychain import cache, maps, ui, urlbind
from supplychain.graph import chain_rows, chinese_developers, edge_frame, graph_key, node_frame, view_graph
from supplychain.network_chart import chain_chart, edge_table, network_chart
from supplychain.provenance import report_citation
from supplychain.provenance_charts import evidence_chart
from supplychain.story import SLIDE_CHART_HEIGHT, STEPS, enlarge_fonts, fit_to_slide, map_to_slide
from supplychain.style import ATTRIBUTION_LABELS
from supplychain.timeline import causal_steps, expand_lanes, filter_items
from supplychain.timeline_charts import build_status_strip, build_timeline_chart

dataset = ui.require_dataset()
tables = dataset.tables
report = report_citation(tables, dataset.package)
raw = urlbind.url_value("step", [str(i) for i in range(1, len(STEPS) + 1)], what=f"not a step from 1 to {len(STEPS)}")
number = int(raw) if raw else 1
step = STEPS[number - 1]
HEIGHT = SLIDE_CHART_HEIGHT


def visual_spec() -> dict:
    """The step's visual, built by the same functions (and caches) as the page it comes from."""
    p = step.params
    if step.visual == "map":
        base = cache.get_map_base(dataset)
        spec, prepared = cache.get_map_region(dataset, p["region"])
        rows = maps.map_datasets(
            prepared, location_ids=set(base.points["location_id"]), flow_ids=set(base.flows["flow_id"])
        )
        return {**spec, "datasets": rows}
    if step.visual in ("timeline", "status"):
        items = cache.get_timeline_items(dataset)
        if step.visual == "timeline":
            start, end = pd.Timestamp(p["from"]), pd.Timestamp(p["to"])
            lanes = expand_lanes(p["lanes"].split(","))
            shown = filter_items(items, lanes=p["lanes"].split(","), companies=[], categories=[], start=start, end=end)
            return build_timeline_chart(shown, causal_steps(items), lanes=lanes, start=start, end=end).to_dict()
        asof = pd.Timestamp(p["asof"])
        start, end = pd.Timestamp("2022-06-01"), pd.Timestamp(dataset.as_of)
        segments = cache.get_status_segments(dataset, str(start.date()), str(end.date()))
        return build_status_strip(
            segments, chip_order=list(tables["chips"]["name"]), start=start, end=end, asof=asof
        ).to_dict()
    if step.visual in ("chain", "graph"):
        _, graph, _ = cache.get_relations(dataset)
        if step.visual == "chain":
            return chain_chart(chain_rows(graph, chinese_developers(tables))).to_dict()
        view = view_graph(graph, focus=p["focus"], hops=int(p["hops"]), relations=[], since=None, until=None)
        edges = edge_table(edge_frame(view), tables["claims"], tables["sources"])
        return network_chart(
            node_frame(view),
            edges,
            cache.graph_layout(*graph_key(view)),
            focus=p["focus"],
            height=HEIGHT,
            label_all=True,
        ).to_dict()
    return evidence_chart(tables).to_dict()


st.markdown(f"## {step.heading}")
if step.visual == "map":  # maps and timelines place labels for a wide plot: full width, the quote underneath
    st.vega_lite_chart(enlarge_fonts(map_to_slide(visual_spec()), factor=1.0), width="stretch")
    right = st.container()
elif step.visual == "timeline":
    st.vega_lite_chart(enlarge_fonts(fit_to_slide(visual_spec()), factor=1.15), width="stretch")
    right = st.container()
else:
    left, right = st.columns([3, 2], gap="large")
    left.vega_lite_chart(enlarge_fonts(fit_to_slide(visual_spec())), width="stretch")
with right:
    claim = tables["claims"].set_index("claim_id").loc[step.claim_id]
    source = tables["sources"].set_index("source_id").loc[claim["source_id"]]
    who = ATTRIBUTION_LABELS.get(claim["attribution_kind"], claim["attribution_kind"])
    st.markdown(
        "### “" + ui.escape_md(claim["text_en"]) + f"” :gray[— {ui.escape_md(who)}, {ui.escape_md(report.short)}]"
    )

nav = st.columns([1, 1, 2, 1.3, 1.3], vertical_alignment="center")
with nav[3].popover("Notes and source", icon=":material/notes:"):
    st.markdown(ui.escape_md(step.text))
    st.markdown("> " + ui.escape_md(claim["quote_pl"]))
    st.caption(
        f"Attribution in the report: {ui.escape_md(claim['attribution'])}. {ui.escape_md(source['publisher'])}: "
        f"{ui.escape_md(source['title'])}. Translation by the dashboard's curators."
    )
nav[0].button(
    "Previous",
    icon=":material/arrow_back:",
    shortcut="Left",
    disabled=number == 1,
    width="stretch",
    on_click=urlbind.set_url_value,
    args=("step", str(number - 1)),
)
nav[1].button(
    "Next",
    icon=":material/arrow_forward:",
    shortcut="Right",
    disabled=number == len(STEPS),
    width="stretch",
    type="primary",
    on_click=urlbind.set_url_value,
    args=("step", str(number + 1)),
)
nav[2].markdown(f"### Step {number} of {len(STEPS)}")
nav[4].page_link(
    f"pages/{step.page}.py", label="Open this view", icon=":material/open_in_new:", query_params=step.params
)
st.caption(
    f"Data version {dataset.version}, as of {dataset.as_of} · Source: {ui.escape_md(report.short)}"
    + (f" (via {ui.escape_md(report.via)})" if report.via else "")
    + f" and public records · {report.licence} · Arrow keys ← → change step."
)
