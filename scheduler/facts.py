"""Static facts about each session, computed before any CP-SAT variable exists.

Time is counted in *steps* of ``event.granularity`` minutes from midnight of the first
event day: step ``t`` is event minute ``t * g`` (day ``t // steps_per_day``). A session's
possible starts are a set of steps, built as the intersection of the rules that restrict
it (each kept apart, named after its rule, so the diagnosis can say which ones clash).
Candidate rooms are filtered here too (capacity, tags, allowed rooms, pinned room,
availability), with the reason each rejected room was turned down.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from ortools.sat.python.cp_model import Domain

from scheduler.collection import collection_paused
from scheduler.instruments import Instrument
from scheduler.scenario.model import DAY, Room, Scenario, Session
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


class RejectedRooms(Mapping[str, list[tuple[str, str]]]):
    """Room id -> every (rule, reason) that turns the room down, worded only when read.

    Worded eagerly, a 10,000-session, 300-room event held about 3 million reasons: a
    gigabyte and most of the facts' time, for a diagnosis that reads a few of them."""

    def __init__(self, rooms: list[str], word: Callable[[str], list[tuple[str, str]]]) -> None:
        self._rooms = rooms
        self._word = word

    def __getitem__(self, room: str) -> list[tuple[str, str]]:
        if room not in self._rooms:
            raise KeyError(room)
        return self._word(room)

    def __iter__(self) -> Iterator[str]:
        return iter(self._rooms)

    def __len__(self) -> int:
        return len(self._rooms)


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
    rejected_rooms: Mapping[str, list[tuple[str, str]]]
    """Room id -> every (rule, reason) that turns the room down (:class:`RejectedRooms`)."""
    room_availability: dict[str, Restriction] = field(default_factory=dict)
    """Starts each room's availability windows allow (rooms that list windows)."""
    blocks_in_facts: bool = False
    """An exclusive session whose one start was taken out of every other session's domain
    here (:meth:`FactBuilder._add_fixed_exclusives`): the model need not say it again."""
    every_day: dict[int, int] = field(default_factory=dict)
    """Minutes on every day of the event, allowed by ``days:`` or not: the diagnosis's
    relaxed model lets a session start on any day and holds ``days:`` by the guarded
    ``day-frame`` rule, so an explanation can name it (:func:`every_day`)."""

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


