"""Academic talks: ``talk-slots:``, ``talks:``, track chairs and penalties, ``weights.talks``.

Large academic events are hundreds of submitted talks that the organiser groups into
*talk sessions*: a talk-slot (a block of ``slots`` consecutive talk slots on one day,
CoSPLib's "session") in one room holds talks of one track, in order, each whole. The
engine (scheduler/solver/talks_*.py) chooses which track each room holds in each
talk-slot, which talks go there and in what order; the soft terms are CoSPLib's, at the
weights of ``weights.talks`` (docs/talks.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from pydantic import Field, field_validator, model_validator

from scheduler.scenario.types import HUGE, Clock, Format, Ident, Line, Minutes, StrictModel
from scheduler.timeparse import Sexagesimal

Penalty = int
"""A penalty count (0..HUGE) of a CoSPLib penalty matrix cell."""

TALK_TERMS: tuple[str, ...] = (
    "tracks_sessions", "tracks_rooms", "sessions_rooms", "similar_tracks",
    "rooms_per_track", "parallel_tracks", "consecutive_tracks", "submissions_timezones",
    "submissions_order", "submissions_sessions", "submissions_rooms",
    "presenters_conflicts", "attendees_conflicts", "chairs_conflicts",
    "presenters_conflicts_timeslot", "attendees_conflicts_timeslot",
)
"""CoSPLib's 16 weighted terms, in the order of its parameters sheet (snake_case here,
kebab-case in the scenario: ``weights.talks.presenters-conflicts``)."""


class _RoomLike(Protocol):
    id: str
    reserved: bool


def open_rooms(slot: TalkSlot, rooms: Sequence[_RoomLike], talks: Sequence[Talk]) -> list[str]:
    """The ids of the rooms open in a talk-slot, in the scenario's order: the rooms its
    ``rooms:`` lists; without ``rooms:``, every room except the ``reserved`` ones. A
    reserved room is open only where something names it: the talk-slot's ``rooms:``, or a
    talk pinned to it in this talk-slot (``pin: {talk-slot, room}``). Tags do not open it
    in talks events (docs/rules.md, ``talk-placement``)."""
    if slot.rooms is not None:
        return [r.id for r in rooms if r.id in slot.rooms]
    pinned = {t.pin.room for t in talks
              if t.pin is not None and t.pin.talk_slot == slot.id and t.pin.room}
    return [r.id for r in rooms if not r.reserved or r.id in pinned]


def _non_negative(values: dict[str, int]) -> dict[str, int]:
    for key, value in values.items():
        if not 0 <= value <= HUGE:
            raise ValueError(f"the penalty for {key!r} is {value}; write a whole number "
                             f"from 0 to {HUGE}")
    return values


class TalkSlotPenalties(StrictModel):
    """CoSPLib's session-room matrix: a penalty for using a room in this talk-slot."""

    rooms: dict[str, Penalty] = Field(default_factory=dict)

    _check = field_validator("rooms")(classmethod(lambda cls, v: _non_negative(v)))


class TalkSlot(StrictModel):
    """A block of ``slots`` consecutive talk slots on one day, in every open room."""

    id: Ident
    day: dt.date
    start: Clock
    slots: int = Field(ge=1, le=200)
    slot_length: Minutes = 20
    rooms: list[str] | None = None
    """The rooms open in this block (default: every room)."""
    penalties: TalkSlotPenalties = Field(default_factory=TalkSlotPenalties)

    @field_validator("slot_length")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("a talk slot lasts at least one minute; write e.g. 20min")
        return value

    @property
    def end(self) -> int:
        """Minutes after midnight when the block ends."""
        return self.start + self.slots * self.slot_length

    @model_validator(mode="after")
    def _within_day(self) -> TalkSlot:
        if self.start + self.slots * self.slot_length > 24 * 60:
            raise ValueError("the talk-slot runs past midnight; start earlier, or use fewer "
                             "or shorter slots")
        return self


class TrackPenalties(StrictModel):
    """CoSPLib's track matrices: a penalty for holding the track in a talk-slot, in a
    room, and for running it in parallel with a similar track (symmetric)."""

    talk_slots: dict[str, Penalty] = Field(default_factory=dict)
    rooms: dict[str, Penalty] = Field(default_factory=dict)
    tracks: dict[str, Penalty] = Field(default_factory=dict)

    _check = field_validator("talk_slots", "rooms", "tracks")(
        classmethod(lambda cls, v: _non_negative(v)))


class TalkPenalties(StrictModel):
    """CoSPLib's submission penalties: per talk-slot and per room (per slot it takes)."""

    talk_slots: dict[str, Penalty] = Field(default_factory=dict)
    rooms: dict[str, Penalty] = Field(default_factory=dict)

    _check = field_validator("talk_slots", "rooms")(classmethod(lambda cls, v: _non_negative(v)))


class TalkPin(StrictModel):
    """Fixes a talk's talk-slot and, optionally, its room."""

    talk_slot: str
    room: str | None = None


