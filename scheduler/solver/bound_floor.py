"""The bound of ``confsched bound`` handed to the search: ``objective >= floor``.

On pycon (100 sessions, mixed lengths, clash-heavy) CP-SAT's own bound after 10 s of 2
idle cores is 424 (the sum of its terms' floors as its linear relaxation sees them), while
:func:`scheduler.lower_bound.lower_bound` proves 434 in about half a CPU second: room fit
with track-room stability per track (the track relaxation), compact days with tracks, and
the participant clashes of the most constrained sessions, each bounded on its own and
summed (docs/checker.md). Held-out pycon seeds 2-4 gain 8-20 the same way
(benchmarks/results/proofs/proofs11). So for such models the search starts with that
floor as a constraint on its objective, and the bound the user sees is at least it.

**Why the constraint cuts nothing.** :func:`lower_bound` is at most the checker's
objective of every schedule of the event (each part's validity argument is in its
module). The model's objective of any assignment is at least the checker's objective of
the schedule it encodes: every term is modelled exactly or from above (``objective.py``:
overlap literals forced on when two wanted sessions overlap, penalty, excess and
rooms-used variables bounded below by what the schedule earns; a literal left on that
the schedule does not earn only adds). What could make it smaller is gated out below:
clash pairs cut (``max_clash_pairs`` below the pairs the event has; a cap above them
cuts none), rooms or people limited to solve at scale (a
model with fewer schedules than the event), extra terms from hooks or a minimal-change
re-solve, elastic mode (required sessions left out, no schedule). So every assignment's
objective is at least the floor: the constraint removes none, the hint (a checked
schedule) stays feasible, and the optimum is the same; only CP-SAT's bound starts there.
Checked in ``tests/solver/test_bound_floor.py`` (the same checked optimum with and
without the floor).

**When.** Only where it was measured to pay: models of :data:`FROM_SESSIONS` to
:data:`UP_TO_SESSIONS` sessions without the talks models' bound pieces (pycon). Smaller
events (the seminar, the shipped scenarios) are proven by the search alone in about a
second, where the relaxation's CPU time (1.3-6.8 s on seminar seeds 0-4, mostly the
clash floor) would be a loss; the talks models have their own pieces and two-phase
search; larger ones the bound's seconds would take from the search at scale.

**Time.** :data:`SHARE` of the limit (:func:`budget`): on the wall clock, CPU seconds at
the process's measured speed, so that under load it still takes about that share of the
wall seconds (a first version gave 1.5 CPU s whatever the load: at load 13 that was the
whole 10-s solve, and the search found nothing; the relaxation stops its sub-models at
its deadline, the bound then only lower), and none below :data:`MIN_BUDGET` (a loaded
machine, where the relaxation would not reach CP-SAT's own bound in it); with
``deterministic`` no clock is read, the share is in the relaxation's deterministic units
(``lower_bound(clock=False)``), so the same scenario gives the same floor and the solve
stays reproducible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.lower_bound import LowerBound, lower_bound
from scheduler.solver.search import floor_objective

if TYPE_CHECKING:
    from scheduler.facts import SessionFacts
    from scheduler.scenario.model import Scenario
    from scheduler.solver.model import ScheduleModel
    from scheduler.solver.options import SolveOptions

FROM_SESSIONS = 51
"""The least sessions of a model given the floor (the seminar, 20, and every shipped
scenario, at most 38, are below)."""

UP_TO_SESSIONS = 100
"""The most sessions of a model given the floor (the small suite's size)."""

LEFT_SHARE = 0.25
"""At most this share of the wall seconds left before the search goes to the floor."""

MIN_BUDGET = 1.0
"""Below this many CPU seconds (on the wall clock) no floor is computed: the relaxation's
sub-models stop on wall seconds, so on a loaded machine they end before they reach
CP-SAT's own bound and the time is lost to the search. pycon seed 0 at load 16, limits
of 0.06 / 0.2 / 0.5 / 1.0 / 1.5 / 3.0 CPU s: 365 / 392 / 393 / 393 / 393 / 432 (CP-SAT's
own after 10 s: 424), each taking 0.06-0.46 CPU s and 0.4-3.2 wall s; on a lightly
loaded machine (load 1-2) the whole relaxation, 434, took 0.5 CPU s. So a 10-s solve
computes it only when the process has two thirds of a core or more (an idle machine, the
target's protocol); a longer limit, from a third of a core."""

SHARE = 0.15
"""The share of the time limit the relaxation may take (1.5 CPU s of a 10-s solve; pycon
seed 0's whole relaxation took 0.5-1.7 CPU s at load 1-9)."""


def applies(built: ScheduleModel, options: SolveOptions, sessions: int, elastic: bool,
            capped: bool) -> bool:
    """Whether this model gets the floor (the module docstring's gate)."""
    return (built.model.has_objective() and not built.bounds
            and FROM_SESSIONS <= sessions <= UP_TO_SESSIONS
            and built.objective.clash_pairs is None and not options.objective_hooks
            and options.earlier is None and not built.extra_terms
            and not elastic and not capped)


def budget(options: SolveOptions, speed: float, wall_left: float) -> float:
    """The relaxation's time limit: :data:`SHARE` of the solve's limit; on the wall clock
    in CPU seconds at this process's ``speed`` (CPU seconds per wall second: under load a
    CPU second takes several wall ones, which the search would lose), and at most
    :data:`LEFT_SHARE` of the wall seconds left. With ``deterministic``, the share as the
    relaxation's units (no clock)."""
    if options.deterministic:
        return SHARE * options.time_limit
    return max(0.0, min(SHARE * options.time_limit, LEFT_SHARE * wall_left)) * speed


def add_floor(built: ScheduleModel, scenario: Scenario, facts: dict[str, SessionFacts],
              options: SolveOptions, time_limit: float,
              ceiling: float | None = None) -> LowerBound | None:
    """Compute the floor within ``time_limit`` (:func:`budget`) and make it the least value
    of the model's objective; the bound found (None when nothing was added).

    ``ceiling``: the checker's objective of a schedule of the event (the start
    heuristic's, checked). A floor above it is wrong (a bug of the relaxation on an event
    unlike those it was tested on): it is not used, and the result says so, so that a
    wrong floor can never turn into a false proof of optimality or an "infeasible". When
    the relaxation itself finds no schedule (ValueError), no floor is added: the search
    says what it finds."""
    if time_limit < MIN_BUDGET and not options.deterministic:
        return None
    objective = built.model.proto.objective
    if objective.scaling_factor not in (0, 1) or len(objective.domain):
        return None  # (the model's own objective is integral and has no domain yet)
    try:
        found = lower_bound(scenario, time_limit, facts, clock=not options.deterministic)
    except ValueError:
        return None
    if found.value <= 0:
        return None
    if ceiling is not None and found.value > ceiling:
        built.notes.append(
            f"the lower bound of `confsched bound` ({found.value:,}) was above the start "
            f"heuristic's checked schedule ({ceiling:,.0f}), so it is wrong for this event "
            "and was not used; please report it with the scenario")
        return None
    floor_objective(built.model, found.value)  # the domain, not a constraint (its docstring)
    return found
