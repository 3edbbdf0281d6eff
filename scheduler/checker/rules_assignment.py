"""Hard rules about people chosen from pools (``needs:``), from the two files alone.

A person the schedule lists in a session beyond those the scenario names was *chosen*.
``needs-met``: each needed role has exactly its count of chosen people.
``assigned-qualified``: each chosen person may do it (role, candidates, language, topics,
not named already, listed once, and for ``jury`` not from an entrant organisation).
``person-load``: ``max-sessions``, ``max-hours-per-day`` and ``max-hours`` hold for
everyone, counting named and chosen sessions alike. (Availability, overlap and the daily
session limit of chosen people are the ``person-*`` rules, which see them through
:attr:`Placed.people`.)
"""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.checker.plan import Placed, Plan
from scheduler.checker.report import Violation

Found = Iterator[Violation]

JURY = "jury"


def needs_of(plan: Plan, p: Placed) -> dict[str, int]:
    """Role -> how many people are chosen for the session: its ``needs:``, else the
    instrument's required roles minus the people named, for roles someone has in roles:."""
    session = p.session
    if session.needs is not None:
        return {role: n for role, n in session.needs.items() if n > 0}
    out = {}
    for role, least in p.instrument.required_roles.items():
        missing = least - len(session.people.get(role, []))
        if missing > 0 and any(role in person.roles for person in plan.people.values()):
            out[role] = missing
    return out


def chosen(p: Placed) -> dict[str, list[str]]:
    """Role -> people listed by the schedule beyond those the scenario names for it."""
    named = p.session.people
    return {role: [pid for pid in ids if pid not in named.get(role, [])]
            for role, ids in p.entry.people.items()}


def needs_met(plan: Plan) -> Found:
    """Each role a placed session needs has exactly as many chosen people as it needs."""
    for p in plan.placed:
        wanted = needs_of(plan, p)
        got = chosen(p)
        for role, count in wanted.items():
            have = len(got.get(role, []))
            if have != count:
                yield Violation("needs-met", f"{p.label} needs {count} {role} chosen from the "
                                f"pool; the schedule lists {have}", sessions=(p.id,), day=p.day)


def _unqualified(plan: Plan, p: Placed, role: str, pid: str) -> str | None:
    """Why ``pid`` may not be chosen as ``role`` for the session (None: they may)."""
    person, session = plan.people.get(pid), p.session
    if person is None:
        return "is not a person of the scenario"
    if role not in person.roles:
        return f"does not have {role!r} in roles:"
    if pid in session.person_ids:
        return "is already named in the session"
    if session.candidates is not None and pid not in session.candidates:
        return "is not among its candidates:"
    if session.language is not None and session.language not in person.languages:
        return f"does not speak {session.language!r}"
    if session.topics and not set(session.topics) & set(person.topics):
        return f"carries none of its topics ({', '.join(session.topics)})"
    if role == JURY and person.organisation in session.entrants:
        return f"belongs to {person.organisation!r}, which enters the competition"
    return None


def assigned_qualified(plan: Plan) -> Found:
    """Everyone chosen for a session may be chosen for that role (see module text)."""
    for p in plan.placed:
        pooled = needs_of(plan, p)
        seen: set[str] = set()
        for role, ids in chosen(p).items():
            if role not in pooled:
                continue  # listing people in a role not needed is the ``people`` rule's
            for pid in ids:
                if pid in seen:
                    yield Violation("assigned-qualified", f"{plan.person_label(pid)} is "
                                    f"listed in two roles of {p.label}", sessions=(p.id,),
                                    people=(pid,), day=p.day)
                seen.add(pid)
                why = _unqualified(plan, p, role, pid)
                if why:
                    yield Violation("assigned-qualified", f"{plan.person_label(pid)} is "
                                    f"chosen as {role} for {p.label} but {why}",
                                    sessions=(p.id,), people=(pid,), day=p.day)


