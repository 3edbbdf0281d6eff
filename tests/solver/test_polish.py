"""The polished start of small events (scheduler/solver/polish.py): swaps and shifts that
lower the soft terms, never a broken rule, never worse than the start by the checker."""

from __future__ import annotations

import random
import time
from collections import Counter
from types import SimpleNamespace
from typing import Any

import pytest

from scheduler.checker import check
from scheduler.facts import FactBuilder, SessionFacts
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver import SolveOptions, solve
from scheduler.solver import polish as polishing
from scheduler.solver import run as running
from scheduler.solver.greedy import greedy_schedule
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.polish import (
    Place,
    PolishSearch,
    anneal_applies,
    anneal_start,
    held,
    polish,
)


def event(seed: int = 0, *, simple: bool = True, sessions: int = 30, rooms: int = 2,
          days: int = 2, tracks: int = 2, registrations: int = 90) -> Scenario:
    """A generated pycon-shaped event (talks only unless ``simple`` is False)."""
    params = params_for("pycon", simple=simple, sessions=sessions, rooms=rooms, days=days,
                        tracks=tracks, registrations=registrations)
    return parse_scenario(generate_yaml(params, seed), "pycon.yaml")


def greedy(scenario: Scenario) -> tuple[dict[str, SessionFacts], Schedule]:
    """The facts and the plain greedy start (people chosen), not polished."""
    facts = FactBuilder(scenario).build()
    placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                             time_budget=30.0, rounds=running.GREEDY_ROUNDS, seed=0)
    assert placed is not None
    return facts, choose_people(scenario, placed)


def test_polish_lowers_the_checkers_objective() -> None:
    scenario = event()
    facts, start = greedy(scenario)
    before = check(scenario, start)
    assert before.ok and before.terms["participant_clashes"].value > 0
    polished = polish(scenario, facts, start)
    after = check(scenario, polished)
    assert after.ok, after.violations
    assert after.objective < before.objective
    assert after.terms["participant_clashes"].value < before.terms["participant_clashes"].value


def test_each_move_changes_the_objective_as_the_checker_counts_it() -> None:
    """The search's incremental score (every term a move changes) agrees with the checker,
    move by move, here with room changes and facilitators weighted too."""
    scenario = event(seed=3, registrations=120)
    scenario.weights.room_changes = 2
    facts, start = greedy(scenario)
    search = PolishSearch(scenario, facts, start, set())
    objective = check(scenario, search.schedule()).objective
    taken = 0
    for sid in list(search.place):
        move = search._best_move(sid)
        if move is None:
            continue
        expected = search.delta(move)
        search._apply(move)
        report = check(scenario, search.schedule())
        assert report.ok, report.violations
        assert report.objective - objective == expected
        objective = report.objective
        taken += 1
    assert taken >= 3


def test_a_start_that_breaks_a_rule_is_returned_as_it_is() -> None:
    scenario = event()
    facts, start = greedy(scenario)
    first, second = start.sessions[0], start.sessions[1]
    broken = start.model_copy(update={"sessions": [
        first, second.model_copy(update={"day": first.day, "start": first.start,
                                         "end": first.start + (second.end - second.start),
                                         "room": first.room}),
        *start.sessions[2:]]})
    assert not check(scenario, broken).ok
    assert polish(scenario, facts, broken) is broken


def test_tied_sessions_stay_and_the_rules_hold() -> None:
    """A pycon-shaped event with series, workshops and an award ceremony (it runs alone):
    series meetings and the ceremony keep their places; the checker finds nothing broken."""
    scenario = event(simple=False, sessions=60, rooms=4, days=2, tracks=3, registrations=150)
    facts, start = greedy(scenario)
    polished = polish(scenario, facts, start)
    assert polished is not start  # it found something to improve
    report = check(scenario, polished)
    assert report.ok, report.violations
    assert report.objective < check(scenario, start).objective
    tied = held(scenario, facts)
    assert tied
    where = {s.id: (s.day, s.start, s.room) for s in start.sessions}
    for s in polished.sessions:
        if s.id in tied:
            assert (s.day, s.start, s.room) == where[s.id]


def test_the_deadline_stops_it() -> None:
    scenario = event()
    facts, start = greedy(scenario)
    assert polish(scenario, facts, start, deadline=time.monotonic() - 1) is start


