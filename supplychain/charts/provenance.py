"""Small Altair charts shared by the Overview and the story mode."""

from __future__ import annotations

import altair as alt
import pandas as pd

from supplychain.charts.style import EVIDENCE_COLOURS
from supplychain.data.labels import EVIDENCE_HELP, EVIDENCE_LABELS, TABLE_LABELS
from supplychain.i18n import _
from supplychain.rules.provenance import CITED_TABLES


def evidence_counts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows per table and evidence kind: table, evidence, rows (zero counts left out)."""
    frames = [
        tables[t].groupby("evidence", observed=True).size().rename("rows").reset_index().assign(table=t)
        for t in CITED_TABLES
    ]
    out = pd.concat(frames, ignore_index=True)
    return out[out["rows"] > 0][["table", "evidence", "rows"]]


def evidence_chart(tables: dict[str, pd.DataFrame], *, row_px: int = 30) -> alt.Chart:
    """Stacked bars: for each table, how many rows rest on the report, official records, press, references or
    estimates."""
    counts = evidence_counts(tables).assign(
        table_label=lambda f: f["table"].map(TABLE_LABELS),
        evidence_label=lambda f: f["evidence"].map(EVIDENCE_LABELS),
        meaning=lambda f: f["evidence"].map(EVIDENCE_HELP),
    )
    order = list(EVIDENCE_COLOURS)
    return (
        alt.Chart(counts, height=alt.Step(row_px))
        .mark_bar()
        .encode(
            y=alt.Y(
                "table_label:N",
                title=None,
                sort=[TABLE_LABELS[t] for t in CITED_TABLES],
                axis=alt.Axis(labelFontSize=13, labelLimit=220),
            ),
            x=alt.X("rows:Q", title=_("Rows"), axis=alt.Axis(labelFontSize=12, titleFontSize=13)),
            color=alt.Color(
                "evidence_label:N",
                title=_("What the row rests on"),
                sort=[EVIDENCE_LABELS[k] for k in order],
                scale=alt.Scale(domain=[EVIDENCE_LABELS[k] for k in order], range=[EVIDENCE_COLOURS[k] for k in order]),
                legend=alt.Legend(orient="bottom", columns=3, labelFontSize=12, titleFontSize=13, labelLimit=260),
            ),
            order=alt.Order("evidence:N"),
            tooltip=[
                alt.Tooltip("table_label:N", title=_("Table")),
                alt.Tooltip("evidence_label:N", title=_("Evidence")),
                alt.Tooltip("rows:Q", title=_("Rows")),
                alt.Tooltip("meaning:N", title=_("Meaning")),
            ],
        )
    )
