"""Run one benchmark job in a fresh Python process: the function Dask sends to workers.

It lives in the installed package (not in ``benchmarks/``) so that a worker started in any
folder, on any machine with confsched installed, can unpickle and run it. The job process
starts in a temporary folder: it needs nothing but the installed package.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from typing import Any

GRACE = 2.0
"""Kill a job that runs this many times its wall-clock limit (plus a minute). With
``deterministic`` the limit counts work units, and the solve's own wall-clock safety net
is ``safety_net`` of it: the job is killed only past that net."""


def run_in_subprocess(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one job spec in a fresh Python process; always returns a record. The spec's
    ``kill_after`` (seconds), when given, replaces the default kill limit; a deterministic
    job gets the solver's own wall-clock safety net (deterministic limits count work, not
    seconds, and a loaded machine needs more wall time for them)."""
    from scheduler.solver.search import safety_net

    wall = float(spec["time_limit"])
    if spec.get("deterministic"):
        wall = safety_net(wall)
    limit = float(spec.get("kill_after") or wall * GRACE + 60)
    began = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="confsched-job-") as folder:
            done = subprocess.run([sys.executable, "-m", "scheduler.bench.job"],
                                  input=json.dumps(spec), capture_output=True, text=True,
                                  timeout=limit, cwd=folder)
    except subprocess.TimeoutExpired:
        return {"status": "killed", "error": f"ran over {limit:.0f} s and was stopped",
                "wall_seconds": time.perf_counter() - began}
    wall = time.perf_counter() - began
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"status": "error", "error": " | ".join(tail) or f"exit code {done.returncode}",
                "wall_seconds": wall}
    record: dict[str, Any] = json.loads(lines[-1])
    record["wall_seconds"] = wall
    return record
