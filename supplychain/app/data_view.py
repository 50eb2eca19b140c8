"""Data page sections: the column filters, the grid's column settings, the downloads of exactly the rows shown,
and the data dictionary. The page (pages/data.py) lays them out in order."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from supplychain.app import byurl, corrections, downloads, layout
from supplychain.app.urlbind import applied_params, url_multiselect
from supplychain.data.export import dataset_zip, download_name, to_csv_bytes, to_xlsx_bytes
from supplychain.data.labels import TABLE_LABELS
from supplychain.data.load import Dataset
from supplychain.data.schema import data_dictionary, fields
from supplychain.i18n import _
from supplychain.rules.filters import COLUMNS_PARAM, table_filters, value_labels
from supplychain.rules.provenance import bundle_readme


def render_filters(
    dataset: Dataset, table: str, frame: pd.DataFrame, labels: dict[str, str], helps: dict[str, str]
) -> tuple[dict[str, Any], dict[str, list[str]], list[str]]:
    """The column filters and the columns shown, in a box; returns (the table's filter declarations, the values
    chosen per column, the columns shown)."""
    package, tables = dataset.package, dataset.tables
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
    return params, chosen_filters, shown_cols


def column_settings(package: dict, table: str, labels: dict[str, str], helps: dict[str, str]) -> dict[str, Any]:
    """The grid's setting for each column, from its type in datapackage.json: dates, links, yes/no, numbers, text."""
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
    return config


def render_downloads(dataset: Dataset, table: str, frame: pd.DataFrame, view: pd.DataFrame, labels: dict) -> None:
    """Exactly the rows and columns shown as CSV, Excel and a view bundle, the whole dataset, and their address."""
    package, tables = dataset.package, dataset.tables
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


def render_dictionary(dataset: Dataset, table: str) -> None:
    """The data dictionary of the table shown (built when opened) and of the whole package as a download."""
    package = dataset.package
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
