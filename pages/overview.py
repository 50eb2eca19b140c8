"""Overview: the report's story on one screen, with the evidence one click away."""

import streamlit as st

from supplychain.app import cache, cards, guard, layout, markdown, release_view, slides
from supplychain.data import routes
from supplychain.data.dates import format_date
from supplychain.data.labels import EVIDENCE_LABELS, NOT_REVIEWED_LABEL, STANDING_LABELS, TABLE_LABELS
from supplychain.i18n import _
from supplychain.rules.provenance import evidence_mix, headline_counts
from supplychain.rules.standings import finding_standings, standing_counts
from supplychain.rules.story import causal_events

dataset = guard.require_dataset()
tables = dataset.tables

st.title(_("How China's AI leaders reach Nvidia chips: train abroad, or stockpile at home"))
st.markdown(
    _(
        "On **27 November 2025** the *Financial Times* reported, from people it does not name, that "
        "**Alibaba** and **ByteDance** train their newest large language models in **leased, "
        "non-Chinese-owned data centres in Southeast Asia** (Singapore, Malaysia) to use Nvidia chips, "
        "after the US restricted the China-only **H20** in April 2025 and the Biden-era **AI diffusion "
        "rule** was, in its words, repealed (the US stopped enforcing it in May 2025; it was never "
        "formally withdrawn). **DeepSeek** is the exception: it trains at home on **Nvidia chips "
        "stockpiled** before the bans and works with **Huawei** on Chinese chips."
    )
)
# A wrapping row, not fixed columns: at 1024 px the button drops under the text instead of being cut.
head = st.container(horizontal=True, vertical_alignment="center", gap="medium")
about = head.container(width="stretch")
reviewed = format_date(dataset.reviewed_through or None)
about.markdown(
    _(
        "**Record reviewed through {reviewed}**: events after that date may be missing. "
        "[Each finding and where it stands today](#what-the-report-says-and-where-it-stands-today)"
    ).format(reviewed=reviewed)
)
release_view.render_whats_new(dataset, head)  # one button: the version's changes, then the list, on demand
slides.render_story_link(head, width="content")

counts = headline_counts(tables)
SHORT = {
    "companies": _("Organisations"),
    "models": _("AI models"),
    "chips": _("Chips"),
    "locations": _("Places"),
    "policies": _("Measures"),
    "events": _("Events"),
    "relationships": _("Relationships"),
    "claims": _("Report claims"),
    "sources": _("Sources"),
}
tiles = st.container(horizontal=True, gap="small")  # tiles wrap onto more rows in a narrow window, labels whole
for table in counts:
    tiles.metric(
        SHORT[table],
        counts[table],
        help=_("Rows in {table}.csv ({table_labels}); open them on the Data page").format(
            table=table, table_labels=TABLE_LABELS[table]
        ),
        border=True,
        width=layout.TILE_WIDTH,
    )

mix = evidence_mix(tables)
st.caption(
    _("What the rows rest on: ")
    + " · ".join(f"{EVIDENCE_LABELS[k]}: {mix.get(k, 0)}" for k in EVIDENCE_LABELS)
    + _(". Most of the report's statements come from anonymous sources and are marked so.")
)

st.header(_("The chain of events"))
chain = causal_events(tables["events"])  # in the order the Timeline numbers them
if len(chain) > layout.ROW_CAP:
    st.caption(
        _("The first {row_cap} of {n} steps; the timeline numbers every one.").format(
            row_cap=layout.ROW_CAP, n=len(chain)
        )
    )
    chain = chain.head(layout.ROW_CAP)
steps = st.container(horizontal=True, gap="small")  # cards wrap 2 + 2 at 1024 px instead of cutting their tags
for _row, event in chain.iterrows():
    with steps.container(border=True, width=layout.CARD_WIDTH):
        st.markdown(f"**{format_date(event['date'], event['date_precision'])}**")
        st.markdown(markdown.escape_md(event["title"]))
        cards.render_evidence(str(event["evidence"]))
st.page_link(
    routes.PAGE_FILES[routes.TIMELINE],
    label=_("See it on the timeline, with every chip's export status on any date"),
    icon=":material/timeline:",
)

# A fixed anchor: the link near the top points here in every language (a translated heading would get another id).
st.header(_("What the report says, and where it stands today"), anchor="what-the-report-says-and-where-it-stands-today")
findings = cache.per_version(dataset, finding_standings)
counts = standing_counts(findings.set_index("claim_id"))
st.caption(
    _("Each key finding as the report puts it, checked against later records through {reviewed}: ").format(
        reviewed=reviewed
    )
    + " · ".join(
        f"{STANDING_LABELS.get(k, _(NOT_REVIEWED_LABEL))} {counts[k]}" for k in [*STANDING_LABELS, None] if k in counts
    )
    + _(". Open a finding for its quote, the later events behind its standing and their sources.")
)
if len(findings) > layout.LIST_CAP:
    st.caption(
        _("The first {list_cap} of {n} key findings; the Sources page gives every claim its standing.").format(
            list_cap=layout.LIST_CAP, n=len(findings)
        )
    )
cards.render_findings(dataset, findings.head(layout.LIST_CAP))
