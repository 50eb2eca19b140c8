"""Replies without Nagle's 40 ms wait: the server's listener has TCP_NODELAY, so every connection it accepts has it."""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import tempfile
import time
from urllib.parse import urlparse

from conftest import ROOT
from streamlit.testing.v1 import AppTest

from supplychain.api.sockets import open_descriptors, set_no_delay_on_listeners
from supplychain.app.cache import listeners_without_delay


def _no_delay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_a_connection_accepted_after_the_setting_replies_without_waiting():
    with socket.create_server(("127.0.0.1", 0)) as listener:
        set_no_delay_on_listeners([listener.fileno()])
        with socket.create_connection(listener.getsockname()) as client:
            accepted, _ = listener.accept()
            with accepted:
                assert _no_delay(accepted) == 1
                assert _no_delay(client) == 0, "a connection (not a listener) is left as it is"


def test_only_listening_tcp_sockets_are_changed_and_anything_else_is_skipped():
    listener = socket.socket(socket.AF_INET)  # protocol 0, as Streamlit binds it: asyncio would not set the option
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    plain = socket.create_server(("127.0.0.1", 0))
    unbound = socket.socket(socket.AF_INET)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    read_end, write_end = os.pipe()
    with tempfile.TemporaryFile() as file, listener, plain, unbound, udp:
        closed = os.dup(read_end)
        os.close(closed)
        fds = [listener.fileno(), unbound.fileno(), udp.fileno(), read_end, file.fileno(), closed]
        assert set_no_delay_on_listeners(fds) == 1
        assert _no_delay(listener) == 1
        assert _no_delay(unbound) == 0
        assert _no_delay(plain) == 0, "a listener not named is not touched"
        assert os.fstat(read_end) and os.fstat(file.fileno()), "the handles it only looked at stay open"
        assert listener.fileno() >= 0 and _no_delay(listener) == 1, "its own handle is closed, the listener's is not"
    os.close(read_end)
    os.close(write_end)


def test_the_process_lists_its_own_open_sockets():
    with socket.create_server(("127.0.0.1", 0)) as listener:
        assert listener.fileno() in open_descriptors()
    assert set_no_delay_on_listeners([]) == 0


def test_the_router_sets_it_when_the_app_runs_without_serve_py():
    """`streamlit run dashboard.py` binds the listener without serve.py's start-up hook: the first run sets it."""
    listeners_without_delay.clear()
    with socket.socket(socket.AF_INET) as listener:  # as Streamlit binds it
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.session_state["_test_start_page"] = "glossary"
        at.run()
        assert not at.exception
        assert _no_delay(listener) == 1


def test_the_served_app_answers_a_kept_alive_connection_without_a_40_ms_wait(app_url):
    """Before the fix, every reply after a connection's first took 40-44 ms (the browser's delayed ACK)."""
    address = urlparse(app_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    times = []
    try:
        for _ in range(9):
            start = time.perf_counter()
            connection.request("GET", "/_stcore/health")
            reply = connection.getresponse()
            assert reply.status == 200 and reply.read() == b"ok"
            times.append(time.perf_counter() - start)
    finally:
        connection.close()
    later = statistics.median(times[1:])  # the first reply on a connection never waited
    assert later < 0.030, f"replies on a kept-alive connection took {later * 1000:.0f} ms (median)"


def test_looking_at_every_descriptor_leaves_none_open() -> None:
    """A handle left open on a pipe kept a child process (Playwright's driver) waiting for its end forever."""
    read_end, write_end = os.pipe()
    try:
        before = sorted(open_descriptors())
        set_no_delay_on_listeners(before)
        assert sorted(open_descriptors()) == before
    finally:
        os.close(read_end)
        os.close(write_end)


def test_every_listener_is_set_whatever_comes_before_it_in_the_list():
    # Each kind of descriptor the process may hold comes before a listener: none stops the search.
    first, second = (socket.socket(socket.AF_INET) for _ in range(2))
    for listener in (first, second):
        listener.bind(("127.0.0.1", 0))
        listener.listen()
    read_end, write_end = os.pipe()
    with tempfile.TemporaryDirectory() as folder, first, second:
        local = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # a listening socket that is not TCP
        local.bind(os.path.join(folder, "s"))
        local.listen()
        with local, socket.create_connection(first.getsockname()) as client:
            closed = os.dup(read_end)  # a descriptor closed since it was listed (made last, so not reused)
            os.close(closed)
            fds = [read_end, first.fileno(), closed, local.fileno(), client.fileno(), second.fileno()]
            assert set_no_delay_on_listeners(fds) == 2
            assert (_no_delay(first), _no_delay(second), _no_delay(client)) == (1, 1, 0)
    os.close(read_end)
    os.close(write_end)
