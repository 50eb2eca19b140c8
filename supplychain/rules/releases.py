"""What changed in a release, and when each row was added and last changed (data/changes.csv, releases.csv)."""

from __future__ import annotations

import pandas as pd

from supplychain.data.release import CHANGE_KINDS, parse_version


def _version_key(version: object) -> tuple[int, int, int]:
    try:
        return parse_version(str(version))
    except ValueError:
        return (-1, -1, -1)


def release_changes(tables: dict[str, pd.DataFrame], version: str) -> pd.DataFrame:
    """The changes made in release `version`, in the order changes.csv lists them (by table, then row)."""
    changes = tables.get("changes")
    if changes is None or changes.empty:
        return pd.DataFrame(columns=["release", "table", "row_id", "change", "fields", "old_value", "why", "source_id"])
    return changes[changes["release"] == version].reset_index(drop=True)


def change_counts(changes: pd.DataFrame) -> dict[str, int]:
    """Kind -> number of changes (every kind of CHANGE_KINDS, zero included), in the schema's order."""
    counts = changes["change"].value_counts() if len(changes) else pd.Series(dtype=int)
    return {kind: int(counts.get(kind, 0)) for kind in CHANGE_KINDS}


def release_date(tables: dict[str, pd.DataFrame], version: str) -> pd.Timestamp | None:
    """The build date of release `version` (releases.csv), or None."""
    releases = tables.get("releases")
    if releases is None:
        return None
    match = releases.loc[releases["version"] == version, "created"]
    return pd.Timestamp(match.iloc[0]) if len(match) and pd.notna(match.iloc[0]) else None


def row_history(tables: dict[str, pd.DataFrame], table: str, row_id: str) -> dict[str, str]:
    """When a row was added and last changed: {'added': version, 'changed': version} ('' when not known).

    A row that no change lists has been there since the first release; 'changed' is empty when it never changed.
    """
    releases = tables.get("releases")
    first = ""
    if releases is not None and len(releases):
        first = str(min(releases["version"], key=_version_key))
    changes = tables.get("changes")
    if changes is None or changes.empty:
        return {"added": first, "changed": ""}
    mine = changes[(changes["table"] == table) & (changes["row_id"] == str(row_id))]
    added = [str(v) for v in mine.loc[mine["change"] == "added", "release"]]
    moved = [str(v) for v in mine.loc[mine["change"].isin(["changed", "corrected"]), "release"]]
    return {
        "added": max(added, key=_version_key) if added else first,
        "changed": max(moved, key=_version_key) if moved else "",
    }
