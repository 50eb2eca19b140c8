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
    """When one row was added and last changed: {'added': version, 'changed': version} ('' when never changed).

    A row that no change lists has been there since the first release.
    """
    found = row_histories(tables, table, [row_id]).iloc[0]
    return {"added": str(found["added"]), "changed": str(found["changed"])}


def row_histories(tables: dict[str, pd.DataFrame], table: str, row_ids: list[str]) -> pd.DataFrame:
    """For each id of `table` (in order): the release it was added in and the one it last changed in ('' never).

    One pass over changes.csv for the whole list, so the Data page can show thousands of rows.
    """
    releases = tables.get("releases")
    first = ""
    if releases is not None and len(releases):
        first = str(min(releases["version"], key=_version_key))
    added: dict[str, str] = {}
    changed: dict[str, str] = {}
    changes = tables.get("changes")
    if changes is not None and len(changes):
        mine = changes[changes["table"] == table]
        for row_id, kind, release in zip(mine["row_id"], mine["change"], mine["release"]):
            target = added if kind == "added" else changed if kind in ("changed", "corrected") else None
            if target is not None and _version_key(release) > _version_key(target.get(row_id, "")):
                target[str(row_id)] = str(release)
    ids = [str(i) for i in row_ids]
    return pd.DataFrame(
        {"row_id": ids, "added": [added.get(i, first) for i in ids], "changed": [changed.get(i, "") for i in ids]}
    )
