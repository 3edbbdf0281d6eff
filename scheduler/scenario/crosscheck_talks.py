"""Static checks of academic talks (``talk-slots:``, ``talks:``, track chairs/penalties).

Every problem is ``(path, message, hint)`` like the rest of :mod:`crosscheck`; the loader
turns the path into a file, line and column.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from scheduler.scenario.talks import open_rooms

if TYPE_CHECKING:
    from scheduler.scenario.model import PathKey, Scenario

Found = Iterator[tuple["PathKey", str, "str | None"]]


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _unknown(kind: str, ref: str, known: set[str], where: str) -> tuple[str, str]:
    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.7)
    hint = f"did you mean {close[0]!r}?" if close else f"add it under {where} or fix the spelling"
    return f"unknown {kind} {ref!r}", hint


def talk_problems(scenario: Scenario) -> Found:
    """All problems of the talks part of a scenario (none when it has no talks)."""
    if not scenario.talks and not scenario.talk_slots and not any(
            t.chairs for t in scenario.tracks):
        return
    yield from _ids(scenario)
    yield from _talk_slots(scenario)
    yield from _tracks(scenario)
    yield from _talks(scenario)


def _ids(scenario: Scenario) -> Found:
    """Talk-slot and talk ids are unique; a talk session's id is no session's id."""
    for kind, ids in (("talk-slots", [s.id for s in scenario.talk_slots]),
                      ("talks", [t.id for t in scenario.talks])):
        seen: set[str] = set()
        for index, ident in enumerate(ids):
            if ident in seen:
                yield ((kind, index, "id"), f"the id {ident!r} is used twice",
                       "give each a unique id")
            seen.add(ident)
    sessions = {s.id for s in scenario.sessions}
    for index, slot in enumerate(scenario.talk_slots):
        for room in slot.rooms or [r.id for r in scenario.rooms]:
            if f"{slot.id}.{room}" in sessions:
                yield (("talk-slots", index, "id"), f"the talk session {slot.id}.{room} has "
                       "the id of a session", "rename the talk-slot or the session")


def _talk_slots(scenario: Scenario) -> Found:
    """A talk-slot is on an event day, inside its hours, in rooms that exist and are
    open then, over no fixed break, and shares no room with an overlapping talk-slot."""
    rooms = {r.id for r in scenario.rooms}
    days = set(scenario.days)
    if scenario.talks and not scenario.talk_slots:
        yield (("talks",), "there are talks but no talk-slots to hold them",
               "add talk-slots: (time blocks of talk slots; docs/talks.md)")
    for index, slot in enumerate(scenario.talk_slots):
        if slot.day not in days:
            yield (("talk-slots", index, "day"), f"{slot.day} is not a day of the event",
                   "use a date from first-day to last-day (not a skipped day)")
            continue
        start, end = scenario.frame(slot.day)
        if slot.start < start or slot.end > end:
            yield (("talk-slots", index), f"the talk-slot {slot.id!r} ({_clock(slot.start)}-"
                   f"{_clock(slot.end)}) is outside the hours of {slot.day} "
                   f"({_clock(start)}-{_clock(end)})",
                   "move it, use fewer or shorter slots, or widen day-start/day-end")
        for i, room in enumerate(slot.rooms or []):
            if room not in rooms:
                yield (("talk-slots", index, "rooms", i),
                       *_unknown("room", room, rooms, "rooms:"))
        for room in slot.penalties.rooms:
            if room not in rooms:
                yield (("talk-slots", index, "penalties", "rooms", room),
                       *_unknown("room", room, rooms, "rooms:"))
        for item in scenario.breaks.fixed:
            if item.day not in (None, slot.day):
                continue
            if item.start < slot.end and slot.start < item.end:
                yield (("talk-slots", index), f"the talk-slot {slot.id!r} "
                       f"({_clock(slot.start)}-{_clock(slot.end)}) runs over the fixed break "
                       f"{item.id!r} ({_clock(item.start)}-{_clock(item.end)})",
                       "end the talk-slot before the break or start it after; split it in two")
        for room_id in slot.rooms if slot.rooms is not None else open_rooms(
                slot, scenario.rooms, scenario.talks):
            if room_id not in rooms:
                continue
            available = scenario.room(room_id).available
            if available is None:
                continue
            windows = scenario.windows_in_event_time(available)
            begin = scenario.at(slot.day, slot.start)
            finish = scenario.at(slot.day, slot.end)
            if not any(a <= begin and finish <= b for a, b in windows):
                where: PathKey = (("talk-slots", index, "rooms",
                                   slot.rooms.index(room_id)) if slot.rooms
                                  else ("talk-slots", index))
                yield (where, f"the room {room_id!r} is not available for the whole "
                       f"talk-slot {slot.id!r} ({slot.day} {_clock(slot.start)}-"
                       f"{_clock(slot.end)})",
                       "list only the rooms open then under the talk-slot's rooms:, or widen "
                       "the room's available: windows")
    slots = scenario.talk_slots
    for b in range(len(slots)):  # each talk-slot names the first earlier one it collides with
        for a in range(b):
            first, second = slots[a], slots[b]
            if first.day != second.day or not (first.start < second.end
                                               and second.start < first.end):
                continue
            shared = (set(open_rooms(first, scenario.rooms, scenario.talks))
                      & set(open_rooms(second, scenario.rooms, scenario.talks)))
            if shared:
                shown = ", ".join(sorted(shared)[:5]) + (
                    f" and {len(shared) - 5} more" if len(shared) > 5 else "")
                yield (("talk-slots", b), f"the talk-slots {first.id!r} and {second.id!r} "
                       f"overlap on {first.day} and share the room(s) {shown}",
                       "move one, or give them different rooms: (a room holds one talk "
                       "session at a time)")
                break


def _tracks(scenario: Scenario) -> Found:
    """Chairs are people; track penalties name talk-slots, rooms and tracks."""
    people = {p.id for p in scenario.people}
    rooms = {r.id for r in scenario.rooms}
    tracks = {t.id for t in scenario.tracks}
    slots = {s.id for s in scenario.talk_slots}
    for index, track in enumerate(scenario.tracks):
        for i, chair in enumerate(track.chairs):
            if chair not in people:
                yield (("tracks", index, "chairs", i),
                       *_unknown("person", chair, people, "people:"))
        if len(set(track.chairs)) != len(track.chairs):
            yield (("tracks", index, "chairs"), "a chair is listed twice", "list each once")
        for kind, known, where in (("talk_slots", slots, "talk-slots:"),
                                   ("rooms", rooms, "rooms:"), ("tracks", tracks, "tracks:")):
            for ref in getattr(track.penalties, kind):
                if ref not in known:
                    label = kind.replace("_", "-")
                    yield (("tracks", index, "penalties", label, ref),
                           *_unknown(label.rstrip("s"), ref, known, where))


def _talks(scenario: Scenario) -> Found:
    """Talks name tracks, people, talk-slots and rooms that exist; each fits some
    talk-slot; an online or hybrid talk has a hybrid room; orders in a track differ."""
    people = {p.id for p in scenario.people}
    rooms = {r.id for r in scenario.rooms}
    tracks = {t.id for t in scenario.tracks}
    by_id = {s.id: s for s in scenario.talk_slots}
    longest = max((s.slots for s in scenario.talk_slots), default=0)
    tag = scenario.hybrid.room_tag
    hybrid_rooms = {r.id for r in scenario.rooms if tag in r.tags}
    orders: dict[tuple[str, int], int] = {}
    for index, talk in enumerate(scenario.talks):
        if talk.track not in tracks:
            yield (("talks", index, "track"), *_unknown("track", talk.track, tracks, "tracks:"))
        for field in ("presenters", "attendees"):
            for i, pid in enumerate(getattr(talk, field)):
                if pid not in people:
                    yield (("talks", index, field, i),
                           *_unknown("person", pid, people, "people:"))
        if scenario.talk_slots and talk.slots > longest:
            yield (("talks", index, "slots"), f"the talk {talk.id!r} takes {talk.slots} "
                   f"talk slots, longer than every talk-slot (the longest has {longest})",
                   "shorten the talk or lengthen a talk-slot (a talk is never split)")
        if talk.format in ("online", "hybrid") and not hybrid_rooms:
            yield (("talks", index, "format"), f"the talk {talk.id!r} is {talk.format} and "
                   f"no room is tagged {tag!r}",
                   f"tag a room {tag!r} (it has the camera and screen), or make the talk "
                   "in-person")
        if talk.order is not None:
            key = (talk.track, talk.order)
            if key in orders:
                first = scenario.talks[orders[key]].id
                yield (("talks", index, "order"), f"the talks {first!r} and {talk.id!r} both "
                       f"have order {talk.order} in track {talk.track!r}",
                       "give each talk of a track its own position")
            else:
                orders[key] = index
        for kind, known, where in (("talk_slots", set(by_id), "talk-slots:"),
                                   ("rooms", rooms, "rooms:")):
            for ref in getattr(talk.penalties, kind):
                if ref not in known:
                    label = kind.replace("_", "-")
                    yield (("talks", index, "penalties", label, ref),
                           *_unknown(label.rstrip("s"), ref, known, where))
        pin = talk.pin
        if pin is None:
            continue
        slot = by_id.get(pin.talk_slot)
        if slot is None:
            yield (("talks", index, "pin", "talk-slot"),
                   *_unknown("talk-slot", pin.talk_slot, set(by_id), "talk-slots:"))
            continue
        if talk.slots > slot.slots:
            yield (("talks", index, "pin"), f"the talk {talk.id!r} takes {talk.slots} talk "
                   f"slots and is pinned to {slot.id!r}, which has {slot.slots}",
                   "pin it to a longer talk-slot")
        if pin.room is not None:
            if pin.room not in rooms:
                yield (("talks", index, "pin", "room"),
                       *_unknown("room", pin.room, rooms, "rooms:"))
            elif slot.rooms is not None and pin.room not in slot.rooms:
                yield (("talks", index, "pin", "room"), f"the room {pin.room!r} is not open "
                       f"in the talk-slot {slot.id!r}",
                       f"pin it to one of {', '.join(slot.rooms)}")
            elif talk.format in ("online", "hybrid") and pin.room not in hybrid_rooms:
                yield (("talks", index, "pin", "room"), f"the talk {talk.id!r} is "
                       f"{talk.format} and is pinned to {pin.room!r}, which is not tagged "
                       f"{tag!r}", f"pin it to a room tagged {tag!r}")
