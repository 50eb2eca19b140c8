"""The export status of a chip on a date: day before / of / after each measure, rescissions, open ends, precision."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA_DIR

from supplychain.data.load import load_dataset
from supplychain.i18n import language_of
from supplychain.rules.status import (
    NOT_ANNOUNCED,
    PERMITTED,
    RESTRICTED,
    STATUS_COLUMNS,
    UNRESTRICTED,
    change_dates,
    chip_status_on,
    chips_status_on,
    measure_windows,
    status_segments,
)
from supplychain.rules.status_answers import (
    ANSWER_COLUMNS,
    chip_answer,
    compare_days,
    date_presets,
    status_answers,
    status_table,
)

NaT = pd.NaT


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _chip(chip_id: str, announced: str | None, precision: str | None = "day") -> dict:
    return {
        "chip_id": chip_id,
        "name": chip_id.upper(),
        "designer_id": "nvidia",
        "segment": "frontier",
        "announced_date": announced,
        "announced_precision": precision if announced else None,
    }


def _policy(
    policy_id: str,
    effect: str,
    effective: str | None,
    precision: str = "day",
    *,
    ended: str | None = None,
    ended_precision: str | None = None,
    status: str = "in_force",
) -> dict:
    return {
        "policy_id": policy_id,
        "name": f"Measure {policy_id}",
        "effect": effect,
        "announced_date": effective,
        "announced_precision": precision,
        "effective_date": effective,
        "effective_precision": precision if effective else None,
        "ended_date": ended,
        "ended_precision": ended_precision or ("day" if ended else None),
        "status": status,
    }


def _edge(
    rel_id: str,
    policy: str,
    relation: str,
    target: str,
    start: str | None = None,
    precision: str | None = "day",
    end: str | None = None,
    to_kind: str = "chip",
) -> dict:
    return {
        "relationship_id": rel_id,
        "from_kind": "policy",
        "from_id": policy,
        "relation": relation,
        "to_kind": to_kind,
        "to_id": target,
        "start_date": start,
        "start_precision": precision if start else None,
        "end_date": end,
        "end_precision": "day" if end else None,
        "source_id": "src",
    }


def tables_of(chips: list[dict], policies: list[dict], edges: list[dict]) -> dict[str, pd.DataFrame]:
    return {
        "chips": _dates(pd.DataFrame(chips), "announced_date"),
        "policies": _dates(pd.DataFrame(policies), "announced_date", "effective_date", "ended_date"),
        "relationships": _dates(pd.DataFrame(edges), "start_date", "end_date"),
    }


@pytest.fixture
def world() -> dict[str, pd.DataFrame]:
    """A small world: a restriction then a licence (month precision), a rescinded rule, an open-ended rule,
    a Chinese discouragement, a measure that never took effect, an unannounced chip."""
    chips = [
        _chip("k1", "2024-01-10"),
        _chip("k2", "2023-01-01", "year"),
        _chip("k3", "2024-03-01", "month"),
        _chip("k4", None),
    ]
    policies = [
        _policy("restrict", "restricts", "2025-04-09"),
        _policy("licence", "permits", "2025-08-01", "month"),
        _policy("diffusion", "restricts", "2025-01-13", status="rescinded"),
        _policy("rescission", "lifts", "2025-05-13"),
        _policy("forever", "restricts", "2024-06-01"),
        _policy("ended", "restricts", "2024-06-01", ended="2024-09-30"),
        _policy("cn_summons", "discourages", "2025-07-31", status="unclear"),
        _policy("withdrawn", "restricts", "2024-01-01", status="never_in_force"),
    ]
    edges = [
        _edge("e1", "restrict", "restricts", "k1", "2025-04-09"),
        _edge("e2", "licence", "permits", "k1", "2025-08-01", "month"),
        _edge("e3", "diffusion", "restricts", "k2"),  # no start: the policy's effective date applies
        _edge("e4", "rescission", "rescinds", "diffusion", "2025-05-13", to_kind="policy"),
        _edge("e5", "forever", "restricts", "k3"),
        _edge("e6", "ended", "restricts", "k4"),
        _edge("e7", "cn_summons", "restricts", "k1", "2025-07-31"),
        _edge("e8", "withdrawn", "restricts", "k4"),
    ]
    return tables_of(chips, policies, edges)


def status_of(tables: dict[str, pd.DataFrame], chip: str, day: str) -> pd.Series:
    frame = chip_status_on(tables, day)
    return frame.set_index("chip_id").loc[chip]


@pytest.mark.parametrize(
    ("day", "expected"), [("2025-04-08", UNRESTRICTED), ("2025-04-09", RESTRICTED), ("2025-04-10", RESTRICTED)]
)
def test_restriction_applies_from_its_day_not_before(world, day: str, expected: str) -> None:
    row = status_of(world, "k1", day)
    assert row["status"] == expected
    assert (row["measure_id"] == "restrict") == (expected == RESTRICTED)


@pytest.mark.parametrize(
    ("day", "expected"), [("2025-05-12", RESTRICTED), ("2025-05-13", UNRESTRICTED), ("2025-05-14", UNRESTRICTED)]
)
def test_rescinded_measure_stops_on_the_rescission_day(world, day: str, expected: str) -> None:
    assert status_of(world, "k2", day)["status"] == expected


@pytest.mark.parametrize(
    ("day", "expected"), [("2024-09-29", RESTRICTED), ("2024-09-30", UNRESTRICTED), ("2024-10-01", UNRESTRICTED)]
)
def test_measure_with_an_end_date_stops_that_day(world, day: str, expected: str) -> None:
    assert status_of(world, "k4", day)["status"] == expected


@pytest.mark.parametrize("day", ["2024-06-01", "2026-01-01", "2030-12-31"])
def test_measure_with_no_end_stays_in_force(world, day: str) -> None:
    row = status_of(world, "k3", day)
    assert row["status"] == RESTRICTED and row["measure_id"] == "forever"


def test_measure_with_no_start_on_the_edge_counts_from_the_policy_effective_date(world) -> None:
    assert status_of(world, "k2", "2025-01-12")["status"] == UNRESTRICTED
    assert status_of(world, "k2", "2025-01-13")["status"] == RESTRICTED


@pytest.mark.parametrize(
    ("day", "expected", "uncertain"),
    [
        ("2025-07-31", RESTRICTED, False),  # the day before the licence's month
        ("2025-08-01", PERMITTED, True),  # month precision: counts from the 1st, marked uncertain
        ("2025-08-31", PERMITTED, True),
        ("2025-09-01", PERMITTED, False),  # the month is over: certain again
    ],
)
def test_licence_after_a_restriction_permits_and_its_month_is_uncertain(
    world, day: str, expected: str, uncertain: bool
) -> None:
    row = status_of(world, "k1", day)
    assert row["status"] == expected
    assert bool(row["uncertain"]) is uncertain
    if uncertain:
        assert "known only to the month" in row["uncertain_why"]


def test_discouragement_is_noted_but_never_decides(world) -> None:
    row = status_of(world, "k1", "2025-08-15")
    assert row["status"] == PERMITTED and row["measure_id"] == "licence"
    assert row["china_side"] == "cn_summons"
    assert status_of(world, "k1", "2025-07-30")["china_side"] == ""


def test_a_measure_never_in_force_is_ignored(world) -> None:
    assert "withdrawn" not in set(measure_windows(world)["policy_id"])
    assert status_of(world, "k4", "2025-01-01")["status"] == UNRESTRICTED


def test_chip_is_not_announced_before_its_launch(world) -> None:
    assert status_of(world, "k1", "2024-01-09")["status"] == NOT_ANNOUNCED
    assert status_of(world, "k1", "2024-01-10")["status"] == UNRESTRICTED


def test_month_precision_launch_counts_from_the_first_and_is_uncertain(world) -> None:
    assert status_of(world, "k3", "2024-02-29")["status"] == NOT_ANNOUNCED
    row = status_of(world, "k3", "2024-03-15")
    assert row["status"] == UNRESTRICTED and row["uncertain"]


def test_chip_without_a_launch_date_is_marked_uncertain_when_unrestricted(world) -> None:
    row = status_of(world, "k4", "2020-01-01")
    assert row["status"] == UNRESTRICTED and row["uncertain"]


def test_restriction_wins_a_tie_on_the_same_start_day() -> None:
    tables = tables_of(
        [_chip("c", "2020-01-01")],
        [_policy("r", "restricts", "2025-01-01"), _policy("p", "permits", "2025-01-01")],
        [_edge("a", "r", "restricts", "c", "2025-01-01"), _edge("b", "p", "permits", "c", "2025-01-01")],
    )
    assert status_of(tables, "c", "2025-01-01")["status"] == RESTRICTED


def test_a_later_restriction_overrides_an_earlier_permit() -> None:
    tables = tables_of(
        [_chip("c", "2020-01-01")],
        [_policy("p", "permits", "2024-01-01"), _policy("r", "restricts", "2025-01-01")],
        [_edge("a", "p", "permits", "c", "2024-01-01"), _edge("b", "r", "restricts", "c", "2025-01-01")],
    )
    assert status_of(tables, "c", "2024-06-01")["status"] == PERMITTED
    assert status_of(tables, "c", "2025-06-01")["status"] == RESTRICTED


def test_an_unclear_measure_makes_its_status_uncertain() -> None:
    tables = tables_of(
        [_chip("c", "2020-01-01")],
        [_policy("r", "restricts", "2025-01-01", status="unclear")],
        [_edge("a", "r", "restricts", "c", "2025-01-01")],
    )
    row = status_of(tables, "c", "2025-06-01")
    assert row["status"] == RESTRICTED and row["uncertain"] and "Standing unclear" in row["uncertain_why"]


def test_every_chip_gets_exactly_one_row(world) -> None:
    frame = chip_status_on(world, "2025-06-01")
    assert list(frame.columns) == STATUS_COLUMNS
    assert list(frame["chip_id"]) == list(world["chips"]["chip_id"])


def test_status_strip_of_one_chip_is_the_hand_worked_sequence(world) -> None:
    """K1 in 2025, worked out by hand from the fixture: restricted from 9 Apr, the Chinese side discourages
    from 31 Jul (a split on that flag alone), a licence of "Aug 2025" (uncertain all August), then certain."""
    segments = status_segments(world, "2025-01-01", "2025-12-31")
    k1 = segments[segments["chip_id"] == "k1"]
    got = [
        (str(r.start.date()), str(r.end.date()), r.status, _text(r.measure_id), bool(r.uncertain), _text(r.china_side))
        for r in k1.itertuples()
    ]
    assert got == [
        ("2025-01-01", "2025-04-09", UNRESTRICTED, "", False, ""),
        ("2025-04-09", "2025-07-31", RESTRICTED, "restrict", False, ""),
        ("2025-07-31", "2025-08-01", RESTRICTED, "restrict", False, "cn_summons"),
        ("2025-08-01", "2025-09-01", PERMITTED, "licence", True, "cn_summons"),
        ("2025-09-01", "2026-01-01", PERMITTED, "licence", False, "cn_summons"),
    ]


def test_a_strip_segment_splits_when_only_the_china_side_changes() -> None:
    tables = tables_of(
        [_chip("c", "2020-01-01")],
        [_policy("r", "restricts", "2024-01-01"), _policy("cn", "discourages", "2025-03-15")],
        [_edge("a", "r", "restricts", "c", "2024-01-01"), _edge("b", "cn", "restricts", "c", "2025-03-15")],
    )
    segments = status_segments(tables, "2025-01-01", "2025-06-30")
    assert list(segments["start"].dt.strftime("%Y-%m-%d")) == ["2025-01-01", "2025-03-15"]
    assert list(segments["status"]) == [RESTRICTED, RESTRICTED]
    assert list(segments["china_side"].fillna("")) == ["", "cn"]


def test_status_strip_and_single_day_answer_never_disagree(world) -> None:
    """A consistency property (the strip calls the same rule); the expected values are in the test above."""
    segments = status_segments(world, "2023-01-01", "2026-12-31")
    for day in pd.date_range("2023-01-01", "2026-12-31", freq="17D"):
        answer = chip_status_on(world, day).set_index("chip_id")
        covering = segments[(segments["start"] <= day) & (day < segments["end"])].set_index("chip_id")
        assert sorted(covering.index) == sorted(answer.index), day
        for chip in answer.index:
            assert covering.loc[chip, "status"] == answer.loc[chip, "status"], (chip, day)
            assert bool(covering.loc[chip, "uncertain"]) == bool(answer.loc[chip, "uncertain"]), (chip, day)


def test_strip_segments_do_not_repeat_an_unchanged_status(world) -> None:
    segments = status_segments(world, "2023-01-01", "2026-12-31")
    for _, runs in segments.groupby("chip_id"):
        keys = list(
            zip(runs["status"], runs["measure_id"].fillna(""), runs["uncertain"], runs["china_side"].fillna(""))
        )
        assert all(a != b for a, b in zip(keys, keys[1:]))


def test_status_table_reads_as_words(world) -> None:
    table = status_table(chip_status_on(world, "2025-08-15")).set_index("chip_name")
    assert table.loc["K1", "status_label"].startswith("Allowed")
    assert table.loc["K1", "since_label"] == "Aug 2025"  # month precision, never "1 Aug 2025"


def test_shipped_data_answers_for_every_change_date() -> None:
    dataset = load_dataset(DATA_DIR)
    assert dataset.ok, dataset.problems
    tables = dataset.tables
    windows = measure_windows(tables)
    assert set(windows["chip_id"]) <= set(tables["chips"]["chip_id"])
    for day in change_dates(tables["chips"], windows) + [pd.Timestamp("2025-11-27")]:
        frame = chip_status_on(tables, day)
        assert len(frame) == len(tables["chips"])
        assert frame["status"].isin([RESTRICTED, PERMITTED, UNRESTRICTED, NOT_ANNOUNCED]).all()


# Plain-words answers and the date presets of the Export status page (expected values by hand).

SOURCES = pd.DataFrame(
    [{"source_id": "src", "publisher": "Federal Register", "title": "A rule", "url": "https://example.org/rule"}]
)


def answers_on(tables: dict[str, pd.DataFrame], day: str) -> pd.DataFrame:
    return status_answers(chip_status_on(tables, day), SOURCES, day).set_index("chip_id")


def test_restricted_chip_answers_no_with_the_measure_its_date_and_source(world) -> None:
    row = answers_on(world, "2025-06-01").loc["k1"]
    assert row["question"] == "Could the K1 be sold to China on 1 Jun 2025?"
    assert row["verdict"] == "No"
    assert row["answer"] == "No — an export licence has been required since 9 Apr 2025, and may be denied."
    assert row["measure_id"] == "restrict" and row["measure_name"] == "Measure restrict"
    assert row["since_label"] == "9 Apr 2025"
    assert row["source_label"] == "Federal Register: A rule" and row["source_url"] == "https://example.org/rule"
    assert (row["relationship_id"], row["since_phrase"], row["lead"], row["evidence"]) == (
        "e1",
        "since 9 Apr 2025",
        "",
        "",
    )
    assert row["date_source_url"] == "https://example.org/rule" and row["after_reach"] == False  # noqa: E712
    assert list(answers_on(world, "2025-06-01").reset_index().columns) == list(ANSWER_COLUMNS)


def test_licensed_chip_answers_yes_under_licence_since_the_month(world) -> None:
    row = answers_on(world, "2025-09-15").loc["k1"]
    assert row["verdict"] == "Yes, under licence"
    assert row["answer"].startswith(
        "Yes, under licence — export licences have been granted since Aug 2025, under conditions."
    )
    assert "Chinese authorities discourage buying it." in row["answer"]


def test_day_before_a_restriction_answers_yes_and_names_no_measure(world) -> None:
    row = answers_on(world, "2025-04-08").loc["k1"]
    assert row["answer"] == "Yes — no export restriction on it is in the data."
    assert row["measure_id"] == "" and row["source_label"] == ""
    assert (row["since_phrase"], row["since_label"], row["evidence_label"], row["relationship_id"]) == ("", "", "", "")


def test_chip_not_yet_announced_answers_not_yet(world) -> None:
    row = answers_on(world, "2023-06-01").loc["k1"]
    assert row["answer"] == "Not yet — the chip had not been announced yet."


def test_an_uncertain_answer_says_why_in_words_not_codes() -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10")],
        [_policy("r", "restricts", "2025-01-01", status="not_enforced")],
        [_edge("e1", "r", "restricts", "k1", "2025-01-01")],
    )
    row = answers_on(tables, "2025-02-01").loc["k1"]
    assert row["verdict"] == "No"
    assert row["answer"].endswith("Uncertain: Measure r is marked “On the books, not enforced” (see its note).")


def test_a_pending_measure_never_decides_and_an_unknown_standing_reads_as_words() -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10"), _chip("k2", "2024-01-10")],
        [
            _policy("bill", "restricts", "2025-01-01", status="pending"),
            _policy("odd", "restricts", "2025-01-01", status="contested"),
        ],
        [_edge("e1", "bill", "restricts", "k1", "2025-01-01"), _edge("e2", "odd", "restricts", "k2", "2025-01-01")],
    )
    rows = answers_on(tables, "2025-02-01")
    assert rows.loc["k1", "answer"] == "Yes — no export restriction on it is in the data."
    assert rows.loc["k2", "answer"].endswith(
        "Uncertain: Measure odd is marked “Legal standing contested” (see its note)."
    )


def test_presets_are_report_reviewed_then_before_and_after_each_measure(world) -> None:
    presets = date_presets(measure_windows(world), report_day="2025-11-27", reviewed_through="2026-01-15")
    days = {label: day.strftime("%Y-%m-%d") for label, day in presets}
    assert list(days)[:2] == ["Report date · 27 Nov 2025", "Reviewed through · 15 Jan 2026"]
    assert days["Before · 8 Apr 2025 · Measure restrict"] == "2025-04-08"
    assert days["After · 9 Apr 2025 · Measure restrict"] == "2025-04-09"
    # a licence known only to the month: "after" is the first day after August, when the answer is certain
    assert days["Before · 31 Jul 2025 · Measure licence"] == "2025-07-31"
    assert days["After · 1 Sep 2025 · Measure licence"] == "2025-09-01"
    assert not any("withdrawn" in label or "cn_summons" in label for label in days)  # never applied / not export
    assert len(presets) == 2 + 2 * 5  # restrict, licence, diffusion, forever, ended


def test_status_table_names_designers_and_measures_and_words_the_segment(world) -> None:
    world["chips"].loc[world["chips"]["chip_id"] == "k2", "segment"] = "prototype"  # a segment with no label
    names = {"nvidia": "Nvidia", "restrict": "US restriction", "cn_summons": "Summons"}
    table = status_table(chip_status_on(world, "2025-09-15"), names).set_index("chip_name")
    assert table.loc["K1", "designer"] == "Nvidia"
    assert table.loc["K1", "segment_label"] == "Top data-centre part"
    assert table.loc["K2", "segment_label"] == "Prototype"  # the one fallback for a code with no label (enum_label)
    assert table.loc["K1", "in_force"] == "US restriction; licence"  # a measure with no name keeps its id
    assert table.loc["K1", "china_side"] == "Summons"
    assert table.loc["K4", "since_label"] == "" and table.loc["K4", "in_force"] == ""
    assert status_table(chip_status_on(world, "2025-09-15")).loc[0, "designer"] == "nvidia"


def test_every_answer_carries_its_chip_and_status_code(world) -> None:
    rows = answers_on(world, "2025-06-01")
    assert rows.loc["k1", "chip_name"] == "K1" and rows.loc["k1", "status"] == RESTRICTED
    assert rows.loc["k4", "status"] == UNRESTRICTED


def test_a_licensed_chip_the_chinese_side_discourages_reads_as_one_sentence_each(world) -> None:
    row = answers_on(world, "2025-09-15").loc["k1"]
    assert row["answer"] == (
        "Yes, under licence — export licences have been granted since Aug 2025, under conditions."
        " Chinese authorities discourage buying it."
    )


def test_a_day_with_no_deciding_measure_has_no_since_date(world) -> None:
    row = answers_on(world, "2025-04-08").loc["k1"]
    assert row["since_label"] == "" and row["measure_name"] == "" and row["source_id"] == ""


def test_a_restriction_of_unknown_start_says_so_in_words() -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10")],
        [_policy("r", "restricts", None)],
        [_edge("e1", "r", "restricts", "k1")],
    )
    row = answers_on(tables, "2025-02-01").loc["k1"]
    assert row["answer"] == (
        "No — an export licence has been required (start not known), and may be denied."
        " Uncertain: the start of Measure r is not known."
    )
    assert row["since_label"] == ""


def test_a_deciding_measure_whose_source_is_missing_shows_no_source() -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10")],
        [_policy("r", "restricts", "2025-01-01")],
        [{**_edge("e1", "r", "restricts", "k1", "2025-01-01"), "source_id": "gone"}],
    )
    row = answers_on(tables, "2025-02-01").loc["k1"]
    assert row["verdict"] == "No" and row["source_id"] == "gone"
    assert row["source_label"] == "" and row["source_url"] == ""


def test_a_measure_on_several_chips_is_one_pair_of_presets() -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10"), _chip("k2", "2024-01-10")],
        [_policy("r", "restricts", "2025-01-01")],
        [_edge("e1", "r", "restricts", "k1", "2025-01-01"), _edge("e2", "r", "restricts", "k2", "2025-01-01")],
    )
    presets = date_presets(measure_windows(tables), report_day="2025-11-27", reviewed_through="2026-01-15")
    expected = ["Before · 31 Dec 2024 · Measure r", "After · 1 Jan 2025 · Measure r"]
    assert [label for label, _ in presets[2:]] == expected


def test_a_strip_ending_on_the_day_a_restriction_starts_shows_that_last_day_restricted(world) -> None:
    k1 = status_segments(world, "2025-01-01", "2025-04-09").query("chip_id == 'k1'")
    got = [(str(r.start.date()), str(r.end.date()), r.status) for r in k1.itertuples()]
    assert got == [("2025-01-01", "2025-04-09", UNRESTRICTED), ("2025-04-09", "2025-04-10", RESTRICTED)]


def test_strip_rows_follow_the_order_of_the_chips_table_not_the_alphabet() -> None:
    tables = tables_of(
        [_chip("zeta", "2020-01-01"), _chip("alpha", "2020-01-01")],
        [_policy("r", "restricts", "2025-03-01")],
        [_edge("a", "r", "restricts", "alpha", "2025-03-01")],
    )
    segments = status_segments(tables, "2025-01-01", "2025-06-30")
    assert list(segments["chip_id"]) == ["zeta", "alpha", "alpha"]
    assert list(segments["start"].dt.strftime("%Y-%m-%d")) == ["2025-01-01", "2025-01-01", "2025-03-01"]


def test_a_strip_of_no_chips_is_empty_but_keeps_its_columns() -> None:
    tables = tables_of(
        [_chip("k1", "2020-01-01")], [_policy("r", "restricts", "2025-03-01")], [_edge("a", "r", "restricts", "k1")]
    )
    tables["chips"] = tables["chips"].iloc[0:0]
    segments = status_segments(tables, "2025-01-01", "2025-06-30")
    assert segments.empty and {"chip_id", "status", "start", "end"} <= set(segments.columns)


def test_uncertainty_names_an_imprecise_announcement_or_end_and_a_missing_announcement() -> None:
    tables = tables_of(
        [_chip("m", "2024-03-01", "month"), _chip("e", "2020-01-01"), _chip("u", None)],
        [_policy("r", "restricts", "2024-01-01", ended="2024-06-01", ended_precision="month")],
        [_edge("a", "r", "restricts", "e", "2024-01-01", end="2024-06-01")],
    )
    tables["relationships"]["end_precision"] = "month"
    rows = chip_status_on(tables, "2024-03-10").set_index("chip_id")
    assert rows.loc["m", "uncertain_why"] == "announced on a date known only to the month"
    assert rows.loc["u", "uncertain_why"] == (
        "the chip's announcement date is not in the data, so it may not have existed yet"
    )
    assert rows.loc["e", "uncertain_why"] == ""
    june = chip_status_on(tables, "2024-06-20").set_index("chip_id")
    assert june.loc["e", "uncertain_why"] == "Measure r ends on a date known only to the month"
    assert june.loc["e", "status"] == UNRESTRICTED  # by the status's rule an imprecise end counts from the 1st


def test_a_month_announcement_counts_from_the_first_of_the_month_even_if_written_mid_month() -> None:
    tables = tables_of(
        [_chip("m", "2024-03-15", "month")],
        [_policy("r", "restricts", "2030-01-01")],
        [_edge("a", "r", "restricts", "other", "2030-01-01")],
    )
    row = status_of(tables, "m", "2024-03-05")
    assert row["status"] == UNRESTRICTED and row["uncertain"]


def test_a_dated_restriction_decides_over_an_undated_permit_listed_first() -> None:
    tables = tables_of(
        [_chip("k", "2020-01-01")],
        [_policy("p", "permits", None), _policy("r", "restricts", "2025-01-01")],
        [_edge("a", "p", "permits", "k"), _edge("b", "r", "restricts", "k", "2025-01-01")],
    )
    row = status_of(tables, "k", "2025-02-01")
    assert row["status"] == RESTRICTED and row["measure_id"] == "r"


def test_an_answer_keeps_why_it_is_uncertain_in_its_own_column() -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10")], [_policy("r", "restricts", None)], [_edge("e1", "r", "restricts", "k1")]
    )
    assert answers_on(tables, "2025-02-01").loc["k1", "uncertain_why"] == "the start of Measure r is not known"


def test_no_chips_give_an_empty_answer_table_that_still_has_its_columns(world) -> None:
    empty = status_answers(chip_status_on(world, "2025-06-01").iloc[0:0], SOURCES, "2025-06-01")
    assert empty.empty and {"chip_id", "question", "answer", "source_label"} <= set(empty.columns)


def test_strip_of_the_first_chips_has_the_same_runs_as_the_whole_strip() -> None:
    """The Export status page draws the first chips of a long list: their runs must not depend on the others."""
    tables = load_dataset(DATA_DIR).tables
    every = status_segments(tables, "2015-01-01", "2026-12-31")
    some = tuple(tables["chips"]["chip_id"].iloc[[0, 3, 5]])
    part = status_segments(tables, "2015-01-01", "2026-12-31", some, measure_windows(tables))
    expected = every[every["chip_id"].isin(some)].reset_index(drop=True)
    pd.testing.assert_frame_equal(part, expected)
    assert set(part["chip_id"]) == set(some)


def test_an_undated_rescission_counts_from_the_rescinding_measures_effective_day_not_its_announcement() -> None:
    rescinder = _policy("rescission", "lifts", "2025-05-13")
    rescinder["announced_date"] = "2025-03-01"  # announced weeks before it took effect
    tables = tables_of(
        [_chip("k2", "2023-01-01", "year")],
        [_policy("diffusion", "restricts", "2025-01-13", status="rescinded"), rescinder],
        [
            _edge("e3", "diffusion", "restricts", "k2"),
            _edge("e4", "rescission", "rescinds", "diffusion", None, to_kind="policy"),  # no start date
        ],
    )
    window = measure_windows(tables).set_index("relationship_id").loc["e3"]
    assert window["end"] == pd.Timestamp("2025-05-13")
    assert window["end_reason"] == "rescinded by rescission"
    assert status_of(tables, "k2", "2025-05-12")["status"] == RESTRICTED
    assert status_of(tables, "k2", "2025-05-13")["status"] == UNRESTRICTED


# Every answer as certain as what it rests on (issue 21 §2). Expected words typed by hand.


def _sourced(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"source_id": "src", "publisher": "Federal Register", "title": "A 2026 rule", "url": "https://e.org/26"},
            {"source_id": "rule_src", "publisher": "BIS", "title": "The 2023 rule", "url": "https://e.org/23"},
        ]
    )


def test_an_answer_resting_on_our_estimate_says_our_estimate_and_is_uncertain() -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10")],
        [_policy("r", "restricts", "2023-11-17")],
        [{**_edge("e1", "r", "restricts", "k1", "2024-01-10"), "evidence": "estimate"}],
    )
    row = status_answers(chip_status_on(tables, "2025-02-01"), _sourced(tables), "2025-02-01").iloc[0]
    assert row["answer"].startswith("Our estimate: No — an export licence has been required since 10 Jan 2024")
    assert row["uncertain"]
    assert (
        row["uncertain_why"] == "our estimate that Measure r covers this chip (no source names it; see the tie's note)"
    )
    assert row["evidence_label"] == "our estimate"
    # the strip (status_segments) fades the same run, since it reads the same rule
    runs = status_segments(tables, "2025-01-01", "2025-03-01")
    assert runs["uncertain"].all()


def test_a_sourced_tie_is_not_called_an_estimate() -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10")],
        [_policy("r", "restricts", "2023-11-17")],
        [{**_edge("e1", "r", "restricts", "k1", "2024-01-10"), "evidence": "official"}],
    )
    row = status_answers(chip_status_on(tables, "2025-02-01"), _sourced(tables), "2025-02-01").iloc[0]
    assert row["answer"] == "No — an export licence has been required since 10 Jan 2024, and may be denied."
    assert not row["uncertain"]


def test_a_tie_without_a_start_says_since_at_least_and_cites_the_measures_own_record_for_the_date() -> None:
    tables = tables_of(
        [_chip("old", "2023-01-05"), _chip("new", "2024-03-18")],
        [{**_policy("r", "restricts", "2023-11-17"), "source_id": "rule_src"}],
        [_edge("e1", "r", "restricts", "old"), _edge("e2", "r", "restricts", "new")],
    )
    rows = status_answers(chip_status_on(tables, "2025-02-01"), _sourced(tables), "2025-02-01").set_index("chip_id")
    assert "required since at least 17 Nov 2023," in rows.loc["old", "answer"]
    # launched after the measure: covered from at least its launch, never from before it existed
    assert "required since at least 18 Mar 2024," in rows.loc["new", "answer"]
    assert rows.loc["old", "date_source_label"] == "BIS: The 2023 rule"  # the 2023 measure's own record
    assert rows.loc["old", "source_label"] == "Federal Register: A 2026 rule"  # the tie's record
    table = status_table(chip_status_on(tables, "2025-02-01")).set_index("chip_name")
    assert table.loc["NEW", "since_label"] == "at least 18 Mar 2024"


def test_a_tie_with_its_own_start_cites_the_tie_for_the_date() -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10")],
        [{**_policy("r", "restricts", "2023-11-17"), "source_id": "rule_src"}],
        [_edge("e1", "r", "restricts", "k1", "2024-06-01")],
    )
    row = status_answers(chip_status_on(tables, "2025-02-01"), _sourced(tables), "2025-02-01").iloc[0]
    assert "since 1 Jun 2024," in row["answer"] and "at least" not in row["answer"]
    assert row["date_source_label"] == "Federal Register: A 2026 rule"


def test_a_day_after_the_records_reach_is_answered_with_the_caveat(world) -> None:
    after = status_answers(
        chip_status_on(world, "2026-03-01"), SOURCES, "2026-03-01", reviewed_through="2026-01-15"
    ).set_index("chip_id")
    on = status_answers(
        chip_status_on(world, "2026-01-15"), SOURCES, "2026-01-15", reviewed_through="2026-01-15"
    ).set_index("chip_id")
    caveat = "After the record's reach: later measures may exist (the record is reviewed through 15 Jan 2026)."
    assert after.loc["k1", "verdict"] == on.loc["k1", "verdict"]  # still answered
    assert after.loc["k1", "answer"] == on.loc["k1", "answer"] + " " + caveat and after["after_reach"].all()
    assert caveat not in on.loc["k1", "answer"] and not on["after_reach"].any()


def test_jump_to_offers_the_real_today_after_the_reviewed_through_day_with_the_caveat(world) -> None:
    windows = measure_windows(world)
    presets = date_presets(windows, report_day="2025-11-27", reviewed_through="2026-01-15", today="2026-12-05")
    label, day = presets[2]
    assert label == "Today · 5 Dec 2026 · after the record's reach: later measures may exist"
    assert day == pd.Timestamp("2026-12-05")
    same_day = date_presets(windows, report_day="2025-11-27", reviewed_through="2026-01-15", today="2026-01-15")
    assert not any(label.startswith("Today") for label, _ in same_day)


def test_the_shipped_b200_answer_is_our_estimate_since_at_least_its_launch() -> None:
    """The B200's licence requirement rests on the curators' inference and a tie with no start of its own."""
    tables = load_dataset(DATA_DIR).tables
    row = status_answers(chip_status_on(tables, "2026-03-01"), tables["sources"], "2026-03-01").set_index("chip_id")
    b200, h200 = row.loc["b200"], row.loc["h200"]
    assert b200["answer"].startswith("Our estimate: No — an export licence has been required since at least 18 Mar")
    assert "since 17 Nov 2023" not in b200["answer"] and "since 17 Nov 2023" not in h200["answer"]
    assert b200["date_source_id"] == "bis_2023_10_17_press_release"  # the 2023 rule's own record, not a 2026 one


def test_two_days_list_only_chips_whose_answer_differs_and_the_measure_that_changed_it(world) -> None:
    changes = compare_days(world["chips"], measure_windows(world), "2025-06-01", "2025-04-01").set_index("chip_id")
    assert list(changes.index) == ["k1", "k2"]  # the days in either order; k3 and k4 answer the same on both
    assert changes.loc["k1", "before"] == "No restriction in the data"
    assert changes.loc["k1", "after"] == "Restricted: licence needed or denied"
    assert changes.loc["k1", "changed_by"] == "Measure restrict"
    assert changes.loc["k2", "changed_by"] == "Measure diffusion"  # rescinded on 13 May 2025, between the days
    assert changes.loc["k2", "after"] == "No restriction in the data"
    assert compare_days(world["chips"], measure_windows(world), "2025-06-01", "2025-07-01").empty


def test_two_days_name_each_measure_that_started_or_ended_between_them_once_and_only_those() -> None:
    """Between 1 April and 1 June 2025: what changed for each chip, and which measure (hand-worked per chip)."""
    chips = [_chip(c, "2020-01-01") for c in ("c0", "c1", "c2", "c3", "c4")]
    chips += [_chip("c5", "2025-05-01"), _chip("c6", "2025-05-02")]
    policies = [
        _policy("m1", "restricts", "2025-03-01"),
        _policy("m2", "restricts", "2025-05-01"),
        _policy("mo", "restricts", "2025-01-01"),
        _policy("ma", "restricts", "2025-04-01"),
        _policy("p", "permits", "2025-05-15"),
        _policy("mb", "restricts", "2025-06-01", status="unclear"),
        _policy("p2", "permits", "2025-06-01"),
        _policy("me", "restricts", "2025-01-01"),
        _policy("mf", "restricts", "2024-01-01"),
    ]
    edges = [
        _edge("x1", "m1", "restricts", "c1", "2025-03-01"),
        _edge("x2", "m2", "restricts", "c1", "2025-05-01"),  # a later restriction takes over: same answer
        _edge("x3", "mo", "restricts", "c2", "2025-01-01", end="2025-04-01"),  # ended on the first day
        _edge("x4", "ma", "restricts", "c2", "2025-04-01"),  # began on the first day: in force on both
        _edge("x5", "p", "permits", "c2", "2025-05-15"),
        _edge("x6", "mb", "restricts", "c3", "2025-06-01"),  # began on the second day, tied twice to c3
        _edge("x7", "mb", "restricts", "c3", "2025-06-01"),
        _edge("x8", "p2", "permits", "c3", "2025-06-01"),
        _edge("x9", "me", "restricts", "c4", "2025-01-01", end="2025-06-01"),  # ended on the second day
        _edge("x10", "mf", "restricts", "c5", "2024-01-01"),  # in force before c5 was announced
    ]
    tables = tables_of(chips, policies, edges)
    changes = compare_days(tables["chips"], measure_windows(tables), "2025-06-01", "2025-04-01")
    assert list(changes.columns) == ["chip_id", "chip_name", "before", "after", "changed_by", "measure_ids"]
    same = compare_days(tables["chips"], measure_windows(tables), "2025-04-01", "2025-04-02")
    assert same.empty and list(same.columns) == list(changes.columns), "no change: an empty table, same columns"
    rows = {row["chip_id"]: row for row in changes.to_dict("records")}
    assert list(rows) == ["c1", "c2", "c3", "c4", "c5", "c6"], "c0 answers the same on both days"
    restricted, allowed, free = (
        "Restricted: licence needed or denied",
        "Allowed under licence or conditions",
        ("No restriction in the data"),
    )
    assert rows["c1"] == {
        "chip_id": "c1",
        "chip_name": "C1",
        "before": restricted,
        "after": restricted,
        "changed_by": "Measure m2",
        "measure_ids": "m2",
    }
    assert (rows["c2"]["before"], rows["c2"]["after"], rows["c2"]["changed_by"]) == (restricted, allowed, "Measure p")
    assert rows["c3"]["after"] == restricted + " (uncertain)"
    assert (rows["c3"]["changed_by"], rows["c3"]["measure_ids"]) == ("Measure mb; Measure p2", "mb; p2")
    assert (rows["c4"]["before"], rows["c4"]["after"], rows["c4"]["changed_by"]) == (restricted, free, "Measure me")
    assert (rows["c5"]["before"], rows["c5"]["changed_by"], rows["c5"]["measure_ids"]) == (
        "Not yet announced",
        "Measure mf",
        "mf",
    ), "no measure moved: the one deciding on the later day"
    assert (rows["c6"]["after"], rows["c6"]["changed_by"], rows["c6"]["measure_ids"]) == (
        free,
        "the chip's announcement (no measure)",
        "",
    )


def test_a_date_known_to_the_month_counts_from_the_first_of_the_month_wherever_it_is_stored() -> None:
    """Each date the rule reads, written mid-month with month precision, counts from 1 August (the status's rule)."""
    chips = [_chip(c, "2020-01-01") for c in ("tie", "eff", "ann", "tie_end", "ended", "resc")]
    ann = _policy("p_ann", "restricts", None) | {"announced_date": "2025-08-15", "announced_precision": "month"}
    policies = [
        _policy("p_tie", "restricts", "2020-01-01"),
        _policy("p_eff", "restricts", "2025-08-15", "month"),
        ann,
        _policy("p_tie_end", "restricts", "2020-01-01"),
        _policy("p_ended", "restricts", "2020-01-01", ended="2025-08-15", ended_precision="month"),
        _policy("p_resc", "restricts", "2020-01-01"),
        _policy("lifter", "lifts", None),
    ]
    tie_end = _edge("x4", "p_tie_end", "restricts", "tie_end", "2020-01-01", end="2025-08-15") | {
        "end_precision": "month"
    }
    edges = [
        _edge("x1", "p_tie", "restricts", "tie", "2025-08-15", "month"),
        _edge("x2", "p_eff", "restricts", "eff"),
        _edge("x3", "p_ann", "restricts", "ann"),
        tie_end,
        _edge("x5", "p_ended", "restricts", "ended", "2020-01-01"),
        _edge("x6", "p_resc", "restricts", "resc", "2020-01-01"),
        _edge("x7", "lifter", "rescinds", "p_resc", "2025-08-15", "month", to_kind="policy"),
    ]
    tables = tables_of(chips, policies, edges)
    on = chip_status_on(tables, "2025-08-05").set_index("chip_id")
    assert dict(on["status"]) == {
        "tie": RESTRICTED,
        "eff": RESTRICTED,
        "ann": RESTRICTED,
        "tie_end": UNRESTRICTED,
        "ended": UNRESTRICTED,
        "resc": UNRESTRICTED,
    }
    assert list(on.loc[["tie", "eff", "ann"], "since_precision"]) == ["month"] * 3
    assert list(on.loc[["tie", "eff", "ann"], "since"]) == [pd.Timestamp("2025-08-01")] * 3
    assert on.loc[["tie", "eff", "ann", "tie_end", "ended", "resc"], "uncertain"].all(), "inside the month: uncertain"
    windows = measure_windows(tables).set_index("chip_id")
    assert list(windows.loc[["tie_end", "ended", "resc"], "end_precision"]) == ["month"] * 3


def test_an_undated_tie_counts_from_the_day_the_measure_took_effect_not_the_day_it_was_announced() -> None:
    policy = {**_policy("r", "restricts", "2024-11-15"), "announced_date": "2024-09-02", "announced_precision": "day"}
    tables = tables_of([_chip("k", "2020-01-01")], [policy], [_edge("e", "r", "restricts", "k")])
    tables["policies"] = _dates(tables["policies"], "announced_date")
    assert status_of(tables, "k", "2024-10-01")["status"] == UNRESTRICTED, "announced, not yet in effect"
    row = status_of(tables, "k", "2024-11-15")
    assert row["status"] == RESTRICTED and row["since"] == pd.Timestamp("2024-11-15")
    announced_only = {**policy, "effective_date": None, "effective_precision": None}
    tables = tables_of([_chip("k", "2020-01-01")], [announced_only], [_edge("e", "r", "restricts", "k")])
    assert status_of(tables, "k", "2024-10-01")["since"] == pd.Timestamp("2024-09-02"), "else its announcement"


def test_uncertainty_names_the_year_when_only_the_year_of_a_launch_start_or_end_is_known() -> None:
    tables = tables_of(
        [_chip("y", "2024-01-01", "year"), _chip("k", "2020-01-01")],
        [_policy("r", "restricts", "2025-01-01", "year", ended="2026-01-01", ended_precision="year")],
        [_edge("e", "r", "restricts", "k")],
    )
    tables["relationships"]["end_date"] = pd.NaT
    assert status_of(tables, "y", "2024-06-10")["uncertain_why"] == "announced on a date known only to the year"
    assert (
        status_of(tables, "k", "2025-06-10")["uncertain_why"] == "Measure r applies from a date known only to the year"
    )
    assert status_of(tables, "k", "2026-06-10")["uncertain_why"] == "Measure r ends on a date known only to the year"


def test_several_reasons_for_doubt_and_several_chinese_measures_read_as_one_list_each() -> None:
    tables = tables_of(
        [_chip("k", "2025-03-01", "month")],
        [
            _policy("r", "restricts", "2025-03-01", "month"),
            _policy("c1", "discourages", "2025-01-01"),
            _policy("c2", "discourages", "2025-02-01"),
        ],
        [
            _edge("e", "r", "restricts", "k", "2025-03-01", "month"),
            _edge("d1", "c1", "restricts", "k", "2025-01-01"),
            _edge("d2", "c2", "restricts", "k", "2025-02-01"),
        ],
    )
    row = status_of(tables, "k", "2025-03-20")
    assert row["uncertain_why"] == (
        "announced on a date known only to the month; Measure r applies from a date known only to the month"
    )
    assert row["china_side"] == "c1; c2"


def test_a_chip_not_yet_announced_names_no_measure_in_force_even_if_one_already_covers_it() -> None:
    tables = tables_of(
        [_chip("k", "2025-06-01")], [_policy("r", "restricts", "2024-01-01")], [_edge("e", "r", "restricts", "k")]
    )
    row = status_of(tables, "k", "2025-05-01")
    assert row["status"] == NOT_ANNOUNCED and row["in_force"] == "" and row["measure_id"] is None
    assert status_of(tables, "k", "2025-06-01")["in_force"] == "r"


def test_a_ties_own_start_before_the_chips_launch_stays_the_date_it_is_required_since() -> None:
    tables = tables_of(
        [_chip("k", "2024-03-18")],
        [_policy("r", "restricts", "2023-11-17")],
        [_edge("e", "r", "restricts", "k", "2023-11-17")],
    )
    row = status_of(tables, "k", "2025-01-01")
    assert row["since"] == pd.Timestamp("2023-11-17") and row["since_precision"] == "day"


def test_a_chip_launched_in_a_month_after_an_undated_ties_measure_is_covered_since_that_month() -> None:
    tables = tables_of(
        [_chip("k", "2024-03-18", "month")],  # "March 2024", written mid-month
        [_policy("r", "restricts", "2023-11-17")],
        [_edge("e", "r", "restricts", "k")],
    )
    row = status_of(tables, "k", "2025-01-01")
    assert row["since"] == pd.Timestamp("2024-03-01") and row["since_precision"] == "month"
    answer = status_answers(chip_status_on(tables, "2025-01-01"), _sourced(tables), "2025-01-01").iloc[0]["answer"]
    assert "since at least Mar 2024," in answer


def test_whether_an_answer_is_uncertain_is_a_yes_or_no_in_the_table_and_its_download() -> None:
    tables = tables_of(
        [_chip("m", "2024-03-01", "month"), _chip("e", "2020-01-01")],
        [_policy("r", "restricts", "2030-01-01")],
        [_edge("a", "r", "restricts", "other", "2030-01-01")],
    )
    answers = chip_status_on(tables, "2024-03-10")
    assert pd.api.types.is_bool_dtype(answers["uncertain"])
    assert answers[["chip_id", "uncertain"]].to_csv(index=False) == "chip_id,uncertain\nm,True\ne,False\n"


def test_a_chip_launched_in_the_month_its_undated_ties_measure_began_is_covered_since_that_month_not_day_one() -> None:
    tables = tables_of(
        [_chip("k", "2024-03-01", "month")],  # "March 2024": any day of it
        [_policy("r", "restricts", "2024-03-01")],  # in effect from 1 March 2024
        [_edge("e", "r", "restricts", "k")],
    )
    row = status_of(tables, "k", "2025-01-01")
    assert row["since"] == pd.Timestamp("2024-03-01") and row["since_precision"] == "month"
    answer = status_answers(chip_status_on(tables, "2025-01-01"), _sourced(tables), "2025-01-01").iloc[0]["answer"]
    assert "since at least Mar 2024," in answer and "1 Mar 2024" not in answer


def test_an_undated_rescission_by_a_measure_of_a_month_ends_the_restriction_from_that_months_first_and_says_so() -> (
    None
):
    rescinder = _policy("rescission", "lifts", "2025-05-13", "month")  # "May 2025", written mid-month
    tables = tables_of(
        [_chip("k", "2023-01-01")],
        [_policy("diffusion", "restricts", "2025-01-13", status="rescinded"), rescinder],
        [
            _edge("e", "diffusion", "restricts", "k"),
            _edge("r", "rescission", "rescinds", "diffusion", None, to_kind="policy"),
        ],
    )
    window = measure_windows(tables).set_index("relationship_id").loc["e"]
    assert window["end"] == pd.Timestamp("2025-05-01") and window["end_precision"] == "month"
    assert status_of(tables, "k", "2025-04-30")["status"] == RESTRICTED
    row = status_of(tables, "k", "2025-05-05")
    assert (
        row["status"] == UNRESTRICTED
        and row["uncertain_why"] == "Measure diffusion ends on a date known only to the month"
    )


def test_a_measure_with_no_date_at_all_claims_no_precision_no_basis_and_no_record_for_its_start() -> None:
    undated = {
        **_policy("r", "restricts", None),
        "announced_date": None,
        "announced_precision": None,
        "source_id": "rs",
    }
    tables = tables_of([_chip("k", "2020-01-01")], [undated], [_edge("e", "r", "restricts", "k")])
    window = measure_windows(tables).iloc[0]
    assert pd.isna(window["start"]) and window["start_precision"] is None
    assert window["start_basis"] == "unknown" and window["date_source_id"] is None
    answer = status_answers(chip_status_on(tables, "2025-01-01"), _sourced(tables), "2025-01-01").iloc[0]
    assert "(start not known)" in answer["answer"] and answer["since_label"] == "" and answer["date_source_id"] == ""


def test_a_package_whose_measures_cover_no_chip_answers_every_chip_unrestricted() -> None:
    tables = tables_of(
        [_chip("k", "2020-01-01"), _chip("j", "2021-01-01")],
        [_policy("r", "restricts", "2025-01-01")],
        [_edge("e", "r", "restricts", "elsewhere", to_kind="company")],
    )
    windows = measure_windows(tables)
    assert windows.empty and list(windows.columns) == [
        "chip_id", "policy_id", "policy_name", "relationship_id", "kind", "start", "start_precision", "end",
        "end_precision", "end_reason", "policy_status", "source_id", "start_basis", "evidence", "date_source_id",
    ]  # fmt: skip
    assert chip_status_on(tables, "2025-06-01")["status"].tolist() == [UNRESTRICTED, UNRESTRICTED]
    assert status_segments(tables, "2025-01-01", "2025-12-31")["status"].tolist() == [UNRESTRICTED, UNRESTRICTED]


def test_a_chips_profile_answer_is_that_chips_own_with_the_records_reach_caveat_after_it() -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10"), _chip("k2", "2024-01-10")],
        [_policy("r", "restricts", "2025-04-09")],
        [_edge("e1", "r", "restricts", "k1", "2025-04-09")],
    )
    tables["sources"] = _sourced(tables)
    k1 = chip_answer(tables, "k1", "2026-03-01", reviewed_through="2026-01-15")
    k2 = chip_answer(tables, "k2", "2026-03-01")
    assert (k1["chip_id"], k1["status"], k2["chip_id"], k2["status"]) == ("k1", RESTRICTED, "k2", UNRESTRICTED)
    assert k1["after_reach"] and "the record is reviewed through 15 Jan 2026" in k1["answer"]
    assert not k2["after_reach"] and "record's reach" not in k2["answer"]


