"""Story mode's own drawings: visuals read from the back of a room, built from the same rows as the pages."""

from __future__ import annotations

import textwrap
from collections.abc import Collection
from typing import Any

import altair as alt
import pandas as pd

from supplychain.charts.style import STANDING_COLOURS
from supplychain.data.labels import KIND_LABELS, NOT_REVIEWED_LABEL
from supplychain.data.labels import STANDING_LABELS as REVIEWED_LABELS
from supplychain.data.relation_labels import CHAIN_STAGES
from supplychain.i18n import _, current_language
from supplychain.rules.geo import short_name

# The chain in three columns a room can read: where each developer trains, whose capacity it uses, which chips.
# No model count: "9 models" beside "trained where" read as if those models were trained there, which no
# source says (the Relationships page lists the models); the rules are left to the timeline steps.
SLIDE_STAGES = ("location", "owner", "hardware")
BULLET, INDENT = (
    "• ",
    "\u2060\u00a0\u00a0\u00a0",
)  # an entity's first line; its wrapped lines (a word joiner first: Vega trims spaces)
# Type metrics for the grid's arithmetic, in em of the slide's font: the widest character width per line
# measured in Chromium (short capitalised words: 0.48 regular, 0.55 bold) with a margin, the line
# height, and cell padding.
CHAR_EM, BOLD_EM, LINE_EM = 0.52, 0.6, 1.2
PAD_X_EM, PAD_Y_EM, GAP_PX = 0.8, 0.45, 6
MAX_FONT_PX = 30  # a 1920x1080 slide stops growing here
WRAPS = range(14, 41, 2)  # wrap widths tried for long names, in characters
SENTENCE_WRAPS = range(40, 161, 5)  # wrap widths tried for the closing step's whole findings
SENTENCE_EM = 0.5  # widest line of prose in em (Source Sans averages about 0.46 em a character)
ROW_PAD_EM = 0.2  # a finding row's padding above and below: eleven findings share a 358 px slide
# A slide's visual (width, height) in px at 1024x768, 1280x720 and 1920x1080 windows (tests/test_browser_present.py).
SLIDE_VISUALS = ((864, 406), (1120, 358), (1760, 718))


def marked_name(name: str, *, inferred: bool, unverified: bool) -> str:
    """An entity's short name with what the rest of the app says of it: our inference, an owner not verified."""
    marks = ([_("our inference")] if inferred else []) + ([_("ownership not verified")] if unverified else [])
    return short_name(name) + (f" ({'; '.join(marks)})" if marks else "")


def chain_cells(chains: pd.DataFrame, *, wrap: int = 24, unverified: Collection[str] = ()) -> pd.DataFrame:
    """One row per (developer, stage) of supplychain.graph.chain_rows: the lines of text its cell shows.

    Places, owners and chips are listed by their short names (the part before any parenthesis), wrapped to
    `wrap` characters, each name bulleted when a cell lists several. A name every tie to which is the curators'
    estimate reads "(our inference)"; an owner in `unverified` (ids of companies whose ownership the data does
    not know) reads "(ownership not verified)", as the standings say of the report's landlords.
    """
    rows = []
    inferred = chains.groupby(["developer_id", "stage", "entity_id"])["evidence"].agg(
        lambda e: bool(len(e)) and all(v == "estimate" for v in e)
    )
    firsts = chains.drop_duplicates(["developer_id", "stage", "entity_id"])
    unverified = set(unverified)
    for dev, part in firsts.groupby("developer_id", sort=False):
        name = part["developer_name"].iloc[0]
        for stage in SLIDE_STAGES:
            members = part[part["stage"] == stage]
            names = [
                marked_name(
                    entity,
                    inferred=bool(inferred[(dev, stage, entity_id)]),
                    unverified=stage == "owner" and entity_id in unverified,
                )
                for entity, entity_id in zip(members["entity_name"], members["entity_id"])
            ]
            several = len(names) > 1
            lines = []
            for entity in names:
                wrapped = textwrap.wrap(entity, wrap, break_long_words=False) or [entity]
                if several:
                    wrapped = [BULLET + wrapped[0], *(INDENT + line for line in wrapped[1:])]
                lines.extend(wrapped)
            kind = members["kind"].iloc[0] if len(members) else "company"
            rows.append(
                {
                    "developer_id": dev,
                    "developer": name,
                    "stage": CHAIN_STAGES[stage],
                    "lines": "\n".join(lines) or _("none stated"),
                    "kind": KIND_LABELS[kind],
                    "stated": bool(lines),
                }
            )
    return pd.DataFrame(rows)


