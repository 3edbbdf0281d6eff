"""Hard rules about rooms: who needs one, which fit, and one session at a time."""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.checker.plan import Placed, Plan, inside_one, overlapping_pairs, windows_text
from scheduler.checker.report import Violation
from scheduler.scenario.model import Room
from scheduler.wording import article

Found = Iterator[Violation]


def needs_room(p: Placed) -> bool:
    """In-person and hybrid sessions of an instrument that needs a room take one."""
    return p.session.format != "online" and p.instrument.needs_room


def _in_rooms(plan: Plan) -> Iterator[tuple[Placed, Room]]:
    for p in plan.placed:
        room = plan.room(p)
        if room is not None:
            yield p, room


def _say(rule: str, p: Placed, room: Room, message: str) -> Violation:
    return Violation(rule, message, sessions=(p.id,), rooms=(room.id,), day=p.day)


def room_required(plan: Plan) -> Found:
    """Sessions that need a room have exactly one the scenario knows; others have none."""
    for p in plan.placed:
        if p.room is not None and plan.room(p) is None:
            yield Violation("room-required", f"{p.label} on {p.day} is in {p.room!r}, which "
                            "is not a room of the scenario", sessions=(p.id,), day=p.day)
        elif needs_room(p) and p.room is None:
            yield Violation("room-required", f"{p.label} on {p.day} is {p.session.format} "
                            "and needs a room, but has none", sessions=(p.id,), day=p.day)
        elif not needs_room(p) and p.room is not None:
            why = ("is online" if p.session.format == "online"
                   else f"is {article(p.session.instrument)}, which needs no room")
            yield Violation("room-required", f"{p.label} on {p.day} {why} but is given "
                            f"{plan.room_label(p.room)}", sessions=(p.id,), rooms=(p.room,),
                            day=p.day)


def room_allowed(plan: Plan) -> Found:
    """The room is one of the session's ``rooms`` when given."""
    for p, room in _in_rooms(plan):
        if p.session.rooms is not None and room.id not in p.session.rooms:
            yield _say("room-allowed", p, room, f"{p.label} on {p.day} is in {room.label}; it "
                       f"may only be in {', '.join(map(plan.room_label, p.session.rooms))}")


def room_capacity(plan: Plan) -> Found:
    """The room seats at least the session's expected participants."""
    for p, room in _in_rooms(plan):
        if room.capacity < p.session.participants:
            yield _say("room-capacity", p, room, f"{p.label} on {p.day} expects "
                       f"{p.session.participants} participants but {room.label} seats "
                       f"{room.capacity}")


def room_tags(plan: Plan) -> Found:
    """The room carries the instrument's and session's tags (and the hybrid tag)."""
    hybrid_tag = plan.scenario.hybrid.room_tag
    for p, room in _in_rooms(plan):
        wanted = [*p.instrument.room_tags, *p.session.room_tags]
        if p.session.format == "hybrid":
            wanted.append(hybrid_tag)
        missing = [tag for tag in dict.fromkeys(wanted) if tag not in room.tags]
        if missing:
            yield _say("room-tags", p, room, f"{p.label} on {p.day} needs a room tagged "
                       f"{', '.join(missing)}; {room.label} is not")
        named = (room.id in (p.session.rooms or [])
                 or (p.session.pin is not None and p.session.pin.room == room.id))
        if room.reserved and not named and not any(tag in room.tags for tag in wanted):
            yield _say("room-tags", p, room, f"{p.label} on {p.day} is in {room.label}, "
                       f"which is reserved for sessions that need one of its tags "
                       f"({', '.join(room.tags) or 'none'}) or name it")


def room_availability(plan: Plan) -> Found:
    """A session in a room with ``available`` windows lies inside one of them."""
    for p, room in _in_rooms(plan):
        interval = plan.event_span(p)
        if room.available is None or interval is None:
            continue
        windows = plan.scenario.windows_in_event_time(room.available)
        if not inside_one(interval, windows):
            yield _say("room-availability", p, room, f"{p.label} on {p.day} is in "
                       f"{room.label} outside its available times "
                       f"({windows_text(plan.scenario, windows)})")


def room_overlap(plan: Plan) -> Found:
    """No two sessions in the same room overlap."""
    by_room: dict[str, list[Placed]] = {}
    for p, room in _in_rooms(plan):
        by_room.setdefault(room.id, []).append(p)
    for room_id, items in by_room.items():
        for a, b in overlapping_pairs(items):
            yield Violation("room-overlap", f"{plan.room_label(room_id)} holds {a.label} "
                            f"and {b.label} at once on {a.day}", sessions=(a.id, b.id),
                            rooms=(room_id,), day=a.day)
