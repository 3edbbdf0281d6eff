"""A real pretalx on loopback: its own virtual environment (``CONFSCHED_TEST_PRETALX``
names its python; .ci/run installs pretalx from PyPI there), a fresh SQLite database,
the event of setup_event.py, and the development server on a free port.

Skipped, with the reason, where pretalx is not installed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Pretalx:
    url: str
    event: str
    token: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(python: str, env: dict[str, str], *args: str) -> str:
    done = subprocess.run([python, "-m", "pretalx", *args], env=env, capture_output=True,
                          text=True, timeout=900, check=False)
    assert done.returncode == 0, f"pretalx {args[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="session")
def pretalx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pretalx]:
    python = os.environ.get("CONFSCHED_TEST_PRETALX")
    if not python or not Path(python).exists():
        pytest.skip("pretalx is not installed here: .ci/run installs it from PyPI into its own "
                    "virtual environment and names its python in CONFSCHED_TEST_PRETALX")
    data = tmp_path_factory.mktemp("pretalx")
    port = _free_port()
    env = {**os.environ, "PRETALX_DATA_DIR": str(data),
           "PRETALX_SITE_URL": f"http://127.0.0.1:{port}", "PYTHONPATH": ""}
    _run(python, env, "migrate")
    out = _run(python, env, "shell", "--unsafe-disable-scopes", "-c",
               f"exec(open({str(HERE / 'setup_event.py')!r}).read())")
    token = out.strip().splitlines()[-1].removeprefix("TOKEN ").strip()
    log = (data / "server.log").open("w")
    server = subprocess.Popen([python, "-m", "pretalx", "runserver", f"127.0.0.1:{port}",
                               "--noreload"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        # Ready when the API answers (bounded: the server either comes up or has died).
        for _ in range(600):
            if server.poll() is not None:
                raise AssertionError((data / "server.log").read_text())
            try:
                if httpx.get(f"{url}/api/", timeout=2).status_code < 500:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise AssertionError("pretalx did not answer within two minutes")
        yield Pretalx(url, "knowweek", token)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
