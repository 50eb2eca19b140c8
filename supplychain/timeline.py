"""Timeline items: every dated event (plus model releases and chip launches) on one axis, in lanes.

The lane mapping lives here and nowhere else: the page, the chart and the URL parameter `lanes`
all read LANES / LANE_GROUPS.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from supplychain.dates import format_date, next_period_start, period_end


@dataclass(frozen=True)
class Lane:
    """One row of the timeline: a URL code, a readable label, and the entity kind its colour follows."""

    code: str
    label: str
    kind: str


LANES: tuple[Lane, ...] = (
    Lane("us", "US measures", "policy"),
    Lane("cn", "Chinese measures", "policy"),
    Lane("other_gov", "Other governments", "policy"),
    Lane("nvidia", "Nvidia chips", "chip"),
    Lane("cn_chips", "Chinese chips", "chip"),
    Lane("qwen", "Qwen (Alibaba)", "model"),
    Lane("doubao", "Doubao (ByteDance)", "model"),
    Lane("deepseek", "DeepSeek", "model"),
    Lane("report", "The report", "report"),
    Lane("industry", "Industry", "industry"),
)
LANE_CODES: tuple[str, ...] = tuple(lane.code for lane in LANES)
LANE_LABELS: dict[str, str] = {lane.code: lane.label for lane in LANES}
LANE_KINDS: dict[str, str] = {lane.code: lane.kind for lane in LANES}
# Codes that stand for several lanes at once, so a link can say `lanes=us,models`.
LANE_GROUPS: dict[str, tuple[str, ...]] = {
    "measures": ("us", "cn", "other_gov"),
    "chips": ("nvidia", "cn_chips"),
    "models": ("qwen", "doubao", "deepseek"),
}
LANE_CHOICES: tuple[str, ...] = LANE_CODES + tuple(LANE_GROUPS)

# events.category -> lane; model releases and chip launches are split by the entity they concern.
CATEGORY_LANES: dict[str, str] = {
    "us_measure": "us",
    "chinese_measure": "cn",
    "other_government": "other_gov",
    "nvidia_chip": "nvidia",
    "chinese_chip": "cn_chips",
    "report": "report",
    "industry": "industry",
}
FAMILY_LANES: dict[str, str] = {"Qwen": "qwen", "Doubao": "doubao", "DeepSeek": "deepseek"}
DEVELOPER_LANES: dict[str, str] = {
    "alibaba": "qwen",
    "alibaba_cloud": "qwen",
    "bytedance": "doubao",
    "volcano_engine": "doubao",
    "deepseek": "deepseek",
}


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


def expand_lanes(codes: Iterable[str]) -> list[str]:
    """Lane codes (and group codes) -> the lanes they stand for, in display order; unknown codes dropped.

    An empty selection means every lane.
    """
    codes = list(codes)
    if not codes:
        return list(LANE_CODES)
    wanted: set[str] = set()
    for code in codes:
        wanted.update(LANE_GROUPS.get(code, (code,)))
    return [c for c in LANE_CODES if c in wanted]


def chip_lane(chip: pd.Series | dict | None, category: str | None = None) -> str:
    """Nvidia's parts on the Nvidia lane, Chinese-designed parts on the Chinese-chips lane."""
    if chip is not None:
        if chip.get("segment") == "domestic_chinese":
            return "cn_chips"
        if chip.get("designer_id") == "nvidia":
            return "nvidia"
    return CATEGORY_LANES.get(category or "", "nvidia")


def model_lane(model: pd.Series | dict | None) -> str:
    """A model's lane follows its family (Qwen, Doubao, DeepSeek), else its developer."""
    if model is None:
        return "industry"
    lane = FAMILY_LANES.get(str(model.get("family")))
    return lane or DEVELOPER_LANES.get(str(model.get("developer_id")), "industry")


def lane_for_event(event: pd.Series | dict, models: pd.DataFrame, chips: pd.DataFrame) -> str:
    """The lane of one events.csv row: by category, with model releases and chip launches split by entity."""
    return _lane(event, _rows_by_id(models, "model_id"), _rows_by_id(chips, "chip_id"))


def _rows_by_id(frame: pd.DataFrame, key: str) -> dict[str, dict]:
    return {row[key]: row for row in frame.to_dict("records")}


def _lane(event: pd.Series | dict, models: dict[str, dict], chips: dict[str, dict]) -> str:
    category = str(event["category"])
    if category == "model_release":
        model = models.get(event.get("model_id"))
        if model is None and _blank(event.get("company_id")) is not None:
            return DEVELOPER_LANES.get(str(event["company_id"]), "industry")
        return model_lane(model)
    if category in ("nvidia_chip", "chinese_chip"):
        return chip_lane(chips.get(event.get("chip_id")), category)
    return CATEGORY_LANES.get(category, "industry")


