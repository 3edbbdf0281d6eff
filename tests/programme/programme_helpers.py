"""Scenarios and hand-made schedules for the programme and web tests (no fixtures here).

The Bishkek schedule is the seed 001 programme as it was printed (times from the seed);
the big scenario is generated: 3 days, 12 rooms, 4 tracks, ~100 sessions, so that the
grid must fit 12 parallel rooms on an A4 page.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, ScheduledBreak, ScheduledSession, SolveStatus
from scheduler.timeparse import parse_clock

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
ARTIFACTS = ROOT / "tests" / "artifacts"
BISHKEK = SCENARIOS / "bishkek-launch-2022.yaml"
BISHKEK_DAY = dt.date(2022, 6, 7)

# Seed 001 as printed: id -> (start, end, room).
BISHKEK_TIMES: dict[str, tuple[str, str, str | None]] = {
    "registration": ("09:30", "10:00", "hall"),
    "opening": ("10:00", "10:30", "hall"),
    "session-1": ("10:40", "12:30", "hall"),
    "session-2": ("13:30", "15:00", "hall"),
    "session-3": ("15:20", "16:00", "hall"),
    "session-4": ("16:00", "17:30", "hall"),
    "closing": ("17:30", "17:45", "hall"),
    "dinner": ("18:00", "20:00", "restaurant"),
}
BISHKEK_BREAKS = {
    "coffee-morning": ("10:30", "10:40"),
    "lunch": ("12:30", "13:30"),
    "coffee-afternoon": ("15:00", "15:20"),
}


def hand_schedule(scenario: Scenario, times: Mapping[str, tuple[str, str, str | None]],
                  day: dt.date, breaks: Mapping[str, tuple[str, str]]) -> Schedule:
    """A schedule written by hand: every session of ``times`` on ``day``."""
    sessions = []
    for session in scenario.sessions:
        start, end, room = times[session.id]
        sessions.append(ScheduledSession(
            id=session.id, title=session.title, instrument=session.instrument, day=day,
            start=parse_clock(start), end=parse_clock(end), room=room,
            track=session.tracks[0] if session.tracks else None, format=session.format,
            people=session.people, participants=session.participants, series=session.series,
        ))
    placed = []
    for brk in scenario.breaks.placed:
        start, end = breaks[brk.id]
        placed.append(ScheduledBreak(
            id=f"{brk.id}@{day.isoformat()}", title=brk.title or brk.id, kind=brk.kind,
            day=day, start=parse_clock(start), end=parse_clock(end),
        ))
    return Schedule(event=scenario.event.name, timezone=scenario.event.timezone,
                    status=SolveStatus.FEASIBLE, sessions=sessions, breaks=placed)


BIG_ROOMS = 12
BIG_DAYS = (dt.date(2026, 3, 2), dt.date(2026, 3, 3), dt.date(2026, 3, 4))
BIG_SLOTS = (("09:00", "10:30"), ("11:00", "12:30"), ("13:30", "15:00"), ("15:30", "17:00"))
WORDS = ("Цифровая", "гражданская", "активность", "Community", "resilience", "адвокация",
         "партнёрство", "онлайн-сообществ", "knowledge", "мобилизация", "ресурсов", "policy")


def big_scenario_text() -> str:
    """A 3-day scenario with 12 rooms, 4 tracks and a session in every room and slot."""
    lines = [
        "event:",
        "  name: Большой форум НКО / Big NGO Forum",
        "  timezone: Europe/Moscow",
        "  first-day: 2026-03-02",
        "  last-day: 2026-03-04",
        '  day-start: "09:00"',
        '  day-end: "17:00"',
        "  language: en",
        "  venue: Образовательный центр, Подмосковье",
        "rooms:",
    ]
    for r in range(1, BIG_ROOMS + 1):
        lines.append(f"  - {{id: r{r}, name: Аудитория {r}, capacity: 60, tags: [hybrid]}}")
    lines.append("tracks:")
    for t, color in enumerate(("#0072B2", "#E69F00", "#009E73", "#CC79A7"), start=1):
        lines.append(f"  - {{id: t{t}, name: Трек {t}, color: '{color}'}}")
    lines.append("people:")
    lines.append("  - {id: p0, name: Анна Петрова}")
    lines.append("breaks:")
    lines.append("  fixed:")
    lines.append('    - {id: coffee1, title: Кофе-брейк, start: "10:30", end: "11:00"}')
    lines.append('    - {id: lunch, kind: lunch, start: "12:30", end: "13:30"}')
    lines.append('    - {id: coffee2, start: "15:00", end: "15:30"}')
    lines.append("sessions:")
    n = 0
    for _d in range(len(BIG_DAYS)):
        for _s in range(len(BIG_SLOTS)):
            for r in range(1, BIG_ROOMS + 1):
                n += 1
                words = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(2 + n % 5))
                fmt = "hybrid" if n % 7 == 0 else "in-person"
                lines.append(f"  - {{id: s{n}, title: 'S{n} {words}', instrument: lecture, "
                             f"duration: 90min, track: t{1 + r % 4}, format: {fmt}}}")
    return "\n".join(lines) + "\n"


def big_schedule(scenario: Scenario) -> Schedule:
    """Every session of the big scenario in its own room and slot, by construction."""
    sessions = []
    n = 0
    for day in BIG_DAYS:
        for start, end in BIG_SLOTS:
            for r in range(1, BIG_ROOMS + 1):
                n += 1
                s = scenario.session(f"s{n}")
                sessions.append(ScheduledSession(
                    id=s.id, title=s.title, instrument=s.instrument, day=day,
                    start=parse_clock(start), end=parse_clock(end), room=f"r{r}",
                    track=s.tracks[0], format=s.format, people=s.people,
                ))
    breaks = [
        ScheduledBreak(id=f"{b.id}@{day}", title=b.title or "", kind=b.kind, day=day,
                       start=b.start, end=b.end, fixed=True)
        for day in BIG_DAYS for b in scenario.breaks.fixed
    ]
    return Schedule(event=scenario.event.name, timezone=scenario.event.timezone,
                    status=SolveStatus.FEASIBLE, sessions=sessions, breaks=breaks)


def has_pdftoppm() -> bool:
    return shutil.which("pdftoppm") is not None


def shipped_scenarios() -> list[Path]:
    """Every scenario shipped in ``scenarios/``."""
    return sorted(SCENARIOS.glob("*.yaml"))


_SOLVED: dict[Path, tuple[Scenario, Schedule | None, str]] = {}


def solved(path: Path) -> tuple[Scenario, Schedule | None, str]:
    """The scenario, its schedule (None if none is found) and the status; solved once per
    test run. Raises ImportError while the solver is not built."""
    if path not in _SOLVED:
        from scheduler.scenario import load_scenario
        from scheduler.solver import SolveOptions, solve

        scenario = load_scenario(path)
        # A deterministic budget, as tests/test_scenarios.py solves the same files: a 5-s
        # wall-clock limit left knowledge-week-pools without a schedule at load 8.
        result = solve(scenario, SolveOptions(time_limit=0.3, seed=0, workers=1,
                                              deterministic=True))
        _SOLVED[path] = (scenario, result.schedule, result.status.value)
    return _SOLVED[path]


def with_session_meetings(scenario_text: str) -> str:
    """The big scenario with its own meeting link for every hybrid session."""
    return re.sub(r"\{id: (s\d+), (.*), format: hybrid\}",
                  r"{id: \1, \2, format: hybrid, meeting: {url: 'https://meet.example.org/\1', "
                  r"passcode: 'pw-\1'}}", scenario_text)
