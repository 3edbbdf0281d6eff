"""The CP-SAT variables: one start per session, room and track choices, day literals, breaks.

Time is in steps (see :mod:`scheduler.facts`). Each session has one start variable
whose domain already excludes every start a rule forbids; its day is implied by the
domain, and a day literal per allowed day is created only when a rule asks for one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import Domain

from scheduler.facts import SessionFacts, TimeGrid, ceil_div
from scheduler.scenario.model import DAY, PlacedBreak, Scenario

Literal = Any
"""A CP-SAT literal (a Boolean variable or its negation)."""


class Guards:
    """Enforcement literals per rule group, used when explaining infeasibility.

    In a normal solve every rule is simply on (``lits`` returns ``[]``). In *relaxed* mode
    each (rule, subject) gets a literal that the diagnosis assumes true; the solver's
    unsatisfiable core then names the groups that cannot hold together.
    """

    def __init__(self, model: cp_model.CpModel, relaxed: bool) -> None:
        self.model = model
        self.relaxed = relaxed
        self.groups: dict[tuple[str, str], Literal] = {}

    def lits(self, rule: str, subject: str) -> list[Literal]:
        if not self.relaxed:
            return []
        key = (rule, subject)
        if key not in self.groups:
            self.groups[key] = self.model.new_bool_var(f"rule[{rule}|{subject}]")
        return [self.groups[key]]

    def presence(self, base: list[Literal], rule: str, subject: str) -> Literal | None:
        """One literal true exactly when all of ``base`` and the rule's guard are true."""
        lits = [*base, *self.lits(rule, subject)]
        if not lits:
            return None
        if len(lits) == 1:
            return lits[0]
        both = self.model.new_bool_var("")
        for lit in lits:
            self.model.add_implication(both, lit)
        self.model.add_bool_or([both, *[lit.Not() for lit in lits]])
        return both


@dataclass
class SessionVars:
    """The variables of one session."""

    facts: SessionFacts
    start: cp_model.IntVar
    size: int | cp_model.IntVar
    """Length in steps."""
    minutes: int | cp_model.IntVar
    """Exact length in minutes."""
    placed: Literal | None
    """``None`` when the session must be placed; else its placement literal."""
    interval: cp_model.IntervalVar
    room_lits: dict[str, Literal] = field(default_factory=dict)
    track_lits: dict[str, Literal] = field(default_factory=dict)
    day_lits: dict[int, Literal] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.facts.id

    @property
    def end(self) -> Any:
        """The end, in steps, as the interval states it: ``start + size`` for a fixed
        length, the interval's own end variable for a length that varies by day (CP-SAT
        needs an affine end for every interval built on it)."""
        return self.interval.end_expr()

    @property
    def when_placed(self) -> list[Literal]:
        return [] if self.placed is None else [self.placed]


@dataclass
class BreakVars:
    """A placed break on one day."""

    brk: PlacedBreak
    day: int
    start: cp_model.IntVar
    size: int
    interval: cp_model.IntervalVar


