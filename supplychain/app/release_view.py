"""How current the record is and what changed in this release: the reach line with its coverage table, the
"What's new" section of the Overview, and when a row was added and last changed (profiles, Data page)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from supplychain.app.corrections import render_table
from supplychain.app.markdown import escape_md
from supplychain.data.dates import format_date
from supplychain.data.entities import LINK_DISPLAY, row_link
from supplychain.data.labels import CHANGE_KIND_LABELS
from supplychain.data.load import Dataset
from supplychain.data.release import RELEASE_TABLES
from supplychain.i18n import _
from supplychain.rules.coverage import coverage_table, reach_sentence, topic_column
from supplychain.rules.releases import change_counts, release_changes, release_date, row_histories, row_history

WHATS_NEW_CAP = 200  # rows of the change table drawn at once; the download holds every change


def render_reach(dataset: Dataset, container: Any = st) -> None:
    """The record's reach in one line, and the coverage table one click away (a popover beside it)."""
    row = container.container(horizontal=True, vertical_alignment="center", gap="small")
    row.caption(escape_md(reach_sentence(dataset.tables)))
    with row.popover(_("Coverage by topic"), icon=":material/calendar_month:"):
        render_coverage_list(dataset)


def render_coverage_list(dataset: Dataset) -> None:
    """The coverage table as a short list (topic, reviewed through, where the material stops), for a popover;
    text, not a table widget, so a page's own tables stay its last ones. The full table is on the Sources page."""
    frame = coverage_table(dataset.tables)
    if frame.empty:
        st.caption(_("This package has no coverage table."))
        return
    lines = []
    names = frame[topic_column(frame)]
    for name, topic in zip(names, frame.itertuples(index=False)):
        line = _("**{topic}**: reviewed through {date}").format(
            topic=escape_md(name), date=format_date(topic.reviewed_through)
        )
        stops = getattr(topic, "material_stops", None)
        if stops is not None and not pd.isna(stops):
            line += _("; stored material stops {date}").format(date=format_date(stops))
        lines.append(f"- {line}")
    st.markdown("\n".join(lines))
    st.caption(_("The earliest date is the record's reach. What was searched, month by month: Sources › Method."))


def render_coverage_table(dataset: Dataset) -> None:
    """Every topic with the date it is reviewed through, what was searched and where the material stops."""
    frame = coverage_table(dataset.tables)
    if frame.empty:
        st.caption(_("This package has no coverage table."))
        return
    st.caption(_("The record's reach is the earliest of these dates. The month-by-month log is in review_log.csv."))
    frame = frame.assign(topic=frame[topic_column(frame)])
    columns = [
        c
        for c in ("topic", "reviewed_through", "material_stops", "last_item", "open_items", "searched", "note")
        if c in frame.columns
    ]
    render_table(
        frame[columns],
        row_ids=[f"coverage:{t}" for t in frame["topic_id"]],
        what=_("the coverage table"),
        key="coverage_table",
        url_path="sources",
        package=dataset.package,
        hide_index=True,
        width="stretch",
        placeholder="–",
        column_config={
            "topic": st.column_config.TextColumn(_("Topic")),
            "reviewed_through": st.column_config.DateColumn(_("Reviewed through"), format="D MMM YYYY"),
            "material_stops": st.column_config.DateColumn(_("Stored material stops"), format="D MMM YYYY"),
            "last_item": st.column_config.TextColumn(_("Last item found")),
            "open_items": st.column_config.TextColumn(_("Scheduled, outcome unknown")),
            "searched": st.column_config.TextColumn(_("What was searched")),
            "note": st.column_config.TextColumn(_("How far the review got")),
        },
    )


def change_rows(changes: pd.DataFrame) -> pd.DataFrame:
    """The change list as shown: a link to the row and to its source, the change, its fields, the old value."""
    rows = changes.reset_index(drop=True)
    return pd.DataFrame(
        {
            "row": [row_link(t, r) for t, r in zip(rows["table"], rows["row_id"])],
            "table": rows["table"],
            "change": [_(CHANGE_KIND_LABELS.get(str(kind), str(kind))) for kind in rows["change"]],
            "fields": rows["fields"],
            "old_value": rows["old_value"],
            "why": rows["why"],
            "source": rows["source_id"].map(lambda s: row_link("sources", s), na_action="ignore"),
        }
    )


