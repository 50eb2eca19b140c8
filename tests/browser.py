"""Helpers for browser tests: serve the app on loopback and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (the one set of flags; conftest reads them here)
from bench.browser import serve as serve_with_pid


def require_chromium() -> None:
    """Browser tests must run in CI: a missing browser fails there, and only skips on a laptop without it."""
    if Path(CHROMIUM).exists():
        return
    message = f"Chromium not found at {CHROMIUM} (Debian package 'chromium'; .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def serve(app_dir: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `streamlit run serve.py` (pages and data routes) on a free loopback port; yield its base URL; stop it after.

    The bench's server (bench/browser.py): one way to start the app for tests and timings alike.
    """
    with serve_with_pid(app_dir, env=env) as (base, _pid):
        yield base


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
