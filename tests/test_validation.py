"""A broken data file gets a clear problem naming file, row, column and what was expected."""

from __future__ import annotations

from pathlib import Path

from conftest import rewrite_csv

from supplychain.data.load import load_dataset
from supplychain.data.problems import Problem, cut, problem
from supplychain.i18n import N_, language_of


def only_problem_text(data_dir: Path) -> list[str]:
    dataset = load_dataset(data_dir)
    assert not dataset.ok
    assert dataset.tables == {}, "a failed load must not hand out half the data"
    return [str(p) for p in dataset.problems]


def test_the_fixture_package_loads_cleanly(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    assert dataset.ok, [str(p) for p in dataset.problems]
    assert list(dataset.tables["models"]["model_id"]) == ["m_one", "m_two", "m_three"]


def test_missing_column_is_named(mini_dir: Path) -> None:
    def drop(header, rows):
        return [h for h in header if h != "developer_id"]

    rewrite_csv(mini_dir / "models.csv", drop)
    problems = only_problem_text(mini_dir)
    assert any("models.csv" in p and "developer_id" in p for p in problems), problems


def test_bad_date_names_file_row_column_and_value(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[1]["release_date"] = "2025-02-30"

    rewrite_csv(mini_dir / "models.csv", bad)
    problems = only_problem_text(mini_dir)
    assert problems == [
        "models.csv, row 2 (line 3), column 'release_date': found '2025-02-30'; expected a date written YYYY-MM-DD"
    ]


def test_dangling_reference_is_named(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[0]["developer_id"] = "nobody"

    rewrite_csv(mini_dir / "models.csv", bad)
    problems = only_problem_text(mini_dir)
    assert len(problems) == 1
    assert problems[0].startswith(
        "models.csv, row 1 (line 2), column 'developer_id': found 'nobody'; expected an id that exists"
    )


def test_duplicate_id_is_reported_once(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[1]["model_id"] = "m_one"

    rewrite_csv(mini_dir / "models.csv", bad)
    problems = only_problem_text(mini_dir)
    assert len(problems) == 1
    assert problems[0].startswith("models.csv, row 2 (line 3), column 'model_id': found 'm_one'; expected a unique id")


def test_coordinate_out_of_range_is_named(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[0]["lat"] = "95.5"

    rewrite_csv(mini_dir / "locations.csv", bad)
    problems = only_problem_text(mini_dir)
    assert len(problems) == 1
    assert problems[0].startswith(
        "locations.csv, row 1 (line 2), column 'lat': found '95.5'; expected a value within range"
    )


def test_a_paragraph_number_too_large_for_the_loader_is_named_by_row_and_column_not_a_crash(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[0]["paragraph"] = "99999999999999999999"

    rewrite_csv(mini_dir / "claims.csv", bad)
    assert only_problem_text(mini_dir) == [
        "claims.csv, row 1 (line 2), column 'paragraph': found '99999999999999999999'; expected a value within range"
        " (1 to 9007199254740992)"
    ]


def test_relationship_to_a_missing_entity_is_named(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[0]["to_id"] = "atlantis"

    rewrite_csv(mini_dir / "relationships.csv", bad)
    problems = only_problem_text(mini_dir)
    assert problems == [
        "relationships.csv, row 1 (line 2), column 'to_id': found 'atlantis'; expected an id from locations.csv"
    ]


def test_relationship_kind_mismatch_says_where_the_id_lives(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[0]["to_kind"] = "chip"  # hub is a location, not a chip

    rewrite_csv(mini_dir / "relationships.csv", bad)
    problems = only_problem_text(mini_dir)
    assert problems == [
        "relationships.csv, row 1 (line 2), column 'to_id': found 'hub'; expected an id from chips.csv (it is in "
        "locations.csv)"
    ]


def test_id_shared_by_two_entity_tables_is_refused(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[0]["chip_id"] = "acme"

    rewrite_csv(mini_dir / "chips.csv", bad)

    def fix_edges(header, rows):
        rows[1]["to_id"] = "acme"

    rewrite_csv(mini_dir / "relationships.csv", fix_edges)
    problems = only_problem_text(mini_dir)
    assert problems == [
        "chips.csv, row 1 (line 2), column 'chip_id': found 'acme'; expected an id not already used in companies.csv "
        "(ids are shared by /entity links)"
    ]


def test_date_without_precision_is_refused(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[0]["release_precision"] = ""

    rewrite_csv(mini_dir / "models.csv", bad)
    problems = only_problem_text(mini_dir)
    assert problems == [
        "models.csv, row 1 (line 2), column 'release_precision'; expected day, month or year, saying how much of "
        "release_date is known"
    ]


def test_missing_file_gives_a_message_not_a_traceback(mini_dir: Path) -> None:
    (mini_dir / "chips.csv").unlink()
    problems = only_problem_text(mini_dir)
    assert any("chips.csv" in p for p in problems), problems


def test_malformed_package_json_gives_a_message(mini_dir: Path) -> None:
    (mini_dir / "datapackage.json").write_text("{not json", encoding="utf-8")
    problems = only_problem_text(mini_dir)
    assert len(problems) == 1 and problems[0].startswith("datapackage.json; expected valid JSON")


def test_policy_ended_before_it_took_effect_is_refused(mini_dir: Path) -> None:
    def bad(header, rows):
        rows[0]["effective_date"], rows[0]["effective_precision"] = "2025-05-13", "day"
        rows[0]["ended_date"], rows[0]["ended_precision"] = "2025-05-01", "day"

    rewrite_csv(mini_dir / "policies.csv", bad)
    assert only_problem_text(mini_dir) == [
        "policies.csv, row 1 (line 2), column 'ended_date': found '2025-05-01'; expected a date on or after "
        "effective_date"
    ]


def test_an_end_on_the_same_day_as_its_start_is_accepted(mini_dir: Path) -> None:
    rewrite_csv(mini_dir / "relationships.csv", lambda header, rows: rows[1].update(end_date=rows[1]["start_date"]))
    assert load_dataset(mini_dir).ok


def test_date_rules_come_from_datapackage_json(mini_dir: Path) -> None:
    import json

    rewrite_csv(mini_dir / "models.csv", lambda header, rows: rows[0].update(release_precision=""))
    package = json.loads((mini_dir / "datapackage.json").read_text(encoding="utf-8"))
    models = next(r for r in package["resources"] if r["name"] == "models")
    release = next(f for f in models["schema"]["fields"] if f["name"] == "release_date")
    del release["precisionField"]  # the package no longer pairs the date with its precision
    rels = next(r for r in package["resources"] if r["name"] == "relationships")
    start = next(f for f in rels["schema"]["fields"] if f["name"] == "start_date")
    start["onOrAfter"] = "end_date"  # and now says a start may not precede its end
    (mini_dir / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert only_problem_text(mini_dir) == [
        "relationships.csv, row 2 (line 3), column 'start_date': found '2025-01-15'; expected a date on or after "
        "end_date"
    ]


def test_a_long_value_in_a_problem_is_cut_to_its_limit_with_an_ellipsis() -> None:
    assert cut("abcde", 5) == "abcde"
    assert cut("abcdef", 5) == "abcd…"
    assert cut(1234567, 5) == "1234…"


def test_a_problem_names_file_row_line_column_and_what_was_found() -> None:
    assert str(Problem("models.csv", 5, "name", "x", "a name")) == (
        "models.csv, row 4 (line 5), column 'name': found 'x'; expected a name"
    )
    assert str(Problem("models.csv", 1, "nme", "", "a known column")) == (
        "models.csv, header (line 1), column 'nme'; expected a known column"
    )
    assert str(Problem("datapackage.json", None, None, None, "valid JSON")) == "datapackage.json; expected valid JSON"


def test_a_problem_reads_in_the_readers_language_with_file_column_and_value_as_they_are() -> None:
    found = problem("models.csv", 3, "release_date", "2025-02-30", N_("a date written YYYY-MM-DD"))
    with language_of("pl"):
        assert str(found) == (
            "models.csv, wiersz 2 (linia 3), kolumna 'release_date': znaleziono '2025-02-30'; "
            "oczekiwano: data zapisana jako RRRR-MM-DD"
        )
        big = problem(
            "x.csv", 2, "note", "…", N_("a value of at most {chars} characters (this one has more)"), chars=200_000
        )
        assert big.describe() == "wartość o długości najwyżej 200\xa0000 znaków (ta ma więcej)"
    assert found.expected == "a date written YYYY-MM-DD" and big.expected.startswith("a value of at most 200,000")