def _blank(value: object) -> object:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def timeline_items(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every dated thing to draw, one row each, sorted by date.

    events.csv rows come first; a model's release (models.csv) or a chip's announcement (chips.csv)
    is added when no event of category model_release / *_chip already covers that entity, so the
    model and chip lanes are never empty for lack of an event row. `end` is the last day the date
    could stand for (month or year precision make a span, never the 1st of the month).
    """
    events, models, chips = tables["events"], tables["models"], tables["chips"]
    rows: list[dict[str, object]] = []
    model_rows, chip_rows = _rows_by_id(models, "model_id"), _rows_by_id(chips, "chip_id")
    for ev in events.to_dict("records"):
        rows.append(
            {
                "item_id": ev["event_id"],
                "date": ev["date"],
                "precision": ev["date_precision"],
                "title": ev["title"],
                "description": ev["description"],
                "lane": _lane(ev, model_rows, chip_rows),
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
                "title": f"{m['name']} released",
                "description": f"{m['name']} ({m['family']}) first released.",
                "lane": model_lane(m),
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
        lane = chip_lane(c)
        rows.append(
            {
                "item_id": f"chip_{c['chip_id']}",
                "date": c["announced_date"],
                "precision": _blank(c["announced_precision"]) or "day",
                "title": f"{c['name']} announced",
                "description": f"{c['name']} first announced or launched.",
                "lane": lane,
                "category": "chinese_chip" if lane == "cn_chips" else "nvidia_chip",
                "is_causal_step": False,
                "company_id": c["designer_id"],
                "model_id": None,
                "chip_id": c["chip_id"],
                "policy_id": None,
                **{col: _blank(c[col]) for col in ("evidence", "source_id", "claim_id", "note")},
                "origin": "chips",
            }
        )
    items = pd.DataFrame(rows, columns=[c for c in ITEM_COLUMNS if c not in ("end", "date_label", "lane_label")])
    if items.empty:
        return pd.DataFrame(columns=ITEM_COLUMNS)
    items["date"] = pd.to_datetime(items["date"])
    items["end"] = [period_end(d, p) for d, p in zip(items["date"], items["precision"])]
    items["date_label"] = [format_date(d, p) for d, p in zip(items["date"], items["precision"])]
    items["lane_label"] = items["lane"].map(LANE_LABELS)
    return items[ITEM_COLUMNS].sort_values(["date", "lane", "item_id"], kind="stable").reset_index(drop=True)


def undated(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Names of models and chips with no date, which the timeline cannot place."""
    models = tables["models"]
    chips = tables["chips"]
    return list(models.loc[models["release_date"].isna(), "name"]) + list(
        chips.loc[chips["announced_date"].isna(), "name"]
    )


def filter_items(
    items: pd.DataFrame,
    *,
    lanes: Sequence[str] = (),
    companies: Sequence[str] = (),
    categories: Sequence[str] = (),
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Items in the chosen lanes (group codes allowed), companies and categories, overlapping [start, end].

    Empty selections mean no filter. A month-precision item is kept if any day of its month is in range.
    """
    out = items
    chosen = expand_lanes(lanes)
    if lanes:
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
    steps = items[items["is_causal_step"].astype(bool)].sort_values(["end", "date", "item_id"], kind="stable").copy()
    steps["step"] = range(1, len(steps) + 1)
    steps["label"] = [f"{n} · {t}" for n, t in zip(steps["step"], steps["title"])]
    return steps[["step", "item_id", "date", "end", "precision", "title", "label", "date_label"]].reset_index(drop=True)


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
    run past the plot's right edge (a label sticking out would shrink the whole chart). An item
    takes the first sub-row whose last label has ended before its own label begins, and is
    labelled; when no sub-row is free it goes on the one that frees up first, unlabelled (its
    tooltip and the table still name it). Returns columns level, labelled, align (left/right),
    aligned with `items`.
    """
    span_days = max((pd.Timestamp(end) - pd.Timestamp(start)).days, 1)
    px_per_day = width_px / span_days
    out = pd.DataFrame({"level": 0, "labelled": False, "align": "left"}, index=items.index)
    for _, lane_items in items.sort_values("date", kind="stable").groupby("lane", sort=False):
        free_at = [float("-inf")] * levels
        for idx, row in lane_items.iterrows():
            anchor = (
                row["date"]
                if row.get("precision", "day") == "day"
                else next_period_start(row["date"], row["precision"])
            )
            x = (pd.Timestamp(anchor) - pd.Timestamp(start)).days * px_per_day
            x0 = (pd.Timestamp(row["date"]) - pd.Timestamp(start)).days * px_per_day
            width = len(str(row["title"])) * char_px + 12
            lo, hi, align = (x0, x + width, "left") if x + width <= width_px else (x0 - width, x + 8, "right")
            free = next((i for i, f in enumerate(free_at) if f <= lo), None)
            if free is None:
                out.loc[idx, ["level", "labelled", "align"]] = [
                    min(range(levels), key=lambda i: free_at[i]),
                    False,
                    align,
                ]
                continue
            free_at[free] = hi + 4
            out.loc[idx, ["level", "labelled", "align"]] = [free, True, align]
    out["level"] = out["level"].astype("int64")
    out["labelled"] = out["labelled"].astype(bool)
    return out


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


def zoom_dates(selection: Mapping[str, object]) -> tuple[date, date] | None:
    """The date range of an interval brush as Streamlit reports it ({"start_iso": [a, b]} with
    epoch milliseconds or ISO strings), or None when the brush is empty."""
    for values in selection.values():
        if isinstance(values, (list, tuple)) and len(values) == 2:
            a, b = (pd.Timestamp(v, unit="ms") if isinstance(v, (int, float)) else pd.Timestamp(v) for v in values)
            a, b = sorted((a, b))
            return a.date(), b.date()
    return None


EVENT_TABLE_COLUMNS: dict[str, str] = {
    "date_label": "Date",
    "precision": "Date precision",
    "lane_label": "Lane",
    "title": "Event",
    "description": "Description",
    "company_id": "Company",
    "model_id": "Model",
    "chip_id": "Chip",
    "policy_id": "Policy",
    "evidence": "Evidence",
    "source_id": "Source",
    "claim_id": "Claim",
    "item_id": "Id",
    "origin": "From table",
}


def events_table(items: pd.DataFrame) -> pd.DataFrame:
    """The shown items as a table (and its CSV): readable date, what, where it comes from."""
    return items[list(EVENT_TABLE_COLUMNS)].reset_index(drop=True)
