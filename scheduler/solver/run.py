"""``solve(scenario, options)``: the solve pipeline, one small named function per phase.

1. :func:`load_facts`  what each session allows (starts, rooms), before any variable;
2. :func:`precheck`    certain impossibilities found without solving (then stop);
3. :func:`start`       a start placement (the greedy, or ``options.start``);
4. :func:`build`       the CP-SAT model (hard rules, objective, re-solve terms);
   :func:`floor`      (mid-sized models) the lower bound as the objective's floor;
   :func:`anneal`     (pycon-like events) the start annealed;
5. :func:`hint`        the start given to CP-SAT, completed to a full solution if possible;
6. :func:`repair`      neighbourhood re-solves placing what the start left out;
7. :func:`search`      CP-SAT itself (``search.py``: worker thread, Ctrl-C, determinism);
8. :func:`extract`     the best solution as our own :class:`Schedule`;
9. :func:`evaluate`    its soft terms recomputed exactly, and the run's statistics.

When no schedule is found, :func:`unsolved` words the diagnosis instead of 8-9.

A start heuristic's placement that places every required session is already a schedule
(the heuristic breaks no hard rule): it is reported as the first one at once
(:func:`complete_start`), and it is what the solve returns when the search finds nothing
better, or when the limit is gone before the model is built (:func:`from_start`).
A scenario with ``talks:`` goes through the same phases in :mod:`talks_run`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from scheduler.checker import check
from scheduler.collection import collection_paused
from scheduler.diagnose import CONFLICT, explain_infeasible
from scheduler.diagnose import precheck as find_impossibilities
from scheduler.errors import UsageError
from scheduler.facts import FactBuilder, SessionFacts
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, SolveInfo, SolveStatus
from scheduler.solver import bound_floor, bounds, day_plan, lns, trackday
from scheduler.solver import search as searching
from scheduler.solver.assignment import PEOPLE_AT_SCALE
from scheduler.solver.build_steps import (
    STEP_NAMES,
    BuildStopped,
    Checkpoint,
    after,
    describe,
    never,
    share_left,
)
from scheduler.solver.changes import Frozen, check_earlier, freeze, frozen_until
from scheduler.solver.evaluate import objective_terms
from scheduler.solver.extract import extract_schedule, read_values
from scheduler.solver.greedy import StartHeuristic, greedy_schedule
from scheduler.solver.greedy.cap import SYSTEM, Cap, Clock
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import AT_SCALE
from scheduler.solver.model import ScheduleModel
from scheduler.solver.options import Caps, Progress, Result, SolveOptions
from scheduler.solver.polish import (
    ANNEAL_LEAST_SHARE,
    ANNEAL_MOVES,
    ANNEAL_MOVES_ON_CLOCK,
    ANNEAL_RESERVE_CPU,
    ANNEAL_SHARE,
    POLISH_UP_TO,
    SCALE_UP_TO,
    anneal_applies,
    anneal_start,
    polish,
)
from scheduler.solver.progress import after_start, without_bound
from scheduler.solver.repair import place_left_out
from scheduler.solver.terms import TermView

GREEDY_ROUNDS = 40
"""Most squeaky-wheel rounds of the greedy start (it stops as soon as all fit)."""
GREEDY_SAFETY_SHARE = 0.5
"""The greedy start gives up after this share of the time left when it starts (in CPU
seconds) whatever its work budget says: a last resort, and such a run is not
reproducible. Of the time left, not of the limit: on a 10,000-session event the facts
alone take a good part of the limit."""

GREEDY_SAFETY_SHARE_AT_SCALE = 0.8
"""The same share from :data:`~scheduler.solver.greedy.start.AT_SCALE` sessions on. There
the greedy (with its ejection chains) is what places the last sessions: at 10,000
sessions the whole-model repair placed none of two left-out sessions in 26-71 CPU s, and
CP-SAT's search did not get past presolve in 120 s (``benchmarks/results/huge``)."""

POLISH_SHARE = 0.7
"""Events of :data:`~scheduler.solver.polish.POLISH_UP_TO` to
:data:`~scheduler.solver.polish.SCALE_UP_TO` sessions: the polish of the greedy's start
stops (between moves) after this share of what is left of the start's time budget, which
is itself :data:`GREEDY_SAFETY_SHARE` of the time left (a 60-s solve of 1,000 sessions on
an idle machine: about 18 s). It usually ends sooner, by its own rule
(``polish.SCALE_MIN_GAIN``). (0.5 before: under load the greedy of informs took 9 s of
wall time and the polish got one of the several passes that pay there, where the
neighbourhoods gain little.)"""

ANNEAL_AT_LEAST = 0.5
"""Wall seconds the annealing of the start (:func:`anneal`) must get, or it is not run:
at a load of 15 on 2 cores the start of a 10-s pycon solve came at 5 s with nothing of
the start heuristic's time left, and the annealing's set-up and checks then took the
time the model's build needed (seed 10: no search, where main's found 952)."""

ELASTIC_FROM = 101
"""A start that leaves required sessions out makes the model elastic (required sessions
may be left out at a huge penalty) only from this many sessions on. Below, CP-SAT places
every session itself within a fraction of a second from the partial hint, while the
elastic penalty drags the bound down and switches the symmetry breaking off:
knowledge-week-pools (38 sessions; the greedy leaves one out) was not proven in 30 s
elastic, and is proven in 1.5 deterministic units without (docs/benchmarks.md)."""

REPAIR_SHARE = 0.5
"""The neighbourhood re-solves placing what the greedy left out get at most this share
of the time limit, counted from when they start (not from the start of the solve: a slow
greedy must not eat their time) ..."""
REPAIR_END_SHARE = 0.9
"""... and end by this share of the time limit, counted from the start of the solve, so
the main search keeps the rest."""

REPORT_START_FROM = 3000
"""Sessions from which a complete start is reported as the first schedule before the
model is built (that build takes seconds there; on smaller events CP-SAT reports its
first schedule moments later, and a report before the search, where Ctrl-C is not yet
handled, would only be noise). Between :data:`~scheduler.solver.polish.POLISH_UP_TO` and
:data:`~scheduler.solver.polish.SCALE_UP_TO` sessions the polish of the start reports
each of its checked schedules as it goes (:func:`start_reporter`)."""

BUILD_CPU_PER_SESSION = 0.002
"""The model is built only if the time left covers this many CPU seconds per session, at
the speed this process has had so far (:func:`speed`), and the finish after the search
(:data:`FINISH_CPU_PER_SESSION`). The hint cannot be interrupted, and the build only
between its steps (:func:`build_checkpoint`). At 10,000
sessions they took 16.1-16.4 CPU s together (build 11.2-11.4, hint 4.9-5.2), 32 s of wall
time at a load of about 5 on 2 cores; a fixed 0.003 s of wall time per session (the rule
before) let a 120-s solve start the build with 21 s left under a heavier load and return
at 146.6 s (``benchmarks/results/huge``)."""

