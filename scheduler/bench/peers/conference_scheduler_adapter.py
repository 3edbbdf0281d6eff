"""Our scenario as a `conference-scheduler` problem (PyCon UK's PuLP/CBC scheduler), and back.

conference-scheduler places single-slot *events* into *slots* (a venue at a start time,
with a length and a capacity) so that each event takes exactly one slot, each slot holds
at most one event, an event avoids the slots and events it is unavailable for, and events
sharing a tag never run at the same time. The translation:

- slots: each day's frame cut into back-to-back slots of the longest session's length,
  skipping the breaks (placed breaks are fixed first, exactly where our greedy baseline
  puts them), one slot per room;
- an event per session, its demand the expected participants;
- tags: the session's track and one tag per person, so a track or a person never runs
  twice at once;
- slot unavailability: rooms it may not use (capacity, tags, room lists, pins), starts
  outside its days/earliest/latest/pin and people's or rooms' availability;
- event unavailability: ``not-parallel-with`` partners; an exclusive session is
  unavailable with every other session.

Two quirks of conference-scheduler 3.0.1 are worked around, not changed: (1) capacity is
not a hard rule there (it only enters the objective), so too-small rooms are listed as
unavailable slots; (2) the clash constraint between two events is written only for the
event that has an unavailability list and only for slot pairs in one order, so every event
gets a harmless dummy unavailability (a slot that is not in the list) to turn it on.

What it cannot express is refused by :func:`unsupported` (ordering, series, daily
limits, meeting licences, online sessions, parallel limits, changeover, whole-day
sessions). The model is solved with its ``efficiency_capacity_demand_difference``
objective and CBC under a time limit; the result comes back as our Schedule so that our
checker can verify it.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

from scheduler.bench.greedy import Greedy
from scheduler.scenario.model import Scenario, Session
from scheduler.schedule import (
    Schedule,
    ScheduledBreak,
    ScheduledSession,
    SolveInfo,
    SolveStatus,
)

DAY = 24 * 60


@dataclass
class PeerResult:
    """What the peer did on one instance."""

    status: SolveStatus
    schedule: Schedule | None
    reasons: list[str] = field(default_factory=list)
    """Why the instance could not be expressed (empty when it could)."""
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    variables: int = 0
    constraints: int = 0
    peer_objective: float | None = None
    note: str | None = None

    @property
    def seconds(self) -> float:
        return self.build_seconds + self.solve_seconds


def unsupported(scenario: Scenario) -> list[str]:
    """Rules of this scenario conference-scheduler cannot express (empty: it can)."""
    reasons: list[str] = []
    sessions = scenario.sessions
    if any(s.after for s in sessions):
        reasons.append("after: ordering between sessions")
    if any(s.same_day_as for s in sessions):
        reasons.append("same-day-as")
    if any(s.series for s in sessions):
        reasons.append("series (repeat:) on different days")
    if any(p.max_sessions_per_day for p in scenario.people):
        reasons.append("max-sessions-per-day")
    if scenario.hybrid.licences is not None and sum(
            s.needs_licence for s in sessions) > scenario.hybrid.licences:
        reasons.append("meeting licences")
    if any(s.format == "online" or not scenario.instrument(s).needs_room for s in sessions):
        reasons.append("sessions without a room")
    if scenario.parallel_limit is not None:
        reasons.append("max-parallel")
    if scenario.event.changeover:
        reasons.append("changeover between rooms")
    if any(scenario.is_whole_day(s) or not scenario.instrument(s).observes_breaks
           for s in sessions):
        reasons.append("whole-day sessions / sessions that keep their own breaks")
    return reasons


class Translation:
    """The conference-scheduler objects of one scenario, and the way back."""

    def __init__(self, scenario: Scenario) -> None:
        from conference_scheduler.resources import Event, Slot

        self.sc = scenario
        self.helper = Greedy(scenario)
        self.breaks: list[ScheduledBreak] = self.helper.place_breaks()
        self.length = max(scenario.duration(s) for s in scenario.sessions)
        self.slot_info: list[tuple[int, int, str]] = []
        self.slots: list[Any] = []
        for d, day in enumerate(scenario.days):
            for start in self._starts(d):
                for room in scenario.rooms:
                    self.slot_info.append((d, start, room.id))
                    moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=start)
                    self.slots.append(Slot(venue=room.id, starts_at=moment,
                                           duration=self.length, capacity=room.capacity,
                                           session=f"{day.isoformat()}"))
        dummy = Slot(venue="-", starts_at=dt.datetime(1970, 1, 1), duration=0, capacity=0,
                     session="-")
        self.events: list[Any] = []
        for s in scenario.sessions:
            tags = [f"track:{s.tracks[0]}"] if s.tracks else []
            tags += [f"person:{p}" for p in s.person_ids]
            self.events.append(Event(name=s.id, duration=scenario.duration(s),
                                     demand=s.participants, tags=tags,
                                     unavailability=[dummy, *self._bad_slots(s)]))
        by_id = {s.id: i for i, s in enumerate(scenario.sessions)}
        for i, s in enumerate(scenario.sessions):
            for ref in s.not_parallel_with:
                j = by_id[ref]
                self.events[i].add_unavailability(self.events[j])
                self.events[j].add_unavailability(self.events[i])
            if scenario.instrument(s).exclusive:
                for j, other in enumerate(self.events):
                    if j != i:
                        self.events[i].add_unavailability(other)
                        other.add_unavailability(self.events[i])

    def _starts(self, d: int) -> list[int]:
        """Back-to-back slot starts in the frame, jumping over the breaks of the day."""
        day = self.sc.days[d]
        frame_start, frame_end = self.sc.frame(day)
        pauses = sorted((b.start, b.end) for b in self.breaks if b.day == day)
        g = self.sc.event.granularity
        starts, t = [], frame_start
        while t + self.length <= frame_end:
            clash = [(a, b) for a, b in pauses if a < t + self.length and t < b]
            if clash:
                t = -(-max(b for _, b in clash) // g) * g
                continue
            starts.append(t)
            t += self.length
        return starts

    def _bad_slots(self, s: Session) -> list[Any]:
        rooms = set(self.helper.rooms_for(s))
        bad = []
        ok_start: dict[int, set[int]] = {}
        for index, (d, start, room) in enumerate(self.slot_info):
            if d not in ok_start:
                ok_start[d] = self._good_starts(s, d)
            if room not in rooms or start not in ok_start[d]:
                bad.append(self.slots[index])
                continue
            cells = self.helper.room_cells(room, d)
            mask = self.helper.grid.mask(start, start + self.sc.duration(s))
            if cells is not None and mask & ~cells:
                bad.append(self.slots[index])
        return bad

    def _good_starts(self, s: Session, d: int) -> set[int]:
        duration = self.sc.duration(s)
        allowed = set(self.helper.starts(s, d))
        free = [self.helper.allowed_cells(p, d) for p in s.person_ids]
        good = set()
        for start in allowed:
            mask = self.helper.grid.mask(start, start + duration)
            if not any(cells is not None and mask & ~cells for cells in free):
                good.add(start)
        return good

    def schedule(self, solution: list[tuple[int, int]], status: SolveStatus,
                 info: SolveInfo) -> Schedule:
        """The peer's (event, slot) pairs as our Schedule."""
        sessions = []
        for event_index, slot_index in solution:
            s = self.sc.sessions[event_index]
            d, start, room = self.slot_info[slot_index]
            sessions.append(ScheduledSession(
                id=s.id, title=s.title, instrument=s.instrument, day=self.sc.days[d],
                start=start, end=start + self.sc.duration(s), room=room,
                track=s.tracks[0] if s.tracks else None, format=s.format,
                people={k: list(v) for k, v in s.people.items()},
                participants=s.participants, series=s.series))
        sessions.sort(key=lambda x: (x.day, x.start, x.room or "", x.id))
        return Schedule(event=self.sc.event.name, event_id=self.sc.event.id,
                        timezone=self.sc.event.timezone,
                        status=status, sessions=sessions, breaks=self.breaks, solve=info)


