"""Bad scenario files through the command line: exit code 2, a message with
file:line:column and a fix, no traceback, and no earlier output file touched."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from badinput_data import CORPUS, expectations, refused_files
from click.testing import CliRunner

from scheduler.cli import main

PLACE = re.compile(r"\.yaml:(\d+):(\d+): ")


def _assert_refused(result: Any, path: Path, want: dict[str, Any]) -> None:
    output = result.output + (getattr(result, "stderr", "") or "")
    assert result.exit_code == 2, output
    assert "Traceback" not in output and "internal error" not in output, output
    assert want["message"] in output, output
    assert "fix:" in output, output
    if want["line"] is not None:
        assert f"{path}:{want['line']}:" in output, output
        assert PLACE.search(output), output


@pytest.mark.parametrize("path", refused_files(), ids=lambda p: p.name)
def test_solve_refuses_bad_input_and_keeps_the_old_output(
    path: Path, old_output: Path, expected: dict[str, dict[str, Any]]
) -> None:
    before = old_output.read_bytes()
    result = CliRunner().invoke(main, ["solve", str(path), "-o", str(old_output)])
    _assert_refused(result, path, expected[path.name])
    assert old_output.read_bytes() == before
    assert [p.name for p in old_output.parent.iterdir()] == [old_output.name]


@pytest.mark.parametrize("path", refused_files(), ids=lambda p: p.name)
def test_check_refuses_bad_scenarios(
    path: Path, tmp_path: Path, expected: dict[str, dict[str, Any]]
) -> None:
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text("format: confsched-schedule\nversion: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), str(schedule)])
    _assert_refused(result, path, expected[path.name])


@pytest.mark.parametrize(
    "name", ["unknown-key.yaml", "python-object-tag.yaml"]
)
def test_a_real_process_exits_2_with_the_place_and_a_fix(name: str, tmp_path: Path) -> None:
    path = CORPUS / name
    want = expectations()[name]
    command = "solve"
    out = tmp_path / "out.yaml"
    out.write_text("earlier\n", encoding="utf-8")
    args = [str(path), "-o", str(out)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("CONFSCHED_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", "from scheduler.cli import main; main()", command, *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert want["message"] in done.stderr
    assert f"{path}:{want['line']}:" in done.stderr
    assert "fix:" in done.stderr
    assert out.read_text(encoding="utf-8") == "earlier\n"
