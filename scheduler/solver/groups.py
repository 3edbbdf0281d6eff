"""Participants into groups (``choices:``), as CP-SAT variables and constraints.

A registration lists ranked ``choices:`` (sessions, or sessions with ``runs:`` meaning any
one run) and ``take:`` (how many to give them). One Boolean per (registration, run it may
be given): it goes to that run. The rules (docs/rules.md: ``group-choices``,
``group-size``, ``group-overlap``):

- a registration gets at most one run of each chosen session and at most ``take`` of its
  choices, and only runs that are placed;
- a run holds its fixed participants (the session's ``participants:``) plus the
  registrations given to it, within the instrument's ``max-participants`` and the seats of
  the room the solver puts it in (the room literals weigh the capacities);
- the runs a registration is given overlap neither each other nor the sessions it lists
  under ``sessions:``. The overlap test is shared: one literal per pair of sessions says
  "these two are apart" (and forces them apart), and each registration that could be in
  both only needs a clause ``not (x_a and x_b) or apart(a, b)``. So the model grows with
  registrations x choices x runs, plus one literal per pair of sessions that some
  registration could hold both of;
- soft ``choices``: per registration, the rank (0 for the first) of each choice given,
  plus ``len(choices)`` for each of the ``take`` places left empty, minus the best
  possible (0 + 1 + ... + take-1): 0 when they get their first ``take`` choices.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from scheduler.scenario.model import DAY, Registration, Scenario
from scheduler.schedule import Schedule, ScheduledSession
from scheduler.solver.group_symmetry import canonical_given
from scheduler.solver.variables import Guards, Literal, SessionVars, Variables

Apart = Callable[[SessionVars, SessionVars, list[Literal]], None]


def choice_runs(scenario: Scenario) -> dict[str, list[str]]:
    """A choice as written -> the session ids it may be met by: the runs of a session with
    ``runs:``, else the session itself."""
    out: dict[str, list[str]] = {}
    for session in scenario.sessions:
        out.setdefault(session.id, [session.id])
        if session.run is not None and session.series is not None:
            out.setdefault(session.series, []).append(session.id)
    return out


def fixed_sessions(scenario: Scenario, registration: Registration) -> list[str]:
    """The session ids a registration attends for sure (a series: each meeting)."""
    members: dict[str, list[str]] = defaultdict(list)
    for session in scenario.sessions:
        members[session.id].append(session.id)
        if session.series is not None:
            members[session.series].append(session.id)
    return list(dict.fromkeys(sid for ref in registration.sessions for sid in members[ref]))


def best_possible(registration: Registration) -> int:
    """0 + 1 + ... + (take - 1): the ranks of the first ``take`` choices."""
    return registration.take * (registration.take - 1) // 2


@dataclass
class Wish:
    """One registration's choices as literals: ``ranks[i]`` are the runs of choice i."""

    registration: Registration
    ranks: list[list[tuple[str, Literal]]] = field(default_factory=list)

    def met(self, i: int) -> Any:
        """1 when choice ``i`` is given (at most one of its runs is)."""
        return sum(lit for _, lit in self.ranks[i])


