"""Hard rules and CoSPLib's terms for academic talks (``talks:``), checked independently.

A talk session in a schedule is an entry with ``instrument: talk-session`` and id
``<talk-slot>.<room>`` listing its talks. The checker reads only the scenario and the
schedule: it shares with the solver the neutral problem and CoSPLib's conflict lists
(scheduler/talks/: *who* conflicts with whom) and the definitions of the terms
(scheduler/talks/score.py), never the solver's model or layout.

Rules (docs/rules.md): ``talk-placement``, ``talk-whole``, ``talk-pinned``,
``talk-availability``, ``talk-hybrid``, ``talk-overlap``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from scheduler.checker.plan import Plan, hhmm, span
from scheduler.checker.report import Term, Violation
from scheduler.scenario.model import Scenario
from scheduler.scenario.talks import Talk, TalkSlot
from scheduler.schedule import ScheduledSession, ScheduledTalk
from scheduler.talks.grid import Grid
from scheduler.talks.problem import TalkProblem, from_scenario
from scheduler.talks.score import weighted_terms

Found = Iterator[Violation]


@dataclass(frozen=True)
class Held:
    """A talk as a talk session of the schedule holds it."""

    talk: ScheduledTalk
    entry: ScheduledSession
    slot: TalkSlot | None
    """The talk-slot the session's id names (None: unknown)."""


def slot_and_room(scenario: Scenario, entry: ScheduledSession) -> tuple[TalkSlot | None, str]:
    """The talk-slot and room a talk session's id ``<talk-slot>.<room>`` names."""
    slots = {s.id: s for s in scenario.talk_slots}
    for room in scenario.rooms:
        suffix = "." + room.id
        if entry.id.endswith(suffix) and entry.id[: -len(suffix)] in slots:
            return slots[entry.id[: -len(suffix)]], room.id
    return None, ""


def held(plan: Plan) -> list[Held]:
    """Every talk listed by a talk session, with its session and talk-slot."""
    out: list[Held] = []
    for entry in plan.talk_sessions:
        slot, _ = slot_and_room(plan.scenario, entry)
        out.extend(Held(talk, entry, slot) for talk in entry.talks)
    return out


