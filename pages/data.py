"""Data: pick a table, search and filter it, download exactly what is shown, read the dictionary."""

import streamlit as st

from supplychain.app import corrections, data_view, guard, layout, release_view
from supplychain.app.urlbind import url_selectbox, url_text
from supplychain.data.entities import LINK_DISPLAY, entity_id_columns, entity_link
from supplychain.data.labels import TABLE_LABELS
from supplychain.data.schema import column_help, column_labels, table_names
from supplychain.i18n import _
from supplychain.rules.filters import SEARCH_PARAM, filter_rows

dataset = guard.require_dataset()
package, tables = dataset.package, dataset.tables
names = table_names(package)

st.title(_("Data"))
st.caption(_("Every table of the dataset. Filter it, then download exactly the rows and columns you see."))

top = st.columns([2, 3])
layout.forget_other_table_filters(key="table")
table = url_selectbox(
    _("Table"), names, key="table", default="models", container=top[0], format_func=lambda t: TABLE_LABELS.get(t, t)
)
st.session_state[layout.DATA_TABLE_SHOWN] = table
frame = tables[table]
labels = column_labels(package, table)
helps = column_help(package, table)
search = url_text(
    _("Search all text"),
    key=SEARCH_PARAM,
    container=top[1],
    placeholder=_("e.g. Alibaba, H20, Singapore"),
    help=_("Finds rows where any text column contains these characters (not case-sensitive)."),
)

params, chosen_filters, shown_cols = data_view.render_filters(dataset, table, frame, labels, helps)
view = filter_rows(frame, search=search, equals={c: params[c].typed(v) for c, v in chosen_filters.items() if v})
view = view[shown_cols or list(frame.columns)]

config = data_view.column_settings(package, table, labels, helps)

link_cols = [c for c in entity_id_columns(package, table) if c in view.columns]
shown = view.assign(
    **{c: view[c].map(lambda v: entity_link(v, v), na_action="ignore") for c in link_cols}
)  # ids link to profiles
for c in link_cols:
    config[c] = st.column_config.LinkColumn(
        labels[c], help=(helps.get(c) or "") + _(" Click to open its profile."), display_text=LINK_DISPLAY
    )
shown = release_view.with_row_history(dataset, table, shown, frame.loc[view.index, frame.columns[0]])
st.markdown(
    _("**{n}** of {n2} rows · {table}").format(n=len(view), n2=len(frame), table=TABLE_LABELS.get(table, table))
)
if view.empty:
    st.info(
        _("No rows match these filters. Clear the search or a filter to see rows again."), icon=":material/search_off:"
    )
else:
    key_column = frame.columns[0]  # every table's primary key is its first column (datapackage.json)
    corrections.render_table(
        shown,
        row_ids=[f"{table}:{v}" for v in frame.loc[view.index, key_column]],
        what=TABLE_LABELS.get(table, table),
        key="data_table",
        url_path="data",
        package=package,
        placeholder="–",
        hide_index=True,
        width="stretch",
        column_config=config,
        height=min(38 + 35 * len(view), 560),
    )

data_view.render_downloads(dataset, table, frame, view, labels)
data_view.render_dictionary(dataset, table)
