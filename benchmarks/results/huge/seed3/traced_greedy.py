"""``greedy_only.py`` with a trace of each greedy round and of the shut-out sessions.

    CPU_ONLY=1 python benchmarks/results/huge/seed3/traced_greedy.py /tmp/huge/big3.yaml 90 [OUT]

Prints, per round: how many sessions of the ``avoid`` list its plan was kept clear of, the
required sessions it left out, its CPU seconds and where the keynotes and the award went
(day index, minutes); per :func:`exclusive.shut_out` call: each shut-out session's
(starts the exclusive sessions took, break-free starts). Then what ``greedy_only.py``
prints.
"""

from __future__ import annotations

import runpy
import sys
import time
from typing import Any

from scheduler.solver.greedy import exclusive, placement

_round, _shut = placement.one_round, exclusive.shut_out


def one_round(*args: Any, **kwargs: Any) -> placement.Round:
    """The round, traced."""
    cpu = time.process_time()
    got = _round(*args, **kwargs)
    grid = got.board.grid
    where = {sid: (grid.day_of(s.start), grid.clock(s.start))
             for sid, s in got.placed.items() if sid.startswith(("keynote", "award"))}
    left = [f.id for f in args[1] if not f.optional and f.id not in got.placed]
    print("round avoid", len(kwargs.get("avoid", ())), "left", len(left), "cpu",
          round(time.process_time() - cpu, 1), where, flush=True)
    return got


def shut_out(*args: Any, **kwargs: Any) -> dict[str, tuple[list[tuple[int, int]], int]]:
    """The shut-out sessions, traced."""
    out = _shut(*args, **kwargs)
    print("shut out", {s: (len(v[0]), v[1]) for s, v in out.items()}, "of",
          [f.id for f in args[3]], flush=True)
    return out


placement.one_round = one_round
exclusive.shut_out = shut_out
sys.argv = ["greedy_only.py", *sys.argv[1:]]
runpy.run_path("benchmarks/results/huge/greedy_only.py", run_name="__main__")
