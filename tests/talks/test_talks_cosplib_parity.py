"""The core's talks scorer and engine are the CoSPLib plugin's, moved: on the repository's
CoSPLib instances the core scores every stored paper solution exactly as the plugin's
exact scorer does, and the core engine solves an instance as well as the plugin's model.

The instance is handed to the core as a neutral problem field by field (the plugin's
importer into a scenario is branch cosplib-adapter's); every room open, everyone
available, no room limits: CoSPLib has none of the engine's extra rules."""

from __future__ import annotations

import datetime as dt

import pytest
from confsched_cosplib.instance import Instance, load_instance
from confsched_cosplib.scorer import score as plugin_score
from confsched_cosplib.solution import load_solution

from scheduler.solver import talks_search
from scheduler.talks.grid import Grid
from scheduler.talks.problem import Block, Submission, TalkProblem
from scheduler.talks.score import score as core_score
from tests.cosplib.cosplibdata import instance_path, solution_path


def as_problem(instance: Instance) -> TalkProblem:
    """The plugin's instance as the core's problem, with CoSPLib's derived data copied."""
    n_s, n_r, n_k = len(instance.sessions), len(instance.rooms), len(instance.tracks)
    subs = instance.submissions
    return TalkProblem(
        submissions=[Submission(s.name, s.track, s.slots, s.order, "UTC", s.presenters,
                                s.attendees) for s in subs],
        tracks=list(instance.tracks), chairs=instance.chairs,
        sessions=[Block(s.name, s.slots, s.date or dt.date(2021, 7, 21),
                        0, 1) for s in instance.sessions],
        rooms=list(instance.rooms), weights=dict(instance.weights),
        sub_session=instance.sub_session, sub_room=instance.sub_room,
        track_session=instance.track_session, track_room=instance.track_room,
        track_track=instance.track_track, session_room=instance.session_room,
        open=[[True] * n_r for _ in range(n_s)], track_allowed=[[True] * n_s for _ in range(n_k)],
        sub_allowed=[[True] * n_s for _ in subs], sub_rooms=[None] * len(subs),
        remote=[False] * len(subs), sub_timezone=instance.sub_timezone,
        attendee_conflicts=instance.attendee_conflicts,
        presenter_conflicts=instance.presenter_conflicts,
        track_chair_conflicts=instance.track_chair_conflicts,
    )


@pytest.mark.parametrize("name", ["N2OR", "GECCO19", "GECCO21", "OR60F", "OR60F3"])
def test_the_core_scores_the_stored_solutions_as_the_plugin_does(name: str) -> None:
    instance = load_instance(instance_path(name))
    solution = load_solution(solution_path(name), instance)
    expected = plugin_score(instance, solution)
    found = core_score(as_problem(instance), Grid(solution.tracks, solution.cells))
    assert found == expected
    # The checker's values quoted in docs/cosplib.md.
    known = {"N2OR": 2, "GECCO19": 1_000_116, "OR60F3": 1_720}
    if name in known:
        assert found["objective"] == known[name]


@pytest.mark.slow
def test_the_core_engine_solves_n2or_like_the_plugin() -> None:
    instance = load_instance(instance_path("N2OR"))
    problem = as_problem(instance)
    result = talks_search.solve(problem, time_limit=15.0, workers=2, seed=0)
    assert result.solution is not None and result.score is not None
    assert result.score["feasible"] and result.score["valid"]
    # The core's exact scorer and the plugin's agree on the core's solution too.
    assert plugin_score(instance, result.solution) == result.score  # type: ignore[arg-type]
    stored = plugin_score(instance, load_solution(solution_path("N2OR"), instance))
    assert result.score["objective"] <= stored["objective"] + 2
    assert result.model_terms is not None
    for term, value in result.model_terms.items():
        assert value == result.score["terms"].get(term, {"count": 0})["count"], term
