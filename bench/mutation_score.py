"""Print the mutation score of the last `mutmut run` for docs/mutation-score.txt (`make mutate`).

Score = (killed + timeout) / (killed + timeout + survived): a mutant no test ran ("no tests") is counted
apart, as it says the line is not covered, not that a test let a bug through.

`python -m bench.mutation_score --by-module` prints one line per module instead, from mutmut's per-file
results (`mutants/**/*.py.meta`), for the modules that have any mutant checked: mutants, killed (timeouts
included), survived, how many of those survivors docs/quality.md argues equivalent (it names each one in
backticks on a line that says "equivalent"), and how many were not checked (a run stopped early, or only some
modules were run).
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from datetime import date
from pathlib import Path

KILLED_CODES = {1, 3}  # mutmut: a failing test, or pytest's internal error
TIMEOUT_CODES = {36, -24, 24, 152, 255}
NO_TEST_CODES = {5, 33}


def score_line(stats: dict[str, int], modules: list[str], day: date) -> str:
    """One line: the day, the score, the counts and the modules mutated."""
    caught = int(stats.get("killed", 0)) + int(stats.get("timeout", 0))
    judged = caught + int(stats.get("survived", 0))
    score = 100.0 * caught / judged if judged else 0.0
    return (
        f"{day.isoformat()}: {score:.1f} % ({caught} of {judged} mutants caught, {stats.get('survived', 0)} survived, "
        f"{stats.get('no_tests', 0)} on lines no test runs) in {', '.join(modules)}"
    )


def module_line(module: str, exit_codes: dict[str, int | None], equivalent: set[str], day: date) -> str:
    """One module's line: mutants, killed, survived (and how many of them are argued equivalent), not checked."""
    killed = sum(1 for code in exit_codes.values() if code in KILLED_CODES | TIMEOUT_CODES)
    survivors = {name for name, code in exit_codes.items() if code == 0}
    unchecked = sum(1 for code in exit_codes.values() if code is None)
    no_tests = sum(1 for code in exit_codes.values() if code in NO_TEST_CODES)
    argued = len(survivors & equivalent)
    judged = killed + len(survivors)
    score = 100.0 * killed / judged if judged else 0.0
    with_equivalent = 100.0 * (killed + argued) / judged if judged else 0.0
    return (
        f"{day.isoformat()}: {module}: {score:.1f} % ({len(exit_codes)} mutants, {killed} killed, "
        f"{len(survivors)} survived of which {argued} argued equivalent in docs/quality.md "
        f"= {with_equivalent:.1f} % counting those; {unchecked} not checked, {no_tests} on lines no test runs)"
    )


def module_lines(mutants: Path, quality: Path, day: date) -> list[str]:
    """A line for each module of `mutants/` with at least one mutant checked."""
    argued = [line for line in quality.read_text(encoding="utf-8").splitlines() if "equivalent" in line.lower()]
    equivalent = set(re.findall(r"`([\w.ǁ]+__mutmut_\d+)`", "\n".join(argued)))
    lines = []
    for meta in sorted(mutants.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        if any(code is not None for code in codes.values()):
            module = meta.relative_to(mutants).as_posix().removesuffix(".meta")
            lines.append(module_line(module, codes, equivalent, day))
    return lines


def main(path: str = "mutants/mutmut-cicd-stats.json") -> None:
    if path == "--by-module":
        print("\n".join(module_lines(Path("mutants"), Path("docs/quality.md"), date.today())))
        return
    stats = json.loads(Path(path).read_text(encoding="utf-8"))
    modules = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]["only_mutate"]
    print(score_line(stats, modules, date.today()))


if __name__ == "__main__":
    main(*sys.argv[1:])
