"""`make bench` (part 2): how the served app (serve.py: pages and data routes) behaves as readers grow.

For N concurrent readers (default 1, 10, 50) it prints, per kind of reader:
  - HTTP clients of the data routes (threads, 20 requests each over a mix of addresses): throughput, p50/p95
    latency as the client sees it, p50/p95 of the server's own time (the routes' Server-Timing header), errors,
    and the server's memory growth per reader;
  - page readers (Chromium contexts, each a new Streamlit session, opened together): pages settled per second,
    p50/p95 time to a settled page, errors (not settled, or an error box), server memory per open session.
Figures only, no asserts. Targets from issue 20: a route <= 30 ms of server time; 50 clients x 20 requests with
no error and p95 <= 150 ms; 20 page readers with no error and <= 5 MB of server memory each.

Run: python -m bench.concurrency [--http 1,10,50] [--pages 1,10,20] [--requests 20] [--url http://host:port]
(--url measures a server already running, e.g. `make serve WORKERS=2`; its memory is then not read.)
"""

from __future__ import annotations

import argparse
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

from bench import browser as b

ROOT = Path(__file__).resolve().parent.parent
ADDRESSES = [
    "/api/v1/models.csv?developer_id=deepseek&open_weights=true",
    "/api/v1/events.json?category=us_measure",
    "/api/v1/relationships.csv?evidence=official",
    "/api/v1/status.csv?asof=2025-11-27",
    "/api/v1/datapackage.json",
    "/api/v1/cite.bib?table=chips",
    "/api/v1/sources.csv",
    "/api/v1/feed.atom",
]
PAGES = ["/", "/status", "/map", "/timeline", "/data?table=models", "/relationships", "/sources", "/sites"]


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def fmt(value: float | None, unit: str = "ms") -> str:
    return "n/a" if value is None else f"{value:.1f} {unit}"


class PeakRss:
    """Samples the server's resident memory every 50 ms in a thread; `peak` is the highest seen (MiB)."""

    def __init__(self, pid: int | None) -> None:
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, b.rss_mib(self.pid))
            time.sleep(0.05)

    def __enter__(self) -> PeakRss:
        if self.pid:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self.pid:
            self._thread.join()


def get(url: str) -> tuple[int, float, float | None]:
    """(status, client ms, server ms from Server-Timing) of one GET; a refused connection is status 0."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status, timing = response.status, response.headers.get("Server-Timing", "")
    except urllib.error.HTTPError as error:
        status, timing = error.code, ""
    except OSError:
        status, timing = 0, ""
    took = (time.perf_counter() - start) * 1000
    server = float(timing.split("dur=")[1]) if "dur=" in timing else None
    return status, took, server


def http_round(base: str, pid: int | None, readers: int, requests: int) -> dict:
    """`readers` threads, each `requests` GETs over ADDRESSES (each reader starts at a different one)."""
    before = b.rss_mib(pid) if pid else None
    results: list[tuple[int, float, float | None]] = []
    lock = threading.Lock()

    def reader(i: int) -> None:
        for j in range(requests):
            outcome = get(base + ADDRESSES[(i + j) % len(ADDRESSES)])
            with lock:
                results.append(outcome)

    with PeakRss(pid) as rss:
        start = time.perf_counter()
        with ThreadPoolExecutor(readers) as pool:
            list(pool.map(reader, range(readers)))
        wall = time.perf_counter() - start
    client = [r[1] for r in results]
    server = [r[2] for r in results if r[2] is not None]
    return {
        "readers": readers,
        "requests": len(results),
        "per_s": len(results) / wall,
        "p50": pct(client, 0.5),
        "p95": pct(client, 0.95),
        "server_p50": pct(server, 0.5),
        "server_p95": pct(server, 0.95),
        "errors": sum(1 for r in results if r[0] != 200),
        "mib_per_reader": (rss.peak - before) / readers if pid else None,
    }


def page_round(browser, base: str, pid: int | None, readers: int) -> dict:
    """`readers` fresh browser sessions open a page each (PAGES in turn) at once and stay open while measured."""
    before = b.rss_mib(pid) if pid else None
    opened = [b.new_page(browser) for _ in range(readers)]
    try:
        start = time.perf_counter()
        for i, (_context, page) in enumerate(opened):
            page.goto(base + PAGES[i % len(PAGES)], wait_until="commit", timeout=120000)
        # Each page's time is read on its own clock (navigation start -> settled), so polling them one after
        # another does not add to it.
        settled = [b.settle(page, timeout_s=600) for _context, page in opened]
        wall = time.perf_counter() - start
        after = b.rss_mib(pid) if pid else None
    finally:
        for context, _page in opened:
            context.close()
    times = [s["ms"] for s in settled if s["settled"]]
    return {
        "readers": readers,
        "per_s": readers / wall,
        "p50": pct(times, 0.5),
        "p95": pct(times, 0.95),
        "errors": sum(1 for s in settled if not s["settled"] or s["errors"]),
        "mib_per_reader": (after - before) / readers if pid else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--http", default="1,10,50", help="HTTP readers per round")
    parser.add_argument("--pages", default="1,10,50", help="page readers per round ('' for none)")
    parser.add_argument("--requests", type=int, default=20, help="requests per HTTP reader")
    parser.add_argument("--url", default="", help="measure this running server instead of starting one")
    args = parser.parse_args()
    http_counts = [int(n) for n in args.http.split(",") if n]
    page_counts = [int(n) for n in args.pages.split(",") if n]

    server = nullcontext((args.url.rstrip("/"), None)) if args.url else b.serve(ROOT)
    with server as (base, pid):
        for address in ADDRESSES:  # warm: the first request loads the data, as the first reader's would
            get(base + address)
        b.log(f"serving at {base} (pid {pid or 'not read'}); RSS {fmt(b.rss_mib(pid) if pid else None, 'MiB')}")
        print(f"\nData routes ({args.requests} requests per reader, {len(ADDRESSES)} addresses in turn)")
        print("readers  req/s   p50      p95      server p50  server p95  errors  MiB/reader")
        for n in http_counts:
            r = http_round(base, pid, n, args.requests)
            print(
                f"{n:>7}  {r['per_s']:>5.0f}  {fmt(r['p50']):>7}  {fmt(r['p95']):>7}  {fmt(r['server_p50']):>10}  "
                f"{fmt(r['server_p95']):>10}  {r['errors']:>6}  {fmt(r['mib_per_reader'], 'MiB'):>10}",
                flush=True,
            )
        if page_counts:
            from playwright.sync_api import sync_playwright

            print("\nPage readers (a new session each, opened together, pages in turn: " + ", ".join(PAGES) + ")")
            print("readers  pages/s  p50        p95        errors  MiB/reader")
            with sync_playwright() as playwright:
                browser = b.launch(playwright)
                b.open_cold(browser, base + "/")  # warm: caches and the data, as a server that has served once
                for n in page_counts:
                    b.log(f"{n} page readers")
                    r = page_round(browser, base, pid, n)
                    print(
                        f"{n:>7}  {r['per_s']:>7.2f}  {fmt(r['p50']):>9}  {fmt(r['p95']):>9}  {r['errors']:>6}  "
                        f"{fmt(r['mib_per_reader'], 'MiB'):>10}",
                        flush=True,
                    )
                browser.close()


if __name__ == "__main__":
    main()
