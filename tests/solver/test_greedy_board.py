"""The greedy's board (scheduler/solver/greedy/board.py): occupy, release, free, fits."""

from __future__ import annotations

from typing import Any

import numpy as np

from scheduler.facts import FactBuilder, TimeGrid
from scheduler.solver.greedy import Board, Spot
from scheduler.solver.greedy.placement import first_fit
from tests.solver.helpers import build, scenario_data, talk


def _board(*sessions: Any) -> Any:
    scenario = build(scenario_data(sessions=list(sessions)))
    facts = FactBuilder(scenario).build()
    return scenario, facts, Board(scenario, TimeGrid(scenario))


def _state(board: Board) -> list[np.ndarray]:
    return [board.room_busy.copy(), board.room_owner.copy(), board.running.copy(),
            board.blocked.copy(), board.licences.copy(),
            *(board.person[p].copy() for p in ("ann", "bob")),
            *(board.track[t].copy() for t in ("t1", "t2"))]


def test_release_undoes_occupy() -> None:
    _, facts, board = _board(talk("a", people={"speaker": ["ann", "bob"]}, track="t1"))
    before = _state(board)
    spot = next(board.fits(facts["a"], {}, None, None))
    board.occupy(facts["a"], spot)
    assert board.room_busy.any() and (board.person["ann"] >= 0).any()
    assert board.per_day[("ann", 0)] == 1
    board.release(facts["a"], spot)
    assert all(np.array_equal(x, y) for x, y in zip(before, _state(board), strict=True))
    assert board.per_day[("ann", 0)] == 0


def test_a_persons_busy_span_is_not_free_and_fits_moves_past_it() -> None:
    _, facts, board = _board(talk("a", people={"speaker": ["ann"]}),
                             talk("b", people={"speaker": ["ann"]}))
    first = next(board.fits(facts["a"], {}, None, None))
    assert first == Spot(first.start, 2, "small", None) and first.end == first.start + 2
    board.occupy(facts["a"], first)
    span = slice(first.start, first.end)
    assert not board.free(facts["b"], span, 0, None, None)
    second = first_fit(board, facts["b"], {"a": first}, None, None)
    assert second is not None and not second.overlaps(first.start, first.steps)
    assert second.start == first.end  # the earliest start after ann's first talk


def test_spot_overlap_is_half_open() -> None:
    spot = Spot(4, 2, None, None)
    assert spot.overlaps(5, 1) and spot.overlaps(3, 2)
    assert not spot.overlaps(6, 3) and not spot.overlaps(2, 2)
