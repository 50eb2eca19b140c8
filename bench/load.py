"""Load test: N concurrent sessions for a few minutes against one served app; prints errors, page-run latency and
server memory (a bench that prints figures, not a test).

Each session is a Streamlit websocket client speaking the browser's protocol (BackMsg rerun_script with the page's
URL path and query string, ForwardMsg deltas until script_finished), so 30 sessions cost the machine one Python
process instead of 30 Chromiums. A session opens a page, waits for its run to finish, pauses THINK_S, and moves to
the next page of PAGES (with its view settings), for DURATION_S. An error is an exception element in a run, a run
that does not finish within TIMEOUT_S, or a dropped connection. The server's RSS is read from /proc every second.

    python -m bench.load                      # 30 sessions, 180 s, port 8612
    python -m bench.load --sessions 5 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
PORT = 8612
THINK_S = 1.0
TIMEOUT_S = 120.0
# (url path, query string): every page, with the view settings a reader's link carries. `{n}` varies per visit
# (a day, a region, a table, an entity), so the caches fill as they do when many readers choose their own views.
DAYS = [f"20{y}-{m:02d}-01" for y in (23, 24, 25) for m in range(1, 13)]
REGIONS = ["world", "east_asia", "sea", "strait"]
TABLES = ["models", "companies", "chips", "events", "relationships", "sources", "claims", "policies"]
ENTITIES = ["alibaba", "bytedance", "deepseek", "nvidia", "huawei", "h20", "tencent", "baidu"]
PAGES = [
    ("", lambda n: ""),  # the Overview, the default page, is served at "/"
    ("status", lambda n: f"asof={DAYS[n % len(DAYS)]}"),
    ("map", lambda n: f"region={REGIONS[n % len(REGIONS)]}"),
    ("sites", lambda n: ""),
    ("timeline", lambda n: f"from={DAYS[n % 12]}&to={DAYS[12 + n % 24]}" + ("&lanes=us&lanes=models" if n % 2 else "")),
    ("relationships", lambda n: f"focus={ENTITIES[n % len(ENTITIES)]}"),
    ("entity", lambda n: f"id={ENTITIES[n % len(ENTITIES)]}"),
    ("data", lambda n: f"table={TABLES[n % len(TABLES)]}"),
    ("sources", lambda n: ""),
    ("present", lambda n: f"step={1 + n % 6}"),
]


@dataclass
class Stats:
    runs: list[float] = field(default_factory=list)  # seconds from request to script_finished
    by_page: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _rerun(page: str, query: str) -> bytes:
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    return msg.SerializeToString()


def _has_exception(msg: ForwardMsg) -> bool:
    return msg.WhichOneof("type") == "delta" and msg.delta.new_element.WhichOneof("type") == "exception"


async def _session(number: int, url: str, until: float, stats: Stats) -> None:
    await asyncio.sleep(number * 0.3)  # readers arrive over ~10 s, not in one burst
    step = number
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60) as ws:
            while time.monotonic() < until:
                page, view = PAGES[step % len(PAGES)]
                query = view(step // len(PAGES))
                step += 1
                started = time.monotonic()
                await ws.send(_rerun(page, query))
                while True:
                    data = await asyncio.wait_for(ws.recv(), timeout=TIMEOUT_S)
                    msg = ForwardMsg()
                    msg.ParseFromString(data if isinstance(data, bytes) else data.encode())
                    if _has_exception(msg):
                        stats.errors.append(f"{page}?{query}: {msg.delta.new_element.exception.message[:120]}")
                    if msg.WhichOneof("type") == "page_not_found":
                        stats.errors.append(f"{page}: page not found")
                    if msg.WhichOneof("type") == "script_finished":
                        if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                            elapsed = time.monotonic() - started
                            stats.runs.append(elapsed)
                            stats.by_page.setdefault(page, []).append(elapsed)
                            break
                        if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                            stats.errors.append(f"{page}: compile error")
                            break
                        # FINISHED_EARLY_FOR_RERUN: the page asked for a rerun (st.rerun); wait for that run.
                await asyncio.sleep(THINK_S)
    except TimeoutError:
        stats.errors.append(f"session {number}: a run did not finish within {TIMEOUT_S:.0f} s")
    except websockets.ConnectionClosed as exc:
        stats.errors.append(f"session {number}: connection closed ({exc})")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server process so far (from /proc; counts no time spent waiting for a core)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mib(pid: int) -> float:
    """Resident memory of the server process (MiB), from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _sample_memory(pid: int, until: float, samples: list[float]) -> None:
    while time.monotonic() < until:
        samples.append(_rss_mib(pid))
        await asyncio.sleep(1.0)


