"""What is in the way of seed 3's ``work-2526`` at each of its starts, on a placement
pickled by ``trace_dump.py`` (``DUMP=placement.pkl``).

    python benchmarks/results/huge/first32/diag2.py placement.pkl

Per start (step, day, steps): breaks or exclusive sessions there, a full licence pool (how
many steps, how many movable licensed sessions run through them), the facilitator's
sessions in the way at that hour, and how many sessions the facilitator already has that
day against her daily limit.
"""

from __future__ import annotations

import pickle
import sys

from scheduler.scenario import load_scenario
from scheduler.solver import run
from scheduler.solver.greedy import placement
from scheduler.solver.greedy.board import Spot, session_starts
from scheduler.solver.greedy.people import within_people_hours

TARGET = "work-2526"


def main(path: str) -> None:
    scenario = load_scenario("/tmp/huge/big3.yaml")
    facts = within_people_hours(scenario, run.load_facts(scenario))
    with open(path, "rb") as handle:
        placed = {k: Spot(*v) for k, v in pickle.load(handle).items()}
    board = placement.board_of(scenario, facts, placed)
    f = facts[TARGET]
    licences = scenario.hybrid.licences
    print("licences", licences, "grid", board.grid.g, "min,", board.grid.per_day, "steps a day")
    for sid in ["dial-1960", "talk-8734"]:
        print(sid, placed.get(sid))
    for t, day, size in session_starts(board.grid, f):
        span = slice(t, t + size)
        why = []
        if board.blocked[span].any():
            why.append("break/exclusive")
        if licences is not None and (board.licences[span] >= licences).any():
            full = [u for u in range(t, t + size) if board.licences[u] >= licences]
            holders = [sid for sid in board.licensed if sid in placed
                       and facts[sid].domain.size() > 1
                       and placed[sid].start <= full[0] and full[-1] + 1 <= placed[sid].end]
            why.append(f"licences full at {len(full)} steps, {len(holders)} movable holders")
        busy: set[int] = set()
        limits = []
        for pid in f.session.person_ids:
            busy.update(board.person[pid][span].tolist())
            if pid in board.daily_limit:
                limits.append(f"{pid} {board.per_day[(pid, day)]}/{board.daily_limit[pid]}")
        busy.discard(-1)
        print(t, day, size, why, "person busy with", sorted(board.ids[i] for i in busy),
              "that day", limits)


if __name__ == "__main__":
    main(sys.argv[1])
