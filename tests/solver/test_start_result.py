"""The start heuristic's complete placement is a schedule (issue #17, item 4): reported as
the first one at once, and returned when the limit is gone before the model is built or
the search finds nothing better; never when it breaks a rule the greedy does not track.
Every returned schedule is judged by the independent checker."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.checker import check
from scheduler.schedule import SolveStatus
from scheduler.solver import Progress, SolveOptions, solve
from scheduler.solver import run as running
from tests.solver.helpers import build, scenario_data, talk

GONE = 1e-6
"""A time limit that is certainly spent by the time the start heuristic returns."""


def _three_talks() -> dict[str, Any]:
    return scenario_data(sessions=[talk("a", people={"speaker": ["ann"]}),
                                   talk("b", people={"speaker": ["bob"]}),
                                   talk("c", people={"speaker": ["ann", "kat"]})])


def test_limit_gone_before_the_model_returns_the_checked_start(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model(*_: Any) -> Any:
        raise AssertionError("the model was built after the limit")

    monkeypatch.setattr(running, "build", no_model)
    monkeypatch.setattr(running, "REPORT_START_FROM", 0)  # as at scale: reported at once
    scenario = build(_three_talks())
    reports: list[Progress] = []
    result = solve(scenario, SolveOptions(time_limit=GONE, workers=1, handle_sigint=False,
                                          progress=reports.append))
    assert result.status == SolveStatus.FEASIBLE
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert {s.id for s in result.schedule.sessions} == {"a", "b", "c"}
    assert result.schedule.objective == report.objective
    assert any("before the model was built" in note for note in result.notes)
    # the start was reported as the first schedule, with its objective
    assert reports and reports[0].objective == report.objective and reports[0].solutions == 1


def test_a_start_that_breaks_an_untracked_rule_is_never_returned() -> None:
    # The greedy does not track a person's changeover between rooms: it puts ann's two
    # talks back to back in two rooms. That placement is no schedule, whatever the time.
    data = scenario_data(event={"changeover": "30min"},
                         sessions=[talk("a", rooms=["small"], people={"speaker": ["ann"]}),
                                   talk("b", rooms=["big"], people={"speaker": ["ann"]})])
    scenario = build(data)
    result = solve(scenario, SolveOptions(time_limit=GONE, workers=1, handle_sigint=False))
    assert not any("start heuristic" in note for note in result.notes)
    if result.schedule is not None:  # CP-SAT's own, from its minimum half second
        assert check(scenario, result.schedule).ok
    solved = solve(scenario, SolveOptions(time_limit=5, workers=2, handle_sigint=False))
    assert solved.schedule is not None and check(scenario, solved.schedule).ok
    assert not any("start heuristic" in note for note in solved.notes)


def test_the_search_keeps_its_schedule_when_the_start_is_no_better(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(running, "REPORT_START_FROM", 0)
    scenario = build(_three_talks())
    reports: list[Progress] = []
    result = solve(scenario, SolveOptions(time_limit=5, workers=2, handle_sigint=False,
                                          progress=reports.append))
    assert result.status == SolveStatus.OPTIMAL  # CP-SAT's result, not the start's
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert reports[0].solutions == 1 and reports[0].objective is not None
    assert result.schedule.objective is not None
    assert result.schedule.objective <= reports[0].objective



def test_at_scale_a_predecessor_goes_with_the_exclusive_session_after_it() -> None:
    # The award ceremony stops everything and may only start 11:00-11:15 (its presenter's
    # hours); it must follow the contest, which may run any time. In the order of fewest
    # starts the contest came after the talks, and the ceremony after it: past its hours.
    from scheduler.facts import FactBuilder
    from scheduler.solver.greedy import placement

    data = scenario_data(
        event={"day-end": "13:00"},
        people=[{"id": "ann", "available": [{"start": "09:00", "end": "12:00"}]},
                {"id": "bob", "available": [{"start": "09:00", "end": "12:00"}]},
                {"id": "kat", "available": [{"start": "11:00", "end": "11:30"}]}],
        sessions=[*[talk(f"t{i}", duration=60, people={"speaker": [p]})
                    for i, p in enumerate(["ann", "bob", "ann", "bob"])],
                  talk("contest", duration=15),
                  {"id": "awards", "title": "Награждение", "instrument": "award-ceremony",
                   "duration": 15, "after": ["contest"], "people": {"facilitator": ["kat"]}}])
    scenario = build(data)
    facts = FactBuilder(scenario).build()
    ids = [f.id for f in placement.order(scenario, facts, by_starts=True)]
    assert ids.index("contest") < ids.index("awards") < min(ids.index(f"t{i}") for i in range(4))
    placed, _, _ = placement.one_round(
        scenario, placement.order(scenario, facts, by_starts=True), facts)
    assert set(placed) == {s.id for s in scenario.sessions}


def test_too_little_time_for_the_model_build_returns_the_checked_start(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model(*_: Any) -> Any:
        raise AssertionError("the model was built with too little time left for it")

    monkeypatch.setattr(running, "build", no_model)
    # as if the build took an hour per session: no limit leaves time for it
    monkeypatch.setattr(running, "BUILD_CPU_PER_SESSION", 3600.0)
    scenario = build(_three_talks())
    result = solve(scenario, SolveOptions(time_limit=30, workers=1, handle_sigint=False))
    assert result.status == SolveStatus.FEASIBLE
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert {s.id for s in result.schedule.sessions} == {"a", "b", "c"}
    assert any("too little time was left to build the model" in note for note in result.notes)


def test_an_incomplete_start_still_gets_the_model_whatever_the_time_left(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Without a schedule in hand, building the model is the only way to one (below
    # AT_SCALE sessions, where a build takes moments).
    monkeypatch.setattr(running, "BUILD_CPU_PER_SESSION", 3600.0)
    monkeypatch.setattr(running, "greedy_start", lambda *_, **__: None)
    scenario = build(_three_talks())
    result = solve(scenario, SolveOptions(time_limit=5, workers=1, handle_sigint=False))
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert not any("start heuristic" in note for note in result.notes)


def test_at_scale_an_incomplete_start_without_time_for_the_build_keeps_the_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """From AT_SCALE sessions the build alone takes many seconds: with too little time left
    for it, the solve ends within its limit, unknown, naming the sessions left out (a
    10,000-session solve started a 25-s build with 20 s left and returned at 125.7 s)."""
    def no_model(*_: Any) -> Any:
        raise AssertionError("the model was built with too little time left for it")

    monkeypatch.setattr(running, "build", no_model)
    monkeypatch.setattr(running, "BUILD_CPU_PER_SESSION", 3600.0)
    monkeypatch.setattr(running, "AT_SCALE", 3)  # three talks count as an event at scale
    scenario = build(_three_talks())

    def leaves_c_out(scenario: Any, facts: Any, *, time_budget: Any, seed: int) -> Any:
        whole = running.greedy_start(scenario, facts, time_budget=time_budget, seed=seed)
        assert whole is not None
        whole.sessions = [s for s in whole.sessions if s.id != "c"]
        return whole

    result = solve(scenario, SolveOptions(time_limit=30, workers=1, handle_sigint=False,
                                          start=leaves_c_out))
    assert result.status == SolveStatus.UNKNOWN and result.schedule is None
    assert any("too little time was left to build the model" in d for d in result.diagnosis)
    assert any("'c'" in d for d in result.diagnosis)


def test_the_status_line_keeps_the_reported_start_while_the_search_has_none(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """At scale the search can go on for seconds without a schedule of its own; its reports
    then show the start already reported, never "no schedule yet" (the 10,000-session
    congress showed that for 20 s with the start in hand)."""
    real = running.searching.search_to_proof

    def slow_to_find(solver: Any, model: Any, options: SolveOptions, *rest: Any) -> Any:
        assert options.progress is not None
        options.progress(Progress(0.5, None, None, None, 0))  # as the watcher says it
        return real(solver, model, options, *rest)

    monkeypatch.setattr(running.searching, "search_to_proof", slow_to_find)
    monkeypatch.setattr(running, "REPORT_START_FROM", 0)
    reports: list[Progress] = []
    result = solve(build(_three_talks()), SolveOptions(time_limit=10, workers=1,
                                                       handle_sigint=False,
                                                       progress=reports.append))
    assert result.schedule is not None and check(build(_three_talks()), result.schedule).ok
    first = reports[0]
    assert first.objective is not None and first.solutions == 1  # the start, reported
    assert reports[1:] and all(r.objective is not None for r in reports[1:])
    assert reports[1].objective == first.objective  # the slow report shows the start's


@pytest.mark.slow
def test_a_large_events_start_is_on_the_status_line_before_the_model_is_built(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Above POLISH_UP_TO sessions the polish of the start takes seconds before the model
    is built: its checked schedules (the greedy's, then each better pass) are reported as
    they come, each lower than the last, the last being the start the model gets; no
    report says "no schedule" after the first."""
    from tests.solver.test_polish import larger

    scenario = larger("large")
    events: list[Progress | str] = []
    real_build = running.build

    def marked_build(run: Any) -> Any:
        events.append("build")
        assert run.start is not None
        events.append(f"start {check(scenario, run.start).objective}")
        return real_build(run)

    monkeypatch.setattr(running, "build", marked_build)
    result = solve(scenario, SolveOptions(time_limit=0.2, workers=1, handle_sigint=False,
                                          deterministic=True, progress=events.append))
    assert result.schedule is not None and check(scenario, result.schedule).ok
    told = events[:events.index("build")]
    assert len(told) >= 2 and all(isinstance(r, Progress) for r in told)
    objectives = [r.objective for r in told if isinstance(r, Progress)]
    assert all(b is not None and a is not None and b < a
               for a, b in zip(objectives, objectives[1:], strict=False))
    assert events[events.index("build") + 1] == f"start {objectives[-1]}"
    later = [r for r in events if isinstance(r, Progress)][len(told):]
    assert all(r.objective is not None for r in later if not r.stopping)
