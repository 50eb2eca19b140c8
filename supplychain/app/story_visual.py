"""A story step's visual as a Vega-Lite spec, built by the same functions (and caches) as the page it comes from.

Story mode draws it on screen (pages/present.py) and the handout PDF prints it (supplychain/charts/handout.py):
one builder, so the slide and its printed page cannot disagree.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from supplychain.app import cache, layout
from supplychain.charts import maps
from supplychain.charts.network import edge_table, network_chart
from supplychain.charts.provenance import evidence_chart
from supplychain.charts.status import build_status_strip
from supplychain.charts.story import chain_slide, standings_slide
from supplychain.charts.timeline import build_timeline_chart
from supplychain.data.load import Dataset
from supplychain.rules.chains import chain_rows, chinese_developers
from supplychain.rules.graph import edge_frame, graph_key, node_frame, view_graph
from supplychain.rules.lanes import expand_lanes
from supplychain.rules.standings import finding_standings
from supplychain.rules.story import Step, enlarge_fonts, legends_at_right
from supplychain.rules.timeline import causal_steps, filter_items


def step_visual_spec(dataset: Dataset, step: Step) -> dict[str, Any]:
    """The step's visual (before it is fitted to a slide), from the step's view parameters."""
    tables = dataset.tables
    p = step.params
    if step.visual == "map":
        base = cache.get_map_base(dataset)
        spec, prepared = cache.get_story_map(dataset, step.frame)
        rows = maps.map_datasets(
            prepared, location_ids=set(base.points["location_id"]), flow_ids=set(base.flows["flow_id"])
        )
        return legends_at_right(enlarge_fonts({**spec, "datasets": {**spec.get("datasets", {}), **rows}}, factor=1.0))
    if step.visual in ("timeline", "status"):
        items = cache.get_timeline_items(dataset)
        if step.visual == "timeline":
            start, end = pd.Timestamp(p["from"]), pd.Timestamp(p["to"])
            lane_set = cache.get_lanes(dataset)
            chosen = p["lanes"].split(",")
            lanes = expand_lanes(chosen, lane_set)
            shown = filter_items(items, lanes=chosen, groups=lane_set.groups, start=start, end=end)
            chart = build_timeline_chart(
                shown, causal_steps(items), lanes=lanes, lane_labels=lane_set.labels, start=start, end=end
            )
            return enlarge_fonts(chart.to_dict(), factor=1.15)
        asof = pd.Timestamp(p["asof"])
        start, end = pd.Timestamp("2022-06-01"), pd.Timestamp(dataset.as_of)
        chips = tables["chips"].head(layout.LINK_CAP)  # a slide of a long list draws its first chips, as /status does
        ids = None if len(chips) == len(tables["chips"]) else tuple(chips["chip_id"])
        segments = cache.get_status_segments(dataset, str(start.date()), str(end.date()), ids)
        strip = build_status_strip(segments, chip_order=list(chips["name"]), start=start, end=end, asof=asof)
        return legends_at_right(enlarge_fonts(strip.to_dict()))
    if step.visual in ("chain", "graph"):
        _, graph, _ = cache.get_relations(dataset)
        if step.visual == "chain":
            companies = tables["companies"]
            unverified = companies.loc[companies["ownership"].fillna("unknown") == "unknown", "company_id"]
            return chain_slide(chain_rows(graph, chinese_developers(tables)), unverified=list(unverified))
        view = view_graph(graph, focus=p["focus"], hops=int(p["hops"]), relations=[], since=None, until=None)
        edges = edge_table(edge_frame(view), tables["claims"], tables["sources"])
        chart = network_chart(
            node_frame(view), edges, cache.graph_layout(*graph_key(view)), focus=p["focus"], label_all=True
        )
        return enlarge_fonts(chart.to_dict())
    if step.visual == "standings":
        return standings_slide(finding_standings(tables))
    return enlarge_fonts(evidence_chart(tables).to_dict())
