"""Another round when the exclusive sessions' plan shut required sessions out.

The plan (:func:`~scheduler.solver.greedy.exclusive.plan`) chooses the keynotes' spots
before the other sessions are placed, from how many of each session's starts a spot takes;
it cannot see which of the starts it leaves will be taken by the session's people and
track. So a round may end with a required session whose other starts all went to others
while some of its starts are free of breaks and held only by a movable exclusive session
(10,000 sessions, seed 3: ``keynote-1`` at the end of day 3 took 3 of the 5 break-free
starts of ``dial-8352``, whose other 2 starts its person's and track's sessions held; no
chain, eject-and-reinsert or repair sub-model could place it afterwards).

Rule: after a round and its ejection chains, the required sessions still left out that a
movable exclusive session shuts out (:func:`~scheduler.solver.greedy.exclusive.shut_out`)
are taken in turn, the one losing the largest share of its break-free starts first (only
those that lost at least :data:`SHUT_SHARE` of them). For
each, the plan is made again (on the fixed-in-time sessions alone, as a round starts)
kept clear of its starts and of those of the sessions kept clear so far
(:data:`~scheduler.solver.greedy.exclusive.AVOID_COST` per session a spot takes a start
from, above any squeeze). If that moves no exclusive session, the next one is taken;
otherwise the round is played again with that plan, with its chains, and kept only when it
leaves fewer required sessions out (the session then stays kept clear of). At most
:data:`REPLANS` rounds are played again; counted work, as the rest of the greedy, and the
time caps stop it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from scheduler.facts import SessionFacts
from scheduler.scenario.model import Scenario
from scheduler.solver.greedy import exclusive, placement
from scheduler.solver.greedy.board import Spot
from scheduler.solver.greedy.cap import Cap

REPLANS = 1
"""Most rounds played again with a plan kept clear of shut-out sessions (with 2, seed 3
kept a second session clear, whose round left one fewer out after the chains and two
others out for good: `benchmarks/results/huge/seed3/`)."""
SHUT_SHARE = 0.5
"""A session is kept clear of only when the plan took at least this share of its
break-free starts: one that kept most of them was shut out by its people and track, not
by the plan, and the phases after the chains place it (10,000 sessions, seed 4:
``dial-0469``, 3 of 18, a round played for nothing, 10 CPU s)."""

Chains = Callable[[placement.Round], None]
"""The ejection chains on a round (its board and placement change in place)."""


def required_missing(order: list[SessionFacts], placed: Mapping[str, Spot]) -> list[SessionFacts]:
    """The required sessions of ``order`` that ``placed`` leaves out, in order."""
    return [f for f in order if not f.optional and f.id not in placed]


def keep_clear(scenario: Scenario, facts: dict[str, SessionFacts], order: list[SessionFacts],
               first: placement.Round, chains: Chains, cap: Cap) -> placement.Round:
    """``first`` (a round after its chains), or a round played again with a plan kept
    clear of required sessions the plan shut out, when that leaves fewer out."""
    best = first
    if cap.reached():  # a round the deadline stopped: what it left out, no plan shut out
        return best
    missing = required_missing(order, best.placed)
    hurt = exclusive.shut_out(best.board, facts, best.placed, missing)
    if not hurt:
        return best
    share = {sid: len(spans) / free for sid, (spans, free) in hurt.items()}
    avoid: list[list[tuple[int, int]]] = []
    before = _preview(scenario, facts, best.placed, avoid)
    played = 0
    for sid in sorted(hurt, key=lambda s: (-share[s], s)):
        if played >= REPLANS or share[sid] < SHUT_SHARE or cap.reached():
            break
        trying = [*avoid, hurt[sid][0]]
        after = _preview(scenario, facts, best.placed, trying)
        if after == before:
            continue  # the exclusive sessions cannot keep clear of it: nothing to play
        played += 1
        trial = placement.one_round(scenario, order, facts, joint=True, cap=cap, avoid=trying)
        chains(trial)
        left = required_missing(order, trial.placed)
        if len(left) < len(missing):
            best, missing, avoid, before = trial, left, trying, after
    return best


def _preview(scenario: Scenario, facts: dict[str, SessionFacts], placed: Mapping[str, Spot],
             avoid: exclusive.Avoid) -> set[int]:
    """The starts the plan gives the movable exclusive sessions on a board holding only
    the breaks and the fixed-in-time sessions of ``placed``."""
    board, _ = placement.fresh_board(scenario, facts)
    fixed = {sid: spot for sid, spot in placed.items() if facts[sid].domain.size() == 1}
    for sid, spot in fixed.items():
        board.occupy(facts[sid], spot)
    group = [f for f in facts.values()
             if f.exclusive and f.observes_breaks and f.domain.size() > 1]
    planned = exclusive.plan(board, group, dict(fixed), scenario.parallel_limit,
                             scenario.hybrid.licences, placement.crowd, avoid)
    return {spot.start for spot in planned.values()}
