"""The ``confsched`` command line: a thin layer over the library.

Each command lives in its own module and registers itself on :data:`main`; plugins add
theirs through the ``register_commands`` hook, the first time the group lists or looks up
a command (``ConfschedGroup`` in ``base.py``).

Ctrl-C while these imports run (pydantic, the checker, the plugins' commands) ends
the program quietly with exit code 130; nothing has been written yet. The solver itself
(OR-Tools, which brings pandas: most of a second) is imported by ``solve`` only once its
scenario has loaded, so ``--help``, the other commands and a refused file never wait for
it. Once the imports are done the usual handling is back (commands turn an interrupt into
a message, ``solve`` keeps the best schedule found).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from types import FrameType
from typing import Any


def _interrupted_while_starting(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("interrupted\n")
    sys.stderr.flush()
    os._exit(130)


def _quiet_start() -> Any:
    """Install the start-up handler; return the one to restore (None: nothing installed)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return None  # ignored (a background job) or handled by the embedding program
    return signal.signal(signal.SIGINT, _interrupted_while_starting)


_previous = _quiet_start()

from scheduler.cli import bound, check, diff, export, generate, imports, plugins_cmd, solve  # noqa: E402, F401, I001
from scheduler.cli.base import main  # noqa: E402

if _previous is not None:
    signal.signal(signal.SIGINT, _previous)


def run() -> None:
    """The ``confsched`` program: :data:`main` with the process's arguments.

    When a solve was left running at its deadline (OR-Tools' presolve of a very large
    event can ignore a stop), the program ends with the command's exit code as soon as the
    command is done, its output written and flushed, rather than waiting for that solve or
    tearing the interpreter down around it (which aborts the process).
    """
    try:
        main()
    except SystemExit as done:
        search = sys.modules.get("scheduler.solver.search")
        if search is not None and search.solve_left_running():
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
            if done.code is not None and not isinstance(done.code, int):
                sys.stderr.write(f"{done.code}\n")
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        raise


__all__ = ["main", "run"]
