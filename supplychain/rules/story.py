"""The report told in steps for presenters: one idea, one visual from the real pages, one quote each.

Steps are content: rows of data/story_steps.csv (heading, text, the claim behind it, which visual
with which view parameters, a map step's own frame), so a curator changes a step without touching
code. This module turns those rows into steps and fits each visual to a slide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from supplychain.data.cells import is_blank
from supplychain.data.dates import period_end
from supplychain.data.problems import Problem, problem
from supplychain.i18n import N_
from supplychain.rules import label_layout, regions

STEP_TABLE = "story_steps"
# Columns of story_steps.csv that are URL parameters of the step's page (named as the parameter).
VIEW_COLUMNS = ("region", "from", "to", "lanes", "asof", "focus", "hops")
FRAME_COLUMNS = ("frame_lon_min", "frame_lon_max", "frame_lat_min", "frame_lat_max")


@dataclass(frozen=True)
class Step:
    """One screen of the story. `visual` names a builder; `params` are the URL of the real page's view."""

    heading: str
    text: str
    claim_id: str | None
    visual: str  # see story_steps.visual in datapackage.json
    page: str  # url path of the page that shows the same view
    params: dict[str, str] = field(default_factory=dict)
    frame: tuple[float, float, float, float] | None = None  # lon_min, lon_max, lat_min, lat_max (map steps)


