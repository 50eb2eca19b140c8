"""Timeline items: every dated event (plus model releases and chip launches) on one axis, in lanes.

Which lane each item goes to is rules/lanes.py (read from data/lanes.csv); this module builds, filters, counts
and places the items, and words the events table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from supplychain.data.cells import cell_or_none
from supplychain.data.dates import format_date, next_period_start, period_end
from supplychain.i18n import N_, Words, _
from supplychain.rules.lanes import Lanes, chip_lane, event_lane, model_lane, read_lanes, rows_by_id
from supplychain.rules.story import in_chain_order

ITEM_COLUMNS = [
    "item_id",
    "date",
    "end",
    "precision",
    "date_label",
    "title",
    "description",
    "lane",
    "lane_label",
    "lane_kind",
    "category",
    "is_causal_step",
    "company_id",
    "model_id",
    "chip_id",
    "policy_id",
    "evidence",
    "source_id",
    "claim_id",
    "note",
    "origin",
]


_blank = cell_or_none


def timeline_items(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every dated thing to draw, one row each, sorted by date.

    events.csv rows come first; a model's release (models.csv) or a chip's announcement (chips.csv)
    is added when no event of category model_release / *_chip already covers that entity, so the
    model and chip lanes are never empty for lack of an event row. `end` is the last day the date
    could stand for (month or year precision make a span, never the 1st of the month).
    """
    events, models, chips = tables["events"], tables["models"], tables["chips"]
    lanes = read_lanes(tables)
    rows: list[dict[str, object]] = []
    model_rows, chip_rows = rows_by_id(models, "model_id"), rows_by_id(chips, "chip_id")
    for ev in events.to_dict("records"):
        rows.append(
            {
                "item_id": ev["event_id"],
                "date": ev["date"],
                "precision": ev["date_precision"],
                "title": ev["title"],
                "description": ev["description"],
                "lane": event_lane(ev, model_rows, chip_rows, lanes),
                "category": ev["category"],
                "is_causal_step": bool(ev["is_causal_step"]) if pd.notna(ev["is_causal_step"]) else False,
                **{
                    c: _blank(ev[c])
                    for c in (
                        "company_id",
                        "model_id",
                        "chip_id",
                        "policy_id",
                        "evidence",
                        "source_id",
                        "claim_id",
                        "note",
                    )
                },
                "origin": "events",
            }
        )
    covered_models = set(events.loc[events["category"] == "model_release", "model_id"].dropna())
    for m in models.to_dict("records"):
        if pd.isna(m["release_date"]) or m["model_id"] in covered_models:
            continue
        rows.append(
            {
                "item_id": f"model_{m['model_id']}",
                "date": m["release_date"],
                "precision": _blank(m["release_precision"]) or "day",
                "title": _("{model} released").format(model=m["name"]),
                "description": _("{model} ({family}) first released.").format(model=m["name"], family=m["family"]),
                "lane": model_lane(m, lanes),
                "category": "model_release",
                "is_causal_step": False,
                "company_id": m["developer_id"],
                "model_id": m["model_id"],
                "chip_id": None,
                "policy_id": None,
                **{c: _blank(m[c]) for c in ("evidence", "source_id", "claim_id", "note")},
                "origin": "models",
            }
        )
    covered_chips = set(events.loc[events["category"].isin(["nvidia_chip", "chinese_chip"]), "chip_id"].dropna())
    for c in chips.to_dict("records"):
        if pd.isna(c["announced_date"]) or c["chip_id"] in covered_chips:
            continue
        lane = chip_lane(c, lanes)
        rows.append(
            {
                "item_id": f"chip_{c['chip_id']}",
                "date": c["announced_date"],
                "precision": _blank(c["announced_precision"]) or "day",
                "title": _("{chip} announced").format(chip=c["name"]),
                "description": _("{chip} first announced or launched.").format(chip=c["name"]),
                "lane": lane,
                "category": {v: k for k, v in lanes.category.items()}.get(lane, "nvidia_chip"),
                "is_causal_step": False,
                "company_id": c["designer_id"],
                "model_id": None,
                "chip_id": c["chip_id"],
                "policy_id": None,
                **{col: _blank(c[col]) for col in ("evidence", "source_id", "claim_id", "note")},
                "origin": "chips",
            }
        )
    items = pd.DataFrame(
        rows, columns=[c for c in ITEM_COLUMNS if c not in ("end", "date_label", "lane_label", "lane_kind")]
    )
    if items.empty:
        return pd.DataFrame(columns=ITEM_COLUMNS)
    items["date"] = pd.to_datetime(items["date"])
    items["end"] = [period_end(d, p) for d, p in zip(items["date"], items["precision"])]
    items["date_label"] = [format_date(d, p) for d, p in zip(items["date"], items["precision"])]
    items["lane_label"] = items["lane"].map(lanes.labels)
    items["lane_kind"] = items["lane"].map(lanes.kinds)
    return items[ITEM_COLUMNS].sort_values(["date", "lane", "item_id"], kind="stable").reset_index(drop=True)


