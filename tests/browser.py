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


# Vega draws the Map's and the site map's charts on a canvas (charts/style.py MAP_USERMETA): what they show is read
# from its pixels. For each named list of colours, the pixels of the `index`-th chart's canvas within `tolerance` of
# any of them (per RGB channel): how many, their extent in page pixels, how many separate blobs of at least `blob`
# pixels they form (4-connected) and the centre of the largest (page pixels). `clip` (page pixels) limits the count
# to a part of the canvas, e.g. the plot.
# The canvas holds canvas.width / CSS width device pixels per CSS pixel (devicePixelRatio): extents are given in CSS.
_CANVAS_COLOURS = """({index, colours, tolerance, clip, blob}) => {
  const chart = document.querySelectorAll('[data-testid=stVegaLiteChart]')[index];
  const canvas = chart && chart.querySelector('canvas');
  if (!canvas || !canvas.width || !canvas.height) return null;
  const box = canvas.getBoundingClientRect();
  const scale = canvas.width / box.width, w = canvas.width, h = canvas.height;
  const data = canvas.getContext('2d').getImageData(0, 0, w, h).data;
  const rgb = hex => [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
  const x0 = clip ? Math.max(0, Math.round((clip.left - box.left) * scale)) : 0;
  const x1 = clip ? Math.min(w, Math.round((clip.right - box.left) * scale)) : w;
  const y0 = clip ? Math.max(0, Math.round((clip.top - box.top) * scale)) : 0;
  const y1 = clip ? Math.min(h, Math.round((clip.bottom - box.top) * scale)) : h;
  const out = {box: {left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: box.width,
                     height: box.height}, scale: scale, colours: {}};
  for (const [name, hexes] of Object.entries(colours)) {
    const targets = hexes.map(rgb);
    const hit = new Uint8Array(w * h);
    let count = 0, left = w, right = -1, top = h, bottom = -1;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
      const i = (y * w + x) * 4;
      if (data[i + 3] < 250) continue;
      if (!targets.some(t => Math.abs(data[i] - t[0]) <= tolerance && Math.abs(data[i + 1] - t[1]) <= tolerance
                             && Math.abs(data[i + 2] - t[2]) <= tolerance)) continue;
      hit[y * w + x] = 1; count++;
      left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y);
    }
    let blobs = 0, largest = {size: 0, x: 0, y: 0};
    const stack = [];
    for (let start = 0; start < w * h; start++) {
      if (hit[start] !== 1) continue;
      let size = 0, sumX = 0, sumY = 0; hit[start] = 2; stack.push(start);
      while (stack.length) {
        const p = stack.pop(); size++;
        const x = p % w;
        sumX += x; sumY += (p - x) / w;
        for (const q of [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, p - w, p + w])
          if (q >= 0 && q < w * h && hit[q] === 1) { hit[q] = 2; stack.push(q); }
      }
      if (size >= blob) blobs++;
      if (size > largest.size) largest = {size: size, x: sumX / size, y: sumY / size};
    }
    out.colours[name] = {count: count / (scale * scale), blobs: blobs,
      largest: {x: box.left + (largest.x + 0.5) / scale, y: box.top + (largest.y + 0.5) / scale},
      left: box.left + left / scale, right: box.left + (right + 1) / scale,
      top: box.top + top / scale, bottom: box.top + (bottom + 1) / scale};
  }
  return out;
}"""


def canvas_colours(
    page, colours: dict[str, list[str]], *, index: int = 0, tolerance: int = 3, clip: dict | None = None, blob: int = 12
) -> dict:
    """What the `index`-th chart's canvas draws in each named list of "#rrggbb" colours (see _CANVAS_COLOURS)."""
    arg = {"index": index, "colours": colours, "tolerance": tolerance, "clip": clip, "blob": blob}
    return page.evaluate(_CANVAS_COLOURS, arg)


def wait_for_canvas_colour(
    page, colours: list[str], *, index: int = 0, least: int = 50, timeout_ms: int = 30000
) -> None:
    """Wait until the `index`-th chart's canvas shows at least `least` pixels of `colours`: drawn, not a fixed sleep."""
    arg = {"index": index, "colours": {"c": colours}, "tolerance": 3, "clip": None, "blob": 1 << 30}
    page.wait_for_function(
        f"(arg) => {{ const r = ({_CANVAS_COLOURS})(arg); return !!r && r.colours.c.count >= {least}; }}",
        arg=arg,
        timeout=timeout_ms,
        polling=200,
    )


