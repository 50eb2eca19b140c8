"""Several app processes behind one port, each reader kept on its process (sticky sessions).

Why not `uvicorn serve:app --workers 2`: the workers share one port and the kernel hands each *connection* to
any of them, but a Streamlit session lives in one process. Its page, its websocket and its downloads (/media/,
kept in that process's memory) must reach the same process; measured with two workers on one port, 2 of 12
download requests got 404 and one download failed (docs/performance.md). Here a small proxy pins each browser
to one worker with a cookie; the data routes (/api/, stateless) go to any worker in turn.

Run: python -m deploy.sticky --workers 2 --port 8501   (make serve WORKERS=2)
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import httpx
import uvicorn
import websockets

ROOT = Path(__file__).resolve().parent.parent
COOKIE = "sc_worker"
HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer", "host"}
OWN = {"date", "server"}  # the proxy's own server writes these


class StickyProxy:
    """An ASGI app forwarding HTTP and websockets to `backends`, a reader pinned by the COOKIE it is given."""

    def __init__(self, backends: list[str]) -> None:
        self.backends = backends
        self._turn = itertools.cycle(range(len(backends)))
        self.client = httpx.AsyncClient(timeout=None, limits=httpx.Limits(max_connections=200))

    def pick(self, scope: dict) -> tuple[int, bool]:
        """(worker index, whether the reader already had it): the cookie's worker, or the next in turn."""
        raw = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"cookie"), "")
        morsel = SimpleCookie(raw).get(COOKIE)
        if morsel and morsel.value.isdigit() and int(morsel.value) < len(self.backends):
            return int(morsel.value), True
        return next(self._turn), False

    async def __call__(self, scope: dict, receive, send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
        elif scope["type"] == "http":
            await self.http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self.websocket(scope, receive, send)

    async def http(self, scope: dict, receive, send) -> None:
        index, known = self.pick(scope)
        stateless = scope["path"].startswith("/api/")
        if stateless and not known:
            index = next(self._turn)
        url = self.backends[index] + scope["raw_path"].decode("latin-1")
        if scope["query_string"]:
            url += "?" + scope["query_string"].decode("latin-1")
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = [(k, v) for k, v in scope["headers"] if k.decode("latin-1").lower() not in HOP]
        request = self.client.build_request(scope["method"], url, headers=headers, content=body or None)
        response = await self.client.send(request, stream=True)
        out = [(k, v) for k, v in response.headers.raw if k.decode("latin-1").lower() not in HOP | OWN]
        if not known and not stateless:
            out.append((b"set-cookie", f"{COOKIE}={index}; Path=/; HttpOnly; SameSite=Lax".encode()))
        await send({"type": "http.response.start", "status": response.status_code, "headers": out})
        # The body in one message where it is small: a last empty write after the data cost ~40 ms per answer
        # (delayed acknowledgement) in the first version.
        chunks = []
        async for chunk in response.aiter_raw():
            chunks.append(chunk)
            if sum(map(len, chunks)) > 1 << 20:
                await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
                chunks = []
        await send({"type": "http.response.body", "body": b"".join(chunks)})
        await response.aclose()

    async def websocket(self, scope: dict, receive, send) -> None:
        index, _known = self.pick(scope)
        url = self.backends[index].replace("http://", "ws://") + scope["raw_path"].decode("latin-1")
        protocols = scope.get("subprotocols") or []
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in scope["headers"]
            if k in (b"cookie", b"origin", b"user-agent")
        ]
        await receive()  # websocket.connect
        try:
            upstream = await websockets.connect(
                url, subprotocols=protocols or None, additional_headers=headers, max_size=None, compression=None
            )
        except (OSError, websockets.InvalidHandshake):
            await send({"type": "websocket.close", "code": 1011})
            return
        await send({"type": "websocket.accept", "subprotocol": upstream.subprotocol})

        async def downstream() -> None:
            async for message in upstream:
                key = "bytes" if isinstance(message, bytes) else "text"
                await send({"type": "websocket.send", key: message})
            await send({"type": "websocket.close", "code": 1000})

        task = asyncio.create_task(downstream())
        try:
            while True:
                message = await receive()
                if message["type"] == "websocket.disconnect":
                    break
                await upstream.send(message.get("bytes") if message.get("bytes") is not None else message["text"])
        finally:
            task.cancel()
            await upstream.close()


def start_workers(count: int, first_port: int, env: dict[str, str] | None = None) -> list[subprocess.Popen]:
    """`count` app processes (serve.py) on consecutive loopback ports; returns once each answers its health check."""
    processes = []
    secret = secrets.token_hex(16)  # one cookie secret for all, as Streamlit advises for replicas
    for i in range(count):
        command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(first_port + i)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
        processes.append(
            subprocess.Popen(
                command,
                cwd=ROOT,
                env={**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret, **(env or {})},
                stdout=subprocess.DEVNULL,
            )
        )
    for i in range(count):
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{first_port + i}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
    return processes


def main() -> None:
    parser = argparse.ArgumentParser(description="Several app processes behind one port, readers kept on theirs.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501, help="the port readers use")
    parser.add_argument("--first-worker-port", type=int, default=0, help="default: --port + 1")
    args = parser.parse_args()
    first = args.first_worker_port or args.port + 1
    processes = start_workers(args.workers, first)
    backends = [f"http://127.0.0.1:{first + i}" for i in range(args.workers)]
    print(f"{args.workers} workers on {', '.join(backends)}; readers use http://127.0.0.1:{args.port}", flush=True)

    def stop(*_args: object) -> None:
        for process in processes:  # only the processes started here, by their handles
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=15)
        sys.exit(0)

    # uvicorn re-raises the signal it stopped on once it has shut down; these handlers then stop the workers too.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    uvicorn.run(StickyProxy(backends), host="127.0.0.1", port=args.port, log_level="warning", ws="websockets")
    stop()


if __name__ == "__main__":
    main()
