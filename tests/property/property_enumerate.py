"""An exhaustive oracle for tiny scenarios: every schedule, judged by the checker alone.

Candidates of each session are every (day, grid start, room, track) the scenario could
mean, plus "dropped" for an optional one; those a single-session check already rejects
are left out. Placed breaks take every grid start in their window. A depth-first search
then adds sessions one at a time and prunes a partial schedule as soon as the checker
finds a violation of a rule that more sessions can only make worse (everything but
``placement`` and ``max-block``). Nothing of the solver is used.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from scheduler.checker import HARD_RULES, CheckReport, check
from scheduler.scenario import Scenario
from scheduler.scenario.model import Session
from scheduler.schedule import Schedule, ScheduledBreak, ScheduledSession, SolveStatus

# Rules a single session, alone in the schedule, can break by itself.
ALONE = ["day-frame", "time-grid", "duration", "earliest-latest", "pinned", "room-required",
         "room-allowed", "room-capacity", "room-tags", "room-availability",
         "person-availability", "track-overlap", "breaks", "exclusive"]
# Rules whose violations never go away when sessions are added.
MONOTONE = [r for r in HARD_RULES if r not in ("placement", "max-block")]


class Budget(Exception):
    """The search needed more checks than it was allowed."""


@dataclass
class Outcome:
    """What the search found: whether any schedule is valid, and the least objective."""

    feasible: bool
    best: int | None
    best_schedule: Schedule | None
    checks: int


def _empty(scenario: Scenario, breaks: list[ScheduledBreak]) -> Schedule:
    return Schedule(event=scenario.event.name, timezone=scenario.event.timezone,
                    status=SolveStatus.FEASIBLE, breaks=breaks)


def _entry(scenario: Scenario, session: Session, day_index: int, start: int,
           room: str | None, track: str | None) -> ScheduledSession:
    day = scenario.days[day_index]
    if scenario.is_whole_day(session):
        start, end = scenario.frame(day)
    else:
        end = start + scenario.duration(session)
    return ScheduledSession(
        id=session.id, title=session.title, instrument=session.instrument, day=day,
        start=start, end=end, room=room, track=track, format=session.format,
        people={r: list(ids) for r, ids in session.people.items()},
        participants=session.participants, series=session.series)


def break_options(scenario: Scenario) -> Iterator[list[ScheduledBreak]]:
    """Every way to place the placed breaks (every grid start in the window, each day),
    with the fixed ones as they are."""
    g = scenario.event.granularity
    fixed = [ScheduledBreak(id=f"{b.id}@{day}", title=b.title or b.id, kind=b.kind, day=day,
                            start=b.start, end=b.end, fixed=True)
             for b in scenario.breaks.fixed for day in ([b.day] if b.day else scenario.days)]
    slots = []
    for b in scenario.breaks.placed:
        for day in b.days or scenario.days:
            low, high = b.window
            first = -(-low // g) * g
            slots.append([ScheduledBreak(id=f"{b.id}@{day}", title=b.title or b.id,
                                         kind=b.kind, day=day, start=s, end=s + b.duration)
                          for s in range(first, high - b.duration + 1, g)])
    for chosen in itertools.product(*slots):
        yield [*fixed, *chosen]


class Search:
    """Depth-first search over all schedules of a tiny scenario, at most ``limit`` checks."""

    def __init__(self, scenario: Scenario, limit: int) -> None:
        self.scenario = scenario
        self.limit = limit
        self.checks = 0

    def _check(self, schedule: Schedule, rules: list[str] | None = None) -> CheckReport:
        self.checks += 1
        if self.checks > self.limit:
            raise Budget
        return check(self.scenario, schedule, rules)

    def candidates(self, session: Session, breaks: list[ScheduledBreak]
                   ) -> list[ScheduledSession | None]:
        sc = self.scenario
        g = sc.event.granularity
        needs_room = session.format != "online" and sc.instrument(session).needs_room
        rooms: list[str | None] = [r.id for r in sc.rooms] if needs_room else [None]
        tracks: list[str | None] = list(session.tracks) or [None]
        out: list[ScheduledSession | None] = [None] if session.optional else []
        for d, day in enumerate(sc.days):
            fs, fe = sc.frame(day)
            starts = ([fs] if sc.is_whole_day(session)
                      else range(fs, fe - sc.duration(session) + 1, g))
            for start, room, track in itertools.product(starts, rooms, tracks):
                entry = _entry(sc, session, d, start, room, track)
                alone = _empty(sc, breaks).model_copy(update={"sessions": [entry]})
                if self._check(alone, ALONE).ok:
                    out.append(entry)
        return out

    def run(self, want_best: bool) -> Outcome:
        """Find a valid schedule (and, if ``want_best``, one of least objective)."""
        best: int | None = None
        best_schedule: Schedule | None = None
        sessions = list(self.scenario.sessions)
        for breaks in break_options(self.scenario):
            options = [self.candidates(s, breaks) for s in sessions]
            order = sorted(range(len(sessions)), key=lambda i: len(options[i]))
            stack: list[tuple[int, list[ScheduledSession], list[str]]] = [(0, [], [])]
            while stack:
                depth, placed, dropped = stack.pop()
                partial = _empty(self.scenario, breaks).model_copy(
                    update={"sessions": placed, "dropped": dropped})
                if depth == len(sessions):
                    report = self._check(partial)
                    if report.ok and (best is None or report.objective < best):
                        best, best_schedule = report.objective, partial
                        if not want_best:
                            return Outcome(True, best, best_schedule, self.checks)
                    continue
                if depth and not self._check(partial, MONOTONE).ok:
                    continue
                i = order[depth]
                for option in options[i]:
                    if option is None:
                        stack.append((depth + 1, placed, [*dropped, sessions[i].id]))
                    else:
                        stack.append((depth + 1, [*placed, option], dropped))
        return Outcome(best is not None, best, best_schedule, self.checks)
