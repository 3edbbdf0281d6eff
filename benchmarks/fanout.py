"""Fan jobs out with Dask: a local cluster of processes by default, or a given scheduler.

Each Dask task starts ``python -m benchmarks.job`` in a fresh subprocess (so that peak
memory is per job and a crash or a runaway solver cannot take the worker down) and kills
it when it overruns its time limit by a wide margin.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
"""The checkout holding ``benchmarks/`` (jobs run from there, wherever the worker runs)."""

GRACE = 2.0
"""Kill a job that runs this many times its time limit (plus a minute)."""


def run_in_subprocess(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one job spec in a fresh Python process; always returns a record."""
    limit = float(spec["time_limit"]) * GRACE + 60
    began = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "benchmarks.job"],
                              input=json.dumps(spec), capture_output=True, text=True,
                              timeout=limit, cwd=ROOT)
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


def fan_out(specs: list[dict[str, Any]], scheduler: str | None, workers: int,
            on_done: Callable[[dict[str, Any], dict[str, Any]], None]) -> list[dict[str, Any]]:
    """Run every spec on a Dask cluster; call ``on_done(spec, record)`` as each finishes.

    Records come back in the order of ``specs``.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="15s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise RuntimeError(
                f"could not reach the Dask scheduler at {scheduler} ({exc}); start one with "
                "`dask scheduler` and workers with `dask worker ADDRESS`, or leave out "
                "--scheduler to use a local cluster") from None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=40)
        client = Client(cluster)
    try:
        futures = [client.submit(run_in_subprocess, spec, pure=False, key=f"job-{i}")
                   for i, spec in enumerate(specs)]
        index = {future.key: i for i, future in enumerate(futures)}
        records: list[dict[str, Any]] = [{} for _ in specs]
        for future in as_completed(futures):
            i = index[future.key]
            try:
                records[i] = future.result()
            except Exception as exc:  # a lost worker: keep the other results
                records[i] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
            on_done(specs[i], records[i])
        return records
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
