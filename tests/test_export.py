"""Downloads hold exactly the rows and columns shown, as bytes a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from supplychain.charts.provenance import evidence_chart
from supplychain.data.export import (
    chart_image,
    dataset_zip,
    download_name,
    entry_name,
    excel_csv,
    neutralise,
    to_csv_bytes,
    to_xlsx_bytes,
    view_bundle,
    view_package,
)
from supplychain.data.load import load_dataset
from supplychain.data.schema import column_labels
from supplychain.rules.filters import filter_rows
from supplychain.rules.provenance import bundle_readme, with_citations


def test_csv_of_filtered_view_has_exact_bytes(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    models = dataset.tables["models"]
    view = filter_rows(models, equals={"developer_id": ["acme"]})[
        ["model_id", "name", "release_date", "open_weights", "parameters_b"]
    ]
    data = to_csv_bytes(view, column_labels(dataset.package, "models"))
    assert data == (
        "\ufeffModel id,Name,Released,Open weights,Parameters (billions)\r\n"
        "m_one,Model One,2025-04-29,true,235\r\n"
        "m_three,'=HYPERLINK(1),,,\r\n"
    ).encode("utf-8")


def test_csv_keeps_polish_and_chinese_text(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    data = to_csv_bytes(dataset.tables["companies"][["company_id", "name_zh"]])
    assert data.decode("utf-8-sig").splitlines()[1] == "acme,阿克米"
    claims = to_csv_bytes(dataset.tables["claims"][["quote_pl"]])
    assert "Zażółć gęślą jaźń" in claims.decode("utf-8-sig")


def test_formula_like_text_is_neutralised_but_numbers_stay_numbers() -> None:
    frame = pd.DataFrame({"text": ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "ok"], "n": [-1.5, 2, 3, 4, 5, 6, 7]})
    lines = to_csv_bytes(frame).decode("utf-8-sig").split("\r\n")
    assert lines[1] == "'=1+1,-1.5"
    assert [line.split(",")[0] for line in lines[2:7]] == ["'+x", "'-x", "'@x", "'\tx", '"\'\rx"']
    assert neutralise("ok") == "ok"


def test_xlsx_reads_back_equal_to_the_view(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    view = dataset.tables["models"][["model_id", "release_date", "parameters_b"]].iloc[:2]
    back = pd.read_excel(io.BytesIO(to_xlsx_bytes(view)))
    assert list(back["model_id"]) == ["m_one", "m_two"]
    assert back["release_date"].iloc[0] == pd.Timestamp("2025-04-29")
    assert back["parameters_b"].iloc[0] == 235


def _zip_of(folder: Path, readme: str = "# README") -> zipfile.ZipFile:
    dataset = load_dataset(folder)
    assert dataset.ok, dataset.problems
    return zipfile.ZipFile(io.BytesIO(dataset_zip(dataset.package, dataset.tables, readme)))


def test_dataset_zip_has_every_table_the_package_and_a_readme(mini_dir: Path) -> None:
    archive = _zip_of(mini_dir, "# README\ncite me")
    names = set(archive.namelist())
    assert {"datapackage.json", "README.md", "models.csv", "relationships.csv", "sources.csv"} <= names
    assert archive.read("README.md").decode() == "# README\ncite me"


def test_every_table_in_the_dataset_zip_reads_back_as_the_checked_file_with_formulas_neutralised(
    mini_dir: Path,
) -> None:
    # Expected from the fixture files themselves (csv module), not from the exporter: same header, same cells,
    # except that a cell a spreadsheet would run gets its apostrophe.
    archive = _zip_of(mini_dir)
    for path in sorted(mini_dir.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            expected = [[("'" + c if c.startswith(("=", "+", "-", "@")) else c) for c in r] for r in csv.reader(handle)]
        got = list(csv.reader(io.StringIO(archive.read(path.name).decode("utf-8-sig"), newline="")))
        assert got == [r for r in expected if r], path.name
    assert "'=HYPERLINK(1)" in archive.read("models.csv").decode("utf-8-sig")


def test_the_dataset_zip_is_what_the_page_loaded_not_what_is_on_disk_when_clicked(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    # After the page loaded: a row saved unchecked, and a file re-saved in another encoding.
    with (mini_dir / "companies.csv").open("a", encoding="utf-8") as handle:
        handle.write("late,=cmd|' /C calc'!A0,,,,,,,,,\n")
    (mini_dir / "claims.csv").write_bytes((mini_dir / "claims.csv").read_text(encoding="utf-8").encode("utf-16"))
    readme = bundle_readme(dataset.package, dataset.tables)
    archive = zipfile.ZipFile(io.BytesIO(dataset_zip(dataset.package, dataset.tables, readme)))
    assert "late," not in archive.read("companies.csv").decode("utf-8-sig")
    assert "Zażółć gęślą jaźń" in archive.read("claims.csv").decode("utf-8-sig")
    assert f"Version {dataset.version}," in archive.read("README.md").decode()


def test_csvs_inside_the_dataset_zip_have_a_bom_and_crlf_like_page_downloads(mini_dir: Path, tmp_path: Path) -> None:
    from frictionless import Package

    (mini_dir / "claims.csv").write_text(
        (mini_dir / "claims.csv").read_text(encoding="utf-8").replace("\r\n", "\n"), encoding="utf-8"
    )
    archive = _zip_of(mini_dir)
    for name in (n for n in archive.namelist() if n.endswith(".csv")):
        data = archive.read(name)
        assert data.startswith(b"\xef\xbb\xbf"), name
        body = data[3:]
        assert body.count(b"\n") == body.count(b"\r\n") or b'"' in body, name  # a quoted cell may hold a line break
        assert body.endswith(b"\r\n") or body == b"", name
    quotes = archive.read("claims.csv").decode("utf-8-sig")
    assert "ł" in quotes or "ó" in quotes or "ą" in quotes or "ę" in quotes, "Polish text survives"
    archive.extractall(tmp_path / "all")
    assert Package(str(tmp_path / "all" / "datapackage.json")).validate().valid


def test_download_names_say_table_and_date() -> None:
    assert download_name("models", "2026-11-28", filtered=True) == "models_filtered_2026-11-28.csv"
    assert download_name("models", "2026-11-28", "xlsx") == "models_2026-11-28.xlsx"


def test_view_bundle_is_a_valid_package_of_the_filtered_rows(mini_dir: Path, tmp_path: Path) -> None:
    from frictionless import Package

    dataset = load_dataset(mini_dir)
    models = filter_rows(dataset.tables["models"], equals={"developer_id": ["acme"]})[
        ["model_id", "name", "developer_id", "release_date", "source_id"]
    ]
    data = view_bundle(
        dataset.package,
        {"models": models, "sources": dataset.tables["sources"]},
        "# README\nfilters: developer_id=acme",
    )
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert set(archive.namelist()) == {"models.csv", "sources.csv", "datapackage.json", "README.md"}
    archive.extractall(tmp_path / "bundle")
    report = Package(str(tmp_path / "bundle" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert archive.read("models.csv") == (
        "\ufeffmodel_id,name,developer_id,release_date,source_id\r\n"
        "m_one,Model One,acme,2025-04-29,rec\r\n"
        "m_three,'=HYPERLINK(1),acme,,rec\r\n"
    ).encode("utf-8")


def test_bundle_carries_the_claims_and_sources_its_rows_cite(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    edges = dataset.tables["relationships"].iloc[:1]
    frames = with_citations(dataset.tables, {"relationships": edges})
    assert list(frames["claims"]["claim_id"]) == ["c_one"]
    assert list(frames["sources"]["source_id"]) == ["rep"]


def test_a_bundle_citing_nothing_carries_no_empty_claims_or_sources_table(mini_dir: Path) -> None:
    tables = load_dataset(mini_dir).tables
    lanes = tables["lanes"]
    assert set(with_citations(tables, {"lanes": lanes})) == {"lanes"}
    assert with_citations(tables, {}) == {}


def test_a_bundle_of_the_claims_or_sources_themselves_keeps_every_row(mini_dir: Path) -> None:
    tables = load_dataset(mini_dir).tables
    tables["claims"] = pd.concat([tables["claims"], tables["claims"].assign(claim_id="c_two")], ignore_index=True)
    edges = tables["relationships"].iloc[:1]  # cites claim c_one and source rep only
    frames = with_citations(tables, {"relationships": edges, "claims": tables["claims"], "sources": tables["sources"]})
    assert len(frames["claims"]) == len(tables["claims"]) > 1
    assert len(frames["sources"]) == len(tables["sources"]) > 1
    # A claims or sources table the reader filtered is bundled as filtered, never widened by what other rows cite.
    chosen = {"relationships": edges, "claims": tables["claims"].iloc[1:], "sources": tables["sources"].iloc[1:]}
    frames = with_citations(tables, chosen)
    assert list(frames["claims"]["claim_id"]) == ["c_two"]
    assert list(frames["sources"]["source_id"]) == list(tables["sources"]["source_id"].iloc[1:])


def test_chart_saves_as_svg_and_png_offline(mini_dir: Path) -> None:
    spec = evidence_chart(load_dataset(mini_dir).tables).to_dict()
    svg = chart_image(spec, "svg").decode()
    assert svg.startswith("<svg") and "Relationships" in svg
    assert chart_image(spec, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_excel_header_cells_are_neutralised_like_data_cells() -> None:
    import openpyxl

    frame = pd.DataFrame({'=HYPERLINK("http://203.0.113.7")': ["=1+1"], "ok": ["plain"]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, {"ok": "@SUM(A1)"})))
    header = [cell.value for cell in book.active[1]]
    body = [cell.value for cell in book.active[2]]
    assert header == ['\'=HYPERLINK("http://203.0.113.7")', "'@SUM(A1)"]
    assert body == ["'=1+1", "plain"]
    assert all(cell.data_type == "s" for cell in book.active[1]), "no header cell is stored as a formula"


def test_every_kind_of_cell_is_written_the_way_a_spreadsheet_reads_it() -> None:
    import datetime

    import numpy as np

    cells = {
        "none": None,
        "na": pd.NA,
        "nan": float("nan"),
        "nat": pd.NaT,
        "day": pd.Timestamp("2025-04-29 13:45"),
        "date": datetime.date(2024, 2, 29),
        "yes": True,
        "no": np.bool_(False),
        "int": np.int64(-7),
        "whole": 3.0,
        "half": 2.5,
        "tiny": np.float64(-0.25),
        "text": "Zażółć",
        "formula": "=1+1",
    }
    frame = pd.DataFrame({name: pd.Series([value], dtype=object) for name, value in cells.items()})
    line = to_csv_bytes(frame).decode("utf-8").split("\r\n")[1]
    assert line == ",,,,2025-04-29,2024-02-29,true,false,-7,3,2.5,-0.25,Zażółć,'=1+1"


def test_the_same_cells_go_into_a_view_bundle_in_the_datasets_own_format() -> None:
    frame = pd.DataFrame({"n": pd.Series([1.0, None, 2.5], dtype=object), "flag": [True, False, True]})
    data = view_bundle({"resources": []}, {"t": frame}, "# README")
    csv_bytes = zipfile.ZipFile(io.BytesIO(data)).read("t.csv")
    assert csv_bytes == "\ufeffn,flag\r\n1,true\r\n,false\r\n2.5,true\r\n".encode()


def test_a_long_sheet_name_is_cut_to_the_31_characters_excel_allows() -> None:
    import openpyxl

    data = to_xlsx_bytes(pd.DataFrame({"a": [1]}), sheet="relationships_filtered_2026-11-28_long")
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["relationships_filtered_2026-11-"]


def test_an_excel_download_keeps_numbers_as_numbers_and_has_no_index_column() -> None:
    import openpyxl

    frame = pd.DataFrame({"name": ["a", "b"], "count": [2, 3]}, index=[10, 11])
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, {"count": "How many"}))).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["name", "How many"], ["a", 2], ["b", 3]]


def test_a_png_chart_is_drawn_at_twice_the_size_of_the_svg() -> None:
    import re

    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"k": "a", "v": 1}]},
        "mark": "bar",
        "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}},
        "width": 120,
        "height": 80,
    }
    svg = chart_image(spec, "svg").decode("utf-8")
    width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))
    png = chart_image(spec, "png")
    assert int.from_bytes(png[16:20], "big") == round(2 * width)


def test_an_unknown_image_format_is_refused_by_name() -> None:
    import pytest

    with pytest.raises(ValueError, match="unknown image format 'gif'"):
        chart_image({"mark": "bar"}, "gif")


def test_a_csv_already_saved_by_excel_gets_one_bom_and_keeps_line_breaks_inside_cells() -> None:
    text = '\ufeffid,note\nx,"two\nlines"\ny,plain\n'
    assert excel_csv(text) == '\ufeffid,note\r\nx,"two\nlines"\r\ny,plain\r\n'.encode()


def test_the_dataset_zip_is_compressed_and_carries_the_loaded_package_description(mini_dir: Path) -> None:
    archive = _zip_of(mini_dir)
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    assert json.loads(archive.read("datapackage.json")) == json.loads((mini_dir / "datapackage.json").read_bytes())
    assert sorted(n for n in archive.namelist() if n.endswith(".csv")) == sorted(p.name for p in mini_dir.glob("*.csv"))


@pytest.mark.parametrize(
    "cell",
    [" =1+1", "\n=1+1", "\r\n@SUM(A1)", "\u3000+x", "\uff1dcmd|' /C calc'!A0", "\uff0bx", "\uff0dx", "\uff20x", "\t-x"],
)
def test_cells_a_spreadsheet_could_run_are_neutralised_in_csv_excel_and_zip(cell: str) -> None:
    frame = pd.DataFrame({"text": [cell]})
    assert neutralise(cell) == "'" + cell
    assert list(csv.reader(io.StringIO(to_csv_bytes(frame).decode("utf-8-sig"))))[1] == ["'" + cell]
    assert pd.read_excel(io.BytesIO(to_xlsx_bytes(frame)))["text"].iloc[0].startswith("'")
    bundle = zipfile.ZipFile(io.BytesIO(dataset_zip({"resources": [{"name": "t"}]}, {"t": frame}, "")))
    assert list(csv.reader(io.StringIO(bundle.read("t.csv").decode("utf-8-sig"))))[1] == ["'" + cell]


@pytest.mark.parametrize("text", ["plain", "a=b", "x-1", "2025-04-29", "Zażółć", "阿克米", " plain"])
def test_ordinary_text_is_exported_unchanged(text: str) -> None:
    assert neutralise(text) == text


@pytest.mark.parametrize("name", ["../tests/evil", "..\\evil", "/etc/passwd", "a/b", "C:evil", ".hidden"])
def test_every_zip_entry_is_a_plain_file_name(name: str) -> None:
    frame = pd.DataFrame({"x": ["1"]})
    for data in (
        view_bundle({"resources": [{"name": name, "schema": {"fields": []}}]}, {name: frame}, ""),
        dataset_zip({"resources": [{"name": name}]}, {name: frame}, ""),
    ):
        for entry in zipfile.ZipFile(io.BytesIO(data)).namelist():
            assert "/" not in entry and "\\" not in entry and ":" not in entry and not entry.startswith("."), entry


def _fields(package: dict, name: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == name)["schema"]


def test_a_view_package_describes_only_the_tables_and_columns_it_carries(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    tables = dataset.tables
    frames = {
        "models": tables["models"][["source_id"]],  # no key column: no primary key
        "sources": tables["sources"][["source_id"]],  # only its key: the key stays
        "companies": tables["companies"][["company_id", "parent_id", "hq_location_id"]],
    }
    out = view_package(dataset.package, frames)
    assert [r["name"] for r in out["resources"]] == [
        r["name"] for r in dataset.package["resources"] if r["name"] in frames
    ]
    models, sources, companies = _fields(out, "models"), _fields(out, "sources"), _fields(out, "companies")
    assert [f["name"] for f in models["fields"]] == ["source_id"] and "primaryKey" not in models
    assert sources["primaryKey"] == ["source_id"] and sources["foreignKeys"] == []
    assert models["foreignKeys"] == [
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}
    ]
    # a company's parent is a company of the same table (resource ""); its place is in a table not carried
    assert companies["foreignKeys"] == [
        {"fields": ["parent_id"], "reference": {"resource": "", "fields": ["company_id"]}}
    ]
    assert out["name"] == dataset.package["name"] and "licenses" in out


def test_a_view_bundle_is_compressed_and_its_package_file_readable_in_any_language(mini_dir: Path) -> None:
    import json

    dataset = load_dataset(mini_dir)
    package = {**dataset.package, "title": "Łańcuch dostaw 供应链"}
    archive = zipfile.ZipFile(io.BytesIO(view_bundle(package, {"sources": dataset.tables["sources"]}, "# README")))
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    text = archive.read("datapackage.json").decode("utf-8")
    assert '"title": "Łańcuch dostaw 供应链"' in text
    assert text.startswith('{\n  "') and json.loads(text)["resources"][0]["name"] == "sources"


def test_an_excel_download_neutralises_formulas_in_a_column_of_mixed_cells() -> None:
    import openpyxl

    frame = pd.DataFrame({"mixed": pd.Series(["=1+1", 5, None], dtype=object), "n": [1.5, 2.0, 3.0]})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["mixed", "n"], ["'=1+1", 1.5], [5, 2], [None, 3]]


def test_an_excel_download_has_one_sheet_called_data_by_default() -> None:
    import openpyxl

    assert openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(pd.DataFrame({"a": [1]})))).sheetnames == ["data"]


def test_a_view_package_of_a_table_without_keys_describes_it_as_it_is() -> None:
    package = {"name": "p", "resources": [{"name": "t", "schema": {"fields": [{"name": "a"}, {"name": "b"}]}}]}
    out = view_package(package, {"t": pd.DataFrame({"a": [1]})})
    assert out["resources"] == [{"name": "t", "schema": {"fields": [{"name": "a"}], "foreignKeys": []}}]


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("../../etc/passwd", "passwd"),  # no way out of the folder a reader unzips into
        ("C:\\Users\\x\\evil.csv", "evil.csv"),  # nor a Windows path or drive
        ("folder/sub/table.csv", "table.csv"),
        ("folder/my table!.csv", "my_table_.csv"),  # a space or a sign becomes '_'
        ("..Xray.csv", "Xray.csv"),  # leading dots go (no hidden file), the rest is kept
        ("几何.csv", "__.csv"),
        ("...", "file"),  # nothing left: still a name
    ],
)
def test_a_zip_entry_is_a_plain_file_name_that_cannot_leave_its_folder(name: str, entry: str) -> None:
    assert entry_name(name) == entry
