"""Plugins stand alone: no plugin imports another plugin, or a private name of ``scheduler``.

Built-in plugins are registered like third-party ones; what they share lives in the public
publishing API (``scheduler.publishing``). The scan reads every module under ``plugins/``
with :mod:`ast` (imports inside functions count too, and so does
``importlib.import_module("...")`` with a literal name).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"


def plugin_packages(root: Path) -> dict[str, Path]:
    """Every plugin package under ``root`` (a folder with ``__init__.py``), by import name."""
    return {init.parent.name: init.parent for init in root.rglob("__init__.py")
            if init.parent.parent in (root, root / "example")}


def imported_modules(tree: ast.AST) -> list[tuple[int, str, str | None]]:
    """(line, module, name imported from it or None) of every absolute import in ``tree``."""
    found: list[tuple[int, str, str | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, node.module, alias.name) for alias in node.names]
        elif (isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name))
              and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
              in ("import_module", "__import__")
              and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value, None))
    return found


def violations(source: str, own: str, plugins: set[str]) -> list[str]:
    """What module ``own`` (a plugin package) must not import, one message per import."""
    out = []
    for line, module, name in imported_modules(ast.parse(source)):
        top = module.split(".")[0]
        if top in plugins and top != own:
            out.append(f"line {line}: imports plugin {module!r}; use scheduler.publishing")
        if top == "scheduler":
            parts = module.split(".")[1:] + ([name] if name and name != "*" else [])
            private = [p for p in parts if p.startswith("_") and not p.startswith("__")]
            if private:
                out.append(f"line {line}: imports private name {private[0]!r} of {module}")
    return out


def test_the_scan_finds_what_it_forbids() -> None:
    plugins = {"confsched_a", "confsched_b"}
    bad = ("from confsched_b.labels import word\n"
           "import confsched_b\n"
           "def f():\n    from scheduler.solver.hint import _Board\n"
           "import scheduler._secret\n"
           "importlib.import_module('confsched_b.x')\n")
    assert len(violations(bad, "confsched_a", plugins)) == 5
    good = ("from confsched_a.x import y\nfrom scheduler.publishing import word\n"
            "from . import z\nfrom __future__ import annotations\n")
    assert violations(good, "confsched_a", plugins) == []


def test_plugins_are_found() -> None:
    found = plugin_packages(PLUGINS)
    assert {"confsched_ical", "confsched_web", "confsched_example_csv"} <= set(found)


def test_the_library_imports_no_plugin() -> None:
    """scheduler/ is what plugins build on; it never reaches into one."""
    packages = set(plugin_packages(PLUGINS))
    problems = []
    for path in sorted((PLUGINS.parent / "scheduler").rglob("*.py")):
        for line, module, _ in imported_modules(ast.parse(path.read_text("utf-8"))):
            if module.split(".")[0] in packages:
                problems.append(f"{path.relative_to(PLUGINS.parent)} line {line}: {module}")
    assert problems == []


@pytest.mark.parametrize("package", sorted(plugin_packages(PLUGINS)))
def test_plugin_imports_no_other_plugin_and_no_private_name(package: str) -> None:
    packages = plugin_packages(PLUGINS)
    problems = []
    for path in sorted(packages[package].rglob("*.py")):
        for problem in violations(path.read_text("utf-8"), package, set(packages)):
            problems.append(f"{path.relative_to(PLUGINS)} {problem}")
    assert problems == []
