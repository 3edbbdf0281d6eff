"""What a solve is asked to do (:class:`SolveOptions`) and what it gives back (:class:`Result`).

CP-SAT types never appear here: callers see our own status, schedule and plain-language
diagnosis. Extension points for a minimal-change re-solve: ``hint`` (start the search from
an earlier schedule) and ``objective_hooks`` (extra weighted objective terms).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scheduler.schedule import Schedule, SolveStatus

if TYPE_CHECKING:
    from scheduler.solver.model import ScheduleModel


@dataclass(frozen=True)
class ExtraTerm:
    """One additional soft term a hook adds: ``weight * expression`` is minimised.

    ``evaluate`` computes the term's exact value from a finished schedule, so that the
    objective breakdown reports it like the built-in terms.
    """

    name: str
    weight: int
    expression: Any
    evaluate: Callable[[Schedule], int]


ObjectiveHook = Callable[["ScheduleModel"], list[ExtraTerm]]
"""Called once the model is built; returns extra objective terms (e.g. ``changes``)."""


@dataclass(frozen=True)
class Progress:
    """One progress report: a better schedule was found (or the search ended)."""

    elapsed: float
    objective: float | None
    bound: float | None
    gap: float | None
    solutions: int


@dataclass
class SolveOptions:
    """How to solve: time limit (seconds), random seed, parallel workers, and extensions."""

    time_limit: float = 30.0
    seed: int = 0
    workers: int = 2
    hint: Schedule | None = None
    """Start the search from this schedule (e.g. an earlier one); else a greedy placement."""
    greedy_hint: bool = True
    """Give CP-SAT a quick list-scheduling placement as a starting point."""
    objective_hooks: list[ObjectiveHook] = field(default_factory=list)
    """Extra objective terms, e.g. the ``changes`` term of a minimal-change re-solve."""
    max_clash_pairs: int | None = None
    """Model participant clashes only for this many session pairs (the heaviest); None:
    every pair, so that the model's objective is the checker's."""
    lns: bool | None = None
    """Large neighbourhood search after the main search (``scheduler.solver.lns``); None:
    for models of at least ``lns.LNS_FROM`` sessions."""
    progress: Callable[[Progress], None] | None = None
    """Called from the search on each better schedule."""
    handle_sigint: bool = True
    """First Ctrl-C stops the search and keeps the best schedule; a second one aborts."""
    diagnose: bool = True
    """When no schedule is found, explain which rules conflict."""
    diagnose_time_limit: float = 20.0
    scenario_sha256: str | None = None
    log: bool = False
    """Print CP-SAT's search log (for debugging)."""
    deterministic: bool = False
    """Same scenario, seed and workers give the same schedule: the workers run interleaved
    and the time limit counts CP-SAT's deterministic work units, not wall-clock seconds."""


@dataclass
class Result:
    """The outcome of :func:`scheduler.solver.solve`."""

    status: SolveStatus
    schedule: Schedule | None
    diagnosis: list[str] = field(default_factory=list)
    """Plain-language reasons when no schedule was found."""
    notes: list[str] = field(default_factory=list)
    """Things the user should know about how the model was simplified (e.g. capped pairs)."""
    model_objective: int | None = None
    """The objective as CP-SAT saw it (differs from ``schedule.objective`` only if capped)."""
    variables: int | None = None
    """Variables of the CP-SAT model actually searched (None: no search ran)."""
    constraints: int | None = None
    """Constraints of the CP-SAT model actually searched (None: no search ran)."""

    @property
    def solved(self) -> bool:
        return self.schedule is not None and self.status.has_schedule
