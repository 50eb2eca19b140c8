"""What each data address answers: bytes and a media type from the loaded dataset and the query, or a refusal.

No web framework here (supplychain/api/routes.py adds HTTP: methods, ETag, 304); every function is pure over the
dataset, so a route answers exactly what the Data page shows for the same filters.
"""

from __future__ import annotations

import json
import numbers
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

import numpy as np
import pandas as pd

from supplychain.data.entities import entity_names
from supplychain.data.export import to_csv_bytes
from supplychain.data.load import Dataset
from supplychain.data.problems import cut
from supplychain.data.schema import table_names
from supplychain.i18n import _
from supplychain.rules.changes import (
    CHANGES_COLUMNS,
    change_list,
    measure_entries,
    release_entries,
    release_list,
    version_key,
)
from supplychain.rules.cite import FORMATS, cited, render_citation
from supplychain.rules.filters import (
    COLUMNS_PARAM,
    SEARCH_PARAM,
    filter_rows,
    key_filter,
    split_values,
    table_filters,
)
from supplychain.rules.status import measure_windows, status_on
from supplychain.rules.status_answers import status_table

PREFIX = "/api/v1/"
SEARCH_CHARS = 200  # as the Data page's search box (urlbind.TEXT_CHARS)
ECHO_CHARS = 40  # a parameter name or value echoed in a refusal is cut to this
CSV = "text/csv; charset=utf-8"
JSON = "application/json; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
SPECIAL = ("changes", "releases")  # the release history: answered (empty, with its header) even when not in the package


class Refusal(Exception):
    """A request the routes answer with a status and a plain-text message (never a traceback)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    filename: str | None = None  # offered as the download's name (Content-Disposition: inline)
    daily: bool = False  # carries the access date, so its validator changes with the day
    extra: dict[str, str] = field(default_factory=dict)


Query = Sequence[tuple[str, str]]


def _echo(text: str) -> str:
    """A name or value from the request, quoted, control characters blanked and cut short (a refusal is plain text)."""
    return '"' + cut(re.sub(r"[\x00-\x1f\x7f]", " ", str(text)), ECHO_CHARS) + '"'


def _grouped(query: Query) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in query:
        out.setdefault(key, []).append(value)
    return out


def _check_names(query: dict[str, list[str]], accepted: Sequence[str], address: str) -> None:
    """Refuse the first parameter `address` does not take, naming the ones it does."""
    for key in query:
        if key not in accepted:
            takes = ", ".join(accepted) if accepted else _("no parameters")
            message = _("Unknown parameter {name} for {address}. It takes: {takes}.")
            raise Refusal(400, message.format(name=_echo(key), address=address, takes=takes))


def _view(
    dataset: Dataset,
    table: str,
    query: dict[str, list[str]],
    address: str,
    extra: Sequence[str] = (),
    rows: pd.DataFrame | None = None,
) -> tuple:
    """The rows and columns of `table` the query asks for, as the Data page filters them; refusals name the
    parameter and what it accepts. `rows` narrows the table first (the changes since a version), keeping the
    whole table's accepted values. Returns (frame, the applied `key=value` pairs)."""
    frame = dataset.tables[table]
    params = table_filters(dataset.package, table, frame)
    key = key_filter(dataset.package, table, frame)
    params = {**params, key.name: key}  # the rows Map and Timeline show, by their ids
    _check_names(query, [SEARCH_PARAM, COLUMNS_PARAM, *params, *extra], address)
    equals: dict[str, list[Any]] = {}
    applied: list[tuple[str, str]] = []
    for name, param in params.items():
        texts = split_values(query.get(name, []), param.values)
        bad = param.rejected(texts)
        if bad:
            message = _("Parameter {name}: {value} is not accepted. It takes {accepts}.")
            raise Refusal(400, message.format(name=_echo(name), value=_echo(bad[0]), accepts=param.accepts()))
        if texts:
            equals[name] = param.typed(texts)
            applied.append((name, ",".join(dict.fromkeys(texts))))
    search = (query.get(SEARCH_PARAM) or [""])[-1]
    if len(search) > SEARCH_CHARS:
        message = _("Parameter {name}: a text search of at most {chars} characters.")
        raise Refusal(400, message.format(name=_echo(SEARCH_PARAM), chars=SEARCH_CHARS))
    if search.strip():
        applied.append((SEARCH_PARAM, search))
    columns = list(frame.columns)
    if COLUMNS_PARAM in query:
        chosen = split_values(query[COLUMNS_PARAM])
        unknown = [c for c in chosen if c not in columns]
        if unknown or not chosen:
            message = _(
                "Parameter {name}: {value} is not a column of {table}. It takes one or more of: {columns} "
                "(comma-separated)."
            )
            value = _echo(unknown[0] if unknown else "")
            raise Refusal(
                400, message.format(name=_echo(COLUMNS_PARAM), value=value, table=table, columns=", ".join(columns))
            )
        columns = list(dict.fromkeys(chosen))
        applied.append((COLUMNS_PARAM, ",".join(columns)))
    view = filter_rows(frame if rows is None else rows, search=search, equals=equals)[columns]
    return view, sorted(applied)


