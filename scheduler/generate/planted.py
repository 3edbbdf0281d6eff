"""The planted timetable as a Schedule: the proof that a generated scenario is feasible.

The rule: every planted session and break, at its planted day, time and room (online
sessions without a room), with the titles written in the scenario, the meetings of a
series numbered in day order; status ``FEASIBLE``,
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


def _meeting_ids(b: Build) -> dict[str, str]:
    """Planned meeting id -> the id it takes in the timetable: the meetings of a series are
    numbered in day order (``cop#1`` is the earliest), as the series rule wants. They are
    identical copies in the scenario, so renumbering them changes nothing else."""
    meetings: dict[str, list[tuple[int, int, str]]] = {}
    for item in b.plan:
        if item.series and not item.extra.get("runs"):  # runs (#12) keep their ids, id.k
            meetings.setdefault(item.series, []).append((item.day, item.start, item.id))
    return {old: f"{name}#{k}" for name, items in meetings.items()
            for k, (_, _, old) in enumerate(sorted(items), start=1)}


def planted_schedule(b: Build) -> Schedule:
    """The hidden timetable the scenario was built around (after the scenario is written)."""
    renamed = _meeting_ids(b)
    sessions = [
        ScheduledSession(
            id=renamed.get(item.id, item.id), title=b.titles[item.series or item.id],
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