def solve_with_conference_scheduler(scenario: Scenario, time_limit: float = 60.0,
                                    threads: int = 2) -> PeerResult:
    """Translate, solve with CBC (its capacity objective) within ``time_limit``, translate back.

    The time limit covers building the model too; CBC gets what is left (at least 1 s).
    """
    reasons = unsupported(scenario)
    if reasons:
        return PeerResult(SolveStatus.UNKNOWN, None, reasons=reasons,
                          note="cannot express: " + "; ".join(reasons))
    import pulp
    from conference_scheduler import lp_problem as lp
    from conference_scheduler.lp_problem.objective_functions import (
        efficiency_capacity_demand_difference,
    )
    from conference_scheduler.resources import Shape

    began = time.perf_counter()
    translation = Translation(scenario)
    events, slots = translation.events, translation.slots
    # The same model conference_scheduler.scheduler.solution() builds, kept here so that
    # the solver status and time can be read (solution() hides them).
    problem = pulp.LpProblem()
    x = lp.utils.variables(Shape(len(events), len(slots)))
    beta = pulp.LpVariable("upper_bound")
    for constraint in lp.constraints.all_constraints(events, slots, x, beta, "lpsum"):
        problem += constraint.condition
    problem += efficiency_capacity_demand_difference(events=events, slots=slots, X=x,
                                                     beta=beta)
    built = time.perf_counter()
    remaining = max(1.0, time_limit - (built - began))
    solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=remaining, threads=threads)
    problem.solve(solver)
    solved = time.perf_counter()
    result = PeerResult(SolveStatus.UNKNOWN, None, build_seconds=built - began,
                        solve_seconds=solved - built, variables=problem.numVariables(),
                        constraints=problem.numConstraints())
    status = {1: SolveStatus.OPTIMAL, 2: SolveStatus.FEASIBLE,
              -1: SolveStatus.INFEASIBLE}.get(problem.sol_status, SolveStatus.UNKNOWN)
    if problem.status == -1:
        status = SolveStatus.INFEASIBLE
    result.status = status
    if status.has_schedule:
        solution = [key for key, var in x.items() if (var.value() or 0) > 0.5]
        result.peer_objective = pulp.value(problem.objective)
        info = SolveInfo(solver="conference-scheduler (PuLP/CBC)",
                         time_seconds=round(result.seconds, 3), time_limit=time_limit,
                         workers=threads)
        result.schedule = translation.schedule(solution, status, info)
    elif (built - began) > time_limit:
        result.note = f"building the model took {built - began:.0f} s, over the time limit"
    return result
