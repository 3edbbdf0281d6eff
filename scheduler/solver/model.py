"""The thin CP-SAT model: wires facts, variables, constraints and objective together.

``ScheduleModel(scenario)`` builds everything; ``relaxed=True`` builds the same rules
behind one enforcement literal per rule group, for the infeasibility diagnosis.
"""

from __future__ import annotations

from typing import Any

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import Domain

from scheduler.facts import FactBuilder, SessionFacts, every_day
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver import bounds
from scheduler.solver.build_steps import Checkpoint, never
from scheduler.solver.capacity import add_capacity_classes
from scheduler.solver.changes import Frozen, changes_term, freeze
from scheduler.solver.constraints import Constraints
from scheduler.solver.group_symmetry import break_registration_symmetry
from scheduler.solver.objective import Objective
from scheduler.solver.run_symmetry import break_run_symmetry, canonical_runs
from scheduler.solver.search import safety_net
from scheduler.solver.symmetry import break_room_symmetry, canonical_rooms
from scheduler.solver.terms import ExtraTerm, ObjectiveHook, TermView
from scheduler.solver.variables import Guards, Variables

UNPLACED = "unplaced-required"
"""Elastic mode only: required sessions left out (a schedule needs this to be 0)."""
UNPLACED_WEIGHT = 1_000_000
STRENGTHEN_UP_TO = 200
"""Up to this many sessions the objective gets its redundant bounds (``energy.py``,
``symmetry.py``) by default, except in elastic mode; above, their extra literals would slow
the search more than the bound helps."""


