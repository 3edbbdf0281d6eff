"""The scenario: everything an organiser says about an event, validated in full.

The model knows nothing of the solver. It checks its own cross-references (a session
naming a person, room or track that does not exist, duplicate ids, impossible values,
instrument rules that can be checked without solving), so that the solver and the
checker can trust it.

Time is handled in *event minutes*: ``day_index * 1440 + minutes after midnight``, on
the event's local wall clock. :meth:`Scenario.at` and :meth:`Scenario.split` convert.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import combinations
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PrivateAttr, field_validator, model_validator

from scheduler.calendar import DAY as DAY  # re-exported: many modules take it from here
from scheduler.calendar import Calendar, Item, cache_key
from scheduler.instruments import Instrument, catalogue_problems, merge_catalogue
from scheduler.scenario.talks import (
    Talk,
    TalkSlot,
    TalkWeights,
    TrackPenalties,
    talk_slots_from_durations,
)
from scheduler.scenario.types import HUGE, Clock, Format, Ident, Line, Minutes, StrictModel
from scheduler.timeparse import Sexagesimal

PathKey = tuple[str | int, ...]


class ScenarioProblems(ValueError):
    """Cross-reference problems found after field validation, each with its path."""

    def __init__(self, problems: list[tuple[PathKey, str, str | None]]) -> None:
        super().__init__("; ".join(message for _, message, _ in problems))
        self.problems = problems


def _check_timezone(name: str) -> str:
    """An IANA timezone name; a misspelt one is told the nearest real name."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        near = _nearest_timezone(name)
        fix = (f"did you mean {near!r}?" if near
               else "write it like Europe/Moscow or Asia/Bishkek")
        raise ValueError(f"{name!r} is not an IANA timezone; {fix}") from None
    return name


check_timezone = _check_timezone
"""Public name of the IANA timezone check (used by scheduler/scenario/talks.py)."""


def _nearest_timezone(name: str) -> str | None:
    """The IANA name closest to ``name`` (same letters in another case, or a near spelling)."""
    import difflib
    from zoneinfo import available_timezones

    names = sorted(available_timezones())
    by_case = {n.lower(): n for n in names}
    if name.lower() in by_case:
        return by_case[name.lower()]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
    return close[0] if close else None


# --------------------------------------------------------------------------- parts


class Window(StrictModel):
    """A stretch of time on one day (``day`` given) or on every day of the event."""

    day: dt.date | None = None
    start: Clock
    end: Clock

    @model_validator(mode="after")
    def _ends_after_start(self) -> Window:
        if self.end <= self.start:
            raise ScenarioProblems([(("end",), "end is not after start",
                                     "write the window as start < end, on one day")])
        return self


class DayFrame(StrictModel):
    """The hours of one day in which sessions may run."""

    start: Clock
    end: Clock

    @model_validator(mode="after")
    def _ends_after_start(self) -> DayFrame:
        if self.end <= self.start:
            raise ValueError("end is not after start; write it as start < end, e.g. 09:00 to 18:00")
        return self


class Meeting(StrictModel):
    """A fixed online meeting (e.g. one Zoom link printed for the whole day)."""

    url: str
    id: str | None = None
    passcode: str | None = None


class Organiser(StrictModel):
    """Who publishes the programme (the ORGANIZER of calendars)."""

    name: Line
    email: str | None = None


