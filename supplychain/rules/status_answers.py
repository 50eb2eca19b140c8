"""Export status in words: the "as of" table, plain-words answers, the strip's summary, days to jump to, two days
compared, and the rows behind an answer. The rule itself (`status_on`, `measure_windows`) is in rules/status.py.
"""

from __future__ import annotations

import pandas as pd

from supplychain.data.cells import cell_text
from supplychain.data.dates import format_date, next_period_start, precision_of
from supplychain.data.labels import enum_words
from supplychain.data.status_labels import STATUS_LABELS
from supplychain.i18n import N_, Words
from supplychain.rules import status_words as words
from supplychain.rules.status import EXPORT_KINDS, measure_windows, same_value, status_on

STATUS_TABLE_COLUMNS = Words(
    {
        "chip_name": N_("Chip"),
        "designer": N_("Designer"),
        "segment_label": N_("Segment"),
        "status_label": N_("Status"),
        "measure_name": N_("Deciding measure"),
        "since_label": N_("In force since"),
        "in_force": N_("US/other measures in force"),
        "china_side": N_("Chinese side discourages"),
        "uncertain": N_("Uncertain"),
        "uncertain_why": N_("Why uncertain"),
        "measure_id": N_("Measure id"),
        "relationship_id": N_("Relationship"),
        "source_id": N_("Source"),
    }
)