def blend(colour: str, under: str, opacity: float) -> str:
    """The "#rrggbb" a mark of `colour` drawn at `opacity` over `under` shows."""
    top, bottom = (int(colour[i : i + 2], 16) for i in (1, 3, 5)), (int(under[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(opacity * a + (1 - opacity) * b):02x}" for a, b in zip(top, bottom, strict=True))


# The longest straight vertical edge of `colours` inside the `index`-th chart's canvas (leaving out its outer `margin`
# device pixels): the most rows in a row, at one column, where the colour ends and none of it follows for the next 4
# pixels (or starts after 4 without it). A coastline does not run straight down for long; land cut by a clip box does.
_STRAIGHT_EDGE = """({index, colours, tolerance, margin}) => {
  const canvas = document.querySelectorAll('[data-testid=stVegaLiteChart]')[index].querySelector('canvas');
  const w = canvas.width, h = canvas.height;
  const data = canvas.getContext('2d').getImageData(0, 0, w, h).data;
  const targets = colours.map(hex => [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)));
  const is = (x, y) => { const i = (y * w + x) * 4; return targets.some(t => Math.abs(data[i] - t[0]) <= tolerance
    && Math.abs(data[i + 1] - t[1]) <= tolerance && Math.abs(data[i + 2] - t[2]) <= tolerance); };
  const gap = (x, y, step) => [1, 2, 3, 4].every(k => !is(x + step * k, y));
  let longest = {rows: 0, x: null};
  for (let x = margin; x < w - margin - 4; x++) for (const step of [1, -1]) {
    let run = 0;
    for (let y = 0; y < h; y++) {
      run = is(x, y) && gap(x, y, step) ? run + 1 : 0;
      if (run > longest.rows) longest = {rows: run, x: x};
    }
  }
  return {rows: longest.rows * canvas.getBoundingClientRect().width / w, x: longest.x};
}"""


def canvas_straight_edge(page, colours: list[str], *, index: int = 0, margin: int = 6) -> float:
    """CSS pixels of the longest straight vertical edge of `colours` inside the chart's canvas (see _STRAIGHT_EDGE)."""
    found = page.evaluate(_STRAIGHT_EDGE, {"index": index, "colours": colours, "tolerance": 3, "margin": margin})
    return found["rows"]


# The plot inside the `index`-th chart's canvas, in page pixels: the rows and columns in which `colours` (the sea and
# the land) fill at least half as many pixels as in the fullest row or column. A legend symbol or a soft text edge of
# a like colour is too sparse to widen it.
_CANVAS_FRAME = """({index, colours, tolerance}) => {
  const canvas = document.querySelectorAll('[data-testid=stVegaLiteChart]')[index].querySelector('canvas');
  const box = canvas.getBoundingClientRect(), w = canvas.width, h = canvas.height, scale = w / box.width;
  const data = canvas.getContext('2d').getImageData(0, 0, w, h).data;
  const targets = colours.map(hex => [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)));
  const rows = new Array(h).fill(0), cols = new Array(w).fill(0);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 4;
    if (targets.some(t => Math.abs(data[i] - t[0]) <= tolerance && Math.abs(data[i + 1] - t[1]) <= tolerance
                          && Math.abs(data[i + 2] - t[2]) <= tolerance)) { rows[y]++; cols[x]++; }
  }
  const span = counts => { const least = Math.max(...counts) / 2;
    return [counts.findIndex(c => c >= least), counts.length - 1 - [...counts].reverse().findIndex(c => c >= least)]; };
  const [left, right] = span(cols), [top, bottom] = span(rows);
  return {left: box.left + left / scale, right: box.left + (right + 1) / scale, top: box.top + top / scale,
          bottom: box.top + (bottom + 1) / scale, width: (right + 1 - left) / scale};
}"""


def canvas_frame(page, colours: list[str], *, index: int = 0) -> dict:
    """The plot drawn in `colours` (sea and land) inside the chart's canvas, in page pixels (see _CANVAS_FRAME)."""
    return page.evaluate(_CANVAS_FRAME, {"index": index, "colours": colours, "tolerance": 3})


def canvas_edge_share(page, colours: list[str], frame: dict, edge: str, *, index: int = 0, px: float = 4) -> float:
    """The share of a `px` wide strip along one `edge` ("left" or "right") of `frame` (page pixels), inside the frame's
    one-pixel border line (whose soft edge on white has the land's grey), that the chart's canvas draws in `colours`:
    land that reaches the edge fills part of it, a blank band none."""
    left = frame["left"] + 1 if edge == "left" else frame["right"] - 1 - px
    strip = {"left": left, "right": left + px, "top": frame["top"], "bottom": frame["bottom"]}
    found = canvas_colours(page, {"c": colours}, index=index, clip=strip, blob=1 << 30)["colours"]["c"]
    return found["count"] / (px * (frame["bottom"] - frame["top"]))
