"""Ctrl-C during a long solve: the first stops the search and keeps the best schedule,
marked as interrupted; a second one aborts, never leaving a half-written file.

Real processes and real signals: `confsched solve` runs in a child process.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scheduler.checker import check
from scheduler.scenario import load_scenario
from scheduler.schedule import SolveStatus, load_schedule


@pytest.fixture(scope="module")
def long_scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 100-talk conference: far from proven optimal within seconds."""
    path = tmp_path_factory.mktemp("sigint") / "pycon.yaml"
    made = subprocess.run([sys.executable, "-m", "scheduler.cli", "generate", "--shape", "pycon",
                           "--seed", "1", "-o", str(path)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return path


def _start(scenario: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "scheduler.cli", "solve", str(scenario), "-o", str(out),
         "--time-limit", "120", "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_first_ctrl_c_keeps_the_best_schedule(long_scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "schedule.yaml"
    process = _start(long_scenario, out)
    time.sleep(8)  # past model building and the greedy start, into the search
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    schedule = load_schedule(out)
    assert schedule.solve.interrupted
    assert schedule.status == SolveStatus.FEASIBLE
    assert "interrupted" in (stdout + stderr).lower()
    assert "Traceback" not in stderr
    assert check(load_scenario(long_scenario), schedule).ok


def test_second_ctrl_c_aborts_and_leaves_no_half_written_file(long_scenario: Path,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "schedule.yaml"
    out.write_text("the previous version\n", encoding="utf-8")
    process = _start(long_scenario, out)
    time.sleep(8)
    process.send_signal(signal.SIGINT)
    time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    # The second Ctrl-C may land before or after the first one's schedule was written;
    # either way the file is whole: the previous version, or a complete schedule.
    text = out.read_text(encoding="utf-8")
    if text != "the previous version\n":
        assert load_schedule(out).solve.interrupted
    assert [p.name for p in tmp_path.iterdir()] == ["schedule.yaml"]
