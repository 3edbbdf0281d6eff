"""Track moves (scheduler/solver/trackday.py): a few tracks re-timed and re-roomed as one
unit by a CP-SAT sub-model, the rest fixed. Every move is scored as the checker scores
it, breaks no hard rule, and the loop keeps its limits."""

from __future__ import annotations

import time
from typing import Any

import pytest

from scheduler.checker import check
from scheduler.facts import FactBuilder, SessionFacts
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver import polish as polishing
from scheduler.solver import run as running
from scheduler.solver import trackday
from scheduler.solver.greedy import greedy_schedule
from scheduler.solver.greedy.people import choose_people, within_people_hours

TRACK_KINDS = tuple(kind for kind in trackday.KINDS if kind != "slots")


def tracked(shape: str = "informs", seed: int = 1) -> Scenario:
    """A generated event of 150 sessions in tracks, without participant clash pairs
    (informs: people's daily limits) or with them (large: licences that bind)."""
    if shape == "large":
        params = params_for("large", sessions=150, rooms=10, days=2, registrations=300)
    else:
        params = params_for(shape, sessions=150, rooms=20 if shape == "euro" else 14,
                            days=3)
    return parse_scenario(generate_yaml(params, seed), f"{shape}.yaml")


def polished(scenario: Scenario, monkeypatch: pytest.MonkeyPatch
             ) -> tuple[dict[str, SessionFacts], Schedule]:
    """The greedy start polished by swaps and shifts only (no track moves)."""
    facts = FactBuilder(scenario).build()
    placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                             time_budget=30.0, rounds=running.GREEDY_ROUNDS, seed=0)
    assert placed is not None
    monkeypatch.setattr(polishing, "TRACK_MOVES", 0)
    start = polishing.polish(scenario, facts, choose_people(scenario, placed))
    monkeypatch.undo()
    return facts, start


@pytest.mark.parametrize("shape", ["informs", "euro",
                                   pytest.param("large", marks=pytest.mark.slow)])
def test_each_move_changes_the_objective_as_the_checker_counts_it(
        shape: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Of every kind: the sub-model's own change of the objective (its value at the
    solution minus its value at the current places) equals the polish's exact delta and
    the checker's change, and the schedule after the move breaks no hard rule."""
    scenario = tracked(shape)
    facts, start = polished(scenario, monkeypatch)
    work = trackday.TrackMoves(scenario, facts, start, seed=3)
    objective = check(scenario, start).objective
    assert objective is not None
    taken = dict.fromkeys(trackday.KINDS, 0)
    for turn in range(90):
        kind = trackday.KINDS[turn % len(trackday.KINDS)]
        free, every_day = work.choose(kind)
        if not free:
            continue
        sub = work.build(free, every_day, within=kind == "slots")
        move, change, _units = work.solve(sub, seed=turn, exact=True)
        if move is None:
            continue
        assert change == work.search.delta(move), (kind, move)
        if change >= 0 or not work.search._crowd_ok(move):
            continue
        work.search._apply(move)
        report = check(scenario, work.search.schedule())
        assert report.ok, report.violations
        assert report.objective - objective == change
        objective = report.objective
        taken[kind] += 1
    assert taken["tracks"] + taken["tracks all days"] >= 2, taken
    assert taken["slots"] >= 1, taken