class Groups:
    """The variables and constraints of registrations given their choices."""

    def __init__(self, model: cp_model.CpModel, scenario: Scenario, variables: Variables,
                 guards: Guards, apart: Apart) -> None:
        self.model = model
        self.scenario = scenario
        self.vars = variables
        self.guards = guards
        self.apart = apart
        self.wishes: list[Wish] = []
        self.given: dict[tuple[str, str], Literal] = {}
        """(registration id, session id) -> the registration is given that session."""
        self.by_session: dict[str, list[tuple[str, Literal]]] = defaultdict(list)
        self._apart_lits: dict[tuple[str, str], Literal] = {}
        self.classes: list[list[str]] = []
        """Classes of identical registrations whose assignments are ordered
        (``group_symmetry.py``); hints are relabelled to match."""

    # ------------------------------------------------------------------ building

    def add(self) -> None:
        """Every variable and hard rule of the registrations' choices."""
        runs = choice_runs(self.scenario)
        for registration in self.scenario.participants.registrations:
            if registration.choices:
                self._wish(registration, runs)
        for sid, members in self.by_session.items():
            self._size(self.vars.sessions[sid], [lit for _, lit in members])
        for wish in self.wishes:
            self._no_overlap(wish)

    def _wish(self, registration: Registration, runs: dict[str, list[str]]) -> None:
        """The literals of one registration: one run per choice at most, ``take`` choices
        at most, only placed runs."""
        wish = Wish(registration)
        guard = self.guards.lits("group-choices", f"registration {registration.id}")
        for ref in registration.choices:
            options = []
            for sid in runs.get(ref, []):
                sv = self.vars.sessions.get(sid)
                if sv is None:
                    continue  # dropped before the search
                lit = self.model.new_bool_var(f"given[{registration.id},{sid}]")
                if sv.placed is not None:
                    self.model.add_implication(lit, sv.placed)
                self.given[(registration.id, sid)] = lit
                self.by_session[sid].append((registration.id, lit))
                options.append((sid, lit))
            if len(options) > 1:
                self.model.add(sum(lit for _, lit in options) <= 1).only_enforce_if(guard)
            wish.ranks.append(options)
        modelled = [i for i, options in enumerate(wish.ranks) if options]
        if len(modelled) > registration.take:
            self.model.add(sum(wish.met(i) for i in modelled) <= registration.take
                           ).only_enforce_if(guard)
        self.wishes.append(wish)

    def _size(self, sv: SessionVars, lits: list[Literal]) -> None:
        """Fixed participants plus those given the run stay within the instrument's maximum
        and the seats of its room."""
        guard = self.guards.lits("group-size", f"session {sv.id}")
        fixed = sv.facts.session.participants
        most = sv.facts.instrument.max_participants
        if most is not None and fixed + len(lits) > most:
            self.model.add(sum(lits) <= max(0, most - fixed)).only_enforce_if(guard)
        if not sv.room_lits:
            return
        capacity = {r.id: r.capacity for r in self.scenario.rooms}
        if min(capacity[r] for r in sv.room_lits) >= fixed + len(lits):
            return
        placed = 1 if sv.placed is None else sv.placed
        self.model.add(sum(lits) + fixed * placed
                       <= sum(capacity[r] * lit for r, lit in sv.room_lits.items())
                       ).only_enforce_if(guard)

    def _no_overlap(self, wish: Wish) -> None:
        """The runs given to a registration overlap neither each other nor its fixed
        sessions."""
        guard = self.guards.lits("group-overlap", f"registration {wish.registration.id}")
        fixed = [(sid, None) for sid in fixed_sessions(self.scenario, wish.registration)
                 if sid in self.vars.sessions]
        chosen = [(i, sid, lit) for i, options in enumerate(wish.ranks)
                  for sid, lit in options]
        for k, (i, a, la) in enumerate(chosen):
            others = [(b, lb) for j, b, lb in chosen[k + 1:] if j != i] + fixed
            for b, lb in others:
                if a == b:
                    continue
                together = self._apart(a, b)
                if together is None:
                    continue
                clause = [la.Not(), together] + ([] if lb is None else [lb.Not()])
                self.model.add_bool_or(clause).only_enforce_if(guard)

    def _apart(self, a_id: str, b_id: str) -> Literal | None:
        """A literal that keeps the two sessions from overlapping when true (shared by every
        registration that could be in both); None when they can never overlap."""
        key = (min(a_id, b_id), max(a_id, b_id))
        if key in self._apart_lits:
            return self._apart_lits[key]
        a, b = self.vars.sessions[key[0]], self.vars.sessions[key[1]]
        lit: Literal | None = None
        if self._may_meet(a, b):
            lit = self.model.new_bool_var(f"apart[{key[0]},{key[1]}]")
            self.apart(a, b, [lit, *a.when_placed, *b.when_placed])
        self._apart_lits[key] = lit
        return lit

    def _may_meet(self, a: SessionVars, b: SessionVars) -> bool:
        """Whether some allowed starts make the two sessions overlap (by their day and the
        bounds of their start domains)."""
        if self.guards.relaxed:
            return True
        if a.facts.domain.is_empty() or b.facts.domain.is_empty():
            return False
        if not set(self.vars.possible_days(a)) & set(self.vars.possible_days(b)):
            return False
        g = self.vars.grid.g

        def span(sv: SessionVars) -> tuple[int, int]:
            domain = sv.facts.domain
            return g * domain.min(), g * domain.max() + max(sv.facts.durations.values())
        (a0, a1), (b0, b1) = span(a), span(b)
        return a0 < b1 and b0 < a1

    # ------------------------------------------------------------------ objective

    def count(self, sv: SessionVars) -> Any | None:
        """Participants of a session that registrations may be given: fixed plus given
        (None for other sessions, whose count is the fixed ``participants:``)."""
        members = self.by_session.get(sv.id)
        if not members:
            return None
        placed = 1 if sv.placed is None else sv.placed
        return sv.facts.session.participants * placed + sum(lit for _, lit in members)

    def penalty(self) -> Any:
        """Soft ``choices``: over registrations, the ranks of the choices given, plus
        ``len(choices)`` for each of the ``take`` places left empty, minus the best
        possible.

        Each registration's part is a variable of domain ``[0, worst]``: no ``take``
        choices rank better than the first ``take``, so the part is never negative, and
        saying so lets the search's bound see it (summed as a plain linear expression,
        the ranks' negative coefficients gave bounds far below 0 on small events)."""
        total: Any = 0
        for index, wish in enumerate(self.wishes):
            registration = wish.registration
            n = len(registration.choices)
            worst = n * registration.take - best_possible(registration)
            part: Any = worst
            for i, options in enumerate(wish.ranks):
                if options:
                    part += (i - n) * wish.met(i)
            value = self.model.new_int_var(0, worst, f"choices[{index}]")
            self.model.add(value == part)
            total += value
        return total

    def room_waste(self, sv: SessionVars, capacity: dict[str, int]) -> Any | None:
        """``room_fit`` of a session registrations may be given: wasted seats in tens,
        ``(capacity - participants) // 10``, as a variable the objective pushes down to
        it (None for other sessions)."""
        count = self.count(sv)
        if count is None or not sv.room_lits:
            return None
        most = max(capacity[r] for r in sv.room_lits) // 10
        waste = self.model.new_int_var(0, most, f"waste[{sv.id}]")
        seats = sum(capacity[r] * lit for r, lit in sv.room_lits.items())
        # 10 w >= seats - count - 9 makes the least w floor((seats - count) / 10).
        self.model.add(10 * waste >= seats - count - 9)
        return waste

    def above(self, sv: SessionVars, preferred: int) -> Any | None:
        """``preferred_size`` of a session registrations may be given: participants above
        ``preferred`` (None for other sessions)."""
        count = self.count(sv)
        if count is None:
            return None
        members = len(self.by_session[sv.id])
        fixed = sv.facts.session.participants
        if fixed + members <= preferred:
            return 0
        over = self.model.new_int_var(0, fixed + members, f"over[{sv.id}]")
        self.model.add(over >= count - preferred)
        return over

    # ------------------------------------------------------------------ reading, hints

    def registrations(self, session_id: str, value: Callable[[Any], int]) -> list[str]:
        """The registrations a solution gives a session, in the scenario's order."""
        return [rid for rid, lit in self.by_session.get(session_id, []) if value(lit)]

    def hints(self, schedule: Schedule, time_limit: float = 0.0,
              wall: float | None = None) -> list[tuple[Literal, int]]:
        """A value for every literal from a placement: the registrations it lists where it
        lists any (a re-solve keeps them), else a greedy assignment (``greedy_groups``),
        improved for up to ``time_limit`` deterministic seconds (``best_groups``, with
        ``wall`` seconds as its safety net)."""
        if not self.given:
            return []
        given = {(rid, item.id) for item in schedule.sessions for rid in item.registrations}
        if not given:
            given = greedy_groups(self.scenario, schedule)
            if time_limit > 0:
                given = best_groups(self.scenario, schedule, time_limit, given, wall)
        given = canonical_given(self.classes, self, given)
        return [(lit, int(key in given)) for key, lit in self.given.items()]

    def moved_terms(self, session_id: str, earlier: list[str]) -> list[Any]:
        """``changes`` of a re-solve: for each registration an earlier schedule gave this
        session, 0 if it is given it again, else 1."""
        return [1 - lit if lit is not None else 1
                for lit in (self.given.get((rid, session_id)) for rid in earlier)]