def _text(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def story_steps(tables: dict[str, pd.DataFrame]) -> list[Step]:
    """The steps of data/story_steps.csv in their `position` order, with each step's view as URL parameters."""
    rows = tables[STEP_TABLE].sort_values("position", kind="stable")
    steps = []
    for row in rows.to_dict("records"):
        frame = tuple(float(row[c]) for c in FRAME_COLUMNS) if all(pd.notna(row[c]) for c in FRAME_COLUMNS) else None
        steps.append(
            Step(
                heading=row["heading"],
                text=row["text"],
                claim_id=_text(row["claim_id"]) or None,
                visual=row["visual"],
                page=row["page"],
                params={c: _text(row[c]) for c in VIEW_COLUMNS if _text(row[c])},
                # A tuple built from a generator types as tuple[float, ...]; FRAME_COLUMNS has four.
                frame=frame,  # type: ignore[arg-type]
            )
        )
    return steps


def check_story_steps(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Story steps whose view could not be drawn: a lane or lane group not in lanes.csv, a map preset that does
    not exist, or `to` before `from`. Typed frames, index = file line - 2; each problem names row and column."""
    if STEP_TABLE not in tables or "lanes" not in tables:
        return []
    rows, file = tables[STEP_TABLE], f"{STEP_TABLE}.csv"
    lanes = tables["lanes"]
    lane_codes = set(lanes["lane_id"].dropna()) | set(lanes["lane_group"].dropna())
    problems: list[Problem] = []
    for idx, row in rows.iterrows():
        line = int(idx) + 2  # type: ignore[call-overload]  # iterrows types the index as Hashable; it is an int
        chosen = [c for c in _text(row["lanes"]).split(",") if c]
        unknown = [c for c in chosen if c not in lane_codes]
        if unknown:
            problems.append(
                problem(file, line, "lanes", ",".join(unknown), N_("lane ids or lane groups from lanes.csv"))
            )
        region = _text(row["region"])
        if region and region not in regions.REGIONS:
            presets = ", ".join(regions.REGIONS)
            problems.append(problem(file, line, "region", region, N_("a map preset: {presets}"), presets=presets))
        start, end = row["from"], row["to"]
        if pd.notna(start) and pd.notna(end) and pd.Timestamp(end) < pd.Timestamp(start):
            problems.append(problem(file, line, "to", _text(end), N_("a date on or after {field}"), field="from"))
    return problems


def view_url(step: Step) -> str:
    """The normal page's link for a step's view: no `embed`, so the reader gets the navigation back."""
    from urllib.parse import urlencode

    return step.page + ("?" + urlencode(step.params) if step.params else "")


# A map step's labels are placed for the smallest plot story mode gives a map (1280x720 window,
# legends at the right) at the slide's label size, so no larger screen can make them collide.
SLIDE_MAP_PLOT = (660, 360)
# Plot widths, at the height SLIDE_MAP_PLOT[1], spanning the slide map's aspect ratios from a 1024x768 window
# (about 1.5:1) to 1280x720 (about 2.8:1): what its boundaries are clipped to (regions.plot_box).
SLIDE_MAP_WIDTHS = (540, 1150)
SLIDE_LABEL_PX = 16


def frame_region(frame: tuple[float, float, float, float]) -> regions.Region:
    """A step's map frame (lon_min, lon_max, lat_min, lat_max) as a map Region, which the map builders
    take instead of a preset key."""
    lon_min, lon_max, lat_min, lat_max = frame
    return regions.Region("story", "Story frame", lon_min, lon_max, lat_min, lat_max, SLIDE_MAP_PLOT[1], ())


def frame_projection(region: regions.Region) -> regions.Projection:
    """The projection a frame's labels are placed for: the smallest slide plot, shrunk by the ratio of the
    map's label font to the slide's, because enlarge_fonts draws labels at SLIDE_LABEL_PX."""
    scale = label_layout.LABEL_FONT_PX / SLIDE_LABEL_PX
    return regions.Projection.fit(region, SLIDE_MAP_PLOT[0] * scale, SLIDE_MAP_PLOT[1] * scale)


_FONT_KEYS = {"fontSize", "labelFontSize", "titleFontSize", "symbolSize"}


def enlarge_fonts(spec: Any, *, minimum: float = 16, factor: float = 1.3) -> Any:
    """A copy of a Vega-Lite spec whose every font is at least `minimum` px (scaled by `factor`).

    Presenters share a 1280x720 window over a call, where 12 px chart labels are unreadable;
    this one walk over the spec serves every chart builder without giving each a size option.
    """
    if isinstance(spec, dict):
        out = {}
        for key, value in spec.items():
            if key in _FONT_KEYS and isinstance(value, (int, float)) and not isinstance(value, bool):
                out[key] = value * factor * factor if key == "symbolSize" else max(minimum, value * factor)
            elif key == "datasets":
                out[key] = value  # data rows are not styling
            else:
                out[key] = enlarge_fonts(value, minimum=minimum, factor=factor)
        return out
    if isinstance(spec, list):
        return [enlarge_fonts(v, minimum=minimum, factor=factor) for v in spec]
    return spec


# A slide's type grows with its width past the 1280x720 slide's 1,120 px, up to 1.35x at 1920x1080 (1,760 px): not
# more, because the timeline picks which labels fit for a plot about 1,100 px wide at its own type (charts/timeline.py
# WIDE_PLOT_WIDTH), and 1,500 px / 1.35 keeps that room. Vega's containerSize() is the chart's box in the window.
SLIDE_SCALE = "clamp(containerSize()[0] / 1120, 1, 1.35)"
_LIMIT_KEYS = {"labelLimit", "titleLimit", "limit"}  # widths in px that cut a label: they grow with its type


# Vega's own width limits of labels and titles where a spec sets none (px), grown with the type like the rest.
_DEFAULT_LIMITS = {("axis", "labelLimit"): 180, ("legend", "labelLimit"): 160, ("legend", "titleLimit"): 180}


def grow_with_slide(spec: dict[str, Any]) -> dict[str, Any]:
    """grow_with_slide_fonts, plus Vega's default label and title width limits grown the same way, so a legend
    title that fits at 1280x720 is not cut at 1920x1080 in its larger type."""
    out = grow_with_slide_fonts(spec)
    config = dict(out.get("config", {}))
    for (part, key), limit in _DEFAULT_LIMITS.items():
        block = dict(config.get(part, {}))
        block.setdefault(key, {"expr": f"{limit} * {SLIDE_SCALE}"})
        config[part] = block
    return {**out, "config": config}


def grow_with_slide_fonts(spec: Any) -> Any:
    """A copy of a Vega-Lite spec whose every fixed font size (not symbol areas) and label width limit is a Vega
    expression that grows with the slide (SLIDE_SCALE): the chart reads at 1920x1080 as it does at 1280x720."""
    if isinstance(spec, dict):
        out = {}
        for key, value in spec.items():
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if number and (key in _FONT_KEYS - {"symbolSize"} or (key in _LIMIT_KEYS and value > 0)):
                out[key] = {"expr": f"{value} * {SLIDE_SCALE}"}  # a label's width limit grows with its type
            elif key == "datasets":
                out[key] = value  # data rows are not styling
            else:
                out[key] = grow_with_slide_fonts(value)
        return out
    if isinstance(spec, list):
        return [grow_with_slide_fonts(v) for v in spec]
    return spec


def fit_to_slide(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of a chart spec that takes the height of its slide (the page sizes that to the window):
    fixed heights become "container"; per-row heights ("step") stay, as their rows need them."""
    out = dict(spec)
    current = out.get("height")
    if isinstance(current, dict) and "step" in current:
        rows = _sorted_rows(out)
        step = min(current["step"], 22)
        if rows:  # one row per chip: more chips, thinner rows, so the slide still fits 720 px
            step = min(step, SLIDE_ROWS_HEIGHT // rows)
        out["height"] = {"step": step}
    else:
        out["height"] = "container"
    out["width"] = "container"
    out.setdefault("autosize", {"type": "fit", "contains": "padding"})
    return out


def _legends_orient(spec: Any, orient: str) -> Any:
    if isinstance(spec, dict):
        return {
            k: (
                {**v, "orient": orient, "direction": "vertical", "columns": 1}
                if k == "legend" and isinstance(v, dict)
                else v
                if k == "datasets"
                else _legends_orient(v, orient)
            )
            for k, v in spec.items()
        }
    if isinstance(spec, list):
        return [_legends_orient(v, orient) for v in spec]
    return spec


def legends_at_right(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of a spec whose legends stand in a column at the right, so rows and map get the slide's height."""
    spec = _legends_orient(spec, "right")
    config = dict(spec.get("config", {}))
    config["legend"] = {
        **config.get("legend", {}),
        "orient": "right",
        "direction": "vertical",
        "labelLimit": 0,
        "labelFontSize": 15,
        "titleFontSize": 15,
        "rowPadding": 1,
        "padding": 2,
        "titlePadding": 3,
        "symbolSize": 110,
    }
    return {**spec, "config": config}


def wrap_legends(spec: Any, *, columns: int = 3) -> Any:
    """A copy of a spec whose legends wrap into rows of at most `columns` entries and never cut a label,
    so every entry stays on screen at 1024 px (a horizontal legend wider than the chart is clipped)."""
    if isinstance(spec, dict):
        out = {}
        for key, value in spec.items():
            if key == "legend" and isinstance(value, dict) and "orient" in value and value.get("orient") != "right":
                out[key] = {**value, "columns": value.get("columns", columns), "labelLimit": 0}
            elif key == "datasets":
                out[key] = value
            else:
                out[key] = wrap_legends(value, columns=columns)
        return out
    if isinstance(spec, list):
        return [wrap_legends(v, columns=columns) for v in spec]
    return spec


SLIDE_ROWS_HEIGHT = 260  # px for the rows of a per-row chart (legends and axis take the rest of the slide)


def _sorted_rows(spec: dict[str, Any]) -> int:
    """How many rows a chart with an explicit y sort order draws (0 when it does not say)."""
    for part in [spec, *spec.get("layer", [])]:
        sort = part.get("encoding", {}).get("y", {}).get("sort")
        if isinstance(sort, list):
            return len(sort)
    return 0


def map_to_slide(spec: dict[str, Any], *, height: int = 350) -> dict[str, Any]:
    """A map spec for a full-width slide: shorter, so map, legends and quote fit one 720 px screen."""
    return {**spec, "height": min(spec.get("height", height), height)}


def in_chain_order(frame: pd.DataFrame, *, last_day: str, day: str, key: str) -> pd.DataFrame:
    """Steps of the report's causal chain in their one order, wherever they are listed or numbered: by the last day
    each could stand for ("April 2025", a month, after "9 April 2025", a day in it), then the day, then the id."""
    return frame.sort_values([last_day, day, key], kind="stable")


def causal_events(events: pd.DataFrame) -> pd.DataFrame:
    """The rows of events.csv that are steps of the report's causal chain (is_causal_step), in chain order."""
    chain = events[events["is_causal_step"].fillna(False).astype(bool)]
    chain = chain.assign(_last=[period_end(d, p) for d, p in zip(chain["date"], chain["date_precision"])])
    return in_chain_order(chain, last_day="_last", day="date", key="event_id").drop(columns="_last")
