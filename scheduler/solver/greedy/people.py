"""People chosen from pools for a placed start schedule: the greedy's assignment (#12).

Before placing, :func:`within_people_hours` shows the greedy (only the greedy, never the
model) that a session whose needed role only people with availability windows qualify for
must start inside one of those windows.

The rule of :func:`choose_people`: the sessions of the schedule that need people
(``needs:``) are taken most constrained first (fewest qualified people, then by time); each
needed role is filled by the qualified person (scenario/pools.py) with the fewest sessions
chosen so far who is free then: inside their availability windows (their own timezone), not
in an overlapping session (named or chosen), nor in one in another room less than the
event's changeover before or after (the rule, as the solver's model states it), and within
``max-sessions``, ``max-sessions-per-day``, ``max-hours`` and ``max-hours-per-day``. When
nobody qualified is free, one person is moved here from a clashing session they were chosen
for if someone free takes their place there (one swap deep). A session whose needs stay
short is left out of the start (the solve places it in its repair phase, as any session the
greedy left out). Times and rooms never change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from ortools.sat.python.cp_model import Domain

from scheduler.facts import SessionFacts, TimeGrid
from scheduler.scenario.model import DAY, Person, Scenario, Session
from scheduler.scenario.pools import needs, qualified
from scheduler.schedule import Schedule, ScheduledSession

Span = tuple[int, int, int, "str | None"]
"""(day index, start, end, room) of a placed session."""


def clash(a: Span, b: Span, changeover: int) -> bool:
    """Whether one person cannot be in both: they overlap, or they are in two rooms less
    than ``changeover`` minutes apart on one day (docs/rules.md: ``person-overlap``)."""
    if a[0] != b[0]:
        return False
    if a[1] < b[2] and b[1] < a[2]:
        return True
    moves = a[3] is not None and b[3] is not None and a[3] != b[3]
    return moves and max(a[1] - b[2], b[1] - a[2]) < changeover


@dataclass
class Diary:
    """What one person already does in the schedule: spans, and which of them were chosen
    here (session id -> role) rather than named."""

    spans: list[Span] = field(default_factory=list)
    roles: dict[str, tuple[str, Span]] = field(default_factory=dict)

    def minutes(self, day: int | None = None) -> int:
        return sum(e - s for d, s, e, _ in self.spans if day is None or d == day)

    def count(self, day: int | None = None) -> int:
        return sum(1 for d, *_ in self.spans if day is None or d == day)


class PeoplePicker:
    """The state of one greedy assignment over one schedule."""

    def __init__(self, scenario: Scenario, schedule: Schedule) -> None:
        self.scenario = scenario
        self.pad = scenario.event.changeover
        self.days = {day: i for i, day in enumerate(scenario.days)}
        self.sessions = {s.id: s for s in scenario.sessions}
        self.diaries: dict[str, Diary] = defaultdict(Diary)
        self.windows: dict[str, list[tuple[int, int]]] = {}
        self.chosen: dict[str, dict[str, list[str]]] = {}
        """Session id -> role -> the people chosen for it so far."""
        for item in schedule.sessions:
            for ids in item.people.values():
                for pid in ids:
                    self.diaries[pid].spans.append(self.span(item))

    def span(self, item: ScheduledSession) -> Span:
        return self.days[item.day], item.start, item.end, item.room

    def free(self, person: Person, span: Span) -> bool:
        """Whether the person may take a session at ``span`` (see the module text)."""
        day, start, end, _ = span
        if person.available is not None:
            if person.id not in self.windows:
                self.windows[person.id] = self.scenario.windows_in_event_time(
                    person.available, person.timezone)
            at, until = day * DAY + start, day * DAY + end
            if not any(ws <= at and until <= we for ws, we in self.windows[person.id]):
                return False
        diary = self.diaries[person.id]
        if any(clash(other, span, self.pad) for other in diary.spans):
            return False
        length = end - start
        return not (
            (person.max_sessions is not None and diary.count() + 1 > person.max_sessions)
            or (person.max_sessions_per_day is not None
                and diary.count(day) + 1 > person.max_sessions_per_day)
            or (person.max_hours is not None
                and diary.minutes() + length > person.max_hours * 60)
            or (person.max_hours_per_day is not None
                and diary.minutes(day) + length > person.max_hours_per_day * 60))

    def book(self, pid: str, sid: str, role: str, span: Span) -> None:
        diary = self.diaries[pid]
        diary.spans.append(span)
        diary.roles[sid] = (role, span)
        self.chosen.setdefault(sid, {}).setdefault(role, []).append(pid)

    def unbook(self, pid: str, sid: str) -> tuple[str, Span]:
        diary = self.diaries[pid]
        role, span = diary.roles.pop(sid)
        diary.spans.remove(span)
        self.chosen[sid][role].remove(pid)
        return role, span

    def fill(self, sid: str, span: Span) -> None:
        """Choose people for one placed session (possibly fewer than needed): the free
        qualified with the fewest chosen sessions; else one who can be moved here from a
        session that another free person can take over."""
        session = self.sessions[sid]
        for role, count in needs(self.scenario, session).items():
            pool = qualified(self.scenario, session, role)
            able = [p for p in pool if self.free(p, span)]
            able.sort(key=lambda p: len(self.diaries[p.id].roles))
            for person in able[:count]:
                self.book(person.id, sid, role, span)
            for _ in range(count - min(count, len(able))):
                if not any(self.move_here(p, sid, role, span) for p in pool
                           if p.id not in self.taken(sid)):
                    break

    def taken(self, sid: str) -> set[str]:
        return {pid for ids in self.chosen.get(sid, {}).values() for pid in ids}

    def move_here(self, person: Person, sid: str, role: str, span: Span) -> bool:
        """Move ``person`` here from one chosen session overlapping ``span`` when someone
        free takes their place there (one swap deep)."""
        clashes = [other for other, (_, there) in self.diaries[person.id].roles.items()
                   if clash(there, span, self.pad)]
        if len(clashes) != 1:
            return False
        other = clashes[0]
        other_role, other_span = self.unbook(person.id, other)
        if self.free(person, span):
            session = self.sessions[other]
            for stand_in in qualified(self.scenario, session, other_role):
                if (stand_in.id != person.id and stand_in.id not in self.taken(other)
                        and self.free(stand_in, other_span)):
                    self.book(stand_in.id, other, other_role, other_span)
                    self.book(person.id, sid, role, span)
                    return True
        self.book(person.id, other, other_role, other_span)
        return False


def within_people_hours(scenario: Scenario,
                        facts: dict[str, SessionFacts]) -> dict[str, SessionFacts]:
    """The facts the greedy places by: a session whose needed role only people with
    ``available:`` windows qualify for starts where one of them is available (a necessary
    condition, so no schedule is lost; only the greedy sees it, never the model)."""
    grid = TimeGrid(scenario)
    out = dict(facts)
    for sid, f in facts.items():
        for role in needs(scenario, f.session):
            pool = qualified(scenario, f.session, role)
            if not pool or any(p.available is None for p in pool):
                continue
            ranges = []
            for person in pool:
                assert person.available is not None
                for ws, we in scenario.windows_in_event_time(person.available,
                                                              person.timezone):
                    d = ws // DAY
                    if d in f.durations:
                        lo, hi = grid.starts_within(ws, we, f.durations[d])
                        if lo <= hi:
                            ranges.append([lo, hi])
            domain = out[sid].domain.intersection_with(Domain.from_intervals(ranges))
            if not domain.is_empty():
                out[sid] = replace(out[sid], domain=domain)
    return out


def choose_people(scenario: Scenario, schedule: Schedule, *,
                  leave_short_out: bool = True) -> Schedule:
    """``schedule`` with people chosen for every need the greedy can fill; a session left
    short is dropped from it unless ``leave_short_out`` is False (then it stays, short)."""
    sessions = {s.id: s for s in scenario.sessions}
    todo = [(item, sessions[item.id]) for item in schedule.sessions
            if item.id in sessions and needs(scenario, sessions[item.id])]
    if not todo:
        return schedule
    picker = PeoplePicker(scenario, schedule)

    def tightness(pair: tuple[ScheduledSession, Session]) -> tuple[int, int, int, str]:
        item, session = pair
        fewest = min(len(qualified(scenario, session, role)) for role in needs(scenario, session))
        return fewest, picker.days[item.day], item.start, item.id

    for item, _ in sorted(todo, key=tightness):
        picker.fill(item.id, picker.span(item))
    out = []
    for item in schedule.sessions:
        extra = picker.chosen.get(item.id, {})
        if leave_short_out and item.id in sessions and any(
                len(extra.get(role, [])) < count
                for role, count in needs(scenario, sessions[item.id]).items()):
            continue  # short: left for the repair phase
        if not extra:
            out.append(item)
            continue
        people = {role: list(ids) for role, ids in item.people.items()}
        for role, ids in extra.items():
            people.setdefault(role, []).extend(ids)
        out.append(item.model_copy(update={"people": people}))
    return schedule.model_copy(update={"sessions": out})
