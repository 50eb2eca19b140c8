"""Bytes for downloads: CSV, Excel and ZIP files built from exactly the frame on screen."""

from __future__ import annotations

import csv
import io
import json
import numbers
import zipfile
from collections.abc import Mapping
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection), also after leading
# spaces or line breaks, and some (LibreOffice, Excel with East Asian input) read the full-width signs as well.
_FORMULA_SIGNS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # = + - @ and full-width ＝ ＋ － ＠
_CONTROL_START = ("\t", "\r", "\n")
UTF8_BOM = "\ufeff"


def neutralise(text: str) -> str:
    """Prefix a text cell with an apostrophe if a spreadsheet could read it as a formula.

    The one rule for every export (CSV, Excel, ZIP): a cell is neutralised when it starts with a tab or a line
    break, or when its first character after any leading whitespace is = + - @ or their full-width forms.
    """
    text = str(text)
    if text.startswith(_CONTROL_START) or text.lstrip().startswith(_FORMULA_SIGNS):
        return "'" + text
    return text


def entry_name(name: str) -> str:
    """A ZIP entry's name as a plain file name: no folder, no '..', no drive, only letters, digits, '_', '-', '.'.

    Table names are checked to be letters, digits and underscores at load; this keeps any other name (or a
    future caller) from writing `../x` that a naive unzip would put outside its folder.
    """
    base = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    plain = "".join(c if c.isascii() and (c.isalnum() or c in "_-.") else "_" for c in base).lstrip(".")
    return plain or "file"


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
    """An .xlsx of the same view: dates stay dates and numbers numbers; text and header cells are neutralised."""
    view = labelled(frame, labels).copy()
    view.columns = [neutralise(str(c)) for c in view.columns]  # a header is a cell too: `=cmd|...` must not run
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


def excel_csv(text: str) -> bytes:
    """A CSV file's text as every download writes it: UTF-8 with BOM and CRLF line ends, so Excel keeps
    Polish and Chinese text. Rows are re-written by the csv module, so a line break inside a quoted
    cell stays as it was."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(csv.reader(io.StringIO(text.removeprefix(UTF8_BOM))))
    return (UTF8_BOM + out.getvalue()).encode("utf-8")


def package_json(package: dict[str, Any]) -> str:
    """datapackage.json as every ZIP carries it: the loaded description, indented, UTF-8."""
    return json.dumps(package, indent=2, ensure_ascii=False)


def dataset_zip(package: dict[str, Any], tables: Mapping[str, pd.DataFrame], readme: str) -> bytes:
    """The whole dataset as the run loaded and checked it: every table (in the package's order, in its own
    columns and formats, neutralised, BOM and CRLF as every download), the loaded datapackage.json and a README.

    Built from memory, never from `data/`: a file saved after the page loaded, or one that no longer decodes,
    cannot slip into the download unchecked, and the README names the version these tables are.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for res in package.get("resources", []):
            if res["name"] in tables:
                archive.writestr(entry_name(f"{res['name']}.csv"), _raw_csv(tables[res["name"]]))
        archive.writestr("datapackage.json", package_json(package))
        archive.writestr("README.md", readme)
    return buffer.getvalue()


def view_package(package: dict[str, Any], frames: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """A datapackage.json describing just these (filtered) tables and the columns they keep.

    Foreign keys that point at a table or column not in the bundle are dropped, so the bundle
    validates on its own.
    """
    resources = []
    for res in package["resources"]:
        if res["name"] not in frames:
            continue
        keep = list(frames[res["name"]].columns)
        schema = dict(res["schema"])
        schema["fields"] = [f for f in schema["fields"] if f["name"] in keep]
        if not set(schema.get("primaryKey", [])) <= set(keep):
            schema.pop("primaryKey", None)
        foreign = []
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"]["resource"] or res["name"]
            if (
                set(fk["fields"]) <= set(keep)
                and target in frames
                and set(fk["reference"]["fields"]) <= set(frames[target].columns)
            ):
                foreign.append(fk)
        schema["foreignKeys"] = foreign
        resources.append({**res, "schema": schema})
    return {**package, "resources": resources}


def _raw_csv(frame: pd.DataFrame) -> bytes:
    """CSV in the dataset's own columns and formats (field names, ISO dates, true/false) for bundles, text
    neutralised, written as every download is (excel_csv: BOM and CRLF)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(v) for v in row])
    return (UTF8_BOM + out.getvalue()).encode("utf-8")


def view_bundle(package: dict[str, Any], frames: Mapping[str, pd.DataFrame], readme: str) -> bytes:
    """ "Download this view": the filtered tables, a datapackage.json describing them, and a README.

    Tables keep the dataset's own column names and formats so the bundle is itself a valid data
    package (the spreadsheet-safe, labelled export is the CSV/Excel download).
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, frame in frames.items():
            archive.writestr(entry_name(f"{name}.csv"), _raw_csv(frame))
        archive.writestr("datapackage.json", package_json(view_package(package, frames)))
        archive.writestr("README.md", readme)
    return buffer.getvalue()


# Not mutated (`make mutate`): vl-convert's worker threads deadlock in mutmut's forked test runs, so every mutant
# here would "time out" and count as killed. tests/test_export.py checks SVG, PNG at twice the size, and the error.
def chart_image(spec: dict[str, Any], fmt: str) -> bytes:  # pragma: no mutate block
    """SVG or PNG bytes of a Vega-Lite spec, rendered offline by vl-convert (Altair's own export engine)."""
    import vl_convert

    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[]).encode("utf-8")
    if fmt == "png":
        return vl_convert.vegalite_to_png(spec, scale=2, allowed_base_urls=[])
    raise ValueError(f"unknown image format {fmt!r}")
