"""Helpers and fixtures of the export plugin tests: hand-made schedules, a CalDAV server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scheduler.exporting import ExportContext
from scheduler.scenario import load_scenario
from scheduler.schedule import Schedule, load_schedule

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
BISHKEK_SCHEDULE = DATA / "bishkek-schedule.yaml"
FORUM = DATA / "forum.yaml"
FORUM_SCHEDULE = DATA / "forum-schedule.yaml"


def make_context(scenario: Path, schedule: Path | Schedule) -> ExportContext:
    """An export context of a scenario file and a schedule (file or object)."""
    loaded = schedule if isinstance(schedule, Schedule) else load_schedule(schedule)
    return ExportContext(scenario=load_scenario(scenario), schedule=loaded,
                         scenario_path=scenario)


@pytest.fixture
def bishkek() -> ExportContext:
    return make_context(BISHKEK, BISHKEK_SCHEDULE)


@pytest.fixture
def forum() -> ExportContext:
    return make_context(FORUM, FORUM_SCHEDULE)


def moved(schedule: Schedule, session_id: str, start: str, end: str,
          room: str | None = None) -> Schedule:
    """A copy of ``schedule`` with one session moved to ``start``-``end`` (and ``room``)."""
    data = schedule.to_data()
    for item in data["sessions"]:
        if item["id"] == session_id:
            item["start"], item["end"] = start, end
            if room is not None:
                item["room"] = room
    return Schedule.model_validate(data)


def dropped(schedule: Schedule, session_id: str) -> Schedule:
    """A copy of ``schedule`` without one session."""
    data = schedule.to_data()
    data["sessions"] = [s for s in data["sessions"] if s["id"] != session_id]
    return Schedule.model_validate(data)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Radicale server on loopback (htpasswd: alice/s3cret, bob/пароль); its URL."""
    folder = tmp_path_factory.mktemp("radicale")
    users = folder / "users"
    users.write_text("alice:s3cret\nbob:пароль\n", encoding="utf-8")
    port = _free_port()
    log = (folder / "radicale.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(folder / "collections"),
         "--auth-type", "htpasswd", "--auth-htpasswd-filename", str(users),
         "--auth-htpasswd-encryption", "plain", "--auth-delay", "0",
         "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=log,
    )
    deadline = time.monotonic() + 120  # a safety net: we wait for the port to answer
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                log.close()
                text = (folder / "radicale.log").read_text(errors="replace")
                pytest.fail(f"Radicale did not start: {text}")
            time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
