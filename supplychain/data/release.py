"""Releases of the data: semantic versions, a per-row snapshot per release, and the generated change list.

`python -m supplychain.data.release` (or `make release`) compares the data with the last release's snapshot
(data/releases/<version>.json, kept in the repo so a fresh clone without git history can build a release),
bumps the version by the rule below, sets `created` to the build date and writes data/changes.csv,
data/releases.csv and CHANGELOG.md. Re-running with unchanged data regenerates the same files.

The version rule (semantic versions for data):
- major: a column (or table) a reader's code relies on was renamed or removed;
- minor: rows, columns or tables were added, rows removed, or a value changed that is not a correction;
- patch: only corrections (changes the curators list in data/corrections.csv, each with why and source).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supplychain.data.schema import PACKAGE_FILE, primary_key, read_package, table_names

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
RELEASES_DIR_NAME = "releases"
CHANGELOG_NAME = "CHANGELOG.md"
# Tables the release writes or the curators fill to explain one: never compared as data.
RELEASE_TABLES: tuple[str, ...] = ("changes", "releases", "corrections")
CHANGE_KINDS: tuple[str, ...] = ("added", "changed", "corrected", "removed")
CHANGE_COLUMNS: tuple[str, ...] = (
    "change_id",
    "release",
    "table",
    "row_id",
    "change",
    "fields",
    "old_value",
    "why",
    "source_id",
)
RELEASE_COLUMNS: tuple[str, ...] = ("version", "created", "summary")
VERSION_PATTERN = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")

# A snapshot: {"version", "created", "columns": {table: [column...]}, "rows": {table: {row_id: {column: value}}}}.
# Empty cells are left out. Values are kept (not only their hashes) so a correction can show what it replaced.
Snapshot = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """One row of data/changes.csv."""

    release: str
    table: str
    row_id: str
    change: str
    fields: str = ""
    old_value: str = ""
    why: str = ""
    source_id: str = ""

    @property
    def change_id(self) -> str:
        """Stable id: release/table/row/change, plus the field for a correction (one per corrected field)."""
        tail = f"/{self.fields}" if self.change == "corrected" else ""
        return f"{self.release}/{self.table}/{self.row_id}/{self.change}{tail}"

    def as_row(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in CHANGE_COLUMNS}


def parse_version(version: str) -> tuple[int, int, int]:
    """'1.2.3' -> (1, 2, 3); ValueError when the text is not a semantic version."""
    match = VERSION_PATTERN.match(version.strip())
    if not match:
        raise ValueError(f"not a semantic version (MAJOR.MINOR.PATCH): {version!r}")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def bump_version(version: str, level: str) -> str:
    """The next version after `version` for a change of `level` ('major', 'minor', 'patch' or '' for none)."""
    major, minor, patch = parse_version(version)
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    if level == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def read_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """A CSV's header and its rows as text cells (blank lines skipped)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    rows = [dict(row) for row in reader if any((value or "").strip() for value in row.values())]
    return list(reader.fieldnames or []), rows


def snapshot_tables(texts: dict[str, str], keys: dict[str, str], *, version: str = "", created: str = "") -> Snapshot:
    """The snapshot of a release from each table's CSV text; `keys` names each table's primary-key column."""
    columns: dict[str, list[str]] = {}
    rows: dict[str, dict[str, dict[str, str]]] = {}
    for table in sorted(texts):
        header, records = read_rows(texts[table])
        key = keys[table]
        columns[table] = header
        rows[table] = {
            record[key]: {column: record[column] for column in header if column != key and record.get(column)}
            for record in records
        }
    return {"version": version, "created": created, "columns": columns, "rows": rows}


def data_tables(package: dict[str, Any]) -> list[str]:
    """The package's data tables: every table but the release's own (changes, releases, corrections)."""
    return [table for table in table_names(package) if table not in RELEASE_TABLES]


def snapshot_data(data_dir: Path, *, version: str = "", created: str = "") -> Snapshot:
    """The snapshot of the data as it is in `data_dir` now."""
    package = read_package(data_dir)
    tables = data_tables(package)
    paths = {res["name"]: res["path"] for res in package["resources"]}
    texts = {table: (Path(data_dir) / paths[table]).read_text(encoding="utf-8") for table in tables}
    keys = {table: primary_key(package, table) for table in tables}
    return snapshot_tables(texts, keys, version=version, created=created)


def corrections_index(corrections: list[dict[str, str]]) -> dict[tuple[str, str, str], dict[str, str]]:
    """(table, row_id, field) -> the curators' correction; a blank field stands for every field of the row."""
    return {(row["table"], row["row_id"], row.get("field", "") or ""): row for row in corrections}


def _row_source(values: dict[str, str]) -> str:
    return values.get("source_id", "") or ""


