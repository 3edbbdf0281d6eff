"""`confsched diff`: each kind of change is found, and nothing else."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from scheduler.cli import main
from scheduler.diff import diff_schedules, format_diff
from scheduler.schedule import Schedule, ScheduledSession, SolveStatus, save_schedule

DAY = dt.date(2022, 6, 7)


def _session(sid: str, start: int, room: str | None = "hall", **extra: Any) -> ScheduledSession:
    return ScheduledSession(
        id=sid, title=f"Сессия {sid}", instrument="workshop", day=DAY, start=start,
        end=start + 60, room=room, people={"facilitator": [f"f-{sid}"]}, **extra,
    )


def _schedule(*sessions: ScheduledSession) -> Schedule:
    return Schedule(event="Тест", timezone="Asia/Bishkek", status=SolveStatus.OPTIMAL,
                    sessions=list(sessions))


def test_identical_schedules_have_no_changes() -> None:
    a = _schedule(_session("a", 600), _session("b", 660))
    result = diff_schedules(a, a)
    assert result.changes == []
    assert result.unchanged == 2


def test_each_kind_of_change_is_reported_once() -> None:
    before = _schedule(_session("same", 540), _session("moved", 600), _session("roomed", 660),
                       _session("gone", 720))
    after = _schedule(_session("same", 540), _session("moved", 630),
                      _session("roomed", 660, room="annex"), _session("new", 780))
    result = diff_schedules(before, after)
    kinds = {c.session: c.kinds for c in result.changes}
    assert kinds == {"moved": ["moved"], "roomed": ["re-roomed"], "gone": ["dropped"],
                     "new": ["added"]}
    assert result.unchanged == 1
    assert result.affected_people() == ["f-gone", "f-moved", "f-new", "f-roomed"]


def test_cli_prints_words_and_json(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    save_schedule(_schedule(_session("a", 600)), old)
    save_schedule(_schedule(_session("a", 690)), new)
    runner = CliRunner()
    words = runner.invoke(main, ["diff", str(old), str(new)])
    assert words.exit_code == 0, words.output
    assert "moved: Сессия a [a]" in words.output
    assert "10:00-11:00" in words.output and "11:30-12:30" in words.output
    data = runner.invoke(main, ["diff", str(old), str(new), "--json"])
    parsed = json.loads(data.output)
    assert parsed["counts"]["moved"] == 1 and parsed["changed_sessions"] == 1


def test_cli_rejects_a_file_that_is_not_a_schedule(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("hello: world\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(bad), str(bad)])
    assert result.exit_code == 2
    assert "not a confsched schedule" in result.output
    assert "Traceback" not in result.output


def test_a_re_assigned_person_is_a_change_and_both_are_told() -> None:
    before = _schedule(_session("a", 600), _session("b", 660))
    swapped = _session("b", 660)
    swapped.people = {"facilitator": ["aigul"]}
    result = diff_schedules(before, _schedule(_session("a", 600), swapped))
    assert [(c.session, c.kinds) for c in result.changes] == [("b", ["re-assigned"])]
    assert result.changes[0].people == ["aigul", "f-b"]
    assert result.count("re-assigned") == 1


def test_a_re_assigned_role_says_who_hands_over_to_whom() -> None:
    """hand2: a mentor fell ill and the re-solve gave her series to another; the diff said
    only "people: aida, ruslan" (who is in, who is out?). It now names the role, before
    and after."""
    before = _schedule(_session("a", 600), _session("b", 660))
    swapped = _session("b", 660)
    swapped.people = {"facilitator": ["aigul"]}
    result = diff_schedules(before, _schedule(_session("a", 600), swapped))
    assert result.changes[0].reassigned == {"facilitator": [["f-b"], ["aigul"]]}
    assert "    facilitator: f-b -> aigul" in format_diff(result).splitlines()


def test_registrations_that_moved_between_runs_are_told() -> None:
    # #12: r2 moved from run 1 to run 2; r1 stayed; run 2 also moved in time, so everyone
    # given it (r2 and r3) hears of it.
    before = _schedule(_session("ws.1", 600, registrations=["r1", "r2"]),
                       _session("ws.2", 660, registrations=["r3"]))
    after = _schedule(_session("ws.1", 600, registrations=["r1"]),
                      _session("ws.2", 720, registrations=["r2", "r3"]))
    result = diff_schedules(before, after)
    kinds = {c.session: c.kinds for c in result.changes}
    assert kinds == {"ws.1": ["regrouped"], "ws.2": ["moved", "regrouped"]}
    told = {c.session: c.participants for c in result.changes}
    assert told == {"ws.1": ["r2"], "ws.2": ["r2", "r3"]}
    assert result.count("regrouped") == 2
