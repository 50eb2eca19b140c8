"""One fingerprint per load: a file saved while the data loads never pairs old tables with new derived data."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from conftest import rewrite_csv

from supplychain.app import cache
from supplychain.data import load


def _model_names(dataset: load.Dataset) -> dict[str, str]:
    index = cache.get_relations(dataset)[0]
    return dict(zip(index["id"], index["name"]))


def test_a_save_during_a_load_never_mixes_old_and_new_data(mini_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv(cache.DATA_DIR_ENV, str(mini_dir))
    real_parse = load.parse_csv
    saved: list[str] = []

    def parse_then_save(data: bytes, file: str, table_fields: list) -> load.ParsedTable:
        parsed = real_parse(data, file, table_fields)
        if file == "models.csv" and not saved:
            # The curator saves models.csv while the load is still checking the tables it read.
            rewrite_csv(mini_dir / "models.csv", lambda header, rows: rows[0].update(name="Model One (renamed)"))
            saved.append(file)
        return parsed

    monkeypatch.setattr(load, "parse_csv", parse_then_save)
    first = cache.get_dataset()
    assert saved, "the save happened during the load"
    assert first.ok and first.fingerprint
    assert first.tables["models"]["name"].iloc[0] == "Model One", "the load used the bytes it read first"
    assert _model_names(first)["m_one"] == "Model One", "derived data come from the same load"
    items_first = cache.get_timeline_items(first)

    second = cache.get_dataset()
    assert second.fingerprint == load.fingerprint(mini_dir) != first.fingerprint, "the save is seen: a reload"
    assert second.tables["models"]["name"].iloc[0] == "Model One (renamed)"
    assert _model_names(second)["m_one"] == "Model One (renamed)", "no derived cache hands back the old tables"
    assert cache.get_timeline_items(second) is not items_first
    assert _model_names(first)["m_one"] == "Model One", "and the first load's derived data stay its own"


def test_every_derived_cache_is_keyed_by_the_dataset_fingerprint() -> None:
    source = Path(cache.__file__).read_text(encoding="utf-8")
    getters = [
        line
        for line in source.splitlines()
        if line.strip().startswith("return _cached_") and "_cached_dataset" not in line
    ]
    assert getters, "the derived caches are found"
    for line in getters:
        assert "*_version(dataset)" in line and "fingerprint(folder)" not in line, line
    # The one key helper they share: the data folder and the fingerprint that load kept, never a fresh look.
    # The key also names the reader's language (i18n: cached words differ by language), after the load's stamp.
    assert cache._version(SimpleNamespace(fingerprint="stamp-of-this-load"))[1].split(":")[0] == "stamp-of-this-load"