HINT_CPU_PER_SESSION = 0.0007
"""Of :data:`BUILD_CPU_PER_SESSION`, what the hint takes after the build (at 10,000
sessions 4.9-6.7 CPU s; it cannot be interrupted either). With a complete start in hand,
the hint and the search are skipped when, after the build, the time left cannot hold it
and the finish at the measured speed (a load that grew during the build)."""

CHECK_CPU_PER_SESSION = 0.0004
"""CPU seconds per session kept, at the process's speed, between the start heuristic's
wall-clock deadline and the solve's: choosing people and the checker's pass over a
complete start (at 10,000 sessions 1.4-2.7 CPU s), which must end before the limit."""

FINISH_CPU_PER_SESSION = 0.00015
"""CPU seconds per session kept, at the process's speed, between the end of the search
and the solve's deadline: extracting and evaluating the schedule (at 10,000 sessions
0.8 CPU s idle, 1.3 at a load of 8). Kept only when it comes to at least
:data:`FINISH_AT_LEAST` seconds."""
FINISH_AT_LEAST = 0.5

SLOWEST = 0.1
"""The slowest speed :func:`speed` assumes (a tenth of a core: a load of 20 on 2 cores)."""

EXPLAIN_UNKNOWN_UP_TO = 300
"""Without a proof of infeasibility, only scenarios up to this many sessions get the
(possibly slow) rule-conflict explanation."""

ROOM_PAIRS_AT_SCALE = 6000
"""Above this many (session, candidate room) pairs, each session keeps only a few rooms."""
ROOMS_AT_SCALE = 8


@dataclass
class Run:
    """What the phases of one solve pass on to each other."""

    scenario: Scenario
    options: SolveOptions
    started: float
    facts: dict[str, SessionFacts] = field(default_factory=dict)
    start: Schedule | None = None
    """The start placement (``options.hint``, or the start heuristic's)."""
    elastic: bool = False
    """The start leaves required sessions out: the model lets them out at a huge penalty."""
    room_options: int | None = None
    frozen: Frozen = field(default_factory=Frozen)
    """With ``options.earlier``: what has already happened and stays where it was."""
    told: int = 0
    """Checked schedules of the start heuristic already shown on the live status line
    (the greedy's start and each better polish pass, :func:`start_reporter`)."""
    clock: Clock = SYSTEM
    """Where the phases' decisions read the time (a fake clock in tests)."""
    deadline: Cap = field(default_factory=Cap.never)
    """The one deadline of the solve, from the user's time limit (:func:`deadline_of`):
    every phase's own deadline is derived from it. Never fires under ``deterministic``."""
    cpu_started: float = 0.0
    wall_started: float = 0.0
    last_speed: tuple[float, float] = (0.0, 0.0)
    """(wall, CPU) when :func:`speed` was last asked (at first: the solve's start)."""
    start_cap: Cap | None = None
    """The start heuristic's own cap (None: a hint, an earlier schedule or a user's
    heuristic, which this solve does not stop)."""
    has_schedule: bool = False
    """The start heuristic's placement is a complete, checked schedule
    (:func:`complete_start`): the solve has a result without the model."""
    plan_units: float = 0.0
    """Deterministic units of the rooms-and-days plan (``day_plan.py``), counted in the
    result's units with the search's."""
    ctrl_c: bool = False
    """A first Ctrl-C came before the search (during the annealing): the solve ends with
    the best schedule it has, marked interrupted."""
    least_bound: float = 0.0
    """A lower bound of every schedule proven before the search (0: none): the plan's
    (``day_plan.Plan.bound``) or the floor's (``bound_floor.add_floor``). The least bound
    reported, also when the search never ran or stopped before its presolve gave one (a
    loaded machine: pycon2's annealing left CP-SAT too little CPU, and the solve reported
    bound 0 with the floor known)."""
    start_stopped: bool = False
    """The default start heuristic's cap had passed when it returned (read then, not
    later, when the solve's own deadline has passed anyway)."""


def solve(scenario: Scenario, options: SolveOptions | None = None, *,
          clock: Clock = SYSTEM) -> Result:
    """Solve a scenario: a schedule satisfying every hard rule, minimising the soft ones.

    Never raises for an unsolvable scenario: the Result says INFEASIBLE (or UNKNOWN when
    time ran out) and carries a plain-language diagnosis. Raises :class:`UsageError` for
    an ``earlier`` schedule of another event, or ``frozen_until`` without ``earlier``.

    ``clock`` is where the phases' time decisions read the time (the start heuristic's
    deadline, whether the model can still be built): tests pass a fake one. CP-SAT's own
    limit and its watchdog (``search.py``) keep the system clock.
    """
    if scenario.talks:
        from scheduler.solver.talks_run import solve_talks

        return solve_talks(scenario, options or SolveOptions())
    run = Run(scenario, options or SolveOptions(), time.monotonic(), clock=clock,
              cpu_started=clock.cpu(), wall_started=clock.wall())
    run.last_speed = (run.wall_started, run.cpu_started)
    run.deadline = deadline_of(run)
    re_solve(run)
    with collection_paused():  # phases 1-3 build millions of objects and no cycles
        run.facts = load_facts(scenario)
        findings = precheck(run)
        if findings:
            return Result(SolveStatus.INFEASIBLE, None, diagnosis=findings)
        start(run)
        complete = complete_start(run)
        run.has_schedule = complete is not None
    if complete is not None and run.options.on_start_result is not None:
        run.options.on_start_result(from_start(run, complete, None, None, []))
    if out_of_time(run):  # the model build cannot be interrupted: do not start it
        if complete is not None:
            return from_start(run, complete, None, None,
                              ["the time limit was reached before the model was built: "
                               "the schedule is the start heuristic's, not optimised"])
        return too_late(run)
    if no_time_to_build(run):
        if complete is not None:
            return from_start(run, complete, None, None,
                              ["too little time was left to build the model of an event "
                               "this size: the schedule is the start heuristic's, not "
                               "optimised"])
        if len(run.facts) >= AT_SCALE:  # the build alone would overrun the limit
            return too_late(run, "too little time was left to build the model of an event "
                            "this size")
    try:
        built = build(run)
    except BuildStopped as stopped:  # the deadline came between two steps of the build
        return build_given_up(run, complete, stopped)
    floor(run, built, complete)
    annealed = anneal(run, complete)
    if annealed is not complete:  # a better start, told as the first one was
        complete = annealed
        if complete is not None and run.options.on_start_result is not None:
            run.options.on_start_result(from_start(run, complete, None, None, []))
    if complete is not None:
        drop_floor_above(run, built, complete)
    if run.ctrl_c and complete is not None:  # a first Ctrl-C during the annealing
        at_ctrl_c = from_start(run, complete, built, None, [
            *built.notes, "interrupted while the start was annealed, before the search: the "
            "schedule is the best the annealing had found, checked"])
        assert at_ctrl_c.schedule is not None
        at_ctrl_c.schedule.solve.interrupted = True
        return replace(at_ctrl_c, interrupted=True)
    if complete is not None and no_time_to_hint(run):  # the build took longer than measured
        return from_start(run, complete, built, None,
                          [*built.notes, "the time limit came while the model was built: "
                           "the schedule is the start heuristic's, not optimised"])
    hint(run, built)
    repair(run, built)
    plan(run, built)
    outcome = search(run, built)
    outcome.earlier_units += run.plan_units
    caps = capped(run, built)
    notes = list(built.notes)
    if outcome.abandoned:
        notes.append("CP-SAT did not stop at the time limit (inside presolve of a model this "
                     "large): it was left behind, and the search counts as having found nothing")
    status = decide(run, built, outcome, caps, notes)
    size = {"variables": len(built.model.proto.variables),
            "constraints": len(built.model.proto.constraints)}
    if not status.has_schedule:
        if complete is not None and not outcome.interrupted:
            return from_start(run, complete, built, outcome,
                              [*notes, "the search found no schedule within the limit: the "
                               "schedule is the start heuristic's, not optimised"])
        return unsolved(run, outcome, status, caps, notes,
                        left_out(built, outcome)
                        or (start_left_out(run) if run.elastic else []), size)
    schedule = extract(built, outcome, status)
    evaluate(run, built, schedule, outcome, status, caps)
    if complete is not None and better_start(run, built, complete, schedule):
        return from_start(run, complete, built, outcome,
                          [*notes, "the search found nothing better than the start "
                           "heuristic's schedule within the limit"])
    return Result(status, schedule, notes=notes, model_objective=model_objective(built, outcome),
                  interrupted=outcome.interrupted, caps=caps, variables=size["variables"],
                  constraints=size["constraints"],
                  deterministic_time=units(outcome))


