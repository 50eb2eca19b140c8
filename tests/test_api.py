"""Data by URL, against the served app (serve.py, as `make run` starts it): what a script or a feed reader gets."""

from __future__ import annotations

import gzip
import http.client
import json
import re
import shutil
import urllib.error
import urllib.request
from datetime import UTC, datetime
from urllib.parse import quote, urlparse

import feedparser
import pandas as pd
import pytest
from browser import serve
from conftest import DATA_DIR, ROOT

from supplychain.api.answers import examples
from supplychain.data.load import load_dataset
from supplychain.data.schema import primary_key, table_names
from supplychain.rules.changes import measure_entries
from supplychain.rules.filters import table_filters

DATASET = load_dataset()
TABLES = table_names(DATASET.package)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def fetch(url: str, *, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    """Status, headers (lower-case names) and body of one request; an HTTP error is an answer, not an exception."""
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def raw_path(base: str, path: str, method: str = "GET") -> tuple[int, bytes]:
    """A request whose path is sent exactly as written (no client normalises `..` away)."""
    where = urlparse(base)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    connection.request(method, path)
    response = connection.getresponse()
    return response.status, response.read()


def shipped(table: str) -> pd.DataFrame:
    """A table as its CSV file holds it, every cell text: pandas, not our loader."""
    return pd.read_csv(DATA_DIR / f"{table}.csv", dtype=str, keep_default_na=False)


def served(url: str) -> pd.DataFrame:
    return pd.read_csv(url, dtype=str, keep_default_na=False)


def test_every_table_reads_with_pandas_as_its_csv_holds_it_with_formula_cells_neutralised(app_url) -> None:
    for table in TABLES:
        raw = shipped(table)
        expected = raw.map(lambda v: "'" + v if v.startswith(FORMULA_START) else v)
        got = served(f"{app_url}/api/v1/{table}.csv")
        assert list(got.columns) == list(expected.columns), table
        key = primary_key(DATASET.package, table)
        assert list(got[key]) == list(expected[key]), table
        for column in expected.columns:  # numbers may be written 72 for 72.0; everything else as the file has it
            if not raw[column].str.fullmatch(r"-?[0-9.]*").all():
                assert list(got[column]) == list(expected[column]), f"{table}.{column}"


def test_the_csv_opens_in_excel_utf8_with_a_byte_order_mark(app_url) -> None:
    status, headers, body = fetch(f"{app_url}/api/v1/claims.csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.startswith("\ufeff".encode())
    assert body.decode("utf-8-sig").splitlines()[0] == ",".join(shipped("claims").columns)
    assert shipped("claims")["quote_pl"].iloc[0] in body.decode("utf-8-sig")  # Polish text as the file has it


def test_every_filterable_column_of_every_table_by_url_returns_the_rows_pandas_finds(app_url) -> None:
    checked = 0
    for table in TABLES:
        raw = shipped(table)
        key = primary_key(DATASET.package, table)
        for column in table_filters(DATASET.package, table, DATASET.tables[table]):
            value = raw.loc[raw[column] != "", column].iloc[0]  # the CSV's own spelling, `true` for a yes
            got = served(f"{app_url}/api/v1/{table}.csv?{column}={quote(value)}")
            assert list(got[key]) == list(raw.loc[raw[column] == value, key]), f"{table}?{column}={value}"
            checked += 1
    assert checked > 100


def test_json_holds_the_same_rows_as_the_csv_with_true_false_and_numbers(app_url) -> None:
    query = "developer_id=deepseek&open_weights=true"
    raw = shipped("models")
    expected = raw[(raw["developer_id"] == "deepseek") & (raw["open_weights"] == "true")]
    status, _, body = fetch(f"{app_url}/api/v1/models.json?{query}")
    answer = json.loads(body)
    assert status == 200 and answer["rows"] == len(expected) > 0 and answer["version"] == DATASET.version
    assert [r["model_id"] for r in answer["data"]] == list(expected["model_id"])
    assert {r["open_weights"] for r in answer["data"]} == {True}
    assert answer["filters"] == {"developer_id": "deepseek", "open_weights": "true"}
    assert list(served(f"{app_url}/api/v1/models.csv?{query}")["model_id"]) == list(expected["model_id"])


def test_search_and_columns_narrow_the_rows_and_columns(app_url) -> None:
    raw = shipped("chips")
    got = served(f"{app_url}/api/v1/chips.csv?q=H20&cols=chip_id,name")
    assert list(got.columns) == ["chip_id", "name"]
    expected = raw[raw.apply(lambda r: r.str.contains("h20", case=False, regex=False).any(), axis=1)]
    assert list(got["chip_id"]) == list(expected["chip_id"]) and len(got) > 0


def test_the_fetched_datapackage_validates_with_frictionless(app_url) -> None:
    from frictionless import validate

    report = validate(f"{app_url}/api/v1/datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]
    assert len(report.tasks) == len(TABLES)


def test_the_index_lists_every_address_with_an_example_that_answers(app_url) -> None:
    status, _, body = fetch(f"{app_url}/api/v1/")
    index = json.loads(body)
    assert status == 200 and index["version"] == DATASET.version
    addresses = {a["address"].removeprefix(app_url) for a in index["addresses"]}
    for table in TABLES:
        assert {f"/api/v1/{table}.csv", f"/api/v1/{table}.json"} <= addresses
    assert {"/api/v1/datapackage.json", "/api/v1/feed.atom", "/api/v1/changes.csv", "/api/v1/cite.bib"} <= addresses
    for entry in index["addresses"]:
        assert fetch(entry["example"])[0] == 200, entry["example"]


def test_the_feed_is_atom_a_feed_reader_opens_with_each_measures_dates(app_url) -> None:
    feed = feedparser.parse(f"{app_url}/api/v1/feed.atom")
    assert not feed.bozo and feed.version == "atom10"
    policies = shipped("policies")
    dated = (policies["effective_date"] != "").sum() + (policies["ended_date"] != "").sum()
    assert dated > 0 and len(feed.entries) == dated + len(shipped("releases"))  # each measure date and release
    ended = policies[policies["ended_date"] != ""].iloc[0]
    entry = next(e for e in feed.entries if e.title == f"{ended['name']} ends")
    assert entry.updated.startswith(ended["ended_date"]) and entry.link.endswith(f"/entity?id={ended['policy_id']}")
    assert len({e.id for e in feed.entries}) == len(feed.entries)


@pytest.fixture(scope="module")
def bare_url(tmp_path_factory):
    """The app served from a copy of the data without a release history (no releases or changes table)."""
    folder = tmp_path_factory.mktemp("bare") / "data"
    shutil.copytree(DATA_DIR, folder)
    for name in ("releases", "changes"):
        (folder / f"{name}.csv").unlink()
        shutil.rmtree(folder / name, ignore_errors=True)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] not in ("releases", "changes")]
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    with serve(ROOT, env={"SUPPLYCHAIN_DATA_DIR": str(folder)}) as url:
        yield url


def test_without_a_release_history_changes_and_releases_are_empty_with_their_header(bare_url) -> None:
    changes = served(f"{bare_url}/api/v1/changes.csv?since=1.0.0")
    assert list(changes.columns) == [
        "change_id",
        "release",
        "table",
        "row_id",
        "change",
        "fields",
        "old_value",
        "why",
        "source_id",
    ]
    assert changes.empty and served(f"{bare_url}/api/v1/changes.csv").empty
    releases = served(f"{bare_url}/api/v1/releases.csv")
    assert list(releases.columns) == ["version", "created", "summary"] and releases.empty
    assert not feedparser.parse(f"{bare_url}/api/v1/feed.atom").bozo
    assert fetch(f"{bare_url}/api/v1/releases.csv?version=1.0.0")[0] == 400  # no table, so no filters


def test_a_citation_of_a_view_names_its_filters_version_access_date_and_link(app_url) -> None:
    today = datetime.now(UTC).date().isoformat()
    _, _, bib = fetch(f"{app_url}/api/v1/cite.bib?table=models&developer_id=deepseek")
    text = bib.decode()
    fields = dict(re.findall(r"^\s+(\w+) = \{+(.*?)\}+,?$", text, flags=re.M))
    assert text.startswith("@misc{") and fields["version"] == DATASET.version and fields["urldate"] == today
    assert fields["url"] == f"{app_url}/data?table=models&developer_id=deepseek"
    rows = (shipped("models")["developer_id"] == "deepseek").sum()
    assert f"developer_id=deepseek; {rows} rows" in fields["note"]
    _, headers, ris = fetch(f"{app_url}/api/v1/cite.ris?table=chips")
    tags = dict(line.split("  - ", 1) for line in ris.decode().split("\r\n") if "  - " in line)
    assert tags["TY"] == "DATA" and tags["ET"] == DATASET.version and tags["Y2"] == today.replace("-", "/")
    assert headers["content-type"].startswith("application/x-research-info-systems")
    _, _, csl = fetch(f"{app_url}/api/v1/cite.json")
    item = json.loads(csl)[0]
    assert (
        item["type"] == "dataset" and item["version"] == DATASET.version and item["title"] == DATASET.package["title"]
    )


def test_an_unchanged_copy_gets_304_and_gzip_is_sent_when_asked(app_url) -> None:
    url = f"{app_url}/api/v1/events.csv"
    status, headers, body = fetch(url)
    assert status == 200 and DATASET.version in headers["etag"]
    status, again, empty = fetch(url, headers={"If-None-Match": headers["etag"]})
    assert status == 304 and empty == b"" and again["etag"] == headers["etag"]
    assert fetch(url, headers={"If-None-Match": 'W/"0.0.1+old"'})[0] == 200
    status, zipped, packed = fetch(url, headers={"Accept-Encoding": "gzip"})
    assert zipped.get("content-encoding") == "gzip" and gzip.decompress(packed) == body
    assert len(packed) < len(body) / 2
    status, _, nothing = fetch(url, method="HEAD")
    assert status == 200 and nothing == b""


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/v1/nosuchtable.csv", 404, ['"nosuchtable.csv"', "models.csv"]),
        ("/api/v1/models.xlsx", 404, ['"models.xlsx"', "/api/v1/"]),
        ("/api/v1/models.csv?colour=red", 400, ['"colour"', "developer_id", "open_weights"]),
        ("/api/v1/models.csv?open_weights=yes", 400, ['"open_weights"', '"yes"', "true or false"]),
        ("/api/v1/models.csv?developer_id=nobody", 400, ['"developer_id"', '"nobody"', "deepseek"]),
        ("/api/v1/models.csv?cols=model_id,secret", 400, ['"cols"', '"secret"', "model_id"]),
        ("/api/v1/changes.csv?since=latest", 400, ['"since"', '"latest"', "1.0.0"]),
        ("/api/v1/cite.bib?table=../models", 400, ['"table"', "models"]),
        ("/api/v1/datapackage.json?x=1", 400, ['"x"', "no parameters"]),
        ("/api/v1/status.csv?asof=2025-13-45", 400, ['"asof"', '"2025-13-45"', "YYYY-MM-DD"]),
        ("/api/v1/events.csv?event_id=ev_nothing", 400, ['"event_id"', '"ev_nothing"']),
    ],
)
def test_bad_input_gets_its_status_and_a_message_naming_what_is_accepted(app_url, path, status, words) -> None:
    got, headers, body = fetch(app_url + path)
    text = body.decode()
    assert got == status and headers["content-type"].startswith("text/plain"), text
    for word in words:
        assert word in text, (word, text)
    assert "Traceback" not in text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_only_get_and_head_are_answered(app_url, method) -> None:
    status, headers, body = fetch(f"{app_url}/api/v1/models.csv", method=method)
    assert status == 405 and headers["allow"] == "GET, HEAD" and b"read-only" in body


