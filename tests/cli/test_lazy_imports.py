"""The command line loads the solver (OR-Tools, which brings pandas and numpy: most of a
second) only when a solve is about to run: ``--help``, ``check``, the exports and a
refused scenario answer without it. A Ctrl-C while that late import runs still ends with
"interrupted" and exit code 130, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "bishkek-launch-2022.yaml"

# Runs the command in-process and reports whether OR-Tools was imported.
PROBE = """
import sys
from click.testing import CliRunner
from scheduler.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
print(result.exit_code, "ortools" in sys.modules, "scheduler.solver" in sys.modules)
"""


def _probe(*args: str) -> tuple[int, bool, bool]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    code, ortools, solver = done.stdout.split()
    return int(code), ortools == "True", solver == "True"


@pytest.mark.parametrize("args", [["--help"], ["solve", "--help"], ["plugins"],
                                  ["bound", "--help"]],
                         ids=["help", "solve-help", "plugins", "bound-help"])
def test_commands_that_solve_nothing_do_not_load_the_solver(args: list[str]) -> None:
    code, ortools, solver = _probe(*args)
    assert code == 0
    assert not ortools and not solver


def test_a_refused_scenario_is_refused_before_the_solver_loads(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("event:\n  name: x\n  nonsense: 1\n", encoding="utf-8")
    code, ortools, solver = _probe("solve", str(bad))
    assert code == 2
    assert not ortools and not solver


@pytest.mark.slow
def test_a_solve_loads_the_solver(tmp_path: Path) -> None:
    """The probe can see the solver load (the tests above would pass vacuously if not)."""
    code, ortools, solver = _probe("solve", str(SCENARIO), "--time-limit", "0.5",
                                   "--deterministic", "--workers", "1",
                                   "-o", str(tmp_path / "s.yaml"))
    assert code == 0
    assert ortools and solver


# Sends itself SIGINT the moment the solve command starts importing the solver.
CHILD = """
import importlib.abc, os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # as from a terminal

class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "scheduler.solver":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
from scheduler.cli import main
sys.argv = ["confsched", "solve", sys.argv[1], "--time-limit", "1"]
main()
"""


def test_ctrl_c_while_the_solver_loads_says_interrupted_and_exits_130() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD, str(SCENARIO)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 130, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert "interrupted" in done.stderr