def _wait_healthy(port: int, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the server did not start")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def _cache_sizes(port: int) -> list[tuple[str, float]]:
    """(cache, bytes) of every st.cache_* function, largest first, from Streamlit's metrics endpoint."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/metrics", timeout=10) as answer:
        text = answer.read().decode()
    sizes: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("cache_memory_bytes{"):
            labels, value = line.rsplit(" ", 1)
            kind = labels.split('cache_type="', 1)[-1].split('"', 1)[0]
            name = kind + " " + labels.split('cache="', 1)[-1].split('"', 1)[0].rsplit(".", 1)[-1]
            sizes[name] = sizes.get(name, 0.0) + float(value)
    return sorted(sizes.items(), key=lambda item: -item[1])


def _load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


async def _main(sessions: int, seconds: float, port: int) -> None:
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port)]
    # Served as `make run` serves it: two malloc arenas (see the Makefile), unless the caller set its own.
    env = {**os.environ, "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2")}
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_healthy(port)
        print(f"MALLOC_ARENA_MAX={env['MALLOC_ARENA_MAX']}; {os.cpu_count()} cores")
        print(f"server pid {server.pid}, RSS at start {_rss_mib(server.pid):.0f} MiB, load average {_load_average()}")
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        # One warm-up session opens every page once, so the figures below are the steady state readers meet.
        warm = Stats()
        for page, view in PAGES:
            await _one_run(url, page, view(0), warm)
        print(f"after one run of every page: RSS {_rss_mib(server.pid):.0f} MiB, warm-up errors {len(warm.errors)}")
        stats, memory = Stats(), []
        cpu_before = _cpu_seconds(server.pid)
        until = time.monotonic() + seconds
        await asyncio.gather(
            _sample_memory(server.pid, until + 5, memory),
            *(_session(n, url, until, stats) for n in range(sessions)),
        )
        cpu = _cpu_seconds(server.pid) - cpu_before
        print(f"\n{sessions} sessions for {seconds:.0f} s, load average at the end {_load_average()}")
        print(f"page runs: {len(stats.runs)}; errors: {len(stats.errors)}")
        if stats.runs:
            print(f"server CPU: {cpu:.0f} s in all, {1000 * cpu / len(stats.runs):.0f} ms per page run")
        for error in stats.errors[:10]:
            print("  error:", error)
        if stats.runs:
            print(
                f"page-run latency (request to script finished): median {statistics.median(stats.runs):.2f} s, "
                f"p90 {_percentile(stats.runs, 0.9):.2f} s, max {max(stats.runs):.2f} s"
            )
        for page, values in sorted(stats.by_page.items()):
            print(f"  {page:14} runs {len(values):5}  median {statistics.median(values):6.2f} s")
        if memory:
            print(
                f"server RSS: start of load {memory[0]:.0f} MiB, max {max(memory):.0f} MiB, "
                f"end {memory[-1]:.0f} MiB ({len(memory)} samples); "
                f"{(memory[-1] - memory[0]) / sessions:.1f} MiB per session over the warm server"
            )
            minute = [m for i, m in enumerate(memory) if i % 30 == 0]
            print("  RSS every 30 s:", ", ".join(f"{m:.0f}" for m in minute))
        print("largest caches (Streamlit's /_stcore/metrics, MiB):")
        for name, size in _cache_sizes(port)[:8]:
            print(f"  {name:60} {size / 2**20:7.1f}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


async def _one_run(url: str, page: str, query: str, stats: Stats) -> None:
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60) as ws:
        started = time.monotonic()
        await ws.send(_rerun(page, query))
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=TIMEOUT_S))
            if _has_exception(msg):
                stats.errors.append(f"{page}: {msg.delta.new_element.exception.message[:120]}")
            if (
                msg.WhichOneof("type") == "script_finished"
                and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
            ):
                stats.runs.append(time.monotonic() - started)
                return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", PORT)))
    args = parser.parse_args()
    asyncio.run(_main(args.sessions, args.seconds, args.port))


if __name__ == "__main__":
    main()
