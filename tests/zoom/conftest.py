"""Fixtures of the Zoom tests: a fake Zoom on loopback, credentials, the Bishkek schedule."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fakezoom import FakeZoom, start
from zoomhelp import ACCOUNT_ID, BISHKEK, CLIENT_ID, CLIENT_SECRET, build_schedule

from scheduler.scenario import Scenario, load_scenario
from scheduler.schedule import save_schedule


@pytest.fixture
def fake_zoom() -> Iterator[FakeZoom]:
    """A fake Zoom server on a free loopback port, with the test credentials."""
    fake = FakeZoom(ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET)
    server, thread = start(fake)
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def zoom_env(fake_zoom: FakeZoom) -> dict[str, str]:
    """Environment for the CLI: credentials and the fake server's URLs."""
    return {
        "ZOOM_ACCOUNT_ID": ACCOUNT_ID,
        "ZOOM_CLIENT_ID": CLIENT_ID,
        "ZOOM_CLIENT_SECRET": CLIENT_SECRET,
        "ZOOM_API_URL": fake_zoom.base_url + "/v2",
        "ZOOM_OAUTH_URL": fake_zoom.base_url + "/oauth/token",
    }


@pytest.fixture
def bishkek() -> Scenario:
    return load_scenario(BISHKEK)


@pytest.fixture
def write_schedule(tmp_path: Path, bishkek: Scenario) -> Callable[..., Path]:
    """Write a hand-made Bishkek schedule (optionally changed) to tmp and return its path."""

    def write(times: dict[str, Any] | None = None, dropped: list[str] | None = None,
              name: str = "schedule.yaml") -> Path:
        path = tmp_path / name
        save_schedule(build_schedule(bishkek, times, dropped), path)
        return path

    return write


@pytest.fixture(autouse=True)
def _tiny_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Backoff sleeps are recorded, not slept, in every Zoom test."""
    slept: list[float] = []
    monkeypatch.setattr("confsched_zoom.client._default_sleep", slept.append)
    return slept
