"""Releases, row by row: what the change list, the changelog, the version and the snapshot files say.

Each test builds two small snapshots (or a tiny package in a temporary folder) and writes the expected change rows,
versions and file text out by hand, as an analyst reading data/changes.csv or CHANGELOG.md would check them.
"""

from __future__ import annotations

import datetime as dt
import json
import locale
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import rewrite_csv
from test_release import DAY_TWO, read, tiny_package, version_of

from supplychain.data import release
from supplychain.data.release import (
    CHANGE_COLUMNS,
    Change,
    build_release,
    bump_version,
    change_level,
    changelog,
    compare_snapshots,
    main,
    parse_version,
    read_rows,
    read_snapshots,
    schema_level,
    snapshot_data,
    snapshot_tables,
    snapshot_text,
    summarise,
    write_csv,
    write_snapshot,
)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return tiny_package(tmp_path / "data")


def snap(rows: dict[str, dict[str, dict[str, str]]], columns: dict[str, list[str]] | None = None) -> dict:
    """A snapshot of `rows` (table -> id -> values); its columns are those of the rows unless given."""
    if columns is None:
        columns = {t: sorted({c for values in r.values() for c in values}) for t, r in rows.items()}
    return {"version": "1.0.0", "created": "2026-01-01T00:00:00Z", "columns": columns, "rows": rows}


def listed(changes: list[Change]) -> list[tuple[str, str, str, str, str, str, str]]:
    return [(c.table, c.row_id, c.change, c.fields, c.old_value, c.why, c.source_id) for c in changes]


# --- versions -------------------------------------------------------------------------------------------------


def test_each_level_moves_its_own_part_of_the_version_and_resets_the_parts_after_it() -> None:
    assert bump_version("1.4.7", "major") == "2.0.0"
    assert bump_version("1.4.7", "minor") == "1.5.0"
    assert bump_version("1.4.7", "patch") == "1.4.8"
    assert bump_version("1.4.7", "") == "1.4.7"
    assert parse_version(" 10.20.30 ") == (10, 20, 30)


