"""Download buttons: a table in CSV and Excel, a chart as SVG/PNG, a view bundle (ZIP)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from supplychain.app.byurl import chart_with_footer
from supplychain.app.cache import run_dataset
from supplychain.app.layout import current_link
from supplychain.app.urlbind import applied_params, current_page
from supplychain.app.urlstate import describe_filters
from supplychain.data.export import chart_image, download_name, to_csv_bytes, to_xlsx_bytes, view_bundle
from supplychain.i18n import _
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
    # A README is read as plain text too: the filter line is `key=value; key=value`, with no Markdown around it.
    filters = "; ".join(describe_filters(params)) or _("none (the full tables)")
    url_path = url_path or current_page()  # the router's address of this page (data/routes.py)
    link = current_link(url_path)

    def build() -> bytes:
        bundle = with_citations(tables, frames)
        rows = ", ".join(f"{n} {len(f)}" for n, f in bundle.items())
        extra = _(
            "## This view\n\nPage: /{page}\nFilters applied: {filters}\nRows: {rows}\nLink that reopens it: {link}\n"
        ).format(page=url_path, filters=filters, rows=rows, link=link)
        return view_bundle(package, bundle, bundle_readme(package, tables, extra=extra))

    container.download_button(
        _("Download this view (ZIP)"),
        build,
        file_name=download_name(f"{what}_view", as_of, "zip"),
        mime="application/zip",
        icon=":material/folder_zip:",
        on_click="ignore",
        disabled=all(frame.empty for frame in frames.values()),  # an empty view is no file to take away
        help=_(
            "The rows shown with the claims and sources they cite, a datapackage.json describing them, and a "
            "README with the citation, data version, filters and link."
        ),
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
    """CSV and Excel buttons for exactly the rows and columns shown.

    The CSV's header is the columns' stable ids in either language, so a script reading it never breaks; the
    Excel file is for reading, so its header is the columns' labels in the reader's language (`labels`).
    """

    row = container.container(horizontal=True, gap="small", width="content")  # whole labels; wraps when narrow
    row.download_button(
        f"{label} (CSV)",
        lambda: to_csv_bytes(frame),
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
    """'Save as SVG / PNG' buttons for a chart; the image, with its provenance footer, is rendered only when clicked."""

    # The image carries its title, citation, data version and reach, the view's link and the licence; the link
    # is read now, in the page's run, because the image is built later, when the button is clicked.
    dataset, link = run_dataset(), current_link("")  # the run's dataset: one version per run

    cols = container.columns(2, gap="small", width=260)
    for col, fmt, mime in ((cols[0], "svg", "image/svg+xml"), (cols[1], "png", "image/png")):
        col.download_button(
            fmt.upper(),
            lambda fmt=fmt: chart_image(chart_with_footer(spec(), dataset, what=what, link=link), fmt),
            file_name=download_name(what, as_of, fmt),
            mime=mime,
            icon=":material/image:",
            on_click="ignore",
            help=_("Save this chart as {upper}").format(upper=fmt.upper()),
            key=f"img_{what}_{fmt}",
        )
