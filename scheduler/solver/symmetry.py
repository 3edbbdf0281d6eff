"""Symmetry breaking for identical rooms.

Two rooms are *identical* when nothing in the model tells them apart: same capacity, same
tags, no availability windows, and every session may use both or neither (so nobody is
pinned to, or allowed only in, one of them). Swapping the whole contents of two identical
rooms then gives a schedule that is just as valid and costs exactly the same, and the
search wastes time proving the same bound once per permutation.

The rule, in plain words: take the sessions in a fixed order; within a group of identical
rooms, a room may hold a session only if the previous room of the group already holds an
earlier session. Every schedule can be relabelled to satisfy this (sort the group's rooms
by the first session they hold), so no objective value is lost. Rooms an extra term or a
freeze tells apart (a minimal-change re-solve names the rooms of the earlier schedule) are
left out of the groups; the rest of a group stays ordered. Not used when rooms were
capped per session at scale, or in elastic mode (the neighbourhood re-solves fix most
rooms, and an ordering could keep a left-out session from the room it needs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set

from ortools.sat.python import cp_model

from scheduler.scenario.model import Scenario
from scheduler.solver.variables import SessionVars, Variables


def identical_room_groups(scenario: Scenario, variables: Variables,
                          distinguished: Set[str] = frozenset()) -> list[list[str]]:
    """Groups (of two or more, in scenario order) of rooms the model cannot tell apart
    (rooms in ``distinguished`` are told apart by something else)."""
    if variables.rooms_capped or variables.guards.relaxed:
        return []
    sessions = list(variables.sessions.values())
    groups: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for room in scenario.rooms:
        if room.available is not None or room.id in distinguished:
            continue
        users = tuple(sv.id for sv in sessions if room.id in sv.room_lits)
        if not users:
            continue
        groups[(room.capacity, tuple(sorted(set(room.tags))), users)].append(room.id)
    return [rooms for rooms in groups.values() if len(rooms) > 1]


def _users(variables: Variables, room: str) -> list[SessionVars]:
    return [sv for sv in variables.sessions.values() if room in sv.room_lits]


def break_room_symmetry(model: cp_model.CpModel, scenario: Scenario, variables: Variables,
                        distinguished: Set[str] = frozenset()) -> list[list[str]]:
    """Add the ordering constraints; returns the groups it ordered."""
    groups = identical_room_groups(scenario, variables, distinguished)
    for rooms in groups:
        users = _users(variables, rooms[0])
        for first, second in zip(rooms, rooms[1:], strict=False):
            for k, sv in enumerate(users):
                earlier = [u.room_lits[first] for u in users[:k]]
                if not earlier:
                    model.add(sv.room_lits[second] == 0)
                else:
                    model.add(sv.room_lits[second] <= sum(earlier))
    return groups


def canonical_rooms(groups: list[list[str]], variables: Variables,
                    rooms: dict[str, str]) -> dict[str, str]:
    """Relabel a placement (session id -> room) so that it satisfies the ordering."""
    result = dict(rooms)
    for group in groups:
        order = [sv.id for sv in _users(variables, group[0])]
        position = {sid: i for i, sid in enumerate(order)}
        first: dict[str, float] = {room: float("inf") for room in group}
        for sid, room in rooms.items():
            if room in first and sid in position:
                first[room] = min(first[room], position[sid])
        ranked = sorted(group, key=lambda r: (first[r], group.index(r)))
        rename = dict(zip(ranked, group, strict=True))
        for sid, room in rooms.items():
            if room in rename:
                result[sid] = rename[room]
    return result
