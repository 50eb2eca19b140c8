"""Data: pick a table, search and filter it, download exactly what is shown, read the dictionary."""

import streamlit as st

from supplychain.app import byurl, corrections, downloads, guard, layout, release_view
from supplychain.app.urlbind import applied_params, url_multiselect, url_selectbox, url_text
from supplychain.data.entities import LINK_DISPLAY, entity_id_columns, entity_link
from supplychain.data.export import dataset_zip, download_name, to_csv_bytes, to_xlsx_bytes
from supplychain.data.labels import TABLE_LABELS
from supplychain.data.schema import column_help, column_labels, data_dictionary, fields, table_names
from supplychain.i18n import _
from supplychain.rules.filters import (
    COLUMNS_PARAM,
    SEARCH_PARAM,
    filter_rows,
    table_filters,
    value_labels,
)
from supplychain.rules.provenance import bundle_readme

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

params = table_filters(package, table, frame)  # the same declaration the data routes read
filter_cols = list(params)
chosen_filters: dict[str, list[str]] = {}
shown_cols: list[str] = list(frame.columns)
# The filters are built while the box is open, or while a link or the reader has set one (they stay applied
# when the box is closed): a dozen hidden multiselects made every visit to the page slower.
linked = any(k in st.query_params for k in [*filter_cols, COLUMNS_PARAM])
box, box_open = layout.lazy_expander(
    _("Filter by column, choose columns"), key="data_filters_open", icon=":material/filter_list:", expanded=linked
)
if box_open or linked:
    with box:
        grid = st.columns(3)
        for i, column in enumerate(filter_cols):
            names = value_labels(package, tables, table, column)  # readers choose names; the URL keeps ids
            options = sorted(params[column].values, key=lambda v: names[v].casefold())
            chosen_filters[column] = url_multiselect(
                labels[column],
                options,
                key=column,
                container=grid[i % 3],
                help=helps.get(column) or None,
                placeholder=_("All"),
                format_func=names.get,
            )
        shown_cols = url_multiselect(
            _("Columns shown"),
            list(frame.columns),
            key=COLUMNS_PARAM,
            default=list(frame.columns),
            format_func=lambda c: labels.get(c, c),
            help=_("The download holds these columns, in this order."),
        )
view = filter_rows(frame, search=search, equals={c: params[c].typed(v) for c, v in chosen_filters.items() if v})
view = view[shown_cols or list(frame.columns)]

config = {}
for f in fields(package, table):
    name = f["name"]
    label, help_text = labels[name], helps.get(name) or None
    if f["type"] == "date":
        config[name] = st.column_config.DateColumn(label, help=help_text, format="YYYY-MM-DD")
    elif f.get("format") == "uri":
        config[name] = st.column_config.LinkColumn(label, help=help_text)
    elif f["type"] == "boolean":
        config[name] = st.column_config.CheckboxColumn(label, help=help_text)
    elif f["type"] in ("number", "integer"):
        config[name] = st.column_config.NumberColumn(label, help=help_text)
    else:
        config[name] = st.column_config.TextColumn(label, help=help_text)

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

filtered = len(view) != len(frame) or list(view.columns) != list(frame.columns)
buttons = st.container(horizontal=True, gap="small")  # buttons keep their whole labels and wrap at 1024 px
buttons.download_button(
    _("Download these rows (CSV)"),
    lambda: to_csv_bytes(view),  # header: column ids in any language; built on click, not on every run
    file_name=download_name(table, dataset.as_of, "csv", filtered=filtered),
    mime="text/csv",
    icon=":material/download:",
    disabled=view.empty,
    on_click="ignore",
)
buttons.download_button(
    _("Download these rows (Excel)"),
    lambda: to_xlsx_bytes(view, labels, sheet=table),
    file_name=download_name(table, dataset.as_of, "xlsx", filtered=filtered),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    disabled=view.empty,
    on_click="ignore",
)
downloads.render_view_bundle(package, tables, {table: view}, what=table, as_of=dataset.as_of, container=buttons)
buttons.download_button(
    _("Download the whole dataset (ZIP)"),
    lambda: dataset_zip(package, tables, bundle_readme(package, tables)),
    file_name=download_name("china-ai-supply-chain", dataset.as_of, "zip"),
    mime="application/zip",
    icon=":material/folder_zip:",
    on_click="ignore",
    help=_(
        "Every CSV, datapackage.json (the data dictionary in machine-readable form) and a README with the citation."
    ),
)

byurl.render_rows_url(table, {k: v for k, v in applied_params().items() if k != "table"})

st.header(_("Data dictionary"))
dictionary = data_dictionary(package)
st.caption(_("Generated from data/datapackage.json, the one description of the data."))
entries = dictionary[dictionary["table"] == table].drop(columns="table")
box, box_open = layout.lazy_expander(
    _("The {n} columns of {table}: type, unit, constraints and meaning").format(
        n=len(entries), table=TABLE_LABELS.get(table, table)
    ),
    key="dictionary_open",
    icon=":material/menu_book:",
)
if box_open:
    corrections.render_table(
        entries,
        row_ids=[f"datapackage.json:{table}.{c}" for c in entries["column"]],
        what=_("the data dictionary"),
        key="dictionary",
        url_path="data",
        package=package,
        container=box,
        placeholder="–",
        hide_index=True,
        width="stretch",
        column_config={
            "required": st.column_config.CheckboxColumn("required"),
            "description": st.column_config.TextColumn("description", width="large"),
        },
    )
st.download_button(
    _("Download the full data dictionary (CSV)"),
    lambda: to_csv_bytes(dictionary),
    file_name=download_name("data-dictionary", dataset.as_of),
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
)