def add_groups(model: cp_model.CpModel, scenario: Scenario, variables: Variables,
               guards: Guards, apart: Apart) -> Groups:
    """Build the participants-into-groups part of the model (empty without choices)."""
    groups = Groups(model, scenario, variables, guards, apart)
    groups.add()
    return groups


def greedy_groups(scenario: Scenario, schedule: Schedule) -> set[tuple[str, str]]:
    """Registrations given runs of a placed schedule, greedily, rank by rank: first every
    registration in turn gets its first choice where it fits, then its second, and so on
    (up to ``take``), each time the emptiest run that has room (instrument maximum, room
    seats) and overlaps nothing it already has. Returns (registration id, session id)
    pairs."""
    known = {s.id for s in scenario.sessions}  # a hint may name sessions no longer there
    days = set(scenario.days)
    placed = {sid: item for sid, item in schedule.by_id().items()
              if sid in known and item.day in days}
    runs = choice_runs(scenario)
    rooms = {r.id: r.capacity for r in scenario.rooms}
    left: dict[str, int] = {}
    for sid, item in placed.items():
        session = scenario.session(sid)
        room = rooms.get(item.room) if item.room else None
        most = scenario.instrument(session).max_participants
        limits = [x for x in (room, most) if x is not None]
        left[sid] = (min(limits) if limits else 10**9) - session.participants

    def span(sid: str) -> tuple[int, int]:
        item = placed[sid]
        base = scenario.day_index(item.day) * DAY
        return base + item.start, base + item.end

    given: set[tuple[str, str]] = set()
    wishing = [r for r in scenario.participants.registrations if r.choices]
    busy = {r.id: [span(sid) for sid in fixed_sessions(scenario, r) if sid in placed]
            for r in wishing}
    taken = dict.fromkeys(busy, 0)
    # Rank by rank: every first choice that fits before any second one.
    for rank in range(max((len(r.choices) for r in wishing), default=0)):
        for registration in wishing:
            if rank >= len(registration.choices) or taken[registration.id] >= registration.take:
                continue
            options = sorted((sid for sid in runs.get(registration.choices[rank], [])
                              if sid in placed), key=lambda sid: (-left[sid], sid))
            for sid in options:
                start, end = span(sid)
                mine = busy[registration.id]
                if left[sid] > 0 and not any(s < end and start < e for s, e in mine):
                    given.add((registration.id, sid))
                    left[sid] -= 1
                    mine.append((start, end))
                    taken[registration.id] += 1
                    break
    return given


