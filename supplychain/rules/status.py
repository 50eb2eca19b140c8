"""Export-control status of every chip on any date: the one place the rule lives.

Read from policies.csv (dates, effect, status) and relationships.csv (policy -restricts-> chip,
policy -permits-> chip, policy -rescinds-> policy). `chip_status_on` answers for one day;
`status_segments` calls the same rule at every date where an answer can change.
Its answers in words (tables, plain-words answers, two days compared) are in rules/status_answers.py.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from supplychain.data.cells import is_blank
from supplychain.data.dates import DAY, MONTH, YEAR, in_period, next_period_start, precision_of, status_counts_from
from supplychain.data.labels import policy_status_label
from supplychain.i18n import N_, Words
from supplychain.rules import status_words as words

RESTRICTED, PERMITTED, UNRESTRICTED, NOT_ANNOUNCED = "restricted", "permitted", "unrestricted", "not_announced"
STATUSES: tuple[str, ...] = (RESTRICTED, PERMITTED, UNRESTRICTED, NOT_ANNOUNCED)

WINDOW_COLUMNS = [
    "chip_id",
    "policy_id",
    "policy_name",
    "relationship_id",
    "kind",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "end_reason",
    "policy_status",
    "source_id",
    "start_basis",
    "evidence",
    "date_source_id",
]
STATUS_COLUMNS = [
    "chip_id",
    "chip_name",
    "designer_id",
    "segment",
    "status",
    "measure_id",
    "measure_name",
    "since",
    "since_precision",
    "since_basis",
    "in_force",
    "china_side",
    "uncertain",
    "uncertain_why",
    "relationship_id",
    "source_id",
    "evidence",
    "date_source_id",
]
# On the same start date a restriction outranks a permit: the cautious reading of "same day".
_RANK = {"permits": 0, "restricts": 1}
# The relations that make a measure an export measure (restricts / permits).
EXPORT_KINDS: tuple[str, ...] = tuple(_RANK)
# A measure's own standing (policies.status, described in datapackage.json). in_force, rescinded and
# superseded are settled facts about it (its dates say when it applied); never_in_force and pending
# (not yet law) mean it never applied. Any other value (unclear, not_enforced, suspended, or one the
# curators add later) leaves the measure counted, cautiously, but marks every answer it decides as
# uncertain, naming its standing.
SETTLED_POLICY_STATUSES: frozenset[str] = frozenset({"in_force", "rescinded", "superseded"})
NEVER_APPLIED_POLICY_STATUSES: frozenset[str] = frozenset({"never_in_force", "pending"})


def _date(value: object, precision: object = None) -> pd.Timestamp | None:
    """The day a stored date counts from under the status's rule (`dates.status_counts_from`), or None."""
    return None if is_blank(value) else status_counts_from(value, precision)


_prec = precision_of
# The precisions, most exact first: of two ends on the same day, the more exact one is the window's end.
_MOST_EXACT_FIRST = (DAY, MONTH, YEAR)


