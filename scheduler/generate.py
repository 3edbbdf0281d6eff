"""Seeded generator of realistic, feasible scenarios for benchmarks and tests.

The rule: every generated scenario has a schedule that satisfies every hard rule, because
the generator first *plants* one (a hidden timetable laid out block by block, room by
room, leaving at least a quarter of the room-time free) and then writes only constraints
that this planted timetable satisfies: people get sessions only when they are free, their
availability windows cover their planted sessions, tracks never overlap in the plan,
licences cover the plan's busiest moment, ``after:`` only points backwards in the plan,
and so on. The solver is free to find anything better.

The same seed and parameters always give the same file (``random.Random(seed)`` only).
Shapes are preset sizes: ``seminar``, ``pycon``, ``large``, ``euro``, ``informs``.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Any

import yaml

from scheduler.errors import UsageError
from scheduler.schedule import (
    Schedule,
    ScheduledBreak,
    ScheduledSession,
    SolveInfo,
    SolveStatus,
)
from scheduler.timeparse import format_clock, format_duration

# --------------------------------------------------------------------------- parameters


@dataclass(frozen=True)
class DayLayout:
    """How a day is cut: the frame start, the working blocks and the breaks between them.

    ``blocks`` are the lengths of the working blocks in minutes; ``breaks`` the
    ``(kind, minutes)`` of the breaks between consecutive blocks (one fewer than blocks).
    """

    start: int
    blocks: tuple[int, ...]
    breaks: tuple[tuple[str, int], ...]

    @property
    def end(self) -> int:
        return self.start + sum(self.blocks) + sum(m for _, m in self.breaks)


MIXED_DAY = DayLayout(
    start=8 * 60 + 30,
    blocks=(120, 120, 120, 120),
    breaks=(("coffee", 30), ("lunch", 60), ("coffee", 30)),
)
"""08:30-18:30: four two-hour blocks, coffee, lunch, coffee (480 working minutes)."""

EURO_DAY = DayLayout(
    start=8 * 60 + 40,
    blocks=(80, 80, 80, 80, 80),
    breaks=(("coffee", 20), ("lunch", 60), ("coffee", 20), ("coffee", 20)),
)
"""Five session slots of 80 minutes (four 20-minute talks each)."""

INFORMS_DAY = DayLayout(
    start=8 * 60,
    blocks=(75, 75, 75, 75, 75),
    breaks=(("coffee", 30), ("lunch", 60), ("coffee", 30), ("coffee", 15)),
)
"""Five session slots of 75 minutes (four talks each)."""

KNOWLEDGE_MIX: dict[str, float] = {
    "workshop": 14, "dialogue": 8, "knowledge-jam": 5, "presentation": 10, "lecture": 10,
    "talk": 20, "conference": 8, "consultation": 6, "twinning": 4, "unconference": 3,
    "knowledge-fair": 2, "expert-visit": 2,
}
"""Instruments of regular sessions in knowledge-exchange events, by relative frequency."""

TALK_MIX: dict[str, float] = {"talk": 85, "workshop": 8, "lecture": 7}
"""A Python-conference programme: mostly talks, some tutorials."""

SESSION_MIX: dict[str, float] = {"conference": 1}
"""An OR conference: every session is four talks of one stream."""

DURATIONS: dict[str, tuple[int, ...]] = {
    "workshop": (90, 60), "dialogue": (90, 60), "knowledge-jam": (120, 90),
    "presentation": (60, 45), "lecture": (60, 45), "talk": (30,),
    "conference": (90, 60), "consultation": (45, 30), "twinning": (90, 60),
    "unconference": (90, 60), "knowledge-fair": (120, 90), "expert-visit": (120, 90),
    "competition": (120, 90), "community-of-practice": (60, 45),
}
"""Durations a generated session of each instrument may take, longest first.

