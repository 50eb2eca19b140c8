"""Story mode for presenters: the report in steps, one idea, one visual and one quote per screen."""

import pandas as pd
import streamlit as st

from supplychain.app import cache, guard, language, layout, markdown, slides, urlbind
from supplychain.charts import maps
from supplychain.charts.accessibility import describe_chart
from supplychain.charts.network import edge_table, network_chart
from supplychain.charts.provenance import evidence_chart
from supplychain.charts.story import chain_slide, standings_slide
from supplychain.charts.timeline import build_status_strip, build_timeline_chart
from supplychain.data.labels import ATTRIBUTION_LABELS
from supplychain.i18n import _, current_language
from supplychain.rules.graph import chain_rows, chinese_developers, edge_frame, graph_key, node_frame, view_graph
from supplychain.rules.provenance import report_citation
from supplychain.rules.standings import finding_standings
from supplychain.rules.story import enlarge_fonts, fit_to_slide, legends_at_right, story_steps, view_url, wrap_legends
from supplychain.rules.timeline import causal_steps, expand_lanes, filter_items

dataset = guard.require_dataset()
tables = dataset.tables
report = report_citation(tables, dataset.package)
steps = story_steps(tables)
if not steps:
    st.info(_("The story has no steps: data/story_steps.csv is empty."), icon=":material/slideshow:")
    st.stop()
raw = urlbind.url_value(
    "step", [str(i) for i in range(1, len(steps) + 1)], what=_("not a step from 1 to {n}").format(n=len(steps))
)
number = int(raw) if raw else 1
step = steps[number - 1]
slides.render_slide_frame()


def visual_spec() -> dict:
    """The step's visual, built by the same functions (and caches) as the page it comes from."""
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
            lanes = expand_lanes(p["lanes"].split(","))
            shown = filter_items(items, lanes=p["lanes"].split(","), companies=[], categories=[], start=start, end=end)
            chart = build_timeline_chart(shown, causal_steps(items), lanes=lanes, start=start, end=end)
            return enlarge_fonts(chart.to_dict(), factor=1.15)
        asof = pd.Timestamp(p["asof"])
        start, end = pd.Timestamp("2022-06-01"), pd.Timestamp(dataset.as_of)
        chips = tables["chips"].head(layout.LINK_CAP)  # a slide of a long list draws its first chips, as /status does
        ids = None if len(chips) == len(tables["chips"]) else tuple(chips["chip_id"])
        segments = cache.get_status_segments(dataset, str(start.date()), str(end.date()), ids)
        strip = build_status_strip(segments, chip_order=list(chips["name"]), start=start, end=end, asof=asof)
        return legends_at_right(enlarge_fonts(strip.to_dict()))
    if step.visual in ("chain", "graph"):
        _index, graph, _edges = cache.get_relations(dataset)
        if step.visual == "chain":
            return chain_slide(chain_rows(graph, chinese_developers(tables)))
        view = view_graph(graph, focus=p["focus"], hops=int(p["hops"]), relations=[], since=None, until=None)
        edges = edge_table(edge_frame(view), tables["claims"], tables["sources"])
        chart = network_chart(
            node_frame(view), edges, cache.graph_layout(*graph_key(view)), focus=p["focus"], label_all=True
        )
        return enlarge_fonts(chart.to_dict())
    if step.visual == "standings":
        return standings_slide(finding_standings(tables))
    return enlarge_fonts(evidence_chart(tables).to_dict())


def render_quote() -> None:
    if step.claim_id is None:
        st.markdown("### " + markdown.escape_md(step.text))
        return
    claim = tables["claims"].set_index("claim_id").loc[step.claim_id]
    who = ATTRIBUTION_LABELS.get(claim["attribution_kind"], claim["attribution_kind"])
    # A Polish audience reads the report's own Polish words; an English one our translation of them.
    quote = claim["quote_pl"] if current_language() == "pl" else claim["text_en"]
    st.markdown(
        "### "
        + _("“{quote}” :gray[— {who}, {short}]").format(
            quote=markdown.escape_md(quote), who=markdown.escape_md(who), short=markdown.escape_md(report.short)
        )
    )


st.markdown(f"## {markdown.escape_md(step.heading)}")
spec = cache.with_locale(
    describe_chart(wrap_legends(fit_to_slide(visual_spec())), title=step.heading, summary=step.text)
)
slides.render_slide_visual(spec)  # full width: a projector's wide screen
with slides.slide_quote():
    render_quote()

nav = st.columns([1, 1, 1.6, 1.4, 1.4], vertical_alignment="center")
with nav[3].popover(_("Notes and source"), icon=":material/notes:", width="stretch"):
    st.markdown(markdown.escape_md(step.text))
    if step.claim_id is not None:
        claim = tables["claims"].set_index("claim_id").loc[step.claim_id]
        source = tables["sources"].set_index("source_id").loc[claim["source_id"]]
        other = claim["text_en"] if current_language() == "pl" else claim["quote_pl"]
        st.markdown("> " + (markdown.english_text(other) if current_language() == "pl" else markdown.escape_md(other)))
        st.caption(
            _(
                "Attribution in the report: {attribution}. {publisher}: {title}. Translation by the dashboard's "
                "curators."
            ).format(
                attribution=markdown.escape_md(claim["attribution"]),
                publisher=markdown.escape_md(source["publisher"]),
                title=markdown.escape_md(source["title"]),
            )
        )
nav[0].button(
    _("Previous"),
    icon=":material/arrow_back:",
    shortcut="Left",
    disabled=number == 1,
    width="stretch",
    on_click=urlbind.set_url_value,
    args=("step", str(number - 1)),
)
nav[1].button(
    _("Next"),
    icon=":material/arrow_forward:",
    shortcut="Right",
    disabled=number == len(steps),
    width="stretch",
    type="primary",
    on_click=urlbind.set_url_value,
    args=("step", str(number + 1)),
)
nav[2].markdown("### " + _("Step {n} of {total}").format(n=number, total=len(steps)))
nav[4].link_button(
    _("Open this view"),
    language.with_language(view_url(step)),
    icon=":material/open_in_new:",
    width="stretch",
    help=_("Opens the page this step comes from, with its navigation, in a new tab."),
)
st.caption(
    _("Data {version}, as of {as_of} · {short}").format(
        version=dataset.version, as_of=dataset.as_of, short=markdown.escape_md(report.short)
    )
    + (_(" (via {via})").format(via=markdown.escape_md(report.via)) if report.via else "")
    + _(" and public records · {licence} · ← → change step").format(licence=report.licence)
)