def talk_placement(plan: Plan) -> Found:
    """Every talk is in exactly one talk session, of its own track; a talk session is a
    talk-slot in a room open then (a ``reserved`` room only where the talk-slot lists it or
    a talk of the session is pinned to it), at the talk-slot's time, and holds one
    track."""
    scenario = plan.scenario
    talks = {t.id: t for t in scenario.talks}
    tracks = {t.id for t in scenario.tracks}
    ids = Counter(entry.id for entry in plan.talk_sessions)
    for sid, times in ids.items():
        if times > 1:
            yield Violation("talk-placement", f"the talk session {sid!r} is listed {times} "
                            "times; a talk-slot holds one talk session per room",
                            sessions=(sid,))
    for entry in plan.talk_sessions:
        slot, room = slot_and_room(scenario, entry)
        if slot is None:
            yield Violation("talk-placement", f"the talk session {entry.id!r} names no "
                            "talk-slot and room of the scenario (its id is "
                            "<talk-slot>.<room>)", sessions=(entry.id,))
            continue
        if entry.room != room:
            yield Violation("talk-placement", f"the talk session {entry.id!r} is in the room "
                            f"{entry.room!r}, its id says {room!r}", sessions=(entry.id,))
        if slot.rooms is not None and room not in slot.rooms:
            yield Violation("talk-placement", f"the room {room!r} is not open in the talk-slot "
                            f"{slot.id!r}", sessions=(entry.id,), rooms=(room,))
        reserved = plan.rooms.get(room)
        if (slot.rooms is None and reserved is not None and reserved.reserved
                and not any(item.id in talks and _pinned_to(talks[item.id], slot.id, room)
                            for item in entry.talks)):
            yield Violation("talk-placement", f"the talk session {entry.id!r} is in "
                            f"{reserved.label}, which is reserved: it holds a talk session "
                            f"only where the talk-slot's rooms: lists it or a talk is pinned "
                            f"to it", sessions=(entry.id,), rooms=(room,), day=entry.day)
        if (entry.day, entry.start, entry.end) != (slot.day, slot.start, slot.end):
            yield Violation("talk-placement", f"the talk session {entry.id!r} is on "
                            f"{entry.day} {span(entry.start, entry.end)}, its talk-slot on "
                            f"{slot.day} {span(slot.start, slot.end)}", sessions=(entry.id,),
                            day=entry.day)
        if entry.track not in tracks:
            yield Violation("talk-placement", f"the talk session {entry.id!r} has no track of "
                            "the scenario (each talk session holds one track)",
                            sessions=(entry.id,))
        if not entry.talks:
            yield Violation("talk-placement", f"the talk session {entry.id!r} lists no talks",
                            sessions=(entry.id,))
    seen: Counter[str] = Counter()
    for item in held(plan):
        talk = talks.get(item.talk.id)
        if talk is None:
            yield Violation("talk-placement", f"the talk session {item.entry.id!r} lists "
                            f"{item.talk.id!r}, which is not a talk of the scenario",
                            sessions=(item.entry.id,))
            continue
        seen[talk.id] += 1
        if talk.track != item.entry.track:
            yield Violation("talk-placement", f"the talk {talk.id!r} of track {talk.track!r} is "
                            f"in {item.entry.id!r}, a talk session of track "
                            f"{item.entry.track!r}", sessions=(item.entry.id,))
    for talk in scenario.talks:
        if seen[talk.id] == 0:
            yield Violation("talk-placement", f"the talk {talk.id!r} ('{talk.title}') is in "
                            "no talk session")
        elif seen[talk.id] > 1:
            yield Violation("talk-placement", f"the talk {talk.id!r} is listed "
                            f"{seen[talk.id]} times; a talk is held exactly once")


def _pinned_to(talk: Talk, slot_id: str, room_id: str) -> bool:
    return talk.pin is not None and (talk.pin.talk_slot, talk.pin.room) == (slot_id, room_id)


def talk_whole(plan: Plan) -> Found:
    """A talk takes its number of consecutive talk slots, on the talk-slot's slot grid,
    inside its talk session; no two talks of one talk session overlap."""
    talks = {t.id: t for t in plan.scenario.talks}
    for entry in plan.talk_sessions:
        slot, _ = slot_and_room(plan.scenario, entry)
        if slot is None:
            continue
        for item in entry.talks:
            talk = talks.get(item.id)
            if talk is None:
                continue
            length = talk.slots * slot.slot_length
            on_grid = (item.start - slot.start) % slot.slot_length == 0
            if (item.end - item.start != length or not on_grid or item.start < slot.start
                    or item.end > slot.end):
                yield Violation("talk-whole", f"the talk {talk.id!r} runs "
                                f"{span(item.start, item.end)} in {entry.id!r}; it takes "
                                f"{talk.slots} slot(s) of {slot.slot_length} min on the grid of "
                                f"{span(slot.start, slot.end)}", sessions=(entry.id,),
                                day=entry.day)
        ordered = sorted(entry.talks, key=lambda t: (t.start, t.end))
        for a, b in zip(ordered, ordered[1:], strict=False):
            if b.start < a.end:
                yield Violation("talk-whole", f"the talks {a.id!r} and {b.id!r} overlap in "
                                f"{entry.id!r} ({span(a.start, a.end)} and "
                                f"{span(b.start, b.end)})", sessions=(entry.id,),
                                day=entry.day)


def talk_pinned(plan: Plan) -> Found:
    """A pinned talk is in its pinned talk-slot (and room, when pinned)."""
    for item in held(plan):
        talk = next((t for t in plan.scenario.talks if t.id == item.talk.id), None)
        if talk is None or talk.pin is None:
            continue
        _, room = slot_and_room(plan.scenario, item.entry)
        slot_id = item.slot.id if item.slot else None
        if slot_id != talk.pin.talk_slot or (talk.pin.room and room != talk.pin.room):
            want = talk.pin.talk_slot + (f" in {talk.pin.room}" if talk.pin.room else "")
            yield Violation("talk-pinned", f"the talk {talk.id!r} is pinned to {want}, and is "
                            f"in {item.entry.id!r}", sessions=(item.entry.id,))


