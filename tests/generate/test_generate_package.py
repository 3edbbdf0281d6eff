"""The generator package stays what it was split to be: small modules, one job each, and
the public names other code imports (CLI, benchmarks, tests) in ``scheduler.generate``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import scheduler.generate as generate_pkg

PACKAGE = Path(generate_pkg.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))
MAX_LINES = 150


def test_the_package_has_its_modules() -> None:
    names = {m.stem for m in MODULES}
    assert {"__init__", "shapes", "names", "plan", "people", "registrations", "render"} <= names


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.name)
def test_each_module_is_small_and_says_its_job(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES, (
        f"{module.name} has grown past {MAX_LINES} lines: split out the new job")
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring and len(docstring.split()) >= 8, f"{module.name} needs a docstring"


def test_public_api_is_what_other_code_imports() -> None:
    # Imported by scheduler/cli/generate.py, benchmarks/run.py, benchmarks/suites.py,
    # tests/checker, tests/solver, tests/benchmarks and tests/generate.
    used = {"SHAPES", "GeneratorParams", "generate", "generate_with_plan", "generate_yaml",
            "params_for", "room_load", "to_yaml"}
    assert used <= set(generate_pkg.__all__)
    for name in generate_pkg.__all__:
        assert getattr(generate_pkg, name) is not None
    assert list(generate_pkg.iter_shapes()) == ["seminar", "pycon", "large", "euro", "informs"]
