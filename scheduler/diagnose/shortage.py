"""Pool shortages named before solving: a need nobody qualified can take, in words.

Two certain impossibilities (each means no schedule exists):

- every person qualified for a needed role of a required session is unavailable at every
  start the session may take ("the workshop 'ws-1' needs a ky-speaking facilitator;
  nobody qualified is free then");
- required sessions whose qualified people for a role are the same few need more
  sessions from them than their ``max-sessions`` add up to.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python.cp_model import Domain

from scheduler.diagnose.precheck import Finding
from scheduler.facts import SessionFacts, TimeGrid
from scheduler.scenario.model import DAY, Person, Scenario, Session
from scheduler.scenario.pools import needs, qualified


def shortage(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """Every pool shortage visible without solving."""
    return [*_nobody_free(scenario, facts), *_too_few_sessions(scenario, facts)]


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
