"""Probe (#17, ``proofs9``, not product code): the model ``solve()`` builds with each track in
one room a day, tried as the hint of the proof search of a small event made of tracks.

On the held-out talks-100 seeds CP-SAT's bound reaches the optimum early while its
schedules stay above it: they split tracks over rooms (``track_room_stability``), and its
neighbourhoods, which move a few sessions at a time, do not gather a track's day into one
room. This probe builds a copy of the model in which every track uses one room per day
(a room literal per track and day, exactly one true, implied by each of its sessions' room
literals that day), so its schedules have ``track_room_stability`` 0, and hands its best
schedule to the main search as a complete hint (it did not pay: README.md).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ortools.sat.python import cp_model

from scheduler.solver.model import ScheduleModel


def _same(model: cp_model.CpModel, lit: Any) -> Any:
    """The literal of ``model`` (a clone) with the index of ``lit`` (of the original)."""
    index = lit.index
    if index >= 0:
        return model.get_bool_var_from_proto_index(index)
    return ~model.get_bool_var_from_proto_index(-index - 1)


def track_days(built: ScheduleModel) -> dict[tuple[str, int], list[tuple[Any, list[Any]]]]:
    """(track, day) -> its sessions, each as (room literals by room, literals that must hold
    for it to be of that track on that day)."""
    groups: dict[tuple[str, int], list[tuple[Any, list[Any]]]] = defaultdict(list)
    for sv in built.vars.sessions.values():
        if not sv.room_lits:
            continue
        for track, tlit in sv.track_lits.items():
            for d in built.vars.possible_days(sv):
                lit = built.vars.day_lit(sv, d)
                extra = [] if len(sv.day_lits) == 1 and sv.placed is None else [lit]
                if len(sv.track_lits) > 1:
                    extra.append(tlit)
                groups[(track, d)].append((sv.room_lits, extra))
    return {k: v for k, v in groups.items() if len(v) > 1}


def gathered_model(built: ScheduleModel) -> cp_model.CpModel | None:
    """A copy of the model with every track in one room per day (None: no track has two
    sessions on a day)."""
    groups = track_days(built)
    if not groups:
        return None
    model = built.model.clone()
    for members in groups.values():
        rooms = sorted({r for lits, _ in members for r in lits})
        home = {room: model.new_bool_var("") for room in rooms}
        model.add_exactly_one(home.values())
        for lits, extra in members:
            for room, lit in lits.items():
                model.add_bool_or(
                    [home[room], ~_same(model, lit), *[~_same(model, e) for e in extra]]
                )
    return model


def gathered_values(
    built: ScheduleModel, parameters: Any, time_limit: float, units: float | None
) -> tuple[list[int], float] | None:
    """The best schedule of the gathered copy within ``time_limit`` seconds (``units``
    deterministic units, when given) as one value per variable of ``built.model``, with its
    objective; None when it found none."""
    model = gathered_model(built)
    if model is None:
        return None
    solver = cp_model.CpSolver()
    solver.parameters.copy_from(parameters)
    solver.parameters.max_time_in_seconds = time_limit
    if units is not None:
        solver.parameters.max_deterministic_time = units
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    size = len(built.model.proto.variables)
    values = list(solver.response_proto.solution)
    return [int(v) for v in values[:size]], solver.objective_value

