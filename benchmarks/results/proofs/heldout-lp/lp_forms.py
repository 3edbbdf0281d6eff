"""What CP-SAT's level-1 linear relaxation sees of track-room stability (experiments).

One worker, a short deterministic budget, the model ``solve()`` builds (pieces grain and
symmetry), no hint; prints status, objective, bound, units and CPU seconds. Forms of
``track_room_stability`` (``objective._rooms_per_group`` / ``_track_room_stability``):

- ``clause``: as shipped (``used[room] or not in room or not on the day``: a clause,
  which only the level-2 relaxation contains);
- ``linear``: the same links written as linear inequalities
  (``used >= in room + on day - 1``); presolve turns them back into clauses
  ("linear: positive/negative clause" in its log);
- ``pair``: the shipped form plus, per track and day, an excess variable bounded below by
  every pair of the track's sessions (``excess >= z[a, room, day] + day[b] - z[b, room,
  day] - 1``, with ``z`` = in the room on the day, linked to the room and day choices by
  linear equalities) and the term at least the sum of those excesses.

    python benchmarks/results/proofs/heldout-lp/lp_forms.py NAME SEED FORM UNITS LEVEL \
        [TERM,TERM...]

TERMS: weight only these soft terms (every other weight 0).
"""

import contextlib
import sys
import time
from collections import defaultdict
from typing import Any

from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import objective as objmod
from scheduler.solver.model import ScheduleModel

name, seed, form = sys.argv[1], int(sys.argv[2]), sys.argv[3]
units, level = float(sys.argv[4]), int(sys.argv[5])
terms = sys.argv[6].split(",") if len(sys.argv) > 6 else None
shipped_groups = objmod.Objective._rooms_per_group
shipped_stability = objmod.Objective._track_room_stability
cuts = 0


def linear(self: Any, groups: dict[Any, list[Any]]) -> Any:
    m, total = self.model, 0
    for members in groups.values():
        rooms = sorted({r for sv, _ in members for r in sv.room_lits})
        if len(members) < 2 or len(rooms) < 2:
            continue
        used = {room: m.new_bool_var("") for room in rooms}
        for room in rooms:
            for sv, extra in members:
                lit = sv.room_lits.get(room)
                if lit is not None:
                    m.add(used[room] >= lit + sum(extra) - len(extra))
        excess = m.new_int_var(0, len(rooms) - 1, "")
        m.add(excess >= sum(used.values()) - 1)
        total += excess
    return total


def pairwise(self: Any) -> Any:
    global cuts
    m, days_of = self.model, self.vars.possible_days
    tracks: dict[str, list[Any]] = defaultdict(list)
    for sv in self.sessions:
        if sv.room_lits and len(sv.track_lits) == 1:
            tracks[next(iter(sv.track_lits))].append(sv)
    z: dict[tuple[str, str, int], Any] = {}
    for svs in tracks.values():
        for sv in svs:
            if len(days_of(sv)) < 2:
                continue
            for r, x in sv.room_lits.items():
                for d in days_of(sv):
                    z[sv.id, r, d] = m.new_bool_var("")
                m.add(sum(z[sv.id, r, d] for d in days_of(sv)) == x)
            for d in days_of(sv):
                m.add(sum(z[sv.id, r, d] for r in sv.room_lits) == self.vars.day_lit(sv, d))
    excesses = []
    for svs in tracks.values():
        for d in sorted({d for sv in svs for d in days_of(sv)}):
            members = [sv for sv in svs if (sv.id, next(iter(sv.room_lits)), d) in z]
            if len(members) < 2:
                continue
            excess = m.new_int_var(0, len(members) - 1, "")
            rooms = sorted({r for sv in members for r in sv.room_lits})
            for a in members:
                for b in members:
                    for r in rooms:
                        if a is not b and (a.id, r, d) in z:
                            m.add(excess >= z[a.id, r, d] + self.vars.day_lit(b, d)
                                  - z.get((b.id, r, d), 0) - 1)
                            cuts += 1
            excesses.append(excess)
    value = shipped_stability(self)
    m.add(value >= sum(excesses))
    return value


if form == "linear":
    objmod.Objective._rooms_per_group = linear
elif form == "pair":
    objmod.Objective._track_room_stability = pairwise
by_name = {i.name: i for suite in ("small", "full", "ci") for i in SUITES[suite]}
scenario = parse_scenario(generate_yaml(by_name[name].params(), seed), name)
if terms:
    weights = scenario.weights
    for field in type(weights).model_fields:
        if field not in terms and isinstance(getattr(weights, field), int | float):
            with contextlib.suppress(Exception):
                setattr(weights, field, 0)
built = ScheduleModel(scenario, strengthen=frozenset({"grain", "symmetry"}))
built.model.minimize(built.objective.total())
solver = cp_model.CpSolver()
solver.parameters.num_workers = 1
solver.parameters.linearization_level = level
solver.parameters.max_deterministic_time = units
began = time.process_time()
status = solver.solve(built.model)
found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
print(name, seed, form, "level", level, solver.status_name(status),
      "objective", solver.objective_value if found else None,
      "bound", solver.best_objective_bound, "units", round(solver.deterministic_time, 2),
      "cpu", round(time.process_time() - began, 1), "pair cuts", cuts, flush=True)
