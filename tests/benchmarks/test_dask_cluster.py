"""The runner on a real Dask cluster: `dask scheduler` and `dask worker` started as their
own processes, in a temporary folder, on loopback, as on any cluster.

The workers see confsched as an installed package (a folder holding only ``scheduler`` and
the plugins on their path), never the source checkout's ``benchmarks/``: before the job
functions moved into ``scheduler.bench``, every job ended in "No module named
'benchmarks'" here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.run import run_benchmark

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _installed_env(folder: Path) -> dict[str, str]:
    """An environment where confsched is importable as if installed, and nothing else of
    the checkout is (no ``benchmarks``, no ``tests``)."""
    site = folder / "site"
    site.mkdir()
    (site / "scheduler").symlink_to(ROOT / "scheduler", target_is_directory=True)
    for plugin in (ROOT / "plugins").glob("confsched_*"):
        (site / plugin.name).symlink_to(plugin, target_is_directory=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(site)
    # A scheduler left behind by a killed test run stops itself.
    env["DASK_DISTRIBUTED__SCHEDULER__IDLE_TIMEOUT"] = "120s"
    return env


@pytest.fixture
def loopback_cluster(tmp_path: Path) -> Iterator[str]:
    """A Dask scheduler and one worker process (two would compete for the 2 cores), each
    started with the `dask` command in its own temporary folder; stopped afterwards."""
    dask = shutil.which("dask") or str(Path(sys.executable).parent / "dask")
    folder = tmp_path / "cluster"
    folder.mkdir()
    env = _installed_env(folder)
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = [open(folder / name, "w") for name in ("scheduler.log", "worker.log")]  # noqa: SIM115
    processes = [
        subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                          "--no-dashboard"], cwd=folder, env=env,
                         stdout=logs[0], stderr=subprocess.STDOUT),
        subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                          "--no-dashboard", "--death-timeout", "60",
                          "--local-directory", str(folder / "work")],
                         cwd=folder, env=env, stdout=logs[1], stderr=subprocess.STDOUT),
    ]
    try:
        from dask.distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(1, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
        for log in logs:
            log.close()


@pytest.mark.slow
def test_ci_suite_runs_on_a_separate_scheduler_and_worker(loopback_cluster: str,
                                                          tmp_path: Path) -> None:
    from importlib.util import find_spec

    from dask.distributed import Client

    with Client(loopback_cluster, timeout="60s") as client:
        # the worker sees the installed package only, as on any real cluster
        assert client.submit(find_spec, "benchmarks", pure=False).result() is None
        assert client.submit(find_spec, "scheduler.bench.job", pure=False).result()
    data = run_benchmark("ci", tmp_path / "out", scheduler=loopback_cluster, plots=False,
                         command="pytest loopback cluster")
    assert data["dask"]["scheduler"] == loopback_cluster
    results = data["results"]
    assert len(results) == 9  # 3 instances x 3 solvers
    errors = [r for r in results if r["status"] in ("error", "killed")]
    assert not errors, errors
    for r in results:
        if r["solver"] == "confsched":
            assert r["checked_ok"] is True, r
