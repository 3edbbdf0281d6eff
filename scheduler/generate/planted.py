"""The planted timetable as a Schedule: the proof that a generated scenario is feasible.

The rule: every planted session and break, at its planted day, time and room (online
sessions without a room), with the titles written in the scenario; status ``FEASIBLE``,
solver ``planted``. The independent checker accepts it for every generated scenario.
"""

from __future__ import annotations

from scheduler.generate.render import event_entry
from scheduler.generate.state import Build
from scheduler.schedule import (
    Schedule,
    ScheduledBreak,
    ScheduledSession,
    SolveInfo,
    SolveStatus,
)


def planted_schedule(b: Build) -> Schedule:
    """The hidden timetable the scenario was built around (after the scenario is written)."""
    sessions = [
        ScheduledSession(
            id=item.id, title=b.titles[item.series or item.id],
            instrument=item.instrument, day=b.dates[item.day], start=item.start,
            end=item.end, room=item.room if item.format != "online" else None,
            track=item.track, format=item.format,  # type: ignore[arg-type]
            people=item.people, participants=item.participants, series=item.series)
        for item in sorted(b.plan, key=lambda s: (s.day, s.start, s.id))
    ]
    breaks = [
        ScheduledBreak(id=f"{brk['id']}@{b.dates[d].isoformat()}", title=brk["id"],
                       kind=brk["kind"], day=b.dates[d], start=brk["start"], end=brk["end"])
        for brk in b.break_ids for d in brk["days"]
    ]
    return Schedule(event=event_entry(b)["name"], timezone="Asia/Bishkek",
                    status=SolveStatus.FEASIBLE, sessions=sessions, breaks=breaks,
                    solve=SolveInfo(solver="planted", seed=b.seed))
