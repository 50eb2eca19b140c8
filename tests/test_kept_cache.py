"""A reader's "clear cache" (any websocket client can send it) does not drop the dataset or the map boundaries
for every other reader."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.runtime.app_session import AppSession

from supplychain.app import cache
from supplychain.rules import regions


def _clear_cache_message() -> None:
    """What the server does on a client's `clear_cache` BackMsg: Streamlit's own handler, run as is."""
    AppSession._handle_clear_cache_request(SimpleNamespace(_session_state=SimpleNamespace(clear=lambda: None)))


def test_a_clients_clear_cache_message_keeps_the_loaded_dataset(
    mini_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.DATA_DIR_ENV, str(mini_dir))
    loads: list[Path] = []
    real = cache.load_dataset
    monkeypatch.setattr(
        cache, "load_dataset", lambda folder, stamp, **kw: loads.append(folder) or real(folder, stamp=stamp, **kw)
    )
    first = cache.get_dataset()
    _clear_cache_message()
    assert cache.get_dataset() is first
    assert len(loads) == 1, "no reload and re-check for every reader"


def test_a_clients_clear_cache_message_keeps_the_map_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[str] = []
    real = cache.plot_topology

    def counted(region, **kwargs):
        builds.append(region.key)
        return real(region, **kwargs)

    monkeypatch.setattr(cache, "plot_topology", counted)  # the name the cache calls
    region = regions.REGIONS["sea"]
    settings = ((480, 1000), region.height + 1, 479)  # a size no other test asks for
    first = cache.get_map_boundaries(region, *settings)
    _clear_cache_message()
    assert cache.get_map_boundaries(region, *settings) is first
    assert builds == ["sea"]


def test_a_data_edit_still_reloads_after_a_clear(mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.DATA_DIR_ENV, str(mini_dir))
    first = cache.get_dataset()
    _clear_cache_message()
    path = mini_dir / "models.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Model One", "Model Uno"), encoding="utf-8")
    second = cache.get_dataset()
    assert second is not first and second.tables["models"]["name"].iloc[0] == "Model Uno"


def test_sessions_asking_at_once_build_a_kept_value_once() -> None:
    kept = cache.KeptCache(max_entries=2)
    builds: list[int] = []

    def slow() -> object:
        builds.append(1)
        time.sleep(0.2)
        return object()

    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(kept.get("k", slow))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and len({id(r) for r in results}) == 1


def test_a_kept_cache_forgets_the_least_recently_used_value() -> None:
    kept = cache.KeptCache(max_entries=2)
    kept.get("a", lambda: 1)
    kept.get("b", lambda: 2)
    kept.get("a", lambda: 0)  # used again: kept
    kept.get("c", lambda: 3)
    assert kept.get("a", lambda: -1) == 1
    assert kept.get("b", lambda: -2) == -2, "b was the least recently used, so it was dropped"
    assert len(kept) == 2
