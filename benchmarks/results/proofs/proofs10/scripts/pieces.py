"""Experimental redundant pieces measured on the seminar (#17, proofs10); not in the product.

- :func:`time_index`: one literal per (session, start) and per (session, 15-min slot it
  runs in), ``run = sum of the starts covering the slot``; a clash pair's overlap literal
  is at least ``run_a + run_b - 1`` at every common slot; at most as many sessions run in a
  slot as there are rooms.
- :func:`registration_disjunctive`: for each registration's required sessions (and each
  maximal clique of the clash graph: every two share interest or can never overlap), one
  literal ``z`` that is true exactly when none of the set's clash pairs overlaps; ``z``
  makes the set's sessions and the placed breaks one ``no_overlap`` (optional copies of
  the intervals, present when ``z``), so the disjunctive propagator (edge finding,
  energy with the breaks) reasons over the whole set whenever it is clash-free.

Both cut no schedule: ``run``/``x`` are definitions; ``z`` true means no pair overlaps.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from scheduler.solver.clash_cuts import MAX_CLIQUES, ClashCuts, cliques
from scheduler.solver.model import ScheduleModel


def starts_of(var: Any) -> list[int]:
    flat = list(var.proto.domain)
    out: list[int] = []
    for lo, hi in zip(flat[::2], flat[1::2], strict=True):
        out.extend(range(lo, hi + 1))
    return out


def time_index(built: ScheduleModel) -> int:
    """Adds the time-indexed literals and pair clauses; returns the clauses added."""
    m = built.model
    run: dict[str, dict[int, Any]] = {}
    for sid, sv in built.vars.sessions.items():
        if not isinstance(sv.size, int):
            continue
        lits = {}
        for t in starts_of(sv.start):
            lits[t] = m.new_bool_var(f"x[{sid},{t}]")
            m.add(sv.start == t).only_enforce_if(lits[t])
        m.add(sum(lits.values()) == (1 if sv.placed is None else sv.placed))
        slots: dict[int, list[Any]] = defaultdict(list)
        for t, lit in lits.items():
            for u in range(t, t + sv.size):
                slots[u].append(lit)
        run[sid] = {}
        for u, covering in slots.items():
            v = m.new_bool_var(f"run[{sid},{u}]")
            m.add(v == sum(covering))
            run[sid][u] = v
    clauses = 0
    for (a, b), y in built.objective.overlaps.items():
        if a in run and b in run:
            for u in set(run[a]) & set(run[b]):
                m.add_bool_or([y, run[a][u].Not(), run[b][u].Not()])
                clauses += 1
    per: dict[int, list[Any]] = defaultdict(list)
    for slots_of in run.values():
        for u, v in slots_of.items():
            per[u].append(v)
    rooms = len(built.scenario.rooms)
    for vs in per.values():
        if len(vs) > rooms:
            m.add(sum(vs) <= rooms)
    return clauses


def registration_disjunctive(built: ScheduleModel, maximal: bool = True,
                             registrations: bool = True) -> int:
    """Adds the conditional no-overlaps; returns how many sets got one."""
    m, obj, svs = built.model, built.objective, built.vars.sessions
    cuts = ClashCuts(built.vars, obj.overlaps, obj.apart_pairs())
    sets: set[frozenset[str]] = set()
    if maximal:
        sets.update(frozenset(c) for c in cliques(sorted(cuts.svs), cuts.edges(), MAX_CLIQUES))
    for reg in built.scenario.participants.registrations if registrations else []:
        sets.add(frozenset(s for s in reg.sessions if s in cuts.svs))
    added = 0
    for members in sorted(sorted(s) for s in sets):
        pairs = list(combinations(members, 2))
        if len(members) < 3 or not all(p in obj.overlaps or p in cuts.apart for p in pairs):
            continue
        ys = [obj.overlaps[p] for p in pairs if p in obj.overlaps]
        if not ys:
            continue
        z = m.new_bool_var("")
        m.add_bool_or([z, *ys])
        for y in ys:
            m.add_implication(z, y.Not())
        intervals = [m.new_optional_interval_var(svs[s].start, svs[s].size,
                                                 svs[s].start + svs[s].size, z, "")
                     for s in members]
        if all(svs[s].facts.observes_breaks for s in members):
            intervals += [bv.interval for bv in built.vars.breaks]
        m.add_no_overlap(intervals)
        added += 1
    return added