def undated(tables: dict[str, pd.DataFrame], lane_set: Lanes, lanes: Sequence[str] | None = None) -> list[str]:
    """Names of models and chips with no date, which the timeline cannot place; with `lanes` (expanded lane
    codes of `lane_set`), only those whose lane is one of them, so the note speaks only of the lanes shown."""
    models = tables["models"]
    chips = tables["chips"]
    wanted = None if lanes is None else set(lanes)
    named = [(m["name"], model_lane(m, lane_set)) for m in models[models["release_date"].isna()].to_dict("records")]
    named += [(c["name"], chip_lane(c, lane_set)) for c in chips[chips["announced_date"].isna()].to_dict("records")]
    return [name for name, lane in named if wanted is None or lane in wanted]


def filter_items(
    items: pd.DataFrame,
    *,
    lanes: Sequence[str] = (),
    groups: Mapping[str, Sequence[str]] | None = None,
    companies: Sequence[str] = (),
    categories: Sequence[str] = (),
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Items in the chosen lanes, companies and categories, overlapping [start, end].

    A lane code in `groups` (Lanes.groups) stands for its lanes. Empty selections mean no filter. A
    month-precision item is kept if any day of its month is in range.
    """
    out = items
    if lanes:
        chosen = {member for code in lanes for member in (groups or {}).get(code, (code,))}
        out = out[out["lane"].isin(chosen)]
    if companies:
        out = out[out["company_id"].isin(list(companies)).fillna(False).astype(bool)]
    if categories:
        out = out[out["category"].isin(list(categories))]
    if start is not None:
        out = out[out["end"] >= pd.Timestamp(start)]
    if end is not None:
        out = out[out["date"] <= pd.Timestamp(end)]
    return out


def causal_steps(items: pd.DataFrame) -> pd.DataFrame:
    """The report's causal chain, from the data (is_causal_step), numbered in date order.

    Ordered by the last day each could stand for, so "April 2025" (a month) comes after
    "9 April 2025" (a day in it). Returns step, item_id, date, end, precision, title, date_label
    and label ("1 · US restricts H20 sales to China").
    """
    steps = items[items["is_causal_step"].astype(bool)]
    steps = in_chain_order(steps, last_day="end", day="date", key="item_id").copy()
    steps["step"] = range(1, len(steps) + 1)
    steps["label"] = [f"{n} · {t}" for n, t in zip(steps["step"], steps["title"])]
    return steps[["step", "item_id", "date", "end", "precision", "title", "label", "date_label"]].reset_index(drop=True)


def lane_counts(items: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """How many items each lane has per period of [start, end]: what the Timeline draws instead of every mark
    when too many events are shown to read (issue 14: aggregate at 100x rather than draw thousands of labels).

    The period is a month for ranges up to three years, else a quarter; an item counts in the period of its
    (first) date. Returns lane, lane_label, period (its first day), period_end (the first day of the next
    period) and count, only for periods with at least one item, in lane and date order.
    """
    columns = ["lane", "lane_label", "period", "period_end", "count"]
    if items.empty:
        return pd.DataFrame(columns=columns)
    freq = "MS" if (pd.Timestamp(end) - pd.Timestamp(start)).days <= 3 * 366 else "QS"
    step = pd.offsets.MonthBegin(1) if freq == "MS" else pd.offsets.QuarterBegin(1, startingMonth=1)
    dates = pd.to_datetime(items["date"])
    period = dates.dt.to_period("M" if freq == "MS" else "Q").dt.start_time
    out = (
        items.assign(period=period)
        .groupby(["lane", "lane_label", "period"], dropna=False)
        .size()
        .rename("count")
        .reset_index()
    )
    out["period_end"] = out["period"] + step
    return out[columns].sort_values(["lane", "period"], kind="stable").reset_index(drop=True)


def label_levels(
    items: pd.DataFrame,
    start: pd.Timestamp,
    end: pd.Timestamp,
    *,
    width_px: int = 1000,
    char_px: float = 7.0,
    levels: int = 3,
) -> pd.DataFrame:
    """Which of `levels` sub-rows each item goes on, which side its label goes, and whether it fits.

    Greedy, per lane in date order. A label starts at its mark (after the span of a month or
    year date), to the right, or ends left of it when it would
    run past the plot's right edge (a label sticking out would shrink the whole chart); one that fits
    neither way is left off. An item
    takes the first sub-row whose last label has ended before its own label begins, and is
    labelled; when no sub-row is free it goes on the one that frees up first, unlabelled (its
    tooltip and the table still name it). Returns columns level, labelled, align (left/right),
    aligned with `items`.
    """
    span_days = max((pd.Timestamp(end) - pd.Timestamp(start)).days, 1)
    px_per_day = width_px / span_days
    ordered = items.sort_values("date", kind="stable")
    # The positions in one go (columns, not rows); only the greedy choice below is a loop.
    dates = pd.to_datetime(ordered["date"])
    precisions = ordered["precision"] if "precision" in ordered else pd.Series("day", index=ordered.index)
    # A month or year date's label starts after its span; a missing precision counts as a span, as before.
    anchors = pd.Series(
        [d if p == "day" else next_period_start(d, p) for d, p in zip(dates, precisions)], index=ordered.index
    )
    origin = pd.Timestamp(start)
    xs = ((anchors - origin).dt.days * px_per_day).tolist()
    x0s = ((dates - origin).dt.days * px_per_day).tolist()
    widths = (ordered["title"].astype(str).str.len() * char_px + 12).tolist()
    level_of, labelled_of, align_of = {}, {}, {}
    free_by_lane: dict[object, list[float]] = {}
    for idx, lane, x, x0, width in zip(ordered.index, ordered["lane"], xs, x0s, widths):
        if pd.isna(lane):
            continue  # no lane, no row to draw it on: keeps the defaults below
        free_at = free_by_lane.setdefault(lane, [float("-inf")] * levels)
        lo, hi, align = (x0, x + width, "left") if x + width <= width_px else (x0 - width, x + 8, "right")
        free = next((i for i, f in enumerate(free_at) if f <= lo), None)
        align_of[idx] = align
        if free is None or lo < 0:  # no free sub-row, or no room on either side (it would cover the lane names)
            level_of[idx], labelled_of[idx] = min(range(levels), key=lambda i: free_at[i]), False
            continue
        free_at[free] = hi + 4
        level_of[idx], labelled_of[idx] = free, True
    out = pd.DataFrame(
        {
            "level": pd.Series(level_of, dtype="int64"),
            "labelled": pd.Series(labelled_of, dtype=bool),
            "align": pd.Series(align_of, dtype=object),
        }
    )
    out = out.reindex(items.index)
    return out.fillna({"level": 0, "labelled": False, "align": "left"}).astype({"level": "int64", "labelled": bool})


def timeline_bounds(items: pd.DataFrame, fallback: str) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp]:
    """(first day, last day, default "as of" day) of the timeline: whole years around every item,
    and the report's date (the first item in the report lane), else `fallback` (the data's date)."""
    if items.empty:
        day = pd.Timestamp(fallback)
        return pd.Timestamp(year=day.year, month=1, day=1), pd.Timestamp(year=day.year, month=12, day=31), day
    first, last = items["date"].min(), items["end"].max()
    report = items.loc[items["lane"] == "report", "date"]
    asof = report.min() if not report.empty else pd.Timestamp(fallback)
    return pd.Timestamp(year=first.year, month=1, day=1), pd.Timestamp(year=last.year, month=12, day=31), asof


def story_window(
    steps: pd.DataFrame, reviewed_through: pd.Timestamp | str | None
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The window the Timeline opens on: the report's story, from the start of the year of its first
    causal step to the end of the quarter after the later of its last step and the reviewed-through
    day (so the reader sees where the checked record stops). None when there are no steps."""
    if steps.empty:
        return None
    first = pd.Timestamp(steps["date"].min())
    last = max(pd.Timestamp(steps["end"].max()), pd.Timestamp(reviewed_through or steps["end"].max()))
    start = pd.Timestamp(year=first.year, month=1, day=1)
    end = (last.to_period("Q") + 1).end_time.normalize()
    return start, end


