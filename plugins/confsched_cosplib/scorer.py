"""CoSPLib's objective, computed exactly as its checker (``Solver_Checker_v1.1.py``) does.

Each term is a count times the weight from the ``parameters`` sheet; terms with weight 0
are skipped, as in the checker (``Solver/solution.py`` ``__generate_valuations``). Every
term follows its ``evaluate_*`` method of ``Solver/solution.py`` (docs/cosplib.md gives
the method for each), including the quirks that change numbers:

* time slots are grouped by the *string* ``session name + slot number`` and cells of a
  multi-slot check by ``session name + room name``, as the checker does;
* the chairs term counts pairs of *room positions* in a session (a track held in two
  rooms counts twice against a track sharing its chair);
* the multi-slot term is always on: a submission split over rooms or sessions costs
  10,000,000, slots that are not consecutive 1,000,000,000, and a multi-slot submission
  that is not scheduled makes the term exactly 1,000,000,000.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from confsched_cosplib.instance import Instance
from confsched_cosplib.solution import EMPTY, Solution

SPLIT_PENALTY = 10_000_000
NOT_CONSECUTIVE_PENALTY = 1_000_000_000


def _session_level(instance: Instance, solution: Solution, conflicts: list[set[int]]) -> int:
    """Pairs of (submission, room) in one session whose submissions conflict, in
    different rooms. Only submissions with a conflict enter a session's list, each
    (submission, room) once (``evaluate_presenters_conflicts_session_level`` and
    ``evaluate_attendees_conflicts_session_level``)."""
    value = 0
    for rows in solution.cells:
        group: list[tuple[int, int]] = []
        for r, row in enumerate(rows):
            for i in row:
                if i != EMPTY and conflicts[i] and (i, r) not in group:
                    group.append((i, r))
        for a in range(len(group) - 1):
            for b in range(a + 1, len(group)):
                (i, ri), (j, rj) = group[a], group[b]
                if i in conflicts[j] and ri != rj:
                    value += 1
    return value


def _slot_keys(instance: Instance) -> list[list[str]]:
    """The checker's key of each time slot: the session's name followed by the slot
    number (``"Mon1" + "0"``); two slots may share a key, as in the checker."""
    return [[session.name + str(t) for t in range(session.slots)]
            for session in instance.sessions]


def _slot_level(instance: Instance, solution: Solution, conflicts: list[set[int]]) -> int:
    """Pairs of conflicting submissions in one time slot, whatever their rooms
    (``evaluate_presenters_conflicts_time_slot_level`` and its attendee twin)."""
    keys = _slot_keys(instance)
    groups: dict[str, list[int]] = {key: [] for names in keys for key in names}
    for s, rows in enumerate(solution.cells):
        for row in rows:
            for t, i in enumerate(row):
                if i != EMPTY and conflicts[i] and i not in groups[keys[s][t]]:
                    groups[keys[s][t]].append(i)
    value = 0
    for session_keys in keys:  # the checker visits every (session, slot), shared or not
        for key in session_keys:
            group = groups[key]
            for a in range(len(group) - 1):
                for b in range(a + 1, len(group)):
                    if group[a] in conflicts[group[b]]:
                        value += 1
    return value


def _chairs(instance: Instance, solution: Solution) -> int:
    """Pairs of room positions in one session whose tracks share a chair
    (``evaluate_track_chairs_conflicts``: a track is listed once per room it holds)."""
    conflicts = instance.track_chair_conflicts
    value = 0
    for row in solution.tracks:
        held = [k for k in row if k != EMPTY and conflicts[k]]
        for a in range(len(held) - 1):
            for b in range(a + 1, len(held)):
                if held[a] in conflicts[held[b]]:
                    value += 1
    return value


def counts(instance: Instance, solution: Solution) -> dict[str, int]:
    """Unweighted count of every term of the checker, by name."""
    tracks, cells = solution.tracks, solution.cells
    n_s, n_r = len(instance.sessions), len(instance.rooms)
    out: dict[str, int] = {}
    placed = [(s, r, k) for s in range(n_s) for r in range(n_r) if (k := tracks[s][r]) != EMPTY]
    occupied = [
        (s, r, t, i) for s in range(n_s) for r in range(n_r)
        for t, i in enumerate(cells[s][r]) if i != EMPTY
    ]
    out["tracks_sessions"] = sum(instance.track_session[k][s] for s, _, k in placed)
    out["tracks_rooms"] = sum(instance.track_room[k][r] for _, r, k in placed)
    out["sessions_rooms"] = sum(instance.session_room[s][r] for s, r, _ in placed)
    similar = 0
    for s in range(n_s):
        row = tracks[s]
        for a in range(n_r):
            for b in range(a, n_r):
                if row[a] != row[b] and row[a] != EMPTY and row[b] != EMPTY:
                    similar += instance.track_track[row[a]][row[b]]
    out["similar_tracks"] = similar
    rooms_of: dict[int, set[int]] = defaultdict(set)
    sessions_of: dict[int, set[int]] = defaultdict(set)
    for s, r, k in placed:
        rooms_of[k].add(r)
        sessions_of[k].add(s)
    out["rooms_per_track"] = sum(len(rooms) - 1 for rooms in rooms_of.values() if rooms)
    out["parallel_tracks"] = sum(
        max(tracks[s].count(k) - 1, 0) for k in range(len(instance.tracks)) for s in range(n_s)
    )
    out["consecutive_tracks"] = sum(
        1 for used in sessions_of.values()
        if len(used) > 1 and max(used) - min(used) + 1 != len(used)
    )
    out["submissions_timezones"] = sum(instance.sub_timezone[i][s] for s, _, _, i in occupied)
    out["submissions_order"] = _order(instance, solution)
    out["submissions_sessions"] = sum(instance.sub_session[i][s] for s, _, _, i in occupied)
    out["submissions_rooms"] = sum(instance.sub_room[i][r] for _, r, _, i in occupied)
    out["presenters_conflicts"] = _session_level(instance, solution,
                                                 instance.presenter_conflicts)
    out["attendees_conflicts"] = _session_level(instance, solution, instance.attendee_conflicts)
    out["chairs_conflicts"] = _chairs(instance, solution)
    out["presenters_conflicts_timeslot"] = _slot_level(instance, solution,
                                                       instance.presenter_conflicts)
    out["attendees_conflicts_timeslot"] = _slot_level(instance, solution,
                                                      instance.attendee_conflicts)
    out["multi_slot"] = _multi_slot(instance, solution)
    return out


def _order(instance: Instance, solution: Solution) -> int:
    """Submissions order: same-track ordered talks at the same time, and talks whose
    position in their track (in session, room, slot order) differs from their order."""
    subs = instance.submissions
    per_track: dict[int, list[int]] = defaultdict(list)
    per_slot: dict[str, list[int]] = defaultdict(list)
    for s, session in enumerate(instance.sessions):
        for r in range(len(instance.rooms)):
            k = solution.tracks[s][r]
            if k == EMPTY:
                continue
            for t, i in enumerate(solution.cells[s][r]):
                if i == EMPTY:
                    continue
                if i not in per_track[k]:
                    per_track[k].append(i)
                key = session.name + str(t)
                if i not in per_slot[key]:
                    per_slot[key].append(i)
    value = 0
    for group in per_slot.values():
        for a in range(len(group) - 1):
            for b in range(a + 1, len(group)):
                first, second = subs[group[a]], subs[group[b]]
                if first.track == second.track and first.order != 0 and second.order != 0:
                    value += 1
    for members in per_track.values():
        for position, i in enumerate(members, start=1):
            if subs[i].order != position and subs[i].order != 0:
                value += 1
    return value


def _multi_slot(instance: Instance, solution: Solution) -> int:
    """Multi-slot submissions: whole in one room of one session, in consecutive slots."""
    subs = instance.submissions
    per_cell: dict[str, list[int]] = defaultdict(list)
    slots_of: dict[int, list[int]] = {i: [] for i, sub in enumerate(subs) if sub.slots > 1}
    for s, session in enumerate(instance.sessions):
        for r, room in enumerate(instance.rooms):
            for t, i in enumerate(solution.cells[s][r]):
                if i != EMPTY and subs[i].slots > 1:
                    per_cell[session.name + room].append(i)
                    slots_of[i].append(t)
    value = 0
    for members in per_cell.values():
        for i in set(members):
            if subs[i].slots != members.count(i):
                value += SPLIT_PENALTY
    for slots in slots_of.values():
        if not slots:
            return NOT_CONSECUTIVE_PENALTY
        if sum(range(slots[0], slots[-1] + 1)) != sum(slots):
            value += NOT_CONSECUTIVE_PENALTY
    return value


def all_scheduled(instance: Instance, solution: Solution) -> bool:
    """Every submission appears in exactly as many slots as it needs."""
    seen: dict[int, int] = defaultdict(int)
    for session_rows in solution.cells:
        for row in session_rows:
            for i in row:
                if i != EMPTY:
                    seen[i] += 1
    return all(seen.get(i, 0) == sub.slots for i, sub in enumerate(instance.submissions))


def valid(instance: Instance, solution: Solution) -> bool:
    """Every submission sits in a room holding its own track (the checker's validity)."""
    for s, session_rows in enumerate(solution.cells):
        for r, row in enumerate(session_rows):
            k = solution.tracks[s][r]
            if k == EMPTY:
                continue
            for i in row:
                if i != EMPTY and instance.submissions[i].track != k:
                    return False
    return True


def score(instance: Instance, solution: Solution) -> dict[str, Any]:
    """The objective and its breakdown, as CoSPLib's checker computes them.

    Returns ``{"objective": int, "feasible": bool, "valid": bool, "terms": {name:
    {"count", "weight", "penalty"}}}``. Terms with weight 0 are left out (as the checker
    does), except the always-on ``multi_slot`` term (weight 1).
    """
    raw = counts(instance, solution)
    terms: dict[str, dict[str, int]] = {}
    for name, count in raw.items():
        weight = 1 if name == "multi_slot" else instance.weights[name]
        if weight > 0:
            terms[name] = {"count": count, "weight": weight, "penalty": count * weight}
    return {
        "objective": sum(term["penalty"] for term in terms.values()),
        "feasible": all_scheduled(instance, solution),
        "valid": valid(instance, solution),
        "terms": terms,
    }
