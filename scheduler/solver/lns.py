"""Large neighbourhood search on top of CP-SAT: free a part of the schedule, fix the rest,
re-solve that sub-model, keep it when it is better; repeat until the time limit.

CP-SAT runs its own LNS, but with two workers on a 1,000-session event it spends most of
its time on generic neighbourhoods. Ours follow the event's structure:

- **day**: the sessions (and placed breaks) of one day, or of a stretch of it when the day
  holds more than the neighbourhood size;
- **rooms**: every session in a few rooms (they may trade times and rooms among them);
- **clash**: the sessions behind participant clashes still left, the heaviest the first
  time and then drawn in proportion to their weight (both sessions, the other sessions of
  the people who want both, and the sessions nearest in time), within the size;
- **tracks**: a track spread over several rooms in a day, with every session of that day
  in those rooms (so the track can gather in one room).

A neighbourhood is a copy of the whole model in which every variable of a session outside
it (start, rooms, tracks, days, placement) is fixed to the current schedule; the
objective stays the whole objective, so a better sub-solution is a better schedule. A
sub-model runs at most :data:`SUB_LIMIT`; on the wall clock it stops sooner once it has
found nothing better for :data:`STALL` seconds (:class:`stop_when_stalled`).

The loop adapts (as adaptive LNS does): the kind of the next neighbourhood is drawn in
proportion to each kind's recent gain per unit of work, and each kind's size grows after
a sub-model solved to optimality, stays after one that improved the schedule, and
shrinks after one that ran out of time without improving.

:func:`reserve` is the hook in ``run.solve``: for models of at least :data:`LNS_FROM`
sessions it shortens the main search to :data:`MAIN_SHARE` of the time left
(:data:`MAIN_SHARE_HINTED` from a complete start) and returns a
:class:`Plan`, whose :meth:`Plan.improve` runs the loop in the rest.
"""

from __future__ import annotations

import random
import signal
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from scheduler.schedule import SolveStatus
from scheduler.solver import search as searching
from scheduler.solver import trackday
from scheduler.solver.extract import extract_schedule
from scheduler.solver.model import ScheduleModel
from scheduler.solver.options import Progress, SolveOptions
from scheduler.solver.reproducible import make_reproducible
from scheduler.solver.search import stop_at
from scheduler.solver.variables import SessionVars