# ---------------------------------------------------------------------------- phases


def re_solve(run: Run) -> None:
    """Before phase 1, for a minimal-change re-solve: the earlier schedule must be of this
    event; what started before ``frozen_until`` is frozen."""
    options = run.options
    if options.earlier is None:
        if options.frozen_until is not None:
            raise UsageError("frozen_until needs the earlier schedule (--from PUBLISHED)")
        return
    check_earlier(run.scenario, options.earlier)
    run.frozen = frozen_until(run.scenario, options.earlier, options.frozen_until)


def load_facts(scenario: Scenario) -> dict[str, SessionFacts]:
    """Phase 1: each session's allowed starts and candidate rooms, with the reasons."""
    return FactBuilder(scenario).build()


def precheck(run: Run) -> list[str]:
    """Phase 2: certain impossibilities, in words (empty: go on solving)."""
    return [f.text for f in find_impossibilities(run.scenario, run.facts)]


def start(run: Run) -> None:
    """Phase 3: the start placement: ``options.hint``, else the earlier schedule of a
    re-solve, else the start heuristic's.

    Bounded by counted work (reproducible); the clock only as a safety cap, the
    :func:`start_cap` derived from the solve's deadline, which every greedy round asks
    every few sessions. With ``deterministic`` the default heuristic (greedy and polish)
    reads no clock at all: only its counted work ends it, so two runs give the same start
    under any load. (Another heuristic still gets the search's generous safety net as its
    ``time_budget``.)
    """
    options = run.options
    run.start = options.hint if options.hint is not None else options.earlier
    if run.start is None and options.greedy_hint:
        cap = start_cap(run)
        budget = (searching.safety_net(options.time_limit) if cap.unbounded
                  else max(0.0, cap.cpu - run.clock.cpu()))
        heuristic: StartHeuristic = options.start or partial(
            greedy_start, report=start_reporter(run), cap=cap,
            workers=trackday.helper_workers(options.workers))
        run.start = heuristic(run.scenario, run.facts, time_budget=budget, seed=options.seed)
        if options.start is None:  # only the default heuristic is given (and obeys) the cap
            run.start_cap = cap
            run.start_stopped = cap.reached()
        required = {f.id for f in run.facts.values() if not f.optional}
        run.elastic = (run.start is not None and len(run.facts) >= ELASTIC_FROM
                       and not required <= {s.id for s in run.start.sessions})


def anneal(run: Run, complete: Schedule | None) -> Schedule | None:
    """Phase 4b: the start heuristic's complete schedule of a small pycon-like event
    (``polish.anneal_applies``) annealed (``polish.anneal_start``) after the model's build
    and the floor (so that neither loses its time to it): the better checked schedule
    (then the start), or ``complete`` itself. On the wall clock it ends after
    :func:`anneal_seconds`; under ``deterministic`` only its count of tries ends it. A
    first Ctrl-C ends it as it ends the search (``run.ctrl_c``: the solve returns its best,
    marked interrupted); a second one aborts."""
    if (complete is None or run.start_cap is None or complete.objective is None
            or not anneal_applies(run.scenario, run.facts)):
        return complete
    seconds = anneal_seconds(run)
    if seconds is not None and seconds < ANNEAL_AT_LEAST:
        return complete  # its set-up and checks alone would cost the search that time
    until = None if seconds is None else time.monotonic() + seconds
    moves = ANNEAL_MOVES if seconds is None else ANNEAL_MOVES_ON_CLOCK
    with searching.first_ctrl_c(run.options) as pressed:
        better = anneal_start(run.scenario, run.facts, complete, complete.objective,
                              moves=moves, until=until, seed=run.options.seed,
                              tell=partial(tell_annealed, run), stop=pressed)
    if pressed.is_set():
        run.ctrl_c = searching.tell_stopping(run.options, run.started)
    if better is complete:
        return complete
    run.start = better
    return complete_start(run) or complete


def tell_annealed(run: Run, schedule: Schedule) -> None:
    """A better checked schedule the annealing has on its way, told as the start was (the
    live status line; ``on_start_result``, which a Ctrl-C keeps)."""
    schedule.objective_terms = objective_terms(run.scenario, schedule, {})
    schedule.objective = sum(t.penalty for t in schedule.objective_terms.values())
    if run.options.progress is not None:
        run.told += 1
        run.options.progress(Progress(time.monotonic() - run.started, schedule.objective,
                                      None, None, run.told))
    if run.options.on_start_result is not None:
        run.options.on_start_result(from_start(run, schedule, None, None, []))


def anneal_seconds(run: Run) -> float | None:
    """Wall seconds the annealing gets (None under ``deterministic``: its count alone):
    :data:`~scheduler.solver.polish.ANNEAL_SHARE` of the time left, less what leaves CP-SAT
    :data:`~scheduler.solver.polish.ANNEAL_RESERVE_CPU` at this process's :func:`speed`,
    and at least :data:`~scheduler.solver.polish.ANNEAL_LEAST_SHARE` of the time left."""
    if run.deadline.unbounded:
        return None
    left = wall_left(run)
    return max(ANNEAL_LEAST_SHARE * left,
               min(ANNEAL_SHARE * left, left - ANNEAL_RESERVE_CPU / speed(run)))


