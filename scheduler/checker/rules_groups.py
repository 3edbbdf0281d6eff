"""Hard rules and the soft term of participants into groups (``choices:``), from the two
files alone.

A registration the schedule lists under a session's ``registrations:`` was *given* that
session. ``group-choices``: only sessions among its choices (a session with ``runs:``:
one of its runs), at most one run of each choice, at most ``take`` choices, each listing
once and of a real registration. ``group-size``: the session's ``participants:`` plus the
registrations listed fit the instrument's ``max-participants`` and the room's seats.
``group-overlap``: what a registration is given overlaps nothing else it is given or
attends (``sessions:``). Soft ``choices``: ranks of the choices given, ``len(choices)`` per
empty place of ``take``, less the best possible.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from scheduler.checker.plan import Placed, Plan, overlaps
from scheduler.checker.report import Violation
from scheduler.scenario.model import Registration

Found = Iterator[Violation]


def headcount(p: Placed) -> int:
    """Participants of a placed session: the scenario's ``participants:`` plus the
    registrations the schedule gives it."""
    return p.session.participants + len(p.entry.registrations)


def _meets(plan: Plan, ref: str) -> set[str]:
    """The session ids a choice is met by: the runs of a session with ``runs:`` (all
    sessions of that series that are runs), else the session itself."""
    runs = {s.id for s in plan.scenario.sessions if s.series == ref and s.run is not None}
    return runs or {ref}


def _given(plan: Plan) -> dict[str, list[Placed]]:
    """Registration id -> the placed sessions that list it (once each)."""
    out: dict[str, list[Placed]] = {}
    for p in plan.placed:
        for rid in dict.fromkeys(p.entry.registrations):
            out.setdefault(rid, []).append(p)
    return out


def _met(plan: Plan, registration: Registration, given: list[Placed]) -> list[int]:
    """Ranks (0-based) of the choices a registration is given."""
    ids = {p.id for p in given}
    return [i for i, ref in enumerate(registration.choices) if _meets(plan, ref) & ids]


def group_choices(plan: Plan) -> Found:
    """A registration is given only its choices, one run of each, at most ``take``."""
    registrations = {r.id: r for r in plan.scenario.participants.registrations}
    for p in plan.placed:
        for rid, times in Counter(p.entry.registrations).items():
            if rid not in registrations:
                yield Violation("group-choices", f"{p.label} lists the registration {rid!r}, "
                                "which the scenario does not have", sessions=(p.id,),
                                day=p.day)
            elif times > 1:
                yield Violation("group-choices", f"{p.label} lists the registration {rid!r} "
                                f"{times} times", sessions=(p.id,), day=p.day)
    for rid, given in _given(plan).items():
        registration = registrations.get(rid)
        if registration is None:
            continue
        allowed = {sid for ref in registration.choices for sid in _meets(plan, ref)}
        for p in given:
            if p.id not in allowed:
                yield Violation("group-choices", f"registration {rid!r} is given {p.label}, "
                                "which is not among its choices", sessions=(p.id,), day=p.day)
        for ref in registration.choices:
            runs = [p for p in given if p.id in _meets(plan, ref)]
            if len(runs) > 1:
                yield Violation("group-choices", f"registration {rid!r} is given "
                                f"{len(runs)} runs of {ref!r}; one at most",
                                sessions=tuple(p.id for p in runs))
        met = _met(plan, registration, given)
        if len(met) > registration.take:
            yield Violation("group-choices", f"registration {rid!r} is given {len(met)} of "
                            f"its choices; take is {registration.take}",
                            sessions=tuple(p.id for p in given))


def group_size(plan: Plan) -> Found:
    """Fixed participants plus registrations given fit the instrument's maximum and the
    room."""
    for p in plan.placed:
        if not p.entry.registrations:
            continue
        count, most = headcount(p), p.instrument.max_participants
        if most is not None and count > most:
            yield Violation("group-size", f"{p.label} has {count} participants "
                            f"({len(p.entry.registrations)} given from choices); "
                            f"{p.session.instrument} takes at most {most}",
                            sessions=(p.id,), day=p.day)
        room = plan.room(p)
        if room is not None and count > room.capacity:
            yield Violation("group-size", f"{p.label} has {count} participants "
                            f"({len(p.entry.registrations)} given from choices); "
                            f"{room.label} seats {room.capacity}", sessions=(p.id,),
                            rooms=(room.id,), day=p.day)


def group_overlap(plan: Plan) -> Found:
    """What a registration is given overlaps neither each other nor its ``sessions:``."""
    registrations = {r.id: r for r in plan.scenario.participants.registrations}
    for rid, given in _given(plan).items():
        registration = registrations.get(rid)
        if registration is None:
            continue
        fixed = [p for ref in registration.sessions for p in plan.members(ref)]
        items = given + [p for p in fixed if p not in given]
        for i, a in enumerate(given):
            for b in items[i + 1:]:
                if overlaps(a, b):
                    yield Violation("group-overlap", f"registration {rid!r} is given "
                                    f"{a.label} and is in {b.label} at the same time on "
                                    f"{a.day}", sessions=(a.id, b.id), day=a.day)


def choices(plan: Plan) -> tuple[int, str | None]:
    """Soft ``choices``: per registration with choices, the ranks (0 first) of the choices
    given, plus ``len(choices)`` for each of ``take`` places left empty, minus
    0 + 1 + ... + (take - 1)."""
    given = _given(plan)
    value = first = unmet = 0
    for registration in plan.scenario.participants.registrations:
        if not registration.choices:
            continue
        n, take = len(registration.choices), registration.take
        met = _met(plan, registration, given.get(registration.id, []))
        value += sum(met) + n * (take - len(met)) - take * (take - 1) // 2
        first += 0 in met
        unmet += not met
    if not first and not unmet:
        return value, None
    return value, f"{first} got their first choice, {unmet} none of theirs"
