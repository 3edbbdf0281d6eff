"""The redundant bound pieces: constraints that every schedule satisfies anyway, added
because they tighten CP-SAT's lower bound (its linear relaxation) and so speed up proofs.

None of them cuts off a schedule's objective value; each is documented in its own module
and can be switched off on its own (``SolveOptions.bounds``, ``benchmarks.proofs
--bounds``), so that its contribution is measured, not assumed (docs/benchmarks.md,
"Bounds on small instances").
"""

from __future__ import annotations

from functools import reduce
from math import gcd

PIECES: dict[str, str] = {
    "energy": "per day and room/track: minutes held <= free time before the day's end "
              "(energy.py)",
    "grain": "energy, with each room's free time rounded down to a multiple of its "
             "sessions' common length divisor (energy.py)",
    "last-end": "energy (with grain when named too), each placed break counted where it "
                "can lie given the day's last session: before it or after it, never "
                "across (energy.py)",
    "clique": "energy, and per set of sessions that cannot overlap without a participant "
              "clash (a track and the sessions clashing with all of it): minutes held <= "
              "the days' free time + the minutes of their clashing overlaps (energy.py)",
    "at-once": "per day: minutes of online and hybrid sessions <= hybrid.licences x the "
               "free time before the day's end; the same for max-parallel and the sessions "
               "that observe breaks (energy.py)",
    "symmetry": "identical rooms are used in a fixed order (symmetry.py)",
    "capacity": "sessions that fit only a set of rooms run at most that many at once "
                "(capacity.py)",
    "clashes": "in a set of sessions that cannot all run apart, at least so many pairs "
               "overlap (clash_cuts.py)",
}
"""Name -> what the piece states."""

DEFAULT: frozenset[str] = frozenset({"clique", "grain", "last-end", "symmetry"})
"""The pieces added by default to models of at most ``model.STRENGTHEN_UP_TO`` sessions
(``grain`` includes ``energy``). Measured on talks-50 (``python -m benchmarks.proofs
--deterministic --time-limit 10 --instance talks-50``): proven in 5.9 deterministic units
with grain, 9.7 with energy alone; bound after 1 unit of one worker 254 against 250.
``last-end`` and ``clique`` (#17, ``proofs8``): with both, talks-25 seed 2 is proven in
0.24 units instead of not in 60 (benchmarks/results/proofs/proofs8)."""


AT_ONCE: frozenset[str] = frozenset({"at-once"})
"""Added (with no choice made) to small models whose scenario limits sessions at once: the
hand-written online week (22 sessions, two licences for all of them) was proven in 2.6 s
with it, not in 10 s without (benchmarks/results/faults/hand2)."""


CLIQUE_UP_TO = 50
"""The default pieces include ``clique`` only for models of at most this many sessions: it
proves talks-25 seed 2 (0.56 deterministic units, not in 10 without), but the suite's
talks-100 seed 0 took 7.8 units with it against 2.6 (benchmarks/results/proofs/proofs8)."""


TALKS: frozenset[str] = frozenset({"energy", "grain", "symmetry", "capacity", "last-end",
                                  "clique"})
"""The pieces that make a model "talks-like" for the search (``search.search_to_proof``):
``clashes`` (opt-in) changes the model only, not the search, so that it is measured alone.
It is not a default piece: in ``solve()``'s search it slowed the seminar's proofs (seeds 0,
2) and lost seed 4's within 5 deterministic units (benchmarks/results/proofs/proofs7)."""


def talks_like(pieces: frozenset[str]) -> bool:
    """Whether a model with these pieces gets the two-phase search of small talks models
    (``search.search_to_proof``): only the talks pieces (:data:`TALKS`) count."""
    return bool(pieces & TALKS)


def choose(strengthen: bool | frozenset[str] | None, small: bool,
           coarse: bool = True, sessions: int = 0, limited: bool = False) -> frozenset[str]:
    """The pieces to add. ``strengthen`` a set: exactly those pieces (unknown names are a
    ValueError; ``clique`` then comes at any size). True: the default pieces; False: none;
    None (no choice made): the default pieces for a ``small`` model whose sessions' lengths
    share a divisor above the grid step (``coarse``: talks of 30 minutes on a 5- or
    15-minute grid), none otherwise. In the default pieces (True or None), ``clique`` only
    for models of at most :data:`CLIQUE_UP_TO` ``sessions``.

    Why not always: on the shipped scenarios (mixed lengths) every piece made the proof
    slower (one worker: knowledge-week 0.07 deterministic units without, 0.6-0.8 with;
    ``solve()``: see docs/benchmarks.md), while on talks-50 grain and symmetry proved the
    optimum in 5.9 units against 9.7 with energy and symmetry.

    ``limited``: the scenario limits sessions at once (``hybrid.licences`` or
    ``max-parallel``) with more sessions than the limit; a ``small`` model then gets the
    ``at-once`` piece (:data:`AT_ONCE`) whatever its lengths."""
    default = DEFAULT if sessions <= CLIQUE_UP_TO else DEFAULT - {"clique"}
    if strengthen is None:
        at_once = AT_ONCE if small and limited else frozenset()
        return (default if small and coarse else frozenset()) | at_once
    if isinstance(strengthen, bool):
        return default if strengthen else frozenset()
    unknown = set(strengthen) - set(PIECES)
    if unknown:
        raise ValueError(f"unknown bound piece(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(PIECES)}")
    return frozenset(strengthen)


def coarse_lengths(lengths: list[int], grid: int) -> bool:
    """Whether the sessions' lengths (minutes) share a divisor above the grid step."""
    return bool(lengths) and reduce(gcd, lengths) > grid