class Talk(StrictModel):
    """A submitted talk, to be grouped with talks of its track into a talk session."""

    id: Ident
    title: Line = Field(min_length=1)
    track: str
    slots: int = Field(default=1, ge=1, le=200)
    """Consecutive talk slots it takes; a talk is never split."""
    duration: Minutes | None = None
    """Instead of ``slots``: how long it lasts; it takes as many talk slots as cover it (all
    talk-slots must then have one slot length)."""
    presenters: list[str] = Field(default_factory=list)
    attendees: list[str] = Field(default_factory=list)
    """People who want to hear it (their clashes are CoSPLib's attendee conflicts)."""
    order: int | None = Field(default=None, ge=1, le=HUGE)
    """Its position within its track (1 = first), when the order matters."""
    timezone: str | None = None
    """Where it is presented from (CoSPLib's submission time zone); default: the event's."""
    format: Format = "in-person"
    """``online`` and ``hybrid`` talks need a hybrid room."""
    topics: list[str] = Field(default_factory=list)
    pin: TalkPin | None = None
    penalties: TalkPenalties = Field(default_factory=TalkPenalties)
    description: str | None = None

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from scheduler.scenario.model import check_timezone

        return check_timezone(value)

    @field_validator("duration")
    @classmethod
    def _positive_duration(cls, value: int | None) -> int | None:
        if value is not None and value < 1:
            raise ValueError("a talk lasts at least one minute; write e.g. 20min")
        return value


def talk_slots_from_durations(talks: list[Talk], slots: list[TalkSlot]
                              ) -> list[tuple[tuple[str | int, ...], str, str | None]]:
    """Sets ``slots`` of each talk given a ``duration`` (in place): as many talk slots as
    cover it. Returns the problems: talk-slots of different slot lengths, or ``slots``
    written too and disagreeing."""
    problems: list[tuple[tuple[str | int, ...], str, str | None]] = []
    timed = [(index, talk) for index, talk in enumerate(talks) if talk.duration is not None]
    if not timed:
        return problems
    lengths = sorted({slot.slot_length for slot in slots})
    if len(lengths) != 1:
        index, _ = timed[0]
        problems.append((("talks", index, "duration"), "a talk's duration needs one slot "
                         f"length for every talk-slot (they have {lengths or 'none'} minutes)",
                         "write slots: (talk slots it takes) instead of duration:, or give "
                         "every talk-slot the same slot-length"))
        return problems
    length = lengths[0]
    for index, talk in timed:
        assert talk.duration is not None
        needed = -(-talk.duration // length)
        if "slots" in talk.model_fields_set and talk.slots != needed:
            problems.append((("talks", index, "slots"), f"the talk {talk.id!r} lasts "
                             f"{talk.duration} min ({needed} slot(s) of {length} min) and "
                             f"says slots: {talk.slots}", "give duration: or slots:, not both"))
        talk.slots = needed
    return problems


class TalkTimezones(StrictModel):
    """CoSPLib's time-zone parameters: a talk's talk-slot, seen from where it is presented,
    costs ``big`` when it leaves the less-suitable hours, else ``small`` when it leaves the
    suitable hours."""

    suitable: tuple[Clock, Clock] = (Sexagesimal(9 * 60), Sexagesimal(17 * 60))
    less_suitable: tuple[Clock, Clock] = (Sexagesimal(8 * 60), Sexagesimal(20 * 60))
    small: int = Field(default=1, ge=0, le=HUGE)
    big: int = Field(default=10, ge=0, le=HUGE)


class TalkWeights(StrictModel):
    """Weights of CoSPLib's terms (0 switches one off); names as in CoSPLib's parameters
    sheet. Defaults follow the CoSPLib instances: people's clashes weigh most."""

    tracks_sessions: int = Field(default=1, ge=0, le=HUGE)
    tracks_rooms: int = Field(default=1, ge=0, le=HUGE)
    sessions_rooms: int = Field(default=1, ge=0, le=HUGE)
    similar_tracks: int = Field(default=1, ge=0, le=HUGE)
    rooms_per_track: int = Field(default=1, ge=0, le=HUGE)
    parallel_tracks: int = Field(default=10, ge=0, le=HUGE)
    consecutive_tracks: int = Field(default=10, ge=0, le=HUGE)
    submissions_timezones: int = Field(default=1, ge=0, le=HUGE)
    submissions_order: int = Field(default=10, ge=0, le=HUGE)
    submissions_sessions: int = Field(default=1, ge=0, le=HUGE)
    submissions_rooms: int = Field(default=1, ge=0, le=HUGE)
    presenters_conflicts: int = Field(default=1000, ge=0, le=HUGE)
    attendees_conflicts: int = Field(default=10, ge=0, le=HUGE)
    chairs_conflicts: int = Field(default=1000, ge=0, le=HUGE)
    presenters_conflicts_timeslot: int = Field(default=1000, ge=0, le=HUGE)
    attendees_conflicts_timeslot: int = Field(default=10, ge=0, le=HUGE)
    timezones: TalkTimezones = Field(default_factory=TalkTimezones)

    def as_dict(self) -> dict[str, int]:
        """The 16 term weights by CoSPLib name (snake_case)."""
        return {name: int(getattr(self, name)) for name in TALK_TERMS}