@pytest.mark.parametrize(
    ("link_end", "measure_end", "reason"),
    [
        ("2025-06-01", "2025-09-30", "the link to this chip ended"),
        ("2025-09-30", "2025-06-01", "the measure ended"),
    ],
)
def test_a_windows_end_says_whether_the_link_to_the_chip_or_the_measure_itself_ended_first(
    link_end, measure_end, reason
) -> None:
    tables = tables_of(
        [_chip("c", "2020-01-01")],
        [_policy("rule", "restricts", "2025-01-15", ended=measure_end)],
        [_edge("a", "rule", "restricts", "c", "2025-01-15", end=link_end)],
    )
    window = measure_windows(tables).iloc[0]
    assert (window["end"], window["end_reason"]) == (pd.Timestamp("2025-06-01"), reason)


@pytest.mark.parametrize(
    ("evidence", "english", "polish"),
    [
        ("report", "stated in the report", "podane w raporcie"),
        ("official", "official record", "dokument urzędowy"),
        ("press", "press report", "doniesienie prasowe"),
        ("reference", "reference work", "opracowanie źródłowe"),
        ("estimate", "our estimate", "nasz szacunek"),
        ("rumour", "rumour", "rumour"),  # a code without words is shown as it stands, never as blank
    ],
)
def test_an_answers_source_says_how_certain_the_tie_is_in_the_readers_words(evidence, english, polish) -> None:
    tables = tables_of(
        [_chip("k1", "2024-01-10")],
        [_policy("r", "restricts", "2023-11-17")],
        [{**_edge("e1", "r", "restricts", "k1", "2024-01-10"), "evidence": evidence}],
    )
    row = status_answers(chip_status_on(tables, "2025-02-01"), _sourced(tables), "2025-02-01").iloc[0]
    assert row["evidence_label"] == english
    with language_of("pl"):
        assert (
            status_answers(chip_status_on(tables, "2025-02-01"), _sourced(tables), "2025-02-01").iloc[0][
                "evidence_label"
            ]
            == polish
        )


