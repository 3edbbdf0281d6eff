"""The greedy start's entry point: :func:`greedy_schedule`, and the :class:`StartHeuristic`
any other start must look like.

Sessions are taken in order (those with fewer choices first, ``after:`` predecessors
before their followers) and each goes to the earliest start and the smallest free room
where every hard rule the greedy tracks still holds: rooms, people, tracks, breaks,
exclusive sessions, the parallel limit, licences, ``after``, ``same-day``,
``not-parallel``, series and daily limits. Sessions it cannot place are left out; the
hint is only a starting point, CP-SAT decides.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from scheduler.facts import SessionFacts, TimeGrid
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, ScheduledBreak, ScheduledSession, SolveStatus
from scheduler.solver.greedy import placement, replan
from scheduler.solver.greedy.board import Board, Spot
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.chains import Limits, place_by_chains
from scheduler.solver.greedy.eject import eject_and_reinsert
from scheduler.solver.greedy.submodel import place_by_submodel


class StartHeuristic(Protocol):
    """A start for the search: a placement of as many sessions as it can manage.

    It may leave sessions out (the solve then places them in its repair phase) and must
    break no hard rule with those it places. ``time_budget`` is a safety cap in CPU
    seconds; the same scenario and seed should give the same schedule.
    """

    def __call__(self, scenario: Scenario, facts: dict[str, SessionFacts], *,
                 time_budget: float | None, seed: int) -> Schedule | None: ...


@dataclass(frozen=True)
class GreedyWork:
    """How much work the greedy start may do (counted, so that it is reproducible)."""

    rounds: int = 40
    """Most squeaky-wheel rounds."""
    stall_rounds: int = 8
    """Squeaky-wheel rounds in a row without a better round before eject-and-reinsert."""
    restarts: int = 6
    """Most eject-and-reinsert searches (each from a freshly shaken greedy round)."""
    steps: int = 1000
    """Most insertions of one eject-and-reinsert search."""
    patience: int = 250
    """Insertions without fewer sessions left out after which one search gives up."""
    steps_per_session: int = 40
    """All eject-and-reinsert searches together make at most this many insertions per
    session of the scenario (small events need little; CP-SAT does the rest)."""
    attempts: int = 3
    """Most whole greedy attempts (rounds and eject-and-reinsert), while required
    sessions are still left out."""
    by_starts: bool = False
    """Order the sessions by their allowed starts, not their (start, room) pairs
    (:func:`placement.order`)."""
    chains: bool = False
    """Place the required sessions a round left out by ejection chains of depth 2
    (:mod:`~scheduler.solver.greedy.chains`) before eject-and-reinsert, and again on its
    best placement while some are still left out."""
    joint_exclusive: bool = False
    """Choose the movable exclusive sessions' spots together in every round
    (:func:`scheduler.solver.greedy.exclusive.plan`), not one after another."""
    replan: bool = False
    """After the first round's chains: play the round again once with the exclusive
    sessions' plan kept clear of the required session it shut out most
    (:mod:`~scheduler.solver.greedy.replan`), when that leaves fewer out."""
    submodel: bool = False
    """Last, for each required session the chains still leave out: a CP-SAT sub-model
    over it and a neighbourhood of placed sessions, the rest of the board fixed
    (:mod:`~scheduler.solver.greedy.submodel`)."""
    handoff: int = 0
    """With ``chains`` and ``submodel``: the first eject-and-reinsert search hands over to
    the chains and the sub-model after this many insertions in a row without fewer
    sessions left out (0: never; see :func:`_handed_over`)."""

    @classmethod
    def at_scale(cls) -> GreedyWork:
        """The work of an event of :data:`AT_SCALE` sessions or more, where one round
        costs seconds: one round in the order of fewest starts, then eject-and-reinsert
        (which places more per second than more rounds do), in longer searches; the
        clock (the time left) is what ends it, not the counts."""
        return cls(rounds=1, restarts=2, steps=6000, patience=1500, attempts=1,
                   by_starts=True, chains=True, joint_exclusive=True, replan=True,
                   submodel=True, handoff=HANDOFF)


HANDOFF = 200
"""At scale: insertions without fewer left out after which the first eject-and-reinsert
search hands over (:func:`_handed_over`). On the 10,000-session congress seeds 1, 2 and 4
it places everything within 52 insertions; on seed 3 it came down to 2 left out at the
218th and then spent 1,300 more (25 CPU s) without another, which the chains and the
sub-model then placed in 3.4 CPU s (``benchmarks/results/huge/first30``)."""

AT_SCALE = 3000
"""Sessions from which the greedy does :meth:`GreedyWork.at_scale` work. On 10,000
sessions (``confsched generate --shape large --sessions 10000 --rooms 300 --days 5
--registrations 15000``) one round took 6-8 CPU s and eject-and-reinsert about 20 ms an
insertion."""


SAFETY_CAP = 60.0
"""CPU seconds after which the greedy gives up anyway (a last resort: the work limits
above normally end it long before; a run that hits the cap is not reproducible)."""


def greedy_schedule(
    scenario: Scenario, facts: dict[str, SessionFacts], time_budget: float | None = None,
    rounds: int = 40, seed: int = 0, *, work: GreedyWork | None = None,
    deadline: float | None = None, cap: Cap | None = None,
) -> Schedule | None:
    """A placement of as many sessions as the greedy can manage (None if none at all).

    Squeaky wheel: sessions left out of one round go first in the next (but pinned
    sessions, then movable exclusive ones, which stop everything else, still go before
    them), until everything is placed, ``rounds`` are done or ``work.stall_rounds``
    rounds in a row did no better. When a round does no better than the best so far, the
    rest of the order is shaken a little (seeded) so that the rounds do not go in
    circles. Then eject-and-reinsert (:mod:`scheduler.solver.greedy.eject`) works on what
    is still left out. When required sessions are still left out, the whole thing starts
    again from a shaken order with another random stream, up to ``work.attempts`` times;
    the attempt leaving fewest out wins.

    Every phase is bounded by counted work (rounds, restarts, insertion steps), never by
    the clock, so the same scenario and seed give the same placement on any machine and
    under any load. ``time_budget`` is only a safety cap for pathological cases, in CPU
    seconds of this process (``time.process_time``), which other jobs on the machine do
    not eat into; if it is ever reached, that run is not reproducible. ``deadline`` (a
    ``time.monotonic()`` value) is a second cap on the wall clock, for a solve whose
    limit must hold under load: the greedy then stops after its current round or
    insertion. From :data:`AT_SCALE` sessions on, ``work`` defaults to
    :meth:`GreedyWork.at_scale`, whose counts are generous: the caps end it there.

    ``cap``, when given, is the whole deadline object instead of ``time_budget`` and
    ``deadline`` (a solve passes the one it derived from the user's limit, or
    :meth:`Cap.never` under ``--deterministic``). Every round asks it every few sessions
    (:func:`placement.one_round`): once it has passed, even the first round stops, and
    the best placement so far (possibly a partial first round) is returned.
    """
    if work is None:
        work = GreedyWork.at_scale() if len(facts) >= AT_SCALE else GreedyWork(rounds=rounds)
    if cap is None:
        cpu_cap = time.process_time() + (time_budget if time_budget is not None else SAFETY_CAP)
        cap = Cap(cpu_cap, deadline)
    required = [f.id for f in facts.values() if not f.optional]
    spent: list[int] = []
    best: tuple[dict[str, Spot], list[ScheduledBreak]] | None = None
    with placement.boards_shared(scenario, facts):
        for attempt in range(max(1, work.attempts)):
            # Attempt 0 uses the seed itself; later ones their own (reproducible) stream.
            rng = random.Random(seed if attempt == 0 else f"{seed}/{attempt}")
            placed, breaks = _attempt(scenario, facts, work, cap, rng, attempt > 0, spent)
            if best is None or len(placed) > len(best[0]):
                best = (placed, breaks)
            if all(sid in best[0] for sid in required) or cap.reached():
                break
    assert best is not None
    return to_schedule(scenario, facts, *best)


def greedy_start(scenario: Scenario, facts: dict[str, SessionFacts], *,
                 time_budget: float | None, seed: int) -> Schedule | None:
    """The default :class:`StartHeuristic`: :func:`greedy_schedule` with its usual work."""
    return greedy_schedule(scenario, facts, time_budget=time_budget, seed=seed)


def _attempt(scenario: Scenario, facts: dict[str, SessionFacts], work: GreedyWork, cap: Cap,
             rng: random.Random, shaken: bool, spent: list[int],
             ) -> tuple[dict[str, Spot], list[ScheduledBreak]]:
    """Squeaky-wheel rounds, then eject-and-reinsert: the best placement found."""
    order = (placement.order(scenario, facts, by_starts=True) if work.by_starts
             else placement.order(scenario, facts))
    rank = {f.id: placement.priority(f) for f in order}
    if shaken:
        placement.shake(order, rng)
        order = placement.respect_after(scenario, sorted(order, key=lambda f: rank[f.id]))
    best: tuple[dict[str, Spot], list[ScheduledBreak], list[SessionFacts], Board] | None = None
    stalled = 0
    for _ in range(max(1, work.rounds)):
        placed, breaks, board = placement.one_round(scenario, order, facts,
                                                    joint=work.joint_exclusive, cap=cap)
        stuck = best is not None and len(placed) <= len(best[0])
        stalled = stalled + 1 if stuck else 0
        if best is None or len(placed) > len(best[0]):
            best = (placed, breaks, order, board)
        missing = [f for f in order if f.id not in placed]
        if not missing or stalled >= work.stall_rounds or cap.reached():
            break
        rest = [f for f in order if f.id in placed]
        if stuck:
            placement.shake(rest, rng)
        # Stable: pinned, then movable exclusive sessions, each with the left-out first.
        order = placement.respect_after(scenario,
                                        sorted([*missing, *rest], key=lambda f: rank[f.id]))
    assert best is not None
    placed, breaks, order, board = best
    if work.chains:  # chains first: cheap, and they never leave a placed session out
        _chains(scenario, facts, board, placed, order, cap)
        if work.replan:  # a plan that shut required sessions out: play again
            placed, breaks, board = replan.keep_clear(
                scenario, facts, order, placement.Round(placed, breaks, board),
                lambda r: _chains(scenario, facts, r.board, r.placed, order, cap), cap)
    if work.handoff and work.chains and work.submodel and _required_missing(order, placed):
        placed = _handed_over(scenario, facts, order, (placed, board), work, cap, rng, spent)
        if not _required_missing(order, placed):
            return placed, breaks
        board = placement.board_of(scenario, facts, placed)
    found = _eject_rounds(scenario, facts, order, (placed, board), work,
                          cap.share(EJECT_SHARE) if work.chains else cap, rng, spent)
    if work.chains and _required_missing(order, found) and not cap.reached():
        board = placement.board_of(scenario, facts, found)
        _chains(scenario, facts, board, found, order,
                cap.share(CHAINS_SHARE) if work.submodel else cap)
        missing = _required_missing(order, found)
        if work.submodel and missing and not cap.reached():
            place_by_submodel(board, facts, found, missing,
                              Limits(scenario.parallel_limit, scenario.hybrid.licences, cap))
    return found, breaks


EJECT_SHARE = 0.5
"""With ``GreedyWork.chains``: eject-and-reinsert ends by this share of the greedy's time
left when it starts, so that the chains and the repair sub-model can still run on its best
placement (at 0.75, on the 10,000-session congress seed 3, the CPU cap reached the
sub-model before it placed anything: 3 left out; at 0.5, 2)."""


CHAINS_SHARE = 0.3
"""With ``GreedyWork.submodel``: the last chains end by this share of the time left when
they start, so that the sub-model gets the rest (a chain that cannot place a session
searches until the cap)."""


def _handed_over(scenario: Scenario, facts: dict[str, SessionFacts], order: list[SessionFacts],
                 round_: tuple[dict[str, Spot], Board], work: GreedyWork, cap: Cap,
                 rng: random.Random, spent: list[int]) -> dict[str, Spot]:
    """Eject-and-reinsert until it has gone ``work.handoff`` insertions without fewer
    sessions left out (or placed them all), then, on its best placement, the chains and
    the repair sub-model for the required sessions still left out; the placement.

    Rule: eject-and-reinsert places many sessions fast and then, when a few cannot be
    placed by moving at most a handful of others, searches on until its patience or its
    share of the time is gone; the chains and the sub-model, which look deeper, often
    place those few at once. So they get their turn as soon as the search stalls, with
    :data:`HANDOFF_SHARE` of the time left each; when they leave a required session
    out, the greedy goes on as before (eject-and-reinsert with its whole patience, from
    this placement). A search that never stalls that long ends exactly as before.
    """
    placed, board = round_
    left = work.steps_per_session * len(facts) - sum(spent)
    eject = cap.share(EJECT_SHARE)
    found = eject_and_reinsert(
        board, facts, dict(placed), [f for f in order if f.id not in placed],
        scenario.parallel_limit, scenario.hybrid.licences, eject.cpu, rng,
        max_steps=min(work.steps, max(0, left)), patience=work.handoff, spent=spent,
        wall=eject.wall)
    if not _required_missing(order, found) or cap.reached():
        return found
    board = placement.board_of(scenario, facts, found)
    _chains(scenario, facts, board, found, order, cap.share(HANDOFF_SHARE))
    missing = _required_missing(order, found)
    if missing and not cap.reached():
        place_by_submodel(board, facts, found, missing,
                          Limits(scenario.parallel_limit, scenario.hybrid.licences,
                                 cap.share(HANDOFF_SHARE)))
    return found


HANDOFF_SHARE = 0.3
"""The chains and the sub-model after a stalled first search (:func:`_handed_over`)
each end by this share of the greedy's time left when they start, so that the rest of
the greedy keeps most of it when they fail."""


def _required_missing(order: list[SessionFacts], placed: dict[str, Spot]) -> list[SessionFacts]:
    return [f for f in order if not f.optional and f.id not in placed]


def _chains(scenario: Scenario, facts: dict[str, SessionFacts], board: Board,
            placed: dict[str, Spot], order: list[SessionFacts], cap: Cap) -> None:
    """Ejection chains of depth 2 for the required sessions ``placed`` leaves out, in the
    round's order (``board`` and ``placed`` change in place)."""
    missing = _required_missing(order, placed)
    if missing:
        place_by_chains(board, facts, placed, missing,
                        Limits(scenario.parallel_limit, scenario.hybrid.licences, cap))