def deadline_of(run: Run) -> Cap:
    """The solve's one deadline: the user's limit on the wall clock from now, or never
    under ``deterministic`` (there the limit counts CP-SAT's work units)."""
    if run.options.deterministic:
        return Cap.never()
    return Cap(wall=run.wall_started + run.options.time_limit, clock=run.clock)


def speed(run: Run) -> float:
    """The share of a core this process has had (CPU seconds per wall second, at least
    :data:`SLOWEST`): the lower of that since the solve began and since the last time it
    was asked a second or more before (1 in the first second; a window shorter than a
    second stays open, so that the build, asking at each of its steps, still measures its
    last seconds). The phases
    before the search run on one thread, so this is how fast the uninterruptible ones
    will go: 0.3 at a load of 6-7 on 2 cores. The lower of the two, because a load that
    grows while the solve runs (a 10,000-session solve: 8 at its start, 11 at its end)
    makes the later phases slower than the average so far."""
    wall, cpu = run.clock.wall(), run.clock.cpu()
    rates = [(cpu - c) / (wall - w) for w, c in ((run.wall_started, run.cpu_started),
                                                 run.last_speed) if wall - w >= 1.0]
    if wall - run.last_speed[0] >= 1.0:  # a window shorter than a second is kept open
        run.last_speed = (wall, cpu)
    return min(1.0, max(SLOWEST, min(rates, default=1.0)))


def wall_left(run: Run) -> float:
    """Wall-clock seconds left before the solve's deadline (inf under ``deterministic``)."""
    left = run.deadline.wall_left()
    return float("inf") if left is None else left


def start_cap(run: Run) -> Cap:
    """The start heuristic's cap, derived from the solve's deadline: a share of the time
    left (:data:`GREEDY_SAFETY_SHARE`, :data:`GREEDY_SAFETY_SHARE_AT_SCALE`) in CPU seconds
    and on the wall clock, and on the wall clock never later than the deadline less what
    choosing people and checking the start will take at this process's speed
    (:data:`CHECK_CPU_PER_SESSION`). :meth:`Cap.never` under ``deterministic``."""
    if run.deadline.unbounded:
        return Cap.never()
    left = wall_left(run)
    share = (GREEDY_SAFETY_SHARE_AT_SCALE if len(run.facts) >= AT_SCALE
             else GREEDY_SAFETY_SHARE)
    check_after = CHECK_CPU_PER_SESSION * len(run.facts) / speed(run)
    now = run.clock.wall()
    return Cap(cpu=run.clock.cpu() + share * left,
               wall=min(now + share * left, now + max(0.0, left - check_after)),
               clock=run.clock)


def start_reporter(run: Run) -> Callable[[float], None] | None:
    """What tells the live status line of each checked schedule the polish of a large
    event's start holds (its start, then each better pass), or None without one.

    Above :data:`~scheduler.solver.polish.POLISH_UP_TO` sessions the polish takes seconds
    (a 1,000-session event: 7-14 CPU s) before the model is built: the user sees the
    greedy's schedule at once instead of "no schedule yet" until CP-SAT's first one.
    """
    progress = run.options.progress
    if progress is None:
        return None

    def report(objective: float) -> None:
        run.told += 1
        progress(Progress(time.monotonic() - run.started, objective, None, None, run.told))
    return report


def greedy_start(scenario: Scenario, facts: dict[str, SessionFacts], *,
                 time_budget: float | None, seed: int,
                 report: Callable[[float], None] | None = None,
                 cap: Cap | None = None, workers: int = 1) -> Schedule | None:
    """The default start heuristic: the greedy with the solve's round limit, then people
    chosen greedily for the sessions' ``needs:`` (so the hint covers the assignment too),
    then, up to :data:`~scheduler.solver.polish.SCALE_UP_TO` sessions, the polish.

    An event of exactly 3,000 sessions (``SCALE_UP_TO`` == ``AT_SCALE``) gets both the
    at-scale greedy and the polish, on purpose: the two thresholds decide different steps
    that follow each other, not alternatives. ``AT_SCALE`` decides *how the greedy
    places* (one round, chains, the repair sub-model: what places every session of a big
    event), ``SCALE_UP_TO`` whether the complete placement it returns is *then improved*
    (the polish needs a complete start and stays within the start's own deadline, at
    :data:`POLISH_SHARE` of what the greedy left of it). From 2,999 to 3,000 sessions the
    placement changes method and the polish still runs; from 3,000 to 3,001 the polish
    stops (its passes cost seconds there, and the model build needs the time).

    ``cap`` is the solve's deadline object for it (:func:`start_cap`; :meth:`Cap.never`
    under ``deterministic``: then neither the greedy nor the polish reads a clock, and
    their counted work alone ends them). Without one, ``time_budget`` caps it in CPU
    seconds and, from now, on the wall clock. ``report`` hears the checker's objective of
    each complete schedule the polish of a large event holds (:func:`start_reporter`).
    ``workers``: processes for the polish's track moves (:func:`trackday.helper_workers`)."""
    if cap is None:
        cap = (Cap(wall=time.monotonic() + time_budget,
                   cpu=time.process_time() + time_budget)
               if time_budget is not None else Cap.never())
    placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                             rounds=GREEDY_ROUNDS, seed=seed, cap=cap)
    if placed is None:
        return None
    chosen = choose_people(scenario, placed)
    deadline = polish_deadline(len(facts), cap)
    if len(facts) <= POLISH_UP_TO:  # small events: clashes out before the proof search
        return polish(scenario, facts, chosen, deadline=deadline, workers=workers)
    if len(facts) <= SCALE_UP_TO:  # large ones: most of the greedy's clashes and misfits
        return polish(scenario, facts, chosen, deadline=deadline, on_better=report,
                      workers=workers)
    return chosen


def polish_deadline(sessions: int, cap: Cap) -> float | None:
    """When the polish of the start stops (a ``time.monotonic()`` value; None: only its
    counted passes end it, always under ``deterministic``): the greedy's wall deadline for
    small events, :data:`POLISH_SHARE` of what is left of it for large ones."""
    left = cap.wall_left()
    if left is None:
        return None
    share = 1.0 if sessions <= POLISH_UP_TO else POLISH_SHARE
    return time.monotonic() + share * left