class Event(StrictModel):
    """The event: its name, place in time and daily frame."""

    name: Line = Field(min_length=1)
    id: Line | None = Field(default=None, min_length=1)
    """The event's stable identity (``id:``): what its calendar UIDs, Zoom state, frab
    guids and acronym derive from, so the name can change after publishing. Absent: the
    name is the identity (as before ``id:`` existed)."""
    timezone: str = "UTC"
    first_day: dt.date
    last_day: dt.date | None = None
    """Defaults to ``first_day`` (a one-day event)."""
    skip_days: list[dt.date] = Field(default_factory=list)
    """Days between first and last on which nothing happens (a weekend)."""
    day_start: Clock = Sexagesimal(9 * 60)  # 09:00: a clock time, not a bare number
    day_end: Clock = Sexagesimal(18 * 60)
    day_frames: dict[dt.date, DayFrame] = Field(default_factory=dict)
    """Per-day overrides of ``day_start``/``day_end``."""
    granularity: Minutes = 5
    language: str = "en"
    venue: str | None = None
    description: str | None = None
    url: str | None = None
    organiser: Organiser | None = None
    changeover: Minutes = 0
    """Least gap for a person moving between two rooms."""
    max_parallel: Annotated[int, Field(ge=1, le=HUGE)] | Literal["tracks"] | None = None
    """At most this many sessions at once; ``tracks`` means the number of tracks."""

    _tz = field_validator("timezone")(classmethod(lambda cls, v: _check_timezone(v)))

    @property
    def identity(self) -> str:
        """What the published outputs are keyed by: ``id`` when given, else ``name``."""
        return self.id if self.id is not None else self.name

    @field_validator("granularity")
    @classmethod
    def _granularity_divides_hour(cls, value: int) -> int:
        if value < 1 or 60 % value:
            raise ValueError("granularity must divide an hour; use 1, 5, 10, 15, 20, 30 or 60 min")
        return value

    @model_validator(mode="after")
    def _days_in_order(self) -> Event:
        if self.last_day is None:
            self.last_day = self.first_day
        if self.last_day < self.first_day:
            raise ScenarioProblems([(("last-day",), "last-day is before first-day",
                                     "swap first-day and last-day")])
        if (self.last_day - self.first_day).days > 366:
            raise ScenarioProblems([(("last-day",), "the event is longer than a year",
                                     "check the years of first-day and last-day")])
        if self.day_end <= self.day_start:
            raise ScenarioProblems([(("day-end",), "day-end is not after day-start",
                                     "write day-end as a later time, e.g. 18:00")])
        return self


class Room(StrictModel):
    """A room (or an off-site place) that holds one session at a time."""

    id: Ident
    name: Line | None = None
    capacity: int = Field(ge=0, le=HUGE)
    tags: list[str] = Field(default_factory=list)
    reserved: bool = False
    """Only for sessions that ask for it: that need one of its tags (the instrument's or
    the session's ``room-tags``, the hybrid tag) or name it (``rooms:``, ``pin.room``). A
    tour bus tagged ``offsite`` then never holds a workshop."""
    available: list[Window] | None = None
    """When the room can be used; absent means the whole daily frame of every day."""
    meeting: Meeting | None = None
    """A fixed online meeting for hybrid sessions in this room."""
    host: str | None = None
    """Online meeting host (e.g. a Zoom user's email) for sessions in this room."""

    @property
    def label(self) -> str:
        return self.name or self.id


class Track(StrictModel):
    """A thematic track; sessions of one track never overlap."""

    id: Ident
    name: Line | None = None
    color: str | None = None
    chairs: list[str] = Field(default_factory=list)
    """People who chair this track's talk sessions (``talks:``; person ids)."""
    penalties: TrackPenalties = Field(default_factory=TrackPenalties)
    """CoSPLib's track penalties for talk sessions (docs/talks.md)."""

    @property
    def label(self) -> str:
        return self.name or self.id


class Wishes(StrictModel):
    """What a person would like, or not like, to run. Each entry is a session id, a series
    id, an instrument or a topic of a session (its ``topics:``); soft, ``wishes`` weight."""

    like: list[str] = Field(default_factory=list)
    dislike: list[str] = Field(default_factory=list)


class Person(StrictModel):
    """A facilitator, speaker, jury member, coordinator, broker or expert."""

    id: Ident
    name: Line | None = None
    email: str | None = None
    organisation: Line | None = None
    position: Line | None = None
    """Job title, printed with the name: "Координатор проекта"."""
    timezone: str | None = None
    """Timezone of ``available``/``prefer``/``avoid``; defaults to the event's."""
    available: list[Window] | None = None
    prefer: list[Window] = Field(default_factory=list)
    avoid: list[Window] = Field(default_factory=list)
    max_sessions_per_day: int | None = Field(default=None, ge=1, le=1440)
    roles: list[str] = Field(default_factory=list)
    """What the solver may assign this person as (``needs:`` of sessions); free words."""
    languages: list[str] = Field(default_factory=list)
    """Languages they can run a session in (a session's ``language:`` must be one)."""
    topics: list[str] = Field(default_factory=list)
    """Free tags; a session with ``topics:`` takes only people carrying one of them."""
    max_sessions: int | None = Field(default=None, ge=1, le=HUGE)
    """At most this many sessions in the whole event (named and assigned)."""
    max_hours_per_day: float | None = Field(default=None, gt=0, le=24)
    max_hours: float | None = Field(default=None, gt=0, le=HUGE)
    """At most this many hours of sessions in the whole event (named and assigned)."""
    wishes: Wishes | None = None
    """Soft: sessions they would like, or not like, to run (``wishes`` weight)."""

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str | None) -> str | None:
        return None if value is None else _check_timezone(value)

    @property
    def label(self) -> str:
        return self.name or self.id