def _eject_rounds(scenario: Scenario, facts: dict[str, SessionFacts], order: list[SessionFacts],
                  round_: tuple[dict[str, Spot], Board], work: GreedyWork, cap: Cap,
                  rng: random.Random, spent: list[int]) -> dict[str, Spot]:
    """Eject-and-reinsert from the best round (on that round's own board: at scale a
    round costs seconds), restarted from a fresh round of a shaken order while sessions
    are still left out, up to ``work.restarts`` times; the placement leaving fewest out."""
    placed, board = round_
    best = placed
    rank = {f.id: placement.priority(f) for f in order}
    for restart in range(work.restarts):
        missing = [f for f in order if f.id not in best]
        left = work.steps_per_session * len(facts) - sum(spent)
        if not missing or left <= 0 or cap.reached():
            break
        if restart:  # restart from a shaken order: other rounds get stuck elsewhere
            order = list(order)
            placement.shake(order, rng)
            order = placement.respect_after(scenario, sorted(order, key=lambda f: rank[f.id]))
            start, _, board = placement.one_round(scenario, order, facts,
                                                  joint=work.joint_exclusive, cap=cap)
        else:  # the best round's board: the same as a fresh round of its order
            start = dict(placed)
        found = eject_and_reinsert(
            board, facts, start, [f for f in order if f.id not in start],
            scenario.parallel_limit, scenario.hybrid.licences, cap.cpu, rng,
            max_steps=min(work.steps, left), patience=work.patience, spent=spent,
            wall=cap.wall)
        if len(found) > len(best):
            best = found
    return best


