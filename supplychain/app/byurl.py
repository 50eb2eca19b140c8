"""Provenance that travels: "Get these rows by URL", "Cite this view", and the footer of an exported chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

from supplychain.app.layout import current_link
from supplychain.app.markdown import link_markdown, md_link
from supplychain.app.urlbind import applied_params
from supplychain.charts.footer import chart_title, with_footer
from supplychain.data.labels import PAGE_TITLES
from supplychain.data.load import Dataset
from supplychain.i18n import _
from supplychain.rules.cite import Cited, as_bibtex, as_text, cited
from supplychain.rules.filters import SEARCH_PARAM, filter_rows, split_values, table_filters
from supplychain.rules.provenance import report_citation

API_PREFIX = "/api/v1/"  # supplychain/api/answers.PREFIX: the app links to the routes, it does not import them


def origin() -> str:
    """scheme://host:port of the page being served ("" when unknown, as under AppTest)."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def api_address(path: str, params: Mapping[str, list[str]]) -> str:
    """The data route `path` (e.g. "models.csv") with the view's parameters, as an absolute address."""
    pairs = [(k, ",".join(v)) for k, v in sorted(params.items()) if v]
    return origin() + API_PREFIX + path + ("?" + urlencode(pairs) if pairs else "")


def render_rows_url(table: str, params: Mapping[str, list[str]], *, container: Any = st) -> str:
    """'Get these rows by URL': the CSV address of exactly the rows shown (same filters, same columns)."""
    address = api_address(f"{table}.csv", params)
    # Plain words, no `code` span: inline code made each page fetch ~90 kB more script (measured with shoot.py).
    container.caption(_("Get these rows by URL (CSV, the same filters; .json for JSON; every address at /api/v1/):"))
    container.markdown(link_markdown(address))
    return address


LINK_TEXT_CHARS = 110  # the longest address shown whole as a link's text
ID_CAP = 150  # ids in one address; a larger view is offered as its whole table (an address stays under ~8 kB)


def render_ids_url(table: str, key: str, ids: Sequence[str], *, label: str, container: Any = st) -> str:
    """'Get these rows by URL' for a view chosen by the page's own rules (Map, Timeline): the rows by their ids."""
    ids = list(dict.fromkeys(i for i in ids if isinstance(i, str) and i))
    if len(ids) > ID_CAP:
        address = api_address(f"{table}.csv", {})
        note = _("Get these rows by URL ({label}): {n} rows, more than one address holds; the whole table:").format(
            label=label, n=len(ids)
        )
    else:
        address = api_address(f"{table}.csv", {key: [",".join(ids)]})
        note = _("Get these rows by URL ({label}; CSV, .json for JSON):").format(label=label)
    container.caption(note)
    # A view of many rows names each id: the link keeps the whole address, its text is cut so it stays one line.
    shown = address if len(address) <= LINK_TEXT_CHARS else address[: LINK_TEXT_CHARS - 1] + "…"
    container.markdown(md_link(shown, address, relative=True) if shown != address else link_markdown(address))
    return address


def render_address(path: str, params: Mapping[str, list[str]], *, label: str, container: Any = st) -> str:
    """'Get these rows by URL' for a route of its own (Export status: status.csv?asof=…)."""
    address = api_address(path, params)
    container.caption(_("Get these rows by URL ({label}; CSV, .json for JSON):").format(label=label))
    container.markdown(link_markdown(address))
    return address


def _view_count(dataset: Dataset, table: str, params: Mapping[str, list[str]]) -> int:
    """Rows of the Data page's view for these accepted parameters (the page and the routes filter alike)."""
    frame = dataset.tables[table]
    filters = table_filters(dataset.package, table, frame)
    equals = {name: f.typed(split_values(params[name], f.values)) for name, f in filters.items() if params.get(name)}
    search = (params.get(SEARCH_PARAM) or [""])[-1]
    return len(filter_rows(frame, search=search, equals=equals))


def view_citation(dataset: Dataset, url_path: str, params: Mapping[str, list[str]], link: str) -> Cited:
    """The citation of what this page shows: on the Data page one table and its filters, elsewhere the
    dataset as seen through this page, always with the link that reopens the view."""
    today = datetime.now(UTC).date()
    table = (params.get("table") or [None])[-1] if url_path == "data" else None
    if url_path == "data":
        table = table or "models"
    if table in dataset.tables:
        rest = {k: v for k, v in params.items() if k != "table"}
        filters = "; ".join(f"{k}={','.join(v)}" for k, v in sorted(rest.items()) if v)
        rows = _view_count(dataset, table, rest) if filters else None
        return cited(dataset.package, dataset.tables, url=link, accessed=today, table=table, filters=filters, rows=rows)
    c = cited(dataset.package, dataset.tables, url=link, accessed=today)
    name = url_path or "overview"
    return Cited(
        f"{c.title}: {PAGE_TITLES.get(name, name)}", c.version, c.created, c.accessed, c.url, c.note, c.key + "_" + name
    )


def render_cite_view(dataset: Dataset, page: str, url_path: str) -> None:
    """'Cite this view' in the sidebar: the citation as text and as BibTeX, with the view's link.

    `page` is the page's key ("data", "map"…), `url_path` where it is served ("" for the first page).
    Plain text (st.text), not st.code: the code block's highlighter costs every page a large script.
    """
    params = applied_params()
    link = current_link(url_path)
    c = view_citation(dataset, page, params, link)
    with st.sidebar.popover(_("Cite this view"), icon=":material/format_quote:", width="stretch"):
        st.caption(_("As text"))
        st.text(as_text(c))
        st.caption(_("As BibTeX"))
        st.text(as_bibtex(c))
        cite_params = dict(params) if page == "data" else {}  # the Data page cites its table and filters
        formats = (("RIS", "ris"), ("CSL-JSON", "json"), ("BibTeX", "bib"))
        st.markdown(  # one line of labelled links (the sidebar's only bare link is "Link to this view")
            " · ".join(f"{name}: {link_markdown(api_address(f'cite.{fmt}', cite_params))}" for name, fmt in formats)
        )


def footer_lines(dataset: Dataset, link: str) -> list[str]:
    """The lines under an exported chart: short citation, version and reach, the view's link, licence."""
    report = report_citation(dataset.tables, dataset.package)
    return [
        _("Source: {report} and public records, each row citing its own").format(report=report.short),
        _("Data version {version}, built {built}; record reviewed through {reach}").format(
            version=dataset.version, built=dataset.as_of, reach=dataset.reviewed_through
        ),
        _("View: {link}").format(link=link),
        _("Licence: {licence} (curation and translations)").format(licence=report.licence),
    ]


def chart_with_footer(spec: dict[str, Any], dataset: Dataset, *, what: str, link: str) -> dict[str, Any]:
    """`spec` with the footer an exported image carries; `link` is the address of the view it was saved from."""
    title = chart_title(spec, what.replace("_", " ").capitalize())
    return with_footer(spec, title, footer_lines(dataset, link))
