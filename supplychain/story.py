"""The report told in steps for presenters: one idea, one visual from the real pages, one quote each.

Steps are data (heading, text, the claim behind it, which visual with which view parameters),
so the present page only lays them out and every visual is the same one a reader can open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Step:
    """One screen of the story. `visual` names a builder; `params` are the URL of the real page's view."""

    heading: str
    text: str
    claim_id: str | None
    visual: str  # "map", "timeline", "status", "chain", "graph" or "evidence"
    page: str  # url path of the page that shows the same view
    params: dict[str, str] = field(default_factory=dict)


STEPS: tuple[Step, ...] = (
    Step(
        "Training moved offshore",
        "Alibaba and ByteDance train their newest large language models in Southeast Asian data centres, "
        "to use Nvidia chips they can no longer buy for China.",
        "alibaba_bytedance_train_in_sea",
        "map",
        "map",
        {"region": "sea"},
    ),
    Step(
        "April 2025: the H20 is cut off",
        "The US required a licence to sell Nvidia's H20, the chip it made for China. "
        "Training outside China rose steadily after that.",
        "offshore_rise_after_h20",
        "timeline",
        "timeline",
        {"from": "2024-11-01", "to": "2025-12-31", "lanes": "us"},
    ),
    Step(
        "May 2025: the diffusion rule goes",
        "The Biden-era rule meant to close the offshore route was rescinded. "
        "Renting Nvidia capacity abroad from non-Chinese owners stays legal.",
        "diffusion_rule_rescinded",
        "status",
        "timeline",
        {"asof": "2025-06-01"},
    ),
    Step(
        "Leased, not owned",
        "Chinese groups typically sign leases in data centres that non-Chinese companies own and operate. "
        "The report names no operator.",
        "lease_non_chinese_owned",
        "chain",
        "relationships",
        {},
    ),
    Step(
        "Singapore and Malaysia boom",
        "Data-centre clusters in Singapore and Malaysia are booming on Chinese demand, "
        "many fitted with the Nvidia hardware US groups use.",
        "sea_dc_boom",
        "map",
        "map",
        {"region": "sea"},
    ),
    Step(
        "DeepSeek stays home",
        "DeepSeek trains in China, on a sizeable cluster of Nvidia chips it built up before US bans took effect.",
        "deepseek_stockpiled_nvidia",
        "graph",
        "relationships",
        {"focus": "deepseek", "hops": "1"},
    ),
    Step(
        "Huawei inside DeepSeek",
        "Huawei has engineers at DeepSeek's Hangzhou headquarters, working on the next generation of Chinese AI chips.",
        "huawei_engineers_at_deepseek",
        "graph",
        "relationships",
        {"focus": "huawei", "hops": "1"},
    ),
    Step(
        "What we know, and how",
        "Most of the story rests on people the report does not name. Each row of this dataset says whether it comes "
        "from the report, an official record, other press, a reference work or our estimate.",
        "operator_all_legal",
        "evidence",
        "sources",
        {},
    ),
)


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


SLIDE_CHART_HEIGHT = 340  # px: with the heading and the step buttons this fits a 1280x720 window


def fit_to_slide(spec: dict[str, Any], *, height: int = SLIDE_CHART_HEIGHT) -> dict[str, Any]:
    """A copy of a chart spec no taller than a slide allows: fixed heights are capped, per-row
    heights shrunk so every row still shows; fonts are enlarged separately (enlarge_fonts)."""
    out = dict(spec)
    current = out.get("height")
    if isinstance(current, (int, float)):
        out["height"] = min(current, height)
    elif isinstance(current, dict) and "step" in current:
        rows = _sorted_rows(out)
        step = min(current["step"], 22)
        if rows:  # one row per chip: more chips, thinner rows, so the slide still fits 720 px
            step = min(step, SLIDE_ROWS_HEIGHT // rows)
        out["height"] = {"step": step}
    return out


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