def status_table(status: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """The "as of" answer as shown and downloaded: readable status, designer, segment and since-date, then
    the ids behind it. `names` maps entity ids to names (designers, measures); an unknown id stays an id."""
    names = names or {}
    out = status.copy()
    out["designer"] = out["designer_id"].map(lambda i: names.get(i, i))
    out["segment_label"] = enum_words(out["segment"], "chips", "segment")
    out["status_label"] = out["status"].map(STATUS_LABELS)
    out["since_label"] = [
        words.since_cell(b, format_date(d, p) if pd.notna(d) else "") if pd.notna(m) and m else ""
        for d, p, b, m in zip(out["since"], out["since_precision"], out["since_basis"], out["measure_id"])
    ]
    for column in ("in_force", "china_side"):
        out[column] = out[column].map(lambda v: "; ".join(names.get(i, i) for i in str(v).split("; ") if i))
    return out[list(STATUS_TABLE_COLUMNS)]


ANSWER_COLUMNS = [
    "chip_id",
    "chip_name",
    "status",
    "question",
    "lead",
    "verdict",
    "answer",
    "measure_id",
    "measure_name",
    "relationship_id",
    "since_label",
    "since_phrase",
    "source_id",
    "source_label",
    "source_url",
    "evidence",
    "evidence_label",
    "date_source_id",
    "date_source_label",
    "date_source_url",
    "after_reach",
    "uncertain",
    "uncertain_why",
]


_text = cell_text


def _source(by_source: pd.DataFrame, source_id: str) -> tuple[str, str]:
    """(label, url) of a source; ("", "") when the id is empty or not in sources.csv."""
    if not source_id or source_id not in by_source.index:
        return "", ""
    source = by_source.loc[source_id]
    return f"{source['publisher']}: {source['title']}", _text(source.get("url"))


def status_answers(
    status: pd.DataFrame,
    sources: pd.DataFrame,
    day: pd.Timestamp | str,
    *,
    reviewed_through: pd.Timestamp | str | None = None,
) -> pd.DataFrame:
    """The `status_on` frame as plain-words answers, one row per chip, each as certain as what it rests on.

    question: "Could the Nvidia H20 be sold to China on 1 Jun 2025?"
    answer: "No — an export licence has been required since 9 Apr 2025, and may be denied." When the deciding
    tie is the curators' estimate it starts "Our estimate:" (`lead`); when the tie has no start of its own it
    says "since at least …" (the measure's date, or the chip's launch if later), "(start not known)" without
    any date. `date_source_*` is the record that date comes from (the tie's own, or the measure's own);
    `source_*` the record of the tie. A day after `reviewed_through` adds "After the record's reach: later
    measures may exist". An uncertain answer says why; a chip the Chinese side discourages says that too.
    """
    day = pd.Timestamp(day).normalize()
    reach = None if reviewed_through is None else pd.Timestamp(reviewed_through).normalize()
    by_source = sources.set_index("source_id")
    rows = []
    for row in status.to_dict("records"):
        code = row["status"]
        since_label = "" if pd.isna(row["since"]) else format_date(row["since"], row["since_precision"])
        basis = _text(row.get("since_basis")) or words.SINCE_TIE
        phrase = words.since_phrase(basis, since_label) if _text(row["measure_id"]) else ""
        evidence = _text(row.get("evidence"))
        lead = words.estimate_lead() if evidence == "estimate" else ""
        answer = f"{words.verdict(code)} — {words.explanation(code, phrase)}."
        if lead:
            answer = f"{lead} {answer}"
        if _text(row["china_side"]):
            answer += " " + words.china_side_sentence()
        if row["uncertain"]:
            answer += " " + words.uncertain_sentence(_text(row["uncertain_why"]))
        after_reach = reach is not None and day > reach
        if after_reach:
            answer += " " + words.after_reach_sentence(format_date(reach))
        source_id = _text(row["source_id"])
        source_label, source_url = _source(by_source, source_id)
        date_source_id = _text(row.get("date_source_id"))
        date_source_label, date_source_url = _source(by_source, date_source_id)
        rows.append(
            {
                "chip_id": row["chip_id"],
                "chip_name": row["chip_name"],
                "status": code,
                "question": words.question(row["chip_name"], format_date(day)),
                "lead": lead,
                "verdict": words.verdict(code),
                "answer": answer,
                "measure_id": _text(row["measure_id"]),
                "measure_name": _text(row["measure_name"]),
                "relationship_id": _text(row["relationship_id"]),
                "since_label": since_label if basis != words.SINCE_UNKNOWN else "",
                "since_phrase": phrase,
                "source_id": source_id,
                "source_label": source_label,
                "source_url": source_url,
                "evidence": evidence,
                "evidence_label": words.evidence_word(evidence) if evidence else "",
                "date_source_id": date_source_id,
                "date_source_label": date_source_label,
                "date_source_url": date_source_url,
                "after_reach": after_reach,
                "uncertain": bool(row["uncertain"]),
                "uncertain_why": _text(row["uncertain_why"]),
            }
        )
    return pd.DataFrame(rows, columns=ANSWER_COLUMNS)


def date_presets(
    windows: pd.DataFrame,
    *,
    report_day: pd.Timestamp | str,
    reviewed_through: pd.Timestamp | str,
    today: pd.Timestamp | str | None = None,
) -> list[tuple[str, pd.Timestamp]]:
    """Days worth jumping to: the report's, the reviewed-through day, and the day before / first day after each measure.

    "Before" is the day before the measure's start; "after" is its first day when the start is known
    to the day, else the first day after the month or year it is known to (the first day the answer
    is certain). Export measures only (restricts / permits), in date order, each measure once.
    `today` (the real day, when the caller passes it) comes third when it is after the reviewed-through day,
    its label saying that later measures may exist. Returns (label, day) pairs, the label naming the day and
    the measure.
    """
    presets = [
        (words.preset_report(format_date(pd.Timestamp(report_day))), pd.Timestamp(report_day)),
        (words.preset_reviewed(format_date(pd.Timestamp(reviewed_through))), pd.Timestamp(reviewed_through)),
    ]
    if today is not None and pd.Timestamp(today).normalize() > pd.Timestamp(reviewed_through).normalize():
        now = pd.Timestamp(today).normalize()
        presets.append((words.preset_today(format_date(now)), now))
    starts = (
        windows[windows["kind"].isin(list(EXPORT_KINDS)) & windows["start"].notna()]
        .sort_values(["start", "policy_id"])
        .drop_duplicates("policy_id")
    )
    for w in starts.to_dict("records"):
        start, precision = pd.Timestamp(w["start"]), precision_of(w["start_precision"])
        after = start if precision == "day" else next_period_start(start, precision)
        before = start - pd.Timedelta(days=1)
        presets.append((words.preset_before(format_date(before), w["policy_name"]), before))
        presets.append((words.preset_after(format_date(after), w["policy_name"]), after))
    return presets


def chip_answer(
    tables: dict[str, pd.DataFrame],
    chip_id: str,
    day: pd.Timestamp | str,
    *,
    reviewed_through: pd.Timestamp | str | None = None,
) -> dict:
    """One chip's plain-words answer on `day` (a `status_answers` row as a dict), for its profile."""
    chips = tables["chips"][tables["chips"]["chip_id"] == chip_id]
    status = status_on(chips, measure_windows(tables), day)
    return status_answers(status, tables["sources"], day, reviewed_through=reviewed_through).iloc[0].to_dict()


def strip_summary(status: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, day: pd.Timestamp) -> str:
    """The status strip's text alternative in words (never a status code): its span, and on `day` how many chips
    had each status, naming them, and how many answers are uncertain."""
    parts = []
    for code, label in STATUS_LABELS.items():
        chips = list(status.loc[status["status"] == code, "chip_name"])
        if chips:
            parts.append(f"{label}: {', '.join(chips)}")
    uncertain = int(status["uncertain"].sum()) if len(status) else 0
    return words.strip_summary(
        format_date(start), format_date(end), len(status), format_date(day), "; ".join(parts), uncertain
    )


COMPARE_COLUMNS = ["chip_id", "chip_name", "before", "after", "changed_by", "measure_ids"]


def compare_package_days(tables: dict[str, pd.DataFrame], first: str, second: str) -> pd.DataFrame:
    """`compare_days` for every chip of the package (days as YYYY-MM-DD), cached per data version by the app."""
    return compare_days(tables["chips"], measure_windows(tables), first, second)


def compare_days(
    chips: pd.DataFrame, windows: pd.DataFrame, first: pd.Timestamp | str, second: pd.Timestamp | str
) -> pd.DataFrame:
    """The chips whose answer differs between two days, and which measure changed it.

    before / after: the status words on the earlier and the later day (plus "(uncertain)" when so); changed_by:
    the export measures that started or ended for that chip between the two days (after the earlier, up to the
    later), else the measure deciding on the later day. Chips whose status and deciding measure are the same on
    both days are left out. The days may come in either order.
    """
    a, b = sorted([pd.Timestamp(first).normalize(), pd.Timestamp(second).normalize()])
    on_a = status_on(chips, windows, a).set_index("chip_id")
    on_b = status_on(chips, windows, b).set_index("chip_id")
    export = windows[windows["kind"].isin(list(EXPORT_KINDS))]
    rows = []
    for chip_id in on_a.index:
        x, y = on_a.loc[chip_id], on_b.loc[chip_id]
        if x["status"] == y["status"] and same_value(x["measure_id"], y["measure_id"]):
            continue
        mine = export[export["chip_id"] == chip_id]
        moved = mine[
            ((mine["start"] > a) & (mine["start"] <= b)) | ((mine["end"] > a) & (mine["end"] <= b))
        ].drop_duplicates("policy_id")
        ids = list(moved["policy_id"]) or ([y["measure_id"]] if isinstance(y["measure_id"], str) else [])
        names = dict(zip(windows["policy_id"], windows["policy_name"]))

        def word(row: pd.Series) -> str:
            return STATUS_LABELS[row["status"]] + (words.uncertain_mark() if row["uncertain"] else "")

        rows.append(
            {
                "chip_id": chip_id,
                "chip_name": x["chip_name"],
                "before": word(x),
                "after": word(y),
                "changed_by": "; ".join(names.get(i, i) for i in ids) or words.not_a_measure(),
                "measure_ids": "; ".join(ids),
            }
        )
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def status_row_ids(table: pd.DataFrame) -> list[str]:
    """The package rows behind rows of a `status_on` frame (what `status_table` shows): each chip, its deciding
    measure and the tie, as table:id."""
    ids: list[str] = []
    for row in table.to_dict("records"):
        chip_id = row.get("chip_id")
        ids += [f"chips:{chip_id}"] if chip_id else []
        ids += [f"policies:{row['measure_id']}"] if _text(row.get("measure_id")) else []
        ids += [f"relationships:{row['relationship_id']}"] if _text(row.get("relationship_id")) else []
    return list(dict.fromkeys(ids))
