"""The settings the served app runs with (.streamlit/config.toml): offline, and no per-session cost it does not need."""

from __future__ import annotations

import tomllib

from conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_no_usage_statistics_leave_the_machine() -> None:
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_served_app_does_not_watch_its_own_source_files() -> None:
    """A watcher per session made each page open 150-300 ms slower on the server (docs/performance.md)."""
    assert CONFIG["server"]["fileWatcherType"] == "none"
    assert CONFIG["server"]["runOnSave"] is False


def test_script_runs_skip_the_work_no_page_needs() -> None:
    assert CONFIG["runner"]["magicEnabled"] is False, "no page shows bare expressions"
    assert CONFIG["runner"]["postScriptGC"] is False


def test_no_page_relies_on_magic_output() -> None:
    """With magic off, a bare expression in a page would show nothing: every output must be an st call."""
    import ast

    bare = []
    for path in [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for i, stmt in enumerate(
                getattr(node, "body", []) if isinstance(getattr(node, "body", None), list) else []
            ):
                value = stmt.value if isinstance(stmt, ast.Expr) else None
                docstring = i == 0 and isinstance(value, ast.Constant) and isinstance(value.value, str)
                if value is not None and not docstring and not isinstance(value, (ast.Call, ast.Await)):
                    bare.append(f"{path.name}:{stmt.lineno}")
    assert bare == []
