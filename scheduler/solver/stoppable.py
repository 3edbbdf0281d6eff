"""A CP-SAT solve that Ctrl-C stops at once.

Every ``CpSolver`` of the package leaves SIGINT to Python (``catch_sigint_signal = False``,
tests/solver/test_sigint_kept.py). Python's handler only sets a flag, which the main
thread reads when it runs Python code again: a solve called from the main thread heard
Ctrl-C only when it returned (a track move's sub-model ends on its deterministic units
alone, which under load take many wall seconds; and CP-SAT may overrun its limits inside
presolve). :func:`solve` runs the solve in a thread of its own while the main thread waits
on an event, which a signal interrupts: on Ctrl-C it stops the search
(``stop_search()``), waits :data:`STOP_WAIT` seconds at most for it to return, and lets
the KeyboardInterrupt go on (fix1: the track moves' Ctrl-C test that timed out once at
120 s). A solve off the main thread, or in a process that ignores SIGINT (the track moves'
helper), runs in place: no signal reaches it there.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from ortools.sat.python import cp_model

LOOK = 0.25
"""Wall seconds between two looks of the waiting main thread (a signal interrupts the wait
itself; one that another thread took is seen at the next look)."""
STOP_WAIT = 5.0
"""Wall seconds a stopped solve has to return before Ctrl-C goes on without it (it is left
to end in its daemon thread)."""


def hears_ctrl_c() -> bool:
    """Whether this is the main thread of a process whose SIGINT raises in Python."""
    return (threading.current_thread() is threading.main_thread()
            and callable(signal.getsignal(signal.SIGINT)))


def solve(solver: cp_model.CpSolver, model: cp_model.CpModel) -> Any:
    """``solver.solve(model)``; Ctrl-C stops it at once (see the module's docstring)."""
    if not hears_ctrl_c():
        return solver.solve(model)
    returned = threading.Event()
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["status"] = solver.solve(model)
        except BaseException as error:  # noqa: BLE001 - raised again in the caller
            outcome["error"] = error
        finally:
            returned.set()

    worker = threading.Thread(target=work, name="cp-sat-stoppable", daemon=True)
    try:
        worker.start()  # (a Ctrl-C may come while it starts: the solve runs already)
        while not returned.wait(LOOK):  # a signal another thread took: seen within LOOK
            pass
    except KeyboardInterrupt:
        solver.stop_search()
        returned.wait(STOP_WAIT)
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["status"]
