"""Export status page sections below the answers: the strip of every chip over time, the answers as a table, and
two days side by side. The page (pages/status.py) lays them out in order."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from supplychain.app import byurl, cache, corrections, downloads, guard, layout, urlbind
from supplychain.app.glossary import term_help
from supplychain.app.markdown import escape_md
from supplychain.app.theme import themed
from supplychain.charts.accessibility import describe_chart
from supplychain.charts.status import build_status_strip
from supplychain.data.dates import format_date
from supplychain.data.load import Dataset
from supplychain.i18n import _
from supplychain.rules import status_words
from supplychain.rules.status_answers import (
    STATUS_TABLE_COLUMNS,
    compare_package_days,
    status_row_ids,
    status_table,
    strip_summary,
)

LOW, HIGH = guard.DATE_LOW, guard.DATE_HIGH
COMPARE_WORDS = ("chip_name", "before", "after", "changed_by")


class StripView(NamedTuple):
    """What the strip shows: the checked day (a blue line), the record's window, the day it is reviewed through
    (greyed after), the chips drawn, whether that is every chip, and their names."""

    day: pd.Timestamp
    window: tuple[pd.Timestamp, pd.Timestamp]
    reviewed: pd.Timestamp
    shown_ids: tuple[str, ...]
    every_chip: bool
    names: dict[str, str]


def strip_spec(dataset: Dataset, status: pd.DataFrame, view: StripView) -> dict[str, Any]:
    """The strip of every chip's status over the record's window, with its key (built once per data version, day
    and chip list; the page draws it when its box is open, the handout whenever it is asked for)."""
    chips, shown_ids, day = dataset.tables["chips"], view.shown_ids, view.day
    full_start, full_end = view.window
    segments = cache.get_status_segments(
        dataset, str(full_start.date()), str(full_end.date()), None if view.every_chip else shown_ids
    )
    return cache.chart_spec(
        dataset,
        "chip_status_strip",
        (str(day.date()), view.every_chip),  # the only settings the strip depends on; the rest is the data
        lambda: describe_chart(
            build_status_strip(
                segments,
                chip_order=list(chips["name"][chips["chip_id"].isin(shown_ids)]),
                start=full_start,
                end=full_end,
                asof=day,
                reviewed_through=view.reviewed,
                names=view.names,
            ),
            title=_("Export status of each chip over time"),
            summary=strip_summary(status[status["chip_id"].isin(shown_ids)], full_start, full_end, day),
        ),
    )


def render_strip(dataset: Dataset, status: pd.DataFrame, view: StripView) -> Callable[[], dict[str, Any]]:
    """The strip under its heading, in a box the reader opens (?chart=1 in a link): drawn below the answers, it
    cost a third of opening the page for readers who never scroll to it (docs/performance.md). Returns what builds
    its spec (cached), for the handout."""
    strip = partial(strip_spec, dataset, status, view)
    day, window, reviewed, every_chip = view.day, view.window, view.reviewed, view.every_chip
    st.header(_("Every chip over time") if every_chip else _("The first {n} chips over time").format(n=layout.LINK_CAP))
    box, box_open = urlbind.url_box(
        _("Show the chart: each chip's export status from {start} to {end}").format(
            start=window[0].year, end=window[1].year
        ),
        key="chart",
        icon=":material/bar_chart:",
    )
    if not box_open:
        return strip
    with box:
        st.vega_lite_chart(themed(strip()), width="stretch")
        st.caption(
            _(
                "Colour = export status to China; faded = uncertain (hover for why); black line under a chip = "
                "Chinese authorities discourage buying it (not an export restriction); blue line = {day}; grey = "
                "after {reviewed}, not yet reviewed."
            ).format(day=format_date(day), reviewed=format_date(reviewed))
        )
        downloads.render_chart_downloads(strip, what="chip_status_chart", as_of=dataset.as_of)
    return strip


def render_answers_table(dataset: Dataset, status: pd.DataFrame, *, day: pd.Timestamp, names: dict[str, str]) -> None:
    """The day's answers as a table (built when opened; rows can be sent as a correction), its downloads and address."""
    table = status_table(status, names)
    box, box_open = layout.lazy_expander(
        _("The answers on {day} as a table").format(day=format_date(day)),
        key="status_table_open",
        icon=":material/table:",
    )
    if box_open:
        # The table's rows are the status frame's, in the same order: the ids come from there.
        corrections.render_table(
            table.rename(columns=STATUS_TABLE_COLUMNS),
            row_ids=lambda rows: status_row_ids(status.iloc[rows]),
            what=status_words.correction_table_about(format_date(day)),
            key="status_table",
            url_path="status",
            package=dataset.package,
            container=box,
            selection_mode="multi-row",
            placeholder="–",
            hide_index=True,
            width="stretch",
            column_config={
                STATUS_TABLE_COLUMNS["status_label"]: st.column_config.TextColumn(
                    help=term_help(dataset, "export_licence")
                ),
                STATUS_TABLE_COLUMNS["measure_name"]: st.column_config.TextColumn(
                    help=term_help(dataset, "export_control")
                ),
            },
        )
        box.caption(status_words.correction_rows_hint())
    downloads.render_table_downloads(
        table,
        STATUS_TABLE_COLUMNS,
        label=_("Status table"),
        what=f"chip_status_{day.date()}",
        as_of=dataset.as_of,
        filtered=False,
        container=st.container(width=520),
    )
    byurl.render_address("status.csv", {"asof": [str(day.date())]}, label=_("the answers shown"))


