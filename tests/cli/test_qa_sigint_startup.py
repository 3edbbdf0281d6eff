"""Ctrl-C while the command line is still starting (importing OR-Tools, pydantic, the
plugins) ends quietly with exit code 130 and the word "interrupted", not a traceback."""

from __future__ import annotations

import subprocess
import sys

# Imports the parent package, then sends itself SIGINT the moment scheduler.cli starts
# importing its commands: the interrupt lands inside `import scheduler.cli`.
CHILD = """
import importlib.abc, os, signal, sys
# SIGINT as for a command typed at a terminal, even when pytest runs as a shell's
# background job (SIGINT ignored, inherited; Python would rightly leave it ignored)
signal.signal(signal.SIGINT, signal.default_int_handler)
import scheduler

class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "scheduler.cli.check":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
import scheduler.cli
print("imported: the interrupt was lost")
"""


def test_ctrl_c_during_startup_exits_130_without_a_traceback() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 130, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert "interrupted" in done.stderr


def test_the_package_itself_imports_nothing_heavy() -> None:
    """``import scheduler`` (which runs before the command line's handler is installed)
    loads neither pydantic nor OR-Tools, so the unguarded instant stays tiny; the public
    names still arrive on first use."""
    probe = ("import sys, scheduler; heavy = [m for m in ('pydantic', 'ortools', 'yaml') "
             "if m in sys.modules]; from scheduler import load_scenario, Schedule; "
             "print(heavy, callable(load_scenario), Schedule.__name__)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", "True", "Schedule"]
