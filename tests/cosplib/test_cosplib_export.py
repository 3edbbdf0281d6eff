"""``confsched export cosplib``: a talks schedule as the solution workbook CoSPLib's
checker reads, scored by the exact scorer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from confsched_cosplib.exporter import grid_from_schedule, grid_workbook
from confsched_cosplib.fromsolution import schedule_data
from confsched_cosplib.importer import scenario_data
from confsched_cosplib.instance import load_instance
from confsched_cosplib.scorer import score
from confsched_cosplib.solution import load_solution
from cosplibdata import instance_path, solution_path

from scheduler.cli import main
from scheduler.errors import InputError

STORED = ["N2OR", "GECCO19", "GECCO21", "OR60F", "OR60F3"]


@pytest.mark.parametrize("name", STORED)
def test_stored_solution_survives_schedule_and_export(name: str, tmp_path) -> None:
    """The paper's solution, carried into a talks schedule and exported again, scores
    exactly what the stored workbook scores (and is the same solution cell for cell)."""
    instance = load_instance(instance_path(name))
    stored = load_solution(solution_path(name), instance)
    scenario = scenario_data(instance)
    schedule = schedule_data(scenario, instance, stored)
    assert all(s["talks"] for s in schedule["sessions"])
    out = tmp_path / "sol.xlsx"
    out.write_bytes(grid_workbook(grid_from_schedule(scenario, schedule)))
    exported = load_solution(out, instance)
    assert exported.cells == stored.cells
    assert exported.tracks == stored.tracks
    assert score(instance, exported)["objective"] == score(instance, stored)["objective"]


def test_moved_talk_changes_the_workbook(tmp_path) -> None:
    """A talk moved to another slot in the schedule is written where the schedule says."""
    instance = load_instance(instance_path("N2OR"))
    stored = load_solution(solution_path("N2OR"), instance)
    scenario = scenario_data(instance)
    schedule = schedule_data(scenario, instance, stored)
    session = next(s for s in schedule["sessions"] if len(s["talks"]) == 2)
    first, second = session["talks"]
    first["start"], second["start"] = second["start"], first["start"]
    grid = grid_from_schedule(scenario, schedule)
    s = next(i for i, slot in enumerate(scenario["talk-slots"])
             if session["id"].startswith(slot["id"] + "."))
    r = next(i for i, room in enumerate(scenario["rooms"]) if room["id"] == session["room"])
    assert grid.cells[s][r] == [second["title"], first["title"]]


def test_talk_off_the_slot_grid_is_named() -> None:
    instance = load_instance(instance_path("N2OR"))
    stored = load_solution(solution_path("N2OR"), instance)
    scenario = scenario_data(instance)
    schedule = schedule_data(scenario, instance, stored)
    schedule["sessions"][0]["talks"][0]["start"] = "09:31"
    schedule["sessions"][1]["room"] = "nowhere"
    with pytest.raises(InputError) as caught:
        grid_from_schedule(scenario, schedule, "s.yaml")
    text = str(caught.value)
    assert "not on the time slots" in text and "'nowhere' is not in the scenario" in text
    assert "s.yaml" in text


def _paper_schedule(name: str, tmp_path: Path) -> tuple[Path, Path]:
    """The scenario imported through the CLI, and the paper's solution as its schedule."""
    instance = load_instance(instance_path(name))
    scenario_file = tmp_path / "x.yaml"
    result = CliRunner().invoke(main, ["import", "cosplib", str(instance_path(name)),
                                       "-o", str(scenario_file)])
    assert result.exit_code == 0, result.output
    data = schedule_data(scenario_data(instance), instance,
                         load_solution(solution_path(name), instance))
    schedule_file = tmp_path / "s.yaml"
    schedule_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                             encoding="utf-8")
    return scenario_file, schedule_file


@pytest.mark.parametrize("name", ["N2OR", "OR60F"])
def test_cli_export_scores_as_the_paper(name: str, tmp_path: Path) -> None:
    """`confsched export cosplib x.yaml s.yaml -o sol.xlsx --instance X.xlsx`: the workbook
    the exact scorer reads back scores what the stored paper solution scores."""
    scenario_file, schedule_file = _paper_schedule(name, tmp_path)
    out = tmp_path / "sol.xlsx"
    result = CliRunner().invoke(main, ["export", "cosplib", str(scenario_file),
                                       str(schedule_file), "-o", str(out),
                                       "--instance", str(instance_path(name))])
    assert result.exit_code == 0, result.output
    instance = load_instance(instance_path(name))
    paper = score(instance, load_solution(solution_path(name), instance))
    assert score(instance, load_solution(out, instance))["objective"] == paper["objective"]


def test_cli_export_refuses_a_bad_schedule_cleanly(tmp_path: Path) -> None:
    scenario_file, schedule_file = _paper_schedule("N2OR", tmp_path)
    data = yaml.safe_load(schedule_file.read_text(encoding="utf-8"))
    data["sessions"][0]["talks"][0]["start"] = "09:31"
    schedule_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = tmp_path / "sol.xlsx"
    result = CliRunner().invoke(main, ["export", "cosplib", str(scenario_file),
                                       str(schedule_file), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "not on the time slots" in result.output and "Traceback" not in result.output
    assert not out.exists()
    other = tmp_path / "other.xlsx"
    result = CliRunner().invoke(main, ["export", "cosplib", str(scenario_file),
                                       str(_paper_schedule_file(tmp_path)), "-o", str(other),
                                       "--instance", str(instance_path("GECCO19"))])
    assert result.exit_code == 2 and "not the instance's" in result.output
    assert not other.exists()


def _paper_schedule_file(tmp_path: Path) -> Path:
    folder = tmp_path / "paper"
    folder.mkdir()
    return _paper_schedule("N2OR", folder)[1]