POLISH = {"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.8"}


@pytest.mark.parametrize(
    ("path", "method", "headers", "status", "words"),
    [
        ("/api/v1/models.csv?colour=red&lang=pl", "GET", {}, 400, ['Nieznany parametr "colour"', "Dozwolone:"]),
        ("/api/v1/models.csv?open_weights=yes", "GET", POLISH, 400, ['"open_weights"', "true lub false"]),
        ("/api/v1/nosuchtable.csv", "GET", POLISH, 404, ['Nie ma tu adresu "nosuchtable.csv"', "models.csv"]),
        ("/api/v1/models.csv?lang=pl", "POST", {}, 405, ["nie jest tu dozwolone", "tylko do odczytu"]),
    ],
)
def test_refusals_speak_polish_from_lang_or_the_browsers_language(
    app_url, path, method, headers, status, words
) -> None:
    got, answer_headers, body = fetch(app_url + path, method=method, headers=headers)
    text = body.decode()
    assert got == status and answer_headers["content-language"] == "pl", text
    for word in words:
        assert word in text, (word, text)
    assert "Unknown parameter" not in text and "not allowed" not in text and "No address" not in text


def test_the_index_speaks_polish_when_asked_and_english_otherwise(app_url) -> None:
    status, headers, body = fetch(f"{app_url}/api/v1/?lang=pl")
    index = json.loads(body)
    assert status == 200 and headers["content-language"] == "pl"
    assert index["addresses"][0]["answers"] == "ten spis: każdy adres z przykładem"
    assert all(set(a) == {"address", "example", "answers"} for a in index["addresses"]), "the keys stay ids"
    german = json.loads(fetch(f"{app_url}/api/v1/", headers={"Accept-Language": "de-DE,de"})[2])
    assert german["addresses"][0]["answers"] == "this index: every address with an example"
    assert fetch(f"{app_url}/api/v1/models.csv?lang=pl")[2] == fetch(f"{app_url}/api/v1/models.csv")[2], (
        "the data itself is the same in both languages"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/../serve.py",
        "/api/v1/../../data/models.csv",
        "/api/v1/..%2f..%2fserve.py",
        "/api/v1/%2e%2e/%2e%2e/etc/passwd",
        "/api/v1/models.csv/../../../dashboard.py",
        "/api/v1/....//....//serve.py",
        "/api/v1/%252e%252e%252fserve.py",
    ],
)
def test_nothing_outside_the_package_can_be_reached(app_url, path) -> None:
    status, body = raw_path(app_url, path)
    assert b"import streamlit" not in body and b"root:" not in body and b"st.App" not in body
    if status == 200:  # a path a server resolves to the app's own page is the page, never a file
        assert body.lstrip().startswith((b"<!--", b"<!DOCTYPE", b"<html")), body[:80]
    else:
        assert status in (400, 404), status


