"""Redundant "capacity class" cumulatives: sessions that fit only a few rooms share them.

The rule, in plain words: a session sits in one of its candidate rooms (the rooms that are
allowed, big enough and tagged right), and a room holds one session at a time. So for any
set of rooms R, the sessions whose every candidate room lies in R can never run more than
|R| at once: at each moment, the sessions needing at least k seats are at most the rooms
with at least k seats. The model already implies this (one no-overlap per room and the
room choice), but CP-SAT reasons about each room on its own; the cumulative over the whole
class states it at once, for propagation and for the linear relaxation's energy cuts.

The classes are the candidate-room sets of the sessions themselves (for nested capacities:
the rooms of at least k seats, for each k), each taken with every session whose candidates
lie inside it. A class is added only when it can bind: at least two rooms (one room is its
own no-overlap already) and more sessions than rooms. It cuts no schedule: every schedule
satisfies it (tested: the proven optimum is the same with and without it).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.solver.variables import SessionVars, Variables


def capacity_classes(variables: Variables) -> list[tuple[frozenset[str], list[SessionVars]]]:
    """(rooms, sessions) classes: the sessions whose candidate rooms all lie in ``rooms``,
    for each distinct candidate set of at least 2 rooms holding more sessions than rooms
    (in a fixed order: fewest rooms first, then by name)."""
    if variables.guards.relaxed:
        return []  # the diagnosis lists every room for every session
    svs = [sv for sv in variables.sessions.values() if sv.room_lits]
    candidate_sets = {frozenset(sv.room_lits) for sv in svs}
    classes = []
    for rooms in sorted(candidate_sets, key=lambda r: (len(r), sorted(r))):
        if len(rooms) < 2:
            continue
        members = [sv for sv in svs if rooms.issuperset(sv.room_lits)]
        if len(members) > len(rooms):
            classes.append((rooms, members))
    return classes


def add_capacity_classes(model: cp_model.CpModel, variables: Variables) -> int:
    """Add one cumulative per capacity class (demand 1, capacity the class's rooms);
    returns the number added."""
    classes = capacity_classes(variables)
    for rooms, members in classes:
        model.add_cumulative([sv.interval for sv in members], [1] * len(members), len(rooms))
    return len(classes)
