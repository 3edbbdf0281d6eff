"""At scale the first eject-and-reinsert search hands over to the chains and the repair
sub-model when it stalls (``greedy/start._handed_over``), and the blocked spots are read
by start and track (``eject.blocked_runs``) with the same spots, sets and order as the
spot-by-spot walk they replace."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from scheduler.checker import check
from scheduler.facts import SessionFacts
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.solver import run
from scheduler.solver.greedy import GreedyWork, greedy_schedule, placement
from scheduler.solver.greedy import start as greedy
from scheduler.solver.greedy.board import Board, Spot, session_starts
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.eject import (
    MAX_BLOCKERS,
    _least_blocked,
    _Related,
    blocked_runs,
    blocked_spots,
)
from scheduler.solver.greedy.people import within_people_hours


def _event(sessions: int, rooms: int, days: int, seed: int) -> tuple[Scenario, dict[str, Any]]:
    params = params_for("large", sessions=sessions, rooms=rooms, days=days,
                        registrations=sessions * 3 // 2)
    scenario = parse_scenario(generate_yaml(params, seed=seed), f"large-{sessions}-s{seed}.yaml")
    return scenario, within_people_hours(scenario, run.load_facts(scenario))


def _spots(schedule: Any) -> list[tuple[Any, ...]]:
    assert schedule is not None
    return sorted((s.id, s.day, s.start, s.room, s.track) for s in schedule.sessions)


def test_a_stalled_first_search_hands_over_to_the_chains_and_the_submodel(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 400 sessions, seed 6: the at-scale greedy leaves one required session out that
    # eject-and-reinsert cannot place; its first search stops after HANDOFF insertions
    # without fewer left out, the chains and the sub-model try next, and only then does
    # eject-and-reinsert go on with its whole patience.
    scenario, facts = _event(400, 20, 5, 6)
    calls: list[tuple[str, Any]] = []
    real_eject, real_sub = greedy.eject_and_reinsert, greedy.place_by_submodel

    def eject(*args: Any, **kwargs: Any) -> Any:
        calls.append(("eject", kwargs["patience"]))
        return real_eject(*args, **kwargs)

    def submodel(*args: Any, **kwargs: Any) -> Any:
        calls.append(("submodel", len(args[3])))
        return real_sub(*args, **kwargs)

    monkeypatch.setattr(greedy, "eject_and_reinsert", eject)
    monkeypatch.setattr(greedy, "place_by_submodel", submodel)
    work = GreedyWork.at_scale()
    assert work.handoff == greedy.HANDOFF == 200
    greedy_schedule(scenario, facts, seed=0, work=work, cap=Cap.never())
    assert calls[0] == ("eject", greedy.HANDOFF)
    assert calls[1][0] == "submodel"
    assert ("eject", work.patience) in calls[2:]


@pytest.mark.slow
def test_a_search_that_does_not_stall_ends_as_without_the_handover() -> None:
    # 400 sessions, seed 2: the chains leave sessions out and eject-and-reinsert places
    # them all well within 200 insertions: the same placement with and without it.
    scenario, facts = _event(400, 20, 5, 2)
    work = GreedyWork.at_scale()
    with_it = greedy_schedule(scenario, facts, seed=0, work=work, cap=Cap.never())
    without = greedy_schedule(scenario, facts, seed=0, cap=Cap.never(),
                              work=dataclasses.replace(work, handoff=0))
    assert _spots(with_it) == _spots(without)
    assert with_it is not None and check(scenario, with_it).ok


def _reference(board: Board, f: SessionFacts, facts: dict[str, SessionFacts],
               placed: dict[str, Spot], limit: int | None, licences: int | None,
               pick: int = 0) -> Iterator[tuple[Spot, set[int]]]:
    """The spot-by-spot walk ``blocked_spots`` was before ``blocked_runs`` (main at
    f4238a1), kept here to compare with."""
    session = f.session
    rooms: list[str | None] = [o.room for o in f.rooms] or [None]
    tracks: list[str | None] = list(session.tracks) or [None]
    room_domains = {o.room: o.domain for o in f.rooms}
    room_rows = np.array([board.rooms[r] for r in rooms if r is not None], dtype=np.int64)
    related = _Related(board, f, placed, facts, pick)
    for t, day, size in session_starts(board.grid, f):
        span = slice(t, t + size)
        busy: set[int] = set()
        for pid in session.person_ids:
            busy.update(board.person[pid][span].tolist())
        busy.discard(-1)
        people = related.blockers(t, day, size, busy)  # (first32: the limits see ``busy``)
        if people is None:
            continue
        people |= busy
        if len(people) > MAX_BLOCKERS:
            continue
        if not board.free_of_fixed(f, span, limit, None):
            continue
        if session.needs_licence and licences is not None:
            full = [u for u in range(t, t + size) if board.licences[u] >= licences]
            if full:
                holder = related.licence_holder(full[0], full[-1] + 1)
                if holder is None:
                    continue
                people.add(holder)
        if len(people) > MAX_BLOCKERS:
            continue
        owners: list[set[int]] = []
        if len(room_rows):
            sub = board.room_owner[span][:, room_rows].T  # room x step
            for k, same in enumerate((sub == sub[:, :1]).all(axis=1).tolist()):
                if same:
                    owners.append(set() if sub[k, 0] < 0 else {int(sub[k, 0])})
                else:
                    row = set(sub[k].tolist())
                    row.discard(-1)
                    owners.append(row)
        for track in tracks:
            holders = set(people)
            if track is not None:
                holders.update(board.track[track][span].tolist())
                holders.discard(-1)
            if len(holders) > MAX_BLOCKERS:
                continue
            for k, room in enumerate(rooms):
                if room is not None and not room_domains[room].contains(t):
                    continue
                blockers = set(holders)
                if room is not None:
                    blockers.update(owners[k])
                if 0 < len(blockers) <= MAX_BLOCKERS:
                    yield Spot(t, size, room, track), blockers


@pytest.mark.parametrize("seed", [2, 6])
def test_the_blocked_spots_are_the_same_spots_and_sets_in_the_same_order(seed: int) -> None:
    scenario, facts = _event(400, 20, 5, seed)
    order = placement.order(scenario, facts, by_starts=True)
    placed, _, board = placement.one_round(scenario, order, facts, joint=True)
    # the sessions the round left out, and a few placed ones taken off the board
    targets = [f for f in order if f.id not in placed]
    for f in random.Random(seed).sample([f for f in order if f.id in placed], 12):
        board.release(f, placed.pop(f.id))
        targets.append(f)
    assert len(targets) > 12
    limit, licences = scenario.parallel_limit, scenario.hybrid.licences
    compared = 0
    for f in targets:
        for pick in (0, 1):
            want = list(_reference(board, f, facts, placed, limit, licences, pick))
            got = list(blocked_spots(board, f, facts, placed, limit, licences, pick))
            assert got == want
            runs = [(Spot(t, size, room, track), b) for t, size, track, items
                    in blocked_runs(board, f, facts, placed, limit, licences, pick)
                    for room, b in items]
            assert [s for s, _ in runs] == [s for s, _ in want]
            assert [list(b) for _, b in runs] == [list(b) for _, b in want]  # walk order
            compared += len(got)
            # ``most`` (the chains keep 3 in the way): the same spots with at most that
            # many, in the same order, nothing else (first31: a start or track with more
            # in the way of every room is skipped before its rooms are walked)
            for most in (1, 3):
                kept = [(Spot(t, size, room, track), list(b)) for t, size, track, items
                        in blocked_runs(board, f, facts, placed, limit, licences, pick, most)
                        for room, b in items]
                assert kept == [(s, list(b)) for s, b in want if len(b) <= most]
        # eject's choice: the same spot and blockers from the same random stream
        fast = _least_blocked(board, f, facts, placed, limit, licences, {}, 0, random.Random(1))
        rng = random.Random(1)
        best: tuple[float, Spot, set[int]] | None = None
        for spot, blockers in _reference(board, f, facts, placed, limit, licences):
            if any(facts[board.ids[b]].domain.size() == 1 for b in blockers):
                continue
            cost = sum(1.0 + 0.2 * len(facts[board.ids[b]].session.person_ids)
                       for b in blockers) + rng.random() * 1.5
            if best is None or cost < best[0]:
                best = (cost, spot, blockers)
        assert (fast is None) == (best is None)
        if fast is not None and best is not None:
            assert fast == (best[1], sorted(board.ids[b] for b in best[2]))
    assert compared > 100
