"""The engine's checker and the CoSPLib plugin's exact scorer agree on imported instances:
the hand-counted six-talk case term by term, the paper's stored solutions, and the
pipeline import -> confsched solve -> export cosplib."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from confsched_cosplib.fromsolution import schedule_data
from confsched_cosplib.generate import write_workbook
from confsched_cosplib.importer import scenario_data
from confsched_cosplib.instance import load_instance
from confsched_cosplib.scorer import score
from confsched_cosplib.solution import load_solution
from cosplibdata import instance_path, solution_path
from test_cosplib_exact import EXPECTED, OBJECTIVE, hand_solution, hand_spec

from scheduler.checker import check
from scheduler.cli import main
from scheduler.importing.output import scenario_yaml
from scheduler.scenario import load_scenario, parse_scenario
from scheduler.schedule import Schedule


def _checked(data: dict, instance_name: str, schedule: dict) -> dict[str, int]:
    scenario = parse_scenario(scenario_yaml(data, instance_name), f"{instance_name}.yaml")
    report = check(scenario, Schedule.model_validate(schedule))
    assert report.ok, [v.message for v in report.violations][:5]
    return {name: term.value for name, term in report.terms.items()} | {
        "__objective__": report.objective}


def test_engine_checker_counts_the_hand_case_as_by_hand(tmp_path: Path) -> None:
    write_workbook(tmp_path / "hand.xlsx", hand_spec())
    instance = load_instance(tmp_path / "hand.xlsx")
    data = scenario_data(instance)
    values = _checked(data, "hand", schedule_data(data, instance, hand_solution()))
    for term, (count, _, why) in EXPECTED.items():
        if term != "multi_slot":  # a split talk: the engine never splits one
            assert values[term] == count, (term, why)
    assert values["__objective__"] == OBJECTIVE == 2321


@pytest.mark.parametrize("name", ["N2OR", "GECCO19", "OR60F3"])
def test_engine_checker_scores_the_paper_as_the_plugin(name: str) -> None:
    instance = load_instance(instance_path(name))
    stored = load_solution(solution_path(name), instance)
    data = scenario_data(instance)
    values = _checked(data, name, schedule_data(data, instance, stored))
    assert values["__objective__"] == score(instance, stored)["objective"]


@pytest.mark.slow  # a real 10 s solve
def test_import_solve_export_scores_as_the_engine_checks(tmp_path: Path) -> None:
    """`confsched import cosplib N2OR.xlsx -o n.yaml && confsched solve n.yaml -o s.yaml
    && confsched export cosplib n.yaml s.yaml -o sol.xlsx`: the workbook, scored by the
    exact scorer, equals the engine checker's talk terms of the schedule."""
    runner = CliRunner()
    scenario, schedule, out = tmp_path / "n.yaml", tmp_path / "s.yaml", tmp_path / "sol.xlsx"
    source = str(instance_path("N2OR"))
    assert runner.invoke(main, ["import", "cosplib", source, "-o", str(scenario)]).exit_code == 0
    result = runner.invoke(main, ["solve", str(scenario), "-o", str(schedule),
                                  "--time-limit", "10", "--workers", "2"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["export", "cosplib", str(scenario), str(schedule), "-o",
                                  str(out), "--instance", source])
    assert result.exit_code == 0, result.output
    instance = load_instance(source)
    ours = score(instance, load_solution(out, instance))
    report = check(load_scenario(scenario), Schedule.model_validate(
        yaml.safe_load(schedule.read_text("utf-8"))))
    assert report.ok and ours["feasible"] and ours["valid"]
    assert ours["objective"] == report.objective


@pytest.mark.parametrize("name", ["N2OR", "GECCO19", "GECCO22Workshop", "OR60", "OR60F3",
                                  "gen-multislot-3", "gen-wide-4"])
def test_the_engine_sees_the_instance_the_plugin_reads(name: str, tmp_path: Path) -> None:
    """Import is lossless for the engine: the problem the engine builds from the imported
    scenario has the workbook's every matrix, derived penalty, conflict list and weight
    (OR60F3's moved sessions keep their time-zone penalties; OR60's trimmed track name
    keeps its track; gen-multislot-3 names a chair twice in one cell)."""
    from confsched_cosplib.generate import random_spec

    from scheduler.talks.problem import from_scenario

    path = instance_path(name)
    if name.startswith("gen-"):
        _, shape, seed = name.split("-")
        path = tmp_path / f"{name}.xlsx"
        write_workbook(path, random_spec(int(seed), shape))
    instance = load_instance(path)
    scenario = parse_scenario(scenario_yaml(scenario_data(instance), name), f"{name}.yaml")
    problem = from_scenario(scenario)
    name_of = {person.id: person.name for person in scenario.people}
    for field in ("sub_session", "sub_room", "track_session", "track_room", "track_track",
                  "session_room", "sub_timezone", "attendee_conflicts",
                  "presenter_conflicts", "track_chair_conflicts", "weights"):
        assert getattr(problem, field) == getattr(instance, field), field
    assert [(s.slots, s.order, s.track) for s in problem.submissions] == [
        (s.slots, s.order, s.track) for s in instance.submissions]
    assert [b.slots for b in problem.sessions] == [s.slots for s in instance.sessions]
    assert [[name_of[c] for c in chairs] for chairs in problem.chairs] == [
        list(dict.fromkeys(chairs)) for chairs in instance.chairs]
