"""The house rules of the package's imports, checked on the source (AST), not by review.

- No module in ``scheduler/`` imports a private (underscore) name from another module:
  what two modules share is public in one of them.
- ``scheduler.diagnose`` does not import ``scheduler.solver`` (the solver calls the
  diagnosis; both use ``scheduler.facts``), so the two never import each other.
- The objective calls no private method of another object (``self.constraints._x``).
- The checker imports nothing of the solver, its facts or the diagnosis.

Plugins are checked by their own test (tests/plugins); this one scans ``scheduler/`` only.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scheduler"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module an ``ImportFrom`` reads from, made absolute."""
    if not node.level:
        return node.module or ""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_imports(path: Path, tree: ast.AST) -> Iterator[str]:
    """``from x import _y`` and ``import x._y`` / ``x._y`` module paths, as readable lines."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _absolute(path, node)
            if any(_private(part) for part in source.split(".")):
                yield f"{path.relative_to(ROOT)}:{node.lineno} imports from {source}"
            for alias in node.names:
                if _private(alias.name):
                    yield (f"{path.relative_to(ROOT)}:{node.lineno} imports {alias.name} "
                           f"from {source}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if any(_private(part) for part in alias.name.split(".")):
                    yield f"{path.relative_to(ROOT)}:{node.lineno} imports {alias.name}"


def imported_modules(path: Path, tree: ast.AST) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            out.add(_absolute(path, node))
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out


def test_no_module_imports_a_private_name_from_another() -> None:
    found = [line for path in _modules()
             for line in private_imports(path, ast.parse(path.read_text(encoding="utf-8")))]
    assert found == []


@pytest.mark.parametrize("source", [
    "from scheduler.solver.greedy.board import _Board\n",
    "from .board import _occupy, Spot\n",
    "import scheduler.solver._internal\n",
    "from scheduler.solver._internal import thing\n",
])
def test_the_scan_finds_a_private_import(source: str) -> None:
    path = PACKAGE / "solver" / "greedy" / "eject.py"
    assert list(private_imports(path, ast.parse(source)))


def test_the_scan_allows_dunders_and_public_names() -> None:
    path = PACKAGE / "solver" / "run.py"
    source = "from __future__ import annotations\nfrom scheduler.solver import search\n"
    assert list(private_imports(path, ast.parse(source))) == []


def test_diagnose_does_not_import_the_solver() -> None:
    for path in sorted((PACKAGE / "diagnose").rglob("*.py")):
        modules = imported_modules(path, ast.parse(path.read_text(encoding="utf-8")))
        assert not [m for m in modules if m.startswith("scheduler.solver")], path


def test_the_objective_calls_no_private_method_of_another_object() -> None:
    path = PACKAGE / "solver" / "objective.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and _private(node.attr)
                and not (isinstance(node.value, ast.Name) and node.value.id == "self")):
            found.append(f"line {node.lineno}: .{node.attr}")
    assert found == []


def test_the_checker_shares_no_code_with_the_solver() -> None:
    # docs/checker.md lists what the two do share (scenario model, calendar, schedule).
    for path in sorted((PACKAGE / "checker").rglob("*.py")):
        modules = imported_modules(path, ast.parse(path.read_text(encoding="utf-8")))
        shared = [m for m in modules if m.startswith(("scheduler.solver", "scheduler.facts",
                                                        "scheduler.diagnose"))]
        assert shared == [], path


def _benchmark_imports(path: Path, tree: ast.AST) -> list[str]:
    return sorted(m for m in imported_modules(path, tree)
                  if m == "benchmarks" or m.startswith("benchmarks."))


def test_the_library_and_the_plugins_never_import_benchmarks() -> None:
    """Peers kept for comparison (benchmarks/peers/, e.g. the former separate CoSPLib
    model) are run by the benchmarks; no shipped code depends on them."""
    paths = [*_modules(), *sorted((ROOT / "plugins").rglob("*.py"))]
    found = {str(path.relative_to(ROOT)): _benchmark_imports(path, tree)
             for path in paths
             if (tree := ast.parse(path.read_text(encoding="utf-8")))
             and _benchmark_imports(path, tree)}
    assert found == {}


def test_the_scan_finds_an_import_of_benchmarks_inside_a_function() -> None:
    source = "def f():\n    from benchmarks.peers.cosplib_model.solve import solve\n"
    assert _benchmark_imports(PACKAGE / "x.py", ast.parse(source)) == [
        "benchmarks.peers.cosplib_model.solve"]