def _ends_on_one_day(link_end_precision: str) -> dict[str, pd.DataFrame]:
    """A restriction of chip k whose tie ends on 1 June 2024 at the precision given, and a rescission of its
    measure by r2 dated 1 June 2024 to the day."""
    tables = tables_of(
        [_chip("k", "2020-01-01")],
        [_policy("r", "restricts", "2024-01-01"), _policy("r2", "lifts", "2024-06-01")],
        [
            _edge("a", "r", "restricts", "k", "2024-01-01", end="2024-06-01"),
            _edge("b", "r2", "rescinds", "r", "2024-06-01", to_kind="policy"),
        ],
    )
    tables["relationships"].loc[0, "end_precision"] = link_end_precision
    return tables


def test_of_two_ends_on_the_same_day_the_one_known_to_the_day_closes_the_window_and_leaves_no_doubt() -> None:
    # The tie is said to end "June 2024" (stored on the 1st), the measure is rescinded on 1 June 2024 exactly:
    # the restriction certainly ended on 1 June, so 20 June is unrestricted and not "known only to the month".
    tables = _ends_on_one_day("month")
    window = measure_windows(tables).set_index("relationship_id").loc["a"]
    assert (window["end"], window["end_precision"], window["end_reason"]) == (
        pd.Timestamp("2024-06-01"),
        "day",
        "rescinded by r2",
    )
    june = status_of(tables, "k", "2024-06-20")
    assert (june["status"], june["uncertain_why"]) == (UNRESTRICTED, "")
    assert status_of(tables, "k", "2024-05-31")["status"] == RESTRICTED


