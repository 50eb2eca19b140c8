"""What every page starts with: the checked dataset or the problems list, and the Timeline setup."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from supplychain.app import cache
from supplychain.data import dates
from supplychain.data.load import Dataset
from supplychain.data.problems import LoadWarning, Problem
from supplychain.i18n import _, ngettext
from supplychain.rules.timeline import timeline_bounds


def render_problems(problems: list[Problem]) -> None:
    """Show why the data could not be loaded, one line per problem, instead of a broken page."""
    st.error(
        ngettext(
            "The data did not pass its checks ({n} problem). Nothing is shown until it is fixed: a "
            "half-checked table could state a wrong fact.",
            "The data did not pass its checks ({n} problems). Nothing is shown until they are fixed: a "
            "half-checked table could state a wrong fact.",
            len(problems),
        ).format(n=len(problems)),
        icon=":material/error:",
    )
    # The sentence is in the reader's language; file, column and the value found are the data's own.
    file, row, line, column, found, expected = (
        _("File"),
        _("Row"),
        _("Line"),
        _("Column"),
        _("Found"),
        _("Expected"),
    )
    frame = pd.DataFrame(
        [
            {
                file: p.file,
                row: None if p.line in (None, 1) else p.line - 1,  # line 1 is the header
                line: p.line,
                column: p.column or "",
                found: p.value or "",
                expected: p.describe(),
            }
            for p in problems
        ],
        columns=[file, row, line, column, found, expected],
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            row: st.column_config.NumberColumn(help=_("Data row, counting from 1 below the header")),
            line: st.column_config.NumberColumn(help=_("Line in the file (the header is line 1)")),
        },
    )
    st.caption(
        _(
            "Fix the rows in `data/`, or see README › 'Add or correct a row'. The page reloads the data when "
            "a file changes."
        )
    )


def render_load_warnings(warnings: list[LoadWarning]) -> None:
    """A small, closed notice of what the loader tolerated (a BOM, CRLF, a helper column): the data loaded."""
    if not warnings:
        return
    with st.expander(
        ngettext(
            "The data loaded, with {n} note on how its files were saved",
            "The data loaded, with {n} notes on how its files were saved",
            len(warnings),
        ).format(n=len(warnings)),
        icon=":material/warning:",
    ):
        frame = pd.DataFrame(
            [{_("File"): w.file, _("Column"): w.column or "", _("What was done"): w.describe()} for w in warnings]
        )
        st.dataframe(frame, hide_index=True, width="stretch")
        st.caption(
            _("Nothing here changes a fact; re-saving the file as 'CSV UTF-8 (comma delimited)' clears these notes.")
        )


def _leave_legacy_multipage_mode() -> None:
    """Make a deep link opened first after the server starts go through the router.

    Streamlit treats an app with a `pages/` folder as a legacy multipage app until some run calls
    st.navigation, so the first session that opens /map directly would run pages/map.py alone (no
    router: file names in the sidebar, no footer, no checks). Clearing the flag and rerunning
    sends that run through dashboard.py. Checked by
    tests/test_browser.py::test_deep_link_opened_first_after_start_goes_through_the_router.
    Kept in this one function (pages call it through require_dataset) so it can go when Streamlit drops the mode.

    Why a private attribute (checked in Streamlit 1.67's source): the legacy mode is keyed only by a folder
    literally named `pages` beside the entry script (runtime/pages_manager.py, scriptrunner's _mpa_v1); no config
    option or public API turns it off, and st.navigation clears the same flag only once a run reaches it. The one
    supported way out is to give the page scripts another folder name (e.g. `views/`), which moves every page file
    while several branches edit them: a one-commit `git mv` for the lead after the merges, then this function goes.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def require_dataset() -> Dataset:
    """The checked dataset, or (if a file changed and now fails its checks) the problems and a stop.

    The dataset is the one the router loaded for this run (cache.run_dataset): a file saved after the router
    looked cannot make the page draw another version; the next run picks the change up.
    """
    _leave_legacy_multipage_mode()
    dataset = cache.run_dataset()
    if not dataset.ok:
        render_problems(dataset.problems)
        st.stop()
    return dataset


DATE_LOW, DATE_HIGH = dates.DATE_LOW, dates.DATE_HIGH  # pages read the bounds here, beside the data guard


class TimelineSetup(NamedTuple):
    """What the Timeline and Export status pages start from."""

    dataset: Dataset
    items: pd.DataFrame  # timeline items (supplychain.timeline)
    start: pd.Timestamp  # first and last day the items reach
    end: pd.Timestamp
    report_day: pd.Timestamp  # the day of the report
    reviewed: pd.Timestamp  # the record is reviewed through this day (or the data's as-of day)


def require_timeline() -> TimelineSetup:
    """The checked dataset (see require_dataset), its timeline items, their span, the report's day and the
    reviewed-through day: the shared opening of the pages that place things on a time axis."""
    dataset = require_dataset()
    items = cache.get_timeline_items(dataset)
    start, end, report_day = timeline_bounds(items, dataset.as_of)
    reviewed = pd.Timestamp(dataset.reviewed_through or dataset.as_of)
    return TimelineSetup(dataset, items, start, end, report_day, reviewed)
