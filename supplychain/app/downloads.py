"""Download buttons: a table in CSV and Excel, a chart as SVG/PNG, a view bundle (ZIP)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from supplychain.app.layout import current_link
from supplychain.app.markdown import as_code
from supplychain.app.urlbind import applied_params, current_page
from supplychain.app.urlstate import describe_filters
from supplychain.data.export import chart_image, download_name, to_csv_bytes, to_xlsx_bytes, view_bundle
from supplychain.rules.provenance import bundle_readme, with_citations


def render_view_bundle(
    package: dict,
    tables: dict[str, pd.DataFrame],
    frames: dict[str, pd.DataFrame],
    *,
    what: str,
    as_of: str,
    url_path: str | None = None,
    container: Any = st,
) -> None:
    """'Download this view': the filtered tables plus the claims and sources they cite, their
    datapackage.json and a README with citation, data version, filters applied and the link that
    reopens the view. Built only when clicked, so it costs a filter change nothing."""

    params = applied_params()  # only what this page accepted and applied, never a link's raw or ignored values
    filters = "; ".join(as_code(line) for line in describe_filters(params)) or "none (the full tables)"
    url_path = url_path or current_page()  # the router's address of this page (data/routes.py)
    link = current_link(url_path)

    def build() -> bytes:
        bundle = with_citations(tables, frames)
        rows = ", ".join(f"{n} {len(f)}" for n, f in bundle.items())
        extra = (
            f"## This view\n\nPage: /{url_path}\nFilters applied: {filters}\nRows: {rows}\n"
            f"Link that reopens it: {link}\n"
        )
        return view_bundle(package, bundle, bundle_readme(package, tables, extra=extra))

    container.download_button(
        "Download this view (ZIP)",
        build,
        file_name=download_name(f"{what}_view", as_of, "zip"),
        mime="application/zip",
        icon=":material/folder_zip:",
        on_click="ignore",
        help="The rows shown with the claims and sources they cite, a datapackage.json describing them, "
        "and a README with the citation, data version, filters and link.",
    )


def render_table_downloads(
    frame: pd.DataFrame,
    labels: dict[str, str] | None,
    *,
    label: str,
    what: str,
    as_of: str,
    filtered: bool,
    container: Any = st,
) -> None:
    """CSV and Excel buttons for exactly the rows and columns shown (labels from the data dictionary)."""

    row = container.container(horizontal=True, gap="small", width="content")  # whole labels; wraps when narrow
    row.download_button(
        f"{label} (CSV)",
        lambda: to_csv_bytes(frame, labels),
        file_name=download_name(what, as_of, filtered=filtered),
        mime="text/csv",
        icon=":material/download:",
        disabled=frame.empty,
        on_click="ignore",
        key=f"csv_{what}",
    )
    row.download_button(
        f"{label} (Excel)",
        lambda: to_xlsx_bytes(frame, labels, sheet=what),
        file_name=download_name(what, as_of, "xlsx", filtered=filtered),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        disabled=frame.empty,
        on_click="ignore",
        key=f"xlsx_{what}",
    )


def render_chart_downloads(spec: Callable[[], dict], *, what: str, as_of: str, container: Any = st) -> None:
    """'Save as SVG / PNG' buttons for a chart; the image is rendered only when clicked."""

    cols = container.columns(2, gap="small", width=260)
    for col, fmt, mime in ((cols[0], "svg", "image/svg+xml"), (cols[1], "png", "image/png")):
        col.download_button(
            fmt.upper(),
            lambda fmt=fmt: chart_image(spec(), fmt),
            file_name=download_name(what, as_of, fmt),
            mime=mime,
            icon=":material/image:",
            on_click="ignore",
            help=f"Save this chart as {fmt.upper()}",
            key=f"img_{what}_{fmt}",
        )
