"""Every Streamlit cache wrapper of the app, in one module (the load is cached, filtering is not)."""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from supplychain.load import DATA_DIR, Dataset, fingerprint, load_dataset

DATA_DIR_ENV = "SUPPLYCHAIN_DATA_DIR"


def data_dir() -> Path:
    """The data folder: `data/` beside the package, or $SUPPLYCHAIN_DATA_DIR (tests point it at fixtures)."""
    return Path(os.environ.get(DATA_DIR_ENV, DATA_DIR))


@st.cache_resource(show_spinner="Loading and checking the data…", max_entries=4)
def _cached_dataset(folder: str, stamp: str) -> Dataset:
    # `stamp` changes when any data file changes, so an edited CSV reloads without a restart.
    # cache_resource (not cache_data): one shared, read-only copy instead of an unpickle per rerun.
    return load_dataset(Path(folder))


def get_dataset() -> Dataset:
    """The validated dataset for this process, reloaded when a data file changes.

    Callers must treat the frames as read-only (filter functions return new frames).
    """
    folder = data_dir()
    return _cached_dataset(str(folder), fingerprint(folder))
