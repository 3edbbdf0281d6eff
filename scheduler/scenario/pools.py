"""People chosen from pools: what a session needs and who qualifies for it.

A person with ``roles: [facilitator]`` is in the facilitator pool. A session's ``needs:``
says how many of each role the solver chooses, on top of the people it names; without
``needs:`` it is the instrument's ``required-roles`` minus the people named for each role.

A person *qualifies* for a role of a session when they have the role in ``roles:``, are
among its ``candidates:`` (if given), speak its ``language:`` (if given), carry one of its
``topics:`` (if given), are not already named in the session, and, for the ``jury`` role,
do not belong to an organisation listed in its ``entrants:``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from scheduler.scenario.model import PathKey, Person, Scenario, Session

    PathFn = Callable[..., PathKey]

JURY = "jury"
"""The role that must not come from an organisation entering the competition."""

Found = Iterator[tuple["PathKey", str, "str | None"]]


def needs(scenario: Scenario, session: Session) -> dict[str, int]:
    """Role -> how many people the solver chooses for ``session`` (roles with 0 left out)."""
    if session.needs is not None:
        return {role: count for role, count in session.needs.items() if count > 0}
    rule = scenario.catalogue.get(session.instrument)
    if rule is None:
        return {}
    out = {}
    for role, least in rule.required_roles.items():
        missing = least - len(session.people.get(role, []))
        if missing > 0 and any(role in p.roles for p in scenario.people):
            out[role] = missing
    return out


def qualifies(person: Person, session: Session, role: str) -> bool:
    """Whether ``person`` may be chosen as ``role`` for ``session`` (see the module text)."""
    if role not in person.roles or person.id in session.person_ids:
        return False
    if session.candidates is not None and person.id not in session.candidates:
        return False
    if session.language is not None and session.language not in person.languages:
        return False
    if session.topics and not set(session.topics) & set(person.topics):
        return False
    return not (role == JURY and person.organisation is not None
                and person.organisation in session.entrants)


def qualified(scenario: Scenario, session: Session, role: str) -> list[Person]:
    """Everyone who may be chosen as ``role`` for ``session``, in file order."""
    return [p for p in scenario.people if qualifies(p, session, role)]


def _why_short(scenario: Scenario, session: Session, role: str) -> str:
    """Which narrowing left the pool too small, in words."""
    pool = [p for p in scenario.people if role in p.roles and p.id not in session.person_ids]
    if not pool:
        return f"nobody has {role!r} in roles:"
    parts = []
    if session.candidates is not None:
        pool = [p for p in pool if p.id in session.candidates]
        parts.append(f"candidates: {', '.join(session.candidates) or 'none'}")
    if session.language is not None:
        pool = [p for p in pool if session.language in p.languages]
        parts.append(f"speaking {session.language!r}")
    if session.topics:
        pool = [p for p in pool if set(session.topics) & set(p.topics)]
        parts.append(f"with a topic of {', '.join(session.topics)}")
    if role == JURY and session.entrants:
        parts.append("not from an entrant organisation")
    return "qualified: " + (", ".join(p.label for p in qualified(scenario, session, role))
                            or "nobody") + (f" ({'; '.join(parts)})" if parts else "")


def pool_problems(scenario: Scenario, path: PathFn) -> Found:
    """Static problems of pools: unknown candidates, roles nobody has, languages nobody
    speaks, needs larger than the qualified candidates, named jury members from entrant
    organisations. ``path(session, *rest)`` gives a session field's path in the file."""
    people = {p.id: p for p in scenario.people}
    speakers = {lang for p in scenario.people for lang in p.languages}
    for session in scenario.sessions:
        if (session.occurrence or session.run) not in (None, 1):
            continue  # a series is one entry of the file: report it once
        for i, pid in enumerate(session.candidates or []):
            if pid not in people:
                yield (path(session, "candidates", i), f"unknown candidate {pid!r}",
                       "use a person id from people:, or fix the spelling")
        if session.language is not None and session.language not in speakers:
            yield (path(session, "language"), f"nobody speaks {session.language!r}",
                   "add it to a person's languages:, or fix the language code")
        for pid in session.people.get(JURY, []):
            person = people.get(pid)
            if person is not None and person.organisation in session.entrants:
                yield (path(session, "people", JURY),
                       f"{person.label} is on the jury and belongs to "
                       f"{person.organisation!r}, which enters the competition",
                       "choose a jury member from another organisation, or remove it from "
                       "entrants:")
        for role, count in needs(scenario, session).items():
            where = path(session, "needs", role) if session.needs is not None else path(
                session, "instrument")
            if not any(role in p.roles for p in scenario.people):
                known = sorted({r for p in scenario.people for r in p.roles})
                close = difflib.get_close_matches(role, known, n=1, cutoff=0.75)
                yield (where, f"the session needs {count} {role} and nobody has the role "
                       f"{role!r}", f"did you mean {close[0]!r}?" if close else
                       f"add {role} to the roles: of people who can do it, or fix the "
                       "spelling")
                continue
            found = qualified(scenario, session, role)
            if len(found) < count:
                yield (where, f"the session needs {count} {role} and only {len(found)} "
                       f"qualify ({_why_short(scenario, session, role)})",
                       f"give more people the role {role!r} (and the language or topic), "
                       "widen candidates:, or lower needs:")
    yield from link_problems(scenario, path)
    yield from organisation_problems(scenario, path)
    yield from wish_problems(scenario)