LNS_FROM = 300
"""Sessions from which the neighbourhood search runs after the main search (smaller
models are left to CP-SAT, which often proves them optimal)."""
MAIN_SHARE = 0.2
"""Share of the time left that the main CP-SAT search keeps; the neighbourhoods get the
rest. (0.4 before: on large seed 22 one 4-s neighbourhood took the main search's 13,019
to 10,427, while the main search itself gained little after its first schedule.)"""
MAIN_SHARE_HINTED = 0.05
"""The main search's share when the model holds a complete hint (the start heuristic's
schedule, polished: ``scheduler/solver/polish.py``). From such a start the main search
had little to give: on large seed 25 its 8 s of a 60-s solve (20%) took the polished
5,105 to 5,096, where one 4-s neighbourhood gains 40-200 (``benchmarks/results/lns``)."""
START_SIZE = 60
"""Sessions freed in a first neighbourhood of each kind (120 before: from the same
schedule of large seed 22, 4 s each, sizes 30 and 60 gained more than 120 and 240)."""
MIN_SIZE, MAX_SIZE = 30, 600
SUB_LIMIT = 4.0
"""Seconds (deterministic units with --deterministic) per sub-model at most."""
STALL = 1.5
"""Wall clock (not --deterministic), events without participant clash pairs (euro,
informs): a sub-model stops once it has found no better schedule for this many seconds
since its last one (the hint's included). With clash pairs (large) it runs its full
limit: there CP-SAT's own LNS inside the sub-model finds the big clash repairs late, and
against main large was worse in 5 of 7 one-run comparisons with the stop on. Measured on one
sub-model of 60 sessions (``benchmarks.lns_profile``): on informs seed 8 the best came at
0.45 s and the rest of the 4 s went to proving it; on large seed 22 a clash sub-model
still improved every 0.1-1.3 s until 3.8 s (13,120 -> 8,987)."""
KINDS = ("clash", "rooms", "tracks", "day")
"""In the order of their first turns (then drawn by gain): clashes first, where a single
pair wanted by hundreds of people can weigh thousands (one clash neighbourhood of 60
sessions took large seed 22 from 11,490 to 9,105)."""
DECAY = 0.7
"""Adaptive choice of the kind: each kind's score is its recent gain per deterministic
unit, ``score = DECAY * score + (1 - DECAY) * gain / units`` after each of its
sub-models; the next kind is drawn in proportion to the scores (and every kind keeps at
least :data:`FLOOR_SHARE` of the draws)."""
FLOOR_SHARE = 0.1
FALSE_INFEASIBLE = """On informs seed 8, every rooms and tracks sub-model (all fixed but
40-60 sessions, the current schedule a solution of it) ends INFEASIBLE at loading, 0
conflicts, with CP-SAT's default linearization (v9.15, one or two workers), and OPTIMAL in
0.1 s with linearization 0 (``benchmarks.lns_profile``, benchmarks/results/lns/profile):
two of the four kinds never ran there. Sub-models of events without participant clash
pairs run with ``linearization_level`` 0. (Solving such a sub-model again without the LP,
tried first, was followed by two process aborts on informs seed 9 in CP-SAT's
``CHECK(heuristics.fixed_search != nullptr)``, the hinted-solve-infeasible-at-loading
path of scheduler/solver/reproducible.py; removed.)"""
TRACK_SHARE = 0.6
"""On the wall clock (euro, informs, and large since ``large8``): the track
moves (:mod:`scheduler.solver.trackday`, a few tracks re-timed and re-roomed by a small
sub-model of their own) get this share of the loop's time first, from the main search's
best schedule; the neighbourhoods of the whole model get the rest. On informs seed 12 the
polish ran out of its time under load before any track move, and the neighbourhoods
gained 1.3% in 30 s (4,274 -> 4,220), where 1,000 track moves gain 8% (4,273 -> 3,923)
in 20 CPU s."""
TRACK_PAIRS_UP_TO = 3000
"""Sessions up to which an event with participant clash pairs runs the track moves in
the loop (the polish's :data:`~scheduler.solver.polish.SCALE_UP_TO`): their search state
(:class:`~scheduler.solver.polish.PolishSearch`, every session's clashes at every start)
was never measured at 10,000 sessions, where the first schedule and the memory are what
count; events without pairs run them at any size, as before."""
TRACK_STALL = 100
"""... and grow to larger units, then stop, after this many sub-models in a row without
a move taken (``trackday.improve``): on euro seed 11 the moves of the polish had come to
rest (1,654 from 1,762), and 20 s more of them gained 2, where the neighbourhoods of the
whole model gained 21 in the same time."""
TRACK_AT_LEAST = 3.0
"""Seconds of the loop's time below which the track moves are not started."""
TABU = 3
"""Clash turns during which a clash just freed is not freed again (20 before)."""
TIGHTEN = 1.5
TIGHTEN_SHARE = 0.05
"""The re-solve with every session fixed keeps max(TIGHTEN, TIGHTEN_SHARE x limit) seconds
(units) at the end (on large seed 21 under heavy load 1.5 s was not enough)."""


def _index(lit: Any) -> int:
    """Proto index of the variable under a literal (a negated literal has index -i-1)."""
    index = int(lit.index)
    return index if index >= 0 else -index - 1


