"""Ctrl-C to a master running track moves with a helper, beside CPU hogs: the seconds from
SIGINT to the master's end (tests/solver/test_trackhelper.py's master script).

    TREE=/path/to/tree python ctrl_c_repro.py RUNS HOGS MAX_DELAY

Each run: the master starts, its helper answers (the line HELPER), then after a random
0..MAX_DELAY s the master gets SIGINT; its stderr goes to err<i>.txt here.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, os.environ["TREE"])
from tests.solver.test_trackhelper import SCRIPT, _env  # noqa: E402

HERE = Path(__file__).resolve().parent


def hog(stop: multiprocessing.synchronize.Event) -> None:
    count = 0
    while not stop.is_set():
        count += 1


def main() -> None:
    runs, hogs, delay = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    stop = multiprocessing.Event()
    procs = [multiprocessing.Process(target=hog, args=(stop,)) for _ in range(hogs)]
    for p in procs:
        p.start()
    try:
        for i in range(runs):
            script = HERE / "no_guard.py"
            script.write_text(SCRIPT)
            env = {**_env(), "PYTHONPATH": os.environ["TREE"]}
            with (HERE / f"err{i}.txt").open("w") as err:
                master = subprocess.Popen([sys.executable, str(script), "1000000"],
                                          stdout=subprocess.PIPE, stderr=err, text=True,
                                          env=env, cwd=HERE)
                assert master.stdout is not None
                line = ""
                while not line.startswith("HELPER"):
                    line = master.stdout.readline()
                    if not line:
                        break
                time.sleep(random.uniform(0, delay))
                began = time.monotonic()
                master.send_signal(signal.SIGINT)
                try:
                    code: int | None = master.wait(150)
                except subprocess.TimeoutExpired:
                    code = None
                    master.kill()
                    master.wait()
            print(i, "rc", code, f"ended after {time.monotonic() - began:.1f} s",
                  "load", os.getloadavg()[0], flush=True)
    finally:
        stop.set()
        for p in procs:
            p.join()


if __name__ == "__main__":
    main()
