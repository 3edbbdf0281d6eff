"""`confsched zoom sync|status` end to end against the fake Zoom, Bishkek schedules by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fakezoom import FakeZoom
from zoomhelp import BISHKEK, BISHKEK_TIMES, HYBRID, SECRETS

from scheduler.cli import main


def run(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, ["zoom", *args], env=env, catch_exceptions=False)


def sync(env: dict[str, str], schedule: Path, *extra: str) -> Result:
    return run(env, "sync", str(BISHKEK), str(schedule), *extra)


def state_of(schedule: Path) -> dict[str, Any]:
    return json.loads(Path(str(schedule) + ".zoom.json").read_text(encoding="utf-8"))


def test_first_sync_creates_one_meeting_per_hybrid_session(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    posts = fake_zoom.api_calls("POST")
    assert len(posts) == len(HYBRID) == len(fake_zoom.meetings)
    assert all(c.path == "/v2/users/me/meetings" for c in posts)
    bodies = {c.body["topic"]: c.body for c in posts}
    first = bodies["Сессия 1: воркшоп по дизайн-мышлению — командообразование, эмпатия, "
                   "определение проблемы"]
    assert first["type"] == 2 and first["start_time"] == "2022-06-07T10:40:00"
    assert first["duration"] == 110 and first["timezone"] == "Asia/Bishkek"
    assert first["settings"]["join_before_host"] is False
    assert first["settings"]["waiting_room"] is True
    assert first["settings"]["mute_upon_entry"] is True
    state = state_of(schedule)
    assert sorted(state["meetings"]) == sorted(f"session:{s}" for s in HYBRID)
    record = state["meetings"]["session:opening"]
    on_zoom = fake_zoom.meetings[int(record["meeting_id"])]
    assert record["join_url"] == on_zoom["join_url"]
    assert record["passcode"] == on_zoom["password"]
    assert record["topic"] == "Открытие. Приветственные слова и знакомство"
    assert state["pending"] == {}
    assert "start_url" not in json.dumps(state) and "zak" not in json.dumps(state).lower()


def test_second_sync_makes_no_call(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    assert sync(zoom_env, schedule).exit_code == 0
    before = len(fake_zoom.calls)
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0
    assert "in step" in result.output
    assert len(fake_zoom.calls) == before


def test_resolve_moves_and_removes_sessions(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    assert sync(zoom_env, schedule).exit_code == 0
    ids = {k: v["meeting_id"] for k, v in state_of(schedule)["meetings"].items()}
    times = dict(BISHKEK_TIMES)
    times["session-3"] = ("16:00", "16:40", "hall", "hybrid")   # moved
    times["session-4"] = ("16:40", "18:10", "hall", "hybrid")   # moved and
    times["closing"] = ("17:30", "17:45", "hall", "in-person")  # became in-person
    del times["opening"]                                         # dropped
    write_schedule(times, dropped=["opening"])
    fake_zoom.calls.clear()
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    api = [(c.method, c.path) for c in fake_zoom.api_calls()]
    assert sorted(api) == sorted([
        ("DELETE", f"/v2/meetings/{ids['session:opening']}"),
        ("DELETE", f"/v2/meetings/{ids['session:closing']}"),
        ("PATCH", f"/v2/meetings/{ids['session:session-3']}"),
        ("PATCH", f"/v2/meetings/{ids['session:session-4']}"),
    ])
    assert fake_zoom.meetings[int(ids["session:session-3"])]["start_time"] == \
        "2022-06-07T10:00:00Z"
    assert fake_zoom.meetings[int(ids["session:session-4"])]["duration"] == 90
    state = state_of(schedule)
    assert sorted(state["meetings"]) == ["session:session-1", "session:session-2",
                                         "session:session-3", "session:session-4"]
    assert state["meetings"]["session:session-3"]["start"] == "2022-06-07T16:00:00"
    assert len(fake_zoom.meetings) == 4


def test_meeting_deleted_on_zoom_is_created_again(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    assert sync(zoom_env, schedule).exit_code == 0
    old = int(state_of(schedule)["meetings"]["session:session-2"]["meeting_id"])
    del fake_zoom.meetings[old]  # someone deleted it in Zoom's web portal
    times = dict(BISHKEK_TIMES)
    times["session-2"] = ("13:40", "15:10", "hall", "hybrid")
    write_schedule(times)
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    assert "deleted on Zoom" in result.output
    new = state_of(schedule)["meetings"]["session:session-2"]
    assert int(new["meeting_id"]) != old and int(new["meeting_id"]) in fake_zoom.meetings
    assert fake_zoom.meetings[int(new["meeting_id"])]["start_time"] == "2022-06-07T07:40:00Z"


def test_crash_half_way_keeps_state_and_rerun_has_no_duplicates(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    fake_zoom.fail_creates_after = 3
    result = sync(zoom_env, schedule)
    assert result.exit_code != 0
    assert "HTTP 500" in result.output and "run the same command again" in result.output
    assert "Traceback" not in result.output
    assert len(state_of(schedule)["meetings"]) == 3
    fake_zoom.fail_creates_after = None
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    assert len(fake_zoom.meetings) == len(HYBRID)
    topics = [m["topic"] for m in fake_zoom.meetings.values()]
    assert len(set(topics)) == len(topics)
    state = state_of(schedule)
    assert len(state["meetings"]) == len(HYBRID) and state["pending"] == {}


def test_lost_answer_is_adopted_not_duplicated(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    fake_zoom.lose_create_after = 2  # the 3rd meeting is created, but its answer is lost
    assert sync(zoom_env, schedule).exit_code != 0
    assert len(fake_zoom.meetings) == 3
    assert len(state_of(schedule)["pending"]) == 1
    fake_zoom.lose_create_after = None
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    assert "adopted" in result.output
    assert len(fake_zoom.meetings) == len(HYBRID)
    ids = [r["meeting_id"] for r in state_of(schedule)["meetings"].values()]
    assert sorted(int(i) for i in ids) == sorted(fake_zoom.meetings)


def test_bad_credentials_exit_nonzero_with_a_clear_message(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    env = {**zoom_env, "ZOOM_CLIENT_SECRET": "not-the-secret-123"}
    result = sync(env, schedule)
    assert result.exit_code == 1
    assert "did not accept the credentials" in result.output
    assert "not-the-secret-123" not in result.output
    assert fake_zoom.meetings == {}


def test_missing_credentials_name_the_variables(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    env = {**zoom_env, "ZOOM_CLIENT_ID": "", "ZOOM_CLIENT_SECRET": ""}
    result = sync(env, schedule)
    assert result.exit_code == 2
    assert "ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET" in result.output
    assert fake_zoom.calls == []


def test_token_expiry_mid_run_refreshes_once(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    assert sync(zoom_env, schedule).exit_code == 0
    times = dict(BISHKEK_TIMES)
    times["session-3"] = ("16:00", "16:40", "hall", "hybrid")
    write_schedule(times)
    fake_zoom.calls.clear()
    # A new process has no cached token; expire tokens after it has fetched one.
    original = fake_zoom._route

    def expire_after_first_api_call(method: str, path: str, call: Any) -> Any:
        answer = original(method, path, call)
        if path.startswith("/v2") and answer[0] == 204 and not getattr(fake_zoom, "_done", 0):
            fake_zoom._done = 1
            fake_zoom.expire_tokens()
        return answer

    fake_zoom._route = expire_after_first_api_call
    times["session-4"] = ("16:40", "18:10", "hall", "hybrid")
    write_schedule(times)
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    statuses = [(c.path, c.status) for c in fake_zoom.calls]
    assert [s for p, s in statuses if p == "/oauth/token"] == [200, 200]
    assert [s for p, s in statuses if p.startswith("/v2")] == [204, 401, 204]


def test_throttling_is_waited_out(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path],
        _tiny_sleeps: list[float]) -> None:
    schedule = write_schedule()
    fake_zoom.throttle(3, retry_after="2")
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    assert _tiny_sleeps == [2.0, 2.0, 2.0]
    assert len(fake_zoom.meetings) == len(HYBRID)


def test_dry_run_makes_no_call_and_writes_nothing(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    result = sync({}, schedule, "--dry-run", "--api-url", fake_zoom.base_url + "/v2")
    assert result.exit_code == 0, result.output
    assert result.output.count("create ") == len(HYBRID)
    assert "Сессия 2: совместная разработка решений" in result.output
    assert "nothing was sent" in result.output
    assert fake_zoom.calls == []
    assert not Path(str(schedule) + ".zoom.json").exists()
    # After a real sync, a dry run of a re-solve lists the update and the deletion.
    assert sync(zoom_env, schedule).exit_code == 0
    calls = len(fake_zoom.calls)
    times = dict(BISHKEK_TIMES)
    times["session-1"] = ("10:45", "12:35", "hall", "hybrid")
    times["opening"] = ("10:00", "10:30", "hall", "in-person")
    write_schedule(times)
    result = sync(zoom_env, schedule, "--dry-run")
    assert "update    session 'session-1'" in result.output
    assert "start 2022-06-07 10:40 -> 2022-06-07 10:45" in result.output
    assert "delete    session 'opening'  meeting " in result.output
    assert len(fake_zoom.calls) == calls


def test_secrets_never_appear_in_output_or_files(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path],
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    schedule = write_schedule()
    outputs = [sync(zoom_env, schedule).output]
    fake_zoom.expire_tokens()
    fake_zoom.throttle(1)
    times = dict(BISHKEK_TIMES)
    times["session-1"] = ("10:45", "12:35", "hall", "hybrid")
    write_schedule(times)
    outputs.append(sync(zoom_env, schedule).output)
    outputs.append(sync({**zoom_env, "ZOOM_CLIENT_SECRET": "wrong-secret-zz9"}, schedule,
                        "--state", str(tmp_path / "other.json")).output)
    outputs.append(run(zoom_env, "status", str(BISHKEK), str(schedule), "--remote").output)
    tokens = [t for c in fake_zoom.calls
              for t in [c.headers.get("authorization", "")[7:]] if t]
    texts = outputs + [caplog.text] + [p.read_text(encoding="utf-8", errors="replace")
                                       for p in tmp_path.rglob("*") if p.is_file()]
    assert tokens and len(texts) > 5
    for text in texts:
        for secret in (*SECRETS, *tokens):
            assert secret not in text


def test_status_shows_what_exists_and_what_is_out_of_step(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    before = run({}, "status", str(BISHKEK), str(schedule), "--check")
    assert before.exit_code == 1 and before.output.count("create ") == len(HYBRID)
    assert "not written yet" in before.output
    assert sync(zoom_env, schedule).exit_code == 0
    calls = len(fake_zoom.calls)
    after = run({}, "status", str(BISHKEK), str(schedule), "--check")
    assert after.exit_code == 0, after.output
    assert after.output.count("in step ") == len(HYBRID) and "0 out of step" in after.output
    assert len(fake_zoom.calls) == calls  # offline by default
    # Someone edits a meeting on Zoom and deletes another one.
    record = state_of(schedule)["meetings"]
    fake_zoom.meetings[int(record["session:session-1"]["meeting_id"])]["duration"] = 60
    del fake_zoom.meetings[int(record["session:closing"]["meeting_id"])]
    remote = run(zoom_env, "status", str(BISHKEK), str(schedule), "--remote", "--check")
    assert remote.exit_code == 1
    assert "duration on Zoom is 60 min" in remote.output
    assert "session 'closing': missing on Zoom" in remote.output


def test_bad_state_file_is_a_clear_error(
        zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    Path(str(schedule) + ".zoom.json").write_text('{"format": "confsched-zoom-state",\n  "meet',
                                                  encoding="utf-8")
    result = sync(zoom_env, schedule, "--dry-run")
    assert result.exit_code == 2
    assert "schedule.yaml.zoom.json:2:" in result.output and "not valid JSON" in result.output
    assert "Traceback" not in result.output


def test_a_schedule_without_a_timetable_touches_nothing(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    assert sync(zoom_env, schedule).exit_code == 0
    text = schedule.read_text(encoding="utf-8").replace("status: feasible", "status: unknown")
    schedule.write_text(text, encoding="utf-8")
    calls, meetings = len(fake_zoom.calls), dict(fake_zoom.meetings)
    result = sync(zoom_env, schedule)
    assert result.exit_code == 2
    assert "status is unknown" in result.output and "no Zoom meeting was touched" in result.output
    assert len(fake_zoom.calls) == calls and fake_zoom.meetings == meetings


def test_lost_answer_then_resolve_adopts_and_moves_or_deletes(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    fake_zoom.lose_create_after = 1  # session-1's meeting is created, its answer lost
    assert sync(zoom_env, schedule).exit_code != 0
    assert list(state_of(schedule)["pending"]) == ["session:session-1"]
    fake_zoom.lose_create_after = None
    times = dict(BISHKEK_TIMES)
    times["session-1"] = ("10:45", "12:35", "hall", "hybrid")  # re-solved meanwhile
    write_schedule(times)
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    assert "adopted" in result.output
    assert len(fake_zoom.meetings) == len(HYBRID)
    record = state_of(schedule)["meetings"]["session:session-1"]
    assert fake_zoom.meetings[int(record["meeting_id"])]["start_time"] == "2022-06-07T04:45:00Z"


def test_lost_answer_for_a_session_no_longer_needed_is_deleted(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    fake_zoom.lose_create_after = 1
    assert sync(zoom_env, schedule).exit_code != 0
    assert len(fake_zoom.meetings) == 2
    fake_zoom.lose_create_after = None
    times = dict(BISHKEK_TIMES)
    times["session-1"] = ("10:40", "12:30", "hall", "in-person")
    write_schedule(times)
    dry = sync(zoom_env, schedule, "--dry-run")
    assert "look up   session 'session-1'" in dry.output
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    assert len(fake_zoom.meetings) == len(HYBRID) - 1
    state = state_of(schedule)
    assert state["pending"] == {} and "session:session-1" not in state["meetings"]
    assert sorted(int(r["meeting_id"]) for r in state["meetings"].values()) == \
        sorted(fake_zoom.meetings)


def test_the_installed_command_fails_cleanly_and_keeps_secrets(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    import os
    import subprocess
    import sys

    schedule = write_schedule()
    fake_zoom.fail_creates_after = 1
    code = "from scheduler.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "zoom", "sync", str(BISHKEK), str(schedule)],
        env={**os.environ, **zoom_env}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "creating the meeting of session 'session-1'" in result.stderr
    assert "Zoom error 500" in result.stderr
    for secret in SECRETS:
        assert secret not in result.stdout + result.stderr
    assert len(state_of(schedule)["meetings"]) == 1


def test_a_state_of_another_event_is_refused(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    assert sync(zoom_env, schedule).exit_code == 0
    state_path = Path(str(schedule) + ".zoom.json")
    data = state_of(schedule)
    data["event"] = "Другое мероприятие"
    state_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    calls, meetings = len(fake_zoom.calls), dict(fake_zoom.meetings)
    times = dict(BISHKEK_TIMES)
    del times["opening"]
    write_schedule(times, dropped=["opening"])
    result = sync(zoom_env, schedule)
    assert result.exit_code == 2
    assert "belongs to the event 'Другое мероприятие'" in result.output
    assert len(fake_zoom.calls) == calls and fake_zoom.meetings == meetings