def compare_snapshots(
    old: Snapshot, new: Snapshot, *, release: str, corrections: list[dict[str, str]] | None = None
) -> list[Change]:
    """Every row added, removed, changed or corrected between two snapshots, sorted by table and row id.

    A changed field is a correction when data/corrections.csv lists it (or its whole row): the change then
    carries the curators' why and source, and the old value of each corrected field. Other changes carry the
    row's own source and the old values too, so a reader who cited the earlier value sees what it was.
    """
    index = corrections_index(corrections or [])
    changes: list[Change] = []
    tables = sorted(set(old["rows"]) | set(new["rows"]))
    for table in tables:
        before = old["rows"].get(table, {})
        after = new["rows"].get(table, {})
        for row_id in sorted(set(before) | set(after)):
            if row_id not in before:
                changes.append(Change(release, table, row_id, "added", source_id=_row_source(after[row_id])))
                continue
            if row_id not in after:
                fix = index.get((table, row_id, ""), {})
                changes.append(
                    Change(
                        release,
                        table,
                        row_id,
                        "removed",
                        why=fix.get("why", ""),
                        source_id=fix.get("source_id", "") or _row_source(before[row_id]),
                    )
                )
                continue
            changes.extend(_row_changes(table, row_id, before[row_id], after[row_id], release=release, index=index))
    return changes


def _row_changes(
    table: str,
    row_id: str,
    before: dict[str, str],
    after: dict[str, str],
    *,
    release: str,
    index: dict[tuple[str, str, str], dict[str, str]],
) -> list[Change]:
    """One row's changed fields: the corrected ones as one change each, the rest as one 'changed' change."""
    moved = [column for column in sorted(set(before) | set(after)) if before.get(column, "") != after.get(column, "")]
    if not moved:
        return []
    out: list[Change] = []
    plain: list[str] = []
    for column in moved:
        fix = index.get((table, row_id, column)) or index.get((table, row_id, ""))
        if fix is None:
            plain.append(column)
            continue
        out.append(
            Change(
                release,
                table,
                row_id,
                "corrected",
                fields=column,
                old_value=before.get(column, ""),
                why=fix.get("why", ""),
                source_id=fix.get("source_id", "") or _row_source(after),
            )
        )
    if plain:
        old_value = "; ".join(f"{column}: {before.get(column, '')}" for column in plain) if len(plain) > 1 else ""
        out.insert(
            0,
            Change(
                release,
                table,
                row_id,
                "changed",
                fields=" ".join(plain),
                old_value=old_value or before.get(plain[0], ""),
                source_id=_row_source(after),
            ),
        )
    return out


def schema_level(old: Snapshot, new: Snapshot) -> str:
    """'major' when a table or column of `old` is gone from `new`, 'minor' when one was added, else ''."""
    for table, columns in old["columns"].items():
        if table not in new["columns"] or set(columns) - set(new["columns"][table]):
            return "major"
    for table, columns in new["columns"].items():
        if table not in old["columns"] or set(columns) - set(old["columns"][table]):
            return "minor"
    return ""


def change_level(old: Snapshot, new: Snapshot, changes: list[Change]) -> str:
    """How far the version moves: 'major', 'minor', 'patch' or '' (no change), by the module's rule."""
    level = schema_level(old, new)
    if level:
        return level
    kinds = {change.change for change in changes}
    if kinds & {"added", "removed", "changed"}:
        return "minor"
    if "corrected" in kinds:
        return "patch"
    return ""


def summarise(changes: list[Change]) -> str:
    """'12 added, 3 changed, 2 corrected, 1 removed' (kinds with none left out); 'No row changed' if empty."""
    counts = [(kind, sum(1 for change in changes if change.change == kind)) for kind in CHANGE_KINDS]
    words = [f"{count} {kind}" for kind, count in counts if count]
    return ", ".join(words) if words else "No row changed"


def changelog(releases: list[dict[str, str]], changes: list[Change]) -> str:
    """CHANGELOG.md: newest release first; for each, its summary, then its changes grouped by table."""
    lines = [
        "# Changelog of the data",
        "",
        "Generated by `make release` (supplychain/data/release.py) from data/changes.csv; do not edit by hand.",
        "Versions: major = a column renamed or removed, minor = rows or columns added, patch = corrections only.",
    ]
    for entry in sorted(releases, key=lambda row: parse_version(row["version"]), reverse=True):
        version = entry["version"]
        lines += ["", f"## {version} ({entry['created'][:10]})", "", entry["summary"]]
        mine = [change for change in changes if change.release == version]
        for table in sorted({change.table for change in mine}):
            lines += ["", f"### {table}", ""]
            for change in (change for change in mine if change.table == table):
                lines.append(_changelog_line(change))
    return "\n".join(lines) + "\n"


def _changelog_line(change: Change) -> str:
    text = f"- `{change.row_id}` {change.change}"
    if change.fields:
        text += f" ({change.fields.replace(' ', ', ')})"
    if change.change == "corrected":
        text += f"; was: {_one_line(change.old_value) or '(empty)'}"
    if change.why:
        text += f"; why: {_one_line(change.why)}"
    if change.source_id:
        text += f" [source: {change.source_id}]"
    return text


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def snapshot_path(data_dir: Path, version: str) -> Path:
    return Path(data_dir) / RELEASES_DIR_NAME / f"{version}.json"


