"""Overview: the report's story on one screen, with the evidence one click away."""

import streamlit as st

from supplychain.app import cache, cards, guard, layout, markdown, slides
from supplychain.data.dates import format_date
from supplychain.data.labels import EVIDENCE_LABELS, NOT_REVIEWED_LABEL, STANDING_LABELS, TABLE_LABELS
from supplychain.rules.provenance import evidence_mix, headline_counts, key_findings
from supplychain.rules.standings import finding_standings, standing_counts
from supplychain.rules.story import causal_events

dataset = guard.require_dataset()
tables = dataset.tables

st.title("How China's AI leaders reach Nvidia chips: train abroad, or stockpile at home")
st.markdown(
    "On **27 November 2025** the *Financial Times* reported, from people it does not name, that "
    "**Alibaba** and **ByteDance** train their newest large language models in **leased, non-Chinese-owned "
    "data centres in Southeast Asia** (Singapore, Malaysia) to use Nvidia chips, after the US restricted the "
    "China-only **H20** in April 2025 and the Biden-era **AI diffusion rule** was, in its words, repealed (the US "
    "stopped enforcing it in May 2025; it was never formally withdrawn). **DeepSeek** is the "
    "exception: it trains at home on **Nvidia chips stockpiled** before the bans and works with **Huawei** on "
    "Chinese chips."
)
# A wrapping row, not fixed columns: at 1024 px the button drops under the text instead of being cut.
head = st.container(horizontal=True, vertical_alignment="center", gap="medium")
about = head.container(width="stretch")
reviewed = format_date(dataset.reviewed_through or None)
about.markdown(
    f"**Record reviewed through {reviewed}**: events after that date may be missing. "
    "[What changed since the report](#what-changed-since-the-report)"
)
about.caption(
    f"Data built {format_date(dataset.as_of or None)} · version {dataset.version} · "
    "every finding below links to the rows behind it."
)
slides.render_story_link(head, width="content")

counts = headline_counts(tables)
SHORT = {
    "companies": "Organisations",
    "models": "AI models",
    "chips": "Chips",
    "locations": "Places",
    "policies": "Measures",
    "events": "Events",
    "relationships": "Relationships",
    "claims": "Report claims",
    "sources": "Sources",
}
tiles = st.container(horizontal=True, gap="small")  # tiles wrap onto more rows in a narrow window, labels whole
for table in counts:
    tiles.metric(
        SHORT[table],
        counts[table],
        help=f"Rows in {table}.csv ({TABLE_LABELS[table]}); open them on the Data page",
        border=True,
        width=layout.TILE_WIDTH,
    )

mix = evidence_mix(tables)
st.caption(
    "What the rows rest on: "
    + " · ".join(f"{EVIDENCE_LABELS[k]}: {mix.get(k, 0)}" for k in EVIDENCE_LABELS)
    + ". Most of the report's statements come from anonymous sources and are marked so."
)

st.header("The chain of events")
chain = causal_events(tables["events"])  # in the order the Timeline numbers them
if len(chain) > layout.ROW_CAP:
    st.caption(f"The first {layout.ROW_CAP} of {len(chain)} steps; the timeline numbers every one.")
    chain = chain.head(layout.ROW_CAP)
steps = st.container(horizontal=True, gap="small")  # cards wrap 2 + 2 at 1024 px instead of cutting their tags
for _, event in chain.iterrows():
    with steps.container(border=True, width=layout.CARD_WIDTH):
        st.markdown(f"**{format_date(event['date'], event['date_precision'])}**")
        st.markdown(markdown.escape_md(event["title"]))
        cards.render_evidence(str(event["evidence"]))
st.page_link(
    "pages/timeline.py",
    label="See it on the timeline, with every chip's export status on any date",
    icon=":material/timeline:",
)

st.header("What the report says")
sources = tables["sources"].set_index("source_id")
findings = key_findings(tables)
if len(findings) > layout.LIST_CAP:
    st.caption(f"The first {layout.LIST_CAP} of {len(findings)} key findings; the Sources page lists every claim.")
    findings = findings.head(layout.LIST_CAP)


standings = cache.per_version(dataset, finding_standings).set_index("claim_id")
grid = st.columns(2, gap="medium")
for i, (_, claim) in enumerate(findings.iterrows()):
    with grid[i % 2].container(border=True):
        cards.render_standing(standings.loc[claim["claim_id"], "standing"])
        cards.render_claim(claim, sources.loc[claim["source_id"]] if claim["source_id"] in sources.index else None)
        rows = cache.get_citing_rows(dataset, column="claim_id", value=claim["claim_id"])
        label = (
            f"{len(rows)} data row{'s' if len(rows) != 1 else ''} rest on this claim"
            if len(rows)
            else "Context: no data row cites it"  # short enough for a card at 1024 px
        )
        st.page_link(
            "pages/sources.py", label=label, icon=":material/arrow_forward:", query_params={"claim": claim["claim_id"]}
        )

st.header("What changed since the report")
counts = standing_counts(standings)
st.caption(
    f"Each key finding checked against later records, through {reviewed}: "
    + " · ".join(
        f"{STANDING_LABELS.get(k, NOT_REVIEWED_LABEL)} {counts[k]}" for k in [*STANDING_LABELS, None] if k in counts
    )
    + ". Open a finding's events to follow each to its source."
)
if len(standings) > layout.LIST_CAP:
    st.caption(
        f"The first {layout.LIST_CAP} of {len(standings)} key findings; the Sources page gives every claim its "
        "standing."
    )
cards.render_finding_standings(dataset, standings.head(layout.LIST_CAP))