def _json_value(value: Any) -> Any:
    """One cell for JSON: null, true/false, a number, an ISO date or the text as written (no spreadsheet prefix)."""
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return int(number) if number.is_integer() else number
    return str(value)


def json_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame as a list of records in the dataset's own column names and JSON types."""
    columns = list(frame.columns)
    return [{c: _json_value(v) for c, v in zip(columns, row)} for row in frame.itertuples(index=False, name=None)]


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _frame_answer(frame: pd.DataFrame, name: str, fmt: str, meta: dict[str, Any]) -> Answer:
    if fmt == "csv":
        return Answer(to_csv_bytes(frame), CSV, f"{name}.csv")
    return Answer(_json({**meta, "rows": len(frame), "data": json_rows(frame)}), JSON, f"{name}.json")


def _table_answer(dataset: Dataset, table: str, fmt: str, query: dict[str, list[str]]) -> Answer:
    view, applied = _view(dataset, table, query, f"{PREFIX}{table}.{fmt}")
    meta = {
        "table": table,
        "version": dataset.version,
        "created": dataset.as_of,
        "filters": dict(applied),
        "total": len(dataset.tables[table]),
    }
    return _frame_answer(view, table, fmt, meta)


def _history_answer(dataset: Dataset, name: str, fmt: str, query: dict[str, list[str]]) -> Answer:
    """releases and changes: the package's tables (with the Data page's filters) when it has them, else empty
    with their header; releases oldest first, newest last (release_list); changes take `since` too."""
    address = f"{PREFIX}{name}.{fmt}"
    listed = name in table_names(dataset.package) and name in dataset.tables
    meta: dict[str, Any] = {"table": name, "version": dataset.version, "created": dataset.as_of}
    if name == "releases":
        frame = release_list(dataset.tables)
        if not listed:
            _check_names(query, [], address)
            return _frame_answer(frame, name, fmt, {**meta, "filters": {}, "total": 0})
        view, applied = _view(dataset, name, query, address, rows=frame)
        return _frame_answer(view, name, fmt, {**meta, "filters": dict(applied), "total": len(frame)})
    since = (query.get("since") or [None])[-1]
    if not listed:
        _check_names(query, ["since"], address)
    if since is not None and version_key(since) is None:
        message = _("Parameter {name}: {value} is not a version. It takes a version such as 1.0.0.")
        raise Refusal(400, message.format(name=_echo("since"), value=_echo(since)))
    frame = change_list(dataset.tables, since=since)
    meta = {**meta, "since": since, "total": len(dataset.tables.get(name, frame))}
    if not listed:
        return _frame_answer(frame[list(CHANGES_COLUMNS)], name, fmt, {**meta, "filters": {}})
    rest = {k: v for k, v in query.items() if k != "since"}
    view, applied = _view(dataset, name, rest, address, extra=["since"], rows=frame)
    return _frame_answer(view, name, fmt, {**meta, "filters": dict(applied)})


def _package_answer(dataset: Dataset, query: dict[str, list[str]]) -> Answer:
    """datapackage.json as shipped, each resource at its address here ({table}.csv, written with a BOM)."""
    _check_names(query, [], f"{PREFIX}datapackage.json")
    package = json.loads(json.dumps(dataset.package))  # a copy: the loaded package is shared and read-only
    for resource in package["resources"]:
        resource["path"] = f"{resource['name']}.csv"
        resource["encoding"] = "utf-8-sig"  # the served CSVs open in Excel: UTF-8 with a byte-order mark
    return Answer(_json(package), JSON, "datapackage.json")