def complete_start(run: Run) -> Schedule | None:
    """The start heuristic's placement when it places every required session and the
    independent checker (:mod:`scheduler.checker`) finds no hard rule broken (with its
    soft terms evaluated), reported as the first schedule from :data:`REPORT_START_FROM`
    sessions on (unless the polish has told it already); else None. Once reported, the
    search's reports show it until the search has a schedule of its own.

    The checker, because the greedy does not track every rule (a person's changeover
    between rooms, for one). Only the heuristic's own start counts: a hint or an earlier
    schedule given by the user is the search's starting point, not a result.
    """
    options = run.options
    if (run.start is None or run.elastic or options.hint is not None
            or options.earlier is not None or not options.greedy_hint):
        return None
    schedule = run.start
    if not check(run.scenario, schedule).ok:
        return None
    schedule.objective_terms = objective_terms(run.scenario, schedule, {})
    schedule.objective = sum(t.penalty for t in schedule.objective_terms.values())
    if options.progress is not None and (run.told or len(run.facts) >= REPORT_START_FROM):
        if not run.told:  # the polish of a large event's start told it already
            options.progress(Progress(time.monotonic() - run.started, schedule.objective,
                                      None, None, 1))
        # The search's reports until it has a schedule of its own show this one.
        run.options = replace(options, progress=after_start(options.progress,
                                                             schedule.objective))
    return schedule


def out_of_time(run: Run) -> bool:
    """Whether the limit is already gone (never with ``deterministic``: there the limit
    counts CP-SAT's work, and the model must be built to do it)."""
    return run.deadline.reached()


def no_time_to_build(run: Run) -> bool:
    """Whether the time left is shorter than the model build and hint may take at this
    process's :func:`speed` (:data:`BUILD_CPU_PER_SESSION` per session), plus the finish
    after the search (never with ``deterministic``)."""
    return no_time_for(run, BUILD_CPU_PER_SESSION)


def no_time_to_hint(run: Run) -> bool:
    """After the build: whether the time left is shorter than the hint and the finish may
    take at this process's :func:`speed` (never with ``deterministic``)."""
    return no_time_for(run, HINT_CPU_PER_SESSION)


def no_time_for(run: Run, cpu_per_session: float) -> bool:
    """Whether the time left is shorter than ``cpu_per_session`` and the finish
    (:data:`FINISH_CPU_PER_SESSION`) per session take at this process's :func:`speed`."""
    if run.deadline.unbounded:
        return False
    need = (cpu_per_session + FINISH_CPU_PER_SESSION) * len(run.facts) / speed(run)
    return wall_left(run) < need


def finish_reserve(run: Run) -> float:
    """Seconds the search leaves before the solve's deadline for extracting and
    evaluating its schedule (:data:`FINISH_CPU_PER_SESSION` at this process's speed; 0
    below :data:`FINISH_AT_LEAST` seconds and under ``deterministic``)."""
    if run.deadline.unbounded:
        return 0.0
    reserve = FINISH_CPU_PER_SESSION * len(run.facts) / speed(run)
    return reserve if reserve >= FINISH_AT_LEAST else 0.0


def too_late(run: Run, why: str = "the limit was reached before the model was built"
             ) -> Result:
    """No schedule: the limit was gone before the model was built (or too little of it was
    left to build the model, ``why``), and the start heuristic left required sessions out
    (or broke a rule it does not track)."""
    missing = start_left_out(run)
    if run.start is None and stopped_start(run):  # stopped before it placed anything
        missing = [f.id for f in run.facts.values() if not f.optional]
    diagnosis = [f"no schedule was found within {run.options.time_limit:g} s ({why}), and "
                 "no proof that none exists; give the solver more time (--time-limit) or "
                 "loosen the scenario"]
    if stopped_start(run):
        placed = 0 if run.start is None else len(run.start.sessions)
        diagnosis.append(
            f"the start heuristic was stopped by the time limit with {placed} of "
            f"{len(run.facts)} sessions placed; {len(missing)} required session(s) were "
            f"not placed by then: {first_ten(missing) or 'none'}")
    elif missing:
        diagnosis.append(f"the start placement leaves out {first_ten(missing)}")
    return Result(SolveStatus.UNKNOWN, None, diagnosis=diagnosis)


def stopped_start(run: Run) -> bool:
    """Whether the default start heuristic's cap had passed when it returned (its placement
    is then what it had when the deadline came, not all it could do)."""
    return run.start_stopped


def first_ten(ids: list[str]) -> str:
    """``'a', 'b' and 3 more``: the first ten ids quoted, and how many others."""
    more = f" and {len(ids) - 10} more" if len(ids) > 10 else ""
    return ", ".join(repr(sid) for sid in ids[:10]) + more


def start_left_out(run: Run) -> list[str]:
    """Required sessions the start placement leaves out (none without a start: then
    nothing is known of what could not be placed)."""
    if run.start is None:
        return []
    placed = {s.id for s in run.start.sessions}
    return [f.id for f in run.facts.values() if not f.optional and f.id not in placed]


def better_start(run: Run, built: ScheduleModel, start_: Schedule, found: Schedule) -> bool:
    """Whether the start heuristic's schedule scores better than the search's (every soft
    term, the hooks' too)."""
    if built.extra_terms:
        extra = {t.name: (t.weight, t.evaluate(start_)) for t in built.extra_terms}
        start_.objective_terms = objective_terms(run.scenario, start_, extra)
        start_.objective = sum(t.penalty for t in start_.objective_terms.values())
    return (start_.objective is not None and found.objective is not None
            and start_.objective < found.objective)


def from_start(run: Run, schedule: Schedule, built: ScheduleModel | None,
               outcome: searching.Outcome | None, notes: list[str]) -> Result:
    """The start heuristic's complete placement as the solve's result (FEASIBLE), its
    soft terms evaluated with every extra term, and the search's bound when there is one."""
    scenario, options = run.scenario, run.options
    if built is not None:
        extra = {t.name: (t.weight, t.evaluate(schedule)) for t in built.extra_terms}
        schedule.objective_terms = objective_terms(scenario, schedule, extra)
        schedule.objective = sum(t.penalty for t in schedule.objective_terms.values())
        clashes, caps = schedule.objective_terms.get("participant_clashes"), capped(run, built)
        if clashes is not None and caps.clash_pairs is not None:  # as evaluate() says it
            clashes.detail = clash_detail(caps)
    bound: float | None = 0.0
    if (built is not None and outcome is not None and built.model.has_objective()
            and outcome.status.has_schedule):
        caps = capped(run, built)  # a restricted model's bound is no bound (bound_and_gap)
        bound = None if caps.stricter else float(outcome.solver.best_objective_bound)
    if bound is not None:  # (0 unless the plan or the floor ran: neither on a capped model)
        bound = max(bound, run.least_bound)
    schedule.status = SolveStatus.FEASIBLE
    schedule.solve = SolveInfo(
        time_seconds=round(time.monotonic() - run.started, 3), time_limit=options.time_limit,
        seed=options.seed, workers=options.workers, bound=bound,
        gap=searching.gap(schedule.objective, bound), interrupted=False, from_schedule=None,
    )
    schedule.scenario_sha256 = options.scenario_sha256
    if built is None:
        return Result(SolveStatus.FEASIBLE, schedule, notes=notes)
    return Result(SolveStatus.FEASIBLE, schedule, notes=notes, caps=capped(run, built),
                  variables=len(built.model.proto.variables),
                  constraints=len(built.model.proto.constraints))


