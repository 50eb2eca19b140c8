"""Every enum value in datapackage.json has its words, colour and lane: nothing falls back to a raw code.

The enum values are read from the package, so a curator adding a relation, a category or a status to the
schema turns this test red until the vocabulary in style.py (or the lane table) names it too.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from supplychain.charts.style import (
    EVIDENCE_COLOURS,
    KIND_COLOURS,
    LOCATION_KIND_COLOURS,
    OWNERSHIP_SHAPES,
    POLICY_STATUS_COLOURS,
    RELATION_GROUP_DASHES,
    RELATION_GROUP_GREYS,
    STANDING_BADGE_COLOURS,
    STANDING_ICONS,
    TIMELINE_EXTRA_COLOURS,
    vega_label_expr,
    vega_list_expr,
)
from supplychain.data.dates import PRECISION_LABELS
from supplychain.data.labels import (
    ATTRIBUTION_LABELS,
    BEARING_LABELS,
    EVIDENCE_HELP,
    EVIDENCE_LABELS,
    KIND_LABELS,
    LANGUAGE_LABELS,
    STANDING_HELP,
    STANDING_LABELS,
    TIMELINE_KIND_LABELS,
    enum_labels,
)
from supplychain.data.load import read_table
from supplychain.data.relation_labels import RELATION_GROUPS, RELATION_LABELS
from supplychain.data.schema import SHIPPED_DATA_DIR, enum_values, fields, shipped_package, table_names
from supplychain.data.site_labels import (
    CAPACITY_BASIS_LABELS,
    COORD_PRECISION_LABELS,
    LOCATION_KIND_LABELS,
    OWNERSHIP_LABELS,
    SITE_KIND_LABELS,
    SITE_STATUS_LABELS,
)
from supplychain.data.status_labels import POLICY_STATUS_LABELS
from supplychain.rules.lanes import read_lanes

PACKAGE = shipped_package()
_LANES = read_lanes({t: read_table(SHIPPED_DATA_DIR, PACKAGE, t) for t in ("lanes", "companies")})
CATEGORY_LANES, FAMILY_LANES, LANE_KINDS, LANE_LABELS = _LANES.category, _LANES.family, _LANES.kinds, _LANES.labels

# (table or "*", column or "*_precision") -> the dictionaries every value of that enum must be a key of.
VOCABULARIES: dict[tuple[str, str], list[dict]] = {
    ("*", "evidence"): [EVIDENCE_LABELS, EVIDENCE_HELP, EVIDENCE_COLOURS],
    ("*", "*_precision"): [PRECISION_LABELS],
    ("relationships", "from_kind"): [KIND_LABELS, KIND_COLOURS],
    ("relationships", "to_kind"): [KIND_LABELS, KIND_COLOURS],
    ("relationships", "relation"): [RELATION_LABELS, RELATION_GROUPS],
    ("locations", "kind"): [LOCATION_KIND_LABELS, LOCATION_KIND_COLOURS],
    ("locations", "ownership"): [OWNERSHIP_LABELS, OWNERSHIP_SHAPES],
    ("locations", "coord_precision"): [COORD_PRECISION_LABELS],
    ("companies", "ownership"): [OWNERSHIP_LABELS],
    ("policies", "status"): [POLICY_STATUS_LABELS, POLICY_STATUS_COLOURS],
    ("claims", "attribution_kind"): [ATTRIBUTION_LABELS],
    ("events", "category"): [{**CATEGORY_LANES, "model_release": "by model family"}],
    ("models", "family"): [FAMILY_LANES],
    ("sources", "language"): [LANGUAGE_LABELS],
    ("lanes", "colour_kind"): [{**KIND_COLOURS, **TIMELINE_EXTRA_COLOURS}, TIMELINE_KIND_LABELS],
    ("sites", "kind"): [SITE_KIND_LABELS],
    ("sites", "ownership"): [OWNERSHIP_LABELS],
    ("sites", "coord_precision"): [COORD_PRECISION_LABELS],
    ("sites", "status"): [SITE_STATUS_LABELS],
    ("sites", "capacity_basis"): [CAPACITY_BASIS_LABELS],
    ("sites", "tenant_evidence"): [EVIDENCE_LABELS, EVIDENCE_HELP, EVIDENCE_COLOURS],
    ("standings", "standing"): [STANDING_LABELS, STANDING_ICONS, STANDING_BADGE_COLOURS, STANDING_HELP],
    ("standing_links", "bearing"): [BEARING_LABELS],
}


def _vocabularies(table: str, column: str) -> list[dict] | None:
    for (t, c), vocab in VOCABULARIES.items():
        if t in (table, "*") and (c == column or (c == "*_precision" and column.endswith("_precision"))):
            if column == "coord_precision" and c == "*_precision":
                continue
            return vocab
    return None


ENUM_COLUMNS = [
    (table, f["name"])
    for table in table_names(PACKAGE)
    for f in fields(PACKAGE, table)
    if f.get("constraints", {}).get("enum")
]


@pytest.mark.parametrize(("table", "column"), ENUM_COLUMNS, ids=[f"{t}.{c}" for t, c in ENUM_COLUMNS])
def test_every_enum_value_reads_as_words_not_as_its_code(table: str, column: str) -> None:
    labels = enum_labels(table, column)
    assert labels, f"{table}.{column} is an enum with no labels: add them to style.ENUM_LABELS"
    for value in enum_values(PACKAGE, table, column):
        assert labels.get(value), f"{table}.{column} = {value!r} would show as its raw code"


@pytest.mark.parametrize(("table", "column"), ENUM_COLUMNS, ids=[f"{t}.{c}" for t, c in ENUM_COLUMNS])
def test_every_enum_value_has_its_colour_and_lane(table: str, column: str) -> None:
    for value in enum_values(PACKAGE, table, column):
        for words in _vocabularies(table, column) or []:
            assert value in words, f"{table}.{column} = {value!r} has no colour, shape or lane"


def test_every_relation_group_has_a_line_style_and_grey() -> None:
    for group in set(RELATION_GROUPS.values()):
        assert group in RELATION_GROUP_DASHES and group in RELATION_GROUP_GREYS


def test_every_category_lane_is_a_drawn_lane() -> None:
    for lane in list(CATEGORY_LANES.values()) + list(FAMILY_LANES.values()):
        assert lane in LANE_LABELS and lane in LANE_KINDS


def _legend_svg(label_expr: str) -> str:
    frame = pd.DataFrame({"k": ["a", "b"], "v": [1, 2]})
    legend = alt.Legend(labelExpr=label_expr)
    chart = alt.Chart(frame).mark_bar().encode(x="k:N", y="v:Q", color=alt.Color("k:N", legend=legend))
    return vlc.vegalite_to_svg(chart.to_dict())


def test_a_label_with_an_apostrophe_draws_in_vega() -> None:
    svg = _legend_svg(vega_label_expr({"a": "China's side", "b": 'A "quoted" word'}))
    assert "China&#39;s side" in svg or "China's side" in svg
    assert "quoted" in svg


def test_a_label_pasted_inside_quotes_would_break_the_chart() -> None:
    """The failure the quoting prevents (so the test above can fail): Vega cannot parse the pasted form."""
    with pytest.raises(ValueError, match="parse"):
        _legend_svg("datum.value == 'a' ? 'China's side' : datum.value")


def test_label_expressions_are_json_quoted() -> None:
    expr = vega_label_expr({"a": "it's"}, ["a"])
    assert json.dumps({"a": "it's"}) in expr
    assert vega_list_expr(["Developer", "Who's"]) == '["Developer", "Who\'s"][datum.value]'


def test_an_unknown_code_in_a_label_expression_shows_as_itself() -> None:
    svg = _legend_svg(vega_label_expr({"a": "Alpha"}))
    assert "Alpha" in svg and ">b<" in svg
