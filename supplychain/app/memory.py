"""Process memory: hand the heap pages a script run freed back to the system, so 30 sessions fit in 400 MB."""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None where the C library has none (musl, macOS): then nothing is trimmed."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()


def release_free_memory() -> None:
    """Return freed heap pages to the system (a few milliseconds). Why: pandas and Altair free most of what a page
    run allocates, but glibc keeps the freed pages of every thread's arena; with a session per thread the server's
    memory crept up by about 2 MiB per session (bench/load.py, docs/performance.md)."""
    if _TRIM is not None:
        _TRIM(0)
