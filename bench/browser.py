"""Serve a Streamlit app on loopback and time it in headless Chromium, the way a reader sees it.

A page is "settled" when Streamlit's script run is done, the websocket is connected, no HTTP
request is pending and the DOM has been quiet for SETTLE_MS; the time reported ends at the last
of (run done, last DOM change, last HTTP response), so the quiet window itself is not counted.
Server time is read from the same page: the spans in which the app showed "running"
(Streamlit's script-run state, set when the server starts and finishes a run).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The one set of Chromium flags (tests/browser.py imports them): no sandbox (containers), no GPU, no background traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SETTLE_MS = 400
VIEWPORT = {"width": 1280, "height": 720}

# Installed before any page script: records script-state transitions and the last DOM change
# (milliseconds on the page clock, performance.now()).
INIT_JS = r"""
(() => {
  const s = window.__bench = {lastMutation: 0, state: null, lastDone: null, transitions: []};
  const read = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return;
    const state = app.getAttribute('data-test-script-state');
    if (state !== s.state) {
      const now = performance.now();
      s.transitions.push([now, state]);
      if (state === 'notRunning') s.lastDone = now;
      s.state = state;
    }
  };
  const obs = new MutationObserver(() => { s.lastMutation = performance.now(); read(); });
  const watched = {subtree: true, childList: true, attributes: true, characterData: true};
  const start = () => { obs.observe(document.documentElement, watched); read(); };
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, {once: true});
})();
"""

STATE_JS = r"""
() => {
  const s = window.__bench || {};
  const app = document.querySelector('[data-testid="stApp"]');
  let lastResponse = 0;
  for (const r of performance.getEntriesByType('resource')) lastResponse = Math.max(lastResponse, r.responseEnd);
  return {
    now: performance.now(),
    state: app ? app.getAttribute('data-test-script-state') : null,
    conn: app ? app.getAttribute('data-test-connection-state') : null,
    lastMutation: s.lastMutation || 0, lastDone: s.lastDone, transitions: s.transitions || [],
    lastResponse: lastResponse,
    running: !!document.querySelector('[data-testid="stStatusWidgetRunningIcon"]'),
    skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
    errors: document.querySelectorAll('[data-testid="stException"], [data-testid="stAlertContentError"]').length,
  };
}
"""

NAV_LINKS = '[data-testid="stSidebarNav"] a, [data-testid="stSidebarNavLink"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_ms(pid: int) -> float:
    """CPU time (user + system) one process has used so far, ms. On a busy machine this is the figure
    that holds: wall time includes waiting for a core, CPU time does not."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    """Resident memory of one process, MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def serve(
    app_dir: Path, entry: str = "serve.py", env: dict[str, str] | None = None, launcher: list[str] | None = None
) -> Iterator[tuple[str, int]]:
    """Run `streamlit run ENTRY` (serve.py: pages and data routes) on a free loopback port; yield (base URL,
    server pid); stop that process after.

    `launcher` replaces `python -m streamlit run` (bench/profile.py runs the server under a profiler).
    """
    port = free_port()
    command = [
        *(launcher or [sys.executable, "-m", "streamlit", "run"]),
        entry,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.runOnSave",
        "false",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    log = tempfile.TemporaryFile()  # a file, not a pipe: an unread full pipe would block the server
    process = subprocess.Popen(
        command,
        cwd=app_dir,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError("streamlit did not start: " + log.read()[-2000:].decode(errors="replace"))
            time.sleep(0.2)
        yield base, process.pid
    finally:
        process.terminate()  # only the process started here, by its handle
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()


def launch(playwright):
    return playwright.chromium.launch(headless=True, executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_page(browser):
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    page = context.new_page()
    page.add_init_script(INIT_JS)
    pending: set = set()
    page.on("request", lambda r: pending.add(r))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    page._bench_pending = pending  # noqa: SLF001 - per-page bookkeeping for settle()
    return context, page


def _ready(page, state: dict, after_ms: float) -> bool:
    quiet = state["now"] - max(state["lastMutation"], state["lastResponse"]) >= SETTLE_MS
    return (
        state["state"] == "notRunning"
        and state["conn"] == "CONNECTED"
        and state["lastDone"] is not None
        and state["lastDone"] > after_ms
        and not page._bench_pending  # noqa: SLF001
        and not state["running"]
        and state["skeletons"] == 0
        and quiet
    )


def log(message: str) -> None:
    """Progress on stderr, so a slow run on a busy machine shows where it is."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def settle(page, *, after_ms: float = -1.0, timeout_s: float = 90.0) -> dict:
    """Wait until the run that finished after `after_ms` is drawn and quiet; return timings in ms.

    `ms`: from `after_ms` (or navigation start) to the last sign of work; `server_ms`: time the
    app spent in "running" after `after_ms`; `errors`: exception and error boxes on the page.
    """
    start = time.monotonic()
    state = page.evaluate(STATE_JS)
    while not _ready(page, state, after_ms):
        if time.monotonic() - start > timeout_s:
            log(
                f"not settled after {timeout_s:.0f} s: {page.url} state={state['state']} "
                f"pending={len(page._bench_pending)}"
            )  # noqa: SLF001
            return {"ms": None, "server_ms": None, "errors": state["errors"], "settled": False}
        time.sleep(0.05)
        state = page.evaluate(STATE_JS)
    end = max(state["lastDone"], state["lastMutation"], state["lastResponse"])
    return {
        "ms": end - max(after_ms, 0.0),
        "server_ms": running_ms(state["transitions"], after_ms),
        "errors": state["errors"],
        "settled": True,
    }


def running_ms(transitions: list, after_ms: float) -> float:
    """Total time in the "running" state after `after_ms`, from the recorded transitions."""
    total, began = 0.0, None
    for at, state in transitions:
        if at < after_ms:
            continue
        if state == "running" and began is None:
            began = at
        elif state != "running" and began is not None:
            total += at - began
            began = None
    return total


def open_cold(browser, url: str) -> dict:
    """One load of `url` in a fresh browser context (no cache, a new session)."""
    context, page = new_page(browser)
    try:
        page.goto(url, wait_until="commit", timeout=90000)
        return settle(page)
    finally:
        context.close()


def nav_links(page, base: str) -> list[str]:
    """Paths of the visible navigation links, in order."""
    out = []
    for href in page.locator(NAV_LINKS).evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        if href:
            path = "/" + href.replace(base, "").lstrip("/")
            if path not in out:
                out.append(path)
    return out


def click_nav(page, base: str, path: str) -> dict:
    """Click the navigation link to `path` in an open page; time click -> settled."""
    links = page.locator(NAV_LINKS)
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href") or ""
        if "/" + href.replace(base, "").lstrip("/") == path:
            t = page.evaluate("performance.now()")
            links.nth(i).click()
            return settle(page, after_ms=t)
    return {"ms": None, "server_ms": None, "errors": 0, "settled": False}


def revert_widget(page, key: str, before: tuple[str, object]) -> dict:
    """Undo change_widget, as a reader would: the radio option or select value chosen before (`before`, from
    widget_state), or the multiselect's last pick removed; time action -> settled. The view it returns to
    was drawn a moment ago, so its chart is cached."""
    box = page.locator(f".st-key-{key}")
    kind, value = before
    if not box.count() or kind == "missing":
        return {"ms": None, "server_ms": None, "errors": 0, "settled": False, "missing": True}
    if kind == "radio":
        t = page.evaluate("performance.now()")
        box.locator("label:has(input[type=radio])").nth(int(value)).click()
        return settle(page, after_ms=t)
    box.locator("input").first.click()
    if kind == "select":
        option = page.get_by_role("option", name=str(value), exact=True)
        option.wait_for(timeout=10000)
        t = page.evaluate("performance.now()")
        option.click()
        return settle(page, after_ms=t, timeout_s=60)
    t = page.evaluate("performance.now()")
    page.keyboard.press("Backspace")  # removes the last chosen option, as a reader clearing it would
    page.keyboard.press("Escape")
    return settle(page, after_ms=t, timeout_s=60)


def widget_state(page, key: str) -> tuple[str, object]:
    """What the widget with this key shows now, for revert_widget: ("radio", chosen index), ("select", its
    value's text), ("multi", None) or ("missing", None)."""
    box = page.locator(f".st-key-{key}")
    if not box.count():
        return ("missing", None)
    radios = box.locator("label:has(input[type=radio])")
    for i in range(radios.count()):
        if radios.nth(i).locator("input").is_checked():
            return ("radio", i)
    if box.locator("[data-testid=stSelectbox]").count():
        return ("select", box.locator("[data-testid=stSelectbox] input").first.input_value().strip())
    return ("multi", None)


def change_widget(page, key: str) -> dict:
    """Change the widget with this key the way a reader would; time action -> settled.

    A radio picks its first option that is not chosen; a multiselect picks its first offered option.
    """
    box = page.locator(f".st-key-{key}")
    if not box.count():
        return {"ms": None, "server_ms": None, "errors": 0, "settled": False, "missing": True}
    radios = box.locator("label:has(input[type=radio])")
    if radios.count():
        for i in range(radios.count()):
            if not radios.nth(i).locator("input").is_checked():
                t = page.evaluate("performance.now()")
                radios.nth(i).click()
                return settle(page, after_ms=t)
    box.locator("input").first.click()
    # The first real option: Streamlit's multiselect lists "Select all" first, which would pick every value.
    option = page.locator('[role="option"]').filter(has_not_text=re.compile(r"^\s*Select all", re.IGNORECASE)).first
    option.wait_for(timeout=10000)
    t = page.evaluate("performance.now()")
    option.click()
    page.keyboard.press("Escape")  # some versions apply a multiselect when its list closes
    return settle(page, after_ms=t, timeout_s=60)