class ScheduleModel:
    """The CP-SAT model of one scenario (hard rules, and the objective unless relaxed).

    ``strengthen`` adds redundant constraints that tighten the bound and cut no schedule
    (by default only for models of at most ``STRENGTHEN_UP_TO`` sessions).
    ``checkpoint`` is called after each step of the build
    (:data:`~scheduler.solver.build_steps.BUILD_STEPS`) and may give it up there by raising
    :class:`~scheduler.solver.build_steps.BuildStopped` (a solve's deadline).
    """

    def __init__(
        self,
        scenario: Scenario,
        *,
        relaxed: bool = False,
        max_clash_pairs: int | None = None,
        hooks: list[ObjectiveHook] | None = None,
        facts: dict[str, SessionFacts] | None = None,
        room_options: int | None = None,
        preferred_rooms: dict[str, str] | None = None,
        preferred_people: dict[str, dict[str, list[str]]] | None = None,
        elastic: bool = False,
        strengthen: bool | frozenset[str] | None = None,
        earlier: Schedule | None = None,
        frozen: Frozen | None = None,
        checkpoint: Checkpoint = never,
    ) -> None:
        self.scenario = scenario
        self.model = cp_model.CpModel()
        self.facts = facts if facts is not None else FactBuilder(scenario).build()
        if relaxed:  # days: behind the day-frame guard, not in the start domain
            self.facts = every_day(self.facts)
        self.guards = Guards(self.model, relaxed)
        self.vars = Variables(self.model, scenario, self.facts, self.guards,
                              room_options=room_options, preferred_rooms=preferred_rooms,
                              elastic=elastic)
        checkpoint("variables")
        self.constraints = Constraints(self.model, scenario, self.vars, self.guards)
        self.constraints.preferred_people = preferred_people or {}
        self.constraints.add_constraints(checkpoint)
        # Elastic mode is about placing every session first: no extra constraints.
        lengths = [m for f in self.facts.values() for m in f.durations.values()]
        self.bounds = bounds.choose(strengthen, len(self.facts) <= STRENGTHEN_UP_TO
                                    and not elastic,
                                    bounds.coarse_lengths(lengths, self.vars.grid.g),
                                    len(self.facts), _limited(scenario, self.facts))
        """The redundant bound pieces added (``bounds.py``)."""
        if "capacity" in self.bounds and not elastic:
            add_capacity_classes(self.model, self.vars)
        checkpoint("bounds")
        self.objective = Objective(self.model, scenario, self.vars, self.constraints,
                                   max_clash_pairs, strengthen=self.bounds)
        self.extra_terms: list[ExtraTerm] = []
        self.hint_complete = False
        self.hint_values: list[int] | None = None
        self.room_groups: list[list[str]] = []
        """Groups of identical rooms whose order is fixed (``symmetry.py``)."""
        self.run_groups: list[list[str]] = []
        """Groups of interchangeable runs whose order is fixed (``run_symmetry.py``)."""
        if not relaxed:
            self.objective.add_objective()
            checkpoint("objective")
            view = TermView(self)
            terms: list[ExtraTerm] = []
            if earlier is not None:
                freeze(self, view, earlier, frozen or Frozen())
                changes = changes_term(view, scenario, earlier, frozen or Frozen())
                terms.extend([changes] if changes is not None else [])
            for hook in hooks or []:
                terms.extend(hook(view))
            for term in terms:
                self.extra_terms.append(term)
                self.objective.add_term(term.name, term.weight,
                                        sum(i.expression for i in term.indicators))
            required = self.vars.required_unplaced()
            if required:
                self.objective.add_term(UNPLACED, UNPLACED_WEIGHT,
                                        sum(1 - lit for _, lit in required))
            checkpoint("extra terms")
            if "symmetry" in self.bounds and not elastic:  # (elastic: see symmetry.py)
                self.room_groups = break_room_symmetry(self.model, scenario, self.vars,
                                                       distinguished=view.rooms_named)
            if not elastic and earlier is None and not terms:  # (run_symmetry.py)
                self.run_groups = break_run_symmetry(self.model, scenario, self.vars)
                groups = self.constraints.groups
                groups.classes = break_registration_symmetry(self.model, scenario, groups)
            total = self.objective.total()
            if not isinstance(total, int):
                self.model.minimize(total)
            checkpoint("symmetry")

    @property
    def notes(self) -> list[str]:
        return self.objective.notes

    def add_hint(self, schedule: Schedule, time_limit: float = 0.0,
                 deterministic: bool = False) -> int:
        """Suggest the placement of ``schedule`` to the search; returns sessions hinted.

        With ``time_limit`` > 0, first try to complete the hint: fix the schedule's
        placement in a copy of the model and let CP-SAT fill in every other variable. When
        that works the hint is complete and feasible, and the search starts from it at once.
        ``deterministic``: that completion stops on CP-SAT's deterministic time, not the clock.
        """
        g = self.vars.grid.g
        per_day = self.vars.grid.per_day
        days = {day: i for i, day in enumerate(self.scenario.days)}
        hints: dict[int, tuple[Any, int]] = {}

        def hint(var: Any, value: int) -> None:
            index = getattr(var, "index", None)
            if isinstance(index, int) and index >= 0 and index not in hints:
                hints[index] = (var, int(value))

        hinted = 0
        schedule = canonical_runs(self.run_groups, schedule, days)
        placed = schedule.by_id()
        rooms = canonical_rooms(self.room_groups, self.vars,
                                {sid: item.room for sid, item in placed.items() if item.room})
        for sid, sv in self.vars.sessions.items():
            item = placed.get(sid)
            if sv.placed is not None:
                hint(sv.placed, item is not None)
            if item is None or item.day not in days or item.start % g:
                continue
            hint(sv.start, days[item.day] * per_day + item.start // g)
            for room, lit in sv.room_lits.items():
                hint(lit, room == rooms.get(sid))
            for track, lit in sv.track_lits.items():
                hint(lit, track == item.track)
            for d, lit in sv.day_lits.items():
                hint(lit, d == days[item.day])
            hinted += 1
        for lit, value in self.constraints.assignment.hints(placed):
            hint(lit, value)  # people the start chose from pools (#12)
        # #12: participants into groups, for a fifth of the completion's time (at most 2 s)
        budget = min(2.0, 0.2 * time_limit)
        for lit, given in self.constraints.groups.hints(
                schedule, budget, safety_net(budget) if deterministic else 5.0 * budget):
            hint(lit, given)
        for bv in self.vars.breaks:
            for brk in schedule.breaks:
                if brk.id == f"{bv.brk.id}@{self.scenario.days[bv.day]}" and brk.start % g == 0:
                    hint(bv.start, bv.day * per_day + brk.start // g)
        constants = {
            i for i, v in enumerate(self.model.proto.variables)
            if len(v.domain) == 2 and v.domain[0] == v.domain[1]
        }
        if time_limit > 0 and self._complete_hint(hints, time_limit, deterministic):
            return hinted
        for index, (var, value) in hints.items():
            if index not in constants:
                self.model.add_hint(var, value)
        return hinted

    def _complete_hint(self, hints: dict[int, tuple[Any, int]], time_limit: float,
                       deterministic: bool = False) -> bool:
        """Hint every variable from a solve with the hinted placement fixed."""
        fixed = self.model.clone()
        fixed.clear_objective()
        for index, (_, value) in hints.items():
            # narrowed in place (not one more constraint each): presolve then has little
            # to do, which decides whether this finishes at 10,000 sessions
            domain = fixed.proto.variables[index].domain
            if not Domain.from_flat_intervals(list(domain)).contains(value):
                return False
            domain.clear()
            domain.extend([value, value])
        solver = cp_model.CpSolver()
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
        solver.parameters.max_time_in_seconds = time_limit
        if deterministic:  # one worker: deterministic time makes the stop reproducible
            solver.parameters.max_deterministic_time = time_limit
            solver.parameters.max_time_in_seconds = safety_net(time_limit)
        solver.parameters.num_workers = 1
        solver.parameters.catch_sigint_signal = False
        status = solver.solve(fixed)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        self.set_full_hint([int(v) for v in solver.response_proto.solution])
        return True

    def set_full_hint(self, values: list[int]) -> None:
        """Hint every variable (a complete solution, by variable index)."""
        self.model.clear_hints()
        for index, value in enumerate(values):
            self.model.add_hint(self.model.get_int_var_from_proto_index(index), value)
        self.hint_values = values
        self.hint_complete = True


AT_ONCE_LOAD = 0.4
"""The ``at-once`` bound piece is added by default when the sessions a limit on sessions at
once counts hold at least this share of the limit times the event's frame minutes: the
online week (0.46) was proven in 3.2 deterministic units with it, not in 10 without; on
events where the limit is loose (the study tours, 0.14) it only slowed the proof (1.4
units to 3.7; benchmarks/results/faults/hand2)."""


def _limited(scenario: Scenario, facts: dict[str, SessionFacts]) -> bool:
    """Whether a limit on sessions at once (licences, max-parallel) is tight enough for the
    ``at-once`` bound piece (:data:`AT_ONCE_LOAD`)."""
    frame = sum(max(0, end - start) for start, end in map(scenario.frame, scenario.days))
    limits = ((scenario.hybrid.licences, [f for f in facts.values()
                                          if f.session.needs_licence]),
              (scenario.parallel_limit, [f for f in facts.values() if f.observes_breaks]))
    for limit, members in limits:
        minutes = sum(min(f.durations.values()) for f in members if f.durations)
        if limit and len(members) > limit and minutes >= AT_ONCE_LOAD * limit * frame:
            return True
    return False