def test_held_sessions_never_move(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sessions tied to others (series, after, same-day-as, not-parallel-with,
    exclusive) are in no neighbourhood."""
    scenario = tracked("large")
    facts, start = polished(scenario, monkeypatch)
    work = trackday.TrackMoves(scenario, facts, start, seed=0)
    assert work.held
    for turn in range(60):
        free, _ = work.choose(trackday.KINDS[turn % len(trackday.KINDS)])
        assert not set(free) & work.held


def test_an_infeasible_sub_model_leaves_the_schedule_as_it_was(
        monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    work = trackday.TrackMoves(scenario, facts, start, seed=0)
    build = work.build

    def infeasible(free: list[str], every_day: bool,
                   within: bool = False) -> trackday.SubModel:
        sub = build(free, every_day, within)
        sub.model.add_bool_or([])  # no solution
        return sub

    monkeypatch.setattr(work, "build", infeasible)
    before = dict(work.search.place)
    for kind in trackday.KINDS:
        assert work.step(kind) == 0
    assert work.search.place == before
    assert not any(work.stats.taken.values())


def test_improve_keeps_its_move_budget_and_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """At most ``moves`` sub-models; none after the deadline (the start comes back); the
    result passes the checker with a lower objective."""
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    stats = trackday.Stats()
    better = trackday.improve(scenario, facts, start, moves=40, seed=0, stats=stats)
    assert sum(stats.tried.values()) == 40
    before, after = check(scenario, start), check(scenario, better)
    assert after.ok and after.objective is not None and before.objective is not None
    assert after.objective < before.objective
    assert before.objective - after.objective == sum(stats.gain.values())
    late = trackday.Stats()
    assert trackday.improve(scenario, facts, start, deadline=time.monotonic() - 1,
                            stats=late) is start
    assert sum(late.tried.values()) == 0
    with pytest.raises(ValueError):
        trackday.improve(scenario, facts, start)


@pytest.mark.slow
def test_the_polish_runs_track_moves_with_and_without_clash_pairs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """At scale the polish goes on with track moves after its passes (a lower checked
    objective than the passes alone), on an event without participant clash pairs
    (informs) and, since large8, on one with them (large; before, it did not call them
    there) when a deadline ends them; without one (``--deterministic``) only without
    clash pairs."""
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                             time_budget=30.0, rounds=running.GREEDY_ROUNDS, seed=0)
    assert placed is not None
    full = polishing.polish(scenario, facts, choose_people(scenario, placed))
    report = check(scenario, full)
    assert report.ok and report.objective is not None
    assert report.objective < check(scenario, start).objective
    calls: list[int] = []
    counts: list[object] = []

    def spy(*args: object, **kwargs: object) -> Schedule:
        calls.append(1)
        counts.append(kwargs["moves"])
        return args[2]  # type: ignore[return-value]

    monkeypatch.setattr(trackday, "improve", spy)
    large = tracked("large")
    large_facts = FactBuilder(large).build()
    large_start = greedy_schedule(large, within_people_hours(large, large_facts),
                                  time_budget=30.0, rounds=running.GREEDY_ROUNDS, seed=0)
    assert large_start is not None
    polishing.polish(large, large_facts, choose_people(large, large_start),
                     deadline=time.monotonic() + 3600)
    assert calls == [1]
    # without a deadline (--deterministic) a count ends them: none with clash pairs,
    # where a move costs 8-10x the CPU that the count does not see
    assert polishing.TRACK_MOVES_PAIRS == 0
    polishing.polish(large, large_facts, choose_people(large, large_start))
    assert calls == [1]
    polishing.polish(scenario, facts, choose_people(scenario, placed))
    assert calls == [1, 1]
    assert counts == [polishing.TRACK_MOVES, polishing.TRACK_MOVES]


def test_clash_moves_gain_what_the_checker_counts_on_an_event_with_clash_pairs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On an event with participant clash pairs (large, 150 sessions) the ``clash`` kind
    is drawn first; its unit holds both sessions of clashes left with their tracks that
    day; each move's sub-model change equals the polish's delta and the checker's
    change (clashes with the fixed sessions linear per start, among the freed ones pair
    terms), and the sum of the gains of ``improve`` is the checker's objective
    difference, with fewer clashes. (Euro does not draw it: the test below.)"""
    scenario = tracked("large")
    facts, start = polished(scenario, monkeypatch)
    work = trackday.TrackMoves(scenario, facts, start, seed=1)
    assert work.kinds[0] == trackday.CLASH
    clashes = work.clashes()
    assert clashes
    objective = check(scenario, start).objective
    assert objective is not None
    taken = 0
    for turn in range(8):
        free, every_day = work.choose(trackday.CLASH)
        assert every_day and free
        assert any(a in free or b in free for _, a, b in work.clashes())
        sub = work.build(free, every_day)
        move, change, _units = work.solve(sub, seed=turn, exact=True)
        if move is None:
            continue
        assert change == work.search.delta(move), move
        if change >= 0 or not work.search._crowd_ok(move) or not work.changeover_ok(move):
            continue
        work.search._apply(move)
        report = check(scenario, work.search.schedule())
        assert report.ok, report.violations
        assert report.objective - objective == change
        objective = report.objective
        taken += 1
    assert taken >= 2
    stats = trackday.Stats()
    moved = trackday.improve(scenario, facts, start, moves=16, seed=0, stats=stats,
                             workers=1)
    before, after = check(scenario, start), check(scenario, moved)
    assert after.ok and before.objective is not None and after.objective is not None
    assert before.objective - after.objective == sum(stats.gain.values()) > 0
    assert stats.taken[trackday.CLASH] >= 1
    assert (after.terms["participant_clashes"].value
            < before.terms["participant_clashes"].value)


def test_no_clash_left_the_clash_kind_is_not_drawn_until_a_move(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a ``clash`` unit finds no clash left, the draw skips the kind until a move is
    taken (review11: each such draw was a wasted turn; fails before: it is drawn)."""
    scenario = tracked("large")
    facts, start = polished(scenario, monkeypatch)
    work = trackday.TrackMoves(scenario, facts, start, seed=3)
    assert trackday.CLASH in work.kinds
    assert work.choose(trackday.CLASH)[0]  # clashes left: drawn and not empty
    assert trackday.CLASH in {work.draw() for _ in range(200)}
    monkeypatch.setattr(work, "clashes", lambda: [])  # none left now
    assert work.choose(trackday.CLASH)[0] == []
    assert trackday.CLASH not in {work.draw() for _ in range(200)}
    work.applied.append({})  # a move taken: clashes may be back
    assert trackday.CLASH in {work.draw() for _ in range(200)}


def test_at_rest_the_units_grow_then_the_moves_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``stall``: after that many sub-models in a row took nothing, a ``tracks``
    neighbourhood frees twice the tracks (up to MAX_TRACKS); at rest there too, the loop
    ends, long before its move budget."""
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    sizes: list[int] = []
    choose = trackday.TrackMoves.choose

    def recording(self: trackday.TrackMoves, kind: str) -> tuple[list[str], bool]:
        sizes.append(self.tracks_per_unit)
        return choose(self, kind)

    monkeypatch.setattr(trackday.TrackMoves, "choose", recording)
    monkeypatch.setattr(trackday.TrackMoves, "solve_unit", lambda *args, **kwargs: (None, 0.0))
    # the kinds of a few tracks (a slot unit runs alone in its round: other rounds)
    monkeypatch.setattr(trackday, "KINDS", TRACK_KINDS)
    assert trackday.improve(scenario, facts, start, moves=1000, stall=5, workers=1) is start
    assert trackday.TRACKS * 2 == trackday.MAX_TRACKS
    # rounds of two units: the growth and the stop come after the round that reached 5
    assert trackday.ROUND == 2
    assert sizes == [trackday.TRACKS] * 6 + [trackday.MAX_TRACKS] * 6


def test_a_stop_asked_between_sub_models_ends_the_moves(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The neighbourhood loop's first Ctrl-C (``stop``) ends the moves at the next
    round of sub-models, whatever the deadline left (before: up to 0.6 of the loop's time went on);
    what was taken is checked and kept."""
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 12
    monkeypatch.setattr(trackday, "KINDS", TRACK_KINDS)  # rounds of two units each
    stats = trackday.Stats()
    moved = trackday.improve(scenario, facts, start, deadline=time.monotonic() + 3600,
                             seed=0, stats=stats, stop=stop, workers=1)
    assert sum(stats.tried.values()) == 12 * trackday.ROUND  # asked between rounds
    assert check(scenario, moved).ok


def test_without_a_deadline_the_sub_models_stop_on_units_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A counted run (``moves``, no deadline: ``--deterministic``) gives its sub-models no
    wall limit, so a slow machine takes the same moves; under a deadline they have one."""
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    limits: list[float] = []
    real = trackday.TrackMoves.solve

    def spy(self: trackday.TrackMoves, sub: trackday.SubModel, *args: object,
            **kwargs: object) -> object:
        limits.append(1.0 if self.timed else 0.0)
        return real(self, sub, *args, **kwargs)  # type: ignore[arg-type]

    solver_limits: list[float] = []
    real_solve = trackday.cp_model.CpSolver.solve

    def recording(self: trackday.cp_model.CpSolver, model: object, *args: object) -> object:
        solver_limits.append(self.parameters.max_time_in_seconds)
        return real_solve(self, model, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(trackday.TrackMoves, "solve", spy)
    monkeypatch.setattr(trackday.cp_model.CpSolver, "solve", recording)
    trackday.improve(scenario, facts, start, moves=6, seed=0)
    counted, counted_timed = list(solver_limits), list(limits)
    solver_limits.clear()
    limits.clear()
    trackday.improve(scenario, facts, start, moves=6, seed=0,
                     deadline=time.monotonic() + 3600)
    assert counted and solver_limits
    assert min(counted) > 1e9  # CP-SAT's default: no wall limit
    assert max(solver_limits) <= trackday.SUB_LIMIT
    assert counted_timed and set(counted_timed) == {0.0} and set(limits) == {1.0}


def test_a_move_that_breaks_the_changeover_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``changeover: N``, a person may not go to another room with less than N
    minutes between two sessions on one day (the checker's person-overlap rule); a move
    that would do so is refused, in the same room it is not."""
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    work = trackday.TrackMoves(scenario, facts, start, seed=0)
    s = work.search
    pair = next(((a, b) for key, members in s.by_busy.items() if not key.startswith("track ")
                 for a in sorted(members) for b in sorted(members)
                 if a != b and s.place[a].room is not None and s.place[b].room is not None
                 and s.place[a].room != s.place[b].room), None)
    assert pair is not None
    a, b = pair
    length = s.place[a].end - s.place[a].start
    there = s.place[b]
    right_after = trackday.Place(there.end, there.end + length, s.place[a].room)
    same_room = trackday.Place(there.end, there.end + length, there.room)
    assert work.changeover_ok({a: right_after})  # no changeover: allowed
    work.scenario = scenario.model_copy(update={
        "event": scenario.event.model_copy(update={"changeover": 15})})
    assert not work.changeover_ok({a: right_after})
    assert work.changeover_ok({a: same_room})
    # a step whose sub-model proposes that move (scored as a gain) does not take it
    # under the changeover, and takes it without one
    monkeypatch.setattr(work, "choose", lambda kind: ([a], False))
    monkeypatch.setattr(work, "build", lambda free, every_day, within=False: None)
    monkeypatch.setattr(work, "solve", lambda *args, **kwargs: ({a: right_after}, None, 0.0))
    monkeypatch.setattr(s, "delta", lambda move: -1)
    monkeypatch.setattr(s, "_crowd_ok", lambda move: True)
    assert work.step("tracks") == 0 and s.place[a] != right_after
    work.scenario = scenario
    assert work.step("tracks") == 1 and s.place[a] == right_after


def test_a_move_meeting_one_the_round_took_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The second move of a round was found on the schedule before the first: a place
    of it that overlaps a place the first took in one room, or with a person or a track
    of both, is refused; apart from them it is taken."""
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    work = trackday.TrackMoves(scenario, facts, start, seed=0)
    s = work.search
    a, b = sorted(s.place)[:2]
    pa = s.place[a]
    same_room = {b: trackday.Place(pa.start, pa.end, pa.room)}
    assert work.meets({a: pa}, same_room)
    far = trackday.Place(pa.start + 10 * s.day_minutes, pa.end + 10 * s.day_minutes, pa.room)
    assert not work.meets({a: pa}, {b: far})
    # a session sharing a person (or track) with another: at the same time, in another
    # room, the two still meet
    shared, key = next((sid, key) for sid in sorted(s.place)
                       for key in sorted(s.busy[sid], key=str) if len(s.by_busy[key]) > 1)
    other = next(o for o in sorted(s.by_busy[key]) if o != shared)
    ps = s.place[shared]
    assert work.meets({shared: ps}, {other: trackday.Place(ps.start, ps.end, "elsewhere")})
    monkeypatch.setattr(s, "delta", lambda move: -1)
    monkeypatch.setattr(s, "_crowd_ok", lambda move: True)
    before = dict(s.place)
    assert work.take("tracks", [a], {a: pa}, 0.0, same_room) == 0
    assert s.place == before


BUILD_DIGEST = """
import hashlib
from scheduler.facts import FactBuilder
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.solver import trackday
from scheduler.solver.greedy import greedy_schedule
from scheduler.solver.greedy.people import within_people_hours
scenario = parse_scenario(generate_yaml(params_for("euro", sessions=150, rooms=20, days=3),
                                        1), "euro.yaml")
facts = FactBuilder(scenario).build()
start = greedy_schedule(scenario, within_people_hours(scenario, facts), time_budget=30.0,
                        rounds=3, seed=0)
work = trackday.TrackMoves(scenario, facts, start, seed=0)
digest = hashlib.sha256()
for turn in range(12):
    free, every_day = work.choose(trackday.KINDS[turn % 2])
    digest.update(str(work.build(free, every_day).model.Proto()).encode())
print(digest.hexdigest())
"""


def test_a_sub_model_is_the_same_whatever_the_string_hashes() -> None:
    """The sub-model is built in the same order in processes whose string hashes differ
    (``PYTHONHASHSEED``): a helper process, or a second run of ``--deterministic``, gets
    the same model, so the same moves (before, sets of names were iterated)."""
    import os
    import subprocess
    import sys

    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", BUILD_DIGEST], env=env, check=True,
                             capture_output=True, text=True, timeout=120)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


ROTATION = """\
version: 1
event:
  name: Three talks that must trade their days together
  timezone: Europe/Berlin
  first-day: '2026-06-01'
  last-day: '2026-06-03'
  day-start: '09:00'
  day-end: '10:00'
  granularity: 60min
rooms:
- {id: r1, name: Зал 1, capacity: 40}
tracks:
- {id: t1, name: Track 1}
- {id: t2, name: Track 2}
- {id: t3, name: Track 3}
people:
- id: a
  name: Анна
  available: [{day: '2026-06-01', start: '09:00', end: '10:00'},
              {day: '2026-06-02', start: '09:00', end: '10:00'}]
  prefer: [{day: '2026-06-02', start: '09:00', end: '10:00'}]
- id: b
  name: Борис
  available: [{day: '2026-06-02', start: '09:00', end: '10:00'},
              {day: '2026-06-03', start: '09:00', end: '10:00'}]
  prefer: [{day: '2026-06-03', start: '09:00', end: '10:00'}]
- id: c
  name: Вера
  available: [{day: '2026-06-03', start: '09:00', end: '10:00'},
              {day: '2026-06-01', start: '09:00', end: '10:00'}]
  prefer: [{day: '2026-06-01', start: '09:00', end: '10:00'}]
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, track: t1,
   people: {speaker: [a]}, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, track: t2,
   people: {speaker: [b]}, participants: 30}
- {id: s3, title: Third, instrument: talk, duration: 1h, track: t3,
   people: {speaker: [c]}, participants: 30}
"""


def test_only_a_slot_move_trades_the_days_of_three_tracks() -> None:
    """One room, one hour a day, three talks of three tracks, each on the one of its two
    days its speaker does not prefer: the only better schedule moves all three at once
    (any two trading days breaks an availability). No track move frees three tracks on
    every day, so they take nothing; a ``slots`` move frees the three starts across every
    track and takes the rotation: 3 preferences (15) less, checked."""
    import datetime as dt

    from scheduler.schedule import ScheduledSession, SolveStatus

    scenario = parse_scenario(ROTATION, "rotation.yaml")
    facts = FactBuilder(scenario).build()
    days = {"s1": 1, "s2": 2, "s3": 3}
    start = Schedule(event=scenario.event.name, timezone=scenario.event.timezone,
                     status=SolveStatus.FEASIBLE, sessions=[
                         ScheduledSession(id=s.id, title=s.title, instrument=s.instrument,
                                          day=dt.date(2026, 6, days[s.id]), start=540,
                                          end=600, room="r1", track=f"t{s.id[1]}",
                                          people=s.people, participants=30)
                         for s in scenario.sessions])
    before = check(scenario, start)
    assert before.ok and before.terms["preferences"].penalty == 15
    work = trackday.TrackMoves(scenario, facts, start, seed=0)
    work.timed = False
    assert trackday.SLOTS >= 3
    for kind in trackday.KINDS:
        if kind != "slots":
            assert all(work.step(kind) == 0 for _ in range(10)), kind
    assert work.step("slots") == 15
    after = check(scenario, work.search.schedule())
    assert after.ok and after.objective == before.objective - 15
    assert {s.id: s.day.day for s in work.search.schedule().sessions} == {
        "s1": 2, "s2": 3, "s3": 1}
    # improve draws the kind among the others
    stats = trackday.Stats()
    trackday.improve(scenario, facts, start, moves=8, seed=0, stats=stats)
    assert stats.tried["slots"] > 0


def test_a_slot_unit_runs_alone_in_its_round(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``slots`` unit frees every session at its starts, so it nearly always meets the
    other unit of a round (which was then dropped, or dropped it, and counted as idle
    towards the stop): it goes in a round of its own, drawn second it goes first in the
    next one. Every slot unit chosen is solved and offered, never beside another."""
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    chosen: list[str] = []
    offered: list[tuple[str, object]] = []  # (kind, the round's dict of moves)
    choose, take = trackday.TrackMoves.choose, trackday.TrackMoves.take

    def recording(self: trackday.TrackMoves, kind: str) -> tuple[list[str], bool]:
        chosen.append(kind)
        return choose(self, kind)

    def taking(self: trackday.TrackMoves, kind: str, free: list[str], move: Any,
               units: float, changed: Any = None) -> int:
        offered.append((kind, changed))  # (kept: no id reused)
        return take(self, kind, free, move, units, changed)

    monkeypatch.setattr(trackday.TrackMoves, "choose", recording)
    monkeypatch.setattr(trackday.TrackMoves, "take", taking)
    monkeypatch.setattr(trackday.TrackMoves, "solve_unit", lambda *args, **kwargs: (None, 0.0))
    trackday.improve(scenario, facts, start, moves=60, seed=0)
    assert chosen.count("slots") >= 5
    assert chosen.count("slots") == sum(1 for kind, _ in offered if kind == "slots")
    rounds = [r for kind, r in offered if kind == "slots"]
    assert all(sum(1 for _, r in offered if r is mine) == 1 for mine in rounds)


def test_the_polish_draws_no_slot_moves_when_only_a_count_of_moves_ends_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a deadline (a ``--deterministic`` solve's start) the polish's track moves
    are ended by their count alone, which does not see a slot move's 10-14x CPU: they
    draw from :data:`trackday.TRACK_KINDS`; with a deadline, from every kind. Before
    (review10), the 1,000 counted moves took 2-7x the CPU with slot moves."""
    scenario = tracked("euro")
    facts = FactBuilder(scenario).build()
    placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                             time_budget=30.0, rounds=running.GREEDY_ROUNDS, seed=0)
    assert placed is not None
    start = choose_people(scenario, placed)
    drawn: list[set[str]] = []
    improve = trackday.improve

    def counting(*args: Any, **kwargs: Any) -> Schedule:
        stats = trackday.Stats()
        moved = improve(*args, **{**kwargs, "stats": stats})
        drawn.append({kind for kind, n in stats.tried.items() if n})
        return moved

    monkeypatch.setattr(trackday, "improve", counting)
    monkeypatch.setattr(polishing, "TRACK_MOVES", 30)
    moved = polishing.polish(scenario, facts, start)
    assert check(scenario, moved).ok
    moved = polishing.polish(scenario, facts, start, deadline=time.monotonic() + 3600)
    assert check(scenario, moved).ok
    assert len(drawn) == 2 and "slots" not in drawn[0] and drawn[0]
    assert "slots" in drawn[1]
    assert trackday.CLASH not in drawn[0] | drawn[1]  # no clash pairs: no clash kind


def test_a_half_day_move_re_times_and_re_rooms_half_a_day_as_the_checker_counts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On an event with participant clash pairs (large, 150 sessions), with
    ``half_days`` (the solve's neighbourhood loop), the ``half-day`` kind is drawn after
    the others' first turns; its unit is about half of one day's movable sessions, those
    of consecutive starts, the next unit on the other day; its sub-model's change equals
    the polish's delta and the checker's change; in ``improve`` two half-days share a
    round (on two days) and never another kind, and the gains sum to the checker's
    difference. Without ``half_days`` (the polish) and on events without clash pairs it
    is not drawn."""
    scenario = tracked("large")
    facts, start = polished(scenario, monkeypatch)
    kinds = trackday.with_clash(trackday.KINDS, True, True)
    assert kinds[0] == trackday.CLASH and kinds[-1] == trackday.HALF_DAY
    assert trackday.HALF_DAY not in trackday.with_clash(trackday.KINDS, True)
    assert trackday.HALF_DAY not in trackday.with_clash(trackday.KINDS, False, True)
    work = trackday.TrackMoves(scenario, facts, start, seed=1)
    s = work.search
    objective = check(scenario, start).objective
    assert objective is not None
    days, taken = [], 0
    for turn in range(4):
        free, every_day = work.choose(trackday.HALF_DAY)
        assert not every_day and free and not set(free) & work.held
        day = {s._day(s.place[sid].start) for sid in free}
        assert len(day) == 1
        days.append(day.pop())
        movable = sorted((s.place[sid].start, sid) for sid in s.place
                         if sid not in work.held and s._day(s.place[sid].start) == days[-1])
        assert len(free) == round(trackday.HALF_DAY_SHARE * len(movable))
        ids = [sid for _, sid in movable]
        first = ids.index(min(free, key=ids.index))
        assert set(ids[first:first + len(free)]) == set(free)  # consecutive starts
        move, change, _units = work.solve(work.build(free, every_day), trackday.HALF_DAY_LIMIT,
                                          seed=turn, exact=True)
        if move is None:
            continue
        assert change == s.delta(move), move
        if change >= 0 or not s._crowd_ok(move) or not work.changeover_ok(move):
            continue
        s._apply(move)
        report = check(scenario, s.schedule())
        assert report.ok, report.violations
        assert report.objective - objective == change
        objective = report.objective
        taken += 1
    assert days[0] != days[1] and days[1] != days[2]
    assert taken >= 1
    rounds: list[tuple[object, list[str]]] = []  # (the round's dict of moves, kinds)
    take = trackday.TrackMoves.take

    def taking(self: trackday.TrackMoves, kind: str, free: list[str], move: Any,
               units: float, changed: Any = None) -> int:
        if not rounds or rounds[-1][0] is not changed:  # (kept: no id reused)
            rounds.append((changed, []))
        rounds[-1][1].append(kind)
        return take(self, kind, free, move, units, changed)

    monkeypatch.setattr(trackday.TrackMoves, "take", taking)
    stats = trackday.Stats()
    moved = trackday.improve(scenario, facts, start, moves=24, seed=0, stats=stats,
                             workers=1, half_days=True)
    before, after = check(scenario, start), check(scenario, moved)
    assert after.ok and before.objective is not None and after.objective is not None
    assert before.objective - after.objective == sum(stats.gain.values()) > 0
    assert stats.tried[trackday.HALF_DAY] >= 2
    assert all(trackday.HALF_DAY not in kinds or set(kinds) == {trackday.HALF_DAY}
               for _, kinds in rounds)
    assert any(kinds == [trackday.HALF_DAY] * 2 for _, kinds in rounds)
    polish = trackday.Stats()
    trackday.improve(scenario, facts, start, deadline=time.monotonic() + 3600, moves=24,
                     seed=0, stats=polish, workers=1)
    assert polish.tried[trackday.HALF_DAY] == 0
