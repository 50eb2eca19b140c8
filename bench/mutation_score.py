"""Print the mutation score of the last `mutmut run` as one line for docs/mutation-score.txt (`make mutate`).

Score = (killed + timeout) / (killed + timeout + survived): a mutant no test ran ("no tests") is counted
apart, as it says the line is not covered, not that a test let a bug through.
"""

from __future__ import annotations

import json
import sys
import tomllib
from datetime import date
from pathlib import Path


def score_line(stats: dict[str, int], modules: list[str], day: date) -> str:
    """One line: the day, the score, the counts and the modules mutated."""
    caught = int(stats.get("killed", 0)) + int(stats.get("timeout", 0))
    judged = caught + int(stats.get("survived", 0))
    score = 100.0 * caught / judged if judged else 0.0
    return (
        f"{day.isoformat()}: {score:.1f} % ({caught} of {judged} mutants caught, {stats.get('survived', 0)} survived, "
        f"{stats.get('no_tests', 0)} on lines no test runs) in {', '.join(modules)}"
    )


def main(path: str = "mutants/mutmut-cicd-stats.json") -> None:
    stats = json.loads(Path(path).read_text(encoding="utf-8"))
    modules = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]["only_mutate"]
    print(score_line(stats, modules, date.today()))


if __name__ == "__main__":
    main(*sys.argv[1:])