def person_load(plan: Plan) -> Found:
    """``max-sessions``, ``max-hours-per-day`` and ``max-hours`` of every person."""
    for pid, person in plan.people.items():
        sessions = plan.sessions_of(pid)
        if person.max_sessions is not None and len(sessions) > person.max_sessions:
            yield Violation("person-load", f"{person.label} is in {len(sessions)} sessions; "
                            f"their limit is {person.max_sessions}",
                            sessions=tuple(p.id for p in sessions), people=(pid,))
        minutes = [p.end - p.start for p in sessions]
        if person.max_hours is not None and sum(minutes) > person.max_hours * 60:
            yield Violation("person-load", f"{person.label} is in sessions for "
                            f"{sum(minutes) / 60:g} h; their limit is {person.max_hours:g} h",
                            sessions=tuple(p.id for p in sessions), people=(pid,))
        if person.max_hours_per_day is None:
            continue
        for day in sorted({p.day for p in sessions}):
            todays = [p for p in sessions if p.day == day]
            total = sum(p.end - p.start for p in todays)
            if total > person.max_hours_per_day * 60:
                yield Violation("person-load", f"{person.label} is in sessions for "
                                f"{total / 60:g} h on {day}; their limit is "
                                f"{person.max_hours_per_day:g} h a day",
                                sessions=tuple(p.id for p in todays), people=(pid,), day=day)


def _roles_in(plan: Plan, p: Placed) -> set[str]:
    """Roles the session has: named in the scenario, or needed from the pool."""
    return {role for role, ids in p.session.people.items() if ids} | set(needs_of(plan, p))


def _pairs(plan: Plan) -> Iterator[tuple[Placed, Placed, str, str]]:
    """(session, other, role, why) for every two placed sessions that must list the same
    people in ``role``: ``same-people-as`` links (a list: every role both have), and
    every two meetings of a series in its instrument's ``continuity-roles``."""
    placed = plan.placed
    for p in placed:
        spec = p.session.same_people_as
        pairs = ([(None, ref) for ref in spec] if isinstance(spec, list) else
                 [(role, ref) for role, refs in spec.items() for ref in refs])
        for role, ref in pairs:
            for q in placed:
                if q.id == p.id or ref not in (q.id, q.session.series):
                    continue
                roles = [role] if role else sorted(_roles_in(plan, p) & _roles_in(plan, q))
                for r in roles:
                    yield p, q, r, "same-people-as"
    series: dict[str, list[Placed]] = {}
    for p in placed:
        # Meetings of a series (repeat:), not the runs of a session (runs:): each run is
        # a group of its own and may have its own people.
        if p.session.series is not None and p.session.occurrence is not None:
            series.setdefault(p.session.series, []).append(p)
    for meetings in series.values():
        for role in meetings[0].instrument.continuity_roles:
            if role not in _roles_in(plan, meetings[0]):
                continue
            for i, p in enumerate(meetings):
                for q in meetings[i + 1:]:
                    yield p, q, role, f"a {p.session.instrument} series keeps its {role}"


def same_people(plan: Plan) -> Found:
    """Linked sessions list the same people in the role (both placed)."""
    reported: set[tuple[str, str, str]] = set()
    for p, q, role, why in _pairs(plan):
        key = (min(p.id, q.id), max(p.id, q.id), role)
        a, b = sorted(p.people.get(role, [])), sorted(q.people.get(role, []))
        if a == b or key in reported:
            continue
        reported.add(key)
        yield Violation("same-people", f"{p.label} and {q.label} must have the same {role} "
                        f"({why}): {', '.join(map(plan.person_label, a)) or 'nobody'} against "
                        f"{', '.join(map(plan.person_label, b)) or 'nobody'}",
                        sessions=(p.id, q.id), people=tuple(sorted(set(a) ^ set(b))),
                        day=q.day)


def _organisations(plan: Plan, ids: list[str]) -> set[str]:
    return {org for pid in ids if (person := plan.people.get(pid)) is not None
            and (org := person.organisation) is not None}


def organisations(plan: Plan) -> Found:
    """A jury comes from the instrument's ``jury-min-organisations`` organisations; the
    people of a session whose instrument has ``min-organisations`` from that many
    (people without an organisation count for none)."""
    for p in plan.placed:
        rule = p.instrument
        least = rule.jury_min_organisations
        orgs = _organisations(plan, p.people.get(JURY, []))
        if least and len(orgs) < least:
            yield Violation("organisations", f"{p.label}: the jury must come from {least} "
                            f"organisations; it comes from {len(orgs)} "
                            f"({', '.join(sorted(orgs)) or 'none given'})",
                            sessions=(p.id,), people=tuple(p.people.get(JURY, [])), day=p.day)
        orgs = _organisations(plan, p.person_ids)
        if rule.min_organisations and len(orgs) < rule.min_organisations:
            yield Violation("organisations", f"{p.label}: its people must come from "
                            f"{rule.min_organisations} organisations; they come from "
                            f"{len(orgs)} ({', '.join(sorted(orgs)) or 'none given'})",
                            sessions=(p.id,), day=p.day)
