"""`make mutate`'s score lines: killed over killed + survived, per module, with the survivors argued equivalent."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from bench.mutation_score import module_lines, score_line


def test_a_modules_line_counts_timeouts_as_caught_and_names_survivors_argued_equivalent(tmp_path: Path) -> None:
    meta = tmp_path / "mutants" / "pkg" / "mod.py.meta"
    meta.parent.mkdir(parents=True)
    codes = {"pkg.mod.x_f__mutmut_1": 1, "pkg.mod.x_f__mutmut_2": 36, "pkg.mod.x_f__mutmut_3": 0}
    codes |= {"pkg.mod.x_f__mutmut_4": 0, "pkg.mod.x_f__mutmut_5": None, "pkg.mod.x_f__mutmut_6": 33}
    meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")
    (tmp_path / "mutants" / "pkg" / "untouched.py.meta").write_text('{"exit_code_by_key": {"a": null}}')
    quality = tmp_path / "quality.md"
    quality.write_text("- `pkg.mod.x_f__mutmut_3`: equivalent because ...\n", encoding="utf-8")
    lines = module_lines(tmp_path / "mutants", quality, date(2026, 12, 5))
    assert lines == [
        "2026-12-05: pkg/mod.py: 50.0 % (6 mutants, 2 killed, 2 survived of which 1 argued equivalent in "
        "docs/quality.md = 75.0 % counting those; 1 not checked, 1 on lines no test runs)"
    ]


def test_the_whole_run_line_counts_timeouts_as_caught() -> None:
    line = score_line({"killed": 8, "timeout": 1, "survived": 1, "no_tests": 2}, ["a.py"], date(2026, 12, 5))
    assert line.startswith("2026-12-05: 90.0 % (9 of 10 mutants caught, 1 survived, 2 on lines no test runs) in a.py")