def talk_availability(plan: Plan) -> Found:
    """Presenters are available during their talk, chairs during their talk session, and
    the room during the talk session (their ``available`` windows)."""
    scenario = plan.scenario
    talks = {t.id: t for t in scenario.talks}

    def inside(windows: list[tuple[int, int]] | None, day: object, start: int,
               end: int) -> bool:
        if windows is None:
            return True
        a, b = scenario.at(day, start), scenario.at(day, end)  # type: ignore[arg-type]
        return any(x <= a and b <= y for x, y in windows)

    cache: dict[str, list[tuple[int, int]] | None] = {}

    def windows_of(pid: str) -> list[tuple[int, int]] | None:
        if pid not in cache:
            person = plan.people.get(pid)
            cache[pid] = (None if person is None or person.available is None else
                          scenario.windows_in_event_time(person.available, person.timezone))
        return cache[pid]

    for entry in plan.talk_sessions:
        if not plan.is_event_day(entry.day):
            continue
        for pid in entry.people.get("chair", []):
            if not inside(windows_of(pid), entry.day, entry.start, entry.end):
                yield Violation("talk-availability", f"{plan.person_label(pid)} chairs "
                                f"{entry.id!r} ({entry.day} {span(entry.start, entry.end)}) "
                                "outside their available windows", sessions=(entry.id,),
                                people=(pid,), day=entry.day)
        room = plan.rooms.get(entry.room or "")
        if room is not None and room.available is not None and not inside(
                scenario.windows_in_event_time(room.available), entry.day, entry.start,
                entry.end):
            yield Violation("talk-availability", f"the room {room.id!r} holds {entry.id!r} "
                            "outside its available windows", sessions=(entry.id,),
                            rooms=(room.id,), day=entry.day)
        for item in entry.talks:
            talk = talks.get(item.id)
            for pid in talk.presenters if talk else []:
                if not inside(windows_of(pid), entry.day, item.start, item.end):
                    yield Violation("talk-availability", f"{plan.person_label(pid)} presents "
                                    f"{item.id!r} ({entry.day} {span(item.start, item.end)}) "
                                    "outside their available windows", sessions=(entry.id,),
                                    people=(pid,), day=entry.day)
    track_chairs = {t.id: t.chairs for t in scenario.tracks}
    for entry in plan.talk_sessions:
        wanted = track_chairs.get(entry.track or "", [])
        if sorted(entry.people.get("chair", [])) != sorted(wanted):
            yield Violation("talk-availability", f"the talk session {entry.id!r} lists the "
                            f"chairs {entry.people.get('chair', [])}, its track has {wanted}",
                            sessions=(entry.id,))


def talk_hybrid(plan: Plan) -> Found:
    """An online or hybrid talk is held in a room tagged ``hybrid.room-tag``; with
    ``hybrid.licences: N``, at no moment do more than N talk sessions holding one run."""
    tag = plan.scenario.hybrid.room_tag
    talks = {t.id: t for t in plan.scenario.talks}
    for item in held(plan):
        talk = talks.get(item.talk.id)
        if talk is None or talk.format == "in-person":
            continue
        room = plan.rooms.get(item.entry.room or "")
        if room is None or tag not in room.tags:
            yield Violation("talk-hybrid", f"the {talk.format} talk {talk.id!r} is in the room "
                            f"{item.entry.room!r}, which is not tagged {tag!r}",
                            sessions=(item.entry.id,))
    licences = plan.scenario.hybrid.licences
    if licences is None:
        return
    remote = [entry for entry in plan.talk_sessions
              if any(talks[x.id].format != "in-person" for x in entry.talks if x.id in talks)]
    online = [p.entry for p in plan.placed if p.session.needs_licence]
    for entry in remote:  # the most at once is reached at some start; sessions' own
        for moment in [entry, *online]:  # crowds are the licences rule's
            running = [x for x in [*remote, *online] if x.day == moment.day
                       and x.start <= moment.start < x.end]
            if len(running) > licences and entry in running:
                yield Violation("talk-hybrid", f"{len(running)} talk sessions and sessions "
                                f"with online or hybrid talks run at {hhmm(moment.start)} on "
                                f"{moment.day}, more than the {licences} licence(s)",
                                sessions=tuple(x.id for x in running), day=moment.day)
                break