def test_echoed_values_are_plain_text_cut_short(app_url) -> None:
    hostile = "<script>alert(1)</script>" + "x" * 5000
    status, headers, body = fetch(f"{app_url}/api/v1/models.csv?developer_id={quote(hostile)}")
    assert status == 400 and headers["content-type"].startswith("text/plain")
    assert len(body) < 800 and b"x" * 100 not in body and "…".encode() in body


@pytest.fixture(scope="module")
def history_url(tmp_path_factory):
    """The app served from a copy of the data with a release history (two releases, three changes)."""
    folder = tmp_path_factory.mktemp("history") / "data"
    shutil.copytree(DATA_DIR, folder)
    (folder / "releases.csv").write_text(  # in the package's own schema, newest last as `make release` writes
        "version,created,summary\n1.0.0,2025-12-01,First release\n1.1.0,2026-06-10,Sites and tenants\n",
        encoding="utf-8",
    )
    (folder / "changes.csv").write_text(
        "change_id,release,table,row_id,change,fields,old_value,why,source_id\n"
        "1.0.0/models/qwen/added,1.0.0,models,qwen,added,,,first load,thedecoder_2023_tongyi_qianwen\n"
        "1.1.0/models/qwen2/corrected/release_date,1.1.0,models,qwen2,corrected,release_date,2024-06-07,"
        "official README,github_qwen3_readme\n"
        "1.1.0/chips/h20/changed,1.1.0,chips,h20,changed,note,,clearer note,\n",
        encoding="utf-8",
    )
    with serve(ROOT, env={"SUPPLYCHAIN_DATA_DIR": str(folder)}) as url:
        yield url


