"""Scenarios with ``talks:``: the talks problem solved through the solve pipeline.

:func:`scheduler.solver.run.solve` hands a scenario with talks to :func:`solve_talks`,
which follows the same phases as the sessions pipeline:

1. the neutral problem (:func:`scheduler.talks.problem.from_scenario`);
2. proven impossibilities without solving (:func:`talks_search.capacity_shortfall`);
3. a start (greedy variants, else the relaxed model, whose ``infeasible`` is a proof);
4. the exact model (scheduler/solver/talks_model.py), hinted with the start;
5. the main search through :func:`scheduler.solver.search.search` (progress, Ctrl-C,
   deterministic time);
6. the grid decoded into talk sessions (:func:`extract_talks`);
7. CoSPLib's terms recomputed exactly from the grid (the objective breakdown).

With ``sessions:`` or placed breaks too, the sessions are then placed around the talk
sessions by the ordinary pipeline (:mod:`talks_mixed`): two models in one run.
"""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from scheduler.errors import UsageError
from scheduler.scenario.model import Scenario
from scheduler.schedule import (
    ObjectiveTerm,
    Schedule,
    ScheduledBreak,
    ScheduledSession,
    ScheduledTalk,
    SolveInfo,
    SolveStatus,
)
from scheduler.solver import search as searching
from scheduler.solver import talks_search
from scheduler.solver.options import Result, SolveOptions
from scheduler.talks.grid import EMPTY, Grid
from scheduler.talks.problem import TalkProblem, from_scenario
from scheduler.talks.score import weighted_terms

MIXED_TALKS_SHARE = 0.5
"""With sessions too: the share of the time limit the talks get (the sessions the rest)."""


def solve_talks(scenario: Scenario, options: SolveOptions) -> Result:
    """Group the scenario's talks into talk sessions and order them, minimising CoSPLib's
    terms at the scenario's weights; every hard rule of docs/talks.md holds."""
    started = time.monotonic()
    if options.earlier is not None or options.frozen_until is not None:
        raise UsageError("a minimal-change re-solve (--from) of a talks scenario is not "
                         "supported yet\n    fix: solve it afresh (docs/talks.md, Limits)")
    problem = from_scenario(scenario)
    interrupted = False

    def main(model: cp_model.CpModel, seconds: float
             ) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver, bool]:
        nonlocal interrupted
        solver = searching.configure(options, started)
        if options.deterministic:
            solver.parameters.max_deterministic_time = max(0.5, seconds)
            solver.parameters.max_time_in_seconds = searching.safety_net(max(0.5, seconds))
        else:
            solver.parameters.max_time_in_seconds = max(0.5, seconds)
        outcome = searching.search(solver, model, options, started)
        talks_search.CLOCK.count(outcome.solver)
        interrupted = outcome.interrupted
        code = next(c for c, s in searching.STATUS.items() if s == outcome.status)
        return code, outcome.solver, outcome.interrupted

    mixed = bool(scenario.sessions or scenario.breaks.placed)
    if mixed:
        from scheduler.solver.talks_mixed import keep_clear_of_pinned

        keep_clear_of_pinned(problem, scenario)
    share = MIXED_TALKS_SHARE if mixed else 1.0

    def on_start(grid: Grid) -> None:
        """The start timetable as a result for ``options.on_start_result`` (talks only:
        with sessions too, the start covers only half of the scenario)."""
        if options.on_start_result is None or mixed:
            return
        schedule = extract_talks(scenario, problem, grid, SolveStatus.FEASIBLE)
        schedule.objective_terms = {**schedule.objective_terms, **_terms(problem, grid)}
        schedule.objective = sum(t.penalty for t in schedule.objective_terms.values())
        schedule.solve = SolveInfo(
            time_seconds=round(time.monotonic() - started, 3), time_limit=options.time_limit,
            seed=options.seed, workers=options.workers, bound=None, gap=None,
            interrupted=False)
        schedule.scenario_sha256 = options.scenario_sha256
        options.on_start_result(Result(SolveStatus.FEASIBLE, schedule))

    found = talks_search.solve(problem, time_limit=share * options.time_limit,
                               workers=max(1, options.workers), seed=options.seed,
                               use_hint=options.greedy_hint, log=options.log, main=main,
                               deterministic=options.deterministic, on_start=on_start)
    if found.solution is None:
        status = (SolveStatus.INFEASIBLE if found.status == "infeasible"
                  else SolveStatus.INVALID if found.status == "invalid" else SolveStatus.UNKNOWN)
        diagnosis = [found.reason] if found.reason and not interrupted else []
        if status == SolveStatus.UNKNOWN and not interrupted:
            diagnosis = [f"no timetable of the talks was found within {options.time_limit:g} "
                         "s, and no proof that none exists; give the solver more time "
                         "(--time-limit)"]
        said = (["the search was interrupted before any schedule was found"]
                if interrupted else [])
        return Result(status, None, diagnosis=diagnosis, notes=said, interrupted=interrupted)
    status = SolveStatus.OPTIMAL if found.status == "optimal" else SolveStatus.FEASIBLE
    schedule = extract_talks(scenario, problem, found.solution, status)
    talk_terms = _terms(problem, found.solution)
    notes: list[str] = []
    if mixed:
        around = sessions_around(scenario, schedule, options, started)
        if not around.solved or around.schedule is None:
            return around
        notes.extend(around.notes)
        schedule = around.schedule
        status = SolveStatus.FEASIBLE  # two models in sequence: no proof of optimality
        found.model_objective = None
        schedule.status = status
    schedule.objective_terms = {**schedule.objective_terms, **talk_terms}
    schedule.objective = sum(t.penalty for t in schedule.objective_terms.values())
    if status == SolveStatus.OPTIMAL and found.bound != schedule.objective:
        # Optimal only when a valid lower bound of the checker's objective (the model's
        # when it is exact, else the relaxation's: talks_search.relaxation_bound) meets the
        # schedule's checked objective.
        status = schedule.status = SolveStatus.FEASIBLE
    if found.model_objective is None and not mixed:
        notes.append("the exact search improved nothing: this is the start timetable "
                     f"({found.start})")
    bound = float(found.bound) if found.bound is not None else None
    if mixed:
        bound = None
    schedule.solve = SolveInfo(
        time_seconds=round(time.monotonic() - started, 3), time_limit=options.time_limit,
        seed=options.seed, workers=options.workers, bound=bound,
        gap=0.0 if status == SolveStatus.OPTIMAL else searching.gap(schedule.objective, bound),
        interrupted=interrupted or schedule.solve.interrupted,
    )
    schedule.scenario_sha256 = options.scenario_sha256
    return Result(status, schedule, notes=notes, model_objective=found.model_objective,
                  interrupted=interrupted)