class Variables:
    """Creates and holds every variable of the model."""

    def __init__(
        self, model: cp_model.CpModel, scenario: Scenario, facts: dict[str, SessionFacts],
        guards: Guards, room_options: int | None = None,
        preferred_rooms: dict[str, str] | None = None, elastic: bool = False,
    ) -> None:
        self.model = model
        self.elastic = elastic and not guards.relaxed
        """Every session gets a placement literal; leaving a required one out costs a lot."""
        self.room_options = room_options
        self.preferred_rooms = preferred_rooms or {}
        self.rooms_capped = 0
        self.scenario = scenario
        self.grid = TimeGrid(scenario)
        self.guards = guards
        self.sessions: dict[str, SessionVars] = {}
        self.breaks: list[BreakVars] = []
        self.dropped_up_front: list[str] = []
        for f in facts.values():
            sv = self._session(f)
            if sv is not None:
                self.sessions[f.id] = sv
        for brk in scenario.breaks.placed:
            self._placed_break(brk)

    # ------------------------------------------------------------------ sessions

    def _start_domain(self, f: SessionFacts) -> Domain:
        if self.guards.relaxed:
            ranges = [[d * self.grid.per_day, (d + 1) * self.grid.per_day - 1]
                      for d in f.durations]
            return Domain.from_intervals(ranges)
        return f.domain

    def _session(self, f: SessionFacts) -> SessionVars | None:
        m, g = self.model, self.grid.g
        domain = self._start_domain(f)
        if domain.is_empty() or (f.needs_room and not f.rooms and not self.guards.relaxed):
            if f.optional:
                self.dropped_up_front.append(f.id)
                return None
            # Impossible: keep a variable so the model states it (the diagnosis explains).
            domain = Domain(0, 0)
            self.model.add_bool_or([])
        start = m.new_int_var_from_domain(domain, f"start[{f.id}]")
        steps = f.steps(g)
        placed = m.new_bool_var(f"placed[{f.id}]") if f.optional or self.elastic else None
        size: int | cp_model.IntVar
        minutes: int | cp_model.IntVar
        if len(set(steps.values())) == 1:
            size = next(iter(steps.values()))
            minutes = next(iter(f.durations.values()))
        else:
            size = m.new_int_var_from_domain(Domain.from_values(sorted(set(steps.values()))),
                                             f"size[{f.id}]")
            minutes = m.new_int_var_from_domain(
                Domain.from_values(sorted(set(f.durations.values()))), f"minutes[{f.id}]")
        end: Any = start + size
        if not isinstance(size, int):
            # A variable length (whole-day sessions on days of different lengths): CP-SAT
            # needs the interval's end as one variable, not a sum of two.
            end = m.new_int_var(0, self.grid.horizon + self.grid.per_day, f"end[{f.id}]")
            m.add(end == start + size)
        if placed is None:
            interval = m.new_interval_var(start, size, end, f"iv[{f.id}]")
        else:
            interval = m.new_optional_interval_var(start, size, end, placed, f"iv[{f.id}]")
        sv = SessionVars(f, start, size, minutes, placed, interval)
        self._rooms(sv)
        self._tracks(sv)
        if not isinstance(size, int):
            for d in f.durations:
                lit = self.day_lit(sv, d)
                m.add(size == steps[d]).only_enforce_if(lit)
                m.add(minutes == f.durations[d]).only_enforce_if(lit)
        return sv

    def _choice(self, sv: SessionVars, options: list[str], kind: str) -> dict[str, Literal]:
        """One literal per option; exactly one is true when the session is placed."""
        m = self.model
        if len(options) == 1:
            only = m.new_constant(1) if sv.placed is None else sv.placed
            return {options[0]: only}
        lits = {o: m.new_bool_var(f"{kind}[{sv.id},{o}]") for o in options}
        if sv.placed is None:
            m.add_exactly_one(lits.values())
        else:
            m.add(sum(lits.values()) == sv.placed)
        return lits

    def _rooms(self, sv: SessionVars) -> None:
        f = sv.facts
        if not f.needs_room:
            return
        if self.guards.relaxed:
            options = [r.id for r in self.scenario.rooms]
        else:
            options = self._room_candidates(f)
        if options:
            sv.room_lits = self._choice(sv, options, "room")

    def _room_candidates(self, f: SessionFacts) -> list[str]:
        """Candidate rooms; at scale only the best-fitting few (and the hinted room)."""
        options = [o.room for o in f.rooms]
        cap = self.room_options
        if cap is None or len(options) <= cap:
            return options
        capacity = {r.id: r.capacity for r in self.scenario.rooms}
        ranked = sorted(options, key=lambda r: (capacity[r], r))
        chosen = ranked[:cap]
        preferred = self.preferred_rooms.get(f.id)
        if preferred in options and preferred not in chosen:
            chosen = [preferred, *chosen[: cap - 1]]
        self.rooms_capped += 1
        return chosen

    def _tracks(self, sv: SessionVars) -> None:
        tracks = sv.facts.session.tracks
        if tracks:
            sv.track_lits = self._choice(sv, tracks, "track")

    def required_unplaced(self) -> list[tuple[SessionVars, Literal]]:
        """Elastic mode: required sessions with their placement literal."""
        return [(sv, sv.placed) for sv in self.sessions.values()
                if self.elastic and not sv.facts.optional and sv.placed is not None]

    def day_lit(self, sv: SessionVars, day: int) -> Literal:
        """True when the session is placed on day ``day`` (created on first use)."""
        if not sv.day_lits:
            self._make_day_lits(sv)
        if day not in sv.day_lits:
            return self.model.new_constant(0)
        return sv.day_lits[day]

    def possible_days(self, sv: SessionVars) -> list[int]:
        """Day indices the session's start domain reaches."""
        if not sv.day_lits:
            self._make_day_lits(sv)
        return list(sv.day_lits)

    def _make_day_lits(self, sv: SessionVars) -> None:
        m = self.model
        domain = self._start_domain(sv.facts)
        days = [d for d in sv.facts.durations
                if not domain.intersection_with(self.grid.day_range(d)).is_empty()]
        if len(days) == 1 and sv.placed is None:
            sv.day_lits[days[0]] = m.new_constant(1)
            return
        if len(days) == 1:
            sv.day_lits[days[0]] = sv.placed
            return
        for d in days:
            lit = m.new_bool_var(f"day[{sv.id},{d}]")
            part = domain.intersection_with(self.grid.day_range(d))
            m.add_linear_expression_in_domain(sv.start, part).only_enforce_if(lit)
            sv.day_lits[d] = lit
        if sv.placed is None:
            m.add_exactly_one(sv.day_lits.values())
        else:
            m.add(sum(sv.day_lits.values()) == sv.placed)

    # ------------------------------------------------------------------ breaks

    def _placed_break(self, brk: PlacedBreak) -> None:
        grid, sc = self.grid, self.scenario
        for d, day in enumerate(sc.days):
            if brk.days is not None and day not in brk.days:
                continue
            lo, hi = grid.starts_within(d * DAY + brk.window[0], d * DAY + brk.window[1],
                                        brk.duration)
            if lo > hi:
                lo = hi = max(lo, 0)
                self.model.add_bool_or(self.guards.lits("breaks", f"break {brk.id}") and [
                    lit.Not() for lit in self.guards.lits("breaks", f"break {brk.id}")])
            start = self.model.new_int_var(lo, hi, f"break[{brk.id},{d}]")
            size = ceil_div(brk.duration, grid.g)
            interval = self.model.new_interval_var(start, size, start + size,
                                                   f"breakiv[{brk.id},{d}]")
            self.breaks.append(BreakVars(brk, d, start, size, interval))
