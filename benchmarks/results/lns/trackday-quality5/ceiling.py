"""How far the track moves go with more of them (no clock): for each generated instance,
the greedy start, the polish's passes alone (``polish.TRACK_MOVES = 0``), then N track
moves drawn as :func:`scheduler.solver.trackday.improve` draws them, the units growing
from 4 to 8 tracks after ``polish.TRACK_STALL`` idle sub-models but never stopping; the
objective every STEP moves (the start's checked objective minus the gains taken, each
gain the polish's exact delta), the checker's terms at the end.

    python benchmarks/results/lns/trackday-quality5/ceiling.py 5000 500 euro:11
"""

from __future__ import annotations

import sys
import time

from scheduler.checker import check
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import polish as polishing
from scheduler.solver import trackday
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import greedy_schedule
from scheduler.solver.run import load_facts


def main(args: list[str]) -> None:
    moves, step = int(args[0]), int(args[1])
    for item in args[2:]:
        shape, seed = item.split(":")
        data, plan = generate_with_plan(params_for(shape), int(seed))
        scenario = parse_scenario(to_yaml(data), item)
        facts = load_facts(scenario)
        placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                                 time_budget=None, rounds=40, seed=0)
        assert placed is not None
        planted = check(scenario, plan).objective
        assert planted is not None
        polishing.TRACK_MOVES = 0
        passes = polishing.polish(scenario, facts, choose_people(scenario, placed))
        report = check(scenario, passes)
        assert report.ok and report.objective is not None
        value = report.objective
        print(f"{item} planted {planted:.0f} passes {value:.0f} ({value / planted:.3f})",
              flush=True)
        work = trackday.TrackMoves(scenario, facts, passes, 0)
        work.timed = False
        began = time.process_time()
        idle = 0
        for turn in range(moves):
            kind = trackday.KINDS[turn] if turn < len(trackday.KINDS) else work.draw()
            gain = work.step(kind)
            value -= gain
            idle = 0 if gain else idle + 1
            if idle >= polishing.TRACK_STALL and work.tracks_per_unit < trackday.MAX_TRACKS:
                work.tracks_per_unit = min(trackday.MAX_TRACKS, 2 * work.tracks_per_unit)
                idle = 0
            if (turn + 1) % step == 0:
                print(f"{item} moves {turn + 1} objective {value:.0f} "
                      f"({value / planted:.3f}) tracks {work.tracks_per_unit} "
                      f"{time.process_time() - began:.1f} CPU s taken {work.stats.taken}",
                      flush=True)
        final = check(scenario, work.search.schedule())
        assert final.ok and final.objective == value, (final.objective, value)
        parts = {k: t.penalty for k, t in final.terms.items() if t.penalty}
        print(f"{item} final {value:.0f} ({value / planted:.3f}) {parts}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
