"""A hand-rolled mutation pass over the checker: are its tests able to fail?

Flips one comparison operator at a time (``<`` and ``<=``, ``>`` and ``>=``, ``==`` and
``!=``, ``in`` and ``not in``, ``is`` and ``is not``) in the given checker modules, runs the
checker tests against each mutant in this one process (the mutated module is executed into
the live module and the rule tables are rebound, so there is no interpreter start per
mutant), and prints which mutants the tests kill and which survive. Run from the repository
root, on a copy if other test runs share the checkout (nothing is written to the files)::

    python tests/checker/mutate.py scheduler/checker/rules_time.py scheduler/checker/soft.py

Only modules whose functions are reached through ``HARD_RULES``, ``TERMS`` or
``check.changes`` are meaningful targets (``plan.py`` helpers are imported by name into
the rule modules, so a mutant there would not be seen).
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import io
import sys
from pathlib import Path

import pytest

from scheduler.checker import hard, soft

FLIP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
check_module = importlib.import_module("scheduler.checker.check")
"""The module (``scheduler.checker.check`` as an attribute is the function ``check``)."""
TABLES = (hard.HARD_RULES, soft.TERMS)
"""The dicts ``check`` holds (executing a mutant of soft.py makes a new ``TERMS``)."""


def _rebind() -> None:
    setattr(check_module, "changes", soft.changes)  # noqa: B010 (a module made at run time)
    for table in TABLES:
        for name, function in list(table.items()):
            table[name] = getattr(sys.modules[function.__module__], function.__name__)


def _tests_fail() -> bool:
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-m", "not slow",
                            "tests/checker"])
    return code != 0


def mutate(path: Path) -> list[tuple[int, str, bool]]:
    """(line, operator change, killed) for every comparison of one module."""
    module = importlib.import_module(".".join(path.with_suffix("").parts))
    saved = dict(module.__dict__)
    source = path.read_text(encoding="utf-8")
    sites = [(node.lineno, node.col_offset, i) for node in ast.walk(ast.parse(source))
             if isinstance(node, ast.Compare)
             for i, op in enumerate(node.ops) if type(op) in FLIP]
    results = []
    for line, column, i in sites:
        tree = ast.parse(source)
        change = ""
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and (node.lineno, node.col_offset) == (line, column):
                old = type(node.ops[i])
                node.ops[i] = FLIP[old]()
                change = f"{old.__name__} -> {FLIP[old].__name__}"
        exec(compile(tree, str(path), "exec"), module.__dict__)
        _rebind()
        try:
            killed = _tests_fail()
        finally:
            module.__dict__.clear()
            module.__dict__.update(saved)
            _rebind()
        results.append((line, change, killed))
        code = source.splitlines()[line - 1].strip()
        print(f"{'killed  ' if killed else 'SURVIVED'} {path}:{line} {change} | {code}",
              flush=True)
    return results


def main(paths: list[str]) -> int:
    if _tests_fail():
        print("the checker tests fail without any mutant; fix them first")
        return 2
    results = [r for p in paths for r in mutate(Path(p))]
    killed = sum(1 for _, _, k in results if k)
    print(f"{killed} of {len(results)} mutants killed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
