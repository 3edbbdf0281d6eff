"""Run a command as if the machine were loaded: it gets only a share of the time.

    python benchmarks/results/huge/deadline/throttle.py 0.3 -- python phases.py big.yaml 120

Every ``PERIOD`` seconds the command's process group, and every process descended from
the command (``confsched solve`` runs its solve in a child with a process group of its
own), is stopped (SIGSTOP) for ``1 - share`` of the period and continued (SIGCONT) for
the rest, so it runs at most
``share`` of the wall time, whatever the real load: a load that uses no CPU itself (the
machine is shared by four engineers; burning cores to make load would slow them down).
Every thread of the command stops together, CP-SAT's workers too. The real load adds to
this. Exits with the command's exit code.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

PERIOD = 0.2
"""Seconds of one stop-and-continue cycle."""


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux's /proc children lists)."""
    found, todo = [], [pid]
    while todo:
        here = todo.pop()
        try:
            with open(f"/proc/{here}/task/{here}/children") as listing:
                below = [int(n) for n in listing.read().split()]
        except OSError:
            continue
        found.extend(below)
        todo.extend(below)
    return found


def signal_all(group: int, pid: int, number: int) -> None:
    """``number`` to the command's process group and to every process below it."""
    os.killpg(group, number)
    for other in descendants(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(other, number)


def main(share: float, command: list[str]) -> int:
    child = subprocess.Popen(command, start_new_session=True)
    group = os.getpgid(child.pid)
    try:
        while child.poll() is None:
            time.sleep(PERIOD * share)
            if child.poll() is not None:
                break
            signal_all(group, child.pid, signal.SIGSTOP)
            time.sleep(PERIOD * (1.0 - share))
            signal_all(group, child.pid, signal.SIGCONT)
    finally:
        if child.poll() is None:
            signal_all(group, child.pid, signal.SIGCONT)
    return child.wait()


if __name__ == "__main__":
    split = sys.argv.index("--")
    sys.exit(main(float(sys.argv[1]), sys.argv[split + 1:]))
