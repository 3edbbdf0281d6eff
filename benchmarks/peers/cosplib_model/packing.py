"""From session assignments to rooms and time slots (the solution grid).

Given, for one track in one session, the rooms it holds and the submissions it runs,
place each submission in a room and in consecutive time slots. Submissions with a slot
chosen by the model keep it (rooms are then an interval colouring, greedy by start);
the others go multi-slot first (largest first, into the room the model chose when it
chose one, else an empty room first), then single-slot ones into empty rooms first and
then wherever there is room. The model's constraints guarantee this succeeds.
"""

from __future__ import annotations

from confsched_cosplib.instance import Instance
from confsched_cosplib.solution import EMPTY, Solution


class PackingError(RuntimeError):
    """The assignments cannot be laid out (a bug in the model's constraints)."""


def _pull(instance: Instance, i: int, room: int, cells: list[int]) -> int:
    """How much talk ``i`` gains in ``room``: its weighted conflicts (presenters,
    attendees) with the talks already there, less its own penalty for the room."""
    w = instance.weights
    held = set(cells) - {EMPTY}
    value = -w["submissions_rooms"] * instance.sub_room[i][room] * instance.submissions[i].slots
    if w["presenters_conflicts"] and instance.presenter_conflicts:
        value += w["presenters_conflicts"] * len(instance.presenter_conflicts[i] & held)
    if w["attendees_conflicts"] and instance.attendee_conflicts:
        value += w["attendees_conflicts"] * len(instance.attendee_conflicts[i] & held)
    return value


def pack_cell_group(
    instance: Instance, solution: Solution, session: int, rooms: list[int], members: list[int],
    starts: dict[int, int], rooms_of: dict[int, int] | None = None,
) -> None:
    """Place ``members`` of one track in ``rooms`` during ``session`` (in place)."""
    subs = instance.submissions
    slots = instance.sessions[session].slots
    if not rooms:
        if members:
            raise PackingError(f"submissions without a room in session {session}")
        return
    fixed = sorted((starts[i], i) for i in members if i in starts)
    loose = [i for i in members if i not in starts]
    busy: dict[int, list[int]] = {r: [EMPTY] * slots for r in rooms}
    for start, i in fixed:
        length = subs[i].slots
        free = [r for r in rooms if all(busy[r][t] == EMPTY for t in range(start, start + length))]
        if not free:
            raise PackingError(f"no free room for {subs[i].name} in session {session}")
        unused = [r for r in free if all(x == EMPTY for x in busy[r])]
        room = (unused or free)[0]
        for t in range(start, start + length):
            busy[room][t] = i
    multi = sorted((i for i in loose if subs[i].slots > 1), key=lambda i: -subs[i].slots)
    single = [i for i in loose if subs[i].slots == 1]
    chosen = rooms_of or {}
    for i in multi:
        target = chosen.get(i)
        if target is None or target not in busy:
            continue
        t = busy[target].index(EMPTY) if EMPTY in busy[target] else slots
        if t + subs[i].slots > slots or any(x != EMPTY for x in busy[target][t:t + subs[i].slots]):
            raise PackingError(f"{subs[i].name} does not fit room {target} in session {session}")
        busy[target][t:t + subs[i].slots] = [i] * subs[i].slots
    multi = [i for i in multi if chosen.get(i) not in busy]
    for i in multi + single:
        length = subs[i].slots
        best = None
        # A single-slot talk goes first to the room holding the talks it conflicts with
        # most (weighted; conflicts count only across rooms) and costing it least; then,
        # like multi-slot talks (for which the fit rule of the model needs this order),
        # to an empty room, then to the fullest room with a run of free slots long enough.
        def key(r: int, i: int = i) -> tuple[int, bool, int]:
            pull = -_pull(instance, i, r, busy[r]) if subs[i].slots == 1 else 0
            return (pull, any(x != EMPTY for x in busy[r]), -sum(x != EMPTY for x in busy[r]))

        for r in sorted(rooms, key=key):
            for t in range(slots - length + 1):
                if all(busy[r][u] == EMPTY for u in range(t, t + length)):
                    best = (r, t)
                    break
            if best:
                break
        if best is None:
            raise PackingError(f"no room for {subs[i].name} in session {session}")
        r, t = best
        for u in range(t, t + length):
            busy[r][u] = i
    for r in rooms:
        solution.cells[session][r] = busy[r]
