"""Bytes for downloads: CSV, Excel and ZIP files built from exactly the frame on screen."""
from __future__ import annotations

import csv
import io
import numbers
import zipfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"


def neutralise(text: str) -> str:
    """Prefix a text cell with an apostrophe if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(value: Any) -> str:
    """One cell as text: dates ISO, whole numbers without '.0', booleans true/false, text neutralised."""
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return neutralise(str(value))


def labelled(frame: pd.DataFrame, labels: Mapping[str, str] | None) -> pd.DataFrame:
    """The frame with its columns renamed to readable labels (unknown columns keep their name)."""
    return frame.rename(columns=dict(labels or {}))


def to_csv_bytes(frame: pd.DataFrame, labels: Mapping[str, str] | None = None) -> bytes:
    """CSV of exactly these rows and columns, in this order: UTF-8 with BOM (so Excel reads
    Polish and Chinese text correctly), CRLF line ends, formula-like text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in labelled(frame, labels).columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(v) for v in row])
    return (UTF8_BOM + out.getvalue()).encode("utf-8")


def to_xlsx_bytes(frame: pd.DataFrame, labels: Mapping[str, str] | None = None, sheet: str = "data") -> bytes:
    """An .xlsx of the same view: dates stay dates and numbers numbers; text is neutralised."""
    view = labelled(frame, labels).copy()
    for column in view.columns:
        if pd.api.types.is_string_dtype(view[column]) or view[column].dtype == object:
            view[column] = view[column].map(lambda v: neutralise(v) if isinstance(v, str) else v)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        view.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def download_name(what: str, as_of: str, extension: str = "csv", *, filtered: bool = False) -> str:
    """File names that say what and when: `models_filtered_2026-11-28.csv`."""
    middle = "_filtered" if filtered else ""
    return f"{what}{middle}_{as_of}.{extension}"


def dataset_zip(data_dir: Path, readme: str) -> bytes:
    """The whole dataset as shipped (every CSV and datapackage.json) plus a README with the citation."""
    data_dir = Path(data_dir)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(data_dir.glob("*.csv")) + [data_dir / "datapackage.json"]:
            archive.write(path, arcname=path.name)
        archive.writestr("README.md", readme)
    return buffer.getvalue()