def _chars(text: str, em: float) -> float:
    """A text's widest line in em."""
    return max(len(line) for line in text.split("\n")) * em


def chain_grid(cells: pd.DataFrame) -> tuple[pd.DataFrame, float, float]:
    """The grid's geometry as fractions of the chart (0-1 across, 0-1 down), and the font-size limits.

    Returns (boxes, per_width, per_height): one box per header, developer name and cell, with its
    text, its tile (x0, x1, y0, y1) and where its text starts (tx, ty: its top left corner).
    Columns are as wide as their widest line, rows as tall as their most-lined cell, so every text
    fits its tile when the font is at most per_width * chart width and per_height * chart height
    (the chart draws min(MAX_FONT_PX, both) with Vega expressions, so it holds at any window size).
    """
    stages = [CHAIN_STAGES[s] for s in SLIDE_STAGES]
    developers = list(dict.fromkeys(cells["developer"]))
    text = cells.set_index(["developer", "stage"])["lines"]
    widths = [max(_chars(d, BOLD_EM) for d in developers)] + [
        max([_chars(s, BOLD_EM)] + [_chars(text[(d, s)], CHAR_EM) for d in developers]) for s in stages
    ]
    widths = [w + 2 * PAD_X_EM for w in widths]
    heights = [LINE_EM] + [max(t.count("\n") + 1 for t in text.loc[d]) * LINE_EM for d in developers]
    heights = [h + 2 * PAD_Y_EM for h in heights]
    xs = [sum(widths[:i]) / sum(widths) for i in range(len(widths) + 1)]
    ys = [sum(heights[:i]) / sum(heights) for i in range(len(heights) + 1)]
    boxes = []

    def box(kind: str, label: str, col: int, row: int, developer: str, stage: str) -> None:
        # Padding as a fraction of the chart: at least PAD_*_EM of the font the chart draws (which is at most
        # per_width * width and per_height * height).
        pad_x, pad_y = PAD_X_EM / sum(widths), PAD_Y_EM / sum(heights)
        boxes.append(
            {
                "part": kind,
                "text": label,
                "developer": developer,
                "stage": stage,
                "x0": xs[col],
                "x1": xs[col + 1],
                "y0": ys[row],
                "y1": ys[row + 1],
                "tx": xs[col] + pad_x,
                "ty": ys[row] + pad_y,
            }
        )

    for c, stage in enumerate(stages, start=1):
        box("header", stage, c, 0, "", stage)
    for r, developer in enumerate(developers, start=1):
        box("developer", developer, 0, r, developer, "")
        for c, stage in enumerate(stages, start=1):
            box("cell", text[(developer, stage)], c, r, developer, stage)
    return pd.DataFrame(boxes), 1 / sum(widths), 1 / sum(heights)


def _font_expr(per_width: float, per_height: float, scale: float = 1.0) -> dict[str, str]:
    return {"expr": f"{scale} * min({MAX_FONT_PX}, width * {per_width:.6f}, height * {per_height:.6f})"}