def build(run: Run) -> ScheduleModel:
    """Phase 4: the CP-SAT model. At scale each session keeps only its best-fitting rooms
    (and the start's choice)."""
    options = run.options
    pairs = sum(len(f.rooms) for f in run.facts.values())
    run.room_options = ROOMS_AT_SCALE if pairs > ROOM_PAIRS_AT_SCALE else None
    preferred = ({s.id: s.room for s in run.start.sessions if s.room}
                 if run.start is not None else None)
    people = ({s.id: s.people for s in run.start.sessions}
              if run.start is not None else None)
    built = ScheduleModel(run.scenario, max_clash_pairs=options.max_clash_pairs,
                          hooks=options.objective_hooks, facts=run.facts,
                          elastic=run.elastic, room_options=run.room_options,
                          preferred_rooms=preferred, preferred_people=people,
                          earlier=options.earlier,
                          frozen=run.frozen, strengthen=options.bounds,
                          checkpoint=build_checkpoint(run))
    if run.room_options is not None and built.vars.rooms_capped:
        built.notes.append(
            f"rooms: {built.vars.rooms_capped} sessions considered only their "
            f"{run.room_options} best-fitting rooms (and the greedy's choice), to solve at scale"
        )
    if built.constraints.assignment.capped:
        built.notes.append(
            f"people: {built.constraints.assignment.capped} needs considered only "
            f"{PEOPLE_AT_SCALE} of their qualified people (and the greedy's choice), "
            "to solve at scale")
    return built


def build_checkpoint(run: Run) -> Checkpoint:
    """What the build calls after each of its steps: it gives the build up
    (:class:`BuildStopped`) when the deadline has passed, or when the rest of the build
    (its steps' shares, :func:`~scheduler.solver.build_steps.share_left`, of
    :data:`BUILD_CPU_PER_SESSION` less the hint), the hint and the finish no longer fit in
    the time left at this process's :func:`speed`: a load that grew during the build
    (never under ``deterministic``). The estimate decides only as :func:`no_time_to_build`
    does: with a checked schedule in hand, or from
    :data:`~scheduler.solver.greedy.start.AT_SCALE` sessions on (below, without a
    schedule, the model is the only way to one, and its build takes moments). After the
    last step it never gives up: the model is built, and :func:`no_time_to_hint` decides
    what comes next."""
    if run.deadline.unbounded:
        return never
    done: list[str] = []
    estimate = run.has_schedule or len(run.facts) >= AT_SCALE

    def checkpoint(name: str) -> None:
        done.append(name)
        if not after(name):  # built whole: what follows is the hint's and the search's to
            return           # decide (no_time_to_hint), with the model in hand
        rest = share_left(name) * (BUILD_CPU_PER_SESSION - HINT_CPU_PER_SESSION)
        if out_of_time(run) or (estimate and no_time_for(run, rest + HINT_CPU_PER_SESSION)):
            raise BuildStopped(done, after(name))
    return checkpoint


def build_given_up(run: Run, complete: Schedule | None, stopped: BuildStopped) -> Result:
    """The result when the deadline gave the model build up (:func:`build_checkpoint`):
    the start heuristic's checked schedule, its note naming the steps not built; without
    one, no schedule (:func:`too_late`)."""
    why = (f"the time limit came while the model was built: it was given up after "
           f"{len(stopped.done)} of its {len(STEP_NAMES)} steps; not built: "
           f"{describe(stopped.skipped)}")
    if complete is not None:
        return from_start(run, complete, None, None,
                          [f"{why}: the schedule is the start heuristic's, checked, not "
                           "optimised"])
    return too_late(run, why)


def hint(run: Run, built: ScheduleModel) -> None:
    """Phase 5: suggest the start to CP-SAT (completed to every variable when it can be)."""
    if run.start is not None:
        limit = min(10.0, 0.15 * run.options.time_limit)
        if not run.options.deterministic:  # never past the solve's own limit
            left = run.options.time_limit - (time.monotonic() - run.started)
            limit = max(0.0, min(limit, left))
        built.add_hint(run.start, time_limit=limit, deterministic=run.options.deterministic)


def repair(run: Run, built: ScheduleModel) -> None:
    """Phase 6: place the required sessions the start left out (elastic mode only).

    Its time is counted from now, not from the start: a slow greedy must not eat it; the
    main search still keeps the last share of the limit.
    """
    options = run.options
    if not (run.start is not None and run.elastic and built.hint_complete):
        return
    deadline = min(time.monotonic() + REPAIR_SHARE * options.time_limit,
                   run.started + REPAIR_END_SHARE * options.time_limit)
    left = place_left_out(built, deadline, options.seed, options.workers,
                          deterministic=options.deterministic)
    if left > 0:
        built.notes.append(f"the greedy start left {left} required session(s) out")


def plan(run: Run, built: ScheduleModel) -> None:
    """Phase 6a: for small talks-like models, rooms and days first (``day_plan.py``): when
    the room-and-day relaxation's proven optimum fits in time, that schedule is the hint
    and the optimum the objective's least value (a proof); else the relaxation's bound,
    when it has one, is the objective's least value and the least bound reported."""
    caps = capped(run, built)
    if day_plan.applies(built, run.options, run.elastic, caps.rooms or caps.people):
        planned = day_plan.plan(built, run.scenario, run.options,
                                day_plan.budget(run.options, speed(run), wall_left(run)))
        run.plan_units = planned.units
        run.least_bound = max(run.least_bound, float(planned.bound))


def floor(run: Run, built: ScheduleModel, complete: Schedule | None) -> None:
    """Phase 4a (after the build, before the annealing and the hint): for mid-sized models
    without bound pieces (pycon), the lower bound of ``confsched bound`` as a floor on the
    objective (``bound_floor.py``: it removes no assignment; only CP-SAT's bound starts
    there), unless it is above ``complete``'s checked objective (the start heuristic's
    schedule): then it is wrong, and not used."""
    caps = capped(run, built)
    if bound_floor.applies(built, run.options, len(run.facts), run.elastic,
                           caps.rooms or caps.people):
        found = bound_floor.add_floor(
            built, run.scenario, run.facts, run.options,
            bound_floor.budget(run.options, speed(run), wall_left(run)),
            ceiling=complete.objective if complete is not None else None)
        if found is not None:
            run.least_bound = max(run.least_bound, float(found.value))


