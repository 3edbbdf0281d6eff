"""Run a command as if the machine were loaded: it gets only a share of the time.

    python benchmarks/results/huge/deadline/throttle.py 0.3 -- python phases.py big.yaml 120

Every ``PERIOD`` seconds the command's process group is stopped (SIGSTOP) for
``1 - share`` of the period and continued (SIGCONT) for the rest, so it runs at most
``share`` of the wall time, whatever the real load: a load that uses no CPU itself (the
machine is shared by four engineers; burning cores to make load would slow them down).
Every thread of the command stops together, CP-SAT's workers too. The real load adds to
this. Exits with the command's exit code.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

PERIOD = 0.2
"""Seconds of one stop-and-continue cycle."""


def main(share: float, command: list[str]) -> int:
    child = subprocess.Popen(command, start_new_session=True)
    group = os.getpgid(child.pid)
    try:
        while child.poll() is None:
            time.sleep(PERIOD * share)
            if child.poll() is not None:
                break
            os.killpg(group, signal.SIGSTOP)
            time.sleep(PERIOD * (1.0 - share))
            os.killpg(group, signal.SIGCONT)
    finally:
        if child.poll() is None:
            os.killpg(group, signal.SIGCONT)
    return child.wait()


if __name__ == "__main__":
    split = sys.argv.index("--")
    sys.exit(main(float(sys.argv[1]), sys.argv[split + 1:]))