def _feed_answer(dataset: Dataset, query: dict[str, list[str]], base: str) -> Answer:
    """Atom: a release and its changes, and every measure's date of effect and end (scheduled ones say so)."""
    _check_names(query, [], f"{PREFIX}feed.atom")
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    entries = release_entries(dataset.tables) + measure_entries(dataset.package, dataset.tables)
    feed = ET.Element(f"{{{ns}}}feed")

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    add(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "china-ai-supply-chain/feed")))
    add(feed, "title", _("{title}: releases and measure dates").format(title=dataset.package.get("title", "")))
    add(feed, "updated", f"{dataset.as_of}T00:00:00Z")
    add(feed, "link", rel="self", href=f"{base}{PREFIX}feed.atom", type="application/atom+xml")
    add(feed, "link", rel="alternate", href=f"{base}/", type="text/html")
    author = add(feed, "author")
    add(author, "name", _("China AI supply chain dashboard team"))
    licence = dataset.package.get("licenses", [{}])[0].get("name", "")
    add(feed, "rights", _("Data version {version}; {licence}").format(version=dataset.version, licence=licence))
    for e in entries:
        entry = add(feed, "entry")
        add(entry, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"china-ai-supply-chain/{e.entry_id}")))
        add(entry, "title", e.title)
        add(entry, "updated", f"{e.day}T00:00:00Z")
        link = e.link if e.link.startswith("/") else PREFIX + e.link
        add(entry, "link", rel="alternate", href=base + link)
        add(entry, "summary", e.summary)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Answer(body, ATOM, "feed.atom")


def _cite_answer(dataset: Dataset, fmt: str, query: dict[str, list[str]], base: str, today: date) -> Answer:
    """The dataset, a table (?table=models) or a view (?table=models&developer_id=deepseek) as a citation."""
    address = f"{PREFIX}cite.{fmt}"
    table = (query.get("table") or [None])[-1]
    if table is None:
        _check_names(query, ["table"], address)
        c = cited(dataset.package, dataset.tables, url=f"{base}/", accessed=today)
    else:
        if table not in table_names(dataset.package):
            message = _("Parameter {name}: {value} is not a table. It takes one of: {tables}.")
            tables = ", ".join(table_names(dataset.package))
            raise Refusal(400, message.format(name=_echo("table"), value=_echo(table), tables=tables))
        rest = {k: v for k, v in query.items() if k != "table"}
        view, applied = _view(dataset, table, rest, address, extra=["table"])
        filters = "; ".join(f"{k}={cut(v)}" for k, v in applied)
        url = f"{base}/data?" + urlencode([("table", table), *applied])
        c = cited(
            dataset.package, dataset.tables, url=url, accessed=today, table=table, filters=filters, rows=len(view)
        )
    return Answer(render_citation(c, fmt).encode("utf-8"), FORMATS[fmt], f"citation.{fmt}", daily=True)


def _status_answer(dataset: Dataset, fmt: str, query: dict[str, list[str]]) -> Answer:
    """Export status: each chip's answer on `asof` (default: the day the record is reviewed through), as the page's
    table shows and downloads it."""
    _check_names(query, ["asof"], f"{PREFIX}status.{fmt}")
    text = (query.get("asof") or [dataset.reviewed_through])[-1]
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) or pd.isna(pd.to_datetime(text, errors="coerce")):
        message = _("Parameter {name}: {value} is not a day. It takes a date written YYYY-MM-DD.")
        raise Refusal(400, message.format(name=_echo("asof"), value=_echo(text)))
    windows = measure_windows(dataset.tables)
    status = status_on(dataset.tables["chips"], windows, pd.Timestamp(text))
    table = status_table(status, entity_names(dataset.tables))
    return _frame_answer(
        table, f"chip_status_{text}", fmt, {"table": "status", "version": dataset.version, "asof": text}
    )


