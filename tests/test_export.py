"""Downloads hold exactly the rows and columns shown, as bytes a spreadsheet opens safely."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

from supplychain.export import dataset_zip, download_name, neutralise, to_csv_bytes, to_xlsx_bytes
from supplychain.filters import filter_rows
from supplychain.load import load_dataset
from supplychain.schema import column_labels


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


def test_dataset_zip_has_every_table_the_package_and_a_readme(mini_dir: Path) -> None:
    archive = zipfile.ZipFile(io.BytesIO(dataset_zip(mini_dir, "# README\ncite me")))
    names = set(archive.namelist())
    assert {"datapackage.json", "README.md", "models.csv", "relationships.csv", "sources.csv"} <= names
    assert archive.read("README.md").decode() == "# README\ncite me"


def test_csvs_inside_the_dataset_zip_have_a_bom_and_crlf_like_page_downloads(mini_dir: Path, tmp_path: Path) -> None:
    from frictionless import Package

    (mini_dir / "claims.csv").write_text(
        (mini_dir / "claims.csv").read_text(encoding="utf-8").replace("\r\n", "\n"), encoding="utf-8"
    )
    archive = zipfile.ZipFile(io.BytesIO(dataset_zip(mini_dir, "# README")))
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

    from supplychain.export import view_bundle

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
    from supplychain.provenance import with_citations

    dataset = load_dataset(mini_dir)
    edges = dataset.tables["relationships"].iloc[:1]
    frames = with_citations(dataset.tables, {"relationships": edges})
    assert list(frames["claims"]["claim_id"]) == ["c_one"]
    assert list(frames["sources"]["source_id"]) == ["rep"]


def test_chart_saves_as_svg_and_png_offline(mini_dir: Path) -> None:
    from supplychain.export import chart_image
    from supplychain.provenance_charts import evidence_chart

    spec = evidence_chart(load_dataset(mini_dir).tables).to_dict()
    svg = chart_image(spec, "svg").decode()
    assert svg.startswith("<svg") and "Relationships" in svg
    assert chart_image(spec, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_map_boundaries_by_url_are_inlined_for_export() -> None:
    from supplychain.export import inline_data_urls

    spec = {
        "layer": [{"data": {"url": "app/static/geo/x.json", "format": {"type": "topojson", "feature": "countries"}}}]
    }
    out = inline_data_urls(spec, {"app/static/geo/x.json": {"type": "Topology"}})
    assert out["layer"][0]["data"] == {
        "values": {"type": "Topology"},
        "format": {"type": "topojson", "feature": "countries"},
    }


def test_excel_header_cells_are_neutralised_like_data_cells() -> None:
    import openpyxl

    frame = pd.DataFrame({'=HYPERLINK("http://203.0.113.7")': ["=1+1"], "ok": ["plain"]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, {"ok": "@SUM(A1)"})))
    header = [cell.value for cell in book.active[1]]
    body = [cell.value for cell in book.active[2]]
    assert header == ['\'=HYPERLINK("http://203.0.113.7")', "'@SUM(A1)"]
    assert body == ["'=1+1", "plain"]
    assert all(cell.data_type == "s" for cell in book.active[1]), "no header cell is stored as a formula"
