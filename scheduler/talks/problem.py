"""The neutral talks problem: a scenario's talks, talk-slots, rooms and tracks, indexed.

CoSPLib's words are kept where its terms are defined over them: a *submission* is a
talk, a *session* is a talk-slot (a block of time slots), a *room* holds one track per
session. Every list is indexed by position, so that the CoSPLib-derived model, packing
and scorer (moved here from plugins/confsched_cosplib) run unchanged over it.

What the engine's rules add to CoSPLib's problem is stated as plain data:

- ``open[s][r]``: the room is open in the talk-slot (its ``rooms:``; without it every
  room but the ``reserved`` ones, which open only where a talk is pinned to them; a room
  must be available for the whole talk-slot, which the scenario's loader checks);
- ``track_allowed[k][s]``: every chair of the track is available for the whole
  talk-slot (a chair who is not cannot chair it, so the track is not held then);
- ``sub_allowed[i][s]``: the talk may be in the talk-slot (every presenter available for
  the whole of it; a pinned talk only in its talk-slot);
- ``sub_rooms[i]``: the rooms the talk may use (online/hybrid talks: hybrid rooms; a
  pinned room), or ``None`` for any.

Nothing here is solver code: the solver and the checker both build a problem with
:func:`from_scenario` and read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scheduler.scenario.model import Scenario
    from scheduler.talks.grid import Grid


@dataclass
class Submission:
    """A talk: its track, how many consecutive time slots it needs, and who is involved."""

    name: str
    track: int
    slots: int
    order: int
    """Position in its track, 1-based; 0 when the order does not matter (CoSPLib's 0)."""
    timezone: str
    presenters: list[str]
    attendees: list[str]
    title: str = ""


@dataclass
class Block:
    """A talk-slot (CoSPLib's session): ``slots`` time slots of ``slot_length`` minutes
    from ``start`` (minutes after midnight) on ``day``."""

    name: str
    slots: int
    day: dt.date
    start: int
    slot_length: int

    @property
    def end(self) -> int:
        return self.start + self.slots * self.slot_length


@dataclass
class TalkProblem:
    """One talks problem, indexed by position in each list."""

    submissions: list[Submission]
    tracks: list[str]
    chairs: list[list[str]]
    sessions: list[Block]
    rooms: list[str]
    weights: dict[str, int]
    sub_session: list[list[int]]
    """Penalty of each submission in each session (per slot it takes)."""
    sub_room: list[list[int]]
    track_session: list[list[int]]
    track_room: list[list[int]]
    track_track: list[list[int]]
    """Symmetric similar-tracks penalty."""
    session_room: list[list[int]]
    open: list[list[bool]]
    track_allowed: list[list[bool]]
    sub_allowed: list[list[bool]]
    sub_rooms: list[set[int] | None]
    name: str = "talks"
    remote: list[bool] = field(default_factory=list)
    """Online or hybrid talks: their talk session needs an online meeting licence."""
    licences: int | None = None
    """At most this many talk sessions with a remote talk at once (``hybrid.licences``)."""
    sub_timezone: list[list[int]] = field(default_factory=list)
    """Time-zone penalty of each submission in each session (derived)."""
    attendee_conflicts: list[set[int]] = field(default_factory=list)
    presenter_conflicts: list[set[int]] = field(default_factory=list)
    track_chair_conflicts: list[set[int]] = field(default_factory=list)

    @property
    def track_index(self) -> dict[str, int]:
        return {name: k for k, name in enumerate(self.tracks)}

    @property
    def submission_index(self) -> dict[str, int]:
        return {sub.name: i for i, sub in enumerate(self.submissions)}

    @property
    def session_index(self) -> dict[str, int]:
        return {block.name: s for s, block in enumerate(self.sessions)}

    @property
    def room_index(self) -> dict[str, int]:
        return {name: r for r, name in enumerate(self.rooms)}

    def track_submissions(self, track: int) -> list[int]:
        return [i for i, sub in enumerate(self.submissions) if sub.track == track]

    def concurrent(self) -> list[list[int]]:
        """For each talk-slot, the talk-slots running when it starts (itself included):
        at most these run at once at that moment, and some moment of greatest overlap is
        a start."""
        out = []
        for block in self.sessions:
            out.append([s for s, other in enumerate(self.sessions) if other.day == block.day
                        and other.start <= block.start < other.end])
        return out

    def licences_held(self, grid: Grid) -> bool:
        """No more talk sessions holding a remote talk run at once than the licences."""
        if self.licences is None:
            return True
        hybrid = [sum(1 for row in grid.cells[s] if any(i >= 0 and self.remote[i] for i in row))
                  for s in range(len(self.sessions))]
        return all(sum(hybrid[s] for s in group) <= self.licences
                   for group in self.concurrent())

    def session_id(self, s: int, r: int) -> str:
        """The schedule id of the talk session in talk-slot ``s`` and room ``r``."""
        return f"{self.sessions[s].name}.{self.rooms[r]}"


def from_scenario(scenario: Scenario) -> TalkProblem:
    """The talks problem of a scenario (tracks without talks are left out)."""
    from scheduler.scenario.talks import open_rooms
    from scheduler.talks.derived import derive

    used = {talk.track for talk in scenario.talks}
    tracks = [t for t in scenario.tracks if t.id in used]
    track_ids = [t.id for t in tracks]
    k_of = {tid: k for k, tid in enumerate(track_ids)}
    rooms = [r.id for r in scenario.rooms]
    r_of = {rid: r for r, rid in enumerate(rooms)}
    blocks = [Block(s.id, s.slots, s.day, s.start, s.slot_length) for s in scenario.talk_slots]
    s_of = {b.name: s for s, b in enumerate(blocks)}
    zone = scenario.event.timezone
    subs = [Submission(
        name=t.id, track=k_of[t.track], slots=t.slots, order=t.order or 0,
        timezone=t.timezone or zone, presenters=list(t.presenters),
        attendees=list(t.attendees), title=t.title,
    ) for t in scenario.talks]

    def row(values: dict[str, int], index: dict[str, int], size: int) -> list[int]:
        out = [0] * size
        for key, value in values.items():
            if key in index:
                out[index[key]] = value
        return out

    track_track = [[0] * len(tracks) for _ in tracks]
    for k, track in enumerate(tracks):
        for other, value in track.penalties.tracks.items():
            if other in k_of and other != track.id:
                k2 = k_of[other]
                track_track[k][k2] = track_track[k2][k] = max(track_track[k][k2], value)
    opened = []
    for slot in scenario.talk_slots:
        open_ids = set(open_rooms(slot, scenario.rooms, scenario.talks))
        opened.append([room in open_ids for room in rooms])
    windows = _Windows(scenario)
    track_allowed = [[all(windows.free(pid, b) for pid in track.chairs) for b in blocks]
                     for track in tracks]
    tag = scenario.hybrid.room_tag
    hybrid = {r for r, room in enumerate(scenario.rooms) if tag in room.tags}
    sub_allowed: list[list[bool]] = []
    sub_rooms: list[set[int] | None] = []
    for talk in scenario.talks:
        allowed = [all(windows.free(pid, b) for pid in talk.presenters) for b in blocks]
        roomset: set[int] | None = set(hybrid) if talk.format != "in-person" else None
        if talk.pin is not None:
            pinned = s_of[talk.pin.talk_slot]
            allowed = [ok and s == pinned for s, ok in enumerate(allowed)]
            if talk.pin.room is not None:
                roomset = {r_of[talk.pin.room]} & (roomset if roomset is not None
                                                   else {r_of[talk.pin.room]})
        sub_allowed.append(allowed)
        sub_rooms.append(roomset)
    problem = TalkProblem(
        submissions=subs, tracks=track_ids, chairs=[list(t.chairs) for t in tracks],
        sessions=blocks, rooms=rooms, weights=scenario.weights.talks.as_dict(),
        sub_session=[row(t.penalties.talk_slots, s_of, len(blocks)) for t in scenario.talks],
        sub_room=[row(t.penalties.rooms, r_of, len(rooms)) for t in scenario.talks],
        track_session=[row(t.penalties.talk_slots, s_of, len(blocks)) for t in tracks],
        track_room=[row(t.penalties.rooms, r_of, len(rooms)) for t in tracks],
        track_track=track_track,
        session_room=[row(s.penalties.rooms, r_of, len(rooms)) for s in scenario.talk_slots],
        open=opened, track_allowed=track_allowed, sub_allowed=sub_allowed,
        sub_rooms=sub_rooms, name=scenario.event.name,
        remote=[t.format != "in-person" for t in scenario.talks],
        licences=scenario.hybrid.licences,
    )
    derive(problem, scenario)
    return problem


class _Windows:
    """Whether a person is available for the whole of a talk-slot (event minutes)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.cache: dict[str, list[tuple[int, int]] | None] = {}

    def free(self, person_id: str, block: Block) -> bool:
        if person_id not in self.cache:
            person = self.scenario.person(person_id)
            self.cache[person_id] = (None if person.available is None else
                                     self.scenario.windows_in_event_time(
                                         person.available, person.timezone))
        windows = self.cache[person_id]
        if windows is None:
            return True
        begin = self.scenario.at(block.day, block.start)
        finish = self.scenario.at(block.day, block.end)
        return any(a <= begin and finish <= b for a, b in windows)
