"""`confsched check SCENARIO SCHEDULE`: words, JSON, and exit codes 0, 1 and 2."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.checker import HARD_RULES
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.schedule import (
    Schedule,
    ScheduledBreak,
    ScheduledSession,
    SolveStatus,
    save_schedule,
)
from scheduler.timeparse import parse_clock

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"

# The seed programme of 7 June 2022, as printed (seed 001).
PROGRAMME = {
    "registration": ("09:30", "10:00", "hall"), "opening": ("10:00", "10:30", "hall"),
    "session-1": ("10:40", "12:30", "hall"), "session-2": ("13:30", "15:00", "hall"),
    "session-3": ("15:20", "16:00", "hall"), "session-4": ("16:00", "17:30", "hall"),
    "closing": ("17:30", "17:45", "hall"), "dinner": ("18:00", "20:00", "restaurant"),
}
BREAKS = {"coffee-morning": ("10:30", "10:40"), "lunch": ("12:30", "13:30"),
          "coffee-afternoon": ("15:00", "15:20")}


def seed_programme(**moves: tuple[str, str, str]) -> Schedule:
    """The printed programme as a schedule file, with some sessions moved."""
    scenario = load_scenario(BISHKEK)
    day = scenario.days[0]
    sessions = []
    for sid, (start, end, room) in {**PROGRAMME, **moves}.items():
        s = scenario.session(sid)
        sessions.append(ScheduledSession(
            id=sid, title=s.title, instrument=s.instrument, day=day, start=parse_clock(start),
            end=parse_clock(end), room=room, track=s.tracks[0] if s.tracks else None,
            format=s.format, people=s.people, participants=s.participants))
    breaks = [ScheduledBreak(id=f"{bid}@{day}", title=bid, kind="coffee", day=day,
                             start=parse_clock(a), end=parse_clock(b))
              for bid, (a, b) in BREAKS.items()]
    return Schedule(event=scenario.event.name, timezone=scenario.event.timezone,
                    status=SolveStatus.FEASIBLE, sessions=sessions, breaks=breaks)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *map(str, args)])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_the_seed_programme_passes(tmp_path):
    path = tmp_path / "programme.yaml"
    save_schedule(seed_programme(), path)
    code, out, _ = run(BISHKEK, path)
    assert code == 0, out
    assert out.startswith("ok: every hard rule holds")
    # compact_days: the day ends with dinner at 20:00, (20:00 - 09:30) // 5 = 126
    assert "compact_days                  1     126      126" in out
    assert "objective" in out and "(the schedule states none)" in out


def test_violations_in_words_exit_1(tmp_path):
    path = tmp_path / "moved.yaml"
    save_schedule(seed_programme(**{"session-2": ("12:00", "13:30", "hall")}), path)
    code, out, _ = run(BISHKEK, path)
    assert code == 1
    assert "hard violation" in out
    assert ("room-overlap: Конференц-зал «Европа» holds 'Сессия 1: воркшоп по "
            "дизайн-мышлению — командообразование, эмпатия, определение проблемы' "
            "(10:40-12:30) and 'Сессия 2: совместная разработка решений' (12:00-13:30) at "
            "once on 2022-06-07") in out
    assert "person-overlap: Фасилитатор дизайн-мышления is in" in out
    assert "after: 'Сессия 2" in out
    assert "breaks: 'Сессия 2: совместная разработка решений' (12:00-13:30) runs into " \
        "the break 'Обед' (12:30-13:30)" in out


def test_json_report(tmp_path):
    path = tmp_path / "moved.json"
    save_schedule(seed_programme(**{"closing": ("17:35", "17:50", "hall")}), path)
    code, out, _ = run(BISHKEK, path, "--json")
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False
    assert {v["rule"] for v in data["violations"]} == {"pinned"}
    assert data["violations"][0]["sessions"] == ["closing"]
    assert "Закрытие" in out  # Cyrillic kept as such, not \\u escapes
    assert data["terms"]["room_fit"] == {"weight": 1, "value": 30, "penalty": 30,
                                         "detail": None, "recomputed": True}
    assert data["objective"] == sum(t["penalty"] for t in data["terms"].values())


def test_only_some_rules(tmp_path):
    path = tmp_path / "moved.yaml"
    save_schedule(seed_programme(**{"closing": ("17:35", "17:50", "hall")}), path)
    assert run(BISHKEK, path, "--rule", "room-overlap")[0] == 0
    assert run(BISHKEK, path, "--rule", "pinned")[0] == 1
    code, _, err = run(BISHKEK, path, "--rule", "pinnned")
    assert code == 2 and "unknown rule 'pinnned'" in err


def test_stale_scenario_fingerprint_is_a_warning(tmp_path):
    schedule = seed_programme()
    schedule.scenario_sha256 = hashlib.sha256(b"another file").hexdigest()
    path = tmp_path / "s.yaml"
    save_schedule(schedule, path)
    code, out, _ = run(BISHKEK, path)
    assert code == 0
    assert "solved from a different version of" in out
    schedule.scenario_sha256 = hashlib.sha256(BISHKEK.read_bytes()).hexdigest()
    save_schedule(schedule, path)
    assert "different version" not in run(BISHKEK, path)[1]


def test_missing_file_exit_2(tmp_path):
    code, out, err = run(BISHKEK, tmp_path / "nothing.yaml")
    assert code == 2
    assert "nothing.yaml" in err and "not found" in err


def test_broken_schedule_names_line_and_column(tmp_path):
    path = tmp_path / "broken.yaml"
    text = seed_programme().dumps().replace("start: '13:30'", "start: half past one", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "half past one" in row)
    code, _, err = run(BISHKEK, path)
    assert code == 2
    assert f"broken.yaml:{line}:" in err
    assert "is not a time of day" in err


def test_not_a_schedule_exit_2(tmp_path):
    path = tmp_path / "plain.yaml"
    path.write_text("sessions: []\n", encoding="utf-8")
    code, _, err = run(BISHKEK, path)
    assert code == 2 and "not a confsched schedule file" in err


def test_arguments_swapped_exit_2(tmp_path):
    path = tmp_path / "s.yaml"
    save_schedule(seed_programme(), path)
    code, _, err = run(path, BISHKEK)
    assert code == 2
    assert "is a schedule file, not a scenario" in err


@pytest.mark.parametrize("status", [SolveStatus.INFEASIBLE, SolveStatus.UNKNOWN])
def test_unsolved_schedule_fails_with_a_warning(tmp_path, status):
    schedule = seed_programme()
    schedule.status, schedule.sessions, schedule.breaks = status, [], []
    path = tmp_path / "s.yaml"
    save_schedule(schedule, path)
    code, out, _ = run(BISHKEK, path)
    assert code == 1
    assert f"the schedule's status is {status.value}" in out


def test_changes_recomputed_from_the_earlier_schedule(tmp_path):
    earlier, later = tmp_path / "published.yaml", tmp_path / "new.yaml"
    save_schedule(seed_programme(), earlier)
    # The new schedule sends session 4 to the restaurant and keeps every time.
    save_schedule(seed_programme(**{"session-4": ("16:00", "17:30", "restaurant")}), later)
    code, out, _ = run(BISHKEK, later, "--from", earlier, "--json")
    data = json.loads(out)
    # one room change: value 1, weight 10; the restaurant has no hybrid tag (room-tags).
    assert data["terms"]["changes"] == {"weight": 10, "value": 1, "penalty": 10,
                                        "detail": "0 moved, 0 to another day, 1 to another room",
                                        "recomputed": True}
    assert {v["rule"] for v in data["violations"]} == {"room-tags"}
    assert code == 1


def test_details_of_soft_terms_in_the_table(tmp_path):
    earlier, later = tmp_path / "published.yaml", tmp_path / "new.yaml"
    save_schedule(seed_programme(), earlier)
    save_schedule(seed_programme(**{"session-4": ("16:00", "17:30", "restaurant")}), later)
    out = run(BISHKEK, later, "--from", earlier)[1]
    assert ("  changes                      10       1       10  (0 moved, 0 to another "
            "day, 1 to another room)") in out
    assert "  dropped                     100       0        0\n" in out  # nothing to explain


def test_check_rule_says_only_that_rule_was_checked(tmp_path):
    """`check --rule X` on a schedule that breaks another rule: ok for X, and it says
    that only X was checked (not "every hard rule holds")."""
    path = tmp_path / "moved.yaml"
    save_schedule(seed_programme(**{"session-2": ("12:00", "13:30", "hall")}), path)
    code, out, _ = run(BISHKEK, path)
    assert code == 1, out
    broken = out.splitlines()[0]  # "N hard violations (rule, rule):"
    other = next(rule for rule in HARD_RULES if rule not in broken)
    code, out, _ = run(BISHKEK, path, "--rule", other)
    assert code == 0, out
    first = out.splitlines()[0]
    assert "every hard rule" not in out
    assert first == (f"ok: the hard rule {other} holds (only this was checked; the others "
                     "were not)")
    result = CliRunner().invoke(main, ["check", str(BISHKEK), str(path), "--rule", other,
                                       "--json"])
    assert json.loads(result.stdout)["rules_checked"] == [other]
