"""Replies without Nagle's wait: TCP_NODELAY on the server's listening socket, so every connection it accepts has it.

Streamlit 1.67 binds its own listening socket (`socket.socket(family=...)`, protocol 0), and asyncio only sets
TCP_NODELAY on a connection whose socket says protocol 6 (TCP). On a kept-alive connection each reply then leaves in
two writes (head, then body) and the body waits for the browser's delayed ACK: about 40 ms for every script, style
and data answer after a connection's first (websocket messages can wait the same way), and a page open fetches
60-130 files over six connections. Linux (and FreeBSD) give an accepted connection its listener's TCP_NODELAY, so
setting it once on the listener at start-up is enough (docs/performance.md, ninth session). `uvicorn serve:app`
binds the socket itself and needs none of this; the option is then already set, and setting it again changes nothing.
"""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

_FD_FOLDERS = (Path("/proc/self/fd"), Path("/dev/fd"))  # Linux, then macOS and the BSDs; elsewhere none is found


def open_descriptors() -> list[int]:
    """The process's open file descriptors, or none where the system does not list them."""
    for folder in _FD_FOLDERS:
        if folder.is_dir():
            return sorted(int(name) for name in os.listdir(folder) if name.isdigit())
    return []


def set_no_delay_on_listeners(descriptors: Iterable[int]) -> int:
    """Set TCP_NODELAY on every listening TCP socket among `descriptors`; how many were set."""
    count = 0
    for fd in descriptors:
        try:
            if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                continue  # a file or a pipe: never duplicated, so no handle on it is left open
            sock = socket.socket(fileno=os.dup(fd))  # a second handle on the same socket; closing it keeps the first
        except OSError:  # closed since it was listed
            continue
        with sock:
            if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.type != socket.SOCK_STREAM:
                continue
            if not sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
                continue  # a connection, not a listener: leave it as it is
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            count += 1
    return count


@asynccontextmanager
async def no_delay(_app: Any) -> AsyncIterator[None]:
    """st.App's start-up hook: the listener is bound before it runs and accepts nothing until it has run."""
    set_no_delay_on_listeners(open_descriptors())
    yield
