"""The shape of the code: layers import only downward and at the top, no cycles, small modules, short lines.

Layers, lowest first: data (read and check the package) < rules (pure logic) < charts (Altair) < app and api
(Streamlit and the data routes) < pages and the router. A module may import its own layer or a lower one.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import networkx as nx
import pytest
from conftest import ROOT

PACKAGE = "supplychain"
LAYERS = {"data": 0, "i18n": 0, "rules": 1, "charts": 2, "app": 3, "api": 3, "pages": 4}
MAX_MODULE_LINES = 450
MAX_LINE_CHARS = 120
CHECKED_FOLDERS = ("supplychain", "pages", "tests", "bench")
MAX_PAGE_LINES = 120  # pages lay out and nothing more; their logic lives in supplychain/app and supplychain/rules
# Pages still over MAX_PAGE_LINES, with their length when they were listed. This list only shrinks: a page may not
# join it or grow past its number, and leaves it once back within the bound.
LONG_PAGES: dict[str, int] = {}  # empty: every page is within the bound
# The logic whose single-line bugs the mutation run (`make mutate`) must catch: these folders of the package, and
# the language module beside them.
LOGIC_FOLDERS = ("data", "rules", "api")
LOGIC_FILES = ("i18n.py",)


def module_name(path: Path, root: Path = ROOT) -> str:
    """supplychain/rules/geo.py -> supplychain.rules.geo; pages/map.py -> pages.map; dashboard.py -> dashboard."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    """The layer rank of a first-party module (None for the package root, which holds no code)."""
    parts = module.split(".")
    if parts[0] in ("pages", "dashboard"):
        return LAYERS["pages"]
    if parts[0] != PACKAGE or len(parts) < 2:
        return None
    return LAYERS[parts[1]]


def code_files(root: Path = ROOT) -> list[Path]:
    """Every first-party module: the package, the pages and the router."""
    return sorted([*(root / PACKAGE).rglob("*.py"), *(root / "pages").glob("*.py"), root / "dashboard.py"])


def unmutated_logic_modules(root: Path = ROOT) -> list[str]:
    """Logic modules that pyproject.toml's [tool.mutmut] only_mutate does not list (so no mutation run reaches them)."""
    listed = set(tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]["only_mutate"])
    files = [p for folder in LOGIC_FOLDERS for p in (root / PACKAGE / folder).glob("*.py") if p.name != "__init__.py"]
    files += [root / PACKAGE / name for name in LOGIC_FILES if (root / PACKAGE / name).exists()]
    return sorted(rel for rel in (p.relative_to(root).as_posix() for p in files) if rel not in listed)