The generator shortens sessions (towards the last entry) when the rooms would be too
full; knowledge jams never go below the 90-minute gathering stage."""

TOPICS_EN = (
    "open data", "civic tech", "partnership cycles", "community building", "fundraising",
    "impact evaluation", "digital security", "volunteer management", "advocacy",
    "youth leadership", "climate adaptation", "local governance", "media literacy",
    "social enterprise", "knowledge management", "scheduling at scale", "type hints",
    "async I/O", "packaging", "data pipelines", "testing", "accessibility",
)
TOPICS_RU = (
    "открытые данные", "гражданские технологии", "цикл партнёрства", "развитие сообществ",
    "фандрайзинг", "оценка воздействия", "цифровая безопасность", "работа с волонтёрами",
    "адвокация", "молодёжное лидерство", "местное самоуправление", "медиаграмотность",
)
GIVEN = ("Aigul", "Bakyt", "Dana", "Elena", "Farid", "Gulnara", "Ivan", "Jyldyz", "Kamila",
         "Marat", "Nurlan", "Olga", "Pavel", "Rustam", "Saule", "Timur", "Zarina", "Alex",
         "Maria", "Tom", "Priya", "Chen", "Fatima", "Lukas")
GIVEN_RU = ("Айгуль", "Бакыт", "Дана", "Елена", "Фарид", "Гульнара", "Иван", "Жылдыз",
            "Камила", "Марат", "Нурлан", "Ольга")
FAMILY = ("Abdyldaeva", "Bekov", "Smith", "Ivanova", "Nurlanov", "Garcia", "Müller",
          "Kim", "Osei", "Rossi", "Tanaka", "Novak")
FAMILY_RU = ("Абдылдаева", "Беков", "Иванова", "Нурланов", "Сергеев", "Токтогулова")
ORGS = ("ПРООН", "UNESCO", "Civic Lab", "Open Society Hub", "Министерство цифрового развития",
        "City of Bishkek", "Eurasia Foundation", "Tech for Good", "Ассоциация НКО",
        "University of Central Asia")


@dataclass(frozen=True)
class GeneratorParams:
    """Everything the generator needs besides the seed.

    ``sessions`` counts sessions after series are expanded (each meeting of a community
    of practice is one), including the opening, closing and other fixed items.
    """

    sessions: int
    rooms: int
    days: int
    tracks: int
    registrations: int = 0
    shape: str = "custom"
    layout: DayLayout = MIXED_DAY
    granularity: int = 15
    mix: dict[str, float] = field(default_factory=lambda: dict(KNOWLEDGE_MIX))
    online_share: float = 0.08
    hybrid_share: float = 0.2
    extras: bool = True
    """Competitions, study tours, communities of practice, plenaries, extra constraints."""
    speakers_per_session: int = 1
    load: float = 0.75
    """Most of the room-time (working blocks x rooms) the planted timetable may fill."""
    simple: bool = False
    """Only 30-minute in-person talks with speakers, tracks, rooms, availability and
    registrations: the subset of the rules a slot-based peer (conference-scheduler) can
    express. No fixed items, no series, no ordering, no daily limits."""
    first_day: dt.date = dt.date(2026, 6, 1)


SHAPES: dict[str, GeneratorParams] = {
    "seminar": GeneratorParams(sessions=20, rooms=5, days=1, tracks=3, registrations=40,
                               shape="seminar"),
    "pycon": GeneratorParams(sessions=100, rooms=6, days=2, tracks=6, registrations=300,
                             shape="pycon", mix=dict(TALK_MIX), online_share=0.0,
                             hybrid_share=0.1),
    "large": GeneratorParams(sessions=1000, rooms=40, days=3, tracks=30, registrations=1500,
                             shape="large", mix={**KNOWLEDGE_MIX, "talk": 130},
                             online_share=0.15),
    "euro": GeneratorParams(sessions=500, rooms=60, days=3, tracks=50, shape="euro",
                            layout=EURO_DAY, granularity=20, mix=dict(SESSION_MIX),
                            online_share=0.0, hybrid_share=0.05, extras=False,
                            speakers_per_session=4),
    "informs": GeneratorParams(sessions=1200, rooms=80, days=4, tracks=60, shape="informs",
                               layout=INFORMS_DAY, granularity=15, mix=dict(SESSION_MIX),
                               online_share=0.0, hybrid_share=0.05, extras=False,
                               speakers_per_session=4, load=0.8),
}
"""Preset sizes. ``euro``: 500 sessions of 4 x 20-minute talks in 14 slots (days of 5, 5
and 4 slots), ~60 rooms. ``informs``: 1,200 sessions of 4 talks, 80 rooms; 80 rooms x 15
slots would be 100% full and leave no choice, so the generator gives 4 days of 5 slots
(about 79% of the slot-room pairs used, the opening and closing included)."""

SESSION_DURATION = {"euro": 80, "informs": 75}


def params_for(
    shape: str | None = None, *, sessions: int | None = None, rooms: int | None = None,
    days: int | None = None, tracks: int | None = None, registrations: int | None = None,
    simple: bool = False,
) -> GeneratorParams:
    """Parameters of a preset shape (default ``seminar``) with any value overridden."""
    name = shape or "seminar"
    if name not in SHAPES:
        raise UsageError(f"unknown shape {name!r}; use one of: {', '.join(SHAPES)}")
    base = SHAPES[name]
    changes: dict[str, Any] = {}
    for key, value in (("sessions", sessions), ("rooms", rooms), ("days", days),
                       ("tracks", tracks), ("registrations", registrations)):
        if value is not None:
            changes[key] = value
    params = replace(base, **changes)
    if simple:
        params = replace(params, simple=True, extras=False, online_share=0.0,
                         hybrid_share=0.0, mix={"talk": 1.0}, speakers_per_session=1,
                         shape=f"{params.shape}-simple", layout=MIXED_DAY, granularity=15)
    _validate(params)
    return params


def _validate(p: GeneratorParams) -> None:
    for name in ("sessions", "rooms", "days"):
        if getattr(p, name) < 1:
            raise UsageError(f"--{name} must be at least 1 (got {getattr(p, name)})")
    if p.tracks < 0 or p.registrations < 0:
        raise UsageError("--tracks and --registrations cannot be negative")
    if p.days > 30:
        raise UsageError(f"--days {p.days} is more than the generator supports (30)")


# --------------------------------------------------------------------------- the plan


@dataclass
class Planned:
    """One session of the hidden timetable, with what will be written for it."""

    id: str
    instrument: str
    duration: int
    day: int = 0
    start: int = 0
    room: str | None = None
    format: str = "in-person"
    exclusive: bool = False
    needs_tag: str | None = None
    track: str | None = None
    people: dict[str, list[str]] = field(default_factory=dict)
    participants: int = 0
    series: str | None = None
    deadline: tuple[int, int] | None = None
    """Must end by this (day, clock): e.g. a competition before its award ceremony."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def end(self) -> int:
        return self.start + self.duration


@dataclass
class Region:
    """Free time in one room of one block of one day; sessions fill it from the start."""

    day: int
    block: int
    room: str
    start: int
    end: int
    cursor: int = 0

    @property
    def free(self) -> int:
        return self.end - self.cursor


@dataclass
class RoomSpec:
    id: str
    name: str
    capacity: int
    tags: list[str]


