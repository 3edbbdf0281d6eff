"""Minimal-change re-solving: a new schedule that moves as little as possible.

After a programme is published, a facilitator cancels, a room is lost, more people
register. ``resolve_options`` turns the published schedule into solver extensions:

- the ``changes`` soft term: for every session in both the published schedule and the
  new scenario, 1 if it starts at another time, +1 if on another day, +1 if in another
  room, +1 for each person it listed in a role who is no longer in it (people chosen from
  pools, #12) (weighted by ``weights.changes``); nothing is pinned by default;
- a hint: the search starts from the published placement;
- an optional freeze: sessions and breaks that started before ``frozen_until`` stay
  exactly where they were (they have already happened).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scheduler.errors import UsageError
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, ScheduledSession
from scheduler.solver.assignment import reassigned, reassignment_terms
from scheduler.solver.options import ExtraTerm, ObjectiveHook, SolveOptions

if TYPE_CHECKING:
    from scheduler.solver.model import ScheduleModel
    from scheduler.solver.variables import SessionVars


def change_count(earlier: ScheduledSession, later: ScheduledSession) -> int:
    """How much one session changed: time moved (1), day changed (+1), room changed (+1)."""
    count = 0
    if (earlier.day, earlier.start) != (later.day, later.start):
        count += 1
    if earlier.day != later.day:
        count += 1
    if earlier.room != later.room:
        count += 1
    return count + reassigned(earlier.people, later.people)


def count_changes(earlier: Schedule, later: Schedule) -> int:
    """The ``changes`` value of ``later`` against ``earlier`` (sessions present in both)."""
    before = earlier.by_id()
    return sum(change_count(before[s.id], s) for s in later.sessions if s.id in before)


def frozen_sessions(scenario: Scenario, earlier: Schedule, until: dt.datetime) -> list[str]:
    """Sessions of ``earlier`` that started before ``until`` (event timezone if naive)."""
    moment = _aware(scenario, until)
    return [
        s.id for s in earlier.sessions
        if scenario.datetime_at(s.day, s.start) < moment
    ]


@dataclass
class _Resolve:
    scenario: Scenario
    earlier: Schedule
    frozen: set[str]
    frozen_breaks: set[str]

    def hook(self, built: ScheduleModel) -> list[ExtraTerm]:
        """Freeze what has happened; return the ``changes`` term."""
        terms: list[Any] = []
        before = self.earlier.by_id()
        for sid, sv in built.vars.sessions.items():
            old = before.get(sid)
            if old is None:
                continue
            if sid in self.frozen:
                self._freeze(built, sv, old)
                continue
            terms.extend(self._change_literals(built, sv, old))
            terms.extend(reassignment_terms(built, sv, old.people))
        self._freeze_breaks(built)
        weight = self.scenario.weights.changes
        if not terms or weight <= 0:
            return []
        earlier = self.earlier
        return [ExtraTerm(
            name="changes", weight=weight, expression=sum(terms),
            evaluate=lambda schedule: count_changes(earlier, schedule),
        )]

    def _step(self, built: ScheduleModel, old: ScheduledSession) -> int | None:
        grid = built.vars.grid
        if old.day not in grid.days or old.start % grid.g:
            return None
        return grid.days.index(old.day) * grid.per_day + old.start // grid.g

    def _change_literals(self, built: ScheduleModel, sv: SessionVars, old: ScheduledSession
                         ) -> list[Any]:
        m = built.model
        out: list[Any] = []
        step = self._step(built, old)
        same_time = m.new_bool_var(f"same_time[{sv.id}]")
        if step is None:
            m.add(same_time == 0)
        else:
            m.add(sv.start == step).only_enforce_if(same_time)
            m.add(sv.start != step).only_enforce_if(same_time.Not())
        out.append(1 - same_time)
        if old.day in built.vars.grid.days:
            out.append(1 - built.vars.day_lit(sv, built.vars.grid.days.index(old.day)))
        else:
            out.append(1)
        if sv.room_lits:
            lit = sv.room_lits.get(old.room) if old.room else None
            out.append(1 if lit is None else 1 - lit)
        elif old.room is not None:
            out.append(1)
        return out

    def _freeze(self, built: ScheduleModel, sv: SessionVars, old: ScheduledSession) -> None:
        """A session that has already started stays where it was."""
        m = built.model
        step = self._step(built, old)
        if step is not None:
            m.add(sv.start == step)
        if sv.placed is not None:
            m.add(sv.placed == 1)
        if old.room and old.room in sv.room_lits:
            m.add(sv.room_lits[old.room] == 1)
        if old.track and old.track in sv.track_lits:
            m.add(sv.track_lits[old.track] == 1)

    def _freeze_breaks(self, built: ScheduleModel) -> None:
        grid = built.vars.grid
        placed = {b.id: b for b in self.earlier.breaks}
        for bv in built.vars.breaks:
            key = f"{bv.brk.id}@{grid.days[bv.day]}"
            old = placed.get(key)
            if key in self.frozen_breaks and old is not None and old.start % grid.g == 0:
                built.model.add(bv.start == bv.day * grid.per_day + old.start // grid.g)


def resolve_options(
    scenario: Scenario,
    earlier: Schedule,
    base: SolveOptions | None = None,
    frozen_until: dt.datetime | None = None,
) -> SolveOptions:
    """Solve options for a minimal-change re-solve from ``earlier``."""
    if earlier.event != scenario.event.name:
        raise UsageError(
            f"the earlier schedule is of {earlier.event!r}, not of {scenario.event.name!r}; "
            "pass the schedule that was published for this scenario"
        )
    frozen: set[str] = set()
    frozen_breaks: set[str] = set()
    if frozen_until is not None:
        frozen = set(frozen_sessions(scenario, earlier, frozen_until))
        moment = _aware(scenario, frozen_until)
        frozen_breaks = {b.id for b in earlier.breaks
                         if scenario.datetime_at(b.day, b.start) < moment}
    state = _Resolve(scenario, earlier, frozen, frozen_breaks)
    options = base or SolveOptions()
    hooks: list[ObjectiveHook] = [*options.objective_hooks, state.hook]
    options.objective_hooks = hooks
    options.hint = earlier
    return options


def _aware(scenario: Scenario, moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return scenario.datetime_at(moment.date(), moment.hour * 60 + moment.minute)
    return moment


def parse_moment(text: str) -> dt.datetime:
    """``2022-06-07T12:00`` (event timezone) or with an offset; clear error otherwise."""
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--frozen-until {text!r} is not a date and time; write it like 2022-06-07T12:00"
        ) from None