def drop_floor_above(run: Run, built: ScheduleModel, complete: Schedule) -> None:
    """The floor taken off again when the annealed start's checked objective is below it:
    :func:`floor` could compare it with the start before the annealing only, and a floor
    above a checked schedule is wrong (a bug of the relaxation on this event), so it is
    neither the objective's least value nor a bound reported (review16). Only the floor's
    domain is there at this point (``bound_floor.add_floor`` adds it to an objective
    without one; the plan comes later and never to the same models)."""
    if (complete.objective is None or run.least_bound <= complete.objective
            or run.least_bound <= 0):
        return
    built.model.proto.objective.domain.clear()
    built.notes.append(
        f"the lower bound of `confsched bound` ({run.least_bound:,.0f}) was above the "
        f"annealed start's checked schedule ({complete.objective:,.0f}), so it is wrong for "
        "this event and was not used; please report it with the scenario")
    run.least_bound = 0.0


def search(run: Run, built: ScheduleModel) -> searching.Outcome:
    """Phase 7: CP-SAT, from the hint, until the limit, an optimum or Ctrl-C.

    The live progress reports carry no bound (nor gap) when rooms or people were limited,
    by the same rule as the final result's (:func:`bound_and_gap`).
    """
    caps = capped(run, built)
    options = run.options
    reserve = finish_reserve(run)
    if reserve > 0.0:  # the search ends early enough for the schedule's extraction
        options = replace(options, time_limit=max(0.0, options.time_limit - reserve))
    if options.progress is not None and caps.stricter:
        options = replace(options, progress=without_bound(options.progress))
    solver = searching.configure(options, run.started)
    if built.hint_complete and not built.objective.strengthen:
        # Presolve may otherwise cut the hinted schedule off and lose the head start.
        solver.parameters.keep_all_feasible_solutions_in_presolve = True
    if run.room_options is not None:
        solver.parameters.cp_model_probing_level = 0  # probing costs seconds at scale
    # Large models: the main search gets a share of the limit, a large neighbourhood
    # search the rest (scheduler/solver/lns.py); every model: the soft terms' helpers
    # tightened on the final schedule.
    neighbourhoods = lns.reserve(solver, built, options, run.started)
    report = better_reporter(run, built)
    if neighbourhoods is not None:
        neighbourhoods.on_values = report
    outcome = (searching.search(solver, built.model, options, run.started, report)
               if neighbourhoods is not None and neighbourhoods.loop else
               searching.search_to_proof(solver, built.model, options, run.started,
                                         len(built.vars.sessions),
                                         bounds.talks_like(built.bounds), report))
    if neighbourhoods is None or outcome.interrupted or outcome.abandoned:
        return outcome
    code = next(c for c, s in searching.STATUS.items() if s == outcome.status)
    watcher = searching.Watcher(options, run.started)
    main_units = units(outcome) or 0.0  # (read now: a main search run again resets it)
    better, code = neighbourhoods.improve(outcome.solver, code, watcher)
    # A view of the loop's best schedule counts the sub-models' units; the main search's
    # (both phases of a two-phase search) are added as earlier units. When the main solver
    # comes back, what the loop spent beside it is added instead.
    earlier = (outcome.earlier_units + neighbourhoods.uncounted
               if better is outcome.solver else main_units)
    return searching.Outcome(searching.STATUS.get(code, SolveStatus.UNKNOWN),
                             neighbourhoods.interrupted, better, earlier)


def better_reporter(run: Run, built: ScheduleModel) -> searching.OnValues | None:
    """What hands each better solution of the search (main search and neighbourhoods) to
    ``options.on_better``: its objective, and a function that builds it as a FEASIBLE
    result (extracted and evaluated as :func:`from_start` does a start; no bound: the
    search's is not known yet). A solution leaving a required session out (elastic mode)
    is no schedule and is not handed on. None without ``on_better`` or an objective."""
    on_better = run.options.on_better
    if on_better is None or not built.model.has_objective():
        return None
    required = [lit for _, lit in built.vars.required_unplaced()]

    def report(objective: float, values: list[int]) -> None:
        read = read_values(values)
        if not all(read(lit) for lit in required):
            return

        def build() -> Result:
            schedule = extract_schedule(built, read, SolveStatus.FEASIBLE)
            result = from_start(run, schedule, built, None, [])
            schedule.solve.bound = schedule.solve.gap = None
            return result
        on_better(objective, build)
    return report


def extract(built: ScheduleModel, outcome: searching.Outcome, status: SolveStatus) -> Schedule:
    """Phase 8: the best solution as a :class:`Schedule`."""
    return extract_schedule(built, outcome.solver.value, status)


def evaluate(run: Run, built: ScheduleModel, schedule: Schedule, outcome: searching.Outcome,
             status: SolveStatus, caps: Caps) -> None:
    """Phase 9: every soft term recomputed exactly from the schedule, and the run's facts
    (time, seed, bound, gap, interrupted)."""
    scenario, options = run.scenario, run.options
    extra = {t.name: (t.weight, t.evaluate(schedule)) for t in built.extra_terms}
    schedule.objective_terms = objective_terms(scenario, schedule, extra)
    schedule.objective = sum(t.penalty for t in schedule.objective_terms.values())
    clashes = schedule.objective_terms.get("participant_clashes")
    if clashes is not None and caps.clash_pairs is not None:
        clashes.detail = clash_detail(caps)
    bound, gap = bound_and_gap(built, outcome, status, caps, schedule.objective,
                               run.least_bound)
    schedule.solve = SolveInfo(
        time_seconds=round(time.monotonic() - run.started, 3), time_limit=options.time_limit,
        seed=options.seed, workers=options.workers, bound=bound, gap=gap,
        interrupted=outcome.interrupted, from_schedule=None,
    )
    schedule.scenario_sha256 = options.scenario_sha256


def bound_and_gap(built: ScheduleModel, outcome: searching.Outcome, status: SolveStatus,
                  caps: Caps, objective: float, least: float = 0.0
                  ) -> tuple[float | None, float | None]:
    """The lower bound to report, and the gap of the checked ``objective`` to it.

    A model whose rooms or people were limited to solve at scale has fewer schedules than
    the event: its bound may lie above the event's optimum, so none is reported (None,
    None). Leaving out clash pairs only drops costs, so that bound stays a bound. The gap
    is measured from the schedule's own objective (every term recomputed), not the model's.
    ``least``: a bound proven before the search (the rooms-and-days plan's), reported when
    the search's is lower.
    """
    if not built.model.has_objective():
        return 0.0, 0.0
    if caps.stricter:
        return None, None
    bound = max(float(outcome.solver.best_objective_bound), least)
    return bound, 0.0 if status == SolveStatus.OPTIMAL else searching.gap(objective, bound)


# ---------------------------------------------------------------------------- decisions


