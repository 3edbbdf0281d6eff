"""The greedy alone (CPU cap only, as ``greedy_only.py``) with a trace of its phases.

    python benchmarks/results/huge/first30/traced_phases.py /tmp/huge/big3.yaml 90 [OUT.json]

Prints, after each round, chains, hand-over, eject-and-reinsert rounds and sub-model: the
greedy's CPU seconds so far and the required sessions left out; the shut-out sessions of
the keynote plan; then the greedy's CPU and wall seconds, the checker's verdict and
objective. Reads ``SCENARIO.pkl`` beside the file (``/tmp/huge/mkpk.py`` writes it).
(The ``*-before.log`` files also print eject-and-reinsert's progress, from a print added to
the code before for that run only.)
"""

from __future__ import annotations

import pickle
import sys
import time
from collections.abc import Callable
from typing import Any

from scheduler.checker import check
from scheduler.solver import run
from scheduler.solver.greedy import exclusive, placement, start
from scheduler.solver.greedy.people import choose_people, within_people_hours

BEGAN = [0.0]


def _wrap(module: Any, name: str, left: Callable[[tuple[Any, ...], Any], list[str]]) -> None:
    """Print the CPU time and what is left out after each call of ``module.name``."""
    if not hasattr(module, name):
        return
    real = getattr(module, name)

    def traced(*args: Any, **kwargs: Any) -> Any:
        out = real(*args, **kwargs)
        missing = left(args, out)
        print(f"{time.process_time() - BEGAN[0]:7.2f} cpu  {name:<17} left {len(missing)} "
              f"{missing[:8]}", flush=True)
        return out
    setattr(module, name, traced)


def _required(order: list[Any], placed: Any) -> list[str]:
    return [f.id for f in order if not f.optional and f.id not in placed]


def main(path: str, budget: float, out: str | None) -> None:
    """Trace the greedy on ``path`` with ``budget`` CPU seconds (see the module text)."""
    _wrap(start, "_chains", lambda a, _: _required(a[4], a[3]))
    _wrap(placement, "one_round", lambda a, o: _required(a[1], o.placed))
    _wrap(start, "_eject_rounds", lambda a, o: _required(a[2], o))
    _wrap(start, "_handed_over", lambda a, o: _required(a[2], o))
    _wrap(start, "place_by_submodel", lambda a, _: [f.id for f in a[3] if f.id not in a[2]])
    real_shut = exclusive.shut_out

    def shut_out(*args: Any, **kwargs: Any) -> Any:
        got = real_shut(*args, **kwargs)
        print("         shut out", {s: (len(v[0]), v[1]) for s, v in got.items()}, flush=True)
        return got
    exclusive.shut_out = shut_out
    with open(path + ".pkl", "rb") as data:
        scenario = pickle.load(data)
    facts = run.load_facts(scenario)
    BEGAN[0] = time.process_time()
    wall = time.monotonic()
    placed = start.greedy_schedule(scenario, within_people_hours(scenario, facts),
                                   time_budget=budget, rounds=run.GREEDY_ROUNDS, seed=0)
    print("greedy cpu", round(time.process_time() - BEGAN[0], 2), "wall",
          round(time.monotonic() - wall, 2))
    assert placed is not None
    schedule = choose_people(scenario, placed)
    ids = {s.id for s in schedule.sessions}
    print("missing", [f.id for f in facts.values() if not f.optional and f.id not in ids])
    report = check(scenario, schedule)
    print("check ok", report.ok, "objective", report.objective)
    if out:
        with open(out, "w") as handle:
            handle.write(schedule.model_dump_json())


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
