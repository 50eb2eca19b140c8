"""Story mode's own drawings: visuals read from the back of a room, built from the same rows as the pages."""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import pandas as pd

from supplychain.geo import short_name
from supplychain.style import CHAIN_STAGES, KIND_LABELS

# The chain in four columns a room can read: the models are counted, not listed (the Relationships
# page lists them), and the rules are left to the timeline steps.
SLIDE_STAGES = ("model", "location", "owner", "hardware")
CELL_CHARS = 22  # characters per line in a cell: fits a fifth of a 1024 px slide at 20 px


def chain_cells(chains: pd.DataFrame) -> pd.DataFrame:
    """One row per (developer, stage) of supplychain.graph.chain_rows: the lines of text its cell shows.

    Models become a count with the newest names' family ("7 models"); places, owners and chips are
    listed by their short names (the part before any parenthesis), wrapped to CELL_CHARS.
    """
    rows = []
    firsts = chains.drop_duplicates(["developer_id", "stage", "entity_id"])
    for dev, part in firsts.groupby("developer_id", sort=False):
        name = part["developer_name"].iloc[0]
        for stage in SLIDE_STAGES:
            members = part[part["stage"] == stage]
            if stage == "model":
                lines = [f"{len(members)} model{'s' if len(members) != 1 else ''}"] if len(members) else []
            else:
                lines = [
                    line
                    for entity in members["entity_name"]
                    for line in textwrap.wrap(short_name(entity), CELL_CHARS, break_long_words=False)
                ]
            kind = members["kind"].iloc[0] if len(members) else "company"
            rows.append(
                {
                    "developer_id": dev,
                    "developer": name,
                    "stage": CHAIN_STAGES[stage],
                    "lines": "\n".join(lines) or "none stated",
                    "kind": KIND_LABELS[kind],
                    "stated": bool(lines),
                }
            )
    return pd.DataFrame(rows)


def chain_slide(chains: pd.DataFrame) -> dict[str, Any]:
    """The chain as a grid: one row per developer, one column per stage, each cell's names in large type.

    Column headers sit on top in full (no truncation) and say what each cell holds, so no colour
    needs a legend. Width and height follow the slide.
    """
    cells = chain_cells(chains)
    stages = [CHAIN_STAGES[s] for s in SLIDE_STAGES]
    base = alt.Chart(cells).encode(
        x=alt.X(
            "stage:N",
            sort=stages,
            title=None,
            axis=alt.Axis(
                orient="top",
                labelAngle=0,
                labelFontSize=20,
                labelFontWeight="bold",
                labelLimit=0,
                labelOverlap=False,
                domain=False,
                ticks=False,
                labelPadding=10,
            ),
        ),
        y=alt.Y(
            "developer:N",
            sort=list(dict.fromkeys(cells["developer"])),
            title=None,
            axis=alt.Axis(
                labelFontSize=22, labelFontWeight="bold", labelLimit=0, domain=False, ticks=False, labelPadding=10
            ),
        ),
    )
    tiles = base.mark_rect(cornerRadius=6, color="#F3F5F7", stroke="#FFFFFF", strokeWidth=6).encode(
        tooltip=[alt.Tooltip("developer:N", title="Developer"), alt.Tooltip("stage:N", title="Stage")],
    )
    text = base.mark_text(fontSize=20, lineHeight=26, lineBreak="\n", color="#1B1F24").encode(text="lines:N")
    chart = alt.layer(tiles, text).properties(width="container", height="container")
    return chart.configure_view(stroke=None).to_dict()


def standings_slide(standings: pd.DataFrame) -> dict[str, Any]:
    """The closing step: each key finding (one line, in the report's order) with its standing today as a
    coloured tile, every standing named in the legend (from supplychain.standings.finding_standings)."""
    from supplychain.style import NOT_REVIEWED_LABEL, STANDING_COLOURS
    from supplychain.style import STANDING_LABELS as REVIEWED_LABELS

    # finding_standings gives None for a finding the curators have not reviewed yet: a tile of its own.
    STANDING_LABELS = {**REVIEWED_LABELS, "not_reviewed": NOT_REVIEWED_LABEL}
    standing = standings["standing"].fillna("not_reviewed")
    standings = standings.assign(
        standing=standing, standing_label=standing.map(STANDING_LABELS), later_events=standings["n_events"]
    )
    frame = standings.assign(
        finding=[textwrap.shorten(t, 64, placeholder="…") for t in standings["text_en"]],
        column="Standing today",
        summary=standings["summary_en"].fillna("Not reviewed against later records yet."),
    )
    order = list(STANDING_LABELS)
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "finding:N",
            sort=list(frame["finding"]),
            title=None,
            axis=alt.Axis(
                labelFontSize=17, labelLimit=0, labelOverlap=False, domain=False, ticks=False, labelPadding=12
            ),
        ),
        x=alt.X(
            "column:N",
            title=None,
            axis=alt.Axis(
                orient="top",
                labelFontSize=18,
                labelAngle=0,
                labelLimit=0,
                domain=False,
                ticks=False,
                labelFontWeight="bold",
            ),
        ),
        tooltip=[
            alt.Tooltip("text_en:N", title="Finding"),
            alt.Tooltip("standing_label:N", title="Standing"),
            alt.Tooltip("summary:N", title="What changed"),
            alt.Tooltip("later_events:Q", title="Later events"),
        ],
    )
    tiles = base.mark_rect(
        cornerRadius=6, stroke="#FFFFFF", strokeWidth=4
    ).encode(
        fill=alt.Fill(
            "standing_label:N",
            title="Standing today",
            scale=alt.Scale(domain=[STANDING_LABELS[s] for s in order], range=[STANDING_COLOURS[s] for s in order]),
            legend=alt.Legend(
                orient="bottom",
                direction="horizontal",
                labelFontSize=17,
                titleFontSize=17,
                symbolSize=300,
                labelLimit=0,
                columns=2,  # the legend starts under the plot, right of the long finding labels: 3 columns cut at 1024 px
            ),
        )
    )
    text = base.mark_text(fontSize=16, color="#1B1F24").encode(text="standing_label:N")
    chart = alt.layer(tiles, text).properties(width="container", height="container")
    return chart.configure_view(stroke=None).to_dict()
