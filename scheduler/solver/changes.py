"""Minimal-change re-solving: a new schedule that moves as little as possible.

After a programme is published, a facilitator cancels, a room is lost, more people
register. ``SolveOptions(earlier=published, frozen_until=moment)`` asks for:

- the ``changes`` soft term: for every session in both the published schedule and the
  new scenario, 1 if it starts at another time, +1 if on another day, +1 if in another
  room, +1 for each person it listed in a role who is no longer in it (people chosen from
  pools, #12), +1 for each registration it was given (``choices:``) that it is no longer
  given (weighted by ``weights.changes``); nothing is pinned by default;
- a start: the search starts from the published placement (unless ``hint`` is given);
- an optional freeze: sessions and breaks that started before ``frozen_until`` stay
  exactly where they were (they have already happened), as hard rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scheduler.errors import UsageError
from scheduler.pairing import renamed_fix
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, ScheduledSession, event_label
from scheduler.solver.terms import ExtraTerm, Indicator, TermView

if TYPE_CHECKING:
    from scheduler.solver.model import ScheduleModel


def change_count(earlier: ScheduledSession, later: ScheduledSession) -> int:
    """How much one session changed: time moved (1), day changed (+1), room changed (+1),
    +1 for each person it listed in a role who is no longer in it, and +1 for each
    registration it was given that it is no longer given (someone to tell)."""
    from scheduler.solver.assignment import reassigned

    count = 0
    if (earlier.day, earlier.start) != (later.day, later.start):
        count += 1
    if earlier.day != later.day:
        count += 1
    if earlier.room != later.room:
        count += 1
    moved = sum(rid not in later.registrations for rid in earlier.registrations)
    return count + reassigned(earlier.people, later.people) + moved


def count_changes(earlier: Schedule, later: Schedule) -> int:
    """The ``changes`` value of ``later`` against ``earlier`` (sessions present in both)."""
    before = earlier.by_id()
    return sum(change_count(before[s.id], s) for s in later.sessions if s.id in before)


@dataclass(frozen=True)
class Frozen:
    """What has already happened: session ids and break ids (``lunch@2024-05-14``)."""

    sessions: frozenset[str] = field(default_factory=frozenset)
    breaks: frozenset[str] = field(default_factory=frozenset)


def aware(scenario: Scenario, moment: dt.datetime) -> dt.datetime:
    """``moment`` with the event's timezone when it has none."""
    if moment.tzinfo is None:
        return scenario.datetime_at(moment.date(), moment.hour * 60 + moment.minute)
    return moment


def frozen_sessions(scenario: Scenario, earlier: Schedule, until: dt.datetime) -> list[str]:
    """Sessions of ``earlier`` that started before ``until`` (event timezone if naive)."""
    moment = aware(scenario, until)
    return [s.id for s in earlier.sessions if scenario.datetime_at(s.day, s.start) < moment]


def frozen_until(scenario: Scenario, earlier: Schedule, until: dt.datetime | None) -> Frozen:
    """The sessions and breaks of ``earlier`` that started before ``until`` (none if None)."""
    if until is None:
        return Frozen()
    moment = aware(scenario, until)
    return Frozen(
        sessions=frozenset(frozen_sessions(scenario, earlier, until)),
        breaks=frozenset(b.id for b in earlier.breaks
                         if scenario.datetime_at(b.day, b.start) < moment),
    )


def check_earlier(scenario: Scenario, earlier: Schedule) -> None:
    """Refuse a published schedule of another event (a usage error, not a failed solve)."""
    if earlier.identity != scenario.event.identity:
        raise UsageError(
            f"the earlier schedule is of {event_label(earlier.event, earlier.event_id)}, not of "
            f"{event_label(scenario.event.name, scenario.event.id)}\n    fix: pass the "
            "schedule that was published for this scenario; if the event was renamed: "
            + renamed_fix(earlier.identity)
        )


def changes_term(view: TermView, scenario: Scenario, earlier: Schedule,
                 frozen: Frozen) -> ExtraTerm | None:
    """The ``changes`` term over the sessions in both (None when there are none or its
    weight is 0).

    Frozen sessions count too: the freeze keeps their start and room, but a room the
    scenario no longer has, or a person no longer in it, changes all the same, and the
    checker (like :func:`count_changes`) counts that; left out, the bound fell below the
    checked objective of an "optimal" schedule.
    """
    before = earlier.by_id()
    indicators: list[Indicator] = []
    for sid in view.session_ids:
        old = before.get(sid)
        if old is None:
            continue
        # a dropped optional session changes nothing (the rule, the checker and
        # count_changes count the sessions placed in both): without while_placed it
        # counted its day, room, people and groups as changed, and a re-solve that
        # could drop one claimed a false optimum (oracle2, resolve 182)
        own = [view.not_at_start(sid, old.day, old.start), view.not_on_day(sid, old.day),
               view.not_in_room(sid, old.room), *view.not_in_roles(sid, old.people),
               *view.not_in_group(sid, old.registrations)]
        indicators.extend(view.while_placed(sid, i) for i in own)
    weight = scenario.weights.changes
    if not indicators or weight <= 0:
        return None
    return ExtraTerm(name="changes", weight=weight, indicators=indicators,
                     evaluate=lambda schedule: count_changes(earlier, schedule))


def freeze(built: ScheduleModel, view: TermView, earlier: Schedule, frozen: Frozen) -> None:
    """Hard rules: a frozen session keeps its start, room and track; a frozen break its
    start. The rooms they hold are no longer interchangeable (``view.rooms_named``)."""
    m = built.model
    before = earlier.by_id()
    for sid, sv in built.vars.sessions.items():
        old = before.get(sid)
        if old is None or sid not in frozen.sessions:
            continue
        step = view.step(old.day, old.start)
        if step is not None:
            m.add(sv.start == step)
        if sv.placed is not None:
            m.add(sv.placed == 1)
        if old.room and old.room in sv.room_lits and any(o.room == old.room
                                                         for o in sv.facts.rooms):
            # (the relaxed model of a diagnosis offers every room: only a room the rules
            # still allow is kept, as in the model searched)
            view.rooms_named.add(old.room)
            m.add(sv.room_lits[old.room] == 1)
        if old.track and old.track in sv.track_lits:
            m.add(sv.track_lits[old.track] == 1)
    grid = built.vars.grid
    placed = {b.id: b for b in earlier.breaks}
    for bv in built.vars.breaks:
        key = f"{bv.brk.id}@{grid.days[bv.day]}"
        old_break = placed.get(key)
        if key in frozen.breaks and old_break is not None and old_break.start % grid.g == 0:
            m.add(bv.start == bv.day * grid.per_day + old_break.start // grid.g)
