"""People chosen from pools (``needs:``), as CP-SAT variables and constraints.

One Boolean per (session, role, qualified person): the person is chosen as that role. The
rules (docs/rules.md: ``needs-met``, ``assigned-qualified``, ``person-load`` and the person
rules that apply to chosen people as to named ones):

- exactly ``count`` people are chosen per needed role when the session is placed;
- only qualified people have a literal at all (scenario/pools.py), and one person fills at
  most one role of a session; nor does a person whose availability windows leave no start
  the session allows (pruned before any variable; not in the relaxed model of an
  explanation, where availability must stay a guard it can name);
- a chosen person is available then: the start lies in their availability windows (their
  own timezone), exactly as the start domain of a session does for named people;
- at scale (more than ``PAIRS_AT_SCALE`` candidate literals) each need keeps only the
  start's choice and ``PEOPLE_AT_SCALE`` of its qualified people, those in the fewest kept
  lists so far first (the load spread over the pool), as rooms are capped at scale: the
  start stays a solution, optimality over the whole pool is given up (a note says so);
- one optional interval per (session, person), present when chosen, goes with the
  intervals of the sessions the person is named in into one ``add_no_overlap`` per person;
  with ``event.changeover``, the pairs of their sessions that may be in two different
  rooms close in time keep it (:mod:`~scheduler.solver.changeover`, exact: none between
  two sessions in one room, nor with a session without a room); beyond
  ``CHANGEOVER_PAIRS`` session pairs, the people with the most sessions get the changeover
  as a padding of every interval instead (stricter than the rule: ``padded``), and so does
  everyone when needs are capped at scale (that model proves nothing anyway, and the exact
  changeover more than doubled the constraints of a 1,000-session event with a pool of 300);
- ``max-sessions-per-day``, ``max-sessions``, ``max-hours-per-day`` and ``max-hours``
  count named and chosen sessions together;
- ``same-people``: linked sessions (``same-people-as:``, and the meetings of a series in
  its instrument's ``continuity-roles``) list the same people in the role when both are
  placed;
- ``organisations``: a jury from ``jury-min-organisations`` organisations, and the people
  of a ``min-organisations`` session (twinning) from that many, chosen people counted;
- soft ``fair_load``: the busiest person's number of chosen sessions; ``continuity``,
  ``wishes`` and ``room_changes``; chosen people also count in ``preferences`` and
  ``facilitator_same_room`` (the objective asks for their terms here).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import Domain

from scheduler.facts import ceil_div
from scheduler.scenario.model import DAY, Person, Scenario
from scheduler.scenario.pools import (
    JURY,
    links,
    needs,
    preferred_continuity,
    qualified,
    wish_penalty,
)
from scheduler.solver.changeover import Changeover
from scheduler.solver.variables import Guards, Literal, SessionVars, Variables

RULE_NEEDS = "needs-met"
RULE_AVAILABLE = "person-availability"
RULE_OVERLAP = "person-overlap"
RULE_LOAD = "person-load"

PAIRS_AT_SCALE = 10_000
"""More (need, qualified person) pairs than this: each need keeps ``PEOPLE_AT_SCALE``."""
PEOPLE_AT_SCALE = 12
"""Qualified people each need keeps at scale (besides the start's choice)."""
CHANGEOVER_PAIRS = 20_000
"""Session pairs the exact changeover of chosen people may model (and ten times as many
(person, session pair) clauses); the people with the fewest sessions come first, the rest
keep the changeover as a padding (``padded``)."""


@dataclass
class Choice:
    """Who may fill one needed role of one session, and how many are chosen."""

    session: SessionVars
    role: str
    count: int
    lits: dict[str, Literal] = field(default_factory=dict)
    """Person id -> chosen as this role."""


class Assignment:
    """The variables and constraints of people chosen from pools."""

    def __init__(self, model: cp_model.CpModel, scenario: Scenario, variables: Variables,
                 guards: Guards, preferred: dict[str, dict[str, list[str]]] | None = None
                 ) -> None:
        self.model = model
        self.preferred = preferred or {}
        """Session id -> role -> people the start chose (kept when candidates are capped)."""
        self.capped = 0
        """Needs that kept only ``PEOPLE_AT_SCALE`` of their qualified people."""
        self.padded = 0
        """Chosen people who kept the changeover between every two of their sessions, even
        in one room or without a room (beyond ``CHANGEOVER_PAIRS``; stricter than the rule:
        :meth:`_no_overlap`)."""
        self.scenario = scenario
        self.vars = variables
        self.guards = guards
        self.g = variables.grid.g
        self.people = {p.id: p for p in scenario.people}
        self.choices: list[Choice] = []
        self.in_session: dict[tuple[str, str], Literal] = {}
        """(session id, person id) -> the person is chosen for the session (any role)."""
        self._by_key: dict[tuple[str, str, str], Literal] = {}
        self._windows: dict[str, list[tuple[int, int]]] = {}
        self._starts: dict[tuple[str, str], Domain] = {}
        """(session id, person id) -> starts inside the person's windows (limited people)."""
        self._named: dict[str, list[SessionVars]] = defaultdict(list)
        self._chosen: dict[str, list[tuple[SessionVars, Literal]]] = defaultdict(list)

    # ------------------------------------------------------------------ building

    def add(self) -> None:
        """Every variable and hard rule of chosen people."""
        pending = []
        for sv in self.vars.sessions.values():
            for role, count in needs(self.scenario, sv.facts.session).items():
                pool = [p for p in qualified(self.scenario, sv.facts.session, role)
                        if self._may_start(sv, p)]
                pending.append((sv, role, count, pool))
        at_scale = (not self.guards.relaxed
                    and sum(len(pool) for *_, pool in pending) > PAIRS_AT_SCALE)
        kept: dict[str, int] = defaultdict(int)
        for sv, role, count, pool in pending:
            if at_scale:
                pool = self._cap(sv, role, count, pool, kept)
            self._choose(sv, role, count, pool)
        self._one_role_each()
        for sv in self.vars.sessions.values():
            for pid in sv.facts.session.person_ids:
                self._named[pid].append(sv)
        for (sid, pid), lit in self.in_session.items():
            self._chosen[pid].append((self.vars.sessions[sid], lit))
            self._available(self.vars.sessions[sid], self.people[pid], lit)
        chosen_people = set(self._chosen)
        exact = set() if self.capped else self._changeover(sorted(chosen_people))
        for pid in sorted(chosen_people):
            self._no_overlap(pid, padded=pid not in exact)
        for person in self.scenario.people:
            limited = (person.max_sessions, person.max_hours, person.max_hours_per_day)
            if person.id in chosen_people or any(x is not None for x in limited):
                self._loads(person)
        self._same_people()
        self._organisations()

    def _cap(self, sv: SessionVars, role: str, count: int, pool: list[Person],
             kept: dict[str, int]) -> list[Person]:
        """At scale: the start's choice and the ``PEOPLE_AT_SCALE`` (at least ``count``)
        qualified people in the fewest kept lists so far (``kept`` counts them)."""
        most = max(PEOPLE_AT_SCALE, 2 * count)
        if len(pool) <= most:
            return pool
        start = set(self.preferred.get(sv.id, {}).get(role, []))
        order = sorted(pool, key=lambda p: (p.id not in start, kept[p.id]))
        out = order[:max(most, len(start))]
        for person in out:
            kept[person.id] += 1
        self.capped += 1
        return out

    def _choose(self, sv: SessionVars, role: str, count: int, pool: list[Person]) -> None:
        """Exactly ``count`` of the qualified (``pool``) are chosen when the session is
        placed."""
        choice = Choice(sv, role, count)
        for person in pool:
            choice.lits[person.id] = self.model.new_bool_var(f"chosen[{sv.id},{role},{person.id}]")
        placed = 1 if sv.placed is None else sv.placed
        guard = self.guards.lits("needs-met", f"session {sv.id}")
        self.model.add(sum(choice.lits.values()) == count * placed).only_enforce_if(guard)
        self.choices.append(choice)

    def _one_role_each(self) -> None:
        """A person fills at most one needed role of a session; ``in_session`` says whether
        they fill one."""
        by_pair: dict[tuple[str, str], list[Literal]] = defaultdict(list)
        for choice in self.choices:
            for pid, lit in choice.lits.items():
                by_pair[(choice.session.id, pid)].append(lit)
        for key, lits in by_pair.items():
            if len(lits) == 1:
                self.in_session[key] = lits[0]
                continue
            any_role = self.model.new_bool_var("")
            self.model.add(sum(lits) == any_role)
            self.in_session[key] = any_role

    def _window_starts(self, sv: SessionVars, person: Person) -> Domain:
        """The starts of ``sv`` that lie inside one of the person's windows (a person with
        ``available:`` only; the windows are converted once per person)."""
        key = (sv.id, person.id)
        if key in self._starts:
            return self._starts[key]
        if person.id not in self._windows:
            assert person.available is not None
            self._windows[person.id] = self.scenario.windows_in_event_time(
                person.available, person.timezone)
        grid = self.vars.grid
        durations = sv.facts.durations
        ranges = []
        for ws, we in self._windows[person.id]:
            d = ws // DAY
            if d in durations:
                lo, hi = grid.starts_within(ws, we, durations[d])
                if lo <= hi:
                    ranges.append([lo, hi])
        domain = Domain.from_intervals(ranges)
        self._starts[key] = domain
        return domain

    def _may_start(self, sv: SessionVars, person: Person) -> bool:
        """Whether the person is free at some start the session allows (always, unless
        they list windows; always in the relaxed model of an explanation)."""
        if person.available is None or self.guards.relaxed:
            return True
        return not self._window_starts(sv, person).intersection_with(sv.facts.domain).is_empty()

    def _available(self, sv: SessionVars, person: Person, lit: Literal) -> None:
        """Chosen only where the session lies inside one of the person's windows."""
        if person.available is None:
            return
        domain = self._window_starts(sv, person)
        guard = self.guards.lits("person-availability", f"person {person.id}")
        if domain.is_empty():
            self.model.add_bool_or([lit.Not()]).only_enforce_if(guard)
            return
        self.model.add_linear_expression_in_domain(sv.start, domain).only_enforce_if(
            [lit, *guard])

    def _sessions_of(self, pid: str) -> list[tuple[SessionVars, Literal | None]]:
        """(session, literal) for every session the person may be in: ``None`` when named
        (present whenever the session is placed), else the chosen literal."""
        out: list[tuple[SessionVars, Literal | None]] = [(sv, None) for sv in self._named[pid]]
        out += self._chosen[pid]
        return out

    def _changeover(self, people: list[str]) -> set[str]:
        """The people whose changeover is modelled exactly (everyone when the event has
        none): those with the fewest sessions first, within ``CHANGEOVER_PAIRS`` session
        pairs in all (:class:`~scheduler.solver.changeover.Changeover`)."""
        if self.scenario.event.changeover <= 0:
            return set(people)
        rule = Changeover(self.model, self.scenario, self.vars, self.guards)
        exact: set[str] = set()
        planned: set[tuple[str, str]] = set()
        clauses = 10 * CHANGEOVER_PAIRS
        for pid in sorted(people, key=lambda p: (len(self._sessions_of(p)), p)):
            items = self._sessions_of(pid)
            pairs = rule.pairs(items, min(CHANGEOVER_PAIRS, clauses))
            if pairs is None:
                break
            new = {rule.key(items[i][0], items[j][0]) for i, j in pairs} - planned
            if len(planned) + len(new) > CHANGEOVER_PAIRS:
                break
            planned |= new
            clauses -= len(pairs)
            rule.add(pid, items, pairs)
            exact.add(pid)
        return exact

    def _no_overlap(self, pid: str, padded: bool) -> None:
        """Never in two overlapping sessions, named or chosen; ``padded``: every interval
        padded by the changeover (stricter than the rule, at scale only)."""
        pad = ceil_div(self.scenario.event.changeover, self.g) if padded else 0
        intervals = []
        for sv, lit in self._sessions_of(pid):
            base = sv.when_placed if lit is None else [lit]
            present = self.guards.presence(base, "person-overlap", f"person {pid}")
            if present is None and pad == 0:
                intervals.append(sv.interval)
                continue
            if present is None:
                present = self.model.new_constant(1)
            intervals.append(self.model.new_optional_interval_var(
                sv.start, sv.size + pad, sv.end + pad, present, ""))
        if len(intervals) > 1:
            self.model.add_no_overlap(intervals)
            if pad > 0:
                self.padded += 1

    def _in_on_day(self, sv: SessionVars, lit: Literal | None, d: int) -> Literal:
        """The person is in the session on day ``d``."""
        day = self.vars.day_lit(sv, d)
        if lit is None:
            return day
        both = self.model.new_bool_var("")
        self.model.add_implication(both, day)
        self.model.add_implication(both, lit)
        self.model.add_bool_or([both, day.Not(), lit.Not()])
        return both

    def _loads(self, person: Person) -> None:
        """Daily and event limits on sessions and hours, named and chosen together."""
        items = self._sessions_of(person.id)
        guard = self.guards.lits("person-load", f"person {person.id}")
        days = range(len(self.scenario.days))
        daily_sessions = person.max_sessions_per_day
        daily_minutes = None if person.max_hours_per_day is None else int(
            person.max_hours_per_day * 60)
        total_minutes = None if person.max_hours is None else int(person.max_hours * 60)
        per_day: dict[int, list[tuple[Literal, int]]] = defaultdict(list)
        if daily_sessions is not None or daily_minutes is not None or total_minutes is not None:
            for sv, lit in items:
                for d in self.vars.possible_days(sv):
                    per_day[d].append((self._in_on_day(sv, lit, d), sv.facts.durations[d]))
        for d in days:
            here = per_day.get(d, [])
            if daily_sessions is not None and len(here) > daily_sessions:
                # max-sessions-per-day is its own rule (the named people's constraint and
                # the checker call it person-daily-limit): an explanation names it so
                self.model.add(sum(x for x, _ in here) <= daily_sessions).only_enforce_if(
                    self.guards.lits("person-daily-limit", f"person {person.id}"))
            if daily_minutes is not None and sum(m for _, m in here) > daily_minutes:
                self.model.add(sum(m * x for x, m in here) <= daily_minutes).only_enforce_if(
                    guard)
        everything = [pair for d in days for pair in per_day.get(d, [])]
        if total_minutes is not None and sum(m for _, m in everything) > total_minutes:
            self.model.add(sum(m * x for x, m in everything) <= total_minutes).only_enforce_if(
                guard)
        if person.max_sessions is not None and len(items) > person.max_sessions:
            self.model.add(sum(self._present(sv, lit) for sv, lit in items)
                           <= person.max_sessions).only_enforce_if(guard)

    @staticmethod
    def _present(sv: SessionVars, lit: Literal | None) -> Any:
        if lit is not None:
            return lit
        return 1 if sv.placed is None else sv.placed

    # ------------------------------------------------------------------ objective, reading

    def busiest_load(self) -> Any:
        """Soft ``fair_load``: the largest number of sessions one person is chosen for."""
        per_person: dict[str, list[Literal]] = defaultdict(list)
        for (_, pid), lit in self.in_session.items():
            per_person[pid].append(lit)
        if not per_person:
            return 0
        most = max(len(lits) for lits in per_person.values())
        busiest = self.model.new_int_var(0, most, "busiest_load")
        for lits in per_person.values():
            self.model.add(busiest >= sum(lits))
        return busiest

    def hints(self, placed: dict[str, Any]) -> Iterator[tuple[Literal, int]]:
        """(literal, 1) for each person a start schedule (session id -> its entry) lists in
        a needed role they may be chosen for; the rest is left to the search."""
        for choice in self.choices:
            item = placed.get(choice.session.id)
            for pid in [] if item is None else item.people.get(choice.role, []):
                if pid in choice.lits:
                    yield choice.lits[pid], 1

    def chosen(self, session_id: str, value: Any) -> dict[str, list[str]]:
        """Role -> the people chosen for a session in a solution (``value`` reads one)."""
        out: dict[str, list[str]] = {}
        for choice in self.choices:
            if choice.session.id == session_id:
                out[choice.role] = [pid for pid, lit in choice.lits.items() if value(lit)]
        return out

    # ------------------------------------------------------------------ continuity, organisations

    def holds(self, sv: SessionVars, role: str, pid: str) -> Any:
        """The person is in ``role`` of the session: 1 when named (read it only where the
        session is placed), their chosen literal, or 0."""
        if pid in sv.facts.session.people.get(role, []):
            return 1
        if not self._by_key:
            self._by_key = {(c.session.id, c.role, q): lit for c in self.choices
                            for q, lit in c.lits.items()}
        return self._by_key.get((sv.id, role, pid), 0)

    def _who_may(self, sv: SessionVars, role: str) -> set[str]:
        """Everyone named in, or a candidate for, ``role`` of the session."""
        out = set(sv.facts.session.people.get(role, []))
        for c in self.choices:
            if c.session is sv and c.role == role:
                out |= set(c.lits)
        return out

    def _same_people(self) -> None:
        """Linked sessions list the same people in the role when both are placed."""
        for a, b, role in links(self.scenario):
            va, vb = self.vars.sessions.get(a.id), self.vars.sessions.get(b.id)
            if va is None or vb is None:
                continue  # one is dropped up front: nothing to keep the same
            guard = self.guards.lits("same-people", f"session {b.id}")
            for pid in sorted(self._who_may(va, role) | self._who_may(vb, role)):
                one, other = self.holds(va, role, pid), self.holds(vb, role, pid)
                if isinstance(one, int) and isinstance(other, int) and one == other:
                    continue
                self.model.add(one == other).only_enforce_if(
                    [*va.when_placed, *vb.when_placed, *guard])

    def _organisations(self) -> None:
        """A jury from ``jury-min-organisations`` organisations; the people of a session
        with ``min-organisations`` (twinning) from that many; chosen people counted."""
        for sv in self.vars.sessions.values():
            rule, session = sv.facts.instrument, sv.facts.session
            picks = [c for c in self.choices if c.session is sv]
            if not picks:
                continue  # nobody chosen: the loader checked the named people
            if rule.jury_min_organisations and any(c.role == JURY for c in picks):
                members = {pid: self.holds(sv, JURY, pid) for pid in self._who_may(sv, JURY)}
                self._at_least_orgs(sv, members, rule.jury_min_organisations)
            if rule.min_organisations:
                members = {pid: 1 for pid in session.person_ids}
                members.update({pid: lit for (sid, pid), lit in self.in_session.items()
                                if sid == sv.id})
                self._at_least_orgs(sv, members, rule.min_organisations)

    def _at_least_orgs(self, sv: SessionVars, members: dict[str, Any], least: int) -> None:
        """People of at least ``least`` organisations among ``members`` (person -> in)."""
        by_org: dict[str, list[Any]] = defaultdict(list)
        for pid, present in members.items():
            org = self.people[pid].organisation if pid in self.people else None
            if org is not None:
                by_org[org].append(present)
        count: list[Any] = []
        for org in sorted(by_org):
            here = by_org[org]
            if any(isinstance(x, int) and x == 1 for x in here):
                count.append(1)
                continue
            used = self.model.new_bool_var(f"org[{sv.id},{org}]")
            self.model.add(used <= sum(here))
            count.append(used)
        guard = self.guards.lits("organisations", f"session {sv.id}")
        self.model.add(sum(count) >= least).only_enforce_if([*sv.when_placed, *guard])

    # ------------------------------------------------------------------ soft terms

    def continuity(self) -> Any:
        """Soft ``continuity``: per series and role it prefers to keep, the people chosen
        across its placed meetings beyond the number one meeting takes."""
        total: Any = 0
        for _, role, meetings in preferred_continuity(self.scenario):
            svs = [self.vars.sessions[m.id] for m in meetings if m.id in self.vars.sessions]
            if not svs:
                continue
            per = needs(self.scenario, svs[0].facts.session).get(role, 0)
            pool = sorted(set().union(*(self._who_may(sv, role) for sv in svs))
                          - set(svs[0].facts.session.people.get(role, [])))
            used = []
            for pid in pool:
                lits = [x for sv in svs if not isinstance(x := self.holds(sv, role, pid), int)]
                if not lits:
                    continue
                u = self.model.new_bool_var("")
                for lit in lits:
                    self.model.add_implication(lit, u)
                self.model.add(u <= sum(lits))  # exactly "someone of theirs": no slack
                used.append(u)
            if not used:
                continue
            optional = [sv.placed for sv in svs if sv.placed is not None]
            any_placed: Any = 1
            if len(optional) == len(svs):  # every meeting optional: 0 when none is placed
                any_placed = self.model.new_bool_var("")
                self.model.add_max_equality(any_placed, optional)
            total += sum(used) - per * any_placed
        return total

    def _listed(self) -> list[tuple[SessionVars, str, Any]]:
        """(session, person, present) for everyone a session lists: named people present
        when it is placed, chosen people when chosen."""
        out: list[tuple[SessionVars, str, Any]] = []
        for sv in self.vars.sessions.values():
            placed = 1 if sv.placed is None else sv.placed
            out += [(sv, pid, placed) for pid in sv.facts.session.person_ids]
        out += [(self.vars.sessions[sid], pid, lit) for (sid, pid), lit in
                self.in_session.items()]
        return out

    def wishes(self) -> Any:
        """Soft ``wishes``: sessions a person runs that they dislike (1), and sessions
        that are none of their likes when they have some (1)."""
        total: Any = 0
        if not any(p.wishes for p in self.scenario.people):
            return 0
        for sv, pid, present in self._listed():
            person = self.people.get(pid)
            penalty = 0 if person is None else wish_penalty(person, sv.facts.session)
            if penalty:
                total += penalty * present
        return total

    def room_changes(self, rooms_per_group: Any, day_condition: Any) -> Any:
        """Soft ``room_changes``: per (person, day), rooms beyond one, named and chosen
        people alike (``rooms_per_group`` and ``day_condition`` are the objective's)."""
        groups: dict[Any, list[tuple[SessionVars, list[Literal]]]] = defaultdict(list)
        for sv, pid, present in self._listed():
            if not sv.room_lits:
                continue
            extra = [] if isinstance(present, int) or present is sv.placed else [present]
            for d in self.vars.possible_days(sv):
                groups[(pid, d)].append((sv, [*day_condition(sv, d), *extra]))
        return rooms_per_group(groups)

    def chosen_facilitators(self, groups: dict[Any, list[tuple[SessionVars, list[Literal]]]],
                            day_condition: Any) -> None:
        """Adds chosen facilitators to ``facilitator_same_room``'s (person, day) groups."""
        for c in self.choices:
            if c.role != "facilitator" or not c.session.room_lits:
                continue
            for pid, lit in c.lits.items():
                for d in self.vars.possible_days(c.session):
                    groups[(pid, d)].append((c.session, [*day_condition(c.session, d), lit]))

    def chosen_preferences(self, penalty_unless: Any) -> Any:
        """``preferences`` of chosen people: per (session, chosen person), 1 when the
        session touches an avoid window, 1 when it is outside every prefer window."""
        sc, g = self.scenario, self.g
        total: Any = 0
        for (sid, pid), lit in self.in_session.items():
            person, sv = self.people[pid], self.vars.sessions[sid]
            for windows, inside in ((person.avoid, False), (person.prefer, True)):
                if not windows:
                    continue
                ranges = []
                for ws, we in sc.windows_in_event_time(windows, person.timezone):
                    minutes = sv.facts.durations.get(ws // DAY)
                    if minutes is None:
                        continue
                    ranges.append([ceil_div(ws, g), (we - minutes) // g] if inside else
                                  [(ws - minutes) // g + 1, ceil_div(we, g) - 1])
                good = [r for r in ranges if r[0] <= r[1]]
                domain = Domain.from_intervals(good) if good else Domain.from_values([])
                penalty = penalty_unless(sv, domain if inside else domain.complement())
                if isinstance(penalty, int):
                    total += penalty * lit if penalty else 0
                    continue
                both = self.model.new_bool_var("")
                self.model.add(both >= penalty + lit - 1)
                self.model.add_implication(both, lit)
                self.model.add_implication(both, penalty)
                total += both
        return total


def add_assignment(model: cp_model.CpModel, scenario: Scenario, variables: Variables,
                   guards: Guards, preferred: dict[str, dict[str, list[str]]] | None = None
                   ) -> Assignment:
    """Build the chosen-people part of the model (empty when no session needs anyone);
    ``preferred``: the start's chosen people, kept if candidates are capped at scale."""
    assignment = Assignment(model, scenario, variables, guards, preferred)
    assignment.add()
    return assignment


def people_of(named: dict[str, list[str]], chosen: dict[str, list[str]]) -> dict[str, list[str]]:
    """The schedule's ``people``: the named ones, then the chosen ones, role by role."""
    out = {role: list(ids) for role, ids in named.items()}
    for role, ids in chosen.items():
        out.setdefault(role, []).extend(pid for pid in ids if pid not in out[role])
    return out


def reassigned(earlier: dict[str, list[str]], later: dict[str, list[str]]) -> int:
    """People an earlier schedule lists in a role of a session that a later one does not
    list in that role (each counts 1 in ``changes``: someone to tell)."""
    return sum(pid not in later.get(role, []) for role, ids in earlier.items() for pid in ids)


def reassignment_terms(built: Any, sv: SessionVars, earlier: dict[str, list[str]]) -> list[Any]:
    """The ``changes`` terms of one session's people in a re-solve: for each person the
    earlier schedule lists in a role, 0 if they stay in it, else 1 (``1 - chosen`` when the
    solver may choose them again)."""
    assignment: Assignment = built.constraints.assignment
    named = sv.facts.session.people
    lits = {(c.role, pid): lit for c in assignment.choices if c.session is sv
            for pid, lit in c.lits.items()}
    out: list[Any] = []
    for role, ids in earlier.items():
        for pid in ids:
            if pid in named.get(role, []):
                continue
            lit = lits.get((role, pid))
            out.append(1 if lit is None else 1 - lit)
    return out
