"""The Export status page in AppTest: plain answers on the reviewed-through day, presets, a typed day."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

from conftest import DATA_DIR, reach_in
from test_pages import open_page, texts

# The day the record is reviewed through (its reach), read from coverage.csv (not from the code under test).
REVIEWED = reach_in(DATA_DIR)
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
REVIEWED_WORDS = f"{int(REVIEWED[8:10])} {MONTHS[int(REVIEWED[5:7]) - 1]} {REVIEWED[:4]}"
VERDICTS = ("**No**", "**Yes, under licence**", "**Yes**", "**Not yet**")


def answers(at) -> list[str]:
    return [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("**Could the")]


def test_opens_on_the_reviewed_through_day_with_an_answer_for_every_chip() -> None:
    at = open_page("status")
    assert not at.exception, at.exception
    assert at.title[0].value == "Could each chip be sold to China?"
    found = answers(at)
    chips = (DATA_DIR / "chips.csv").read_text(encoding="utf-8").strip().splitlines()[1:]
    assert len(found) == len(chips)  # one answer per row of chips.csv
    assert all(f"on {REVIEWED_WORDS}?**" in a for a in found)
    assert all(any(v in a for v in VERDICTS) for a in found)
    assert "reviewed through" in texts(at)
    assert any("Deciding measure" in c.value and "Source:" in c.value for c in at.markdown)


def test_h20_on_1_june_2025_answers_no_since_9_april() -> None:
    at = open_page("status", {"asof": "2025-06-01"})
    h20 = next(a for a in answers(at) if "Nvidia H20" in a)
    assert h20.startswith("**Could the Nvidia H20 be sold to China on 1 Jun 2025?**")
    assert "**No** — an export licence has been required since 9 Apr 2025" in h20
    captions = [c.value.replace("\\", "") for c in at.markdown]
    assert any(
        "US licence requirement on Nvidia H20 exports to China (April 2025)" in c and "Source:" in c for c in captions
    )


def test_typed_day_applies_and_goes_to_the_link() -> None:
    at = open_page("status")
    at.text_input(key="asof").set_value("2025-04-08").run()
    assert at.query_params["asof"] == "2025-04-08"
    h20 = next(a for a in answers(at) if "Nvidia H20" in a)
    assert "on 8 Apr 2025?**" in h20 and "**Yes** — no export restriction" in h20


def test_a_typed_non_date_is_refused_and_the_last_day_stays() -> None:
    at = open_page("status", {"asof": "2025-06-01"})
    at.text_input(key="asof").set_value("2025-13-40").run()
    assert any("is not a day" in w.value for w in at.warning)
    assert all("on 1 Jun 2025?**" in a for a in answers(at))


def test_report_date_preset_jumps_to_27_november_2025() -> None:
    at = open_page("status")
    preset = at.selectbox(key="status_preset")
    assert preset.options[:2] == ["Report date · 27 Nov 2025", f"Reviewed through · {REVIEWED_WORDS}"]
    assert any(o.startswith("Before · 8 Apr 2025 · US licence requirement on Nvidia H20") for o in preset.options)
    preset.set_value("Report date · 27 Nov 2025").run()
    assert at.query_params["asof"] == "2025-11-27"
    assert all("on 27 Nov 2025?**" in a for a in answers(at))
    assert at.text_input(key="asof").value == "2025-11-27"


def test_status_table_shows_names_and_labels_not_codes() -> None:
    at = open_page("status", {"asof": "2025-11-27"}, opened={"status_table_open": True})
    table = at.dataframe[0].value
    assert set(table["Designer"]) == {"Nvidia", "Huawei"}
    assert "china_specific" not in set(table["Segment"]) and "Cut-down part for China" in set(table["Segment"])


def test_chip_profile_answers_on_the_reviewed_through_day_by_its_name_and_the_report_date() -> None:
    at = open_page("entity", {"id": "h20"})
    assert not at.exception, at.exception
    lines = [m.value.replace("\\", "") for m in at.markdown]
    reach = next(
        line
        for line in lines
        if line.startswith(f"On the reviewed-through day, {REVIEWED_WORDS} (the record's reach): ")
    )
    assert any(v in reach for v in VERDICTS)
    assert not any(line.startswith("Today") for line in lines)  # no "today" meaning the reviewed-through day
    assert any(line.startswith("On the report's date, 27 Nov 2025: **Yes, under licence**") for line in lines)
    assert any("Deciding measure" in c.value and "Source:" in c.value for c in at.markdown)
    facts = "\n".join(m.value.replace("\\", "") for m in at.markdown)
    assert "**Segment:** Cut-down part for China" in facts and "china specific" not in facts


def test_b200_answer_says_our_estimate_and_since_at_least_not_a_2023_day() -> None:
    at = open_page("status", {"asof": "2026-03-01"})
    b200 = next(a for a in answers(at) if "B200" in a)
    assert "*Our estimate:* **No**" in b200
    assert "since at least" in b200 and "17 Nov 2023" not in b200
    assert any("our estimate)" in c.value and "Date from:" in c.value for c in at.markdown)


def test_a_day_after_the_records_reach_is_answered_with_the_caveat() -> None:
    at = open_page("status", {"asof": "2030-01-01"})
    found = answers(at)
    assert found and all(any(v in a for v in VERDICTS) for a in found)
    assert all("After the record's reach: later measures may exist" in a.replace("\\", "") for a in found)


def test_jump_to_offers_the_real_today_with_the_caveat() -> None:
    at = open_page("status")
    today = next(o for o in at.selectbox(key="status_preset").options if o.startswith("Today · "))
    assert today.endswith("after the record's reach: later measures may exist")
    at.selectbox(key="status_preset").set_value(today).run()
    assert at.query_params["asof"] == datetime.now(UTC).date().isoformat()
    assert all("After the record's reach" in a.replace("\\", "") for a in answers(at))


def test_a_profile_shows_each_cited_findings_standing_as_the_sources_page_does() -> None:
    standings = (DATA_DIR / "standings.csv").read_text(encoding="utf-8")
    assert "alibaba_bytedance_train_in_sea,updated," in standings  # the curators' judgement the profile must show
    at = open_page("entity", {"id": "alibaba"})
    assert not at.exception, at.exception
    assert any(m.value.endswith("Updated]") and "badge" in m.value for m in at.markdown)
    assert any("Later reporting names operators and countries" in c.value for c in at.caption)


def test_status_strip_has_a_text_alternative_naming_statuses_in_words() -> None:
    at = open_page("status", {"asof": "2025-06-01", "chart": "1"})
    strip = [json.loads(e.proto.spec) for e in at.get("vega_lite_chart")][0]
    text = strip["description"]
    assert text.startswith("Export status of each chip over time.")
    assert "On 1 Jun 2025:" in text and "Restricted: licence needed or denied: " in text and "Nvidia H20" in text
    assert not any(code in text for code in ("not_announced", "unrestricted", "restricted,", "permitted"))


def test_two_days_side_by_side_default_to_the_report_and_the_reach_and_go_in_the_link() -> None:
    from test_link_settings import share_link

    def changed(at) -> list[str]:
        return [
            line
            for m in at.markdown
            for line in m.value.replace("\\", "").splitlines()
            if line.startswith("- **") and "changed by" in line
        ]

    at = open_page("status")
    assert any(s.value == "Two days side by side" for s in at.header)
    # The answer for the default days shows at once; the two day fields wait in a closed box until it is opened.
    assert not [w for w in at.text_input if w.key in ("cmp_from", "cmp_to")]
    opened = open_page("status", opened={"cmp_open": True})
    assert opened.text_input(key="cmp_from").value == "2025-11-27" and opened.text_input(key="cmp_to").value == REVIEWED
    assert any("Answers that differ between 27 Nov 2025 and" in m.value for m in at.markdown)
    h200 = [line for line in changed(at) if line.startswith("- **Nvidia H200**")]
    assert h200 and "Restricted: licence needed or denied → Allowed under licence or conditions" in h200[0]
    assert "changed by US decision to allow Nvidia H200" in h200[0]
    link = share_link(at)
    assert "cmp_from=2025-11-27" in link and f"cmp_to={REVIEWED}" in link
    linked = open_page("status", {"cmp_from": "2025-04-01", "cmp_to": "2025-06-01"})
    assert linked.text_input(key="cmp_from").value == "2025-04-01"  # a link that names a day opens the box
    lines = changed(linked)
    assert any(line.startswith("- **Nvidia H20**") for line in lines)
    assert not any(line.startswith("- **Nvidia H200**") for line in lines)


def test_one_chip_can_be_chosen_to_answer_alone_and_the_link_keeps_it() -> None:
    at = open_page("status", {"asof": "2025-06-01"})
    assert len(answers(at)) > 1
    at.selectbox(key="chip").set_value("h20").run()
    found = answers(at)
    assert len(found) == 1 and "Nvidia H20" in found[0]
    assert at.query_params["chip"] == "h20"


def test_answers_are_read_row_by_row_in_the_chips_table_order() -> None:
    at = open_page("status", {"asof": "2025-06-01"})
    with (DATA_DIR / "chips.csv").open(encoding="utf-8") as handle:
        chips = [row["name"] for row in csv.DictReader(handle)]
    order = [next(name for name in chips if f"the {name} be sold" in a) for a in answers(at)]
    assert order == chips  # the page's (and so the screen reader's and Tab's) order is the table's
