"""Static facts about each session, computed before any CP-SAT variable exists.

Time is counted in *steps* of ``event.granularity`` minutes from midnight of the first
event day: step ``t`` is event minute ``t * g`` (day ``t // steps_per_day``). A session's
possible starts are a set of steps, built as the intersection of the rules that restrict
it (each kept apart, named after its rule, so the diagnosis can say which ones clash).
Candidate rooms are filtered here too (capacity, tags, allowed rooms, pinned room,
availability), with the reason each rejected room was turned down.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python.cp_model import Domain

from scheduler.instruments import Instrument
from scheduler.scenario.model import DAY, Scenario, Session
from scheduler.timeparse import format_clock


def ceil_div(a: int, b: int) -> int:
    """Smallest integer >= a / b."""
    return -(-a // b)


@dataclass
class Restriction:
    """A rule that limits where a session may start: allowed starts (steps) and why."""

    rule: str
    subject: str
    domain: Domain
    detail: str


@dataclass
class RoomOption:
    """A room that may hold a session, with the starts its availability allows."""

    room: str
    domain: Domain
    restrictions: list[Restriction] = field(default_factory=list)


@dataclass
class SessionFacts:
    """Everything static the model needs about one session."""

    session: Session
    instrument: Instrument
    durations: dict[int, int]
    """Minutes per allowed day index (differs by day only for whole-day sessions)."""
    restrictions: list[Restriction]
    domain: Domain
    """Starts (steps) allowed by all restrictions together."""
    empty_by: Restriction | None
    """The restriction that left no start, if any."""
    needs_room: bool
    rooms: list[RoomOption]
    rejected_rooms: dict[str, list[tuple[str, str]]]
    """Room id -> every (rule, reason) that turns the room down."""
    room_availability: dict[str, Restriction] = field(default_factory=dict)
    """Starts each room's availability windows allow (rooms that list windows)."""

    @property
    def id(self) -> str:
        return self.session.id

    @property
    def observes_breaks(self) -> bool:
        return self.instrument.observes_breaks

    @property
    def exclusive(self) -> bool:
        return self.instrument.exclusive

    @property
    def optional(self) -> bool:
        return self.session.optional

    def steps(self, granularity: int) -> dict[int, int]:
        """Length in steps per day (rounded up: the end occupies the step it falls in)."""
        return {d: ceil_div(m, granularity) for d, m in self.durations.items()}