# --------------------------------------------------------------------------- continuity

SAME_PEOPLE = "same-people-as"


def role_counts(scenario: Scenario, session: Session) -> dict[str, int]:
    """Role -> how many people the session has in it: named plus chosen from the pool."""
    out = {role: len(ids) for role, ids in session.people.items() if ids}
    for role, count in needs(scenario, session).items():
        out[role] = out.get(role, 0) + count
    return out


def targets(scenario: Scenario, ref: str) -> list[Session]:
    """The sessions a ``same-people-as`` entry means: the session with that id, or every
    meeting of the series with that id."""
    return [s for s in scenario.sessions if ref in (s.id, s.series)]


def _link_refs(session: Session) -> list[tuple[str | None, str, tuple[str | int, ...]]]:
    """(role or None for every shared role, target id, path below the session)."""
    spec = session.same_people_as
    if isinstance(spec, list):
        return [(None, ref, (SAME_PEOPLE, i)) for i, ref in enumerate(spec)]
    return [(role, ref, (SAME_PEOPLE, role, i))
            for role, refs in spec.items() for i, ref in enumerate(refs)]


def links(scenario: Scenario) -> list[tuple[Session, Session, str]]:
    """Every (session, other session, role) that must list the same people in ``role``:
    the ``same-people-as`` links, and every two meetings of a series in the roles its
    instrument's ``continuity-roles`` keeps (both only when both are placed)."""
    out: list[tuple[Session, Session, str]] = []
    seen: set[tuple[str, str, str]] = set()

    def add(a: Session, b: Session, role: str) -> None:
        key = (min(a.id, b.id), max(a.id, b.id), role)
        if a.id != b.id and key not in seen:
            seen.add(key)
            out.append((a, b, role))

    for session in scenario.sessions:
        mine = role_counts(scenario, session)
        for role, ref, _ in _link_refs(session):
            for other in targets(scenario, ref):
                theirs = role_counts(scenario, other)
                for r in ([role] if role is not None else [x for x in mine if x in theirs]):
                    add(session, other, r)
    by_series: dict[str, list[Session]] = {}
    for session in scenario.sessions:
        if session.series is not None and session.occurrence is not None:
            by_series.setdefault(session.series, []).append(session)
    for meetings in by_series.values():
        rule = scenario.catalogue.get(meetings[0].instrument)
        if rule is None:
            continue
        for role in rule.continuity_roles:
            if role not in role_counts(scenario, meetings[0]):
                continue
            for i, a in enumerate(meetings):
                for b in meetings[i + 1:]:
                    add(a, b, role)
    return out


def preferred_continuity(scenario: Scenario) -> list[tuple[str, str, list[Session]]]:
    """(series, role, meetings) for each role a series only *prefers* to keep (its
    instrument's ``preferred-continuity-roles``), where the pool fills it."""
    by_series: dict[str, list[Session]] = {}
    for session in scenario.sessions:
        if session.series is not None and session.occurrence is not None:
            by_series.setdefault(session.series, []).append(session)
    out = []
    for series, meetings in by_series.items():
        rule = scenario.catalogue.get(meetings[0].instrument)
        if rule is None or len(meetings) < 2:
            continue
        for role in rule.preferred_continuity_roles:
            if role not in rule.continuity_roles and needs(scenario, meetings[0]).get(role):
                out.append((series, role, meetings))
    return out


def link_problems(scenario: Scenario, path: PathFn) -> Found:
    """``same-people-as`` that cannot hold: unknown sessions, a session linked to itself, a
    role the session does not have, different numbers of people, a named person the other
    session can neither name nor choose."""
    ids = {s.id for s in scenario.sessions} | {s.series for s in scenario.sessions if s.series}
    for session in scenario.sessions:
        if session.occurrence not in (None, 1):
            continue
        mine = role_counts(scenario, session)
        for role, ref, where in _link_refs(session):
            if ref not in ids:
                close = difflib.get_close_matches(ref, sorted(ids), n=1, cutoff=0.75)
                yield (path(session, *where), f"same-people-as names {ref!r}, which is not a "
                       "session or series", f"did you mean {close[0]!r}?" if close else
                       "use the id of a session or series")
                continue
            if ref in (session.id, session.series):
                yield (path(session, *where), "a session cannot be linked to itself",
                       "name another session")
                continue
            if role is not None and role not in mine:
                yield (path(session, SAME_PEOPLE, role), f"the session has no {role!r}: it "
                       "neither names one nor needs one", "name the role's people or give "
                       "it in needs:, or fix the role")
                continue
            for other in targets(scenario, ref)[:1]:
                theirs = role_counts(scenario, other)
                shared = [role] if role is not None else [r for r in mine if r in theirs]
                if not shared:
                    yield (path(session, *where), f"the session and {ref!r} have no role in "
                           "common", "give the role, e.g. same-people-as: {facilitator: "
                           f"[{ref}]}}")
                for r in shared:
                    yield from _link_fits(scenario, session, other, r, path(session, *where))