def first_party_imports(tree: ast.AST, known: set[str]) -> list[tuple[ast.stmt, str, bool]]:
    """(statement, imported module, inside a function?) for every import of the package in a parsed module.

    `from supplychain.app import cache` names the module supplychain.app.cache when that module exists.
    """
    found: list[tuple[ast.stmt, str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((child, a.name, in_function) for a in child.names if a.name.split(".")[0] == PACKAGE)
            elif isinstance(child, ast.ImportFrom) and child.module and child.module.split(".")[0] == PACKAGE:
                for alias in child.names:
                    target = f"{child.module}.{alias.name}"
                    found.append((child, target if target in known else child.module, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def import_problems(root: Path = ROOT) -> tuple[list[str], nx.DiGraph]:
    """Upward imports and function-level imports with no comment saying why, and the module import graph."""
    files = code_files(root)
    known = {module_name(p, root) for p in files}
    graph = nx.DiGraph()
    problems: list[str] = []
    for path in files:
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        me = module_name(path, root)
        graph.add_node(me)
        for stmt, target, in_function in first_party_imports(ast.parse(source), known):
            where = f"{path.relative_to(root)}:{stmt.lineno}"
            mine, theirs = layer_of(me), layer_of(target)
            if mine is not None and theirs is not None and theirs > mine:
                problems.append(f"{where}: {me} imports {target} from a higher layer")
            if in_function:
                said = lines[stmt.lineno - 1] + (lines[stmt.lineno - 2] if stmt.lineno > 1 else "")
                if "#" not in said:
                    problems.append(f"{where}: {target} imported inside a function with no comment saying why")
            elif target != me:
                graph.add_edge(me, target)
    return problems, graph


def test_imports_run_downward_and_sit_at_the_top_unless_a_comment_says_why() -> None:
    problems, _ = import_problems()
    assert problems == []


def test_no_module_imports_itself_through_a_cycle() -> None:
    _, graph = import_problems()
    assert list(nx.simple_cycles(graph)) == []


def big_modules(root: Path = ROOT) -> dict[str, int]:
    """Modules of the package over MAX_MODULE_LINES, with their length (pages have their own, tighter aim)."""
    sizes = {str(p.relative_to(root)): len(p.read_text(encoding="utf-8").splitlines()) for p in code_files(root)}
    return {f: n for f, n in sizes.items() if n > MAX_MODULE_LINES and f.startswith(PACKAGE)}


def long_lines(root: Path = ROOT) -> list[str]:
    """file:line of every line over MAX_LINE_CHARS in the code, the pages, the tests and the benchmarks."""
    files = [root / "dashboard.py", *(p for folder in CHECKED_FOLDERS for p in sorted((root / folder).rglob("*.py")))]
    return [
        f"{path.relative_to(root)}:{n}"
        for path in files
        if path.exists()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > MAX_LINE_CHARS
    ]


def page_problems(root: Path = ROOT, allowed: dict[str, int] = LONG_PAGES) -> list[str]:
    """Pages over MAX_PAGE_LINES and not allowed that length, and allowed pages already back within the bound."""
    sizes = {
        str(p.relative_to(root)): len(p.read_text(encoding="utf-8").splitlines()) for p in (root / "pages").glob("*.py")
    }
    problems = [
        f"{page}: {n} lines (at most {allowed.get(page, MAX_PAGE_LINES)})"
        for page, n in sorted(sizes.items())
        if n > max(MAX_PAGE_LINES, allowed.get(page, 0))
    ]
    problems += [
        f"{page}: {sizes[page]} lines, within {MAX_PAGE_LINES}: take it off LONG_PAGES"
        for page in sorted(allowed)
        if page in sizes and sizes[page] <= MAX_PAGE_LINES
    ]
    return problems


def test_no_page_is_over_120_lines_but_those_listed_and_none_grows() -> None:
    assert page_problems() == []


def typed_page_files(root: Path = ROOT) -> list[str]:
    """Places outside the router's table (supplychain/data/routes.py) that type a page's file name."""
    found = []
    for path in code_files(root):
        if path.relative_to(root).as_posix() == f"{PACKAGE}/data/routes.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"[\"']pages/\w+\.py[\"']", line):
                found.append(f"{path.relative_to(root).as_posix()}:{number}")
    return found


def test_page_files_are_named_only_in_the_routers_table() -> None:
    assert typed_page_files() == []


def test_a_page_file_typed_outside_the_table_is_named(tree: Path) -> None:
    (tree / "supplychain/data/routes.py").write_text('FILES = {"map": "pages/map.py"}\n')
    assert typed_page_files(tree) == []
    (tree / "supplychain/app/view.py").write_text('LINK = "pages/map.py"\n')
    assert typed_page_files(tree) == ["supplychain/app/view.py:1"]


def test_no_module_of_the_package_is_over_450_lines() -> None:
    assert big_modules() == {}


def test_no_line_is_over_120_characters() -> None:
    assert long_lines() == []


def test_every_logic_module_is_in_the_mutation_run() -> None:
    assert unmutated_logic_modules() == []


# The checks above, run on a small made-up tree, so each is seen to fail when its rule breaks.
@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for folder in ("supplychain/data", "supplychain/rules", "supplychain/charts", "supplychain/app", "pages"):
        (tmp_path / folder).mkdir(parents=True)
        if folder.startswith(PACKAGE):
            (tmp_path / folder / "__init__.py").write_text('"""Layer."""\n')
    (tmp_path / "supplychain" / "__init__.py").write_text('"""Package."""\n')
    (tmp_path / "dashboard.py").write_text("from supplychain.app import view\n")
    (tmp_path / "supplychain/data/load.py").write_text("X = 1\n")
    (tmp_path / "supplychain/rules/status.py").write_text("from supplychain.data.load import X\n")
    (tmp_path / "supplychain/app/view.py").write_text("from supplychain.rules import status\n")
    return tmp_path


def test_a_clean_tree_passes_the_import_checks(tree: Path) -> None:
    problems, graph = import_problems(tree)
    assert problems == [] and list(nx.simple_cycles(graph)) == []
    assert graph.has_edge("supplychain.app.view", "supplychain.rules.status")


def test_a_rule_that_imports_the_streamlit_layer_is_named(tree: Path) -> None:
    (tree / "supplychain/rules/status.py").write_text("from supplychain.app import view\n")
    problems, _ = import_problems(tree)
    assert problems == [
        "supplychain/rules/status.py:1: supplychain.rules.status imports supplychain.app.view from a higher layer"
    ]


def test_a_function_level_import_needs_a_comment_saying_why(tree: Path) -> None:
    (tree / "supplychain/rules/status.py").write_text("def f():\n    from supplychain.data.load import X\n")
    assert len(import_problems(tree)[0]) == 1
    (tree / "supplychain/rules/status.py").write_text(
        "def f():\n    from supplychain.data.load import X  # optional: only the export needs it\n"
    )
    assert import_problems(tree)[0] == []


def test_a_cycle_between_two_modules_is_found(tree: Path) -> None:
    (tree / "supplychain/data/load.py").write_text("from supplychain.data import other\n")
    (tree / "supplychain/data/other.py").write_text("from supplychain.data import load\n")
    cycles = list(nx.simple_cycles(import_problems(tree)[1]))
    assert sorted(map(sorted, cycles)) == [["supplychain.data.load", "supplychain.data.other"]]


def test_a_long_module_and_a_long_line_are_named(tree: Path) -> None:
    assert big_modules(tree) == {} and long_lines(tree) == []
    (tree / "supplychain/rules/status.py").write_text("X = 1\n" * (MAX_MODULE_LINES + 1))
    (tree / "pages/map.py").write_text("x = 1\n" + "y = '" + "a" * MAX_LINE_CHARS + "'\n")
    assert big_modules(tree) == {"supplychain/rules/status.py": MAX_MODULE_LINES + 1}
    assert long_lines(tree) == ["pages/map.py:2"]


def test_a_long_page_is_named_unless_listed_and_a_listed_page_back_within_the_bound_is_named(tree: Path) -> None:
    (tree / "pages/map.py").write_text("x = 1\n" * (MAX_PAGE_LINES + 1))
    assert page_problems(tree, {}) == [f"pages/map.py: {MAX_PAGE_LINES + 1} lines (at most {MAX_PAGE_LINES})"]
    assert page_problems(tree, {"pages/map.py": MAX_PAGE_LINES + 1}) == []
    assert page_problems(tree, {"pages/map.py": MAX_PAGE_LINES + 5}) == []  # shrinking is fine
    (tree / "pages/map.py").write_text("x = 1\n" * (MAX_PAGE_LINES + 6))
    assert page_problems(tree, {"pages/map.py": MAX_PAGE_LINES + 5}) == [
        f"pages/map.py: {MAX_PAGE_LINES + 6} lines (at most {MAX_PAGE_LINES + 5})"
    ]
    (tree / "pages/map.py").write_text("x = 1\n" * MAX_PAGE_LINES)
    assert page_problems(tree, {"pages/map.py": MAX_PAGE_LINES + 5}) == [
        f"pages/map.py: {MAX_PAGE_LINES} lines, within {MAX_PAGE_LINES}: take it off LONG_PAGES"
    ]


def test_a_logic_module_the_mutation_run_leaves_out_is_named(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.mutmut]\nonly_mutate = ["supplychain/data/load.py"]\n')
    (tree / "supplychain/i18n.py").write_text("X = 1\n")
    (tree / "supplychain/charts/maps.py").write_text("X = 1\n")  # drawings are not logic: not asked for
    assert unmutated_logic_modules(tree) == ["supplychain/i18n.py", "supplychain/rules/status.py"]
