"""Helpers for browser tests: serve the app on loopback and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
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


def require_chromium() -> None:
    """Browser tests must run in CI: a missing browser fails there, and only skips on a laptop without it."""
    if Path(CHROMIUM).exists():
        return
    message = f"Chromium not found at {CHROMIUM} (Debian package 'chromium'; .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(app_dir: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `streamlit run dashboard.py` on a free loopback port; yield its base URL; stop it after."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    # The server's output goes to a temporary file, never a pipe nobody reads: a full pipe blocks the
    # server (and hangs the suite) once it has written about 64 KB. The file is read only to explain a failure.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        command, cwd=app_dir, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                log.seek(0)
                output = log.read().decode(errors="replace")[-4000:]
                raise RuntimeError(
                    f"streamlit did not start ({'exited' if process.poll() is not None else 'timeout'}): {output}"
                )
            time.sleep(0.3)  # between polls of the health endpoint (the condition waited on)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


# True once the script run is over, the page is drawn and nothing is loading, for three polls in a row: a
# rerun that starts right after a run (a URL sync, the router's own rerun) breaks the streak and is waited out.
_IDLE = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  const idle = !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !!document.querySelector('[data-testid=stMain]')
    && !document.querySelector('[data-testid=stSkeleton]');
  window.__idlePolls = idle ? (window.__idlePolls || 0) + 1 : 0;
  return window.__idlePolls >= 3;
}"""


def wait_until_idle(page, timeout_ms: int = 90000) -> None:
    """Wait until Streamlit has finished the script run and drawn the page (a condition, not a fixed sleep)."""
    page.evaluate("() => { window.__idlePolls = 0; }")
    page.wait_for_function(_IDLE, timeout=timeout_ms, polling=150)