def examples(dataset: Dataset) -> list[tuple[str, str, str]]:
    """(address, an example, what it answers) for every address under the prefix: the index lists them all."""
    tables = dataset.tables
    example_table = "models" if "models" in tables else next(iter(tables))
    params = table_filters(dataset.package, example_table, tables[example_table])
    first = next(iter(params.values()), None)
    sample = f"?{first.name}={first.values[0]}" if first else ""
    same = _("{table}: the same rows as JSON records")
    rows: list[tuple[str, str, str]] = [
        ("", "", _("this index: every address with an example")),
        ("datapackage.json", "datapackage.json", _("the data dictionary (Frictionless Data Package); validate it")),
    ]
    for table in dict.fromkeys([*table_names(dataset.package), *SPECIAL]):
        if table in SPECIAL:
            rows.append(
                (
                    f"{table}.csv",
                    f"{table}.csv" + ("?since=1.0.0" if table == "changes" else ""),
                    _("every release of the record, oldest first (newest last), with the Data page's filters")
                    if table == "releases"
                    else _(
                        "the rows each release added, changed, removed or corrected; since= a version for only "
                        "the later releases' changes, and the Data page's filters"
                    ),
                )
            )
            rows.append((f"{table}.json", f"{table}.json", same.format(table=table)))
            continue
        about = _(
            "{table}: CSV (UTF-8 with BOM); filters as on the Data page, q= search, cols= columns, or the key (ids, "
            "comma-separated)"
        )
        rows.append(
            (
                f"{table}.csv",
                f"{table}.csv" + (sample if table == example_table else ""),
                about.format(table=table),
            )
        )
        rows.append((f"{table}.json", f"{table}.json", same.format(table=table)))
    rows += [
        ("status.csv", f"status.csv?asof={dataset.reviewed_through}", _("Export status: every chip's answer on a day")),
        ("status.json", "status.json", _("the same answers as JSON (asof defaults to the reviewed-through day)")),
        ("feed.atom", "feed.atom", _("Atom feed: releases and measure dates (scheduled ones marked)")),
        ("cite.bib", f"cite.bib?table={example_table}{sample.replace('?', '&')}", _("a citation of a view as BibTeX")),
        ("cite.ris", f"cite.ris?table={example_table}", _("a citation of a table as RIS")),
        ("cite.json", "cite.json", _("a citation of the dataset as CSL-JSON")),
        ("cite.txt", "cite.txt", _("a citation of the dataset as text")),
    ]
    return rows


def _index_answer(dataset: Dataset, query: dict[str, list[str]], base: str) -> Answer:
    _check_names(query, [], PREFIX)
    routes = [
        {"address": base + PREFIX + path, "example": base + PREFIX + example, "answers": about}
        for path, example, about in examples(dataset)
    ]
    body = {
        "title": dataset.package.get("title", ""),
        "version": dataset.version,
        "created": dataset.as_of,
        "reviewed_through": dataset.reviewed_through,
        "methods": ["GET", "HEAD"],
        "addresses": routes,
    }
    return Answer(_json(body), JSON)


def answer(dataset: Dataset, path: str, query: Query, *, base: str, today: date) -> Answer:
    """What `PREFIX + path` answers for `query` (name, value pairs), from a loaded, valid dataset.

    Raises Refusal(404) for an address that does not exist and Refusal(400) for a parameter the address does
    not take or a value the parameter does not accept. Only names the package lists are ever read: a path is
    matched against them, never opened as a file.
    """
    grouped = _grouped(query)
    if path in ("", "index.json"):
        return _index_answer(dataset, grouped, base)
    stem, dot, fmt = path.rpartition(".")
    routes: dict[tuple[str, str], Callable[[], Answer]] = {
        ("datapackage", "json"): lambda: _package_answer(dataset, grouped),
        ("feed", "atom"): lambda: _feed_answer(dataset, grouped, base),
        ("status", "csv"): lambda: _status_answer(dataset, "csv", grouped),
        ("status", "json"): lambda: _status_answer(dataset, "json", grouped),
    }
    for f in FORMATS:
        routes[("cite", f)] = lambda f=f: _cite_answer(dataset, f, grouped, base, today)
    for name in SPECIAL:
        for f in ("csv", "json"):
            routes[(name, f)] = lambda name=name, f=f: _history_answer(dataset, name, f, grouped)
    for name in table_names(dataset.package):
        for f in ("csv", "json"):
            routes.setdefault((name, f), lambda name=name, f=f: _table_answer(dataset, name, f, grouped))
    route = routes.get((stem, fmt)) if dot else None
    if route is None:
        tables = ", ".join(f"{t}.csv" for t in dict.fromkeys([*table_names(dataset.package), *SPECIAL]))
        message = _("No address {path} here. Tables: {tables}. The index at {index} lists every address.")
        raise Refusal(404, message.format(path=_echo(path), tables=tables, index=PREFIX))
    return route()
