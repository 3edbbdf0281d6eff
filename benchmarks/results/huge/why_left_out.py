"""Why a left-out session fits nowhere: every start of it, and what blocks it there.

    python benchmarks/results/huge/why_left_out.py /tmp/huge/big3.yaml GREEDY.json [ID ...]

GREEDY.json: a schedule written by ``greedy_only.py ... OUT.json`` (without ids: every
required session it leaves out). For each start of each session, on the board rebuilt
from the schedule, the rules that forbid it, by kind:

- ``fixed``: a break, an exclusive session, the parallel limit or the licences (no move of
  one session fixes those, except moving the exclusive session);
- ``person``: a person's other session overlapping it (by id);
- ``limit``: a person's daily limit reached that day (their sessions that day);
- ``track``: the track's session then;
- ``rooms``: every candidate room busy then (the fewest holders of one room);
- ``link``: an ``after``/``same-day``/series/``not-parallel`` partner.

Then a summary: how many starts have each kind, and the movable sessions that would have
to move at the cheapest starts (with their own number of starts: few means hard to move).
"""

from __future__ import annotations

import os
import pickle
import sys
from collections import Counter

from scheduler.scenario import load_scenario
from scheduler.schedule import Schedule
from scheduler.solver import run
from scheduler.solver.greedy import placement
from scheduler.solver.greedy.board import Relations, domain_ranges
from scheduler.solver.greedy.people import within_people_hours


def main(path: str, greedy: str, ids: list[str]) -> None:
    """Print, for each session of ``ids``, what blocks each of its starts."""
    if os.path.exists(path + ".pkl"):
        with open(path + ".pkl", "rb") as handle:
            scenario = pickle.load(handle)
    else:
        scenario = load_scenario(path)
    facts = within_people_hours(scenario, run.load_facts(scenario))
    with open(greedy) as handle:
        schedule = Schedule.model_validate_json(handle.read())
    placed = placement.spots_of(scenario, facts, schedule)
    board = placement.board_of(scenario, facts, placed)
    grid = board.grid
    if not ids:
        ids = [f.id for f in facts.values() if not f.optional and f.id not in placed]
    limit, licences = scenario.parallel_limit, scenario.hybrid.licences
    for sid in ids:
        f = facts[sid]
        s = f.session
        was = placed.pop(sid, None)  # a placed session: where else could it go?
        if was is not None:
            board.release(f, was)
            print(f"\n(placed at day {grid.day_of(was.start)} {grid.clock(was.start)}: taken off)")
        print(f"\n== {sid}: {len(f.domain.flattened_intervals()) // 2} ranges, "
              f"{f.domain.size()} starts, {len(f.rooms)} rooms, people {s.person_ids} "
              f"(limits {[board.daily_limit.get(p) for p in s.person_ids]}), tracks {s.tracks}, "
              f"after {s.after}, same-day {s.same_day_as}, apart {s.not_parallel_with}, "
              f"exclusive {f.exclusive}")
        for pid in s.person_ids:
            mine = sorted((grid.day_of(placed[o].start), placed[o].start, o,
                           facts[o].domain.size())
                          for o in board.sessions_of[pid] if o in placed)
            print(f"   {pid}: {[(d, grid.clock(t), o, n) for d, t, o, n in mine]}")
        followers = sorted(board.successors.get(sid, ()))
        for o in (*followers, *sorted(board.same_day.get(sid, ()))):
            where = placed.get(o)
            at = None if where is None else (grid.day_of(where.start), grid.clock(where.start))
            print(f"   linked {o}: {at} starts {facts[o].domain.size()}")
        relations = Relations(board, f, placed)
        kinds: Counter[str] = Counter()
        cheapest: list[tuple[int, int, list[str]]] = []
        steps = f.steps(grid.g)
        for a, b in domain_ranges(f.domain.flattened_intervals()):
            for t in range(a, b + 1):
                day = grid.day_of(t)
                size = steps.get(day)
                if size is None:
                    continue
                span = slice(t, t + size)
                why: dict[str, set[str]] = {}
                if not board.free_of_fixed(f, span, limit, licences):
                    owners = set(board.room_owner[:, span].ravel().tolist())
                    why["fixed"] = {board.ids[i] for i in owners if i >= 0
                                    and facts[board.ids[i]].exclusive} or {"break/limit"}
                for pid in s.person_ids:
                    held = {board.ids[i] for i in board.person[pid][span].tolist() if i >= 0}
                    if held:
                        why.setdefault("person", set()).update(held)
                    cap = board.daily_limit.get(pid)
                    if cap is not None and board.per_day[(pid, day)] >= cap:
                        why.setdefault("limit", set()).update(
                            o for o in board.sessions_of[pid]
                            if o in placed and grid.day_of(placed[o].start) == day)
                for tr in s.tracks:
                    held = {board.ids[i] for i in board.track[tr][span].tolist() if i >= 0}
                    if held:
                        why.setdefault("track", set()).update(held)
                if f.needs_room:
                    best: set[str] | None = None
                    for option in f.rooms:
                        if not option.domain.contains(t):
                            continue
                        row = board.rooms[option.room]
                        held = {board.ids[i] for i in board.room_owner[row, span].tolist()
                                if i >= 0}
                        if best is None or len(held) < len(best):
                            best = held
                    if best is None:
                        why["rooms"] = {"(no room available)"}
                    elif best:
                        why["rooms"] = best
                if not relations.allows(t, day, size):
                    why["link"] = set()
                    for ref in (*s.after, *s.same_day_as, *s.not_parallel_with):
                        why["link"].update(o for o in board.members.get(ref, []) if o in placed)
                    why["link"].update(o for o in board.successors.get(sid, ()) if o in placed)
                    if not why["link"]:
                        why["link"] = {"(daily limit via relations)"}
                kinds.update(why.keys())
                movers = sorted(set().union(*why.values())) if why else []
                cheapest.append((len(movers) + (100 if "fixed" in why else 0), t,
                                 [f"{k}:{','.join(sorted(v))}" for k, v in why.items()]))
        print("   starts blocked by kind:", dict(kinds))
        cheapest.sort()
        for cost, t, reasons in cheapest[:8]:
            print(f"   day {grid.day_of(t)} {grid.clock(t)}: {cost} to move: {reasons}")
        movers = {m for _, _, reasons in cheapest[:8] for r in reasons
                  for m in r.split(":", 1)[1].split(",") if m in facts}
        print("   those sessions' starts:", {m: facts[m].domain.size() for m in sorted(movers)})
        if was is not None:
            board.occupy(f, was)
            placed[sid] = was


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