def test_changes_since_a_version_are_only_the_later_releases_changes(history_url) -> None:
    got = served(f"{history_url}/api/v1/changes.csv?since=1.0.0")
    assert list(got["row_id"]) == ["qwen2", "h20"] and list(got["change"]) == ["corrected", "changed"]
    assert len(served(f"{history_url}/api/v1/changes.csv")) == 3
    assert served(f"{history_url}/api/v1/changes.csv?since=1.1.0").empty
    assert list(served(f"{history_url}/api/v1/releases.csv")["version"]) == ["1.0.0", "1.1.0"]  # newest last
    assert list(served(f"{history_url}/api/v1/changes.csv?since=1.0.0&change=changed")["row_id"]) == ["h20"]


def test_the_feed_has_an_entry_per_release_with_what_it_changed(history_url) -> None:
    feed = feedparser.parse(f"{history_url}/api/v1/feed.atom")
    assert not feed.bozo
    release = next(e for e in feed.entries if e.title == "Release 1.1.0")
    assert "Sites and tenants" in release.summary and "1 corrected" in release.summary
    assert "1 changed" in release.summary and release.updated.startswith("2026-06-10")
    assert release.link.endswith("/api/v1/changes.csv?since=1.0.0")
    assert next(e for e in feed.entries if e.title == "Release 1.0.0").link.endswith("/api/v1/changes.csv")


