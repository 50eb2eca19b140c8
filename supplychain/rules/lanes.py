"""The timeline's lanes: which row of the timeline each event, model and chip goes to.

The lanes are content, in data/lanes.csv (described and checked through datapackage.json). They come from
the loaded, validated dataset of the run (`read_lanes(tables)`), never from disk at import time, so a bad
lanes.csv gets the problems list like any other file and an edit needs no restart. This module is the one
place that maps rows to lanes: the page, the chart and the URL parameter `lanes` all read a `Lanes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from supplychain.data.cells import cell_or_none, cell_text, is_blank
from supplychain.data.translations import TABLE as TRANSLATIONS
from supplychain.data.translations import column_words
from supplychain.i18n import N_, Words


@dataclass(frozen=True)
class Lane:
    """One row of the timeline: a URL code, a readable label, and the entity kind its colour follows."""

    code: str
    label: str
    kind: str


def _cell(value: object) -> str | None:
    return None if is_blank(value) else str(value)


# A group code in words, as the lane filter offers it (lanes.lane_group enum in datapackage.json).
LANE_GROUP_CHOICES = Words({"models": N_("All models"), "chips": N_("All chips"), "measures": N_("All measures")})


@dataclass(frozen=True)
class Lanes:
    """The lanes of one dataset (lanes.csv, in display order) and what each takes (read-only)."""

    lanes: tuple[Lane, ...]
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # codes standing for several lanes
    category: Mapping[str, str] = field(default_factory=dict)  # events.category -> lane
    family: Mapping[str, str] = field(default_factory=dict)  # models.family -> lane
    segment: Mapping[str, str] = field(default_factory=dict)  # chips.segment -> lane
    designer: Mapping[str, str] = field(default_factory=dict)  # chips.designer_id -> lane
    developer: Mapping[str, str] = field(default_factory=dict)  # models.developer_id (and subsidiaries) -> lane
    fallback: str = ""  # the catch-all lane
    label_words: Mapping[str, str] = field(default_factory=dict)  # lane labels in the reader's language at each read

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lane.code for lane in self.lanes)

    @property
    def labels(self) -> Mapping[str, str]:
        """Each lane's label in the reader's language (data/translations.csv), English where none is current."""
        return self.label_words or {lane.code: lane.label for lane in self.lanes}

    @property
    def kinds(self) -> dict[str, str]:
        return {lane.code: lane.kind for lane in self.lanes}

    @property
    def choices(self) -> tuple[str, ...]:
        """What a reader (or a link's `lanes`) may pick: every lane, then every group."""
        return self.codes + tuple(self.groups)

    def choice_label(self, code: str) -> str:
        """A choice in words, as the lane filter shows it: the lane's label, a group's words, or the code itself."""
        return self.labels.get(code) or LANE_GROUP_CHOICES.get(code, code)


def read_lanes(tables: Mapping[str, pd.DataFrame]) -> Lanes:
    """The lanes of a loaded dataset: lanes.csv in its order, with companies.csv for subsidiaries.

    Validation (supplychain.data.validate) has checked that lanes.csv has rows; a dataset without a
    catch-all lane falls back to its last lane.
    """
    rows, companies = tables["lanes"], tables["companies"]
    lanes = tuple(Lane(str(r["lane_id"]), str(r["label"]), str(r["colour_kind"])) for r in rows.to_dict("records"))

    def lane_map(column: str) -> dict[str, str]:
        return {str(v): str(lane) for v, lane in zip(rows[column], rows["lane_id"]) if _cell(v) is not None}

    groups = {
        str(group): tuple(str(c) for c in rows.loc[rows["lane_group"] == group, "lane_id"])
        for group in dict.fromkeys(rows["lane_group"].dropna())
    }
    catch_all = rows.loc[rows["catch_all"].fillna(False).astype(bool), "lane_id"]
    fallback = str(catch_all.iloc[0]) if len(catch_all) else (lanes[-1].code if lanes else "")
    developers = lane_map("developer_id")
    # A lane's developer takes its subsidiaries' releases too (alibaba_cloud -> Alibaba's lane).
    subsidiaries = {
        str(c): developers[str(p)]
        for c, p in zip(companies["company_id"], companies["parent_id"])
        if _cell(p) in developers
    }
    return Lanes(
        lanes=lanes,
        groups=groups,
        category=lane_map("event_category"),
        family=lane_map("model_family"),
        segment=lane_map("chip_segment"),
        designer=lane_map("chip_designer_id"),
        developer={**subsidiaries, **developers},
        fallback=fallback,
        label_words=column_words(tables.get(TRANSLATIONS), "lanes", "label", {lane.code: lane.label for lane in lanes}),
    )


def expand_lanes(codes: Iterable[str], lanes: Lanes) -> list[str]:
    """Lane codes (and group codes) -> the lanes they stand for, in display order; unknown codes dropped.

    An empty selection means every lane.
    """
    codes = list(codes)
    if not codes:
        return list(lanes.codes)
    wanted: set[str] = set()
    for code in codes:
        wanted.update(lanes.groups.get(code, (code,)))
    return [c for c in lanes.codes if c in wanted]


def chip_lane(chip: pd.Series | dict | None, lanes: Lanes, category: str | None = None) -> str:
    """A chip's lane (lanes.csv): by its segment (Chinese-designed parts), else its designer (Nvidia), else
    the event's category, else the catch-all lane."""
    if chip is not None:
        if str(chip.get("segment")) in lanes.segment:
            return lanes.segment[str(chip.get("segment"))]
        if str(chip.get("designer_id")) in lanes.designer:
            return lanes.designer[str(chip.get("designer_id"))]
    return lanes.category.get(category or "", lanes.fallback)


def model_lane(model: pd.Series | dict | None, lanes: Lanes) -> str:
    """A model's lane follows its family (Qwen, Doubao, DeepSeek), else its developer."""
    if model is None:
        return lanes.fallback
    lane = lanes.family.get(str(model.get("family")))
    return lane or lanes.developer.get(str(model.get("developer_id")), lanes.fallback)


def lane_for_event(event: pd.Series | dict, models: pd.DataFrame, chips: pd.DataFrame, lanes: Lanes) -> str:
    """The lane of one events.csv row: by category, with model releases and chip launches split by entity."""
    return event_lane(event, rows_by_id(models, "model_id"), rows_by_id(chips, "chip_id"), lanes)


def rows_by_id(frame: pd.DataFrame, key: str) -> dict[str, dict]:
    """A table's rows as dicts by their id (`key`), for looking up many events' models and chips at once."""
    return {row[key]: row for row in frame.to_dict("records")}


def event_lane(event: pd.Series | dict, models: dict[str, dict], chips: dict[str, dict], lanes: Lanes) -> str:
    """`lane_for_event` with the models and chips already as `rows_by_id` (the timeline reads every event)."""
    category = str(event["category"])
    if category == "model_release":
        model = models.get(cell_text(event.get("model_id")))
        if model is None and cell_or_none(event.get("company_id")) is not None:
            return lanes.developer.get(str(event["company_id"]), lanes.fallback)
        return model_lane(model, lanes)
    if category in ("nvidia_chip", "chinese_chip"):
        return chip_lane(chips.get(cell_text(event.get("chip_id"))), lanes, category)
    return lanes.category.get(category, lanes.fallback)
