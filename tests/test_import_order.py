"""Any public module can be imported first, in a fresh interpreter, without an import cycle.

The cycles we had: ``scheduler.instruments`` -> ``scheduler.scenario`` -> the model -> the
instruments; and a plugin's CLI module importing ``scheduler.cli.base``, whose package
used to register the plugins' commands (importing that same plugin module) at import.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

FIRST = ["scheduler.instruments", "scheduler.checker", "scheduler.scenario.types",
         "scheduler.solver", "confsched_cosplib.cli", "confsched_zoom.cli",
         "scheduler.cli.base", "scheduler.publishable", "scheduler.publishing.pipeline",
         "scheduler.publishing.view", "confsched_caldav.publish", "scheduler.extras"]


@pytest.mark.parametrize("module", FIRST)
def test_module_imports_first(module: str) -> None:
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_plugin_commands_are_on_the_group_once_it_is_used() -> None:
    probe = ("from click.testing import CliRunner; from scheduler.cli import main; "
             "r = CliRunner().invoke(main, ['--help']); "
             "print(all(n in r.output for n in ('zoom', 'cosplib', 'export')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.strip() == "True", done.stderr