def choices_penalty(scenario: Scenario, sessions: list[ScheduledSession]) -> int:
    """The ``choices`` value of a finished schedule (as :meth:`Groups.penalty` models it)."""
    runs = choice_runs(scenario)
    given: dict[str, set[str]] = defaultdict(set)
    for item in sessions:
        for rid in item.registrations:
            given[rid].add(item.id)
    total = 0
    for registration in scenario.participants.registrations:
        if not registration.choices:
            continue
        n = len(registration.choices)
        met = [i for i, ref in enumerate(registration.choices)
               if given[registration.id] & set(runs.get(ref, []))]
        total += sum(met) + n * (registration.take - len(met)) - best_possible(registration)
    return total


def best_groups(scenario: Scenario, schedule: Schedule, time_limit: float,
                start: set[tuple[str, str]] | None = None,
                wall: float | None = None) -> set[tuple[str, str]]:
    """The groups of a placed schedule with the least ``choices`` value, by a small CP-SAT
    model over the given literals alone (places, rooms and times fixed as ``schedule``
    has them), started from ``start`` (default: :func:`greedy_groups`). Stops after
    ``time_limit`` deterministic seconds on one worker (reproducible unless the safety net,
    ``wall`` seconds, default 5 times the limit, is reached first: a ``--deterministic``
    solve passes a generous one so that a loaded machine does not change its result);
    returns the start when nothing better is found."""
    start = greedy_groups(scenario, schedule) if start is None else start
    known = {s.id for s in scenario.sessions}
    days = set(scenario.days)
    placed = {sid: item for sid, item in schedule.by_id().items()
              if sid in known and item.day in days}
    runs = choice_runs(scenario)
    rooms = {r.id: r.capacity for r in scenario.rooms}

    def span(sid: str) -> tuple[int, int]:
        item = placed[sid]
        base = scenario.day_index(item.day) * DAY
        return base + item.start, base + item.end

    model = cp_model.CpModel()
    x: dict[tuple[str, str], Any] = {}
    per_session: dict[str, list[Any]] = defaultdict(list)
    objective: Any = 0
    for registration in scenario.participants.registrations:
        if not registration.choices:
            continue
        busy = [span(sid) for sid in fixed_sessions(scenario, registration) if sid in placed]
        mine: list[tuple[int, str, Any]] = []
        n = len(registration.choices)
        objective += n * registration.take - best_possible(registration)
        met_all = []
        for rank, ref in enumerate(registration.choices):
            lits = []
            for sid in runs.get(ref, []):
                if sid not in placed:
                    continue
                s0, e0 = span(sid)
                if any(s < e0 and s0 < e for s, e in busy):
                    continue
                lit = model.new_bool_var("")
                x[(registration.id, sid)] = lit
                per_session[sid].append(lit)
                mine.append((rank, sid, lit))
                lits.append(lit)
            if lits:
                model.add(sum(lits) <= 1)
                objective += (rank - n) * sum(lits)
                met_all.extend(lits)
        if len(met_all) > registration.take:
            model.add(sum(met_all) <= registration.take)
        for i, (ra, a, la) in enumerate(mine):
            for rb, b, lb in mine[i + 1:]:
                (a0, a1), (b0, b1) = span(a), span(b)
                if ra != rb and a0 < b1 and b0 < a1:
                    model.add_bool_or([la.Not(), lb.Not()])
    for sid, lits in per_session.items():
        session = scenario.session(sid)
        item = placed[sid]
        limits = [c for c in (rooms.get(item.room) if item.room else None,
                              scenario.instrument(session).max_participants) if c is not None]
        if limits:
            model.add(sum(lits) <= max(0, min(limits) - session.participants))
    model.minimize(objective)
    for key, lit in x.items():
        model.add_hint(lit, int(key in start))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = time_limit
    solver.parameters.max_time_in_seconds = 5 * time_limit if wall is None else wall
    solver.parameters.catch_sigint_signal = False
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return start
    return {key for key, lit in x.items() if solver.value(lit)}
