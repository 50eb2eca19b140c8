"""Export status: could each chip be sold to China on a chosen day, in plain words, with the deciding measure and
source."""

import pandas as pd
import streamlit as st

from supplychain.app import byurl, cache, corrections, downloads, guard, handouts, layout, status_view, urlbind
from supplychain.app.glossary import term_help
from supplychain.app.markdown import escape_md
from supplychain.app.theme import themed
from supplychain.charts.accessibility import describe_chart
from supplychain.charts.status import build_status_strip
from supplychain.data.dates import STATUS_DATE_NOTE, format_date
from supplychain.data.entities import names_by_id
from supplychain.data.status_labels import STATUS_LABELS
from supplychain.i18n import _, ngettext
from supplychain.rules import status_words
from supplychain.rules.status import measure_windows, status_on
from supplychain.rules.status_answers import (
    STATUS_TABLE_COLUMNS,
    compare_days,
    date_presets,
    status_answers,
    status_row_ids,
    status_table,
    strip_summary,
)

LOW, HIGH = guard.DATE_LOW, guard.DATE_HIGH
COMPARE_WORDS = ("chip_name", "before", "after", "changed_by")
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

status = status_on(tables["chips"], windows, day)
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
# Row by row, two answers a row: the reading and Tab order (the page's order) is the order the eye follows.
records = answers.to_dict("records")
for row in range(0, len(records), 2):
    pair = st.columns(2, gap="large")
    for column, answer in zip(pair, records[row : row + 2]):
        with column:
            status_view.render_status_answer(answer, package=dataset.package)

st.header(_("Every chip over time") if every_chip else _("The first {n} chips over time").format(n=layout.LINK_CAP))
segments = cache.get_status_segments(
    dataset, str(full_start.date()), str(full_end.date()), None if every_chip else shown_ids
)
strip = cache.chart_spec(
    dataset,
    "chip_status_strip",
    (str(day.date()), every_chip),  # the only settings the strip depends on; the rest is the data
    lambda: describe_chart(
        build_status_strip(
            segments,
            chip_order=list(chips["name"][chips["chip_id"].isin(shown_ids)]),
            start=full_start,
            end=full_end,
            asof=day,
            reviewed_through=reviewed,
            names=names,
        ),
        title=_("Export status of each chip over time"),
        summary=strip_summary(status[status["chip_id"].isin(shown_ids)], full_start, full_end, day),
    ),
)
st.vega_lite_chart(themed(strip), width="stretch")
st.caption(
    _(
        "Colour = export status to China; faded = uncertain (hover for why); black line under a chip = Chinese "
        "authorities discourage buying it (not an export restriction); blue line = {day}; grey = after {reviewed}, "
        "not yet reviewed."
    ).format(day=format_date(day), reviewed=format_date(reviewed))
)
downloads.render_chart_downloads(lambda: strip, what="chip_status_chart", as_of=dataset.as_of)
status_link = layout.current_link("status")  # read now: the PDF is built after this run, outside it
handouts.render_view_pdf(
    lambda: handouts.status_handout(dataset, day=format_date(day), spec=strip, answers=answers, link=status_link),
    what=f"chip_status_{day.date()}",
    as_of=dataset.as_of,
)
table = status_table(status, names)
box, box_open = layout.lazy_expander(
    _("The answers on {day} as a table").format(day=format_date(day)), key="status_table_open", icon=":material/table:"
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

# Two days side by side: which chips' answers differ, and which measure changed them. Both days are in the link.
st.header(status_words.compare_heading())
compare = st.container(width=760).columns(2, vertical_alignment="bottom")
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
first, second = min(first, second), max(first, second)
changes = compare_days(tables["chips"], windows, first, second)
if changes.empty:
    st.caption(status_words.compare_none(format_date(first), format_date(second)))
else:  # lines of text, not a grid: a table here would make every visit load the grid's scripts (test_lazy_sections)
    st.markdown(
        "\n".join(
            "- " + status_words.compare_line(*(escape_md(str(r[c])) for c in COMPARE_WORDS))
            for r in changes.to_dict("records")
        )
    )