class TimeGrid:
    """Conversions between clock minutes, event minutes and steps for one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.g = scenario.event.granularity
        self.per_day = DAY // self.g
        self.days = scenario.days
        self.horizon = len(self.days) * self.per_day

    def day_range(self, day_index: int) -> Domain:
        """All steps of one day."""
        base = day_index * self.per_day
        return Domain(base, base + self.per_day - 1)

    def starts_within(self, start_min: int, end_min: int, duration: int) -> tuple[int, int]:
        """Steps ``t`` with ``t*g >= start_min`` and ``t*g + duration <= end_min``."""
        return ceil_div(start_min, self.g), (end_min - duration) // self.g

    def starts_overlapping(self, start_min: int, end_min: int, duration: int) -> tuple[int, int]:
        """Steps ``t`` whose session ``[t*g, t*g + duration)`` overlaps ``[start, end)``."""
        return (start_min - duration) // self.g + 1, ceil_div(end_min, self.g) - 1

    def day_of(self, step: int) -> int:
        return step // self.per_day

    def clock(self, step: int) -> int:
        return (step % self.per_day) * self.g


def _domain(ranges: list[tuple[int, int]]) -> Domain:
    good = [[a, b] for a, b in ranges if a <= b]
    return Domain.from_intervals(good) if good else Domain.from_values([])


def _clock_range(a: int, b: int) -> str:
    return f"{format_clock(a)}-{format_clock(b)}"


class FactBuilder:
    """Builds :class:`SessionFacts` for every session of a scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.grid = TimeGrid(scenario)
        self.people = {p.id: p for p in scenario.people}

    def build(self) -> dict[str, SessionFacts]:
        facts = {s.id: self._session(s) for s in self.scenario.sessions}
        self._add_fixed_exclusives(facts)
        return facts

    # ------------------------------------------------------------------ start rules
    # One method per rule that restricts where a session may start (docs/rules.md); each
    # returns the restriction(s) named after its rule, in steps of the time grid.

    def _day_frame(self, session: Session, allowed: list[int],
                   durations: dict[int, int]) -> Restriction:
        """day-frame: a session lies inside the daily frame of one of its allowed days (a
        whole-day session fills the frame, so it starts exactly at the frame's start)."""
        sc, grid = self.scenario, self.grid
        frame_ranges = []
        for d in allowed:
            fs, fe = sc.frame(sc.days[d])
            base = d * grid.per_day
            if sc.is_whole_day(session):
                lo = hi = fs // grid.g if fs % grid.g == 0 else -1
                if lo < 0:
                    continue
            else:
                lo, hi = grid.starts_within(fs, fe, durations[d])
            frame_ranges.append((base + lo, base + hi))
        days_note = (
            f" on {', '.join(str(sc.days[d]) for d in allowed)}" if session.days else ""
        )
        return Restriction(
            "day-frame", f"session {session.id}", _domain(frame_ranges),
            f"{session.id!r} ({durations[allowed[0]] if allowed else '?'} min) must lie inside "
            f"the daily frame{days_note}",
        )

    def _earliest_latest(self, session: Session,
                         durations: dict[int, int]) -> list[Restriction]:
        """earliest-latest: a session runs between its earliest and latest clock times,
        on every day."""
        if session.earliest is None and session.latest is None:
            return []
        grid = self.grid
        earliest = session.earliest or 0
        latest = session.latest if session.latest is not None else DAY
        ranges = []
        for d in range(len(self.scenario.days)):
            lo, hi = grid.starts_within(earliest, latest, durations[d])
            ranges.append((d * grid.per_day + lo, d * grid.per_day + hi))
        return [Restriction(
            "earliest-latest", f"session {session.id}", _domain(ranges),
            f"{session.id!r} must run between {_clock_range(earliest, latest)}",
        )]

    def _pinned(self, session: Session) -> list[Restriction]:
        """pinned: a session pinned to a day and/or a start keeps them (a start off the
        time grid allows nothing). A pinned room is a room rule (see :meth:`_rooms`)."""
        pin = session.pin
        if pin is None or (pin.day is None and pin.start is None):
            return []
        sc, grid = self.scenario, self.grid
        pin_days = list(range(len(sc.days))) if pin.day is None else [sc.days.index(pin.day)]
        ranges = []
        for d in pin_days:
            if pin.start is None:
                ranges.append((d * grid.per_day, (d + 1) * grid.per_day - 1))
            elif pin.start % grid.g == 0:
                t = d * grid.per_day + pin.start // grid.g
                ranges.append((t, t))
        what = " ".join(
            x for x in (str(pin.day) if pin.day else "", format_clock(pin.start)
                        if pin.start is not None else "") if x
        )
        return [Restriction(
            "pinned", f"session {session.id}", _domain(ranges),
            f"{session.id!r} is pinned to {what}",
        )]

    def _person_availability(self, session: Session,
                             durations: dict[int, int]) -> list[Restriction]:
        """person-availability: a session lies inside an available window of each of its
        people who lists any (their windows converted to the event's timezone)."""
        sc, grid = self.scenario, self.grid
        out = []
        for pid in session.person_ids:
            person = self.people[pid]
            if person.available is None:
                continue
            windows = sc.windows_in_event_time(person.available, person.timezone)
            ranges = []
            for ws, we in windows:
                d = ws // DAY
                if d not in durations:
                    continue
                lo, hi = grid.starts_within(ws, we, durations[d])
                ranges.append((lo, hi))
            out.append(Restriction(
                "person-availability", f"person {pid}", _domain(ranges),
                f"{person.label} is available only in their listed windows",
            ))
        return out

    def _fixed_breaks(self, durations: dict[int, int]) -> list[Restriction]:
        """breaks (fixed): a session that observes breaks does not overlap a fixed break
        (placed breaks move, so they are constraints of the model, not restrictions)."""
        sc, grid = self.scenario, self.grid
        out = []
        for brk in sc.breaks.fixed:
            forbidden = []
            for d in range(len(sc.days)):
                if brk.day is not None and sc.days[d] != brk.day:
                    continue
                bs, be = d * DAY + brk.start, d * DAY + brk.end
                forbidden.append(grid.starts_overlapping(bs, be, durations[d]))
            if forbidden:
                out.append(Restriction(
                    "breaks", f"break {brk.id}", _domain(forbidden).complement(),
                    f"no session may overlap the break {brk.title or brk.id!r} "
                    f"({_clock_range(brk.start, brk.end)})",
                ))
        return out

    # ------------------------------------------------------------------ per session

    def _allowed_days(self, session: Session) -> list[int]:
        days = self.scenario.days
        allowed = list(range(len(days)))
        if session.days:
            allowed = [i for i in allowed if days[i] in session.days]
        return allowed

    def _durations(self, session: Session, allowed: list[int]) -> dict[int, int]:
        if self.scenario.is_whole_day(session):
            out = {}
            for d in allowed:
                start, end = self.scenario.frame(self.scenario.days[d])
                out[d] = end - start
            return out
        length = self.scenario.duration(session)
        return {d: length for d in allowed}

    def _session(self, session: Session) -> SessionFacts:
        sc = self.scenario
        instrument = sc.instrument(session)
        allowed = self._allowed_days(session)
        durations = self._durations(session, allowed)
        # Every day of the event, so that the day-frame restriction names them all.
        for d in range(len(sc.days)):
            durations.setdefault(d, self._durations(session, [d])[d])
        restrictions: list[Restriction] = [
            self._day_frame(session, allowed, durations),
            *self._earliest_latest(session, durations),
            *self._pinned(session),
            *self._person_availability(session, durations),
            *(self._fixed_breaks(durations) if instrument.observes_breaks else []),
        ]

        domain, empty_by = self._intersect(restrictions)
        needs_room = session.format != "online" and instrument.needs_room
        self._availability: dict[str, Restriction] = {}
        rooms, rejected = self._rooms(session, instrument, durations, domain, needs_room)
        return SessionFacts(
            session=session, instrument=instrument,
            durations={d: durations[d] for d in allowed} or {0: durations[0]},
            restrictions=restrictions, domain=domain, empty_by=empty_by,
            needs_room=needs_room, rooms=rooms, rejected_rooms=rejected,
            room_availability=self._availability,
        )

    @staticmethod
    def _intersect(restrictions: list[Restriction]) -> tuple[Domain, Restriction | None]:
        domain: Domain | None = None
        for r in restrictions:
            domain = r.domain if domain is None else domain.intersection_with(r.domain)
            if domain.is_empty():
                return domain, r
        assert domain is not None
        return domain, None

    def _rooms(
        self, session: Session, instrument: Instrument, durations: dict[int, int],
        domain: Domain, needs_room: bool,
    ) -> tuple[list[RoomOption], dict[str, list[tuple[str, str]]]]:
        sc, grid = self.scenario, self.grid
        if not needs_room:
            return [], {}
        tags = [*instrument.room_tags, *session.room_tags]
        if session.format == "hybrid":
            tags.append(sc.hybrid.room_tag)
        options: list[RoomOption] = []
        rejected: dict[str, list[tuple[str, str]]] = {}
        for room in sc.rooms:
            reasons: list[tuple[str, str]] = []
            if session.pin and session.pin.room and room.id != session.pin.room:
                reasons.append(("pinned", f"{session.id!r} is pinned to room "
                                          f"{session.pin.room!r}"))
            if session.rooms is not None and room.id not in session.rooms:
                reasons.append(("room-allowed", f"{room.label} is not in the session's rooms"))
            if room.capacity < session.participants:
                reasons.append(("room-capacity", f"{room.label} seats {room.capacity}, "
                                                 f"{session.participants} expected"))
            missing = [t for t in tags if t not in room.tags]
            if missing:
                reasons.append(("room-tags", f"{room.label} is not tagged "
                                             f"{', '.join(missing)}"))
            restrictions: list[Restriction] = []
            room_domain = domain
            if room.available is not None:
                ranges = []
                for ws, we in sc.windows_in_event_time(room.available):
                    d = ws // DAY
                    if d in durations:
                        ranges.append(grid.starts_within(ws, we, durations[d]))
                restriction = Restriction(
                    "room-availability", f"room {room.id}", _domain(ranges),
                    f"{room.label} is available only in its listed windows",
                )
                restrictions.append(restriction)
                self._availability[room.id] = restriction
                room_domain = domain.intersection_with(restriction.domain)
                if room_domain.is_empty() and not domain.is_empty():
                    reasons.append(("room-availability", f"{room.label} is not available "
                                                         f"when {session.id!r} can run"))
            if reasons:
                rejected[room.id] = reasons
            else:
                options.append(RoomOption(room.id, room_domain, restrictions))
        return options, rejected

    def _add_fixed_exclusives(self, facts: dict[str, SessionFacts]) -> None:
        """A session of an exclusive instrument with one possible start blocks that time."""
        grid = self.grid
        fixed = [
            f for f in facts.values()
            if f.exclusive and f.observes_breaks and not f.optional
            and f.domain.size() == 1
        ]
        for ex in fixed:
            t = ex.domain.min()
            d = grid.day_of(t)
            es, ee = t * grid.g, t * grid.g + ex.durations.get(d, 0)
            for other in facts.values():
                if other is ex or not other.observes_breaks:
                    continue
                forbidden = [
                    grid.starts_overlapping(es, ee, other.durations.get(d, 0))
                ] if d in other.durations else []
                if not forbidden:
                    continue
                restriction = Restriction(
                    "exclusive", f"session {ex.id}", _domain(forbidden).complement(),
                    f"nothing may run during the exclusive {ex.session.title!r} "
                    f"({_clock_range(es % DAY, ee % DAY)})",
                )
                other.restrictions.append(restriction)
                if other.empty_by is None:
                    other.domain = other.domain.intersection_with(restriction.domain)
                    if other.domain.is_empty():
                        other.empty_by = restriction
                    for option in other.rooms:
                        option.domain = option.domain.intersection_with(restriction.domain)
