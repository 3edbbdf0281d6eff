"""CoSPLib's objective over a talks grid, exactly as CoSPLib's checker computes it.

Moved from plugins/confsched_cosplib/scorer.py (every term follows its ``evaluate_*``
method of CoSPLib's ``Solver/solution.py``; docs/cosplib.md gives the method for each),
over the neutral :class:`~scheduler.talks.problem.TalkProblem` and
:class:`~scheduler.talks.grid.Grid`. The quirks that change numbers are kept:

* time slots are grouped by the *string* ``talk-slot id + slot number`` and cells of a
  multi-slot check by ``talk-slot id + room id``, as the checker does;
* the chairs term counts pairs of *room positions* in a session (a track held in two
  rooms counts twice against a track sharing its chair);
* the multi-slot term (a split talk) is counted, but the engine never splits a talk and
  the checker refuses a split one as a hard violation, so it is not part of the objective.

This is the definition of the terms, not solver code: the checker scores schedules with
it; the solver's CP-SAT model states the same terms as constraints of its own.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from scheduler.talks.grid import EMPTY, Grid
from scheduler.talks.problem import TalkProblem

SPLIT_PENALTY = 10_000_000
NOT_CONSECUTIVE_PENALTY = 1_000_000_000


def _session_level(problem: TalkProblem, solution: Grid, conflicts: list[set[int]]) -> int:
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


def _slot_keys(problem: TalkProblem) -> list[list[str]]:
    """The checker's key of each time slot: the session's name followed by the slot
    number (``"Mon1" + "0"``); two slots may share a key, as in the checker."""
    return [[session.name + str(t) for t in range(session.slots)]
            for session in problem.sessions]


def _slot_level(problem: TalkProblem, solution: Grid, conflicts: list[set[int]]) -> int:
    """Pairs of conflicting submissions in one time slot, whatever their rooms
    (``evaluate_presenters_conflicts_time_slot_level`` and its attendee twin)."""
    keys = _slot_keys(problem)
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


def _chairs(problem: TalkProblem, solution: Grid) -> int:
    """Pairs of room positions in one session whose tracks share a chair
    (``evaluate_track_chairs_conflicts``: a track is listed once per room it holds)."""
    conflicts = problem.track_chair_conflicts
    value = 0
    for row in solution.tracks:
        held = [k for k in row if k != EMPTY and conflicts[k]]
        for a in range(len(held) - 1):
            for b in range(a + 1, len(held)):
                if held[a] in conflicts[held[b]]:
                    value += 1
    return value


def counts(problem: TalkProblem, solution: Grid) -> dict[str, int]:
    """Unweighted count of every term of the checker, by name."""
    tracks, cells = solution.tracks, solution.cells
    n_s, n_r = len(problem.sessions), len(problem.rooms)
    out: dict[str, int] = {}
    placed = [(s, r, k) for s in range(n_s) for r in range(n_r) if (k := tracks[s][r]) != EMPTY]
    occupied = [
        (s, r, t, i) for s in range(n_s) for r in range(n_r)
        for t, i in enumerate(cells[s][r]) if i != EMPTY
    ]
    out["tracks_sessions"] = sum(problem.track_session[k][s] for s, _, k in placed)
    out["tracks_rooms"] = sum(problem.track_room[k][r] for _, r, k in placed)
    out["sessions_rooms"] = sum(problem.session_room[s][r] for s, r, _ in placed)
    similar = 0
    for s in range(n_s):
        row = tracks[s]
        for a in range(n_r):
            for b in range(a, n_r):
                if row[a] != row[b] and row[a] != EMPTY and row[b] != EMPTY:
                    similar += problem.track_track[row[a]][row[b]]
    out["similar_tracks"] = similar
    rooms_of: dict[int, set[int]] = defaultdict(set)
    sessions_of: dict[int, set[int]] = defaultdict(set)
    for s, r, k in placed:
        rooms_of[k].add(r)
        sessions_of[k].add(s)
    out["rooms_per_track"] = sum(len(rooms) - 1 for rooms in rooms_of.values() if rooms)
    out["parallel_tracks"] = sum(
        max(tracks[s].count(k) - 1, 0) for k in range(len(problem.tracks)) for s in range(n_s)
    )
    out["consecutive_tracks"] = sum(
        1 for used in sessions_of.values()
        if len(used) > 1 and max(used) - min(used) + 1 != len(used)
    )
    out["submissions_timezones"] = sum(problem.sub_timezone[i][s] for s, _, _, i in occupied)
    out["submissions_order"] = _order(problem, solution)
    out["submissions_sessions"] = sum(problem.sub_session[i][s] for s, _, _, i in occupied)
    out["submissions_rooms"] = sum(problem.sub_room[i][r] for _, r, _, i in occupied)
    out["presenters_conflicts"] = _session_level(problem, solution,
                                                 problem.presenter_conflicts)
    out["attendees_conflicts"] = _session_level(problem, solution, problem.attendee_conflicts)
    out["chairs_conflicts"] = _chairs(problem, solution)
    out["presenters_conflicts_timeslot"] = _slot_level(problem, solution,
                                                       problem.presenter_conflicts)
    out["attendees_conflicts_timeslot"] = _slot_level(problem, solution,
                                                      problem.attendee_conflicts)
    out["multi_slot"] = _multi_slot(problem, solution)
    return out


def _order(problem: TalkProblem, solution: Grid) -> int:
    """Submissions order: same-track ordered talks at the same time, and talks whose
    position in their track (in session, room, slot order) differs from their order."""
    subs = problem.submissions
    per_track: dict[int, list[int]] = defaultdict(list)
    per_slot: dict[str, list[int]] = defaultdict(list)
    for s, session in enumerate(problem.sessions):
        for r in range(len(problem.rooms)):
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


def _multi_slot(problem: TalkProblem, solution: Grid) -> int:
    """Multi-slot submissions: whole in one room of one session, in consecutive slots."""
    subs = problem.submissions
    per_cell: dict[str, list[int]] = defaultdict(list)
    slots_of: dict[int, list[int]] = {i: [] for i, sub in enumerate(subs) if sub.slots > 1}
    for s, session in enumerate(problem.sessions):
        for r, room in enumerate(problem.rooms):
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


def all_scheduled(problem: TalkProblem, solution: Grid) -> bool:
    """Every submission appears in exactly as many slots as it needs."""
    seen: dict[int, int] = defaultdict(int)
    for session_rows in solution.cells:
        for row in session_rows:
            for i in row:
                if i != EMPTY:
                    seen[i] += 1
    return all(seen.get(i, 0) == sub.slots for i, sub in enumerate(problem.submissions))


def valid(problem: TalkProblem, solution: Grid) -> bool:
    """Every submission sits in a room holding its own track (the checker's validity)."""
    for s, session_rows in enumerate(solution.cells):
        for r, row in enumerate(session_rows):
            k = solution.tracks[s][r]
            if k == EMPTY:
                continue
            for i in row:
                if i != EMPTY and problem.submissions[i].track != k:
                    return False
    return True


def score(problem: TalkProblem, solution: Grid) -> dict[str, Any]:
    """The objective and its breakdown, as CoSPLib's checker computes them.

    Returns ``{"objective": int, "feasible": bool, "valid": bool, "terms": {name:
    {"count", "weight", "penalty"}}}``. Terms with weight 0 are left out (as the checker
    does), except the always-on ``multi_slot`` term (weight 1).
    """
    raw = counts(problem, solution)
    terms: dict[str, dict[str, int]] = {}
    for name, count in raw.items():
        weight = 1 if name == "multi_slot" else problem.weights[name]
        if weight > 0:
            terms[name] = {"count": count, "weight": weight, "penalty": count * weight}
    return {
        "objective": sum(term["penalty"] for term in terms.values()),
        "feasible": all_scheduled(problem, solution),
        "valid": valid(problem, solution),
        "terms": terms,
    }


def weighted_terms(problem: TalkProblem, solution: Grid) -> dict[str, tuple[int, int]]:
    """CoSPLib's 16 weighted terms as ``name -> (weight, count)``, every one (weight 0
    too), in the parameters sheet's order; the split-talk count is left out (a split
    talk is a hard violation in the engine)."""
    from scheduler.scenario.talks import TALK_TERMS

    raw = counts(problem, solution)
    return {name: (problem.weights[name], raw[name]) for name in TALK_TERMS}
