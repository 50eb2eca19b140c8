"""The sticky proxy of `make serve WORKERS=N` keeps a reader on one worker; data routes may go to any."""

from __future__ import annotations

from deploy.sticky import COOKIE, StickyProxy


def _scope(cookie: str = "", path: str = "/") -> dict:
    headers = [(b"cookie", cookie.encode())] if cookie else []
    return {"type": "http", "path": path, "headers": headers}


def test_a_reader_with_a_worker_cookie_stays_on_that_worker() -> None:
    proxy = StickyProxy(["http://a", "http://b", "http://c"])
    for _ in range(5):
        assert proxy.pick(_scope(f"other=1; {COOKIE}=2")) == (2, True)


def test_new_readers_are_spread_over_the_workers_in_turn() -> None:
    proxy = StickyProxy(["http://a", "http://b"])
    assert [proxy.pick(_scope())[0] for _ in range(4)] == [0, 1, 0, 1]


def test_a_cookie_naming_no_worker_is_treated_as_a_new_reader() -> None:
    proxy = StickyProxy(["http://a", "http://b"])
    assert proxy.pick(_scope(f"{COOKIE}=7")) == (0, False)
    assert proxy.pick(_scope(f"{COOKIE}=x")) == (1, False)
