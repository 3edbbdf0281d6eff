"""Reading a CP-SAT solution back into our own :class:`~scheduler.schedule.Schedule`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, ScheduledBreak, ScheduledSession, SolveStatus
from scheduler.solver.assignment import people_of
from scheduler.solver.model import ScheduleModel

Value = Callable[[Any], int]


def read_values(values: list[int]) -> Value:
    """A reader of a complete assignment (one value per variable of the model's proto, in
    its order): the value of a variable or of a negated literal."""
    def read(lit: Any) -> int:
        index = int(lit.index)
        return values[index] if index >= 0 else 1 - values[-index - 1]
    return read


def extract_schedule(built: ScheduleModel, value: Value, status: SolveStatus) -> Schedule:
    """The schedule a solution describes (times event-local, sessions in time order)."""
    scenario = built.scenario
    grid = built.vars.grid
    sessions: list[ScheduledSession] = []
    dropped = list(built.vars.dropped_up_front)
    for sv in built.vars.sessions.values():
        session = sv.facts.session
        if sv.placed is not None and not value(sv.placed):
            dropped.append(session.id)
            continue
        step = value(sv.start)
        day_index = grid.day_of(step)
        start = grid.clock(step)
        minutes = sv.facts.durations.get(day_index, scenario.duration(session))
        room = next((r for r, lit in sv.room_lits.items() if value(lit)), None)
        track = next((t for t, lit in sv.track_lits.items() if value(lit)), None)
        registrations = built.constraints.groups.registrations(sv.id, value)
        sessions.append(ScheduledSession(
            id=session.id, title=session.title, instrument=session.instrument,
            day=scenario.days[day_index], start=start, end=start + minutes,
            room=room, track=track, format=session.format,
            people=people_of(session.people, built.constraints.assignment.chosen(sv.id, value)),
            participants=session.participants + len(registrations), series=session.series,
            registrations=registrations,
        ))
    order = {s.id: i for i, s in enumerate(scenario.sessions)}
    sessions.sort(key=lambda s: (s.day, s.start, s.room or "", order[s.id]))
    dropped.sort(key=lambda sid: order[sid])
    return Schedule(
        event=scenario.event.name, event_id=scenario.event.id,
        timezone=scenario.event.timezone, status=status,
        sessions=sessions, dropped=dropped, breaks=_breaks(built, value, scenario),
    )


def _breaks(built: ScheduleModel, value: Value, scenario: Scenario) -> list[ScheduledBreak]:
    grid = built.vars.grid
    out: list[ScheduledBreak] = []
    for bv in built.vars.breaks:
        day = scenario.days[bv.day]
        start = grid.clock(value(bv.start))
        out.append(ScheduledBreak(
            id=f"{bv.brk.id}@{day}", title=bv.brk.title or bv.brk.id, kind=bv.brk.kind,
            day=day, start=start, end=start + bv.brk.duration,
        ))
    for brk in scenario.breaks.fixed:
        for day in scenario.days:
            if brk.day is None or brk.day == day:
                out.append(ScheduledBreak(
                    id=f"{brk.id}@{day}", title=brk.title or brk.id, kind=brk.kind,
                    day=day, start=brk.start, end=brk.end, fixed=True,
                ))
    out.sort(key=lambda b: (b.day, b.start, b.id))
    return out
