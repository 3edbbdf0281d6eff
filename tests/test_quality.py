"""The code base stays `ruff` and `mypy` clean (the README promises it)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "scheduler", "plugins", "benchmarks", "tests"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    """``mypy`` with the project's settings: the library and every plugin."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_covers_the_library_and_every_plugin() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    files = config["tool"]["mypy"]["files"]
    assert {"scheduler", "plugins"} <= set(files)


def test_mypy_is_clean_on_the_tests() -> None:
    # tests/ has no __init__.py files (pytest's rootdir imports): mypy needs the explicit
    # package bases to tell tests/solver/conftest.py from tests/checker/conftest.py.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--explicit-package-bases", "tests"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