def _terms(problem: TalkProblem, grid: Grid) -> dict[str, ObjectiveTerm]:
    """CoSPLib's terms of ``grid``, weighted, as the schedule's objective terms."""
    return {name: ObjectiveTerm(weight=w, value=v, penalty=w * v)
            for name, (w, v) in weighted_terms(problem, grid).items()}


def sessions_around(scenario: Scenario, talks: Schedule, options: SolveOptions,
                    started: float) -> Result:
    """The scenario's sessions placed around the talk sessions (pinned facts), with the
    rest of the time limit; the schedule holds both, its soft terms those of the sessions
    (recomputed on the sessions alone, as the checker does)."""
    from scheduler.solver.evaluate import objective_terms
    from scheduler.solver.run import solve
    from scheduler.solver.talks_mixed import around_talks, merged

    left = max(1.0, options.time_limit - (time.monotonic() - started))
    derived = around_talks(scenario, talks)
    # The derived scenario's start is no schedule of this one (its talk sessions are
    # empty, its talk duties invented): nobody may keep it as a result.
    result = solve(derived, replace(options, time_limit=left, on_start_result=None,
                                         on_better=None))
    if result.schedule is None or not result.solved:
        said = ["the talks were grouped first; with their timetable fixed, the sessions "
                "cannot be placed:", *result.diagnosis] if result.diagnosis else []
        # Infeasible *given the talks' timetable* proves nothing of the event: other
        # timetables of the talks may leave the sessions room (unknown, not infeasible).
        status = (SolveStatus.UNKNOWN if result.status == SolveStatus.INFEASIBLE
                  else result.status)
        return Result(status, None, diagnosis=said, notes=result.notes,
                      interrupted=result.interrupted, caps=result.caps)
    sessions = result.schedule
    known = {s.id for s in scenario.sessions}
    own = sessions.model_copy(update={"sessions": [
        s for s in sessions.sessions if s.id in known]})
    sessions.objective_terms = objective_terms(scenario, own)
    sessions.sessions = merged(sessions, talks, known)
    return Result(result.status, sessions, notes=[
        *result.notes, "sessions were placed around the talk sessions (talks grouped "
        "first, then the sessions: two models in one run)"],
        interrupted=result.interrupted, caps=result.caps)


def extract_talks(scenario: Scenario, problem: TalkProblem, grid: Grid,
                  status: SolveStatus) -> Schedule:
    """The grid as a schedule: one talk session per used talk-slot x room (its track, its
    chairs, its talks in order of time), and the fixed breaks of each day."""
    tracks = {t.id: t for t in scenario.tracks}
    talks = {t.id: t for t in scenario.talks}
    hybrid_tag = scenario.hybrid.room_tag
    rooms = {r.id: r for r in scenario.rooms}
    sessions: list[ScheduledSession] = []
    for s, block in enumerate(problem.sessions):
        for r, room in enumerate(problem.rooms):
            k = grid.tracks[s][r]
            if k == EMPTY:
                continue
            cells = grid.cells[s][r]
            listed: list[ScheduledTalk] = []
            for t, i in enumerate(cells):
                if i == EMPTY or (t > 0 and cells[t - 1] == i):
                    continue
                talk = talks[problem.submissions[i].name]
                start = block.start + t * block.slot_length
                listed.append(ScheduledTalk(
                    id=talk.id, title=talk.title, start=start,
                    end=start + talk.slots * block.slot_length,
                    presenters=list(talk.presenters)))
            if not listed:
                continue
            track = tracks[problem.tracks[k]]
            remote = any(talks[x.id].format != "in-person" for x in listed)
            sessions.append(ScheduledSession(
                id=problem.session_id(s, r), title=f"{track.label} ({block.name})",
                instrument="talk-session", day=block.day, start=block.start, end=block.end,
                room=room, track=track.id,
                format="hybrid" if remote and hybrid_tag in rooms[room].tags else "in-person",
                people={"chair": list(track.chairs)} if track.chairs else {},
                talks=listed,
            ))
    sessions.sort(key=lambda x: (x.day, x.start, x.room or ""))
    breaks = [ScheduledBreak(id=f"{b.id}@{day}", title=b.title or b.id, kind=b.kind, day=day,
                             start=b.start, end=b.end, fixed=True)
              for b in scenario.breaks.fixed
              for day in ([b.day] if b.day else scenario.days)]
    return Schedule(event=scenario.event.name, event_id=scenario.event.id,
                    timezone=scenario.event.timezone,
                    status=status, sessions=sessions, breaks=breaks)