@dataclass
class Plan:
    """The neighbourhood search to run after the main search."""

    built: ScheduleModel
    options: SolveOptions
    started: float
    deadline: float
    """Wall-clock end (``time.monotonic()``), or the deterministic budget's safety net."""
    budget: float | None = None
    """--deterministic: deterministic units for all sub-models together."""
    loop: bool = True
    """False: no neighbourhoods, only the final tightening re-solve (small models)."""
    tighten: float = 1.5
    """Seconds (units) kept at the end for the re-solve with every session fixed."""
    trace: list[tuple[float, float, str, int]] = field(default_factory=list)
    """(elapsed, objective, kind, size) of each improvement."""
    steps: list[tuple[float, str, int, str, float, float]] = field(default_factory=list)
    """(elapsed, kind, size, CP-SAT status, objective after, deterministic units) of
    every sub-model: what the loop did, improving or not (for studying where it stalls)."""
    stop: threading.Event = field(default_factory=threading.Event)
    """Set by Ctrl-C (or by a caller): the loop ends after the sub-model running now."""
    start_objective: float | None = None
    """The main search's objective the loop started from."""
    interrupted: bool = False
    """The loop was stopped by Ctrl-C (or :attr:`stop`), not by the limit: the best
    schedule so far is returned, and the run reports itself interrupted."""
    on_values: searching.OnValues | None = None
    """Hears each better schedule of the loop (its objective and values), as the main
    search's :class:`~scheduler.solver.search.Watcher` does."""
    uncounted: float = 0.0
    """Deterministic units spent here that the solver :meth:`improve` returns does not
    count: every sub-model's when none improved on the main search (the main solver comes
    back), or the main search's first attempt when it was run again. Not counted anywhere:
    the track moves' sub-models and their hand-back (wall-clock runs only; under
    ``--deterministic`` the track moves do not run in the loop)."""

    def improve(self, solver: cp_model.CpSolver, code: Any,
                watcher: Any = None) -> tuple[Any, Any]:
        """Run the loop from the main search's best schedule; return a solver view of the
        best schedule found (the main solver itself when nothing improved) and the status
        code. A proven optimum, or no schedule at all, is returned as it is."""
        hint = self.built.hint_values if self.built.hint_complete else None
        if code == cp_model.UNKNOWN and self.loop and hint is not None \
                and self.deadline - time.monotonic() > 1.0:
            # no schedule from the main search, but the completed greedy hint is one: the
            # neighbourhoods start from it (the main search used to get the rest of the
            # time back and start over: on large seed 22 under load it then found its
            # first schedule at the limit, and the neighbourhoods never ran)
            return self._run(solver, watcher, list(hint), cp_model.FEASIBLE)
        if code == cp_model.UNKNOWN and self.loop and self.deadline - time.monotonic() > 1.0:
            # no schedule yet: the main search keeps the time it gave up for this loop
            try:  # the re-run resets the solver's count
                self.uncounted = float(solver.deterministic_time)
            except RuntimeError:  # (a solver never run: nothing spent)
                self.uncounted = 0.0
            params = solver.parameters
            params.max_time_in_seconds = self.deadline - time.monotonic()
            if self.budget is not None:
                params.max_deterministic_time = self.budget
            # in a watched thread: stopped at the deadline, left behind if deaf to it
            again = searching.search(solver, self.built.model, self.options, self.started,
                                     self.on_values)
            self.interrupted = again.interrupted
            code = next(c for c, st in searching.STATUS.items() if st == again.status)
            return again.solver, code
        if code != cp_model.FEASIBLE or not self.built.model.has_objective():
            return solver, code
        return self._run(solver, watcher, None, code)

    def _run(self, solver: cp_model.CpSolver, watcher: Any, values: list[int] | None,
             code: Any) -> tuple[Any, Any]:
        """The loop from the main search's best schedule (or from ``values``, a complete
        assignment); the main solver and ``code`` when nothing was found."""
        search = _Search(self, solver, values)
        with _first_ctrl_c_stops(self, lambda: search.current):
            try:
                best = search.run()
            except KeyboardInterrupt:  # Ctrl-C without our handler: keep the best so far
                best = search.best
                self.stop.set()
        self.interrupted = self.stop.is_set()
        if best is None:  # (from ``values``: the main solver holds no schedule)
            self.uncounted = search.used
            return solver, code if values is None else cp_model.UNKNOWN
        view = _View(best, float(solver.best_objective_bound), search.used)
        if watcher is not None:
            watcher.solutions += search.improvements
        return view, code


class _first_ctrl_c_stops:  # noqa: N801 - used as a ``with`` statement
    """While the loop runs in the main thread (and ``options.handle_sigint``): a first
    Ctrl-C sets :attr:`Plan.stop` and stops the sub-model running now, as in the main
    search; a second one raises KeyboardInterrupt (abort)."""

    def __init__(self, plan: Plan, current: Callable[[], cp_model.CpSolver | None]) -> None:
        self.plan, self.current = plan, current
        self.previous: Any = None
        self.installed = False

    def _on_sigint(self, signum: int, frame: Any) -> None:
        self.plan.stop.set()
        current = self.current()
        if current is not None:
            current.stop_search()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def __enter__(self) -> None:
        if (self.plan.options.handle_sigint
                and threading.current_thread() is threading.main_thread()):
            self.previous = signal.signal(signal.SIGINT, self._on_sigint)
            self.installed = True

    def __exit__(self, *exc: object) -> None:
        if self.installed:
            signal.signal(signal.SIGINT, self.previous)


class _View:
    """The reading interface ``run._solved`` uses (``value``, ``objective_value``,
    ``best_objective_bound``), over the sub-solve that holds the best schedule (its model
    is a copy of the whole model, so every variable reads the same) and the main search's
    bound (a sub-model's bound says nothing about the whole), and the deterministic units
    of every sub-model the loop solved (``run.units`` adds the main search's)."""

    def __init__(self, solver: cp_model.CpSolver, bound: float,
                 deterministic_time: float = 0.0) -> None:
        self._solver = solver
        self.best_objective_bound = bound
        self.deterministic_time = deterministic_time

    def value(self, expression: Any) -> int:
        return int(self._solver.value(expression))

    @property
    def objective_value(self) -> float:
        return float(self._solver.objective_value)