def read_snapshots(data_dir: Path) -> list[Snapshot]:
    """Every release snapshot kept in data/releases/, oldest version first."""
    folder = Path(data_dir) / RELEASES_DIR_NAME
    found = [json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")]
    return sorted(found, key=lambda snap: parse_version(snap["version"]))


def write_snapshot(data_dir: Path, snapshot: Snapshot) -> Path:
    path = snapshot_path(data_dir, snapshot["version"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(snapshot_text(snapshot), encoding="utf-8")
    return path


def snapshot_text(snapshot: Snapshot) -> str:
    """The snapshot as JSON with one line per row, so a release's file diffs row by row and stays compact."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    lines = ["{", f' "version": {dump(snapshot["version"])},', f' "created": {dump(snapshot["created"])},']
    lines.append(' "columns": {')
    columns = sorted(snapshot["columns"].items())
    lines += [
        f"  {dump(table)}: {dump(names)}{',' if i < len(columns) - 1 else ''}"
        for i, (table, names) in enumerate(columns)
    ]
    lines += [" },", ' "rows": {']
    tables = sorted(snapshot["rows"].items())
    for i, (table, rows) in enumerate(tables):
        lines.append(f"  {dump(table)}: {{")
        items = sorted(rows.items())
        lines += [
            f"   {dump(row_id)}: {dump(values)}{',' if j < len(items) - 1 else ''}"
            for j, (row_id, values) in enumerate(items)
        ]
        lines.append(f"  }}{',' if i < len(tables) - 1 else ''}")
    lines += [" }", "}"]
    return "\n".join(lines) + "\n"


def read_corrections(data_dir: Path) -> list[dict[str, str]]:
    path = Path(data_dir) / "corrections.csv"
    return read_rows(path.read_text(encoding="utf-8"))[1] if path.exists() else []


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@dataclass(frozen=True)
class ReleaseResult:
    version: str
    created: str
    summary: str
    new_release: bool


def build_release(data_dir: Path, *, today: dt.date, changelog_path: Path | None = None) -> ReleaseResult:
    """Build (or rebuild) the release of the data in `data_dir`; returns its version and summary.

    When the data equals the newest snapshot, that release is rebuilt as it was (same version and date), so
    running twice gives the same files. Otherwise a new version is made from the newest snapshot by the rule,
    dated `today`. Then changes.csv, releases.csv and the changelog are regenerated from all snapshots.
    """
    data_dir = Path(data_dir)
    snapshots = read_snapshots(data_dir)
    if not snapshots:
        raise ValueError(f"no release snapshot in {data_dir / RELEASES_DIR_NAME}: keep the first release's there")
    corrections = read_corrections(data_dir)
    last = snapshots[-1]
    current = snapshot_data(data_dir)
    pending = compare_snapshots(last, current, release="", corrections=corrections)
    level = change_level(last, current, pending)
    new_release = bool(level)
    if new_release:
        version = bump_version(last["version"], level)
        snapshots.append({**current, "version": version, "created": f"{today.isoformat()}T00:00:00Z"})
        write_snapshot(data_dir, snapshots[-1])
    all_changes: list[Change] = []
    releases: list[dict[str, str]] = [
        {"version": snapshots[0]["version"], "created": snapshots[0]["created"][:10], "summary": "First release."}
    ]
    for before, after in zip(snapshots, snapshots[1:]):
        changes = compare_snapshots(before, after, release=after["version"], corrections=corrections)
        all_changes += changes
        summary = f"From {before['version']}: {summarise(changes)}."
        releases.append({"version": after["version"], "created": after["created"][:10], "summary": summary})
    write_csv(data_dir / "changes.csv", CHANGE_COLUMNS, [change.as_row() for change in all_changes])
    write_csv(data_dir / "releases.csv", RELEASE_COLUMNS, releases)
    newest = snapshots[-1]
    set_package_release(data_dir, version=newest["version"], created=newest["created"])
    target = changelog_path or data_dir.parent / CHANGELOG_NAME
    target.write_text(changelog(releases, all_changes), encoding="utf-8")
    return ReleaseResult(newest["version"], newest["created"], releases[-1]["summary"], new_release)


def set_package_release(data_dir: Path, *, version: str, created: str) -> None:
    """Write `version` and `created` into datapackage.json, keeping its key order and layout."""
    path = Path(data_dir) / PACKAGE_FILE
    package = json.loads(path.read_text(encoding="utf-8"))
    package["version"] = version
    package["created"] = created
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the data release: version, change list, changelog.")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=None, help="build date (default: today, UTC)")
    args = parser.parse_args(argv)
    today = args.date or dt.datetime.now(dt.UTC).date()
    result = build_release(args.data_dir, today=today)
    what = "Built" if result.new_release else "Rebuilt (data unchanged since)"
    print(f"{what} release {result.version} ({result.created[:10]}): {result.summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