def test_the_greedy_start_of_a_small_event_is_polished(monkeypatch: pytest.MonkeyPatch) -> None:
    """``run.greedy_start`` polishes up to POLISH_UP_TO sessions, and only then."""
    scenario = event()
    facts, plain = greedy(scenario)
    start = running.greedy_start(scenario, facts, time_budget=30.0, seed=0)
    assert start is not None
    assert check(scenario, start).objective < check(scenario, plain).objective
    monkeypatch.setattr(running, "POLISH_UP_TO", len(scenario.sessions) - 1)
    scaled = running.greedy_start(scenario, facts, time_budget=30.0, seed=0)
    assert scaled is not None  # the larger events' polish (up to SCALE_UP_TO)
    assert check(scenario, scaled).objective < check(scenario, plain).objective
    monkeypatch.setattr(running, "SCALE_UP_TO", len(scenario.sessions) - 1)
    again = running.greedy_start(scenario, facts, time_budget=30.0, seed=0)
    assert again is not None
    assert check(scenario, again).objective == check(scenario, plain).objective


# ---------------------------------------------------------------- larger events


def larger(shape: str) -> Scenario:
    """A generated event of 150 sessions (above POLISH_UP_TO: the pruned moves): large
    (registrations, 5 licences that bind, people with a daily limit) or informs (no
    registrations, daily limits)."""
    if shape == "large":
        params = params_for("large", sessions=150, rooms=10, days=2, registrations=300)
    else:
        params = params_for("informs", sessions=150, rooms=14, days=3)
    return parse_scenario(generate_yaml(params, 1), f"{shape}.yaml")


@pytest.mark.parametrize("shape", ["large", "informs"])
def test_at_scale_each_move_changes_the_objective_as_the_checker_counts_it(
        shape: str) -> None:
    """The pruned moves (swaps, shifts in the room, moves to another room at the same
    time) are scored exactly and break no hard rule, move by move, by the checker."""
    scenario = larger(shape)
    facts, start = greedy(scenario)
    search = PolishSearch(scenario, facts, start, set())
    assert search.scale
    objective = check(scenario, search.schedule()).objective
    kinds: Counter[str] = Counter()
    for sid in list(search.place):
        if sid in search.held:
            continue
        move = search._best_move_at_scale(sid)
        if move is None:
            continue
        expected = search.delta(move)
        assert expected < 0
        here = search.place[sid]
        kinds["swap" if len(move) == 2 else
              "room" if move[sid].start == here.start else "shift"] += 1
        search._apply(move)
        report = check(scenario, search.schedule())
        assert report.ok, report.violations
        assert report.objective - objective == expected
        objective = report.objective
    assert kinds["swap"] >= 3 and kinds["shift"] + kinds["room"] >= 1, kinds


def test_at_scale_the_tables_follow_the_moves() -> None:
    """After moves, the incremental clash tables, day ends, licence counts and people's
    sessions per day are what a fresh search over the same places computes."""
    scenario = larger("large")
    facts, start = greedy(scenario)
    search = PolishSearch(scenario, facts, start, set())
    assert search.sweep(None)
    fresh = PolishSearch(scenario, facts, search.schedule(), set())
    assert search.clash_at == fresh.clash_at
    assert search.latest == fresh.latest
    assert [(limit, +counts) for limit, _, counts in search.crowds] == \
        [(limit, +counts) for limit, _, counts in fresh.crowds]
    assert +search.per_person_day == +fresh.per_person_day