class Repeat(StrictModel):
    """A recurring series: one meeting a day on ``count`` different days."""

    count: int | None = Field(default=None, ge=1, le=400)
    """How many meetings; defaults to one on every day of the event."""
    every: Literal["day"] = "day"


class Pin(StrictModel):
    """Fixes a session's day, start and/or room."""

    day: dt.date | None = None
    start: Clock | None = None
    room: str | None = None


class Session(StrictModel):
    """One session of the event, run as one instrument."""

    id: Ident
    title: Line = Field(min_length=1)
    instrument: str
    duration: Minutes | None = None
    """Defaults to the instrument's default duration; whole-day instruments fill the day."""
    track: str | list[str] | None = None
    """A track, or a list of tracks the solver may choose from."""
    people: dict[str, list[str]] = Field(default_factory=dict)
    """Role -> people ids, e.g. ``{facilitator: [aigul], speaker: [a, b]}``."""
    needs: dict[str, Annotated[int, Field(ge=0, le=1000)]] | None = None
    """Role -> how many people the solver chooses from the pool (those with the role in
    ``roles:``), on top of the people named; absent: the instrument's required roles minus
    the people named (scheduler/scenario/pools.py)."""
    candidates: list[str] | None = None
    """Only these people may be chosen for the needs."""
    language: str | None = None
    """The session's language: every chosen person speaks it."""
    topics: list[str] = Field(default_factory=list)
    """Chosen people carry at least one of these topics."""
    entrants: list[str] = Field(default_factory=list)
    """Organisations that enter this competition: no jury member comes from one."""
    same_people_as: list[str] | dict[str, list[str]] = Field(default_factory=list)
    """Continuity: sessions (or series) that have the same people as this one, in every
    role both have (a list), or only in the roles given (``{facilitator: [s1]}``)."""
    participants: int = Field(default=0, ge=0, le=HUGE)
    """Expected number of participants."""
    format: Format = "in-person"
    room_tags: list[str] = Field(default_factory=list)
    rooms: list[str] | None = None
    """Only these rooms may hold the session."""
    pin: Pin | None = None
    earliest: Clock | None = None
    """The session does not start before this time of day."""
    latest: Clock | None = None
    """The session ends by this time of day."""
    days: list[dt.date] | None = None
    """Only on these days."""
    after: list[str] = Field(default_factory=list)
    """Starts only after all of these sessions have ended."""
    same_day_as: list[str] = Field(default_factory=list)
    not_parallel_with: list[str] = Field(default_factory=list)
    repeat: Repeat | None = None
    runs: int | None = Field(default=None, ge=1, le=100)
    """The session runs this many times (ids ``id.1`` .. ``id.N``, series ``id``); each
    registration that chooses it is assigned to at most one run (``choices:``)."""
    optional: bool = False
    """May be dropped (and is reported as dropped) when it cannot be placed."""
    description: str | None = None
    meeting: Meeting | None = None
    host: str | None = None
    """Online meeting host for this session."""

    # Filled in when a series is expanded.
    series: str | None = None
    occurrence: int | None = None
    run: int | None = None
    """Filled in when ``runs:`` is expanded: which run this is (1..N)."""

    @field_validator("people")
    @classmethod
    def _no_empty_roles(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for role, ids in value.items():
            if len(set(ids)) != len(ids):
                raise ValueError(f"the role {role!r} lists the same person twice; list each once")
        return value

    @property
    def tracks(self) -> list[str]:
        """The tracks this session may be in (empty: none)."""
        if self.track is None:
            return []
        return [self.track] if isinstance(self.track, str) else list(self.track)

    @property
    def person_ids(self) -> list[str]:
        """Everyone taking part in a role, each once, in order of appearance."""
        seen: dict[str, None] = {}
        for ids in self.people.values():
            for pid in ids:
                seen.setdefault(pid, None)
        return list(seen)

    @property
    def needs_licence(self) -> bool:
        """Online and hybrid sessions hold an online meeting licence while they run."""
        return self.format in ("online", "hybrid")


class PlacedBreak(StrictModel):
    """An event-wide break the solver places in a window, on every day (or the days given)."""

    id: Ident
    title: Line | None = None
    kind: Literal["coffee", "lunch", "dinner", "other"] = "coffee"
    duration: Minutes
    window: tuple[Clock, Clock]
    """Earliest start and latest end, e.g. ``[12:00, 14:00]``."""
    days: list[dt.date] | None = None

    @model_validator(mode="after")
    def _fits_window(self) -> PlacedBreak:
        if self.window[1] <= self.window[0]:
            raise ValueError("the window ends before it starts; write it as [earliest start, "
                             "latest end], e.g. [12:00, 14:00], within one day")
        if self.window[1] - self.window[0] < self.duration:
            raise ValueError("the break is longer than its window; widen the window or shorten it")
        return self


class FixedBreak(StrictModel):
    """An event-wide break at a fixed time, every day or on one day."""

    id: Ident
    title: Line | None = None
    kind: Literal["coffee", "lunch", "dinner", "other"] = "coffee"
    day: dt.date | None = None
    start: Clock
    end: Clock

    @model_validator(mode="after")
    def _ends_after_start(self) -> FixedBreak:
        if self.end <= self.start:
            raise ValueError("end is not after start; write it as start < end")
        return self


class Breaks(StrictModel):
    """Event-wide breaks: nothing that observes breaks runs during them."""

    placed: list[PlacedBreak] = Field(default_factory=list)
    fixed: list[FixedBreak] = Field(default_factory=list)
    max_block: Minutes | None = None
    """Longest stretch of a day between pauses (the daily frame's edges, breaks, and
    pinned sessions of pause instruments such as meals)."""


class Hybrid(StrictModel):
    """Online and hybrid sessions."""

    licences: int | None = Field(default=None, ge=0, le=HUGE)
    """How many online meetings can run at once; absent: no limit."""
    room_tag: str = "hybrid"
    """Tag a room needs to hold a hybrid session."""
    meeting: Meeting | None = None
    """One fixed meeting for the whole event (as printed in seed 001)."""
    meetings_per: Literal["session", "room-day"] = "session"
    """Create one online meeting per session, or one per room and day."""
    default_host: str | None = None


class Registration(StrictModel):
    """A participant and the sessions they want to attend."""

    id: Ident
    name: Line | None = None
    email: str | None = None
    sessions: list[str] = Field(default_factory=list)
    choices: list[str] = Field(default_factory=list)
    """Ranked sessions they would like, most wanted first; the solver gives them ``take``
    of these (a session with ``runs:`` means any one of its runs)."""
    take: int = Field(default=1, ge=1, le=100)
    """How many of the choices to give them."""


class InterestPair(StrictModel):
    """How many people want both of two sessions (for events that only know aggregates)."""

    sessions: tuple[str, str]
    count: int = Field(ge=0, le=HUGE)


class Participants(StrictModel):
    """Who wants to attend what, so that their clashes can be minimised."""

    registrations: list[Registration] = Field(default_factory=list)
    interest_pairs: list[InterestPair] = Field(default_factory=list)


class Weights(StrictModel):
    """Weights of the soft rules (0 switches a rule off)."""

    participant_clashes: int = Field(default=10, ge=0, le=HUGE)
    preferences: int = Field(default=5, ge=0, le=HUGE)
    track_room_stability: int = Field(default=3, ge=0, le=HUGE)
    room_fit: int = Field(default=1, ge=0, le=HUGE)
    facilitator_same_room: int = Field(default=2, ge=0, le=HUGE)
    compact_days: int = Field(default=1, ge=0, le=HUGE)
    instrument_spread: int = Field(default=1, ge=0, le=HUGE)
    preferred_size: int = Field(default=5, ge=0, le=HUGE)
    dropped: int = Field(default=100, ge=0, le=HUGE)
    """Each optional session left out."""
    changes: int = Field(default=10, ge=0, le=HUGE)
    """Re-solve only: each change from the earlier schedule."""
    choices: int = Field(default=10, ge=0, le=HUGE)
    """Registrations' choices met late in their ranking or not at all (``choices:``)."""
    fair_load: int = Field(default=1, ge=0, le=HUGE)
    """Sessions the busiest person is assigned from a pool (``needs:``)."""
    continuity: int = Field(default=5, ge=0, le=HUGE)
    """Each extra person in a role a series only prefers to keep (instrument's
    ``preferred-continuity-roles``)."""
    wishes: int = Field(default=3, ge=0, le=HUGE)
    """Each session a person runs against their ``wishes:``."""
    room_changes: int = Field(default=0, ge=0, le=HUGE)
    """Each extra room a person works in on a day (off unless set)."""
    talks: TalkWeights = Field(default_factory=TalkWeights)
    """CoSPLib's terms for academic talks (``talks:``; docs/talks.md)."""


# --------------------------------------------------------------------------- scenario


class Scenario(StrictModel):
    """A whole event as the organiser describes it."""

    version: Literal[1] = 1
    event: Event
    rooms: list[Room] = Field(default_factory=list)
    tracks: list[Track] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    sessions: list[Session] = Field(default_factory=list)
    breaks: Breaks = Field(default_factory=Breaks)
    hybrid: Hybrid = Field(default_factory=Hybrid)
    participants: Participants = Field(default_factory=Participants)
    weights: Weights = Field(default_factory=Weights)
    instruments: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Overrides and additions to the instrument catalogue, field by field."""
    talk_slots: list[TalkSlot] = Field(default_factory=list)
    """Time blocks in rooms that submitted talks are grouped into (docs/talks.md)."""
    talks: list[Talk] = Field(default_factory=list)
    """Submitted talks, grouped by the solver into talk sessions of their track."""

    _catalogue: dict[str, Instrument] = PrivateAttr(default_factory=dict)
    _source_index: dict[str, int] = PrivateAttr(default_factory=dict)
    _calendar: Calendar | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _expand_and_cross_check(self) -> Scenario:
        problems: list[tuple[PathKey, str, str | None]] = []
        try:
            self._catalogue = merge_catalogue(self.instruments)
        except ValueError as exc:
            found = catalogue_problems(self.instruments)
            raise ScenarioProblems(
                [(("instruments", *path), message,
                  "see the instrument fields in scenarios/README.md")
                 for path, message in found]
                or [(("instruments",), str(exc), None)]
            ) from None
        self._expand_series(problems)
        problems.extend(talk_slots_from_durations(self.talks, self.talk_slots))
        if not problems:
            from scheduler.scenario.crosscheck import cross_check

            problems.extend(cross_check(self))
        if problems:
            raise ScenarioProblems(problems)
        return self

    def _expand_series(self, problems: list[tuple[PathKey, str, str | None]]) -> None:
        expanded: list[Session] = []
        for index, session in enumerate(self.sessions):
            if session.runs is not None:
                expanded.extend(self._expand_runs(index, session, problems))
                continue
            if session.repeat is None:
                self._source_index[session.id] = index
                expanded.append(session)
                continue
            count = session.repeat.count or len(self.days)
            if count > len(self.days):
                problems.append(((
                    "sessions", index, "repeat", "count"),
                    f"{count} daily meetings do not fit in {len(self.days)} days",
                    "lower repeat.count or lengthen the event",
                ))
                continue
            for k in range(1, count + 1):
                occurrence = session.model_copy(
                    update={"id": f"{session.id}#{k}", "repeat": None, "series": session.id,
                            "occurrence": k}
                )
                self._source_index[occurrence.id] = index
                expanded.append(occurrence)
        self.sessions = expanded

    def _expand_runs(self, index: int, session: Session,
                     problems: list[tuple[PathKey, str, str | None]]) -> list[Session]:
        """``runs: N``: N sessions ``id.1`` .. ``id.N`` of the series ``id`` (no day rule
        between them, unlike ``repeat``: runs may even be at the same time)."""
        if session.repeat is not None:
            problems.append((("sessions", index, "runs"),
                             "a session cannot have both runs: and repeat:",
                             "use repeat: for one meeting a day that the same people attend, "
                             "runs: for copies that registrations are shared out among"))
            return []
        out = []
        for k in range(1, (session.runs or 1) + 1):
            run = session.model_copy(update={"id": f"{session.id}.{k}", "runs": None,
                                             "series": session.id, "run": k})
            self._source_index[run.id] = index
            out.append(run)
        return out

    # ------------------------------------------------------------------ lookups

    @property
    def catalogue(self) -> dict[str, Instrument]:
        """Instrument rules in force: the shipped catalogue with this scenario's overrides."""
        return self._catalogue

    def instrument(self, session: Session) -> Instrument:
        return self._catalogue[session.instrument]

    def source_index(self, session_id: str) -> int:
        """Index in the file's ``sessions:`` list of a session (or of its series)."""
        return self._source_index[session_id]

    # The calendar (days, frames, event minutes, windows, lookups by id) lives in
    # scheduler/calendar.py, built once and cached; these methods hand over to it.

    @property
    def calendar(self) -> Calendar:
        """This scenario's :class:`~scheduler.calendar.Calendar` (cached; rebuilt when the
        event, rooms, tracks, people or sessions were replaced or resized)."""
        cached = self._calendar
        if cached is None or cached.key != cache_key(self):
            cached = self._calendar = Calendar(self)
        return cached

    @property
    def days(self) -> list[dt.date]:
        """The days of the event, in order, without skipped days."""
        return self.calendar.days

    def day_index(self, day: dt.date) -> int:
        return self.calendar.day_index(day)

    def frame(self, day: dt.date) -> tuple[int, int]:
        """Start and end (minutes after midnight) of the daily frame of ``day``."""
        return self.calendar.frame(day)

    def duration(self, session: Session) -> int:
        """Length of a session in minutes (a whole-day session: its day's frame, first day)."""
        if session.duration is not None:
            return session.duration
        instrument = self.instrument(session)
        if instrument.whole_day:
            return min(end - start for start, end in (self.frame(d) for d in self.days))
        if instrument.default_duration is not None:
            return instrument.default_duration
        return 60

    def is_whole_day(self, session: Session) -> bool:
        return self.instrument(session).whole_day and session.duration is None

    def at(self, day: dt.date, clock: int) -> int:
        """Event minute of ``clock`` (minutes after midnight) on ``day``."""
        return self.calendar.at(day, clock)

    def split(self, minute: int) -> tuple[dt.date, int]:
        """Day and minutes after midnight of an event minute."""
        return self.calendar.split(minute)

    def datetime_at(self, day: dt.date, clock: int) -> dt.datetime:
        """Timezone-aware datetime of ``clock`` on ``day`` in the event's timezone."""
        return self.calendar.datetime_at(day, clock)

    def windows_in_event_time(
        self, windows: list[Window], timezone: str | None = None
    ) -> list[tuple[int, int]]:
        """Windows as sorted event-minute intervals, converted from ``timezone`` if given.

        A window without a day applies on every event day (in its own timezone).
        """
        return self.calendar.windows_in_event_time(windows, timezone)

    def person(self, person_id: str) -> Person:
        return self._find("people", self.people, person_id)

    def room(self, room_id: str) -> Room:
        return self._find("rooms", self.rooms, room_id)

    def track(self, track_id: str) -> Track:
        return self._find("tracks", self.tracks, track_id)

    def session(self, session_id: str) -> Session:
        return self._find("sessions", self.sessions, session_id)

    def _find(self, kind: str, items: list[Item], ident: str) -> Item:
        """By id, through the cached positions; rebuilt once if they are out of date
        (KeyError when there is no such item)."""
        found = self.calendar.find(kind, items, ident)
        if found is None:
            self._calendar = Calendar(self)
            found = self._calendar.find(kind, items, ident)
        if found is None:
            raise KeyError(ident)
        return found

    @property
    def parallel_limit(self) -> int | None:
        """Most sessions (observing breaks) that may run at once, if the scenario caps it."""
        limit = self.event.max_parallel
        if limit == "tracks":
            return len(self.tracks)
        return limit

    def interest_counts(self) -> Counter[tuple[str, str]]:
        """People who want both sessions of a pair, from registrations and aggregates.

        Keys are sorted pairs of session ids; a series counts as each of its meetings.
        """
        series: dict[str, list[str]] = {}
        for session in self.sessions:
            series.setdefault(session.series or session.id, []).append(session.id)
            if session.series is not None:  # one meeting or run, named by its own id
                series.setdefault(session.id, []).append(session.id)
        counts: Counter[tuple[str, str]] = Counter()
        for registration in self.participants.registrations:
            wanted = sorted({sid for ref in registration.sessions for sid in series[ref]})
            counts.update(combinations(wanted, 2))  # (a, b) with a before b, counted in C
        for pair in self.participants.interest_pairs:
            for a in series[pair.sessions[0]]:
                for b in series[pair.sessions[1]]:
                    if a != b:
                        counts[(min(a, b), max(a, b))] += pair.count
        return counts