def zoom_dates(selection: Mapping[str, object]) -> tuple[date, date] | None:
    """The date range of an interval brush as Streamlit reports it ({"start_iso": [a, b]} with
    epoch milliseconds or ISO strings), or None when the brush is empty."""
    for values in selection.values():
        if isinstance(values, (list, tuple)) and len(values) == 2:
            a, b = (pd.Timestamp(v, unit="ms") if isinstance(v, (int, float)) else pd.Timestamp(v) for v in values)
            a, b = sorted((a, b))
            return a.date(), b.date()
    return None


EVENT_TABLE_COLUMNS = Words(
    {
        "date_label": N_("Date"),
        "precision": N_("Date precision"),
        "lane_label": N_("Lane"),
        "title": N_("Event"),
        "description": N_("Description"),
        "company_id": N_("Company"),
        "model_id": N_("Model"),
        "chip_id": N_("Chip"),
        "policy_id": N_("Policy"),
        "evidence": N_("Evidence"),
        "source_id": N_("Source"),
        "claim_id": N_("Claim"),
        "item_id": N_("Id"),
        "origin": N_("From table"),
    }
)


def events_table(items: pd.DataFrame) -> pd.DataFrame:
    """The shown items as a table (and its CSV): readable date, what, where it comes from."""
    return items[list(EVENT_TABLE_COLUMNS)].reset_index(drop=True)


def item_row_ids(table: pd.DataFrame) -> list[str]:
    """`table:id` of each row of events_table: the event, or the model or chip whose release it is."""
    column = {"models": "model_id", "chips": "chip_id"}
    return [
        f"{o}:{r[column[o]] if o in column else r['item_id']}"
        for o, r in zip(table["origin"], table.to_dict("records"))
    ]