def every_day(facts: dict[str, SessionFacts]) -> dict[str, SessionFacts]:
    """The facts with each session's minutes on every day of the event (a copy): for the
    relaxed model of the diagnosis, where ``days:`` is held by the guarded ``day-frame``
    restriction rather than by the start domain (else an explanation would leave out a
    session's ``days:``, found by the oracle, oracle2)."""
    return {sid: replace(f, durations=f.every_day) if f.every_day else f
            for sid, f in facts.items()}


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
        self._rooms_by_id = {r.id: r for r in scenario.rooms}
        self._room_tags = {r.id: set(r.tags) for r in scenario.rooms}
        self._reserved = {r.id for r in scenario.rooms if r.reserved}
        # Read once: each lookup through the scenario checks its cached calendar (10,000
        # sessions made about 120,000 of them here).
        self._days = scenario.days
        self._frames = [scenario.frame(day) for day in self._days]
        self._any_room_windows = any(r.available is not None for r in scenario.rooms)
        self._static: dict[tuple[object, ...], tuple[list[str], list[str]]] = {}
        """(pin, allowed rooms, participants, wanted tags) -> the rooms that pass the
        static room rules and those that do not, in the scenario's order."""
        self._room_windows: dict[tuple[str, tuple[tuple[int, int], ...]], Restriction] = {}
        """(room, durations per day) -> its room-availability restriction."""

    def build(self) -> dict[str, SessionFacts]:
        with collection_paused():  # millions of long-lived objects (scheduler/collection.py)
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
        grid = self.grid
        frame_ranges = []
        whole_day = self.scenario.is_whole_day(session)
        for d in allowed:
            fs, fe = self._frames[d]
            base = d * grid.per_day
            if whole_day:
                lo = hi = fs // grid.g if fs % grid.g == 0 else -1
                if lo < 0:
                    continue
            else:
                lo, hi = grid.starts_within(fs, fe, durations[d])
            frame_ranges.append((base + lo, base + hi))
        days_note = (
            f" on {', '.join(str(self._days[d]) for d in allowed)}" if session.days else ""
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
        for d in range(len(self._days)):
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
        days = self._days
        allowed = list(range(len(days)))
        if session.days:
            allowed = [i for i in allowed if days[i] in session.days]
        return allowed

    def _durations(self, session: Session, allowed: list[int]) -> dict[int, int]:
        if self.scenario.is_whole_day(session):
            return {d: self._frames[d][1] - self._frames[d][0] for d in allowed}
        length = self.scenario.duration(session)
        return {d: length for d in allowed}

    def _session(self, session: Session) -> SessionFacts:
        instrument = self.scenario.instrument(session)
        allowed = self._allowed_days(session)
        durations = self._durations(session, allowed)
        # Every day of the event, so that the day-frame restriction names them all.
        every_day = self._durations(session, list(range(len(self._days))))
        for d in range(len(self._days)):
            durations.setdefault(d, every_day[d])
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
            room_availability=self._availability, every_day=dict(durations),
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
    ) -> tuple[list[RoomOption], Mapping[str, list[tuple[str, str]]]]:
        """The rooms that may hold the session, and the others with the reasons they are
        turned down (worded only when read)."""
        sc = self.scenario
        if not needs_room:
            return [], {}
        tags = [*instrument.room_tags, *session.room_tags]
        if session.format == "hybrid":
            tags.append(sc.hybrid.room_tag)
        wanted = frozenset(tags)
        pin = session.pin.room if session.pin else None
        passed, failed = self._static_rooms(pin, session.rooms, session.participants, wanted)
        if not self._any_room_windows:  # the static rules decide alone (a 10,000-session
            # event: 3 million room checks, the facts' largest cost, done per kind of session)
            return ([RoomOption(room_id, domain, []) for room_id in passed],
                    RejectedRooms(list(failed), lambda room_id: self._room_reasons(
                        session, tags, room_id, domain, durations)))
        static_ok = set(passed)
        options: list[RoomOption] = []
        rejected: list[str] = []
        for room in sc.rooms:
            restrictions: list[Restriction] = []
            room_domain = domain
            available = True
            if room.available is not None:
                restriction = self._room_availability(room.id, durations)
                restrictions.append(restriction)
                self._availability[room.id] = restriction
                room_domain = domain.intersection_with(restriction.domain)
                available = not (room_domain.is_empty() and not domain.is_empty())
            if room.id in static_ok and available:
                options.append(RoomOption(room.id, room_domain, restrictions))
            else:
                rejected.append(room.id)

        def word(room_id: str) -> list[tuple[str, str]]:
            return self._room_reasons(session, tags, room_id, domain, durations)

        return options, RejectedRooms(rejected, word)

    def _static_rooms(self, pin: str | None, allowed: list[str] | None, participants: int,
                      wanted: frozenset[str]) -> tuple[list[str], list[str]]:
        """The rooms (ids, in the scenario's order) that pass the rules a room's windows do
        not enter: the pinned room, the session's allowed rooms, capacity and tags; then
        those that do not. Worked out once per kind of session (these four values)."""
        key = (pin, None if allowed is None else tuple(allowed), participants, wanted)
        found = self._static.get(key)
        if found is None:
            passed: list[str] = []
            failed: list[str] = []
            for room in self.scenario.rooms:
                ok = ((pin is None or room.id == pin)
                      and (allowed is None or room.id in allowed)
                      and room.capacity >= participants
                      and wanted <= self._room_tags[room.id]
                      and (room.id not in self._reserved or room.id == pin
                           or (allowed is not None and room.id in allowed)
                           or bool(wanted & self._room_tags[room.id])))
                (passed if ok else failed).append(room.id)
            found = self._static[key] = (passed, failed)
        return found

    def _room_availability(self, room_id: str, durations: dict[int, int]) -> Restriction:
        """room-availability: the starts a room's listed windows allow a session of these
        durations (one restriction per room and durations, shared: restrictions are never
        changed once made)."""
        key = (room_id, tuple(sorted(durations.items())))
        made = self._room_windows.get(key)
        if made is not None:
            return made
        sc, grid = self.scenario, self.grid
        room = self._rooms_by_id[room_id]
        assert room.available is not None
        ranges = []
        for ws, we in sc.windows_in_event_time(room.available):
            d = ws // DAY
            if d in durations:
                ranges.append(grid.starts_within(ws, we, durations[d]))
        made = self._room_windows[key] = Restriction(
            "room-availability", f"room {room.id}", _domain(ranges),
            f"{room.label} is available only in its listed windows",
        )
        return made

    def _room_reasons(self, session: Session, tags: list[str], room_id: str, domain: Domain,
                      durations: dict[int, int]) -> list[tuple[str, str]]:
        """Every (rule, reason) that turns the room down for the session."""
        room = self._rooms_by_id[room_id]
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
        if reserved_refuses(room, session, tags):
            reasons.append(("room-tags", f"{room.label} is reserved for sessions that ask "
                                         f"for it (tagged {', '.join(room.tags) or 'nothing'})"))
        if room.available is not None:
            allowed = self._room_availability(room.id, durations).domain
            if domain.intersection_with(allowed).is_empty() and not domain.is_empty():
                reasons.append(("room-availability", f"{room.label} is not available "
                                                     f"when {session.id!r} can run"))
        return reasons

    def _add_fixed_exclusives(self, facts: dict[str, SessionFacts]) -> None:
        """A session of an exclusive instrument with one possible start blocks that time.

        Each blocked session gets one restriction per exclusive session (shared between
        sessions of the same length that day); its rooms are narrowed once, by all of
        them together (one by one, a 10,000-session event took a minute here).

        Repeated until no exclusive session is left with one start and no block: blocking
        one can leave another with one start (pycon-40 seed 11: the award ceremony had six
        starts until registration, opening and closing took theirs; blocked by nobody, it
        ran beside two talks). Each blocked one is marked ``blocks_in_facts``; the model
        says the rule for every other exclusive session (``constraints._exclusive``).
        An exclusive session blocks others whether or not it observes breaks itself (a
        plenary made ``observes-breaks: false`` still runs alone: docs/rules.md)."""
        made: dict[tuple[str, int], Restriction] = {}
        while True:
            fixed = [
                f for f in facts.values()
                if f.exclusive and not f.optional
                and f.domain.size() == 1 and not f.blocks_in_facts
            ]
            if not fixed:
                return
            for ex in fixed:
                ex.blocks_in_facts = True
            self._block(facts, fixed, made)

    def _block(self, facts: dict[str, SessionFacts], fixed: list[SessionFacts],
               made: dict[tuple[str, int], Restriction]) -> None:
        """Take the times of the ``fixed`` exclusive sessions out of every other session
        that observes breaks (``made``: the restrictions so far, by session and length)."""
        grid = self.grid
        for other in facts.values():
            if not other.observes_breaks:
                continue
            applied: Domain | None = None
            for ex in fixed:
                if other is ex:
                    continue
                t = ex.domain.min()
                d = grid.day_of(t)
                if d not in other.durations:
                    continue
                key = (ex.id, other.durations[d])
                restriction = made.get(key)
                if restriction is None:
                    es, ee = t * grid.g, t * grid.g + ex.durations.get(d, 0)
                    forbidden = [grid.starts_overlapping(es, ee, other.durations[d])]
                    restriction = made[key] = Restriction(
                        "exclusive", f"session {ex.id}", _domain(forbidden).complement(),
                        f"nothing may run during the exclusive {ex.session.title!r} "
                        f"({_clock_range(es % DAY, ee % DAY)})",
                    )
                other.restrictions.append(restriction)
                if other.empty_by is None:
                    other.domain = other.domain.intersection_with(restriction.domain)
                    applied = (restriction.domain if applied is None
                               else applied.intersection_with(restriction.domain))
                    if other.domain.is_empty():
                        other.empty_by = restriction
            if applied is not None:
                # Rooms without windows share the session's domain: intersect it once.
                narrowed: dict[int, tuple[Domain, Domain]] = {}
                for option in other.rooms:
                    done = narrowed.get(id(option.domain))
                    if done is None:
                        done = narrowed[id(option.domain)] = (
                            option.domain, option.domain.intersection_with(applied))
                    option.domain = done[1]


def reserved_refuses(room: Room, session: Session, wanted: list[str]) -> bool:
    """A ``reserved`` room turns the session down: it asks for none of the room's tags
    (``wanted``: the instrument's and session's room tags, the hybrid tag) and does not name
    the room in ``rooms:`` or ``pin.room``."""
    if not room.reserved:
        return False
    if session.pin is not None and session.pin.room == room.id:
        return False
    if session.rooms is not None and room.id in session.rooms:
        return False
    return not set(wanted) & set(room.tags)
