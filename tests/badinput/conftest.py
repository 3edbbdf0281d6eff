"""Fixtures of the bad-input tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from badinput_data import expectations


@pytest.fixture(scope="session")
def expected() -> dict[str, dict[str, Any]]:
    return expectations()


@pytest.fixture
def old_output(tmp_path: Path) -> Path:
    """An output file from an earlier run, which a failed run must leave as it was."""
    out = tmp_path / "out.yaml"
    out.write_text("# an earlier schedule — must survive a failed run\n", encoding="utf-8")
    return out