def to_schedule(scenario: Scenario, facts: dict[str, SessionFacts], placed: dict[str, Spot],
                breaks: list[ScheduledBreak]) -> Schedule | None:
    """The placement as a feasible-status :class:`Schedule` (None when nothing is placed);
    optional sessions left out are listed as dropped."""
    if not placed:
        return None
    grid = TimeGrid(scenario)
    placed = series_in_day_order(scenario, placed)
    sessions = []
    for sid, spot in placed.items():
        session = facts[sid].session
        day = grid.day_of(spot.start)
        start = grid.clock(spot.start)
        sessions.append(ScheduledSession(
            id=sid, title=session.title, instrument=session.instrument,
            day=scenario.days[day], start=start,
            end=start + facts[sid].durations.get(day, scenario.duration(session)),
            room=spot.room, track=spot.track, format=session.format,
            people=dict(session.people), participants=session.participants,
            series=session.series,
        ))
    dropped = [f.id for f in facts.values() if f.id not in placed and f.optional]
    return Schedule(event=scenario.event.name, event_id=scenario.event.id,
                    timezone=scenario.event.timezone,
                    status=SolveStatus.FEASIBLE, sessions=sessions, breaks=breaks,
                    dropped=dropped)


def series_in_day_order(scenario: Scenario, placed: Mapping[str, Spot]) -> dict[str, Spot]:
    """Relabel the meetings of each series so that meeting k is held before meeting k+1.

    The meetings of a series (``repeat:``; ids ``X#1``, ``X#2``, ... with occurrence
    1, 2, ...) are identical copies except their id and occurrence, so handing their
    placements round keeps every other rule. The placed meetings' spots, earliest first,
    go to the lowest occurrences (a meeting left out is then the last one). A series is
    left as it is when some session's ``after``, ``same-day-as`` or ``not-parallel-with``
    names one of its meetings by id (``cop#2``): that meeting is then not a plain copy.
    """
    named = {ref for s in scenario.sessions
             for ref in (*s.after, *s.same_day_as, *s.not_parallel_with)}
    meetings: dict[str, list[tuple[int, str]]] = {}
    for session in scenario.sessions:
        if session.series is not None and session.occurrence is not None:
            meetings.setdefault(session.series, []).append((session.occurrence, session.id))
    out = dict(placed)
    for ids in meetings.values():
        ids.sort()
        if any(sid in named for _, sid in ids):
            continue
        spots = sorted((placed[sid] for _, sid in ids if sid in placed), key=lambda sp: sp.start)
        for _, sid in ids:
            out.pop(sid, None)
        for (_, sid), spot in zip(ids, spots, strict=False):
            out[sid] = spot
    return out
