"""One ``confsched solve`` whose solver child gets a SIGABRT (as OR-Tools 9.15's
google/or-tools#5025 sends itself) at a given share of the limit; prints what came back.

    PYTHONPATH=TREE python benchmarks/results/faults/abort7/abort_demo.py SCENARIO LIMIT SHARE OUT

Starts ``confsched solve SCENARIO --time-limit LIMIT --json -o OUT`` (PYTHONPATH chooses
the tree), waits SHARE * LIMIT seconds from the command's start, sends SIGABRT to the
solver child (the command's only child process; SHARE 0: no signal), waits for the
command, and prints one JSON line: wall seconds, CPU seconds (children included), load
before and after, the checker's verdict on OUT, the objective and the notes.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time


def load() -> str:
    with open("/proc/loadavg") as handle:
        return handle.read().split()[0]


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(c) for c in handle.read().split()]
    except OSError:
        return []


def main(scenario: str, limit: str, share: float, out: str) -> None:
    before = load()
    began = time.monotonic()
    command = subprocess.Popen(["confsched", "solve", scenario, "--time-limit", limit,
                                "--json", "-o", out], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    aborted = None
    if share > 0:
        at = began + share * float(limit)
        while time.monotonic() < at and command.poll() is None:
            time.sleep(0.2)
        kids = children(command.pid)
        if kids:
            os.kill(kids[0], signal.SIGABRT)
            aborted = round(time.monotonic() - began, 1)
    stdout, stderr = command.communicate()
    wall = time.monotonic() - began
    own = resource.getrusage(resource.RUSAGE_CHILDREN)
    data = json.loads(stdout) if stdout.strip().startswith("{") else {}
    schedule = data.get("schedule") or {}
    checked = subprocess.run(["confsched", "check", scenario, out], capture_output=True,
                             text=True)
    print(json.dumps({
        "tree": os.environ.get("PYTHONPATH"), "scenario": scenario, "limit": float(limit),
        "sigabrt_at": aborted, "exit": command.returncode, "wall": round(wall, 1),
        "cpu": round(own.ru_utime + own.ru_stime, 1), "max_rss_mib": round(own.ru_maxrss / 1024),
        "load_before": before, "load_after": load(),
        "objective": schedule.get("objective"), "status": data.get("status"),
        "time_seconds": (schedule.get("solve") or {}).get("time_seconds"),
        "check_exit": checked.returncode, "notes": data.get("notes"),
        "stderr_tail": stderr[-300:] if command.returncode else "",
    }, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4])