def render_compare(dataset: Dataset, *, report_day: pd.Timestamp, reviewed: pd.Timestamp) -> None:
    """Two days side by side: which chips' answers differ, and which measure changed them."""
    # Two days side by side: which chips' answers differ, and which measure changed them. Both days are in the link.
    # The two day fields sit in a box built when opened (or when a link names a day): the answer for the default days
    # is always shown, and a visit does not pay for two more fields (docs/performance.md, fifth session).
    st.header(status_words.compare_heading())
    days_named = any(k in st.query_params for k in ("cmp_from", "cmp_to"))
    box, box_open = layout.lazy_expander(
        status_words.compare_choose(), key="cmp_open", icon=":material/date_range:", expanded=days_named
    )
    if box_open:
        compare = box.container(width=760).columns(2, vertical_alignment="bottom")
        first = pd.Timestamp(
            urlbind.url_day(
                _("Earlier day"),
                key="cmp_from",
                default=report_day.date(),
                min_value=LOW,
                max_value=HIGH,
                container=compare[0],
                help=_("Type a day and press Enter. In a link: cmp_from=YYYY-MM-DD. Without one, the report's date."),
            )
        )
        second = pd.Timestamp(
            urlbind.url_day(
                _("Later day"),
                key="cmp_to",
                default=reviewed.date(),
                min_value=LOW,
                max_value=HIGH,
                container=compare[1],
                help=_("In a link: cmp_to=YYYY-MM-DD. Without one, the day the record has been reviewed through."),
            )
        )
    else:
        first = pd.Timestamp(urlbind.url_day_unshown("cmp_from", default=report_day.date()))
        second = pd.Timestamp(urlbind.url_day_unshown("cmp_to", default=reviewed.date()))
    first, second = min(first, second), max(first, second)
    changes = cache.per_version(dataset, compare_package_days, str(first.date()), str(second.date()))
    if changes.empty:
        st.caption(status_words.compare_none(format_date(first), format_date(second)))
    else:  # lines of text, not a grid: a table here would make every visit load the grid's scripts (test_lazy_sections)
        st.markdown(
            status_words.compare_between(format_date(first), format_date(second))
            + "\n\n"
            + "\n".join(
                "- " + status_words.compare_line(*(escape_md(str(r[c])) for c in COMPARE_WORDS))
                for r in changes.to_dict("records")
            )
        )
