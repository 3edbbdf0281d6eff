"""The faster greedy paths of huge2 give what the slower ones gave.

- The licence holder of a full licence pool is the placed movable licensed session running
  through the span that comes first on the board; it is now found by walking the licensed
  sessions in board order until the first (``_Related.licence_holder``), not by gathering
  all of them per search.
- The fresh boards of one greedy share what depends on the scenario and facts alone
  (``placement.boards_shared``); the greedy's schedule is the same with and without.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.solver import run
from scheduler.solver.greedy import placement
from scheduler.solver.greedy.eject import _Related
from scheduler.solver.greedy.people import within_people_hours
from scheduler.solver.greedy.start import greedy_schedule


def _event(seed: int) -> tuple[Any, Any]:
    params = params_for("large", sessions=60, rooms=4, days=2, registrations=90)
    scenario = parse_scenario(generate_yaml(params, seed=seed), f"large-60-s{seed}.yaml")
    return scenario, within_people_hours(scenario, run.load_facts(scenario))


@pytest.mark.parametrize("seed", [3, 6])
def test_the_licence_holder_is_the_first_placed_movable_licensed_session_on_the_board(
        seed: int) -> None:
    scenario, facts = _event(seed)
    order = placement.order(scenario, facts, by_starts=True)
    placed, _, board = placement.one_round(scenario, order, facts, joint=True)
    # What the search gathered before: every placed movable licensed session, by index.
    licensed = [(placed[sid].start, placed[sid].end, board.index[sid]) for sid in board.licensed
                if sid in placed and facts[sid].domain.size() > 1]
    assert len(licensed) >= 5
    f = next(f for f in order if f.session.needs_licence)
    related = _Related(board, f, placed, facts)
    asked = 0
    for lo in range(len(board.licences)):
        for hi in range(lo + 1, min(lo + 12, len(board.licences)) + 1):
            want = [i for a, b, i in licensed if a <= lo and hi <= b]
            got = related.licence_holder(lo, hi)
            assert got == (want[0] if want else None)
            asked += got is not None
    assert asked > 0


@contextlib.contextmanager
def _nothing(*_: Any) -> Iterator[None]:
    yield


def test_fresh_boards_in_one_block_share_what_the_facts_decide() -> None:
    scenario, facts = _event(3)
    with placement.boards_shared(scenario, facts):
        one, _ = placement.fresh_board(scenario, facts)
        two, _ = placement.fresh_board(scenario, facts)
    three, _ = placement.fresh_board(scenario, facts)
    assert one.tight is two.tight and one.density is two.density
    assert one.reserved is two.reserved and one.candidate_rooms is two.candidate_rooms
    assert three.tight is not one.tight and three.candidate_rooms is not one.candidate_rooms
    assert one.reserved == three.reserved
    assert [(i, list(starts), size) for i, starts, size in one.tight] == [
        (i, list(starts), size) for i, starts, size in three.tight]
    assert (one.density == three.density).all()
    # What a board changes is its own.
    assert one.blocked is not two.blocked and one.room_owner is not two.room_owner


@pytest.mark.parametrize("seed", [2, 6])
def test_the_greedy_places_the_same_with_and_without_shared_boards(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    params = params_for("large", sessions=200, rooms=8, days=3, registrations=300)
    scenario = parse_scenario(generate_yaml(params, seed=seed), f"large-200-s{seed}.yaml")
    facts = within_people_hours(scenario, run.load_facts(scenario))
    shared = greedy_schedule(scenario, facts, seed=0, rounds=6)
    monkeypatch.setattr(placement, "boards_shared", _nothing)
    alone = greedy_schedule(scenario, facts, seed=0, rounds=6)
    assert shared is not None and alone is not None
    assert shared.model_dump() == alone.model_dump()


def test_a_block_that_ends_first_leaves_the_other_blocks_sharing() -> None:
    # Two solves in two threads: the first block to end takes only its own entry away.
    scenario, facts = _event(3)
    other = dict(facts)  # another facts object of the same scenario
    first = placement.boards_shared(scenario, facts)
    second = placement.boards_shared(scenario, other)
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    one, _ = placement.fresh_board(scenario, other)
    two, _ = placement.fresh_board(scenario, other)
    second.__exit__(None, None, None)
    assert one.tight is two.tight and one.candidate_rooms is two.candidate_rooms
    three, _ = placement.fresh_board(scenario, other)
    assert three.tight is not one.tight
