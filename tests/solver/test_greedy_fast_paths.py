"""The greedy's fast paths give what the plain code they replaced gives.

Each test runs the plain version (kept here as the reference: the code before the
10,000-session speed-ups of #17) beside the fast one on generated events and the shipped
scenarios: the order sessions are taken in, and every spot :meth:`Board.fits` yields at
every step of a first-fit round (also when the caller moves a session between two spots).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scheduler.facts import FactBuilder, SessionFacts
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import load_scenario, parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.solver.greedy import placement
from scheduler.solver.greedy.board import Board, Relations, Spot, domain_ranges

SCENARIOS = sorted(Path(__file__).resolve().parents[2].glob("scenarios/*.yaml"))


def _generated(shape: str, seed: int, sessions: int | None = None, rooms: int | None = None,
               registrations: int | None = None) -> Scenario:
    params = params_for(shape, sessions=sessions, rooms=rooms, registrations=registrations)
    return parse_scenario(generate_yaml(params, seed=seed), f"{shape}-s{seed}.yaml")


def _shipped(path: Path) -> Callable[[], Scenario]:
    return lambda: load_scenario(path)


EVENTS: dict[str, Callable[[], Scenario]] = {
    "large-300-s1": lambda: _generated("large", 1, sessions=300, rooms=12, registrations=450),
    "large-300-s2": lambda: _generated("large", 2, sessions=300, rooms=12, registrations=450),
    "pycon-s3": lambda: _generated("pycon", 3),
    "euro-150-s5": lambda: _generated("euro", 5, sessions=150, rooms=20),
    **{path.stem: _shipped(path) for path in SCENARIOS
       if not path.stem.startswith("academic")},  # talks: no greedy
}


def reference_order(scenario: Scenario, facts: dict[str, SessionFacts],
                    by_starts: bool = False) -> list[SessionFacts]:
    """:func:`placement.order` as it was: the ready queue re-sorted (stably) whenever
    sessions are freed, each key computed at every sort."""
    members: dict[str, list[str]] = defaultdict(list)
    for s in scenario.sessions:
        members[s.series or s.id].append(s.id)
    preds = {s.id: {p for ref in s.after for p in members.get(ref, [])} for s in scenario.sessions}
    urgency = placement._urgency(facts, preds) if by_starts else {}

    def key(f: SessionFacts) -> tuple[int, ...]:
        choices = f.domain.size() * max(1, len(f.rooms))
        if f.domain.size() == 1:
            return (0, choices, 0)
        if f.exclusive and f.observes_breaks:
            return (1, choices, 0)
        if by_starts:
            held = len(f.session.person_ids) + len(f.session.tracks)
            return (urgency.get(f.id, 2), f.domain.size(), -held, -max(f.durations.values()),
                    len(f.rooms))
        return (2, choices, -max(f.durations.values()))

    ready = sorted((f for f in facts.values() if not preds[f.id]), key=key)
    done: set[str] = set()
    out: list[SessionFacts] = []
    waiting = {f.id: f for f in facts.values() if preds[f.id]}
    while ready:
        f = ready.pop(0)
        out.append(f)
        done.add(f.id)
        freed = [w for w in waiting.values() if preds[w.id] <= done]
        for w in freed:
            del waiting[w.id]
        if freed:
            ready = sorted([*ready, *freed], key=key)
    out.extend(waiting.values())
    return out


def reference_fits(board: Board, f: SessionFacts, placed: dict[str, Spot], limit: int | None,
                   licences: int | None) -> Iterator[Spot]:
    """:meth:`Board.fits` as it was: :meth:`Board.free` at every start, every room of the
    session walked in Python."""
    grid = board.grid
    session = f.session
    steps = f.steps(grid.g)
    relations = Relations(board, f, placed)
    by_size = sorted(f.rooms, key=lambda o: (o.room in board.reserved, board.capacity[o.room]))
    room_ids = [o.room for o in by_size]
    room_domains = {o.room: o.domain for o in f.rooms}
    for a, b in domain_ranges(f.domain.flattened_intervals()):
        for t in range(max(a, relations.earliest), b + 1):
            day = grid.day_of(t)
            size = steps.get(day)
            if size is None or not relations.allows(t, day, size):
                continue
            span = slice(t, t + size)
            if not board.free(f, span, day, limit, licences):
                continue
            track = next((tr for tr in session.tracks
                          if not (board.track[tr][span] >= 0).any()), None)
            if session.tracks and track is None:
                continue
            if not f.needs_room:
                yield Spot(t, size, None, track)
                continue
            for room in room_ids:
                if not board.room_busy[span, board.rooms[room]].any() and \
                        room_domains[room].contains(t):
                    yield Spot(t, size, room, track)
                    break


@pytest.fixture(scope="module", params=sorted(EVENTS))
def event(request: pytest.FixtureRequest) -> tuple[Scenario, dict[str, SessionFacts]]:
    scenario = EVENTS[request.param]()
    return scenario, FactBuilder(scenario).build()


@pytest.mark.parametrize("by_starts", [False, True])
def test_order_is_the_stable_resorted_queue(event: tuple[Scenario, dict[str, SessionFacts]],
                                            by_starts: bool) -> None:
    scenario, facts = event
    fast = [f.id for f in placement.order(scenario, facts, by_starts=by_starts)]
    assert fast == [f.id for f in reference_order(scenario, facts, by_starts=by_starts)]


def test_fits_yields_what_the_plain_walk_yields(
        event: tuple[Scenario, dict[str, SessionFacts]]) -> None:
    """Every spot, at every step of a first-fit round (the board filling up)."""
    scenario, facts = event
    board, _ = placement.fresh_board(scenario, facts)
    placed: dict[str, Spot] = {}
    limit, licences = scenario.parallel_limit, scenario.hybrid.licences
    compared = 0
    for f in placement.order(scenario, facts, by_starts=True):
        fast = list(board.fits(f, placed, limit, licences))
        assert fast == list(reference_fits(board, f, placed, limit, licences)), f.id
        compared += len(fast)
        if fast:
            board.occupy(f, fast[0])
            placed[f.id] = fast[0]
    assert compared > 0 and placed


def test_fits_sees_a_session_placed_between_two_spots() -> None:
    """A caller that places a session while it walks the spots gets the spots the board
    allows now (what the fast path worked out ahead is redone)."""
    scenario = EVENTS["large-300-s1"]()
    facts = FactBuilder(scenario).build()
    board, _ = placement.fresh_board(scenario, facts)
    placed: dict[str, Spot] = {}
    limit, licences = scenario.parallel_limit, scenario.hybrid.licences
    order = placement.order(scenario, facts, by_starts=True)
    moved = 0
    for f, other in zip(order[::2], order[1::2], strict=False):
        fast, plain = board.fits(f, placed, limit, licences), \
            reference_fits(board, f, placed, limit, licences)
        first = next(fast, None)
        assert first == next(plain, None)
        spot = next(board.fits(other, placed, limit, licences), None)
        if spot is not None:  # the other session takes its place while f's walk is open
            board.occupy(other, spot)
            placed[other.id] = spot
            moved += 1
        assert list(fast) == list(plain), f.id
    assert moved > 0