def test_a_route_answers_within_thirty_ms_of_server_time(app_url) -> None:
    """The issue's target at the shipped size: a data route answers in <= 30 ms (median of 20, warm)."""
    import time

    url = f"{app_url}/api/v1/relationships.csv?evidence=official"
    fetch(url)
    times = []
    for _ in range(20):
        start = time.perf_counter()
        assert fetch(url)[0] == 200
        times.append(time.perf_counter() - start)
    assert sorted(times)[10] < 0.030, sorted(times)


def test_pages_are_still_served_by_the_same_process(app_url) -> None:
    status, headers, body = fetch(f"{app_url}/data")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert fetch(f"{app_url}/_stcore/health")[0] == 200
    assert 'st.App("dashboard.py"' in (ROOT / "serve.py").read_text(encoding="utf-8"), "one process: pages and data"


def test_export_status_by_url_answers_every_chip_on_the_day_asked(app_url) -> None:
    chips = shipped("chips")
    got = served(f"{app_url}/api/v1/status.csv?asof=2025-11-27")
    assert sorted(got["chip_name"]) == sorted(chips["name"])
    assert len(served(f"{app_url}/api/v1/status.csv")) == len(chips)


def test_rows_by_their_ids_are_exactly_those_rows(app_url) -> None:
    events = shipped("events")
    ids = list(events["event_id"].iloc[[3, 0, 7]])
    got = served(f"{app_url}/api/v1/events.csv?event_id={','.join(ids)}")
    assert sorted(got["event_id"]) == sorted(ids)


def test_the_readme_documents_every_kind_of_address_the_index_lists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Data by URL", 1)[1].split("\n## ", 1)[0]
    for path, _example, _about in examples(DATASET):
        kind = path.split(".")[0] if path.split(".")[0] in ("cite", "status", "changes", "releases") else path
        if path.split(".")[0] in TABLES:
            kind = "{table}.csv"
        assert kind in section, f"README's Data by URL does not mention {path}"


def test_a_measure_date_after_the_records_reach_is_marked_scheduled_never_as_happened() -> None:
    policies = pd.DataFrame(
        {
            "policy_id": ["p_rule", "p_pause"],
            "name": ["A rule", "A suspension"],
            "effective_date": [pd.Timestamp("2025-01-13"), pd.Timestamp("2025-11-10")],
            "ended_date": [pd.NaT, pd.Timestamp("2026-11-09")],
            "status": ["in_force", "suspended"],
        }
    )
    entries = measure_entries({"reviewed_through": "2026-06-05"}, {"policies": policies})
    titles = {e.title: e for e in entries}
    assert set(titles) == {"A rule takes effect", "A suspension takes effect", "Scheduled: A suspension ends"}
    assert "outcome not confirmed" in titles["Scheduled: A suspension ends"].summary
    assert "not confirmed" not in titles["A rule takes effect"].summary
    assert [e.day for e in entries] == ["2026-11-09", "2025-11-10", "2025-01-13"]
