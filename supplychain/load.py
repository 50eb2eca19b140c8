"""Read the CSVs into typed pandas frames, with the types taken from datapackage.json."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from supplychain.schema import PACKAGE_FILE, fields, read_package, table_names
from supplychain.sites import check_coordinates
from supplychain.validate import Problem, check_cross_table, check_package

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass
class Dataset:
    """All tables, the package description, and the problems found while loading.

    When `problems` is not empty, `tables` is empty: the app shows the problems, never half the data.
    """

    package: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def version(self) -> str:
        return str(self.package.get("version", ""))

    @property
    def as_of(self) -> str:
        """The date the data is as of (YYYY-MM-DD), from the package's `created` stamp."""
        return str(self.package.get("created", ""))[:10]

    @property
    def reviewed_through(self) -> str:
        """The last date (YYYY-MM-DD) the curators have checked public records for (datapackage.json `reviewed_through`).

        Later than the report, earlier than the build date: events after it may exist but are not in the record.
        """
        return str(self.package.get("reviewed_through", ""))[:10]


def fingerprint(data_dir: Path) -> str:
    """A hash of every data file's name, size and mtime: changes when any file is edited.

    Cached loaders take it as an argument so an edited CSV reloads without a restart.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _typed(frame: pd.DataFrame, table_fields: list[dict[str, Any]]) -> pd.DataFrame:
    """Convert string columns to the schema's types; empty cells become missing values."""
    out = pd.DataFrame(index=frame.index)
    for f in table_fields:
        raw = frame[f["name"]].replace("", pd.NA)
        kind = f["type"]
        if kind == "date":
            out[f["name"]] = pd.to_datetime(raw, format="%Y-%m-%d")
        elif kind == "number":
            out[f["name"]] = pd.to_numeric(raw).astype("Float64")
        elif kind == "integer":
            out[f["name"]] = pd.to_numeric(raw).astype("Int64")
        elif kind == "boolean":
            out[f["name"]] = raw.map({"true": True, "false": False}, na_action="ignore").astype("boolean")
        else:
            out[f["name"]] = raw.astype("string")
    return out


def read_table(data_dir: Path, package: dict[str, Any], table: str) -> pd.DataFrame:
    """Read one already-validated CSV as a typed frame, columns in schema order."""
    raw = pd.read_csv(Path(data_dir) / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    return _typed(raw, fields(package, table))


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """Validate the package, then read every table. Never raises for bad data: returns problems."""
    data_dir = Path(data_dir)
    try:
        package = read_package(data_dir)
    except FileNotFoundError:
        return Dataset({}, problems=[Problem(PACKAGE_FILE, None, None, None, f"the file {data_dir / PACKAGE_FILE}")])
    except ValueError as exc:
        return Dataset({}, problems=[Problem(PACKAGE_FILE, None, None, None, f"valid JSON ({exc})")])
    problems = check_package(data_dir)
    if problems:
        return Dataset(package, problems=problems)
    tables = {name: read_table(data_dir, package, name) for name in table_names(package)}
    problems = check_cross_table(tables, package)
    problems += check_coordinates(tables)  # supplychain/sites.py: every point inside its country (geopandas)
    if problems:
        return Dataset(package, problems=problems)
    return Dataset(package, tables=tables)