def _link_fits(scenario: Scenario, a: Session, b: Session, role: str, where: PathKey) -> Found:
    """The same people can fill ``role`` in both sessions."""
    count_a, count_b = role_counts(scenario, a).get(role, 0), role_counts(scenario, b).get(
        role, 0)
    if count_a != count_b:
        yield (where, f"the session has {count_a} {role} and {b.id!r} has {count_b}: the "
               "same people cannot fill both", "give both sessions the same needs: for "
               f"{role}")
        return
    people = {p.id: p for p in scenario.people}
    for one, other in ((a, b), (b, a)):
        for pid in one.people.get(role, []):
            person = people.get(pid)
            if person is None or pid in other.people.get(role, []):
                continue
            if not needs(scenario, other).get(role) or not qualifies(person, other, role):
                yield (where, f"{person.label} is named as {role} of {one.id!r} but cannot "
                       f"be the {role} of {other.id!r}", f"name {pid} as {role} there too, "
                       "or make sure they qualify for it (roles:, language, topics)")


# --------------------------------------------------------------------------- organisations

def organisation_problems(scenario: Scenario, path: PathFn) -> Found:
    """A jury that cannot come from the instrument's ``jury-min-organisations``
    organisations, even choosing from everyone who qualifies."""
    for session in scenario.sessions:
        if session.occurrence not in (None, 1):
            continue
        rule = scenario.catalogue.get(session.instrument)
        if rule is None or not rule.jury_min_organisations:
            continue
        people = {p.id: p for p in scenario.people}
        orgs = {people[pid].organisation for pid in session.people.get(JURY, [])
                if pid in people}
        if needs(scenario, session).get(JURY):
            orgs |= {p.organisation for p in qualified(scenario, session, JURY)}
        orgs.discard(None)
        if len(orgs) < rule.jury_min_organisations:
            yield (path(session, "people" if session.needs is None else "needs"),
                   f"the {session.instrument} needs a jury from "
                   f"{rule.jury_min_organisations} organisations; the jury members "
                   f"{'named or ' if session.people.get(JURY) else ''}qualified come from "
                   f"{len(orgs)} ({', '.join(sorted(repr(o) for o in orgs)) or 'none'})",
                   "give jury members their organisation:, add jury from other "
                   "organisations to the pool, or lower jury-min-organisations")


def possible_organisations(scenario: Scenario, session: Session,
                           people: dict[str, Person] | None = None) -> set[str]:
    """Organisations the session's people may come from: the named ones, and anyone
    qualified for a role it needs from the pool. ``people``: the scenario's people by id,
    when the caller has them at hand (one table for many sessions)."""
    if people is None:
        people = {p.id: p for p in scenario.people}
    orgs = {people[pid].organisation for pid in session.person_ids if pid in people}
    for role in needs(scenario, session):
        orgs |= {p.organisation for p in qualified(scenario, session, role)}
    orgs.discard(None)
    return {o for o in orgs if o is not None}


# --------------------------------------------------------------------------- wishes

def wished(session: Session, entry: str) -> bool:
    """Whether a ``wishes:`` entry means this session: its id, its series, its instrument
    or one of its topics."""
    return entry in (session.id, session.series, session.instrument) or entry in session.topics


def wish_penalty(person: Person, session: Session) -> int:
    """The session against the person's wishes: 1 if it is disliked, plus 1 if they have
    likes and it is none of them."""
    w = person.wishes
    if w is None:
        return 0
    disliked = any(wished(session, e) for e in w.dislike)
    unliked = bool(w.like) and not any(wished(session, e) for e in w.like)
    return int(disliked) + int(unliked)


def wish_problems(scenario: Scenario) -> Found:
    """A wish that means no session at all."""
    known = {s.id for s in scenario.sessions} | {s.series for s in scenario.sessions
                                                   if s.series}
    known |= {s.instrument for s in scenario.sessions}
    known |= {t for s in scenario.sessions for t in s.topics}
    names = sorted(k for k in known if k)
    for index, person in enumerate(scenario.people):
        if person.wishes is None:
            continue
        for kind in ("like", "dislike"):
            for i, entry in enumerate(getattr(person.wishes, kind)):
                if entry in known:
                    continue
                close = difflib.get_close_matches(entry, names, n=1, cutoff=0.75)
                yield (("people", index, "wishes", kind, i), f"the wish {entry!r} is no "
                       "session, series, instrument or session topic",
                       f"did you mean {close[0]!r}?" if close else "use a session id, a "
                       "series id, an instrument or a topic given in a session's topics:")
