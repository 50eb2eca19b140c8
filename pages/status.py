"""Export status: could each chip be sold to China on a chosen day, in plain words, with the deciding measure and
source."""

import pandas as pd
import streamlit as st

from supplychain.app import cache, guard, handouts, layout, status_sections, status_view, urlbind
from supplychain.data.dates import STATUS_DATE_NOTE, format_date
from supplychain.data.entities import names_by_id
from supplychain.data.status_labels import STATUS_LABELS
from supplychain.i18n import _, ngettext
from supplychain.rules.status import chips_status_on, measure_windows
from supplychain.rules.status_answers import date_presets, status_answers

LOW, HIGH = guard.DATE_LOW, guard.DATE_HIGH
dataset, items, full_start, full_end, report_day, reviewed = guard.require_timeline()
tables = dataset.tables
windows = cache.per_version(dataset, measure_windows)
today = pd.Timestamp.now(tz="UTC").tz_localize(None).normalize()  # the real today, offered with its caveat
presets = date_presets(windows, report_day=report_day, reviewed_through=reviewed, today=today)
names = names_by_id(cache.get_relations(dataset)[0])


def _jump() -> None:
    label = st.session_state["status_preset"]
    if label is not None:
        day = dict(presets)[label]
        urlbind.set_url_value("asof", day.date().isoformat())  # kept even when it is the default: links stay put
        st.session_state["status_preset"] = None  # the menu is a jump, not a setting: it clears itself


st.title(_("Could each chip be sold to China?"))
# Two controls side by side (at most 760 px wide), the note under them at full width: a third, narrow column
# for the note stood 16 lines tall at 1024 px and pushed the answers below the fold.
top = st.container(width=760).columns([1.2, 2.8], vertical_alignment="bottom")
day = pd.Timestamp(
    urlbind.url_day(
        _("Day (YYYY-MM-DD)"),
        key="asof",
        default=reviewed.date(),
        min_value=LOW,
        max_value=HIGH,
        container=top[0],
        help=_(
            "Type a day and press Enter. In a link: asof=YYYY-MM-DD. Without one, the day the record has been "
            "reviewed through."
        ),
    )
)
top[1].selectbox(
    _("Jump to"),
    list(dict(presets)),
    index=None,
    key="status_preset",
    on_change=_jump,
    placeholder=_("Report date, reviewed-through date, a measure…"),  # fits at 1024 px; the list says before / after
)
st.caption(
    _(
        "Opens on **{reviewed}**, the day the record has been reviewed through (later measures may exist but are "
        "not in the data yet); the report is of **{report}**. The latest measure in force decides."
    ).format(reviewed=format_date(reviewed), report=format_date(report_day))
    + " "
    + _(STATUS_DATE_NOTE)
)

status = cache.per_version(dataset, chips_status_on, str(day.date()))  # once per data version and day
counts = status["status"].value_counts()
st.header(_("On {day}").format(day=format_date(day)))
st.caption(
    " · ".join(
        f"{STATUS_LABELS[s]}: " + ngettext("{n} chip", "{n} chips", int(counts[s])).format(n=counts[s])
        for s in STATUS_LABELS
        if s in counts
    )
)
# A long list of chips (a year of curation, or the 100x bench) answers and draws the first ones, with a switch.
chips = tables["chips"]
every_chip = len(chips) <= layout.LINK_CAP or st.toggle(
    _("Answer for all {n} chips (the first {shown} are shown; the table below has all)").format(
        n=len(chips), shown=layout.LINK_CAP
    ),
    key="status_all",
)
shown_ids = tuple(chips["chip_id"] if every_chip else chips["chip_id"].head(layout.LINK_CAP))
chip_names = dict(zip(chips["chip_id"], chips["name"]))
one = urlbind.url_selectbox(
    _("Answer for one chip"),
    list(chip_names),
    key="chip",
    index=None,
    format_func=chip_names.get,
    placeholder=_("Every chip"),
    container=st.container(width=380),
    help=_("Choose a chip to see its answer alone. In a link: chip=<chip id>."),
)
answered = (one,) if one else shown_ids  # the strip below keeps every chip shown, so one answer reads in context
answers = status_answers(status[status["chip_id"].isin(answered)], tables["sources"], day, reviewed_through=reviewed)
status_view.render_answers(answers, package=dataset.package)
strip_view = status_sections.StripView(day, (full_start, full_end), reviewed, shown_ids, every_chip, names)
strip = status_sections.render_strip(dataset, status, strip_view)  # its spec: built when opened or for the handout
status_link = layout.current_link("status")  # read now: the PDF is built after this run, outside it
handouts.render_view_pdf(
    lambda: handouts.status_handout(dataset, day=format_date(day), spec=strip(), answers=answers, link=status_link),
    what=f"chip_status_{day.date()}",
    as_of=dataset.as_of,
)
status_sections.render_answers_table(dataset, status, day=day, names=names)
status_sections.render_compare(dataset, report_day=report_day, reviewed=reviewed)
