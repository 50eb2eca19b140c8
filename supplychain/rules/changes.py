"""Releases of the record, their change lists, and the dated items a reader can follow (feed entries).

`changes` and `releases` are tables of the package when it has them (data/changes.csv, data/releases.csv);
a package without them has no release history yet, which reads as empty tables with the right header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from supplychain.data.entities import entity_url
from supplychain.data.release import CHANGE_COLUMNS, RELEASE_COLUMNS
from supplychain.i18n import N_, _

# The columns of changes.csv and releases.csv: one place, the release tool that writes them.
CHANGES_COLUMNS, RELEASES_COLUMNS = CHANGE_COLUMNS, RELEASE_COLUMNS
_VERSION = re.compile(r"[0-9]+(\.[0-9]+){0,3}")


def version_key(text: str) -> tuple[int, ...] | None:
    """A version such as `1.2.0` as numbers for ordering (`1.10` after `1.9`); None when it is not one."""
    text = str(text).strip()
    return tuple(int(p) for p in text.split(".")) if _VERSION.fullmatch(text) else None


def _table(tables: dict[str, pd.DataFrame], name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    frame = tables.get(name)
    if frame is None:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    return frame


def release_list(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every release, oldest first by semantic version (`1.10.0` after `1.9.0`), newest last: the order the
    package's `releases` table keeps them (`make release` appends), so a script's last row is the latest."""
    releases = _table(tables, "releases", RELEASES_COLUMNS)
    order = sorted(releases.index, key=lambda i: version_key(str(releases.at[i, "version"])) or ())
    return releases.loc[order]


def change_list(tables: dict[str, pd.DataFrame], *, since: str | None = None) -> pd.DataFrame:
    """The change list in file order; with `since`, only the changes of releases after that version.

    `since` must be a version (version_key is not None): the caller refuses anything else.
    """
    changes = _table(tables, "changes", CHANGES_COLUMNS)
    if since is None:
        return changes
    after = version_key(since) or ()
    keep = changes["release"].map(lambda v: (version_key(str(v)) or ()) > after)
    return changes[keep.astype(bool)]


@dataclass(frozen=True)
class FeedEntry:
    """One item of the Atom feed: a release and what it changed, or a measure's dated step."""

    entry_id: str  # stable: the same item keeps its id across builds
    title: str
    day: str  # YYYY-MM-DD
    summary: str
    link: str  # a path of the app or of the data routes


def release_entries(tables: dict[str, pd.DataFrame]) -> list[FeedEntry]:
    """A feed entry per release: its summary and how many rows were added, changed, removed or corrected."""
    changes = change_list(tables)
    releases = release_list(tables)
    older = [None, *releases["version"].astype(str).tolist()[:-1]]  # oldest first: the row before is the previous
    out = []
    for (_index, release), previous in zip(releases.iterrows(), older):
        version = str(release["version"])
        mine = changes[changes["release"].astype(str) == version]
        counts = mine["change"].value_counts()
        tally = ", ".join(f"{int(n)} {kind}" for kind, n in counts.items()) or _("no row changes")
        out.append(
            FeedEntry(
                f"release-{version}",
                _("Release {version}").format(version=version),
                str(release["created"])[:10],
                f"{release['summary']} ({tally}).",
                f"changes.csv?since={previous}" if previous else "changes.csv",
            )
        )
    return out[::-1]  # newest first, as a feed reader lists them


def measure_entries(package: dict[str, Any], tables: dict[str, pd.DataFrame]) -> list[FeedEntry]:
    """A feed entry per measure's date of effect and end (rules taking effect, suspensions ending).

    A date after the record's reach (`reviewed_through`) is scheduled: it says so and that its outcome is not
    confirmed, never that it happened.
    """
    reach = str(package.get("reviewed_through", ""))[:10]
    policies = tables.get("policies")
    if policies is None:
        return []
    out = []
    for _index, row in policies.iterrows():
        for column, titled, worded in (
            ("effective_date", N_("{name} takes effect"), N_("{name} takes effect on {day} (status: {status}).")),
            ("ended_date", N_("{name} ends"), N_("{name} ends on {day} (status: {status}).")),
        ):
            value = row.get(column)
            if value is None or pd.isna(value):
                continue
            day = pd.Timestamp(value).strftime("%Y-%m-%d")
            scheduled = bool(reach) and day > reach
            title = _(titled).format(name=row["name"])
            title = _("Scheduled: {title}").format(title=title) if scheduled else title
            caveat = " " + _("Scheduled after the record's reach: outcome not confirmed.") if scheduled else ""
            status = str(row.get("status", "")).replace("_", " ")
            out.append(
                FeedEntry(
                    f"measure-{row['policy_id']}-{column}",
                    title,
                    day,
                    _(worded).format(name=row["name"], day=day, status=status) + caveat,
                    entity_url(row["policy_id"]),
                )
            )
    return sorted(out, key=lambda e: e.day, reverse=True)