def measure_windows(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per policy -> chip edge: which measure, what it does to the chip, from when until when.

    kind: restricts / permits (the edge's relation), or discourages when the policy's effect is
    `discourages` (the Chinese side curbing purchases: noted, but it does not decide export status).
    start: the edge's start_date, else the policy's effective_date, else its announced_date; None
    when all are empty (then the measure counts as applying since before the data begins).
    end: the earliest of the edge's end_date, the policy's ended_date and the start of any
    `rescinds` edge pointing at the policy (or, without a start, the rescinding policy's
    effective date). Policies with status never_in_force never apply.
    """
    # Plain dicts, not iterrows/.loc: the same rules, about ten times faster on a large package (docs/performance.md).
    policies = {row["policy_id"]: row for row in tables["policies"].to_dict("records")}
    rel = tables["relationships"]
    rescissions: dict[str, list[dict]] = {}
    for resc in rel[(rel["relation"] == "rescinds") & (rel["to_kind"] == "policy")].to_dict("records"):
        rescissions.setdefault(resc["to_id"], []).append(resc)
    edges = rel[(rel["from_kind"] == "policy") & (rel["to_kind"] == "chip") & rel["relation"].isin(list(_RANK))]
    rows = []
    for edge in edges.to_dict("records"):
        if edge["from_id"] not in policies:
            continue
        policy = policies[edge["from_id"]]
        if policy["status"] in NEVER_APPLIED_POLICY_STATUSES:
            continue
        start, start_p = _date(edge["start_date"], edge["start_precision"]), _prec(edge["start_precision"])
        # Where the start comes from: the tie's own date, else the measure's (then the chip was covered from
        # at least that day, or from its launch if later), else none. The date's record goes with it.
        basis = words.SINCE_TIE if start is not None else words.SINCE_AT_LEAST
        date_source = edge["source_id"] if start is not None else policy.get("source_id", edge["source_id"])
        if start is None:
            start, start_p = (
                _date(policy["effective_date"], policy["effective_precision"]),
                _prec(policy["effective_precision"]),
            )
        if start is None:
            start, start_p = (
                _date(policy["announced_date"], policy["announced_precision"]),
                _prec(policy["announced_precision"]),
            )
        ends: list[tuple[pd.Timestamp, str, str]] = []
        if (edge_end := _date(edge["end_date"], edge["end_precision"])) is not None:
            ends.append(
                (
                    edge_end,
                    _prec(edge["end_precision"]),
                    words.end_reason_link_ended(),
                )
            )
        if (policy_end := _date(policy["ended_date"], policy["ended_precision"])) is not None:
            ends.append(
                (
                    policy_end,
                    _prec(policy["ended_precision"]),
                    words.end_reason_measure_ended(),
                )
            )
        for resc in rescissions.get(edge["from_id"], []):
            when, when_p = _date(resc["start_date"], resc["start_precision"]), _prec(resc["start_precision"])
            if when is None and resc["from_id"] in policies:
                rescinder = policies[resc["from_id"]]
                when, when_p = (
                    _date(rescinder["effective_date"], rescinder["effective_precision"]),
                    _prec(rescinder["effective_precision"]),
                )
            if when is not None:
                ends.append((when, when_p, words.end_reason_rescinded(resc["from_id"])))
        # The earliest end decides. Two ends on the same day: the one known to the day is the answer (the window
        # certainly closed then, so the days after it are not uncertain); then the month before the year; on a
        # full tie, the first listed: the tie's own end, the measure's, then rescissions in file order.
        end, end_p, reason = (
            min(ends, key=lambda e: (e[0], _MOST_EXACT_FIRST.index(e[1]))) if ends else (None, None, None)
        )
        kind = "discourages" if policy["effect"] == "discourages" else str(edge["relation"])
        rows.append(
            {
                "chip_id": edge["to_id"],
                "policy_id": edge["from_id"],
                "policy_name": policy["name"],
                "relationship_id": edge["relationship_id"],
                "kind": kind,
                "start": start,
                "start_precision": start_p if start is not None else None,
                "end": end,
                "end_precision": end_p,
                "end_reason": reason,
                "policy_status": policy["status"],
                "source_id": edge["source_id"],
                "start_basis": basis if start is not None else words.SINCE_UNKNOWN,
                "evidence": edge.get("evidence"),
                "date_source_id": date_source if start is not None else None,
            }
        )
    out = pd.DataFrame(rows, columns=WINDOW_COLUMNS)
    out["start"] = pd.to_datetime(out["start"])
    out["end"] = pd.to_datetime(out["end"])
    return out


# Why a status is uncertain, per precision of the date (whole sentences: Polish declines each phrase differently).
_ANNOUNCED_VAGUELY = Words(
    {
        "month": N_("announced on a date known only to the month"),
        "year": N_("announced on a date known only to the year"),
    }
)
_STARTS_VAGUELY = Words(
    {
        "month": N_("{measure} applies from a date known only to the month"),
        "year": N_("{measure} applies from a date known only to the year"),
    }
)
_ENDS_VAGUELY = Words(
    {
        "month": N_("{measure} ends on a date known only to the month"),
        "year": N_("{measure} ends on a date known only to the year"),
    }
)


def chips_status_on(tables: dict[str, pd.DataFrame], day: str) -> pd.DataFrame:
    """`status_on` for every chip of the package on `day` (YYYY-MM-DD): the page's answer, cached per data version
    and day by the app (cache.per_version), so a reader opening a day someone has opened pays nothing for it."""
    return status_on(tables["chips"], measure_windows(tables), day)


def status_on(chips: pd.DataFrame, windows: pd.DataFrame, day: pd.Timestamp | str) -> pd.DataFrame:
    """The status of every chip on `day`, given the windows from `measure_windows`.

    Precedence, per chip:
    1. Before the chip's announced_date: not_announced.
    2. Otherwise, among the restricts/permits windows in force on the day (start <= day < end),
       the one that started latest decides: restricted or permitted (a permit granted after a
       restriction, like the H20 licences of August 2025, makes the chip permitted; a later
       restriction, restricted again). On the same start date the restriction wins.
    3. No window in force: unrestricted (no measure in the data restricts it).
    Discouraging measures (the Chinese side) never decide; they are listed in `china_side`.

    Imprecise dates: the status's rule (`dates.status_counts_from`): a date known only to the month or
    year counts from the first day of that month or year, for starts, ends and announcements alike (the
    Map uses the opposite rule, `dates.map_counts_from`; `dates.STATUS_DATE_NOTE` tells readers).
    Every day inside such a month or year, for any of the chip's windows or its announcement, is
    marked uncertain, as is a status decided by a measure whose own standing is `unclear` or whose
    start is unknown. `uncertain_why` says which.
    """
    day = pd.Timestamp(day).normalize()
    by_chip: dict[str, list[dict]] = {}
    for w in windows[windows["chip_id"].isin(chips["chip_id"])].to_dict("records"):  # only these chips' windows
        by_chip.setdefault(w["chip_id"], []).append(w)
    rows = []
    for chip in chips.to_dict("records"):
        mine = by_chip.get(chip["chip_id"], [])
        why: list[str] = []
        announced, announced_p = chip.get("announced_date"), chip.get("announced_precision")
        if in_period(day, announced, announced_p):
            why.append(words.why_announced_imprecise(_prec(announced_p)))
        for w in mine:
            if in_period(day, w["start"], w["start_precision"]):
                why.append(words.why_starts_imprecise(w["policy_name"], w["start_precision"]))
            if in_period(day, w["end"], w["end_precision"]):
                why.append(words.why_ends_imprecise(w["policy_name"], w["end_precision"]))
        active = [
            w for w in mine if (pd.isna(w["start"]) or w["start"] <= day) and (pd.isna(w["end"]) or day < w["end"])
        ]
        export = [w for w in active if w["kind"] in _RANK]
        china = [w["policy_id"] for w in active if w["kind"] == "discourages"]
        decided = None
        since, since_p, basis = None, None, None
        if pd.notna(announced) and day < status_counts_from(announced, announced_p):
            status = NOT_ANNOUNCED
        elif not export:
            status = UNRESTRICTED
            if pd.isna(announced):
                why.append(words.why_no_announcement())
        else:
            decided = max(
                export, key=lambda w: (pd.Timestamp.min if pd.isna(w["start"]) else w["start"], _RANK[w["kind"]])
            )
            status = RESTRICTED if decided["kind"] == "restricts" else PERMITTED
            standing = decided["policy_status"]
            if isinstance(standing, str) and standing not in SETTLED_POLICY_STATUSES:
                why.append(words.why_standing(decided["policy_name"], policy_status_label(standing)))
            if pd.isna(decided["start"]):
                why.append(words.why_start_unknown(decided["policy_name"]))
            if decided["evidence"] == "estimate":
                why.append(words.why_estimate(decided["policy_name"]))
            since, since_p, basis = decided["start"], decided["start_precision"], decided["start_basis"]
            # A tie with no date of its own: the chip was covered from at least the measure's date, or its
            # launch if that came later (a measure cannot cover a chip before there is one). On the same day the
            # launch decides, with its precision: a chip of "March 2024" is never said covered since 1 March.
            if basis == words.SINCE_AT_LEAST and pd.notna(announced):
                launch = status_counts_from(announced, announced_p)
                if pd.notna(since) and launch >= since:
                    since, since_p = launch, _prec(announced_p)
        rows.append(
            {
                "chip_id": chip["chip_id"],
                "chip_name": chip["name"],
                "designer_id": chip["designer_id"],
                "segment": chip["segment"],
                "status": status,
                "measure_id": None if decided is None else decided["policy_id"],
                "measure_name": None if decided is None else decided["policy_name"],
                "since": since,
                "since_precision": since_p,
                "since_basis": basis,
                "in_force": "; ".join(dict.fromkeys(w["policy_id"] for w in export)) if status != NOT_ANNOUNCED else "",
                "china_side": "; ".join(dict.fromkeys(china)),
                "uncertain": bool(why),
                "uncertain_why": "; ".join(dict.fromkeys(why)),
                "relationship_id": None if decided is None else decided["relationship_id"],
                "source_id": None if decided is None else decided["source_id"],
                "evidence": None if decided is None else decided["evidence"],
                "date_source_id": None if decided is None else decided["date_source_id"],
            }
        )
    out = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    out["since"] = pd.to_datetime(out["since"])
    out["uncertain"] = out["uncertain"].astype(bool)
    return out


def chip_status_on(tables: dict[str, pd.DataFrame], day: pd.Timestamp | str) -> pd.DataFrame:
    """Could each chip in chips.csv be sold to China on `day`, and under which measure? See `status_on`."""
    return status_on(tables["chips"], measure_windows(tables), day)


def same_value(a: object, b: object) -> bool:
    """Equal, counting None, NaN and "" as the same empty value."""
    empty_a, empty_b = is_blank(a), is_blank(b)
    return (empty_a and empty_b) or (not empty_a and not empty_b and a == b)


def change_dates(chips: pd.DataFrame, windows: pd.DataFrame) -> list[pd.Timestamp]:
    """Every date on which some chip's status (or its certainty) can change."""
    dates: set[pd.Timestamp] = set()
    pairs = [
        (windows["start"], windows["start_precision"]),
        (windows["end"], windows["end_precision"]),
        (chips["announced_date"], chips["announced_precision"]),
    ]
    for values, precisions in pairs:
        for when, precision in zip(values, precisions):
            if pd.notna(when):
                dates.add(pd.Timestamp(when))
                dates.add(next_period_start(when, precision))
    return sorted(dates)


def status_segments(
    tables: dict[str, pd.DataFrame],
    start: pd.Timestamp | str,
    end: pd.Timestamp | str,
    chip_ids: Iterable[str] | None = None,
    windows: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each chip's status over [start, end] as runs of equal status: chip x date strip data.

    Calls `status_on` at `start` and at every change date inside the range, so the strip and the
    "as of" table can never disagree. Columns: the STATUS_COLUMNS plus start and end (exclusive).
    `chip_ids` limits it to those chips (the strip draws the first ones of a long list; each chip's
    status depends only on its own row and the measures, so a chip's runs are the same either way).
    `windows` is measure_windows(tables) when the caller has it already (it is the costly part at scale).
    """
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    chips = tables["chips"]
    windows = measure_windows(tables) if windows is None else windows
    if chip_ids is not None:
        chips = chips[chips["chip_id"].isin(set(chip_ids))]
    points = [start] + [d for d in change_dates(chips, windows) if start < d <= end]
    stops = points[1:] + [end + pd.Timedelta(days=1)]
    frames = [status_on(chips, windows, p).assign(start=p, end=s) for p, s in zip(points, stops)]
    runs = pd.concat(frames, ignore_index=True)
    key = ["status", "measure_id", "uncertain", "uncertain_why", "china_side"]
    merged: list[dict] = []
    last: dict[str, dict] = {}
    for row in runs.to_dict("records"):
        prev = last.get(row["chip_id"])
        if prev is not None and all(same_value(prev[k], row[k]) for k in key):
            prev["end"] = row["end"]
        else:
            merged.append(row)
            last[row["chip_id"]] = row
    out = pd.DataFrame(merged, columns=STATUS_COLUMNS + ["start", "end"])
    return out.sort_values(
        ["chip_id", "start"],
        key=lambda col: col.map({c: i for i, c in enumerate(chips["chip_id"])}) if col.name == "chip_id" else col,
        kind="stable",
    ).reset_index(drop=True)
