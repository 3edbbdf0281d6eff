"""CoSPLib's objective, computed exactly as its checker (``Solver_Checker_v1.1.py``) does.

Each term is a count times the weight from the ``parameters`` sheet; terms with weight 0
are skipped, as in the checker. Two quirks of the checker are kept on purpose so that our
numbers equal CoSPLib's:

* presenter conflicts and chair conflicts (at session and at time-slot level) are always
  0, because CoSPLib's reader never fills the lists those terms read; a presenter or
  chair clash shows up only through the *attendee* conflicts (an attendee who presents
  or chairs elsewhere);
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


def _pairs_in_conflict(instance: Instance, groups: list[list[tuple[int, int]]]) -> int:
    """Pairs (submission, room) of one group that conflict and sit in different rooms."""
    value = 0
    conflicts = instance.attendee_conflicts
    for group in groups:
        for a in range(len(group) - 1):
            for b in range(a + 1, len(group)):
                (i, ri), (j, rj) = group[a], group[b]
                if i in conflicts[j] and ri != rj:
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
    out["presenters_conflicts"] = 0
    conflicted = [bool(c) for c in instance.attendee_conflicts]
    by_session: list[list[tuple[int, int]]] = [[] for _ in range(n_s)]
    for s, r, _, i in occupied:
        if conflicted[i] and (i, r) not in by_session[s]:
            by_session[s].append((i, r))
    out["attendees_conflicts"] = _pairs_in_conflict(instance, by_session)
    out["chairs_conflicts"] = 0
    out["presenters_conflicts_timeslot"] = 0
    by_slot: dict[tuple[int, int], list[int]] = defaultdict(list)
    for s, _, t, i in occupied:
        if conflicted[i] and i not in by_slot[(s, t)]:
            by_slot[(s, t)].append(i)
    out["attendees_conflicts_timeslot"] = sum(
        1 for group in by_slot.values() for a in range(len(group) - 1)
        for b in range(a + 1, len(group)) if group[a] in instance.attendee_conflicts[group[b]]
    )
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
