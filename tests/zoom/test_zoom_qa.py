"""Zoom sync refuses a hand-edited schedule whose entries cannot exist (a session ending
before it starts): no meeting of a negative length is planned or sent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from confsched_zoom.settings import check_url
from fakezoom import FakeZoom
from zoomhelp import BISHKEK, BISHKEK_TIMES

from scheduler.cli import main
from scheduler.errors import UsageError


def test_a_session_ending_before_it_starts_is_refused_with_its_place(
        fake_zoom: FakeZoom, zoom_env: dict[str, str],
        write_schedule: Callable[..., Path]) -> None:
    times = dict(BISHKEK_TIMES)
    times["session-1"] = ("12:30", "10:40", "hall", "hybrid")
    schedule = write_schedule(times)
    result = CliRunner(env=zoom_env).invoke(
        main, ["zoom", "sync", str(BISHKEK), str(schedule), "--dry-run"])
    assert result.exit_code == 2, result.output
    assert "'session-1' ends before it starts (12:30-10:40)" in result.output
    assert f"{schedule}:" in result.output
    assert fake_zoom.calls == []
    assert not Path(str(schedule) + ".zoom.json").exists()


def test_a_bad_oauth_url_is_shown_an_oauth_example() -> None:
    with pytest.raises(UsageError, match="write it like https://zoom.us/oauth/token"):
        check_url("--oauth-url / ZOOM_OAUTH_URL", "notaurl")
    with pytest.raises(UsageError, match="write it like https://api.zoom.us/v2"):
        check_url("--api-url / ZOOM_API_URL", "notaurl")


def test_a_state_file_that_never_ends_is_refused_not_read_forever(
        fake_zoom: FakeZoom, zoom_env: dict[str, str],
        write_schedule: Callable[..., Path]) -> None:
    """``--state /dev/zero`` read without end before: the capped reader of every input."""
    schedule = write_schedule(BISHKEK_TIMES)
    for command in ("status", "sync"):
        result = CliRunner(env=zoom_env).invoke(
            main, ["zoom", command, str(BISHKEK), str(schedule), "--state", "/dev/zero"])
        assert result.exit_code == 2, result.output
        assert "/dev/zero: the file is larger than 20 MiB" in result.output
    assert fake_zoom.calls == []