def capped(run: Run, built: ScheduleModel) -> Caps:
    """The simplifications of the model searched, as typed values."""
    pairs = built.objective.clash_pairs
    return Caps(room_options=run.room_options if built.vars.rooms_capped else None,
                rooms_capped=built.vars.rooms_capped,
                clash_pairs=pairs[0] if pairs else None,
                clash_pairs_total=pairs[1] if pairs else 0,
                people_capped=built.constraints.assignment.capped,
                changeover_padded=built.constraints.assignment.padded)


def decide(run: Run, built: ScheduleModel, outcome: searching.Outcome, caps: Caps,
           notes: list[str]) -> SolveStatus:
    """The status to report, from CP-SAT's and the typed caps (never from note text).

    A solution leaving a required session out (elastic mode) is no schedule; a proof of
    infeasibility of a model with capped rooms is no proof; an optimum of a simplified
    model is only feasible.
    """
    status = outcome.status
    if status.has_schedule and left_out(built, outcome):
        status = SolveStatus.INFEASIBLE if status == SolveStatus.OPTIMAL else SolveStatus.UNKNOWN
    if status == SolveStatus.INFEASIBLE and caps.rooms:
        status = SolveStatus.UNKNOWN
        notes.append("no proof of infeasibility: rooms were limited to the best-fitting few")
    if status == SolveStatus.INFEASIBLE and caps.people:
        status = SolveStatus.UNKNOWN
        notes.append("no proof of infeasibility: each need considered only some of the "
                     "qualified people")
    if status == SolveStatus.INFEASIBLE and caps.changeover_padded:
        status = SolveStatus.UNKNOWN
        notes.append("no proof of infeasibility: at this size some people chosen from pools "
                     "kept the changeover even between two sessions in one room")
    if status == SolveStatus.OPTIMAL and caps.any:
        status = SolveStatus.FEASIBLE
    return status


def left_out(built: ScheduleModel, outcome: searching.Outcome) -> list[str]:
    """Required sessions the solution leaves out (elastic mode only)."""
    if not outcome.status.has_schedule:
        return []
    return [sv.id for sv, lit in built.vars.required_unplaced()
            if not outcome.solver.value(lit)]


def units(outcome: searching.Outcome) -> float | None:
    """CP-SAT's deterministic units of the search (both phases of a two-phase search;
    None when the final solver does not count them)."""
    spent = getattr(outcome.solver, "deterministic_time", None)
    return None if spent is None else outcome.earlier_units + spent


def model_objective(built: ScheduleModel, outcome: searching.Outcome) -> int:
    """The objective as CP-SAT saw it (0 without an objective)."""
    return int(outcome.solver.objective_value) if built.model.has_objective() else 0


STRICTER_CONFLICT = ("in the model searched, which is stricter than the rules (see the "
                     "notes), these rules could not all hold at once; the event itself may "
                     "still have a schedule:")
"""Its first line instead when the model searched has fewer schedules than the event."""


def unsolved(run: Run, outcome: searching.Outcome, status: SolveStatus, caps: Caps,
             notes: list[str], missing: list[str], size: dict[str, int]) -> Result:
    """No schedule: why, in words (and the rule conflict, when it can be found)."""
    options = run.options
    interrupted = outcome.interrupted
    if interrupted:
        notes.append("the search was interrupted before any schedule was found")
    diagnosis: list[str] = []
    if status == SolveStatus.UNKNOWN and not interrupted:
        diagnosis.append(
            f"no schedule was found within {options.time_limit:g} s, and no proof that none "
            "exists; give the solver more time (--time-limit) or loosen the scenario"
        )
    if missing and status == SolveStatus.UNKNOWN:
        diagnosis.append(f"the best placement found still leaves out {first_ten(missing)}: look at "
                         "their people's windows, rooms and tracks first")
    small = len(run.facts) <= EXPLAIN_UNKNOWN_UP_TO
    if options.diagnose and not interrupted and (status == SolveStatus.INFEASIBLE or small):
        explained = explain_conflicts(run.scenario, run.facts,
                                      time_limit=options.diagnose_time_limit,
                                      workers=options.workers, seed=options.seed,
                                      proven=status == SolveStatus.INFEASIBLE,
                                      earlier=options.earlier, frozen=run.frozen)
        if caps.stricter and explained and explained[0].startswith(CONFLICT):
            # The explanation rebuilds the same stricter model (rooms or people cut, a
            # pool person's changeover kept in one room): its conflict may not be the
            # event's, which may well have a schedule (found by the oracle, oracle1)
            explained[0] = STRICTER_CONFLICT
        if status == SolveStatus.UNKNOWN and explained and explained[0].startswith(CONFLICT):
            # the explanation's model holds every rule the search's did (no stricter
            # caps: those were worded above), so its conflict is a proof: the search ran
            # out of time, the explanation did not (hand1: "no proof that none exists",
            # then the proof, exit 4)
            status = SolveStatus.INFEASIBLE
            diagnosis = [line for line in diagnosis if not line.startswith("no schedule was "
                                                                           "found within")]
        diagnosis.extend(explained)
    return Result(status, None, diagnosis=diagnosis, notes=notes, interrupted=interrupted,
                  caps=caps, **size)


def explain_conflicts(scenario: Scenario, facts: dict[str, SessionFacts], *,
                      time_limit: float = 20.0, workers: int = 2, seed: int = 0,
                      proven: bool = True, earlier: Schedule | None = None,
                      frozen: Frozen | None = None) -> list[str]:
    """Which rule groups conflict, in words: the model rebuilt with each rule group behind
    its own literal, handed to :func:`scheduler.diagnose.explain_infeasible`.

    A re-solve's freeze (``earlier``, ``frozen``) is held as it is, never relaxed, and the
    explanation says so: without it, a re-solve that only the freeze made impossible was
    told "every rule can be met ... try a finer event.granularity" (oracle2)."""
    relaxed = ScheduleModel(scenario, relaxed=True, facts=facts)
    kept = sorted([*frozen.sessions, *frozen.breaks]) if earlier and frozen else []
    if earlier is not None and kept:
        freeze(relaxed, TermView(relaxed), earlier, frozen or Frozen())
    given = f"keeping what has already happened where it was ({first_ten(kept)})"
    lines = explain_infeasible(scenario, relaxed.model, relaxed.guards.groups,
                               time_limit=time_limit, workers=workers, seed=seed,
                               proven=proven, given=given if kept else None)
    if kept and lines[0].startswith(CONFLICT):
        lines.append(f"  ({FROZEN_KEPT}: {first_ten(kept)}, as frozen_until asks)")
    return lines


FROZEN_KEPT = "with what has already happened kept where it was"
"""The line an explanation of a re-solve with a freeze ends with."""


def clash_detail(caps: Caps) -> str:
    """The participant-clash term's note when only the heaviest pairs were modelled."""
    return (f"modelled the {caps.clash_pairs} heaviest of {caps.clash_pairs_total} session "
            "pairs with shared interest (raise max_clash_pairs to model more); the reported "
            "value counts every pair")
