"""Run ``phases.py`` and, once its start phase is done, let it have only a share of the
time (a load that grows while the model is built), to see the build given up.

    python benchmarks/results/huge/first30/throttle_after.py 0.1 /tmp/huge/big2.yaml 120

From the line ``PHASE start`` on, the solve's process is stopped (SIGSTOP) for
``1 - share`` of every 0.2 s and continued (SIGCONT) for the rest (as
``../deadline/throttle.py``, which throttles from the beginning), so the load it sees
grows during the build. Its output is passed through.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time

PERIOD = 0.2


def throttle(pid: int, share: float, done: threading.Event) -> None:
    """Stop and continue ``pid`` until ``done``."""
    while not done.is_set():
        try:
            os.kill(pid, signal.SIGSTOP)
            time.sleep((1 - share) * PERIOD)
            os.kill(pid, signal.SIGCONT)
            time.sleep(share * PERIOD)
        except ProcessLookupError:
            return


def main(share: float, path: str, limit: str) -> int:
    """Run the solve, throttled after its start phase; its exit code."""
    child = subprocess.Popen(
        [sys.executable, "benchmarks/results/huge/phases.py", path, limit],
        stdout=subprocess.PIPE, text=True)
    done = threading.Event()
    assert child.stdout is not None
    for line in child.stdout:
        print(line, end="", flush=True)
        if line.startswith("PHASE start") and not done.is_set():
            print(f"THROTTLE {share} from now", flush=True)
            threading.Thread(target=throttle, args=(child.pid, share, done),
                             daemon=True).start()
    done.set()
    with contextlib.suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGCONT)
    return child.wait()


if __name__ == "__main__":
    sys.exit(main(float(sys.argv[1]), sys.argv[2], sys.argv[3]))