def test_of_two_imprecise_ends_on_the_same_day_the_month_is_the_answer_not_the_year() -> None:
    # The tie ended "in 2024" (stored on 1 January), the measure "in January 2024" and nothing rescinds it.
    tables = tables_of(
        [_chip("k", "2020-01-01")],
        [_policy("r", "restricts", "2023-01-01", ended="2024-01-01", ended_precision="month")],
        [_edge("a", "r", "restricts", "k", "2023-01-01", end="2024-01-01")],
    )
    tables["relationships"]["end_precision"] = "year"
    window = measure_windows(tables).set_index("relationship_id").loc["a"]
    assert (window["end_precision"], window["end_reason"]) == ("month", "the measure ended")
    march = status_of(tables, "k", "2024-03-01")
    assert (march["status"], march["uncertain_why"]) == (UNRESTRICTED, "")
    january = status_of(tables, "k", "2024-01-20")
    assert january["uncertain_why"] == "Measure r ends on a date known only to the month"


def test_of_two_ends_on_the_same_day_equally_known_the_ties_own_end_is_named_before_a_rescission() -> None:
    tables = _ends_on_one_day("day")
    window = measure_windows(tables).set_index("relationship_id").loc["a"]
    assert (window["end"], window["end_precision"], window["end_reason"]) == (
        pd.Timestamp("2024-06-01"),
        "day",
        "the link to this chip ended",
    )


def test_the_export_status_pages_answer_for_a_day_is_every_chips_status_on_that_day(world) -> None:
    # pages/status.py asks chips_status_on (cached per data version and day): the same answer as chip_status_on.
    page = chips_status_on(world, "2025-05-01")
    assert list(page.columns) == STATUS_COLUMNS
    assert dict(zip(page["chip_id"], page["status"])) == {
        "k1": RESTRICTED,  # from 9 April 2025
        "k2": RESTRICTED,  # until the rescission of 13 May 2025
        "k3": RESTRICTED,  # open-ended
        "k4": UNRESTRICTED,  # its measure ended on 30 September 2024
    }
    pd.testing.assert_frame_equal(page, chip_status_on(world, "2025-05-01"))
    after = chips_status_on(world, "2025-05-13").set_index("chip_id")
    assert after.at["k2", "status"] == UNRESTRICTED, "the day's own answer, not another day's"
