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