class _Search:
    """One run of the loop."""

    def __init__(self, plan: Plan, main: cp_model.CpSolver,
                 values: list[int] | None = None) -> None:
        self.plan = plan
        self.built = plan.built
        if values is None:
            self.values = list(main.response_proto.solution)
            self.objective = float(main.objective_value)
        else:
            self.values = values
            self.objective = objective_of(self.built.model.proto, values)
        self.bound = float(main.best_objective_bound)
        plan.start_objective = self.objective
        self.rng = random.Random(plan.options.seed)
        self.size = START_SIZE
        """The size of the neighbourhood being chosen (that of its kind)."""
        self.sizes = dict.fromkeys(KINDS, START_SIZE)
        """Kind -> the size of its next neighbourhood (each kind adapts its own)."""
        self.improvements = 0
        self.best: cp_model.CpSolver | None = None
        self.current: cp_model.CpSolver | None = None
        """The sub-model's solver running now (Ctrl-C stops it)."""
        self.used = 0.0
        self.copy_cost = 0.0
        """Wall seconds of the costliest whole-model copy so far (clone, fix, hint): no copy
        starts that could not be made before the deadline (10,000 sessions: seconds)."""
        sessions = list(self.built.vars.sessions.values())
        self.sessions = sessions
        self.per_day = self.built.vars.grid.per_day
        self.g = self.built.vars.grid.g
        self.fixable = {sv.id: self._indices(sv) for sv in sessions}
        self.wanted: dict[str, list[str]] = defaultdict(list)
        """Session id -> ids of the registrations that want it."""
        for registration in self.built.scenario.participants.registrations:
            for sid in registration.sessions:
                self.wanted[sid].append(registration.id)
        self.registrations = {r.id: list(r.sessions)
                              for r in self.built.scenario.participants.registrations}
        self.pairs = self.built.scenario.interest_counts()
        self.tabu: dict[tuple[str, str], int] = {}
        self.scores = dict.fromkeys(KINDS, 0.0)
        """Kind -> recent gain per deterministic unit (:data:`DECAY`)."""

    # ---------------------------------------------------------------- current schedule

    def _indices(self, sv: SessionVars) -> list[int]:
        lits = [*sv.room_lits.values(), *sv.track_lits.values(), *sv.day_lits.values()]
        if sv.placed is not None:
            lits.append(sv.placed)
        return [_index(sv.start), *(_index(lit) for lit in lits)]

    def _placed(self, sv: SessionVars) -> bool:
        return sv.placed is None or bool(self._read(sv.placed))

    def _read(self, lit: Any) -> int:
        index = int(lit.index)
        return self.values[index] if index >= 0 else 1 - self.values[-index - 1]

    def _span(self, sv: SessionVars) -> tuple[int, int, int]:
        """(day, start minute, end minute) in event minutes of the current schedule."""
        step = self.values[_index(sv.start)]
        day = step // self.per_day
        minutes = sv.facts.durations.get(day, max(sv.facts.durations.values(), default=0))
        return day, step * self.g, step * self.g + minutes

    def _room(self, sv: SessionVars) -> str | None:
        for room, lit in sv.room_lits.items():
            if self._read(lit):
                return room
        return None

    # ---------------------------------------------------------------- neighbourhoods

    def _day(self) -> tuple[set[str], set[int]]:
        days = len(self.built.scenario.days)
        day = self.rng.randrange(days)
        on_day = sorted((self._span(sv)[1], sv.id) for sv in self.sessions
                        if self._placed(sv) and self._span(sv)[0] == day)
        if len(on_day) > self.size:  # a stretch of the day, in start order
            first = self.rng.randrange(len(on_day) - self.size + 1)
            on_day = on_day[first:first + self.size]
        return {sid for _, sid in on_day}, {day}

    def _rooms(self) -> tuple[set[str], set[int]]:
        by_room: dict[str, list[str]] = defaultdict(list)
        for sv in self.sessions:
            room = self._room(sv) if self._placed(sv) else None
            if room is not None:
                by_room[room].append(sv.id)
        rooms = sorted(by_room)
        self.rng.shuffle(rooms)
        chosen: set[str] = set()
        for room in rooms:
            if chosen and len(chosen) + len(by_room[room]) > self.size:
                break
            chosen.update(by_room[room])
        return chosen, set()

    def _clash(self) -> tuple[set[str], set[int]]:
        svs = self.built.vars.sessions
        spans = {sv.id: self._span(sv) for sv in self.sessions if self._placed(sv)}
        clashes = []
        for (a, b), count in self.pairs.items():
            sa, sb = spans.get(a), spans.get(b)
            if sa is None or sb is None or sa[0] != sb[0]:
                continue
            if sa[1] < sb[2] and sb[1] < sa[2] and self.tabu.get((a, b), 0) <= 0:
                clashes.append((count, a, b))
        for key in list(self.tabu):
            self.tabu[key] -= 1
        if not clashes:
            return self._day()
        clashes.sort(reverse=True)
        # the heaviest the first time; then drawn in proportion to their weight, so a
        # heavy clash that one sub-model could not resolve comes back within a few turns
        # (half the heaviest five, half any five, each tabu for 20 turns before: on large
        # seed 22 one pair wanted by 214 people, 2,140 of 13,080, was tried once a run)
        first = not self.tabu
        picked = clashes[:5] if first else draw_clashes(clashes, 5, self.rng)
        # Within the size: the clashing sessions (a third), the other sessions of the
        # people behind them, those most of them want first (up to two thirds), and the
        # sessions nearest in time on the clashes' days (room to move). Before, all the
        # people's sessions came first: on large seed 22 the heaviest clash alone
        # brought 305 sessions whatever the size, and the sub-model found nothing.
        chosen: dict[str, None] = {}
        anchors: list[str] = []
        wanted_by: dict[str, int] = defaultdict(int)
        for _, a, b in picked:
            if anchors and len(chosen) + 2 > max(2, self.size // 3):
                break
            self.tabu[(a, b)] = TABU
            anchors += [a, b]
            chosen.update(dict.fromkeys((a, b)))
            for person in set(self.wanted.get(a, [])) & set(self.wanted.get(b, [])):
                for sid in self.registrations.get(person, []):
                    if sid in svs and sid in spans:
                        wanted_by[sid] += 1
        for sid in sorted(wanted_by, key=lambda s: (-wanted_by[s], s)):
            if len(chosen) >= 2 * self.size // 3:
                break
            chosen.setdefault(sid)
        around = sorted((abs(spans[sid][1] - spans[a][1]), sid) for a in anchors
                        for sid in spans if spans[sid][0] == spans[a][0])
        for _, sid in around:
            if len(chosen) >= self.size:
                break
            chosen.setdefault(sid)
        return set(chosen), set()

    def _tracks(self) -> tuple[set[str], set[int]]:
        """Tracks spread over several rooms in a day (``track_room_stability``): their
        sessions that day and every session of that day in the rooms they use, so the
        track can gather in one room (the heaviest spreads half of the time, random
        ones otherwise); the rooms kind when no track is spread."""
        rooms: dict[tuple[str, int], set[str]] = defaultdict(set)
        members: dict[tuple[str, int], list[str]] = defaultdict(list)
        in_room: dict[tuple[str, int], list[str]] = defaultdict(list)
        for sv in self.sessions:
            if not self._placed(sv):
                continue
            day, room = self._span(sv)[0], self._room(sv)
            if room is None:
                continue
            in_room[(room, day)].append(sv.id)
            for track, lit in sv.track_lits.items():
                if self._read(lit):
                    rooms[(track, day)].add(room)
                    members[(track, day)].append(sv.id)
        spread = sorted(((len(r), key) for key, r in rooms.items() if len(r) > 1),
                        reverse=True)
        if not spread:
            return self._rooms()
        if self.rng.random() >= 0.5:
            self.rng.shuffle(spread)
        chosen: dict[str, None] = {}
        for _, (track, day) in spread:
            group = dict.fromkeys(members[(track, day)])
            for room in sorted(rooms[(track, day)]):
                group.update(dict.fromkeys(in_room[(room, day)]))
            if chosen and len(chosen) + len(group) > self.size:
                break
            chosen.update(group)
        return set(chosen), set()

    # ---------------------------------------------------------------- the loop

    def run(self) -> cp_model.CpSolver | None:
        choose: dict[str, Callable[[], tuple[set[str], set[int]]]] = {
            "day": self._day, "rooms": self._rooms, "clash": self._clash,
            "tracks": self._tracks}
        self._track_moves()
        turn = 0
        while self.plan.loop and not self._out_of_time() and not self.plan.stop.is_set():
            # every kind once first, then drawn by recent gain per unit of work
            kind = KINDS[turn] if turn < len(KINDS) else self._draw()
            turn += 1
            self.size = self.sizes[kind]
            free, free_days = choose[kind]()
            if not free:
                continue
            outcome = self._solve(free, free_days)
            if self.plan.stop.is_set():
                self._tell_stopping()
                continue  # a sub-model stopped by Ctrl-C may hold a half-searched result
            if outcome is None:
                continue
            solver, status = outcome
            self.plan.steps.append((
                round(time.monotonic() - self.plan.started, 3), kind, len(free),
                solver.status_name(status),
                float(solver.objective_value) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
                else float("nan"), round(solver.deterministic_time, 3)))
            better = status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and \
                solver.objective_value < self.objective - 0.5
            gain = self.objective - float(solver.objective_value) if better else 0.0
            self.scores[kind] = DECAY * self.scores[kind] + (1 - DECAY) * gain / max(
                0.05, solver.deterministic_time)
            self.sizes[kind] = next_size(self.sizes[kind], better, status == cp_model.OPTIMAL)
            if better:
                self.values = list(solver.response_proto.solution)
                self.objective = float(solver.objective_value)
                self.best = solver
                self.improvements += 1
                elapsed = time.monotonic() - self.plan.started
                self.plan.trace.append((round(elapsed, 3), self.objective, kind, len(free)))
                self._tell_better()
                progress = self.plan.options.progress
                if progress is not None:
                    progress(Progress(elapsed, self.objective, self.bound,
                                      _gap(self.objective, self.bound), self.improvements))
        if not self.plan.stop.is_set():  # interrupted: return at once, untightened
            self._tighten()
        return self.best

    def _track_moves(self) -> None:
        """On the wall clock (events with participant clash pairs only up to
        :data:`TRACK_PAIRS_UP_TO` sessions): track moves (:func:`trackday.improve`,
        each session within the model's rooms for it) for
        :data:`TRACK_SHARE` of the time left, then the result back in the model: its
        placement fixed and every other variable solved (``ScheduleModel.add_hint``),
        then the soft terms' helpers tightened (as the final re-solve does). Kept only when
        the model's objective is lower; else the loop goes on from where it was."""
        plan = self.plan
        if plan.budget is not None or not plan.loop or plan.stop.is_set():
            return
        if self.pairs and len(self.sessions) > TRACK_PAIRS_UP_TO:
            return
        left = plan.deadline - plan.tighten - time.monotonic()
        if left < TRACK_AT_LEAST:
            return
        scenario, facts = self.built.scenario, self.built.facts
        start = extract_schedule(self.built, self._read, SolveStatus.FEASIBLE)
        rooms = {sv.id: set(sv.room_lits) for sv in self.sessions}
        moved = trackday.improve(scenario, facts, start,
                                 deadline=time.monotonic() + TRACK_SHARE * left,
                                 seed=plan.options.seed, rooms=rooms, stall=TRACK_STALL,
                                 stop=plan.stop.is_set,
                                 workers=trackday.helper_workers(plan.options.workers),
                                 half_days=True)
        if moved is start or plan.stop.is_set():
            return
        if plan.deadline - time.monotonic() < 2 * plan.tighten + self.copy_cost:
            # under load the moves overran their share: no time to hand them back safely
            # (the final re-solve must keep its time), the loop goes on as it was
            return
        earlier = self.built.hint_values
        self.built.hint_values = None
        self.built.add_hint(moved, time_limit=max(1.0, min(10.0, 0.1 * left)))
        values, self.built.hint_values = self.built.hint_values, earlier
        if values is None:  # the model refused the placement: go on from where it was
            return
        kept = self.values
        self.values = list(values)
        outcome = self._solve(set(), set(), final=True)
        if outcome is not None and outcome[1] == cp_model.OPTIMAL and \
                outcome[0].objective_value < self.objective - 0.5:
            solver = outcome[0]
            self.values = list(solver.response_proto.solution)
            self.objective = float(solver.objective_value)
            self.best = solver
            self.improvements += 1
            elapsed = time.monotonic() - plan.started
            plan.trace.append((round(elapsed, 3), self.objective, "track moves", 0))
            self._tell_better()
            progress = plan.options.progress
            if progress is not None:
                progress(Progress(elapsed, self.objective, self.bound,
                                  _gap(self.objective, self.bound), self.improvements))
        else:
            self.values = kept

    def _draw(self) -> str:
        """The next kind: drawn in proportion to the kinds' scores, each kind keeping at
        least :data:`FLOOR_SHARE` of the draws (a kind that stalled for a while may pay
        again once the others have moved the schedule)."""
        return draw_kind(self.scores, self.rng.random())

    def _tell_stopping(self) -> None:
        """Report, from the loop (never from the signal handler), that Ctrl-C was seen."""
        progress = self.plan.options.progress
        if progress is not None:
            progress(Progress(time.monotonic() - self.plan.started, None, None, None, 0,
                              stopping=True))

    def _tighten(self) -> None:
        """Re-solve with every session fixed: the auxiliary variables of the soft terms
        (rooms used, day ends, excesses) take their least values, so the objective
        reported is the schedule's own (a sub-model that ran out of time may leave one of
        them higher than needed: 12,179 against the checker's 12,155 on large seed 21)."""
        outcome = self._solve(set(), set(), final=True)
        if outcome is None:
            return
        solver, status = outcome
        if status == cp_model.OPTIMAL and solver.objective_value <= self.objective:
            self.improvements += self.best is None
            self.best = solver
            self.values = list(solver.response_proto.solution)
            self.objective = float(solver.objective_value)
            self._tell_better()

    def _tell_better(self) -> None:
        """Hand the current schedule (a better one) to :attr:`Plan.on_values`; its values
        list is never changed in place (each better schedule gets a new one)."""
        if self.plan.on_values is not None:
            self.plan.on_values(self.objective, self.values)

    def _out_of_time(self) -> bool:
        if self.plan.budget is not None and self.used >= self.plan.budget - self.plan.tighten:
            return True
        return time.monotonic() + self.copy_cost >= self.plan.deadline - self.plan.tighten

    def _solve(self, free: set[str], free_days: set[int], final: bool = False
               ) -> tuple[cp_model.CpSolver, Any] | None:
        began = time.monotonic()
        if self.plan.budget is None and began + self.copy_cost >= self.plan.deadline:
            return None  # a copy it could not finish (and solve) before the deadline
        model = self.built.model.clone()
        proto = model.proto
        model.clear_hints()
        hinted: list[int] = []
        for sv in self.sessions:
            if sv.id in free:
                hinted.extend(self.fixable[sv.id])
                continue
            for index in self.fixable[sv.id]:
                _fix(proto, index, self.values[index])
        for bv in self.built.vars.breaks:
            index = _index(bv.start)
            if bv.day in free_days:
                hinted.append(index)
            else:
                _fix(proto, index, self.values[index])
        # only the free placement: everything else follows from it (hinting all 48,000
        # variables of large seed 21 took 1.1 s a sub-model)
        for index in dict.fromkeys(hinted):  # once each (constants are shared)
            model.add_hint(model.get_int_var_from_proto_index(index), self.values[index])
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = max(1, self.plan.options.workers)
        params.random_seed = self.rng.randrange(1 << 30)
        params.catch_sigint_signal = False
        # Presolve of the whole copy would otherwise eat the sub-model's time (on large
        # seed 21: 4 s of a 4 s limit, 0.01 deterministic units of search, no solution).
        params.cp_model_probing_level = 0
        params.symmetry_level = 0
        params.max_presolve_iterations = 1
        if not self.pairs:
            # no participant clashes (euro, informs): without the LP relaxation, which
            # there made CP-SAT call every rooms and tracks sub-model INFEASIBLE at
            # loading (FALSE_INFEASIBLE) and gained nothing on the others; a hinted
            # solve whose loading finds infeasibility can abort the process
            # (scheduler/solver/reproducible.py): one did, on informs seed 9
            params.linearization_level = 0
        limit = self.plan.tighten if final else SUB_LIMIT
        if self.plan.budget is not None:
            left = self.plan.budget - self.used - (0.0 if final else self.plan.tighten)
            # one worker keeps the hint (sequential); more drop it (an interleaved hinted
            # solve can abort the process, scheduler/solver/reproducible.py)
            make_reproducible(solver, model, max(0.05, min(limit, left)),
                              max(1.0, self.plan.deadline - time.monotonic()))
        else:
            # a neighbourhood ends before the time kept for the final re-solve (it ran
            # to the deadline before, and the re-solve got 0.1 s: UNKNOWN on large
            # seed 22 under load, the soft terms' helpers left untightened)
            end = self.plan.deadline - (0.0 if final else self.plan.tighten)
            params.max_time_in_seconds = max(0.1, min(limit, end - time.monotonic()))
        self.current = solver
        if self.plan.stop.is_set():
            return None
        self.copy_cost = max(self.copy_cost, time.monotonic() - began)
        stall = None if final or self.plan.budget is not None or self.pairs else STALL
        with stop_at(solver, self.plan.deadline), stop_when_stalled(solver, stall) as seen:
            status = solver.solve(model, seen)
        self.used += solver.deterministic_time
        self.current = None
        return solver, status


class stop_when_stalled(cp_model.CpSolverSolutionCallback):  # noqa: N801 - a ``with``
    """While the block runs (and ``stall`` is not None): a watchdog thread calls
    ``solver.stop_search()`` once ``stall`` seconds have passed since the last schedule
    the solve reported (the clock starts at the first one: presolve and the hint's
    schedule are never cut short). Pass the object to ``solver.solve`` as its solution
    callback. ``clock`` is replaceable for tests."""

    def __init__(self, solver: Any, stall: float | None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.solver, self.stall, self.clock = solver, stall, clock
        self.last: float | None = None
        """When the last schedule came (None: none yet)."""
        self.done = threading.Event()
        self.fired = False
        self.thread: threading.Thread | None = None

    def on_solution_callback(self) -> None:
        self.last = self.clock()

    def wait(self) -> float | None:
        """Seconds to wait before looking again, or None when the solve has stalled (and
        is stopped now)."""
        assert self.stall is not None
        if self.last is None:
            return min(self.stall, 0.25)
        left = self.last + self.stall - self.clock()
        if left > 0:
            return left
        self.fired = True
        self.solver.stop_search()
        return None

    def _watch(self) -> None:
        while True:
            pause = self.wait()
            if pause is None or self.done.wait(pause):
                return

    def __enter__(self) -> stop_when_stalled | None:
        if self.stall is None:
            return None
        self.thread = threading.Thread(target=self._watch, name="lns-stall", daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        if self.thread is not None:
            self.thread.join()


def objective_of(proto: Any, values: list[int]) -> float:
    """The objective of a complete assignment, as CP-SAT reports it:
    ``(offset + sum(coefficient * value)) * scaling`` (scaling 0 means 1)."""
    objective = proto.objective
    total = objective.offset + sum(
        c * (values[v] if v >= 0 else 1 - values[-v - 1])
        for v, c in zip(objective.vars, objective.coeffs, strict=True))
    return float(total * (objective.scaling_factor or 1.0))


def next_size(size: int, improved: bool, optimal: bool) -> int:
    """The next neighbourhood's size (of the same kind): larger after a sub-model proven
    optimal (there is room for more), the same after one that ran out of time but
    improved the schedule (that size pays), smaller after one that ran out of time with
    nothing better. Before, every timeout shrank it, improving or not; growing after an
    improving timeout was tried and lost: on large seed 22 sub-models of 200-350
    sessions gained about 100 each where 30-120 gained 100-1,500 in the same 4 s."""
    if optimal:
        return min(MAX_SIZE, int(size * 1.25) + 1)
    if improved:
        return size
    return max(MIN_SIZE, int(size * 0.8))


def draw_clashes(clashes: list[tuple[int, str, str]], k: int, rng: random.Random
                 ) -> list[tuple[int, str, str]]:
    """``k`` of the (weight, a, b) clashes, drawn without replacement in proportion to
    their weights (Efraimidis-Spirakis keys ``u ** (1 / weight)``), heaviest key first."""
    keyed = sorted(((rng.random() ** (1.0 / max(1, c[0])), c) for c in clashes),
                   reverse=True)
    return [c for _, c in keyed[:k]]


def draw_kind(scores: dict[str, float], u: float) -> str:
    """The kind whose share of ``[0, 1)`` holds ``u``: shares in proportion to the scores,
    each at least :data:`FLOOR_SHARE` (equal shares when no kind has scored)."""
    kinds = list(scores)
    total = sum(max(0.0, v) for v in scores.values())
    if total <= 0:
        shares = [1 / len(kinds)] * len(kinds)
    else:
        rest = 1 - FLOOR_SHARE * len(kinds)
        shares = [FLOOR_SHARE + rest * max(0.0, scores[k]) / total for k in kinds]
    edge = 0.0
    for kind, share in zip(kinds, shares, strict=True):
        edge += share
        if u < edge:
            return kind
    return kinds[-1]


def _fix(proto: Any, index: int, value: int) -> None:
    """Fix a variable of a model copy by narrowing its domain to one value (the proto
    field is a plain repeated list: clear, then extend)."""
    domain = proto.variables[index].domain
    domain.clear()
    domain.extend([value, value])


def _gap(objective: float, bound: float) -> float:
    return abs(objective - bound) / max(1.0, abs(objective))


def reserve(solver: cp_model.CpSolver, built: ScheduleModel, options: SolveOptions,
            started: float) -> Plan | None:
    """When the model is large enough (and ``options.lns`` does not say no), shorten the
    main search to :data:`MAIN_SHARE` of the time it was given and return the plan for
    the rest. Otherwise the main search keeps everything and the plan only tightens the
    soft terms' auxiliaries of a feasible schedule (a re-solve with every session fixed,
    at most :data:`TIGHTEN` s after the limit; milliseconds on small models). None when
    the model has no objective."""
    if not built.model.has_objective():
        return None
    wanted = options.lns if options.lns is not None else len(built.vars.sessions) >= LNS_FROM
    params = solver.parameters
    tighten = max(TIGHTEN, TIGHTEN_SHARE * options.time_limit)
    if not wanted:  # only the final tightening, after the main search's own limit
        return Plan(built, options, started, deadline=time.monotonic() + TIGHTEN +
                    params.max_time_in_seconds, loop=False)
    share = MAIN_SHARE_HINTED if built.hint_complete else MAIN_SHARE
    if options.deterministic:
        total = params.max_deterministic_time
        params.max_deterministic_time = share * total
        return Plan(built, options, started, deadline=time.monotonic() + params.max_time_in_seconds,
                    budget=(1 - share) * total, tighten=tighten)
    left = params.max_time_in_seconds
    params.max_time_in_seconds = max(0.5, share * left)
    return Plan(built, options, started, deadline=time.monotonic() + left, tighten=tighten)
