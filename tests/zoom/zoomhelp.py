"""Data shared by the Zoom tests: test credentials and a hand-made Bishkek schedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scheduler.scenario import Scenario
from scheduler.schedule import (
    Schedule,
    ScheduledBreak,
    ScheduledSession,
    SolveStatus,
)

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
DAY = dt.date(2022, 6, 7)

ACCOUNT_ID = "acct-Zq9xK2hidden"
CLIENT_ID = "cid-Ml4Pw8notshown"
CLIENT_SECRET = "csecret-Tv7Rb3neverprint"
SECRETS = (ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET)

# The seed programme (seed 001): id -> (start, end, room, format)
BISHKEK_TIMES: dict[str, tuple[str, str, str | None, str]] = {
    "registration": ("09:30", "10:00", "hall", "in-person"),
    "opening": ("10:00", "10:30", "hall", "hybrid"),
    "session-1": ("10:40", "12:30", "hall", "hybrid"),
    "session-2": ("13:30", "15:00", "hall", "hybrid"),
    "session-3": ("15:20", "16:00", "hall", "hybrid"),
    "session-4": ("16:00", "17:30", "hall", "hybrid"),
    "closing": ("17:30", "17:45", "hall", "hybrid"),
    "dinner": ("18:00", "20:00", "restaurant", "in-person"),
}
HYBRID = ["opening", "session-1", "session-2", "session-3", "session-4", "closing"]


def _clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def build_schedule(
    scenario: Scenario, times: dict[str, tuple[str, str, str | None, str]] | None = None,
    dropped: list[str] | None = None,
) -> Schedule:
    """A schedule written by hand: each session at the given time, room and format."""
    times = BISHKEK_TIMES if times is None else times
    sessions = []
    for session in scenario.sessions:
        if session.id not in times:
            continue
        start, end, room, fmt = times[session.id]
        track = session.track if isinstance(session.track, str) else None
        sessions.append(ScheduledSession(
            id=session.id, title=session.title, instrument=session.instrument, day=DAY,
            start=_clock(start), end=_clock(end), room=room, track=track,
            format=fmt,  # type: ignore[arg-type]
            people=session.people, participants=session.participants,
        ))
    breaks = [
        ScheduledBreak(id="coffee-morning@2022-06-07", title="Групповое фото и кофе-брейк",
                       kind="coffee", day=DAY, start=_clock("10:30"), end=_clock("10:40")),
        ScheduledBreak(id="lunch@2022-06-07", title="Обед", kind="lunch", day=DAY,
                       start=_clock("12:30"), end=_clock("13:30")),
        ScheduledBreak(id="coffee-afternoon@2022-06-07", title="Кофе-брейк", kind="coffee",
                       day=DAY, start=_clock("15:00"), end=_clock("15:20")),
    ]
    return Schedule(event=scenario.event.name, timezone=scenario.event.timezone,
                    status=SolveStatus.FEASIBLE, sessions=sessions, dropped=dropped or [],
                    breaks=breaks)
