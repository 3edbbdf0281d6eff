"""The greedy's searches depend on the event and the set of placements, not on the order
the placement dict was filled in (first32): eject-and-reinsert and the chains read the
licence holder of a full licence pool by board index, so a failed chain's undo (which puts
its sessions back at the dict's end) or a budget that cuts work early cannot send what
follows another way."""

from __future__ import annotations

import random
from typing import Any

from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.solver import run
from scheduler.solver.greedy import placement
from scheduler.solver.greedy.board import Spot
from scheduler.solver.greedy.eject import blocked_spots, eject_and_reinsert
from scheduler.solver.greedy.people import within_people_hours
from tests.solver.helpers import first_fit_in_order, scenario_data, talk


def _tight(seed: int) -> tuple[Any, Any, Any, dict[str, Spot], list[Any], int]:
    """A 60-session event's first round with 10 licensed sessions taken off, and a licence
    pool as large as the busiest step then uses (so it is full there)."""
    params = params_for("large", sessions=60, rooms=4, days=2, registrations=90)
    scenario = parse_scenario(generate_yaml(params, seed=seed), f"large-60-s{seed}.yaml")
    facts = within_people_hours(scenario, run.load_facts(scenario))
    order = placement.order(scenario, facts, by_starts=True)
    placed, _, board = placement.one_round(scenario, order, facts, joint=True)
    targets = [f for f in order if f.id not in placed]
    licensed = [f for f in order if f.id in placed and f.session.needs_licence]
    for f in random.Random(seed).sample(licensed, 10):
        board.release(f, placed.pop(f.id))
        targets.append(f)
    return scenario, facts, board, placed, targets, int(board.licences.max())


def test_blocked_spots_and_eject_do_not_depend_on_the_placement_dicts_order() -> None:
    # Seed 6: the two orders gave other blocked spots for 5 of the 10 sessions and another
    # placement from eject-and-reinsert (the licence holder was the first in dict order).
    scenario, facts, board, placed, targets, licences = _tight(6)
    backwards = dict(reversed(list(placed.items())))
    limit = scenario.parallel_limit
    full = 0
    for f in targets:
        got = list(blocked_spots(board, f, facts, placed, limit, licences))
        assert got == list(blocked_spots(board, f, facts, backwards, limit, licences))
        full += f.session.needs_licence and bool(got)
    assert full >= 5  # the licence pool is in the way of most of them
    found = []
    for start in (placed, backwards):
        start = dict(start)
        fresh = placement.board_of(scenario, facts, start)
        found.append(sorted(eject_and_reinsert(
            fresh, facts, start, list(targets), limit, licences, float("inf"),
            random.Random(0), max_steps=300, patience=200).items()))
    assert found[0] == found[1]
    assert len(found[0]) >= len(placed)


def test_a_daily_limit_needs_no_second_move_when_the_persons_session_there_moves() -> None:
    # Ann gives at most two sessions a day. 'x' (day 1 or 2 at 09:00) and 'y' (any day,
    # any time: the most movable) fill her day 1; 'l' can only be on day 1 at 09:00, where
    # 'x' is. Moving 'x' away frees both the hour and a place in Ann's day, so 'x' alone
    # is in the way; the limit used to ask for 'y' to move as well.
    data = scenario_data(
        event={"last-day": "2026-06-03"},
        people=[{"id": "ann", "max-sessions-per-day": 2}],
        sessions=[
            talk("x", people={"speaker": ["ann"]}, days=["2026-06-01", "2026-06-02"],
                 earliest="09:00", latest="09:30"),
            talk("y", people={"speaker": ["ann"]}),
            talk("l", people={"speaker": ["ann"]}, days=["2026-06-01"], earliest="09:00",
                 latest="09:30"),
        ],
    )
    scenario, facts, board, placed, missing, _ = first_fit_in_order(data, ["x", "y", "l"])
    assert [f.id for f in missing] == ["l"]
    assert board.grid.day_of(placed["y"].start) == 0  # Ann's day 1 is full
    spots = list(blocked_spots(board, facts["l"], facts, placed, None, None))
    assert spots and {frozenset(board.ids[b] for b in blockers) for _, blockers in spots} == {
        frozenset({"x"})}
