"""`make bench`: how the app performs at the shipped size and at 10x and 100x synthetic data.

For each size it starts the app on loopback with SUPPLYCHAIN_DATA_DIR pointing at a synthetic
package (bench/synth.py; 1x = the shipped data) and prints, next to a blank Streamlit page
measured in the same run:
  - load and validation time of the package (in this process, as the server does it);
  - page open: first visit after the server start, and the median of later cold visits
    (fresh browser context each), as a ratio to the blank page;
  - in-app navigation: click on the nav link -> settled, and the server's run time for it;
  - filter changes (a radio or multiselect on the map, timeline and relationships pages):
    in the browser (action -> settled) and on the server (script run time), for a new value and for going
    back to the view shown before (whose chart is cached);
  - server memory with 1 session and with 20 concurrent sessions (browser contexts).
Figures only, no asserts: on a shared machine absolute times vary, the ratios hold best.

Run: python -m bench.run [--quick] [--sizes 1,10,100] [--repeat N]   (env SIZES=1,10 works too)
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import tempfile
import time
from pathlib import Path

from bench import browser as b
from bench.synth import write_package
from supplychain.data.load import load_dataset

ROOT = Path(__file__).resolve().parent.parent
# Extra pages a reader reaches by link rather than the nav: a profile, and story mode.
EXTRA_PAGES = ["/entity?id=deepseek", "/present"]
# (page, widget key): filter changes timed in the browser; a key the page lacks prints "n/a".
FILTERS = [("/map", "region"), ("/timeline", "company"), ("/relationships", "hops")]
SESSIONS = 20


def fmt(value: float | None, unit: str = "ms") -> str:
    if value is None:
        return "n/a"
    return f"{value:.0f} {unit}" if unit == "ms" else f"{value:.2f}{unit}"


def median(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def with_cpu(pid: int, action, *args) -> dict:
    """Run one timed browser action and add the server's CPU time during it (`cpu_ms`)."""
    before = b.cpu_ms(pid)
    result = action(*args)
    return {**result, "cpu_ms": b.cpu_ms(pid) - before}


def blank_page(browser, repeat: int) -> float:
    """Median cold open of a one-line Streamlit app, the yardstick for every ratio."""
    with tempfile.TemporaryDirectory(prefix="bench-blank-") as folder:
        Path(folder, "app.py").write_text("import streamlit as st\n\nst.write('hello')\n")
        with b.serve(Path(folder), "app.py") as (base, _pid):
            b.open_cold(browser, base + "/")  # warm-up: the server's first page pays its imports
            return median([b.open_cold(browser, base + "/")["ms"] for _ in range(repeat)])


def measure_size(browser, data_dir: Path, blank_ms: float, repeat: int) -> dict:
    """Every figure for one data folder."""
    out: dict = {}
    t = time.perf_counter()
    dataset = load_dataset(data_dir)
    out["load_s"] = time.perf_counter() - t
    out["rows"] = sum(len(f) for f in dataset.tables.values())
    out["problems"] = len(dataset.problems)
    with b.serve(ROOT, env={"SUPPLYCHAIN_DATA_DIR": str(data_dir)}) as (base, pid):
        context, page = b.new_page(browser)
        page.goto(base + "/", wait_until="commit", timeout=90000)
        first = b.settle(page, timeout_s=400)
        b.log(f"{data_dir.name}: first page after server start {fmt(first['ms'])}")
        out["server_first_open_ms"] = first["ms"]
        paths = b.nav_links(page, base)
        out["rss_1_session"] = b.rss_mib(pid)
        # Navigation: click through every nav link and back to the first page.
        out["nav"] = {}
        for _ in range(max(1, repeat - 1)):
            for path in paths[1:] + paths[:1]:
                out["nav"].setdefault(path, []).append(with_cpu(pid, b.click_nav, page, base, path))
                b.log(f"nav -> {path}: {fmt(out['nav'][path][-1]['ms'])}")
        context.close()

        out["pages"] = {}
        for path in paths + EXTRA_PAGES:
            runs = [with_cpu(pid, b.open_cold, browser, base + path) for _ in range(repeat + 1)]
            b.log(f"{path}: opened in {', '.join(fmt(r['ms']) for r in runs)}")
            out["pages"][path] = {
                "first_ms": runs[0]["ms"],
                "median_ms": median([r["ms"] for r in runs[1:]]),
                "ratio": (median([r["ms"] for r in runs[1:]]) or 0) / blank_ms,
                "server_ms": median([r["server_ms"] for r in runs[1:]]),
                "cpu_ms": median([r["cpu_ms"] for r in runs[1:]]),
                "first_cpu_ms": runs[0]["cpu_ms"],
                "errors": max(r["errors"] for r in runs),
                "settled": all(r["settled"] for r in runs),
            }

        out["filters"] = {}
        for path, key in FILTERS:
            context, page = b.new_page(browser)
            page.goto(base + path, wait_until="commit", timeout=90000)
            b.settle(page)
            runs, backs = [], []
            for _ in range(repeat):  # each time: a new value (its chart is built), then back (its chart is cached)
                before = b.widget_state(page, key)
                runs.append(with_cpu(pid, b.change_widget, page, key))
                backs.append(with_cpu(pid, b.revert_widget, page, key, before))
            b.log(
                f"filter {path} {key}: {', '.join(fmt(r['ms']) for r in runs)}; back: "
                f"{', '.join(fmt(r['ms']) for r in backs)}"
            )
            out["filters"][f"{path} {key}"] = {
                "browser_ms": median([r["ms"] for r in runs]),
                "server_ms": median([r["server_ms"] for r in runs]),
                "cpu_ms": median([r["cpu_ms"] for r in runs]),
                "back_browser_ms": median([r["ms"] for r in backs]),
                "back_server_ms": median([r["server_ms"] for r in backs]),
                "back_cpu_ms": median([r["cpu_ms"] for r in backs]),
                "missing": any(r.get("missing") for r in runs),
            }
            context.close()

        out["rss_before_sessions"] = b.rss_mib(pid)
        sessions = []
        pages_cycle = paths + EXTRA_PAGES
        t = time.perf_counter()
        for i in range(SESSIONS):
            context, page = b.new_page(browser)
            page.goto(base + pages_cycle[i % len(pages_cycle)], wait_until="commit", timeout=90000)
            sessions.append((context, page))
        deadline = time.monotonic() + 300
        states = [b.settle(page, timeout_s=max(5.0, deadline - time.monotonic())) for _context, page in sessions]
        out["sessions_s"] = time.perf_counter() - t
        out["sessions_settled"] = sum(s["settled"] for s in states)
        out["sessions_errors"] = sum(s["errors"] for s in states)
        out["rss_20_sessions"] = b.rss_mib(pid)
        for context, _page in sessions:
            context.close()
    return out


