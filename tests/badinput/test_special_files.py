"""The 20 MiB input cap holds for every kind of file: an endless device (/dev/zero,
/dev/urandom), a pipe that never ends, a sparse file far larger than memory. At most
``MAX_BYTES + 1`` bytes are read; then the file is refused as too large (exit 2)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from scheduler import yamlsafe
from scheduler.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
MEMORY = 1536 * 2**20
"""Address-space limit of the child process: a confsched that reads a whole endless file
dies of it (MemoryError) long before the test's timeout."""


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _solve_in_child(path: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'plugins'}"}
    return subprocess.run(
        [sys.executable, "-m", "scheduler.cli", "solve", path], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=240, preexec_fn=_limited,
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_at_the_cap(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing here")
    result = _solve_in_child(device)
    assert result.returncode == 2, result.stderr
    assert f"{device}: the file is larger than 20 MiB" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_sparse_file_larger_than_memory_is_refused_at_the_cap(tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.yaml"
    with sparse.open("wb") as handle:
        handle.truncate(64 * 2**30)  # 64 GiB of holes, no disk used
    result = _solve_in_child(str(sparse))
    assert result.returncode == 2, result.stderr
    assert "the file is larger than 20 MiB" in result.stderr


def test_an_endless_pipe_gives_at_most_cap_plus_one_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 100_000)
    fifo = tmp_path / "endless.yaml"
    os.mkfifo(fifo)
    consumed = [0]

    def writer() -> None:
        try:
            with fifo.open("wb", buffering=0) as out:
                while True:
                    out.write(b"#" * 4096)
                    consumed[0] += 4096
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    with pytest.raises(InputError, match="larger than"):
        yamlsafe.read_text(fifo)
    thread.join(timeout=30)
    assert not thread.is_alive(), "the reader closed the pipe, so the writer stopped"
    # what the writer got into the pipe: what was read plus at most one pipe buffer
    assert consumed[0] <= 100_001 + 4096 + 1024 * 1024


def test_a_pipe_is_read_once_and_its_hash_comes_from_what_was_read(tmp_path: Path) -> None:
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    text = (ROOT / "scenarios" / "seminar-partnership.yaml").read_bytes()

    def writer() -> None:
        with fifo.open("wb") as out:
            out.write(text)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    from scheduler.scenario import load_scenario

    scenario = load_scenario(fifo)
    thread.join(timeout=30)
    import hashlib

    # a second read (the sha256 a solve records) must not block on the drained pipe
    assert yamlsafe.sha256_of(fifo) == hashlib.sha256(text).hexdigest()
    assert scenario.sessions