def chain_slide(chains: pd.DataFrame, *, unverified: Collection[str] = ()) -> dict[str, Any]:
    """The chain as a grid: one row per developer, one column per stage, each cell's names in large type.

    Column headers and developer names are drawn in the grid itself, never truncated. The wrap width
    for long names is the one that allows the largest type on the smallest slide; the type then
    grows with the window (Vega expressions of the chart's width and height), and each column and row
    is sized to its text, so no cell spills into its neighbour at any size. Neutral tiles: no legend needed.
    """

    def smallest_font(wrap: int) -> float:  # over the three slide sizes: the wrap that makes it largest wins
        _cells, per_width, per_height = chain_grid(chain_cells(chains, wrap=wrap, unverified=unverified))
        return min(min(MAX_FONT_PX, per_width * w, per_height * h) for w, h in SLIDE_VISUALS)

    wrap = max(WRAPS, key=smallest_font)
    boxes, per_width, per_height = chain_grid(chain_cells(chains, wrap=wrap, unverified=unverified))
    font = _font_expr(per_width, per_height)
    line_height = _font_expr(per_width, per_height, LINE_EM)
    x = alt.X("x0:Q", scale=alt.Scale(domain=[0, 1], nice=False, zero=False), axis=None)
    y = alt.Y("y0:Q", scale=alt.Scale(domain=[0, 1], nice=False, zero=False, reverse=True), axis=None)
    tiles = (
        alt.Chart(boxes[boxes["part"] == "cell"])
        .mark_rect(cornerRadius=6, color="#F3F5F7", stroke="#FFFFFF", strokeWidth=GAP_PX)
        .encode(
            x=x,
            x2="x1:Q",
            y=y,
            y2="y1:Q",
            tooltip=[
                alt.Tooltip("developer:N", title=_("Developer")),
                alt.Tooltip("stage:N", title=_("Stage")),
                alt.Tooltip("text:N", title=_("Shown")),
            ],
        )
    )
    placed = {"x": alt.X("tx:Q"), "y": alt.Y("ty:Q"), "text": alt.Text("text:N")}
    common = {"align": "left", "baseline": "top", "lineBreak": "\n", "fontSize": font, "lineHeight": line_height}
    layers = [
        tiles,
        alt.Chart(boxes[boxes["part"] == "header"])
        .mark_text(fontWeight="bold", color="#4A5059", **common)
        .encode(**placed),
        alt.Chart(boxes[boxes["part"] == "developer"])
        .mark_text(fontWeight="bold", color="#1B1F24", **common)
        .encode(**placed),
        alt.Chart(boxes[boxes["part"] == "cell"]).mark_text(color="#1B1F24", **common).encode(**placed),
    ]
    # No padding around the grid (the theme's would take type size away from a 720 px slide).
    chart = alt.layer(*layers).properties(
        width="container", height="container", padding={"top": 2, "bottom": 2, "left": 2, "right": 2}
    )
    spec = chart.configure_view(stroke=None).to_dict()
    # SVG, so a browser test can measure every drawn line against its tile (a dozen marks: no cost).
    return {**spec, "usermeta": {"embedOptions": {"renderer": "svg"}}}


def standings_grid(
    findings: list[str], labels: list[str], header: str, *, wrap: int
) -> tuple[pd.DataFrame, float, float]:
    """The closing step's geometry, as chain_grid's: one row per finding (its whole text wrapped to `wrap`
    characters, left) with its standing's tile (right), under a header over the tiles. Returns (boxes, per_width,
    per_height): a font of at most per_width * width and per_height * height fits every text in its box."""
    texts = ["\n".join(textwrap.wrap(t, wrap, break_long_words=False, break_on_hyphens=False) or [t]) for t in findings]
    text_w = max(_chars(t, SENTENCE_EM) for t in texts) + 2 * PAD_X_EM
    tag_w = max([_chars(label, CHAR_EM) for label in labels] + [_chars(header, BOLD_EM)]) + 2 * PAD_X_EM
    heights = [LINE_EM + 2 * ROW_PAD_EM] + [(t.count("\n") + 1) * LINE_EM + 2 * ROW_PAD_EM for t in texts]
    width, height = text_w + tag_w, sum(heights)
    ys = [sum(heights[:i]) / height for i in range(len(heights) + 1)]
    split = text_w / width
    pad_x, pad_y = PAD_X_EM / width, ROW_PAD_EM / height
    boxes = [{"part": "header", "row": -1, "text": header, "x0": split, "x1": 1.0, "y0": 0.0, "y1": ys[1]}]
    boxes[0].update(tx=(split + 1) / 2, ty=ys[1] / 2)
    for i, (text, label) in enumerate(zip(texts, labels)):
        y0, y1 = ys[i + 1], ys[i + 2]
        boxes.append({"part": "finding", "row": i, "text": text, "x0": 0.0, "x1": split, "y0": y0, "y1": y1})
        boxes[-1].update(tx=pad_x, ty=y0 + pad_y)
        boxes.append({"part": "tag", "row": i, "text": label, "x0": split, "x1": 1.0, "y0": y0, "y1": y1})
        boxes[-1].update(tx=(split + 1) / 2, ty=(y0 + y1) / 2)
    return pd.DataFrame(boxes), 1 / width, 1 / height


