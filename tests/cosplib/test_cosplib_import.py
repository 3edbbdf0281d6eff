"""``confsched import cosplib``: the core scenario keeps CoSPLib's structure."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from confsched_cosplib.importer import scenario_data, slug
from confsched_cosplib.instance import Instance, load_instance
from confsched_cosplib.solution import EMPTY, load_solution
from cosplibdata import instance_path, solution_path

from scheduler.cli import main
from scheduler.scenario import load_scenario


def test_import_round_trip(n2or: Instance, tmp_path: Path) -> None:
    out = tmp_path / "n2or.yaml"
    result = CliRunner().invoke(main, ["import", "cosplib", str(instance_path("N2OR")),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    scenario = load_scenario(out)
    assert [room.name for room in scenario.rooms] == n2or.rooms
    assert [track.name for track in scenario.tracks] == n2or.tracks
    assert [s.title for s in scenario.sessions] == [sub.name for sub in n2or.submissions]
    by_title = {s.title: s for s in scenario.sessions}
    track_of = {t.id: t.name for t in scenario.tracks}
    for sub in n2or.submissions:
        session = by_title[sub.name]
        assert track_of[session.track] == n2or.tracks[sub.track]  # type: ignore[index]
        names = [scenario.person(p).name for p in session.people.get("speaker", [])]
        assert names == sub.presenters
        assert scenario.duration(session) == 30 * sub.slots  # shortest slot: 30 min
    # Talks run only inside CoSPLib sessions: the gap on Wednesday is a fixed break.
    assert scenario.days == sorted({s.date for s in n2or.sessions if s.date})
    gaps = [(b.start, b.end) for b in scenario.breaks.fixed]
    assert (10 * 60 + 30, 14 * 60) in gaps
    # Every CoSPLib attendee conflict is a pair of talks some registration wants.
    title = {s.id: s.title for s in scenario.sessions}
    index = n2or.submission_index
    wanted = set()
    for registration in scenario.participants.registrations:
        talks = sorted(index[title[sid]] for sid in registration.sessions)
        wanted |= {(a, b) for a in talks for b in talks if a < b}
    conflicts = {(i, j) for i, js in enumerate(n2or.attendee_conflicts) for j in js if i < j}
    assert conflicts and conflicts <= wanted


def test_import_with_solution_pins_blocks(n2or: Instance, tmp_path: Path) -> None:
    solution = load_solution(solution_path("N2OR"), n2or)
    out = tmp_path / "solved.yaml"
    result = CliRunner().invoke(main, [
        "import", "cosplib", str(instance_path("N2OR")), "--solution",
        str(solution_path("N2OR")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    scenario = load_scenario(out)
    blocks = sum(1 for s, row in enumerate(solution.tracks) for r, k in enumerate(row)
                 if k != EMPTY and any(i != EMPTY for i in solution.cells[s][r]))
    assert len(scenario.sessions) == blocks
    rooms = {room.id: room.name for room in scenario.rooms}
    for session in scenario.sessions:
        assert session.pin is not None and session.pin.room in rooms
        s = next(i for i, x in enumerate(n2or.sessions) if session.title.endswith(f"({x.name})"))
        r = n2or.rooms.index(rooms[session.pin.room or ""] or "")
        assert n2or.tracks[solution.tracks[s][r]] == session.title.rsplit(" (", 1)[0]
        assert session.pin.day == n2or.sessions[s].date


def test_cyrillic_names_survive(n2or: Instance) -> None:
    n2or_copy = load_instance(instance_path("N2OR"))
    n2or_copy.rooms[0] = "Зал «Европа»"
    n2or_copy.tracks[0] = "Образование"
    data = scenario_data(n2or_copy)
    assert data["rooms"][0]["name"] == "Зал «Европа»"
    assert data["rooms"][0]["id"] == "зал-европа"
    assert data["tracks"][0]["name"] == "Образование"
    assert slug("Образование", {"образование"}) == "образование-2"


def test_bad_workbook_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "not.xlsx"
    bad.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "cosplib", str(bad), "-o",
                                       str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "not an Excel workbook" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_missing_sheet_and_bad_cell_are_named(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(instance_path("N2OR"))
    workbook["submissions"]["C2"] = "two"
    workbook.save(tmp_path / "badcell.xlsx")
    del workbook["rooms"]
    workbook.save(tmp_path / "nosheet.xlsx")
    runner = CliRunner()
    result = runner.invoke(main, ["cosplib", "score", str(tmp_path / "badcell.xlsx"),
                                  str(solution_path("N2OR"))])
    assert result.exit_code == 2
    assert "sheet 'submissions' cell C2" in result.output and "whole number" in result.output
    result = runner.invoke(main, ["cosplib", "score", str(tmp_path / "nosheet.xlsx"),
                                  str(solution_path("N2OR"))])
    assert result.exit_code == 2 and "missing sheet(s): rooms" in result.output


@pytest.mark.parametrize("name", ["N2OR"])
def test_cli_score_prints_the_objective(name: str) -> None:
    result = CliRunner().invoke(main, ["cosplib", "score", str(instance_path(name)),
                                       str(solution_path(name)), "--json"])
    assert result.exit_code == 0, result.output
    assert '"objective": 2' in result.output


@pytest.mark.slow  # a real solve on a 5 s wall-clock limit (no --deterministic here)
def test_cli_solve_writes_a_scorable_workbook(tmp_path: Path) -> None:
    out = tmp_path / "sol.xlsx"
    result = CliRunner().invoke(main, ["cosplib", "solve", str(instance_path("N2OR")), "-o",
                                       str(out), "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    again = CliRunner().invoke(main, ["cosplib", "score", str(instance_path("N2OR")), str(out)])
    assert again.exit_code == 0
    last = [line for line in result.output.splitlines() if line.startswith("objective")]
    assert last and last[0] in again.output


@pytest.mark.slow
def test_imported_scenario_is_solved_by_the_engine(tmp_path: Path) -> None:
    """`confsched import cosplib N2OR.xlsx -o n.yaml && confsched solve n.yaml` used to
    exit 3: every room had capacity 0 and every talk with an attendee fitted none."""
    scenario = tmp_path / "n.yaml"
    runner = CliRunner()
    result = runner.invoke(main, ["import", "cosplib", str(instance_path("N2OR")),
                                  "-o", str(scenario)])
    assert result.exit_code == 0, result.output
    assert "not in the scenario: talk order" in result.output
    assert all(room.capacity > 0 for room in load_scenario(scenario).rooms)
    schedule = tmp_path / "s.yaml"
    result = runner.invoke(main, ["solve", str(scenario), "-o", str(schedule),
                                  "--time-limit", "20"])
    assert result.exit_code == 0, result.output
    assert schedule.is_file()
