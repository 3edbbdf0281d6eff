"""What a solve is asked to do (:class:`SolveOptions`) and what it gives back (:class:`Result`).

CP-SAT types never appear here: callers see our own status, schedule and plain-language
diagnosis. A minimal-change re-solve is ``earlier`` (and ``frozen_until``); extension
points are ``hint`` (start the search from a schedule), ``start`` (another start
heuristic) and ``objective_hooks`` (extra weighted terms, see ``terms.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver.terms import ObjectiveHook

if TYPE_CHECKING:
    from scheduler.solver.greedy import StartHeuristic


@dataclass(frozen=True)
class Progress:
    """One progress report: a better schedule was found (or the search ended)."""

    elapsed: float
    objective: float | None
    bound: float | None
    gap: float | None
    solutions: int
    stopping: bool = False
    """A first Ctrl-C was seen: the search is stopping and keeps the best schedule so
    far (a second Ctrl-C aborts). Reported once, from the main thread."""


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
    start: StartHeuristic | None = None
    """The start heuristic to use instead of the greedy (see
    :class:`scheduler.solver.greedy.StartHeuristic`)."""
    earlier: Schedule | None = None
    """Re-solve from this published schedule, changing as little as possible (the
    ``changes`` term; the search starts from it unless ``hint`` is given)."""
    frozen_until: dt.datetime | None = None
    """With ``earlier``: sessions and breaks that started before this moment (event
    timezone when naive) keep their place, as hard rules."""
    objective_hooks: list[ObjectiveHook] = field(default_factory=list)
    """Extra objective terms (see :mod:`scheduler.solver.terms`)."""
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
    on_start_result: Callable[[Result], None] | None = None
    """Called once, before the model is built, with the start heuristic's complete and
    checked schedule as a result (when there is one): what a caller keeps should the
    search never return (:mod:`scheduler.solver.isolated`)."""
    on_better: Callable[[float, Callable[[], Result]], None] | None = None
    """Called from the search (from any of its threads) each time it holds a better
    complete schedule, with CP-SAT's objective of it and a function that builds it as a
    FEASIBLE result (extracted and evaluated: about a second at 10,000 sessions, so a
    caller builds only the ones it keeps, and may do so later, from another thread):
    what a caller keeps should the search never return (:mod:`scheduler.solver.isolated`).
    Not called for talks timetables."""
    diagnose_time_limit: float = 20.0
    scenario_sha256: str | None = None
    log: bool = False
    """Print CP-SAT's search log (for debugging)."""
    deterministic: bool = False
    """Same scenario, seed and workers give the same schedule: the workers run interleaved
    and the time limit counts CP-SAT's deterministic work units, not wall-clock seconds."""
    cp_sat: dict[str, object] = field(default_factory=dict)
    """Extra CP-SAT parameters (name -> value; a list extends a repeated field), applied
    after the solver's own choices, e.g. ``{"linearization_level": 2}``."""
    bounds: frozenset[str] | None = None
    """Which redundant bound pieces to add (``scheduler.solver.bounds.PIECES``); None: the
    default for the model's size. For measuring each piece's contribution."""


@dataclass(frozen=True)
class Caps:
    """How the model searched was simplified to solve at scale (nothing when all are 0).

    An optimum of a simplified model is reported as feasible only, and an infeasibility
    proof of it as no proof (unknown).
    """

    room_options: int | None = None
    """Candidate rooms each capped session kept (None: rooms were not capped)."""
    rooms_capped: int = 0
    """Sessions that considered only their ``room_options`` best-fitting rooms."""
    clash_pairs: int | None = None
    """Session pairs whose participant clashes were modelled (None: every pair)."""
    clash_pairs_total: int = 0
    """Session pairs with shared interest there were (when ``clash_pairs`` is set)."""

    people_capped: int = 0
    """Needs that considered only some of their qualified people (pools at scale)."""
    changeover_padded: int = 0
    """People chosen from pools who kept the changeover between every two of their
    sessions, even in one room (beyond ``assignment.CHANGEOVER_PAIRS`` only; stricter than
    the rule, docs/rules.md): the model has fewer schedules than the event, so its optimum,
    infeasibility and bound prove nothing."""

    @property
    def people(self) -> bool:
        """Whether some need's qualified people were cut."""
        return self.people_capped > 0

    @property
    def rooms(self) -> bool:
        """Whether some session's candidate rooms were cut."""
        return self.rooms_capped > 0

    @property
    def clashes(self) -> bool:
        """Whether only the heaviest participant-clash pairs were modelled."""
        return self.clash_pairs is not None

    @property
    def stricter(self) -> bool:
        """Whether the model searched has fewer schedules than the event (rooms or people
        cut, or the changeover padded at scale): its bound and proofs are no proof."""
        return self.rooms or self.people or self.changeover_padded > 0

    @property
    def any(self) -> bool:
        return self.stricter or self.clashes


@dataclass
class Result:
    """The outcome of :func:`scheduler.solver.solve`."""

    status: SolveStatus
    schedule: Schedule | None
    diagnosis: list[str] = field(default_factory=list)
    """Plain-language reasons when no schedule was found."""
    notes: list[str] = field(default_factory=list)
    """Things the user should know about the run, in words (for people only: decisions
    use the typed fields below)."""
    interrupted: bool = False
    """Ctrl-C stopped the search (the schedule, if any, is the best found until then)."""
    caps: Caps = field(default_factory=Caps)
    """How the model searched was simplified (see :class:`Caps`)."""
    model_objective: int | None = None
    """The objective as CP-SAT saw it (differs from ``schedule.objective`` only if capped)."""
    variables: int | None = None
    """Variables of the CP-SAT model actually searched (None: no search ran)."""
    constraints: int | None = None
    """Constraints of the CP-SAT model actually searched (None: no search ran)."""
    deterministic_time: float | None = None
    """CP-SAT's deterministic work units spent by the main search (independent of load)."""

    @property
    def simplified(self) -> bool:
        """Whether the model searched was simplified (an optimum is then only feasible)."""
        return self.caps.any

    @property
    def solved(self) -> bool:
        return self.schedule is not None and self.status.has_schedule