def talk_overlap(plan: Plan) -> Found:
    """A room holds one talk session (or session) at a time; no talk session runs during a
    break or an exclusive session; its chairs (all of it) and presenters (their talk) are in
    no session at the same time."""
    entries = plan.talk_sessions
    others = [p.entry for p in plan.placed]
    for i, a in enumerate(entries):
        for b in [*entries[i + 1:], *others]:
            if (a.room and a.room == b.room and a.day == b.day and a.start < b.end
                    and b.start < a.end and a.id != b.id):
                yield Violation("talk-overlap", f"{a.id!r} and {b.id!r} overlap in the room "
                                f"{a.room!r} on {a.day}", sessions=(a.id, b.id),
                                rooms=(a.room,), day=a.day)
        for brk in plan.breaks:
            if brk.day == a.day and a.start < brk.end and brk.start < a.end:
                yield Violation("talk-overlap", f"the talk session {a.id!r} "
                                f"({span(a.start, a.end)}) runs during the break {brk.label}",
                                sessions=(a.id,), day=a.day)
        for p in plan.placed:
            if not (p.day == a.day and a.start < p.end and p.start < a.end):
                continue
            if p.instrument.exclusive:
                yield Violation("talk-overlap", f"the talk session {a.id!r} runs during "
                                f"{p.label}, which nothing runs in parallel with",
                                sessions=(a.id, p.id), day=a.day)
            for pid, start, end in _duties(a):
                if pid in p.person_ids and start < p.end and p.start < end:
                    yield Violation("talk-overlap", f"{plan.person_label(pid)} is in "
                                    f"{a.id!r} ({span(start, end)}) and in {p.label} at once",
                                    sessions=(a.id, p.id), people=(pid,), day=a.day)


def _duties(entry: ScheduledSession) -> list[tuple[str, int, int]]:
    """Who is busy in a talk session and when: chairs all of it, presenters their talk."""
    out = [(pid, entry.start, entry.end) for pid in entry.people.get("chair", [])]
    out += [(pid, talk.start, talk.end) for talk in entry.talks for pid in talk.presenters]
    return out


def grid_of(plan: Plan, problem: TalkProblem) -> Grid:
    """The schedule's talk sessions as CoSPLib's grid (talks outside the grid are left
    out; ``talk-whole`` names them)."""
    grid = Grid.empty(problem)
    s_of, r_of = problem.session_index, problem.room_index
    k_of, i_of = problem.track_index, problem.submission_index
    for entry in plan.talk_sessions:
        slot, room = slot_and_room(plan.scenario, entry)
        if slot is None or entry.track not in k_of:
            continue
        s, r = s_of[slot.id], r_of[room]
        grid.tracks[s][r] = k_of[entry.track]
        for item in entry.talks:
            if item.id not in i_of:
                continue
            first = (item.start - slot.start) // slot.slot_length
            count = max(1, (item.end - item.start) // slot.slot_length)
            for t in range(max(0, first), min(slot.slots, first + count)):
                grid.cells[s][r][t] = i_of[item.id]
    return grid


def talk_terms(plan: Plan) -> dict[str, Term]:
    """CoSPLib's 16 terms at the scenario's weights (none without talks)."""
    if not plan.scenario.talks:
        return {}
    problem = from_scenario(plan.scenario)
    terms = weighted_terms(problem, grid_of(plan, problem))
    return {name: Term(weight, value, weight * value) for name, (weight, value) in terms.items()}