def standings_slide(standings: pd.DataFrame) -> dict[str, Any]:
    """The closing step: each key finding, whole (in the report's order), with its standing today as a coloured
    tile that names it (from supplychain.standings.finding_standings).

    Drawn as a grid of text, like the chain step: each finding's whole sentence wrapped to the width that gives the
    largest type on the smallest slide, the type then growing with the window (Vega expressions of the chart's
    width and height), so no finding is shortened or cut at any size."""

    # finding_standings gives None for a finding the curators have not reviewed yet: a tile of its own.
    STANDING_LABELS = {**REVIEWED_LABELS, "not_reviewed": _(NOT_REVIEWED_LABEL)}
    standing = standings["standing"].fillna("not_reviewed")
    # A Polish audience sees each finding in the report's own Polish words, never a back-translation.
    findings = [str(t) for t in standings["quote_pl" if current_language() == "pl" else "text_en"]]
    labels = [STANDING_LABELS[s] for s in standing]
    header = _("Standing today")

    def smallest_font(wrap: int) -> float:
        _boxes, per_width, per_height = standings_grid(findings, labels, header, wrap=wrap)
        return min(min(MAX_FONT_PX, per_width * w, per_height * h) for w, h in SLIDE_VISUALS)

    wrap = max(SENTENCE_WRAPS, key=smallest_font)
    boxes, per_width, per_height = standings_grid(findings, labels, header, wrap=wrap)
    rows = pd.DataFrame(
        {
            "row": range(len(standings)),
            "standing_label": labels,
            "finding_en": list(standings["text_en"]),
            "summary": list(standings["summary_en"].fillna(_("Not reviewed against later records yet."))),
            "later_events": list(standings["n_events"]),
        }
    )
    boxes = boxes.merge(rows, on="row", how="left")
    order = list(STANDING_LABELS)
    font = _font_expr(per_width, per_height)
    line_height = _font_expr(per_width, per_height, LINE_EM)
    x = alt.X("x0:Q", scale=alt.Scale(domain=[0, 1], nice=False, zero=False), axis=None)
    y = alt.Y("y0:Q", scale=alt.Scale(domain=[0, 1], nice=False, zero=False, reverse=True), axis=None)
    tiles = (
        alt.Chart(boxes[boxes["part"] == "tag"])
        .mark_rect(cornerRadius=6, stroke="#FFFFFF", strokeWidth=GAP_PX)
        .encode(
            x=x,
            x2="x1:Q",
            y=y,
            y2="y1:Q",
            # No legend: each tile names its standing in words.
            fill=alt.Fill(
                "standing_label:N",
                scale=alt.Scale(domain=[STANDING_LABELS[s] for s in order], range=[STANDING_COLOURS[s] for s in order]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("finding_en:N", title=_("Finding")),
                alt.Tooltip("standing_label:N", title=_("Standing")),
                alt.Tooltip("summary:N", title=_("What changed")),
                alt.Tooltip("later_events:Q", title=_("Later events")),
            ],
        )
    )
    placed = {"x": alt.X("tx:Q"), "y": alt.Y("ty:Q"), "text": alt.Text("text:N")}
    common = {"lineBreak": "\n", "fontSize": font, "lineHeight": line_height}
    layers = [
        tiles,
        alt.Chart(boxes[boxes["part"] == "finding"])
        .mark_text(align="left", baseline="top", color="#1B1F24", **common)
        .encode(**placed),
        alt.Chart(boxes[boxes["part"] == "tag"])
        .mark_text(align="center", baseline="middle", color="#1B1F24", **common)
        .encode(**placed),
        alt.Chart(boxes[boxes["part"] == "header"])
        .mark_text(align="center", baseline="middle", fontWeight="bold", color="#4A5059", **common)
        .encode(**placed),
    ]
    chart = alt.layer(*layers).properties(
        width="container", height="container", padding={"top": 2, "bottom": 2, "left": 2, "right": 2}
    )
    spec = chart.configure_view(stroke=None).to_dict()
    return {**spec, "usermeta": {"embedOptions": {"renderer": "svg"}}}  # SVG: a test measures every line