def report(size: int, result: dict, blank_ms: float) -> None:
    print(f"\n== {size}x: {result['rows']} rows, load and validation {result['load_s']:.1f} s", end="")
    print(f", problems {result['problems']}" if result["problems"] else "")
    print(f"first page after server start: {fmt(result['server_first_open_ms'])}")
    print(
        f"{'page':<24} {'x blank':>8} {'median':>9} {'first visit':>12} {'server run':>11} {'server CPU':>11} "
        f"{'1st CPU':>9}  notes"
    )
    for path, p in result["pages"].items():
        notes = ("errors on page " if p["errors"] else "") + ("" if p["settled"] else "did not settle")
        print(
            f"{path:<24} {p['ratio']:>8.2f} {fmt(p['median_ms']):>9} {fmt(p['first_ms']):>12} {fmt(p['server_ms']):>11}"
            f" {fmt(p['cpu_ms']):>11} {fmt(p['first_cpu_ms']):>9}  {notes}"
        )
    print(f"{'navigation (click)':<24} {'settled':>9} {'server run':>11} {'server CPU':>11}")
    for path, runs in result["nav"].items():
        print(
            f"{'-> ' + path:<24} {fmt(median([r['ms'] for r in runs])):>9} "
            f"{fmt(median([r['server_ms'] for r in runs])):>11}"
            f" {fmt(median([r['cpu_ms'] for r in runs])):>11}"
        )
    print(
        f"{'filter change':<24} {'browser':>9} {'server run':>11} {'server CPU':>11}"
        f"   {'back: browser':>13} {'server run':>11} {'server CPU':>11}"
    )
    for name, f in result["filters"].items():
        note = "  (widget not found)" if f["missing"] else ""
        print(
            f"{name:<24} {fmt(f['browser_ms']):>9} {fmt(f['server_ms']):>11} {fmt(f['cpu_ms']):>11}"
            f"   {fmt(f.get('back_browser_ms')):>13} {fmt(f.get('back_server_ms')):>11} "
            f"{fmt(f.get('back_cpu_ms')):>11}{note}"
        )
    print("  (a new value builds its chart; 'back' returns to the view shown before, whose chart is cached)")
    extra = result["rss_20_sessions"] - result["rss_before_sessions"]
    print(
        f"server memory: {result['rss_1_session']:.0f} MiB with 1 session; {result['rss_20_sessions']:.0f} MiB with "
        f"{SESSIONS} concurrent sessions (+{extra / SESSIONS:.1f} MiB each); {result['sessions_settled']}/{SESSIONS} "
        f"settled in {result['sessions_s']:.0f} s, {result['sessions_errors']} error boxes"
    )


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=os.environ.get("SIZES") or None, help="comma-separated multiples (1,10,100)")
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("REPEAT", "2")), help="timed runs of each")
    parser.add_argument("--quick", action="store_true", help="sizes 1 and 10, one run each")
    args = parser.parse_args()
    sizes = [int(s) for s in (args.sizes or ("1,10" if args.quick else "1,10,100")).split(",") if s.strip()]
    repeat = 1 if args.quick else max(1, args.repeat)
    from playwright.sync_api import sync_playwright

    signal.signal(signal.SIGTERM, _interrupt)  # so `finally` stops the server this bench started
    started = time.perf_counter()
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="bench-data-") as scratch:
        browser = b.launch(playwright)
        try:
            blank_ms = blank_page(browser, repeat + 1)
            print(f"blank Streamlit page: {fmt(blank_ms)} (median of {repeat + 1} cold opens)")
            for size in sizes:
                data_dir = ROOT / "data" if size == 1 else Path(scratch) / f"x{size}"
                if size != 1:
                    write_package(size, data_dir)
                report(size, measure_size(browser, data_dir, blank_ms, repeat), blank_ms)
        finally:
            browser.close()
    print(f"\nbench took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