class Generator:
    """Builds one scenario from parameters and a seed (use :func:`generate`)."""

    def __init__(self, params: GeneratorParams, seed: int) -> None:
        self.p = params
        self.seed = seed
        self.rng = random.Random(f"confsched-generate:{seed}")
        self.g = params.granularity
        self.dates = [params.first_day + dt.timedelta(days=i) for i in range(params.days)]
        self.plan: list[Planned] = []
        self.people: dict[str, dict[str, Any]] = {}
        self.busy: dict[str, list[tuple[int, int, int]]] = {}
        self.pools: dict[str, list[str]] = {}
        self.counter = 0
        self.competition: Planned | None = None
        self.titles: dict[str, str] = {}
        self.break_ids: list[dict[str, Any]] = []

    # ------------------------------------------------------------------ entry point

    def build(self) -> dict[str, Any]:
        self.rooms = self._rooms()
        self.day_blocks = [self._blocks(d) for d in range(self.p.days)]
        self.planted_breaks = [self._breaks(d) for d in range(self.p.days)]
        self.open: dict[tuple[int, int], tuple[int, int]] = {}
        self._fixed_items()
        self._study_tours()
        self._regular_sessions()
        self._participants()
        self._tracks()
        self._people()
        if self.p.extras:
            self._relations()
        return self._write()

    # ------------------------------------------------------------------ rooms and days

    def _rooms(self) -> list[RoomSpec]:
        """A big hall, some medium rooms, many small ones; hybrid and exhibition tags."""
        rooms: list[RoomSpec] = []
        n = self.p.rooms
        for i in range(n):
            if i == 0:
                capacity, name = self.rng.choice((300, 400, 500)), "Main hall"
            elif i < max(1, n // 6):
                capacity, name = self.rng.choice((120, 150, 200)), f"Hall {i}"
            elif i < n // 2:
                capacity, name = self.rng.choice((60, 80, 100)), f"Room {i}"
            else:
                capacity, name = self.rng.choice((30, 40, 50)), f"Room {i}"
            tags = []
            if i == 0 or self.rng.random() < 0.4:
                tags.append("hybrid")
            rooms.append(RoomSpec(f"r{i:02d}", name, capacity, tags))
        if self.p.extras and n >= 3:
            for k in range(1, 2 + n // 20):
                rooms[k].tags.append("exhibition")
                rooms[k].name = f"Exhibition hall {k}"
        if self._has_tours():
            rooms.append(RoomSpec("offsite", "Off-site visit (bus from the venue)", 25,
                                  ["offsite"]))
        return rooms

    def _has_tours(self) -> bool:
        return self.p.extras and self.p.rooms >= 4 and self.p.sessions >= 30

    def _day_layout(self, day: int) -> DayLayout:
        layout = self.p.layout
        if self.p.shape == "euro" and self.p.days >= 3 and day == self.p.days - 1:
            return DayLayout(layout.start, layout.blocks[:4], layout.breaks[:3])
        return layout

    def _blocks(self, day: int) -> list[tuple[int, int]]:
        layout = self._day_layout(day)
        blocks, t = [], layout.start
        for i, length in enumerate(layout.blocks):
            blocks.append((t, t + length))
            t += length + (layout.breaks[i][1] if i < len(layout.breaks) else 0)
        return blocks

    def _breaks(self, day: int) -> list[tuple[str, int, int]]:
        layout = self._day_layout(day)
        out = []
        for i, (kind, minutes) in enumerate(layout.breaks):
            start = self.day_blocks[day][i][1]
            out.append((kind, start, start + minutes))
        return out

    def _open(self, day: int, block: int) -> tuple[int, int]:
        """The part of a block not taken by exclusive items at its start or end."""
        return self.open.get((day, block), self.day_blocks[day][block])

    # ------------------------------------------------------------------ the sessions

    def _new_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter:04d}"

    def _exclusive(self, ident: str, instrument: str, duration: int, day: int, block: int,
                   at_end: bool, pinned: bool) -> Planned:
        """An exclusive item at the start or end of a block, in the main hall."""
        lo, hi = self._open(day, block)
        if at_end:
            start, self.open[(day, block)] = hi - duration, (lo, hi - duration)
        else:
            start, self.open[(day, block)] = lo, (lo + duration, hi)
        item = Planned(ident, instrument, duration, day, start, self.rooms[0].id, exclusive=True)
        if pinned:
            item.extra["pin"] = {"day": self.dates[day].isoformat(), "start": format_clock(start),
                                 "room": self.rooms[0].id}
        self.plan.append(item)
        return item

    def _grid(self, minutes: int) -> int:
        """``minutes`` rounded up to the time grid."""
        return -(-minutes // self.g) * self.g

    def _budget(self) -> int:
        return self.p.sessions - len(self.plan)

    def _fixed_items(self) -> None:
        """Registration and opening on day 1, closing on the last day, keynotes."""
        last = self.p.days - 1
        if self.p.sessions >= 10 and not self.p.simple:
            reg = self._exclusive("registration", "registration", self._grid(30), 0, 0, False,
                                  True)
            reg.participants = 0
            opening = self._exclusive("opening", "opening", self._grid(30), 0, 0, False, True)
            opening.format = "hybrid" if self.p.hybrid_share else "in-person"
            self._exclusive("closing", "closing", self._grid(15), last,
                            len(self.day_blocks[last]) - 1, True, True)
        if self.p.extras and self.p.sessions >= 50:
            for day in range(self.p.days):
                if self._budget() > 0:
                    self._exclusive(f"keynote-{day + 1}", "plenary", 45, day, 1, False,
                                    self.rng.random() < 0.5)
        if self.p.extras and self.p.sessions >= 15 and self._budget() >= 2:
            day = self.rng.randrange(self.p.days)
            comp = Planned(self._new_id("competition"), "competition",
                           self.rng.choice(DURATIONS["competition"]))
            award = self._exclusive(f"award-{comp.id}", "award-ceremony", 30, day,
                                    len(self.day_blocks[day]) - 1, True, False)
            award.extra["after"] = [comp.id]
            comp.deadline = (day, award.start)
            self.competition = comp

    def _study_tours(self) -> None:
        if not self._has_tours():
            return
        tour_days = sorted(self.rng.sample(range(self.p.days), max(1, round(self.p.days * 0.6))))
        for day in tour_days:
            if self._budget() <= 0:
                continue
            layout = self._day_layout(day)
            tour = Planned(self._new_id("tour"), "study-tour", layout.end - layout.start, day,
                           layout.start, "offsite")
            tour.extra["whole-day"] = True
            self.plan.append(tour)

    def _regular_sessions(self) -> None:
        """Draw instruments, then pack them into room blocks, longest first."""
        drawn: list[Planned] = [self.competition] if self.competition else []
        if self.p.extras and self.p.days >= 2 and self._budget() >= self.p.days + 5:
            count = min(self.p.days, 3)
            series = self._new_id("cop")
            duration = self.rng.choice(DURATIONS["community-of-practice"])
            fmt = self.rng.choice(("online", "in-person", "hybrid"))
            for k in range(count):
                meeting = Planned(f"{series}#{k + 1}", "community-of-practice", duration,
                                  format=fmt, series=series)
                drawn.append(meeting)
        mix = {k: v for k, v in self.p.mix.items()
               if k != "knowledge-fair" or any("exhibition" in r.tags for r in self.rooms)}
        names, weights = list(mix), list(mix.values())
        while len(drawn) < self._budget():
            instrument = self.rng.choices(names, weights)[0]
            options = DURATIONS.get(instrument, (60,))
            if self.p.shape in SESSION_DURATION:
                options = (SESSION_DURATION[self.p.shape],)
            duration = self.rng.choice(options) if self.p.shape != "seminar" else options[-1]
            drawn.append(Planned(self._new_id(instrument[:4]), instrument, duration))
        for item in drawn:
            self._choose_format(item)
        self._fit_load(drawn)
        self._pack(drawn)
        self.plan.extend(drawn)

    def _choose_format(self, item: Planned) -> None:
        if item.series:
            if item.format == "hybrid":
                item.needs_tag = "hybrid"
            return
        allowed = {"knowledge-fair": ("in-person", "hybrid"), "expert-visit": ("in-person",),
                   "competition": ("in-person", "hybrid"),
                   "unconference": ("in-person", "hybrid")}.get(
            item.instrument, ("in-person", "online", "hybrid"))
        roll = self.rng.random()
        if roll < self.p.online_share and "online" in allowed:
            item.format = "online"
        elif roll < self.p.online_share + self.p.hybrid_share and "hybrid" in allowed:
            item.format = "hybrid"
            item.needs_tag = "hybrid"
        if item.instrument == "knowledge-fair":
            item.needs_tag = "exhibition"
            item.format = "in-person"

    def _regions(self) -> list[Region]:
        regions = []
        for day, blocks in enumerate(self.day_blocks):
            for b in range(len(blocks)):
                lo, hi = self._open(day, b)
                for room in self.rooms:
                    if room.id != "offsite":
                        regions.append(Region(day, b, room.id, lo, hi, lo))
        return regions

    def _fit_load(self, drawn: list[Planned]) -> None:
        """Shorten sessions (within their instrument's durations) until the plan has slack."""
        capacity = sum(r.end - r.start for r in self._regions())
        target = self.p.load * capacity

        def used() -> int:
            return sum(s.duration for s in drawn if s.format != "online")

        order = sorted((s for s in drawn if s.format != "online"), key=lambda s: -s.duration)
        for item in order:
            if used() <= target:
                break
            shorter = [d for d in DURATIONS.get(item.instrument, ()) if d < item.duration]
            if shorter and not item.series and self.p.shape not in SESSION_DURATION:
                item.duration = shorter[-1]
        if used() > target:
            need = used()
            raise UsageError(
                f"{len(drawn)} regular sessions need {need} room-minutes but {self.p.rooms} rooms "
                f"x {self.p.days} days give {capacity}, and at most {self.p.load:.0%} of it "
                f"may be used so that the scenario stays solvable",
                ) from None

    def _pack(self, drawn: list[Planned]) -> None:
        """First fit decreasing with random choice among rooms with room for the session."""
        regions = self._regions()
        by_room_tags = {r.id: set(r.tags) for r in self.rooms}
        online_lanes: dict[tuple[int, int], list[int]] = {}
        series_days: dict[str, set[int]] = {}
        for item in sorted(drawn, key=lambda s: (s.needs_tag is None, s.deadline is None,
                                                 -s.duration, s.id)):
            if item.format == "online":
                self._place_online(item, online_lanes, series_days)
                continue
            fits = [r for r in regions if r.free >= item.duration
                    and (item.needs_tag is None or item.needs_tag in by_room_tags[r.room])
                    and (item.series is None or r.day not in series_days.get(item.series, ()))
                    and (item.deadline is None or (r.day, r.end) <= item.deadline)]
            if not fits and item.format == "hybrid" and not item.series:
                item.format, item.needs_tag = "in-person", None
                fits = [r for r in regions if r.free >= item.duration
                        and (item.deadline is None or (r.day, r.end) <= item.deadline)]
            if not fits:
                raise UsageError(
                    f"could not fit session {item.id} ({item.duration} min"
                    + (f", needs a {item.needs_tag} room" if item.needs_tag else "")
                    + "); add rooms or days, or fewer sessions")
            fits.sort(key=lambda r: -r.free)
            region = self.rng.choice(fits[: max(3, len(fits) // 3)])
            item.day, item.start, item.room = region.day, region.cursor, region.room
            region.cursor += item.duration
            if item.series:
                series_days.setdefault(item.series, set()).add(item.day)

    def _place_online(self, item: Planned, lanes: dict[tuple[int, int], list[int]],
                      series_days: dict[str, set[int]]) -> None:
        """Online sessions take no room: they run in the open part of a block."""
        options = [(d, b) for d in range(self.p.days) for b in range(len(self.day_blocks[d]))
                   if item.series is None or d not in series_days.get(item.series, ())]
        self.rng.shuffle(options)
        for day, block in options:
            lo, hi = self._open(day, block)
            if hi - lo >= item.duration:
                slots = (hi - lo - item.duration) // self.g
                item.day, item.start = day, lo + self.g * self.rng.randint(0, slots)
                lanes.setdefault((day, block), []).append(item.start)
                if item.series:
                    series_days.setdefault(item.series, set()).add(day)
                return
        raise UsageError(f"could not fit online session {item.id}")

    # ------------------------------------------------------------------ people and sizes

    def _participants(self) -> None:
        capacity = {r.id: r.capacity for r in self.rooms}
        limits = {"workshop": 35, "study-tour": 25, "expert-visit": 10, "consultation": 10}
        for item in self.plan:
            if item.instrument == "registration":
                continue
            room_cap = capacity.get(item.room or "", 80)
            value = int(room_cap * self.rng.uniform(0.45, 0.95))
            if item.instrument in limits:
                value = min(value, limits[item.instrument])
            if item.instrument == "study-tour":
                value = min(value, self.rng.randint(12, 19))
            item.participants = max(3, value)
        smallest: dict[str, int] = {}
        for item in self.plan:
            if item.series:
                smallest[item.series] = min(smallest.get(item.series, 10**6), item.participants)
        for item in self.plan:
            if item.series:
                item.participants = smallest[item.series]

    def _tracks(self) -> None:
        """Interval colouring per day: a session takes its room's home track when free."""
        if not self.p.tracks:
            return
        tracks = [f"t{k:02d}" for k in range(self.p.tracks)]
        room_index = {r.id: i for i, r in enumerate(self.rooms)}
        for day in range(self.p.days):
            free_at = dict.fromkeys(tracks, 0)
            todays = sorted((s for s in self.plan if s.day == day and not s.exclusive
                             and s.instrument != "study-tour"), key=lambda s: (s.start, s.id))
            for item in todays:
                home = tracks[room_index.get(item.room or "", self.rng.randrange(len(tracks)))
                              % len(tracks)]
                if item.series:
                    continue
                if free_at[home] <= item.start:
                    choice: str | None = home
                else:
                    free = [t for t in tracks if free_at[t] <= item.start]
                    choice = self.rng.choice(free) if free else None
                if choice is not None:
                    item.track = choice
                    free_at[choice] = item.end

    ROLES: dict[str, list[tuple[str, int, str]]] = {
        "workshop": [("facilitator", 1, "facilitator")],
        "dialogue": [("facilitator", 1, "facilitator")],
        "unconference": [("facilitator", 1, "facilitator")],
        "knowledge-jam": [("facilitator", 1, "facilitator"), ("broker", 1, "broker")],
        "competition": [("jury", 3, "jury")],
        "community-of-practice": [("coordinator", 1, "coordinator")],
        "study-tour": [("coordinator", 1, "coordinator")],
        "expert-visit": [("expert", 1, "expert")],
        "consultation": [("expert", 1, "expert")],
        "twinning": [("representative", 2, "org")],
        "talk": [("speaker", 1, "speaker")],
        "lecture": [("speaker", 1, "speaker")],
        "plenary": [("speaker", 1, "speaker")],
        "presentation": [("speaker", 3, "speaker")],
        "conference": [("chair", 1, "facilitator"), ("speaker", 3, "speaker")],
        "opening": [("facilitator", 1, "host"), ("speaker", 2, "speaker")],
        "closing": [("facilitator", 1, "host")],
        "award-ceremony": [("facilitator", 1, "host")],
    }
    REUSE = {"facilitator": 0.75, "broker": 0.5, "jury": 0.5, "coordinator": 0.3,
             "expert": 0.6, "org": 0.4, "speaker": 0.15, "host": 0.95}

    def _people(self) -> None:
        """Fill the roles of each session with people who are free in the plan."""
        series_people: dict[str, dict[str, list[str]]] = {}
        meetings: dict[str, list[Planned]] = {}
        for item in self.plan:
            if item.series:
                meetings.setdefault(item.series, []).append(item)
        for item in sorted(self.plan, key=lambda s: (s.day, s.start, s.id)):
            if item.series and item.series in series_people:
                item.people = series_people[item.series]
                continue
            slots = [(s.day, s.start, s.end) for s in meetings.get(item.series or "", [item])]
            roles = list(self.ROLES.get(item.instrument, []))
            if self.p.speakers_per_session > 1 and item.instrument == "conference":
                roles = [("chair", 1, "facilitator"),
                         ("speaker", self.p.speakers_per_session, "speaker")]
            people: dict[str, list[str]] = {}
            used: set[str] = set()
            orgs: set[str] = set()
            for role, count, pool in roles:
                for _ in range(count):
                    pid = self._pick_person(pool, slots, used, orgs if pool == "org" else None)
                    used.add(pid)
                    people.setdefault(role, []).append(pid)
            item.people = people
            if item.series:
                series_people[item.series] = people

    def _pick_person(self, pool: str, slots: list[tuple[int, int, int]], used: set[str],
                     orgs: set[str] | None) -> str:
        members = self.pools.setdefault(pool, [])
        if members and self.rng.random() < self.REUSE.get(pool, 0.3):
            for _ in range(6):
                pid = self.rng.choice(members)
                if pid in used or not self._free(pid, slots):
                    continue
                if orgs is not None and self.people[pid]["organisation"] in orgs:
                    continue
                if sum(1 for d, _, _ in self.busy[pid] if d == slots[0][0]) >= 3:
                    continue
                self._book(pid, slots, orgs)
                return pid
        pid = self._new_person(pool, orgs)
        members.append(pid)
        self._book(pid, slots, orgs)
        return pid

    def _free(self, pid: str, slots: list[tuple[int, int, int]]) -> bool:
        return all(not (d == d2 and s < e2 and s2 < e)
                   for d, s, e in slots for d2, s2, e2 in self.busy[pid])

    def _book(self, pid: str, slots: list[tuple[int, int, int]], orgs: set[str] | None) -> None:
        self.busy[pid].extend(slots)
        if orgs is not None:
            orgs.add(self.people[pid]["organisation"])

    def _new_person(self, pool: str, orgs: set[str] | None) -> str:
        pid = f"p{len(self.people) + 1:05d}"
        russian = self.rng.random() < 0.3
        given = self.rng.choice(GIVEN_RU if russian else GIVEN)
        family = self.rng.choice(FAMILY_RU if russian else FAMILY)
        choices = [o for o in ORGS if orgs is None or o not in orgs]
        self.people[pid] = {"id": pid, "name": f"{given} {family}",
                            "organisation": self.rng.choice(choices), "pool": pool}
        self.busy[pid] = []
        return pid

    # ------------------------------------------------------------------ extra constraints

    def _relations(self) -> None:
        """Ordering, same-day, not-parallel, pins, room lists and windows the plan obeys."""
        regular = [s for s in self.plan if not s.exclusive and not s.series
                   and s.instrument not in ("study-tour", "competition")]
        by_facilitator: dict[str, list[Planned]] = {}
        for item in regular:
            for pid in item.people.get("facilitator", []):
                by_facilitator.setdefault(pid, []).append(item)
        for items in by_facilitator.values():
            items.sort(key=lambda s: (s.day, s.start))
            for first, second in zip(items, items[1:], strict=False):
                if first.day == second.day and self.rng.random() < 0.5:
                    second.extra.setdefault("after", []).append(first.id)
                    if self.rng.random() < 0.5:
                        second.extra.setdefault("same-day-as", []).append(first.id)
        for item in self.rng.sample(regular, k=len(regular) // 25):
            other = self.rng.choice(regular)
            if other is not item and not _overlap(item, other) and other.id not in item.extra.get(
                    "after", []):
                item.extra.setdefault("not-parallel-with", []).append(other.id)
        for item in regular:
            roll = self.rng.random()
            if roll < 0.02 and item.room:
                item.extra["pin"] = {"day": self.dates[item.day].isoformat(),
                                     "start": format_clock(item.start)}
            elif roll < 0.06 and item.room:
                self._allowed_rooms(item)
            elif roll < 0.09:
                lo = self.day_blocks[item.day][0][0]
                item.extra["earliest"] = format_clock(max(lo, item.start - 2 * 60) // self.g
                                                      * self.g)
            elif roll < 0.12 and self.p.days > 1:
                days = {item.day, self.rng.randrange(self.p.days)}
                item.extra["days"] = [self.dates[d].isoformat() for d in sorted(days)]
            elif roll < 0.15:
                item.extra["optional"] = True

    def _allowed_rooms(self, item: Planned) -> None:
        assert item.room is not None
        capacity = {r.id: r for r in self.rooms if r.id != "offsite"}
        others = [r.id for r in capacity.values() if r.id != item.room
                  and r.capacity >= item.participants
                  and (item.needs_tag is None or item.needs_tag in r.tags)]
        chosen = [item.room, *self.rng.sample(others, k=min(2, len(others)))]
        item.extra["rooms"] = sorted(chosen)

    # ------------------------------------------------------------------ output

    def _title(self, item: Planned) -> str:
        if self.rng.random() < 0.25:
            topic = self.rng.choice(TOPICS_RU)
            kinds = {"workshop": "Семинар-практикум", "dialogue": "Диалог", "talk": "Доклад",
                     "lecture": "Лекция", "conference": "Секция"}
            return f"{kinds.get(item.instrument, 'Сессия')}: {topic}"
        topic = self.rng.choice(TOPICS_EN)
        return f"{item.instrument.replace('-', ' ').capitalize()}: {topic}"

    def _write(self) -> dict[str, Any]:
        fixed_titles = {"registration": "Registration and coffee / Регистрация",
                        "opening": "Opening / Открытие", "closing": "Closing / Закрытие"}
        sessions_out: list[dict[str, Any]] = []
        seen_series: set[str] = set()
        for item in sorted(self.plan, key=lambda s: s.id):
            if item.series:
                if item.series in seen_series:
                    continue
                seen_series.add(item.series)
                count = sum(1 for s in self.plan if s.series == item.series)
            title = fixed_titles.get(item.id) or self._title(item)
            self.titles[item.series or item.id] = title
            out: dict[str, Any] = {"id": item.series or item.id, "title": title,
                                   "instrument": item.instrument}
            if not item.extra.get("whole-day"):
                out["duration"] = format_duration(item.duration)
            if item.series:
                out["repeat"] = {"count": count}
            if item.track:
                other = self.rng.randrange(self.p.tracks)
                if (self.rng.random() < 0.1 and f"t{other:02d}" != item.track
                        and not self.p.simple):
                    out["track"] = [item.track, f"t{other:02d}"]
                else:
                    out["track"] = item.track
            if item.people:
                out["people"] = item.people
            if item.participants:
                out["participants"] = item.participants
            if item.format != "in-person":
                out["format"] = item.format
            for key in ("pin", "after", "same-day-as", "not-parallel-with", "rooms",
                        "earliest", "days", "optional"):
                if key in item.extra:
                    out[key] = item.extra[key]
            sessions_out.append(out)
        data: dict[str, Any] = {
            "version": 1,
            "event": self._event(),
            "rooms": [self._room(r) for r in self.rooms],
            "tracks": [{"id": f"t{k:02d}", "name": f"Track {k + 1}"}
                       for k in range(self.p.tracks)],
            "people": self._people_out(),
            "hybrid": self._hybrid(),
            "breaks": self._breaks_out(),
            "sessions": sessions_out,
        }
        if not data["tracks"]:
            del data["tracks"]
        registrations = self._registrations()
        if registrations:
            data["participants"] = {"registrations": registrations}
        return data

    def _event(self) -> dict[str, Any]:
        frames = {}
        for day in range(self.p.days):
            layout = self._day_layout(day)
            if (layout.start, layout.end) != (self.p.layout.start, self.p.layout.end):
                frames[self.dates[day].isoformat()] = {"start": format_clock(layout.start),
                                                       "end": format_clock(layout.end)}
        event: dict[str, Any] = {
            "name": f"Generated {self.p.shape} event «Форум знаний» (seed {self.seed})",
            "timezone": "Asia/Bishkek",
            "first-day": self.dates[0].isoformat(),
            "last-day": self.dates[-1].isoformat(),
            "day-start": format_clock(self.p.layout.start),
            "day-end": format_clock(self.p.layout.end),
            "granularity": format_duration(self.g),
            "venue": "Generated venue / Отель «Европа», Бишкек",
            "description": f"confsched generate: {self.p.sessions} sessions, {self.p.rooms} "
                           f"rooms, {self.p.days} days, {self.p.tracks} tracks, seed {self.seed}",
        }
        if frames:
            event["day-frames"] = frames
        return event

    def _room(self, room: RoomSpec) -> dict[str, Any]:
        out: dict[str, Any] = {"id": room.id, "name": room.name, "capacity": room.capacity}
        if room.tags:
            out["tags"] = room.tags
        return out

    def _people_out(self) -> list[dict[str, Any]]:
        """People, some with limited availability, preferences and daily limits."""
        out = []
        for pid, info in self.people.items():
            person: dict[str, Any] = {"id": pid, "name": info["name"],
                                      "organisation": info["organisation"]}
            busy = self.busy[pid]
            roll = self.rng.random()
            if busy and roll < 0.3:
                person["available"] = self._windows(busy)
            elif busy and roll < 0.4:
                person["prefer"] = [{"start": format_clock(self.p.layout.start),
                                     "end": format_clock(self.p.layout.start + 240)}]
            elif busy and roll < 0.45:
                person["avoid"] = [{"start": format_clock(self.p.layout.end - 90),
                                    "end": format_clock(self.p.layout.end)}]
            if (busy and info["pool"] == "facilitator" and not self.p.simple
                    and self.rng.random() < 0.3):
                per_day = max(sum(1 for d, _, _ in busy if d == day) for day in
                              {d for d, _, _ in busy})
                person["max-sessions-per-day"] = per_day + self.rng.randint(0, 1)
            out.append(person)
        return out

    def _windows(self, busy: list[tuple[int, int, int]]) -> list[dict[str, str]]:
        """One window a day the person works: around their planted sessions, some slack."""
        windows = []
        for day in sorted({d for d, _, _ in busy}):
            frame_start = self._day_layout(day).start
            frame_end = self._day_layout(day).end
            start = min(s for d, s, _ in busy if d == day)
            end = max(e for d, _, e in busy if d == day)
            lo = max(frame_start, start - self.g * self.rng.randint(0, 12))
            hi = min(frame_end, end + self.g * self.rng.randint(0, 12))
            windows.append({"day": self.dates[day].isoformat(), "start": format_clock(lo),
                            "end": format_clock(hi)})
        return windows

    def _hybrid(self) -> dict[str, Any]:
        """Meeting licences: the plan's busiest moment of online and hybrid sessions, plus one."""
        online = [s for s in self.plan if s.format in ("online", "hybrid")]
        if not online:
            return {}
        peak = 0
        for day in range(self.p.days):
            events = sorted([(s.start, 1) for s in online if s.day == day]
                            + [(s.end, -1) for s in online if s.day == day])
            level = 0
            for _, step in events:
                level += step
                peak = max(peak, level)
        return {"licences": peak + 1, "meetings-per": "session"}

    def _breaks_out(self) -> dict[str, Any]:
        """Breaks as windows the solver places in, around the planted positions."""
        placed: dict[tuple[str, int, int, int], list[int]] = {}
        for day, breaks in enumerate(self.planted_breaks):
            for index, (kind, start, end) in enumerate(breaks):
                placed.setdefault((kind, index, start, end), []).append(day)
        out = []
        names: dict[str, int] = {}
        for (kind, _index, start, end), days in sorted(placed.items(), key=lambda kv: kv[0][2]):
            names[kind] = names.get(kind, 0) + 1
            slack = 30 if kind != "lunch" else 60
            entry: dict[str, Any] = {
                "id": f"{kind}-{names[kind]}" if kind != "lunch" else "lunch",
                "kind": kind, "duration": format_duration(end - start),
                "window": [format_clock(start - slack), format_clock(end + slack)],
            }
            if names[kind] > 1 and kind == "lunch":
                entry["id"] = f"lunch-{names[kind]}"
            if len(days) != self.p.days:
                entry["days"] = [self.dates[d].isoformat() for d in days]
            out.append(entry)
            self.break_ids.append({"id": entry["id"], "kind": kind, "start": start, "end": end,
                                   "days": days})
        longest = max((b - a for blocks in self.day_blocks for a, b in blocks), default=120)
        result: dict[str, Any] = {"placed": out}
        if self.p.extras:
            result["max-block"] = format_duration(longest + 60)
        return result

    def _registrations(self) -> list[dict[str, Any]]:
        """Participants choosing sessions with Zipf-like popularity (rank r weighs 1/r)."""
        if not self.p.registrations:
            return []
        choices = sorted({s.series or s.id for s in self.plan
                          if not s.exclusive and s.instrument not in ("registration",)})
        self.rng.shuffle(choices)
        cumulative = list(accumulate(1.0 / (rank + 1) for rank in range(len(choices))))
        total = cumulative[-1]
        out = []
        for k in range(self.p.registrations):
            want = min(len(choices), self.rng.randint(2, 7))
            picked: dict[str, None] = {}
            tries = 0
            while len(picked) < want and tries < want * 10:
                tries += 1
                index = bisect_left(cumulative, self.rng.random() * total)
                picked.setdefault(choices[min(index, len(choices) - 1)], None)
            out.append({"id": f"a{k + 1:05d}", "sessions": list(picked)})
        return out


    def planted(self) -> Schedule:
        """The hidden timetable the scenario was built around (call after :meth:`build`)."""
        sessions = [
            ScheduledSession(
                id=item.id, title=self.titles[item.series or item.id],
                instrument=item.instrument, day=self.dates[item.day], start=item.start,
                end=item.end, room=item.room if item.format != "online" else None,
                track=item.track, format=item.format,  # type: ignore[arg-type]
                people=item.people, participants=item.participants, series=item.series)
            for item in sorted(self.plan, key=lambda s: (s.day, s.start, s.id))
        ]
        breaks = [
            ScheduledBreak(id=f"{b['id']}@{self.dates[d].isoformat()}", title=b["id"],
                           kind=b["kind"], day=self.dates[d], start=b["start"], end=b["end"])
            for b in self.break_ids for d in b["days"]
        ]
        return Schedule(event=self._event()["name"], timezone="Asia/Bishkek",
                        status=SolveStatus.FEASIBLE, sessions=sessions, breaks=breaks,
                        solve=SolveInfo(solver="planted", seed=self.seed))


def _overlap(a: Planned, b: Planned) -> bool:
    return a.day == b.day and a.start < b.end and b.start < a.end


# --------------------------------------------------------------------------- public API


def generate(params: GeneratorParams, seed: int = 0) -> dict[str, Any]:
    """A scenario as plain data (ready for YAML), deterministic in ``params`` and ``seed``."""
    _validate(params)
    return Generator(params, seed).build()


def to_yaml(data: dict[str, Any]) -> str:
    """The scenario data as YAML text (Unicode kept as is)."""
    header = ("# Generated by `confsched generate`; feasible by construction "
              "(a planted timetable satisfies every hard rule).\n")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # same text, faster when built
    return header + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False,
                              width=100)


def generate_with_plan(params: GeneratorParams, seed: int = 0) -> tuple[dict[str, Any], Schedule]:
    """The scenario data and the planted schedule that proves it feasible."""
    _validate(params)
    generator = Generator(params, seed)
    data = generator.build()
    return data, generator.planted()


def generate_yaml(params: GeneratorParams, seed: int = 0) -> str:
    """:func:`generate` then :func:`to_yaml`."""
    return to_yaml(generate(params, seed))


def room_load(data: dict[str, Any]) -> float:
    """Share of working room-time (frame minus breaks) the sessions take, for checks."""
    sessions = [s for s in data["sessions"] if s.get("format", "in-person") != "online"]
    minutes = 0
    for s in sessions:
        count = s.get("repeat", {}).get("count", 1)
        minutes += count * (_minutes(s["duration"]) if "duration" in s else 0)
    event = data["event"]
    frame = _clock(event["day-end"]) - _clock(event["day-start"])
    breaks = sum(_minutes(b["duration"]) for b in data["breaks"]["placed"])
    rooms = sum(1 for r in data["rooms"] if "offsite" not in r.get("tags", []))
    days = (dt.date.fromisoformat(event["last-day"])
            - dt.date.fromisoformat(event["first-day"])).days + 1
    return minutes / max(1, rooms * days * (frame - breaks))


def _minutes(text: str) -> int:
    from scheduler.timeparse import parse_duration

    return parse_duration(text)


def _clock(text: str) -> int:
    from scheduler.timeparse import parse_clock

    return parse_clock(text)


def iter_shapes() -> Iterable[str]:
    return iter(SHAPES)


__all__ = ["SHAPES", "GeneratorParams", "generate", "generate_with_plan", "generate_yaml",
           "params_for",
           "room_load", "to_yaml"]
