"""A command piped into ``head`` ends quietly when the reader goes away, as Unix tools do:
no "internal error", no traceback, no "Exception ignored" at exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("args", [["plugins"], ["plugins", "--json"], ["export", "--list"]])
def test_output_into_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'plugins'}"}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the command writes a byte
    try:
        result = subprocess.run(
            [sys.executable, "-m", "scheduler.cli", *args], cwd=ROOT, env=env,
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120,
        )
    finally:
        os.close(write_end)
    assert result.stderr == "", result.stderr
    assert result.returncode in (0, 1)
