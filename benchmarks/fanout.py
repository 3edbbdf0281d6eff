"""Fan jobs out with Dask: a local cluster of processes by default, or a given scheduler.

Each Dask task is :func:`scheduler.bench.remote.run_in_subprocess`, which starts
``python -m scheduler.bench.job`` in a fresh subprocess (so that peak memory is per job and
a crash or a runaway solver cannot take the worker down) and kills it when it overruns its
time limit by a wide margin. Both are in the installed package, so any Dask cluster whose
workers have confsched installed runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scheduler.bench.remote import run_in_subprocess


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