def render_whats_new(dataset: Dataset, container: Any = st) -> None:
    """'What's new in <version>': one button beside the Overview's opening lines; it opens the version's date and
    the count of each kind of change, then every change, linked to its row and source (a correction shows its old
    value, so whoever cited it knows what it was). One button, so the Overview stays under about 2,500 px."""
    version = dataset.version
    changes = release_changes(dataset.tables, version)
    built = release_date(dataset.tables, version)
    when = format_date(built) if built is not None else _("date unknown")
    # Corrections first (whoever cited the old value needs them most), then removals, changes and additions. The
    # list is built only when the popover opens (a closed one's table would still cost every visit;
    # docs/performance.md).
    box = container.popover(
        _("What's new in {version}").format(version=escape_md(version)),
        icon=":material/history:",
        key="whats_new_open",
        on_change="rerun",
    )
    if changes.empty:
        box.caption(
            _("Version {version} ({when}): no row changed since the previous release.").format(
                version=version, when=when
            )
        )
        return
    counts = change_counts(changes)
    box.markdown(
        _("What's new in version {version} ({when}): ").format(version=escape_md(version), when=when)
        + " · ".join(f"{count} {_(CHANGE_KIND_LABELS[kind])}" for kind, count in counts.items() if count)
    )
    if not box.open:
        return
    order = {"corrected": 0, "removed": 1, "changed": 2, "added": 3}
    ranked = changes.sort_values("change", key=lambda c: c.map(order).fillna(len(order)), kind="stable")
    if (changes["change"] == "corrected").any():
        box.caption(_("Corrections show the value they replaced: if you cited it, the old value is in the table."))
    render_table(
        change_rows(ranked.head(WHATS_NEW_CAP)),
        row_ids=[f"{t}:{r}" for t, r in zip(ranked["table"].head(WHATS_NEW_CAP), ranked["row_id"])],
        what=_("the change list of {version}").format(version=version),
        key="whats_new_table",
        url_path="",
        package=dataset.package,
        container=box,
        hide_index=True,
        width="stretch",
        placeholder="–",
        column_config={
            "row": st.column_config.LinkColumn(_("Row"), display_text=LINK_DISPLAY),
            "table": st.column_config.TextColumn(_("Table")),
            "change": st.column_config.TextColumn(_("Change")),
            "fields": st.column_config.TextColumn(_("Fields")),
            "old_value": st.column_config.TextColumn(_("Old value")),
            "why": st.column_config.TextColumn(_("Why")),
            "source": st.column_config.LinkColumn(_("Source"), display_text=LINK_DISPLAY),
        },
    )
    if len(changes) > WHATS_NEW_CAP:
        box.caption(
            _("The first {shown} of {total} changes; every change is in changes.csv (Data page).").format(
                shown=WHATS_NEW_CAP, total=len(changes)
            )
        )


def history_words(tables: dict[str, pd.DataFrame], history: dict[str, str]) -> str:
    """'Added in 1.1.0 (5 Dec 2026) · last changed in 1.2.0 (…)' for one row; plain text."""

    def dated(version: str) -> str:
        built = release_date(tables, version)
        return f"{version} ({format_date(built)})" if built is not None else version

    if not history["added"]:
        return ""
    words = _("Added in {release}").format(release=dated(history["added"]))
    words += " · " + (
        _("last changed in {release}").format(release=dated(history["changed"]))
        if history["changed"]
        else _("not changed since")
    )
    return words


def render_row_history(dataset: Dataset, table: str, row_id: str) -> None:
    """One caption on a profile: the release the row was added in and the one it last changed in."""
    words = history_words(dataset.tables, row_history(dataset.tables, table, row_id))
    if words:
        st.caption(escape_md(words))


def with_row_history(dataset: Dataset, table: str, frame: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """`frame` (rows of `table`, keyed by `ids` in the same order) with 'Added in' and 'Last changed in' columns."""
    if table in RELEASE_TABLES:  # the release's own bookkeeping: a row there is not data that was added
        return frame
    history = row_histories(dataset.tables, table, list(ids))
    return frame.assign(**{_("Added in"): list(history["added"]), _("Last changed in"): list(history["changed"])})
