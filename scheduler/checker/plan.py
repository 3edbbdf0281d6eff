"""The schedule read against its scenario: who is where and when, and the breaks in force.

This is the checker's own view of a schedule. It trusts the scenario (loaded and
validated by the scenario loader) and nothing of the solver. Entries of the schedule
that do not belong to the scenario are kept aside for the ``placement`` rule; every
other rule works on :class:`Placed` sessions whose scenario definition is known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from scheduler.calendar import Calendar
from scheduler.instruments import Instrument
from scheduler.scenario.model import Person, Room, Scenario, Session
from scheduler.schedule import Schedule, ScheduledSession
from scheduler.timeparse import format_clock


def hhmm(clock: int) -> str:
    """A clock time (minutes after midnight) as ``HH:MM``."""
    return format_clock(clock)


def span(start: int, end: int) -> str:
    """``10:40-12:30``."""
    return f"{hhmm(start)}-{hhmm(end)}"


@dataclass(frozen=True)
class Placed:
    """A session of the scenario as the schedule places it.

    Its attributes are read from the session and the entry once, when it is made (a check
    of 10,000 sessions reads a session's day a million times): neither changes while it
    is checked. The lists they hand out are shared: read them, do not change them."""

    session: Session
    """The scenario's definition (people, participants, limits)."""
    entry: ScheduledSession
    """The schedule's line for it (day, start, end, room, track)."""
    instrument: Instrument
    id: str = field(init=False, compare=False, repr=False)
    day: dt.date = field(init=False, compare=False, repr=False)
    start: int = field(init=False, compare=False, repr=False)
    end: int = field(init=False, compare=False, repr=False)
    room: str | None = field(init=False, compare=False, repr=False)
    track: str | None = field(init=False, compare=False, repr=False)
    people: dict[str, list[str]] = field(init=False, compare=False, repr=False)
    """Role -> people: those the scenario names, then any more the schedule lists
    (people chosen from pools; ``people`` and ``assigned-qualified`` judge them)."""
    person_ids: list[str] = field(init=False, compare=False, repr=False)
    """Everyone in the session in any role, each once."""
    observes_breaks: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        entry = self.entry
        people = {role: list(ids) for role, ids in self.session.people.items()}
        for role, ids in entry.people.items():
            people.setdefault(role, []).extend(pid for pid in ids if pid not in people[role])
        for name, value in (
                ("id", self.session.id), ("day", entry.day), ("start", entry.start),
                ("end", entry.end), ("room", entry.room), ("track", entry.track),
                ("people", people),
                ("person_ids", list(dict.fromkeys(pid for ids in people.values()
                                                  for pid in ids))),
                ("observes_breaks", self.instrument.observes_breaks)):
            object.__setattr__(self, name, value)

    @property
    def label(self) -> str:
        """``'Title' (10:40-12:30)``."""
        return f"'{self.session.title}' ({span(self.start, self.end)})"


@dataclass(frozen=True)
class BreakTime:
    """An event-wide break on one day: placed ones as the schedule has them, fixed ones
    as the scenario has them."""

    id: str
    title: str
    day: dt.date
    start: int
    end: int
    fixed: bool

    @property
    def label(self) -> str:
        return f"'{self.title}' ({span(self.start, self.end)})"


def overlaps(a: Placed | BreakTime, b: Placed | BreakTime) -> bool:
    """Same day and ``s1 < e2 and s2 < e1`` (one may start the minute the other ends)."""
    return a.day == b.day and a.start < b.end and b.start < a.end


def gap(a: Placed, b: Placed) -> int:
    """Minutes between two sessions of one day (negative when they overlap)."""
    return max(a.start - b.end, b.start - a.end)


def inside_one(interval: tuple[int, int], windows: list[tuple[int, int]]) -> bool:
    """The interval lies inside one of the windows."""
    return any(ws <= interval[0] and interval[1] <= we for ws, we in windows)


def touches_any(interval: tuple[int, int], windows: list[tuple[int, int]]) -> bool:
    """The interval overlaps at least one of the windows."""
    return any(interval[0] < we and ws < interval[1] for ws, we in windows)


def windows_text(scenario: Scenario, windows: list[tuple[int, int]]) -> str:
    """Event-minute windows in words: ``2022-06-07 09:00-12:00, ...``."""
    parts = []
    for ws, we in windows[:4]:
        day, start = scenario.split(ws)
        end = start + (we - ws)
        if end <= 24 * 60:
            parts.append(f"{day} {span(start, end)}")
        else:
            last_day, last_clock = scenario.split(we)
            parts.append(f"{day} {hhmm(start)} to {last_day} {hhmm(last_clock)}")
    more = f" and {len(windows) - 4} more" if len(windows) > 4 else ""
    return ", ".join(parts) + more if parts else "none"


@dataclass
class Plan:
    """A schedule indexed against its scenario."""

    scenario: Scenario
    schedule: Schedule
    placed: list[Placed] = field(default_factory=list)
    """Known sessions, first listing of each, in schedule order."""
    by_id: dict[str, Placed] = field(default_factory=dict)
    unknown: list[ScheduledSession] = field(default_factory=list)
    talk_sessions: list[ScheduledSession] = field(default_factory=list)
    """Talk sessions (``instrument: talk-session``, not sessions of the scenario), which
    the talk rules check (scheduler/checker/rules_talks.py)."""
    """Schedule entries naming no session of the scenario."""
    repeated: list[ScheduledSession] = field(default_factory=list)
    """Second and later listings of a session."""
    dropped: list[str] = field(default_factory=list)
    """Ids in the schedule's ``dropped:`` that are sessions of the scenario (each once)."""
    breaks: list[BreakTime] = field(default_factory=list)
    """Every break in force: placed ones (as scheduled) and fixed ones (per scenario)."""
    rooms: dict[str, Room] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    by_person: dict[str, list[Placed]] = field(default_factory=dict)
    """Placed sessions of each person (in any role the scenario gives or the schedule
    lists), in schedule order."""
    named: dict[str, list[Placed]] | None = None
    """A session id or series name -> the placed sessions it names, in schedule order
    (built at the first :meth:`members` call, once ``placed`` is complete)."""
    _calendar: Calendar | None = field(default=None, repr=False)
    _event_days: frozenset[dt.date] | None = field(default=None, repr=False)
    _days_used: list[dt.date] | None = field(default=None, repr=False)
    _by_day: dict[dt.date, list[Placed]] | None = field(default=None, repr=False)

    @property
    def calendar(self) -> Calendar:
        """The scenario's calendar (days, frames, event minutes), looked up once per check:
        the scenario does not change while it is checked, and each lookup through the
        scenario re-checks its cache (80,000 lookups checking 10,000 sessions)."""
        if self._calendar is None:
            self._calendar = self.scenario.calendar
        return self._calendar

    @classmethod
    def build(cls, scenario: Scenario, schedule: Schedule) -> Plan:
        plan = cls(scenario, schedule)
        plan.rooms = {r.id: r for r in scenario.rooms}
        plan.people = {p.id: p for p in scenario.people}
        sessions = {s.id: s for s in scenario.sessions}
        for entry in schedule.sessions:
            session = sessions.get(entry.id)
            if session is None and entry.instrument == "talk-session" and scenario.talks:
                plan.talk_sessions.append(entry)
            elif session is None:
                plan.unknown.append(entry)
            elif entry.id in plan.by_id:
                plan.repeated.append(entry)
            else:
                placed = Placed(session, entry, scenario.catalogue[session.instrument])
                plan.placed.append(placed)
                plan.by_id[entry.id] = placed
        for placed in plan.placed:
            for pid in placed.person_ids:
                plan.by_person.setdefault(pid, []).append(placed)
        plan.dropped = list(dict.fromkeys(sid for sid in schedule.dropped if sid in sessions))
        plan.breaks = [*plan._placed_breaks(), *plan._fixed_breaks()]
        return plan

    def _placed_breaks(self) -> Iterator[BreakTime]:
        known = {b.id: b.title or b.id for b in self.scenario.breaks.placed}
        for item in self.schedule.breaks:
            bid = break_id(item.id)
            if bid in known:
                yield BreakTime(bid, known[bid], item.day, item.start, item.end, False)

    def _fixed_breaks(self) -> Iterator[BreakTime]:
        for brk in self.scenario.breaks.fixed:
            for day in [brk.day] if brk.day else self.scenario.days:
                yield BreakTime(brk.id, brk.title or brk.id, day, brk.start, brk.end, True)

    # ------------------------------------------------------------------ lookups

    def members(self, ref: str) -> list[Placed]:
        """The placed sessions a reference names: a session, or every meeting of a series."""
        if self.named is None:  # one pass, not one per reference (10,000 sessions: 19 s)
            self.named = {}
            for p in self.placed:
                for key in dict.fromkeys((p.id, p.session.series)):
                    if key is not None:
                        self.named.setdefault(key, []).append(p)
        return list(self.named.get(ref, []))

    def room(self, placed: Placed) -> Room | None:
        """The placed session's room, if it has one the scenario knows."""
        return self.rooms.get(placed.room) if placed.room is not None else None

    def person_label(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.label if person else person_id

    def room_label(self, room_id: str) -> str:
        room = self.rooms.get(room_id)
        return room.label if room else room_id

    def is_event_day(self, day: dt.date) -> bool:
        if self._event_days is None:
            self._event_days = frozenset(self.calendar.days)
        return day in self._event_days

    def event_span(self, item: Placed | BreakTime) -> tuple[int, int] | None:
        """Event minutes of an item, or None when its day is not a day of the event."""
        if not self.is_event_day(item.day):
            return None
        calendar = self.calendar
        return calendar.at(item.day, item.start), calendar.at(item.day, item.end)

    def sessions_of(self, person_id: str) -> list[Placed]:
        """Placed sessions a person takes part in (in any role the scenario gives)."""
        return self.by_person.get(person_id, [])

    def days_used(self) -> list[dt.date]:
        """The days with a placed session, in order (worked out once: ``placed`` is
        complete once the plan is built)."""
        if self._days_used is None:
            self._days_used = sorted({p.day for p in self.placed})
        return list(self._days_used)

    def pairs(self, items: list[Placed]) -> Iterator[tuple[Placed, Placed]]:
        """Every unordered pair of distinct items."""
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                yield a, b

    def on_day(self, day: dt.date) -> list[Placed]:
        """The placed sessions of one day, in schedule order (indexed once)."""
        if self._by_day is None:
            self._by_day = {}
            for p in self.placed:
                self._by_day.setdefault(p.day, []).append(p)
        return self._by_day.get(day, [])


def overlapping_pairs(items: list[Placed]) -> Iterator[tuple[Placed, Placed]]:
    """The pairs of :meth:`Plan.pairs` that :func:`overlaps`, in the same order (a before
    b as in ``items``, by a's place then b's), found by a sweep of each day's items by
    start instead of every pair (10,000 sessions: 160,000 pairs in one room each). For
    each item, the items starting at or after it are looked at while they start before
    its end; both conditions of :func:`overlaps` are tested, so a reversed or empty
    span counts as it does there."""
    by_day: dict[dt.date, list[int]] = {}
    for i, p in enumerate(items):
        by_day.setdefault(p.day, []).append(i)
    found: list[tuple[int, int]] = []
    for indices in by_day.values():
        indices.sort(key=lambda i: items[i].start)
        for k, i in enumerate(indices):
            a = items[i]
            for j in indices[k + 1:]:
                b = items[j]
                if b.start >= a.end:
                    break
                if a.start < b.end:
                    found.append((i, j) if i < j else (j, i))
    found.sort()
    for i, j in found:
        yield items[i], items[j]


def break_id(scheduled_id: str) -> str:
    """The scenario break id of a scheduled break id ``<break id>@<day>``."""
    return scheduled_id.rsplit("@", 1)[0] if "@" in scheduled_id else scheduled_id