def test_at_scale_no_move_passes_the_licences_or_a_daily_limit() -> None:
    """A shift onto a time when every licence is held, or onto a day a person is already
    at their limit, is refused before the checker sees it."""
    scenario = larger("large")
    facts, start = greedy(scenario)
    search = PolishSearch(scenario, facts, start, set())
    (limit, members, counts), = search.crowds
    g = search.grid.g
    full = {step for step, n in counts.items() if n >= limit}
    assert full, "the licences do not bind on this event"
    refused = 0
    for sid in sorted(members):
        here = search.place[sid]
        length = here.end - here.start
        for first in search.starts[sid]:
            steps = set(range(first // g, (first + length) // g))
            mine = set(range(here.start // g, here.end // g))
            if steps & full - mine:
                assert not search._crowd_ok({sid: Place(first, first + length, here.room)})
                refused += 1
    assert refused
    # a person at their daily limit: another of their sessions may not join that day
    busy = [(pid, day) for (pid, day), n in search.per_person_day.items()
            if n >= search.daily_limit[pid]]
    assert busy, "no daily limit binds on this event"
    moves = [(sid, day) for pid, day in busy for sid in search.place
             if pid in search.listed[sid] and search._day(search.place[sid].start) != day]
    assert moves, "nobody at their daily limit has a session on another day"
    for sid, day in moves:
        here = search.place[sid]
        first = day * search.day_minutes + here.start % search.day_minutes
        assert not search._crowd_ok({sid: Place(first, first + here.end - here.start,
                                                 here.room)})


def test_at_scale_the_spread_ranking_is_the_checkers_spread_change() -> None:
    """The instrument-spread change a new start's ranking reads for each day is the
    change the checker counts when the session alone moves to that day."""
    scenario = larger("informs")
    facts, start = greedy(scenario)
    search = PolishSearch(scenario, facts, start, set())
    assert search.spread_cap and scenario.weights.instrument_spread
    assert search.by_rooms  # no clash pairs: ranked by spread (large: not)
    large_facts, large_start = greedy(larger("large"))
    assert not PolishSearch(larger("large"), large_facts, large_start, set()).by_rooms
    spread = check(scenario, start).terms["instrument_spread"].penalty
    compared = nonzero = 0
    for sid in sorted(search.place)[::5]:
        here = search.place[sid]
        length = here.end - here.start
        ranked = search._spread_by_day(sid)
        for first in search.starts[sid]:
            day = search._day(first)
            moved = {s.id: s for s in start.sessions}
            clock = first % search.day_minutes
            moved[sid] = moved[sid].model_copy(update={
                "day": scenario.days[day], "start": clock, "end": clock + length})
            schedule = start.model_copy(update={"sessions": list(moved.values())})
            after = check(scenario, schedule).terms["instrument_spread"].penalty
            assert ranked[day] == after - spread, (sid, day)
            compared += 1
            nonzero += ranked[day] != 0
            break  # the first start of each day is enough: spread counts days only
    assert compared and nonzero, (compared, nonzero)


def test_at_scale_a_new_start_tries_the_tracks_rooms_of_that_day_first() -> None:
    """A session's own room comes first, then the rooms its track holds on the day it
    moves to (no extra room for the track), then the others in their order."""
    scenario = larger("informs")
    facts, start = greedy(scenario)
    search = PolishSearch(scenario, facts, start, set())
    checked = 0
    for sid in sorted(search.place):
        track = search.sessions[sid].track
        here = search.place[sid]
        fits = search._fits(sid)
        rooms = sorted(fits, key=lambda room: (room != here.room, fits[room], str(room)))
        for day in range(len(scenario.days)):
            order = search._rooms_for(track, day, rooms)
            assert sorted(order, key=str) == sorted(rooms, key=str)
            assert order[0] == rooms[0]
            held_rooms: Counter[str] = search.rooms_of.get(
                ("track_room_stability", track or "", day), Counter())
            mine = [r for r in rooms[1:] if r is not None and held_rooms.get(r, 0) > 0]
            assert order[1:1 + len(mine)] == mine
            rest = order[1 + len(mine):]
            assert rest == [r for r in rooms[1:] if r not in mine]
            checked += bool(mine)
    assert checked


def test_the_tracks_rooms_of_the_day_come_right_after_the_own_room_by_hand() -> None:
    """The rule on a hand-made case (the test above recomputes the order the way the code
    does): track T holds rooms B and D on day 2, nothing on day 1."""
    held = SimpleNamespace(rooms_of={
        ("track_room_stability", "T", 2): Counter({"B": 2, "D": 1, "E": 0})})
    rooms: list[str | None] = ["A", "C", "B", "E", "D"]  # own room first, then by fit
    assert PolishSearch._rooms_for(held, "T", 2, rooms) == ["A", "B", "D", "C", "E"]  # type: ignore[arg-type]
    assert PolishSearch._rooms_for(held, "T", 1, rooms) == rooms  # type: ignore[arg-type]
    assert PolishSearch._rooms_for(held, None, 2, rooms) == rooms  # type: ignore[arg-type]
    own_held: list[str | None] = ["B", "C", "D"]  # its own room is one the track holds
    assert PolishSearch._rooms_for(held, "T", 2, own_held) == ["B", "D", "C"]  # type: ignore[arg-type]


@pytest.mark.parametrize("shape", ["large", "informs"])
def test_a_larger_events_start_is_polished(shape: str) -> None:
    scenario = larger(shape)
    facts, start = greedy(scenario)
    before = check(scenario, start)
    polished = polish(scenario, facts, start)
    after = check(scenario, polished)
    assert after.ok, after.violations
    assert after.objective < 0.9 * before.objective
    where = {s.id: (s.day, s.start, s.room) for s in start.sessions}
    for s in polished.sessions:
        if s.id in held(scenario, facts):
            assert (s.day, s.start, s.room) == where[s.id]


def test_each_better_schedule_is_told_as_the_checker_scores_it() -> None:
    """``on_better`` hears the start's checked objective first, then each better pass's,
    ending with the returned schedule's: what a live status line may show at once."""
    scenario = larger("large")
    facts, start = greedy(scenario)
    told: list[float] = []
    polished = polish(scenario, facts, start, on_better=told.append)
    assert told[0] == check(scenario, start).objective
    assert told[-1] == check(scenario, polished).objective
    assert len(told) >= 2 and all(b < a for a, b in zip(told, told[1:], strict=False))


def test_a_start_that_breaks_a_rule_is_never_told() -> None:
    scenario = event()
    facts, start = greedy(scenario)
    first = start.sessions[0]
    broken = start.model_copy(update={"sessions": [*start.sessions, first]})
    told: list[float] = []
    assert polish(scenario, facts, broken, on_better=told.append) is broken
    assert told == []


@pytest.mark.slow
def test_a_solve_from_the_polished_start_proves_the_optimum() -> None:
    scenario = event(sessions=25, registrations=75)
    result = solve(scenario, SolveOptions(time_limit=10, deterministic=True,
                                          handle_sigint=False))
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, report.violations
    assert report.objective == result.schedule.objective


def test_the_annealing_of_a_pycon_start_goes_below_the_descent_and_moves_tied_sessions(
        ) -> None:
    """A pycon-shaped event of 60 sessions (mixed lengths, clash pairs: ``anneal_applies``):
    the annealing of the polished start ends lower, by the checker, with every rule kept,
    and it moves sessions the passes hold (series, ``after``)."""
    scenario = event(simple=False, sessions=60, rooms=4, days=2, tracks=3, registrations=150)
    facts, start = greedy(scenario)
    assert anneal_applies(scenario, facts)
    descended = polish(scenario, facts, start)
    objective = check(scenario, descended).objective
    annealed = anneal_start(scenario, facts, descended, objective, moves=10_000, seed=0)
    report = check(scenario, annealed)
    assert report.ok, report.violations
    assert report.objective < objective
    where = {s.id: (s.day, s.start, s.room) for s in start.sessions}
    tied = held(scenario, facts) - {sid for sid, f in facts.items() if f.exclusive}
    assert any((s.day, s.start, s.room) != where[s.id] for s in annealed.sessions
               if s.id in tied)


def test_the_annealing_phase_needs_its_time_and_is_skipped_without_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``run.anneal``: with the solve's time still ahead the polished start of a
    pycon-like event is annealed (a better checked schedule becomes the start); with less
    than ``ANNEAL_AT_LEAST`` of it to take the start is kept as it is."""
    scenario = event(simple=False, sessions=60, rooms=4, days=2, tracks=3, registrations=150)
    facts, start = greedy(scenario)
    polished = polish(scenario, facts, start)
    polished.objective = check(scenario, polished).objective
    monkeypatch.setattr(running, "ANNEAL_MOVES_ON_CLOCK", 10_000)
    calls: list[float | None] = []

    def counted(*args: Any, **kwargs: Any) -> Schedule:
        calls.append(kwargs["until"])
        return anneal_start(*args, **kwargs)
    monkeypatch.setattr(running, "anneal_start", counted)

    def phase(seconds_left: float) -> Schedule | None:
        run = running.Run(scenario, SolveOptions(time_limit=10.0), time.monotonic(),
                          facts=facts, start=polished)
        run.start_cap = Cap(wall=time.monotonic())  # the start heuristic's, spent
        run.deadline = Cap(wall=time.monotonic() + seconds_left)
        return running.anneal(run, polished)

    assert phase(running.ANNEAL_AT_LEAST) is polished
    assert not calls  # not even tried
    annealed = phase(30.0)
    assert len(calls) == 1
    assert annealed is not None and annealed is not polished
    report = check(scenario, annealed)
    assert report.ok and report.objective < polished.objective


def test_the_annealing_takes_most_of_the_time_left_but_leaves_cp_sat_its_presolve(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``run.anneal_seconds``: ``ANNEAL_SHARE`` of the solve's time left on an idle
    process; less on a slow one, so that CP-SAT keeps ``ANNEAL_RESERVE_CPU`` CPU seconds
    at its speed (its presolve gives the bound); never below ``ANNEAL_LEAST_SHARE``;
    its count alone under ``deterministic``."""
    run = running.Run(event(), SolveOptions(time_limit=10.0), time.monotonic())
    run.deadline = Cap(wall=time.monotonic() + 10.0)
    seconds = {}
    for rate in (1.0, 0.25, 0.1):
        monkeypatch.setattr(running, "speed", lambda _run, rate=rate: rate)
        seconds[rate] = running.anneal_seconds(run)
    assert seconds[1.0] == pytest.approx(10.0 * polishing.ANNEAL_SHARE, abs=0.1)
    assert seconds[0.25] == pytest.approx(10.0 - polishing.ANNEAL_RESERVE_CPU / 0.25, abs=0.1)
    assert seconds[0.1] == pytest.approx(10.0 * polishing.ANNEAL_LEAST_SHARE, abs=0.1)
    run.deadline = Cap.never()
    assert running.anneal_seconds(run) is None


def test_a_relocation_of_the_annealing_takes_the_fewest_clash_start_of_its_draws(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``PolishSearch._random_move``: with enough draws (``ANNEAL_START_DRAWS``) every
    relocation of a session goes to a start of its fewest clashes (where that start is
    free for it); with one draw (a random start, as before) some go elsewhere."""
    scenario = event(simple=False, sessions=60, rooms=4, days=2, tracks=3, registrations=150)
    facts, start = greedy(scenario)
    search = PolishSearch(scenario, facts, start, set())

    def relocations(sid: str, draws: int) -> list[int]:
        monkeypatch.setattr(polishing, "ANNEAL_START_DRAWS", draws)
        place = search.place[sid]
        search.partners[place.end - place.start] = [sid]  # a swap with itself: None
        rng = random.Random(0)
        moves = (search._random_move(sid, rng) for _ in range(100))
        return [search.clash_at[sid][m[sid].start] for m in moves if m is not None]
    tested, above = 0, 0
    for sid in search.place:
        table = search.clash_at[sid]
        if sid in search.exclusive or len(set(table.values())) < 3:
            continue
        if tested >= 3 and above > 0:
            break
        chosen = relocations(sid, 20 * len(table))
        if chosen:  # the fewest-clash start is free for it
            least = min(table.values())
            assert set(chosen) == {least}
            above += sum(n > least for n in relocations(sid, 1))
            tested += 1
    assert tested >= 3 and above > 0


def test_the_annealing_tells_better_checked_schedules_on_its_way(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``anneal_start(tell=...)``: on the wall clock each best state of the walk that the
    checker passes and scores lower than every one told before is told (``tell_annealed``:
    the status line, and what a Ctrl-C keeps), at most every ``ANNEAL_TELL_EVERY`` s."""
    scenario = event(simple=False, sessions=60, rooms=4, days=2, tracks=3, registrations=150)
    facts, start = greedy(scenario)
    descended = polish(scenario, facts, start)
    objective = check(scenario, descended).objective
    assert objective is not None
    monkeypatch.setattr(polishing, "ANNEAL_TELL_EVERY", 0.0)
    told: list[float] = []

    def tell(schedule: Schedule) -> None:
        report = check(scenario, schedule)
        assert report.ok, report.violations
        assert report.objective is not None
        told.append(report.objective)
    annealed = anneal_start(scenario, facts, descended, objective, moves=5_000,
                            until=time.monotonic() + 600.0, seed=0, tell=tell)
    assert told and told == sorted(told, reverse=True) and len(set(told)) == len(told)
    assert told[0] < objective
    final = check(scenario, annealed).objective
    assert final is not None and final < objective
