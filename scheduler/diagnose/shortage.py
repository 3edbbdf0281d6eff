"""Pool shortages named before solving: a need nobody qualified can take, in words.

Two certain impossibilities (each means no schedule exists):

- every person qualified for a needed role of a required session is unavailable at every
  start the session may take ("the workshop 'ws-1' needs a ky-speaking facilitator;
  nobody qualified is free then");
- required sessions whose qualified people for a role are the same few need more
  sessions from them than their ``max-sessions`` add up to;
- a jury that must come from N organisations when the qualified people free at any of
  the session's starts come from fewer ("the competition 'c' needs a jury from 2
  organisations; only 'Org A' has qualified people free then").
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python.cp_model import Domain

from scheduler.diagnose.precheck import Finding
from scheduler.facts import SessionFacts, TimeGrid
from scheduler.scenario.model import DAY, Person, Scenario, Session
from scheduler.scenario.pools import JURY, links, needs, qualified


def shortage(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """Every pool shortage visible without solving."""
    return [*_nobody_free(scenario, facts), *_too_few_sessions(scenario, facts),
            *_jury_organisations(scenario, facts)]


def describe(session: Session, role: str, count: int) -> str:
    """``a ky-speaking facilitator`` / ``2 jury with a topic of media``."""
    words = [role]
    if session.language:
        words.insert(0, f"{session.language}-speaking")
    what = " ".join(words)
    what = f"a {what}" if count == 1 else f"{count} {what}"
    if session.topics:
        what += f" with a topic of {', '.join(session.topics)}"
    return what


def _free_for(scenario: Scenario, grid: TimeGrid, f: SessionFacts, person: Person) -> bool:
    """Whether the person's windows admit one of the session's possible starts."""
    if person.available is None:
        return not f.domain.is_empty()
    for ws, we in scenario.windows_in_event_time(person.available, person.timezone):
        d = ws // DAY
        if d not in f.durations:
            continue
        lo, hi = grid.starts_within(ws, we, f.durations[d])
        if lo <= hi and not f.domain.intersection_with(Domain(lo, hi)).is_empty():
            return True
    return False


def _nobody_free(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    grid = TimeGrid(scenario)
    out = []
    for f in facts.values():
        if f.optional or f.domain.is_empty():
            continue
        session = f.session
        for role, count in needs(scenario, session).items():
            pool = qualified(scenario, session, role)
            free = [p for p in pool if _free_for(scenario, grid, f, p)]
            if len(free) >= count:
                continue
            busy = [p.label for p in pool if p not in free]
            then = ("nobody qualified is free then" if not free else
                    f"only {len(free)} qualified {'is' if len(free) == 1 else 'are'} free "
                    f"then: {', '.join(p.label for p in free)}")
            out.append(Finding(
                "person-availability", f"session {f.id}",
                f"the {session.instrument} {f.id!r} ({session.title}) needs "
                f"{describe(session, role, count)}; {then} (outside their available "
                f"times: {', '.join(busy) or 'nobody'})"))
    return out


def _too_few_sessions(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[Session, int]]] = defaultdict(list)
    for f in facts.values():
        if f.optional:
            continue
        for role, count in needs(scenario, f.session).items():
            pool = tuple(p.id for p in qualified(scenario, f.session, role))
            groups[(role, pool)].append((f.session, count))
    out = []
    for (role, pool), members in groups.items():
        people = [scenario.person(pid) for pid in pool]
        if any(p.max_sessions is None for p in people):
            continue
        named = {p.id: sum(p.id in s.person_ids for s in scenario.sessions) for p in people}
        room = sum(max(0, (p.max_sessions or 0) - named[p.id]) for p in people)
        wanted = sum(count for _, count in members)
        if wanted <= room:
            continue
        first = members[0][0]
        ids = ", ".join(s.id for s, _ in members[:5]) + (" ..." if len(members) > 5 else "")
        out.append(Finding(
            "person-load", f"person {pool[0]}",
            f"{len(members)} sessions ({ids}) need {describe(first, role, wanted)} in all; "
            f"the {len(people)} qualified ({', '.join(p.label for p in people)}) may take "
            f"{room} more (max-sessions)"))
    return out


def needs_words(scenario: Scenario, session_id: str) -> str:
    """What a session needs from its pools and who qualifies, for a diagnosis line."""
    session = scenario.session(session_id)
    parts = []
    for role, count in needs(scenario, session).items():
        pool = [p.label for p in qualified(scenario, session, role)]
        parts.append(f"{describe(session, role, count)} (qualified: {', '.join(pool)})")
    return f"it needs {'; '.join(parts)}, each free then" if parts else "it needs nobody"


def _orgs_of(people: list[Person]) -> dict[str, list[str]]:
    """Organisation -> the labels of those people in it (people without one left out)."""
    out: dict[str, list[str]] = defaultdict(list)
    for p in people:
        if p.organisation is not None:
            out[p.organisation].append(p.label)
    return dict(out)


def _only(orgs: dict[str, list[str]]) -> str:
    if not orgs:
        return "no organisation has qualified people free then"
    listed = "; ".join(f"{org!r} ({', '.join(who)})" for org, who in sorted(orgs.items()))
    return f"only {listed} {'has' if len(orgs) == 1 else 'have'} qualified people free then"


def _jury_organisations(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    grid = TimeGrid(scenario)
    out = []
    for f in facts.values():
        session = f.session
        least = scenario.instrument(session).jury_min_organisations
        if f.optional or f.domain.is_empty() or not least or not needs(
                scenario, session).get(JURY):
            continue
        named = [scenario.person(pid) for pid in session.people.get(JURY, [])]
        free = [p for p in qualified(scenario, session, JURY)
                if _free_for(scenario, grid, f, p)]
        orgs = _orgs_of([*named, *free])
        if len(orgs) >= least:
            continue
        out.append(Finding(
            "organisations", f"session {f.id}",
            f"the {session.instrument} {f.id!r} ({session.title}) needs a jury from {least} "
            f"organisations; {_only(orgs)}"))
    return out


def organisation_words(scenario: Scenario, session_id: str) -> str:
    """Where a session's jury (or people) may come from, for a diagnosis line."""
    session = scenario.session(session_id)
    rule = scenario.instrument(session)
    if rule.jury_min_organisations:
        people = [scenario.person(pid) for pid in session.people.get(JURY, [])]
        people += qualified(scenario, session, JURY)
        orgs = _orgs_of(people)
        listed = "; ".join(f"{o!r} ({', '.join(w)})" for o, w in sorted(orgs.items()))
        return (f"the {session.instrument} needs a jury from {rule.jury_min_organisations} "
                f"organisations; named or qualified: {listed or 'nobody with an organisation'}"
                ", each free then")
    return (f"the {session.instrument} needs people from {rule.min_organisations} "
            "organisations, named or chosen")


def link_words(scenario: Scenario, session_id: str) -> str:
    """Which sessions must share people with this one, and who could do both."""
    parts = []
    for a, b, role in links(scenario):
        if session_id not in (a.id, b.id):
            continue
        other = b if a.id == session_id else a
        both = [p.label for p in scenario.people
                if (p.id in a.people.get(role, []) or p in qualified(scenario, a, role))
                and (p.id in b.people.get(role, []) or p in qualified(scenario, b, role))]
        parts.append(f"the same {role} as {other.id!r} (able to do both: "
                     f"{', '.join(both) or 'nobody'})")
    return ("it needs " + "; ".join(parts[:4]) + ", free for both") if parts else \
        "it keeps the same people as its linked sessions"