@pytest.mark.parametrize("bad", ["1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "v1.2.3", "1.2.x", ""])
def test_a_version_that_is_not_major_minor_patch_is_refused_by_name(bad: str) -> None:
    with pytest.raises(ValueError, match="not a semantic version"):
        parse_version(bad)


# --- reading the tables -----------------------------------------------------------------------------------------


def test_a_csv_is_read_without_its_byte_order_mark_and_blank_lines_are_not_rows() -> None:
    header, rows = read_rows("\ufeffthing_id,name\na,Alpha\n,\n \t, \nb,\n\n")
    assert header == ["thing_id", "name"]
    assert rows == [{"thing_id": "a", "name": "Alpha"}, {"thing_id": "b", "name": ""}]
    assert read_rows("") == ([], [])
    assert read_rows("\ufeffXid,name\nx1,X\n")[0] == ["Xid", "name"], "only the mark is stripped, never a letter"


def test_a_snapshot_keys_rows_by_id_and_leaves_empty_cells_and_the_id_out_of_the_values() -> None:
    texts = {"things": "thing_id,name,note\na,Alpha,\nb,Beta,old\n", "alpha": "alpha_id,x\nz,1\n"}
    got = snapshot_tables(texts, {"things": "thing_id", "alpha": "alpha_id"}, version="2.0.0", created="2026-03-03")
    assert got == {
        "version": "2.0.0",
        "created": "2026-03-03",
        "columns": {"alpha": ["alpha_id", "x"], "things": ["thing_id", "name", "note"]},
        "rows": {"alpha": {"z": {"x": "1"}}, "things": {"a": {"name": "Alpha"}, "b": {"name": "Beta", "note": "old"}}},
    }
    assert list(got["rows"]) == ["alpha", "things"]


# --- the change list ----------------------------------------------------------------------------------------------


def test_a_table_added_between_releases_lists_every_row_of_it_as_added() -> None:
    old = snap({"things": {"a": {"name": "A"}}})
    new = snap({"things": {"a": {"name": "A"}}, "widgets": {"w2": {"source_id": "s7"}, "w1": {"name": "W"}}})
    assert listed(compare_snapshots(old, new, release="1.1.0")) == [
        ("widgets", "w1", "added", "", "", "", ""),
        ("widgets", "w2", "added", "", "", "", "s7"),
    ]


def test_a_table_dropped_between_releases_lists_every_row_it_had_as_removed_with_its_source() -> None:
    old = snap({"gone": {"g1": {"source_id": "s1"}, "g2": {"name": "G"}}, "things": {"a": {"name": "A"}}})
    new = snap({"things": {"a": {"name": "A"}}})
    assert listed(compare_snapshots(old, new, release="2.0.0")) == [
        ("gone", "g1", "removed", "", "", "", "s1"),
        ("gone", "g2", "removed", "", "", "", ""),
    ]


def test_changes_are_listed_by_table_then_row_id_and_carry_their_release() -> None:
    old = snap({"b_table": {"y": {"n": "1"}}, "a_table": {"k": {"n": "1"}}})
    new = snap({"b_table": {"x": {"n": "1"}}, "a_table": {"k": {"n": "1"}, "j": {"n": "2"}}})
    changes = compare_snapshots(old, new, release="1.1.0")
    assert [(c.release, c.table, c.row_id, c.change) for c in changes] == [
        ("1.1.0", "a_table", "j", "added"),
        ("1.1.0", "b_table", "x", "added"),
        ("1.1.0", "b_table", "y", "removed"),
    ]


def test_a_row_removed_by_a_whole_row_correction_carries_its_why_and_source() -> None:
    old = snap({"things": {"a": {"source_id": "s1"}, "b": {"source_id": "s2"}}})
    new = snap({"things": {}})
    fixes = [
        {"table": "things", "row_id": "a", "field": "", "why": "Duplicate of c", "source_id": "s9"},
        {"table": "things", "row_id": "b", "field": "", "why": "Never happened", "source_id": ""},
    ]
    assert listed(compare_snapshots(old, new, release="1.1.0", corrections=fixes)) == [
        ("things", "a", "removed", "", "", "Duplicate of c", "s9"),
        ("things", "b", "removed", "", "", "Never happened", "s2"),
    ]


def test_several_fields_changed_in_one_row_are_one_change_naming_each_old_value() -> None:
    old = snap({"things": {"a": {"name": "Alpha", "note": "n1", "source_id": "s1"}}})
    new = snap({"things": {"a": {"name": "Alpha 2", "note": "n2", "size": "3", "source_id": "s1"}}})
    assert listed(compare_snapshots(old, new, release="1.1.0")) == [
        ("things", "a", "changed", "name note size", "name: Alpha; note: n1; size: ", "", "s1"),
    ]


def test_a_value_filled_in_where_there_was_none_is_a_change_with_an_empty_old_value() -> None:
    old = snap({"things": {"a": {"source_id": "s1"}}})
    new = snap({"things": {"a": {"name": "Alpha", "source_id": "s2"}}})
    assert listed(compare_snapshots(old, new, release="1.1.0")) == [
        ("things", "a", "changed", "name source_id", "name: ; source_id: s1", "", "s2"),
    ]
    cleared = snap({"things": {"a": {"source_id": "s1"}}})
    assert listed(compare_snapshots(new, cleared, release="1.2.0")) == [
        ("things", "a", "changed", "name source_id", "name: Alpha; source_id: s2", "", "s1"),
    ]


def test_one_field_filled_in_where_there_was_none_has_an_empty_old_value_not_a_placeholder() -> None:
    old = snap({"things": {"a": {"source_id": "s1"}, "b": {"source_id": "s1"}}})
    new = snap({"things": {"a": {"name": "Alpha", "source_id": "s1"}, "b": {"name": "Beta", "source_id": "s1"}}})
    fixes = [{"table": "things", "row_id": "b", "field": "name", "why": "Was left out", "source_id": "s9"}]
    assert listed(compare_snapshots(old, new, release="1.1.0", corrections=fixes)) == [
        ("things", "a", "changed", "name", "", "", "s1"),
        ("things", "b", "corrected", "name", "", "Was left out", "s9"),
    ]


def test_a_cell_kept_empty_in_an_older_snapshot_and_left_out_of_a_newer_one_is_no_change() -> None:
    old = snap({"things": {"a": {"name": "Alpha", "note": ""}}})
    new = snap({"things": {"a": {"name": "Alpha", "size": ""}}})
    assert compare_snapshots(old, new, release="1.0.1") == []
    assert compare_snapshots(new, old, release="1.0.1") == []


def test_a_correction_without_a_reason_or_source_column_gives_blanks_and_the_rows_own_source() -> None:
    old = snap({"things": {"a": {"name": "Alfa", "source_id": "s1"}, "b": {"name": "Bta", "source_id": "s2"}}})
    new = snap({"things": {"a": {"name": "Alpha", "source_id": "s1"}, "b": {"name": "Beta", "source_id": "s2"}}})
    fixes = [
        {"table": "things", "row_id": "a", "field": "name", "source_id": "s9"},
        {"table": "things", "row_id": "b", "field": "name", "why": "Misspelt"},
    ]
    assert listed(compare_snapshots(old, new, release="1.0.1", corrections=fixes)) == [
        ("things", "a", "corrected", "name", "Alfa", "", "s9"),
        ("things", "b", "corrected", "name", "Bta", "Misspelt", "s2"),
    ]


def test_a_row_with_the_same_values_is_not_listed() -> None:
    same = snap({"things": {"a": {"name": "Alpha"}, "b": {}}})
    assert compare_snapshots(same, snap({"things": {"a": {"name": "Alpha"}, "b": {}}}), release="1.0.1") == []


def test_corrected_fields_are_one_change_each_after_the_plain_change_of_the_same_row() -> None:
    old = snap({"things": {"a": {"name": "Alfa", "size": "1", "note": "x", "source_id": "s1"}}})
    new = snap({"things": {"a": {"name": "Alpha", "size": "2", "note": "y", "source_id": "s1"}}})
    fixes = [
        {"table": "things", "row_id": "a", "field": "size", "why": "Misread\n  the table", "source_id": ""},
        {"table": "things", "row_id": "a", "field": "name", "why": "Misspelt", "source_id": "s9"},
    ]
    changes = compare_snapshots(old, new, release="1.1.0", corrections=fixes)
    assert listed(changes) == [
        ("things", "a", "changed", "note", "x", "", "s1"),
        ("things", "a", "corrected", "name", "Alfa", "Misspelt", "s9"),
        ("things", "a", "corrected", "size", "1", "Misread\n  the table", "s1"),
    ]
    assert [c.change_id for c in changes] == [
        "1.1.0/things/a/changed",
        "1.1.0/things/a/corrected/name",
        "1.1.0/things/a/corrected/size",
    ]
    assert changes[1].as_row() == {
        "change_id": "1.1.0/things/a/corrected/name",
        "release": "1.1.0",
        "table": "things",
        "row_id": "a",
        "change": "corrected",
        "fields": "name",
        "old_value": "Alfa",
        "why": "Misspelt",
        "source_id": "s9",
    }


def test_a_whole_row_correction_covers_every_changed_field_of_that_row_only() -> None:
    old = snap({"things": {"a": {"name": "Alfa", "note": "x"}, "b": {"name": "Bta"}}})
    new = snap({"things": {"a": {"name": "Alpha", "note": "y"}, "b": {"name": "Beta"}}})
    fixes = [{"table": "things", "row_id": "a", "why": "Re-read the filing", "source_id": "s4"}]  # no field column
    assert listed(compare_snapshots(old, new, release="1.0.1", corrections=fixes)) == [
        ("things", "a", "corrected", "name", "Alfa", "Re-read the filing", "s4"),
        ("things", "a", "corrected", "note", "x", "Re-read the filing", "s4"),
        ("things", "b", "changed", "name", "Bta", "", ""),
    ]


def test_a_correction_of_another_table_or_row_does_not_make_a_change_a_correction() -> None:
    old = snap({"things": {"a": {"name": "Alfa"}}, "other": {"a": {"name": "Alfa"}}})
    new = snap({"things": {"a": {"name": "Alpha"}}, "other": {"a": {"name": "Alpha"}}})
    fixes = [{"table": "other", "row_id": "a", "field": "name", "why": "Misspelt", "source_id": "s9"}]
    assert [(c.table, c.change) for c in compare_snapshots(old, new, release="1.1.0", corrections=fixes)] == [
        ("other", "corrected"),
        ("things", "changed"),
    ]


# --- how far the version moves --------------------------------------------------------------------------------


def test_a_table_or_column_gone_is_major_one_added_is_minor_and_a_new_order_is_nothing() -> None:
    base = snap({}, {"things": ["thing_id", "name"], "other": ["other_id"]})
    assert schema_level(base, snap({}, {"things": ["thing_id", "name"]})) == "major"
    assert schema_level(base, snap({}, {"things": ["thing_id"], "other": ["other_id"]})) == "major"
    assert schema_level(base, snap({}, {"things": ["thing_id", "name"], "other": ["other_id"], "new": ["n"]})) == (
        "minor"
    )
    assert schema_level(base, snap({}, {"things": ["thing_id", "name", "size"], "other": ["other_id"]})) == "minor"
    assert schema_level(base, snap({}, {"other": ["other_id"], "things": ["name", "thing_id"]})) == ""
    # a column renamed is one gone and one added: the reader's code breaks, so major
    assert schema_level(base, snap({}, {"things": ["thing_id", "title"], "other": ["other_id"]})) == "major"


def test_rows_added_removed_or_changed_are_minor_corrections_alone_a_patch() -> None:
    same = snap({}, {"things": ["thing_id"]})

    def level(*kinds: str) -> str:
        return change_level(same, same, [Change("", "things", str(i), kind) for i, kind in enumerate(kinds)])

    assert level() == ""
    assert level("corrected") == "patch"
    assert level("corrected", "added") == "minor"
    assert level("removed") == "minor"
    assert level("changed", "corrected") == "minor"
    assert change_level(same, snap({}, {}), [Change("", "things", "a", "corrected")]) == "major"


def test_a_release_summary_counts_each_kind_in_a_fixed_order_and_says_when_nothing_changed() -> None:
    kinds = ["removed", "added", "corrected", "added", "changed", "added"]
    assert summarise([Change("1.1.0", "t", str(i), kind) for i, kind in enumerate(kinds)]) == (
        "3 added, 1 changed, 1 corrected, 1 removed"
    )
    assert summarise([Change("1.1.0", "t", "a", "removed")]) == "1 removed"
    assert summarise([]) == "No row changed"


# --- the changelog --------------------------------------------------------------------------------------------


def test_the_changelog_lists_releases_newest_first_by_version_not_by_text() -> None:
    releases = [
        {"version": "1.9.0", "created": "2026-01-09T00:00:00Z", "summary": "From 1.8.0: 1 added."},
        {"version": "1.10.0", "created": "2026-01-10", "summary": "From 1.9.0: 1 removed."},
    ]
    changes = [Change("1.10.0", "things", "a", "removed", source_id="s1"), Change("1.9.0", "things", "a", "added")]
    assert changelog(releases, changes) == (
        "# Changelog of the data\n"
        "\n"
        "Generated by `make release` (supplychain/data/release.py) from data/changes.csv; do not edit by hand.\n"
        "Versions: major = a column renamed or removed, minor = rows or columns added, patch = corrections only.\n"
        "\n"
        "## 1.10.0 (2026-01-10)\n"
        "\n"
        "From 1.9.0: 1 removed.\n"
        "\n"
        "### things\n"
        "\n"
        "- `a` removed [source: s1]\n"
        "\n"
        "## 1.9.0 (2026-01-09)\n"
        "\n"
        "From 1.8.0: 1 added.\n"
        "\n"
        "### things\n"
        "\n"
        "- `a` added\n"
    )


def test_the_changelog_groups_a_releases_changes_by_table_and_words_each_one_on_one_line() -> None:
    long_why = "word " * 60
    changes = [
        Change("1.1.0", "widgets", "w", "changed", fields="name size", old_value="name: W; size: 1", source_id="s2"),
        Change("1.1.0", "things", "b", "corrected", fields="note", old_value="", why="Was\n blank", source_id="s3"),
        Change("1.1.0", "things", "a", "corrected", fields="name", old_value="Al\nfa", why=long_why),
        Change("1.0.1", "things", "z", "added"),
    ]
    text = changelog([{"version": "1.1.0", "created": "2026-02-02", "summary": "S."}], changes)
    body = text.split("## 1.1.0 (2026-02-02)\n\nS.\n\n", 1)[1]
    cut = ("word " * 40).strip()[:199] + "…"
    assert body == (
        "### things\n"
        "\n"
        "- `b` corrected (note); was: (empty); why: Was blank [source: s3]\n"
        f"- `a` corrected (name); was: Al fa; why: {cut}\n"
        "\n"
        "### widgets\n"
        "\n"
        "- `w` changed (name, size) [source: s2]\n"
    )
    assert len(cut) == 200
    assert "`z`" not in text


def test_a_reason_of_exactly_two_hundred_characters_is_kept_whole() -> None:
    why = "x" * 200
    text = changelog(
        [{"version": "1.0.1", "created": "2026-02-02", "summary": "S."}],
        [
            Change("1.0.1", "things", "a", "corrected", fields="name", old_value="A", why=why),
        ],
    )
    assert text.endswith(f"- `a` corrected (name); was: A; why: {why}\n")


# --- the snapshot file ------------------------------------------------------------------------------------------


def test_a_snapshot_file_has_one_line_per_row_and_reads_back_as_the_same_snapshot() -> None:
    snapshot = {
        "version": "1.2.0",
        "created": "2026-02-02T00:00:00Z",
        "columns": {"things": ["thing_id", "name"], "alpha": ["alpha_id"]},
        "rows": {"things": {"b": {"name": "Bêta"}, "a": {"name": "A", "b": "2"}}, "alpha": {}},
    }
    text = snapshot_text(snapshot)
    assert text == (
        "{\n"
        ' "version": "1.2.0",\n'
        ' "created": "2026-02-02T00:00:00Z",\n'
        ' "columns": {\n'
        '  "alpha": ["alpha_id"],\n'
        '  "things": ["thing_id","name"]\n'
        " },\n"
        ' "rows": {\n'
        '  "alpha": {\n'
        "  },\n"
        '  "things": {\n'
        '   "a": {"b":"2","name":"A"},\n'
        '   "b": {"name":"Bêta"}\n'
        "  }\n"
        " }\n"
        "}\n"
    )
    assert json.loads(text) == snapshot


def test_the_data_as_it_stands_has_no_version_or_date_until_it_is_released(tmp_path: Path) -> None:
    folder = tiny_package(tmp_path / "data")
    now = snapshot_data(folder)
    assert (now["version"], now["created"]) == ("", "")
    assert now["rows"] == {
        "things": {"a": {"name": "Alpha", "source_id": "s1"}, "b": {"name": "Beta", "source_id": "s1"}}
    }
    bare = snapshot_tables({"things": "thing_id\na\n"}, {"things": "thing_id"})
    assert (bare["version"], bare["created"], bare["rows"]) == ("", "", {"things": {"a": {}}})


def test_the_first_snapshot_can_be_kept_in_a_data_folder_not_made_yet(tmp_path: Path) -> None:
    path = write_snapshot(tmp_path / "new" / "data", {**snap({}), "version": "0.1.0"})
    assert path == tmp_path / "new" / "data" / "releases" / "0.1.0.json"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == "0.1.0"


def test_the_release_snapshots_are_read_oldest_version_first_by_number(tmp_path: Path) -> None:
    for version in ("1.10.0", "1.9.0", "2.0.0", "1.2.0"):
        write_snapshot(tmp_path, {**snap({}), "version": version})
    assert [s["version"] for s in read_snapshots(tmp_path)] == ["1.2.0", "1.9.0", "1.10.0", "2.0.0"]
    assert (tmp_path / "releases" / "1.10.0.json").read_text(encoding="utf-8").startswith('{\n "version": "1.10.0",')


def test_the_change_list_file_has_its_columns_in_order_and_plain_line_ends(tmp_path: Path) -> None:
    change = Change("1.1.0", "things", "c", "added", source_id="s, 2")
    write_csv(tmp_path / "changes.csv", CHANGE_COLUMNS, [change.as_row()])
    assert (tmp_path / "changes.csv").read_bytes() == (
        b"change_id,release,table,row_id,change,fields,old_value,why,source_id\n"
        b'1.1.0/things/c/added,1.1.0,things,c,added,,,,"s, 2"\n'
    )


# --- the release, built in a folder ---------------------------------------------------------------------------------


def test_a_folder_without_any_release_snapshot_is_refused_with_where_to_keep_the_first(tmp_path: Path) -> None:
    folder = tiny_package(tmp_path / "data")
    for path in (folder / "releases").glob("*.json"):
        path.unlink()
    with pytest.raises(ValueError, match=r"no release snapshot in .*releases: keep the first release's there"):
        build_release(folder, today=DAY_TWO)


def test_a_release_of_a_package_without_corrections_file_lists_plain_changes(tmp_path: Path) -> None:
    folder = tiny_package(tmp_path / "data")
    (folder / "corrections.csv").unlink()
    rewrite_csv(folder / "things.csv", lambda header, rows: rows[1].update(name="Beta 2"))
    result = build_release(folder, today=DAY_TWO, changelog_path=tmp_path / "elsewhere.md")
    assert (result.version, result.created, result.new_release) == ("1.1.0", "2026-02-02T00:00:00Z", True)
    assert result.summary == "From 1.0.0: 1 changed."
    assert [(c["row_id"], c["change"], c["old_value"], c["source_id"]) for c in read(folder / "changes.csv")] == [
        ("b", "changed", "Beta", "s1")
    ]
    assert "- `b` changed (name) [source: s1]" in (tmp_path / "elsewhere.md").read_text(encoding="utf-8")
    assert not (tmp_path / "CHANGELOG.md").exists()


def test_an_edit_of_the_corrections_alone_is_no_new_release(tiny: Path) -> None:
    (tiny / "corrections.csv").write_text(
        "correction_id,table,row_id,field,why,source_id\nfix_a,things,a,name,Checked,s9\n", encoding="utf-8"
    )
    result = build_release(tiny, today=DAY_TWO)
    assert (result.version, result.new_release, result.summary) == ("1.0.0", False, "First release.")


def test_three_releases_each_get_a_summary_from_the_one_before_and_the_package_names_the_newest(tiny: Path) -> None:
    with (tiny / "things.csv").open("a", encoding="utf-8") as handle:
        handle.write("c,Gamma,s2\n")
    build_release(tiny, today=DAY_TWO)
    rewrite_csv(tiny / "things.csv", lambda header, rows: rows.pop(0) and None)
    result = build_release(tiny, today=dt.date(2026, 3, 3))
    assert result.summary == "From 1.1.0: 1 removed."
    assert read(tiny / "releases.csv") == [
        {"version": "1.0.0", "created": "2026-01-01", "summary": "First release."},
        {"version": "1.1.0", "created": "2026-02-02", "summary": "From 1.0.0: 1 added."},
        {"version": "1.2.0", "created": "2026-03-03", "summary": "From 1.1.0: 1 removed."},
    ]
    assert [(c["release"], c["row_id"], c["change"]) for c in read(tiny / "changes.csv")] == [
        ("1.1.0", "c", "added"),
        ("1.2.0", "a", "removed"),
    ]
    assert version_of(tiny) == "1.2.0"
    kept = json.loads((tiny / "releases" / "1.2.0.json").read_text(encoding="utf-8"))
    assert (kept["version"], sorted(kept["rows"]["things"])) == ("1.2.0", ["b", "c"])
    changelog_text = (tiny.parent / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog_text.index("## 1.2.0 (2026-03-03)") < changelog_text.index("## 1.1.0 (2026-02-02)")
    assert changelog_text.index("## 1.1.0") < changelog_text.index("## 1.0.0 (2026-01-01)\n\nFirst release.")


def test_the_package_keeps_its_key_order_layout_and_accents_when_the_release_stamps_it(tiny: Path) -> None:
    package = json.loads((tiny / "datapackage.json").read_text(encoding="utf-8"))
    package = {"title": "Łańcuch dostaw", **package}
    (tiny / "datapackage.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    with (tiny / "things.csv").open("a", encoding="utf-8") as handle:
        handle.write("c,Gamma,s2\n")
    build_release(tiny, today=DAY_TWO)
    text = (tiny / "datapackage.json").read_text(encoding="utf-8")
    stamped = {**package, "version": "1.1.0", "created": "2026-02-02T00:00:00Z"}
    assert text == json.dumps(stamped, ensure_ascii=False, indent=2) + "\n"
    assert '"title": "Łańcuch dostaw"' in text and list(json.loads(text))[:3] == ["title", "name", "version"]


def test_the_command_line_says_when_it_rebuilt_an_unchanged_release(tiny: Path, capsys) -> None:
    assert main(["--data-dir", str(tiny)]) == 0
    assert capsys.readouterr().out == "Rebuilt (data unchanged since) release 1.0.0 (2026-01-01): First release.\n"


class _ClockInSydney(dt.datetime):
    """A machine in Sydney at 23:30 UTC on 3 March 2026: its local day is already 4 March."""

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
        utc = dt.datetime(2026, 3, 3, 23, 30, tzinfo=dt.UTC)
        return utc.astimezone(tz) if tz is not None else dt.datetime(2026, 3, 4, 10, 30)


def test_the_command_line_dates_a_new_release_by_the_utc_day_not_the_machines_local_day(
    tiny: Path, capsys, monkeypatch
) -> None:
    with (tiny / "things.csv").open("a", encoding="utf-8") as handle:
        handle.write("c,Gamma,s2\n")
    monkeypatch.setattr(release, "dt", SimpleNamespace(date=dt.date, datetime=_ClockInSydney, UTC=dt.UTC))
    assert main(["--data-dir", str(tiny)]) == 0
    assert capsys.readouterr().out == "Built release 1.1.0 (2026-03-03): From 1.0.0: 1 added.\n"
    assert json.loads((tiny / "datapackage.json").read_text(encoding="utf-8"))["created"] == "2026-03-03T00:00:00Z"


def test_the_command_line_releases_the_shipped_data_folder_when_none_is_named(tiny: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(release, "DATA_DIR", tiny)
    assert main([]) == 0
    assert capsys.readouterr().out == "Rebuilt (data unchanged since) release 1.0.0 (2026-01-01): First release.\n"


def test_the_command_lines_help_says_what_it_builds_and_which_day_it_dates_by(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert "\n\nBuild the data release: version, change list, changelog.\n\n" in out
    assert re.search(r"\n  --date DATE +build date \(default: today, UTC\)\n", out)


def test_a_release_built_under_an_ascii_locale_keeps_every_accent_in_utf8(tiny: Path) -> None:
    """A curator's machine whose locale is not UTF-8 (C, or Windows' cp1252) must not garble or refuse the files."""
    package = json.loads((tiny / "datapackage.json").read_text(encoding="utf-8"))
    (tiny / "datapackage.json").write_text(json.dumps({"title": "Łańcuch", **package}) + "\n", encoding="utf-8")
    rewrite_csv(tiny / "things.csv", lambda header, rows: rows[1].update(name="Bêta"))
    (tiny / "corrections.csv").write_text(
        "correction_id,table,row_id,field,why,source_id\nfix_b,things,b,name,Akcent pominięty,s9\n", encoding="utf-8"
    )
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        assert locale.getpreferredencoding(False) != "UTF-8"
        build_release(tiny, today=DAY_TWO)
        with (tiny / "things.csv").open("a", encoding="utf-8") as handle:
            handle.write("ż,Żeta,s3\n")
        result = build_release(tiny, today=dt.date(2026, 3, 3))
    finally:
        locale.setlocale(locale.LC_CTYPE, before)
    assert (result.version, result.summary) == ("1.1.0", "From 1.0.1: 1 added.")
    assert json.loads((tiny / "releases" / "1.1.0.json").read_text(encoding="utf-8"))["rows"]["things"]["ż"] == {
        "name": "Żeta",
        "source_id": "s3",
    }
    assert '"title": "Łańcuch"' in (tiny / "datapackage.json").read_text(encoding="utf-8")
    assert [(c["row_id"], c["change"]) for c in read(tiny / "changes.csv")] == [("b", "corrected"), ("ż", "added")]
    changelog_text = (tiny.parent / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "`ż` added [source: s3]" in changelog_text and "was: Beta; why: Akcent pominięty" in changelog_text
