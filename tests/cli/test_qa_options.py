"""Option values an organiser may type that CP-SAT cannot take: refused with exit 2 and a
message naming the option, never an internal error; and outputs that are not files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main

TINY = """
event: {name: Семинар, first-day: 2026-06-01, day-start: "09:00", day-end: "12:00"}
rooms: [{id: hall, capacity: 40}]
people: [{id: ann, name: Айгуль}]
sessions:
  - {id: a, title: Открытие семинара, instrument: talk, people: {speaker: [ann]}}
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "семинар.yaml"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--seed", "2147483648"),
        ("--seed", "99999999999999999999"),
        ("--time-limit", "nan"),
        ("--time-limit", "inf"),
        ("--workers", "100000"),
    ],
)
def test_out_of_range_options_are_refused_before_solving(
        scenario: Path, option: str, value: str) -> None:
    result = CliRunner().invoke(main, ["solve", str(scenario), option, value])
    assert result.exit_code == 2, result.output
    assert option in result.output
    assert "internal error" not in result.output and "Traceback" not in result.output


def test_the_largest_seed_still_solves(scenario: Path) -> None:
    result = CliRunner().invoke(main, ["solve", str(scenario), "--seed", "2147483647",
                                       "--time-limit", "5", "--workers", "1"])
    assert result.exit_code == 0, result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_an_output_that_is_not_a_regular_file_is_refused_and_kept(
        scenario: Path, tmp_path: Path) -> None:
    """A rename over a device or a pipe would replace it with a plain file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(fifo),
                                       "--time-limit", "5", "--workers", "1"])
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.output
    assert fifo.is_fifo()


@pytest.mark.parametrize(("option", "value"), [("--seed", "2147483648"),
                                               ("--time-limit", "nan"),
                                               ("--workers", "100000")])
def test_cosplib_solve_refuses_the_same_values(tmp_path: Path, option: str, value: str) -> None:
    result = CliRunner().invoke(main, ["cosplib", "solve", str(tmp_path / "N2OR.xlsx"),
                                       "-o", str(tmp_path / "out.xlsx"), option, value])
    assert result.exit_code == 2, result.output
    assert option in result.output and "internal error" not in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_generate_and_export_refuse_a_pipe_as_output(scenario: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    generated = CliRunner().invoke(main, ["generate", "--seed", "1", "-o", str(fifo)])
    assert generated.exit_code == 2 and "not a regular file" in generated.output
    schedule = tmp_path / "s.yaml"
    solved = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(schedule),
                                       "--time-limit", "5", "--workers", "1"])
    assert solved.exit_code == 0, solved.output
    exported = CliRunner().invoke(main, ["export", "schedule-json", str(scenario),
                                         str(schedule), "-o", str(fifo)])
    assert exported.exit_code == 2 and "not a regular file" in exported.output
    assert fifo.is_fifo()


def test_an_output_through_a_symlink_replaces_the_target_and_keeps_the_link(
        scenario: Path, tmp_path: Path) -> None:
    target = tmp_path / "v1.yaml"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.yaml"
    link.symlink_to(target.name)
    result = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(link),
                                       "--time-limit", "5", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert "Открытие семинара" in target.read_text(encoding="utf-8")


def test_an_output_inside_a_file_names_the_file_not_file_exists(
        scenario: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "programme.pdf"
    blocker.write_bytes(b"%PDF-1.7 kept")
    result = CliRunner().invoke(main, ["solve", str(scenario), "-o",
                                       str(blocker / "s.yaml"), "--time-limit", "5"])
    assert result.exit_code == 1, result.output  # an output error, as the exporters' own
    assert f"{blocker} is a file, not a folder" in result.output
    assert "File exists" not in result.output
    assert blocker.read_bytes() == b"%PDF-1.7 kept"


@pytest.mark.parametrize("fmt", ["frab", "schedule-json", "web", "ical"])
def test_a_folder_export_given_a_file_says_so_and_keeps_it(
        scenario: Path, tmp_path: Path, fmt: str) -> None:
    schedule = tmp_path / "s.yaml"
    solved = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(schedule),
                                       "--time-limit", "5", "--workers", "1"])
    assert solved.exit_code == 0, solved.output
    blocker = tmp_path / "keep.txt"
    blocker.write_text("мой файл", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", fmt, str(scenario), str(schedule),
                                       "-o", str(blocker)])
    assert result.exit_code == 2, result.output
    assert "is a file" in result.output and "folder" in result.output
    assert "File exists" not in result.output
    assert blocker.read_text(encoding="utf-8") == "мой файл"


def test_solving_a_scenario_without_sessions_warns(tmp_path: Path) -> None:
    """An empty programme is most likely a mistake (sessions: missing or mis-indented)."""
    path = tmp_path / "пусто.yaml"
    path.write_text("event: {name: Семинар, first-day: 2026-06-01}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["solve", str(path), "--time-limit", "5"])
    assert "warning: the scenario has no sessions" in result.stderr, result.output


def test_import_into_a_folder_asks_for_a_file_name(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "cosplib" / "data" / "N2OR.xlsx"
    result = CliRunner().invoke(main, ["import", "cosplib", str(source), "-o", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "is a folder" in result.output and "file name" in result.output


def test_caldav_ignores_a_file_given_as_output(scenario: Path, tmp_path: Path) -> None:
    """-o is not used by caldav: a file of that name is no reason to refuse."""
    schedule = tmp_path / "s.yaml"
    solved = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(schedule),
                                       "--time-limit", "5", "--workers", "1"])
    assert solved.exit_code == 0, solved.output
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "caldav", str(scenario), str(schedule),
                                       "-o", str(blocker), "--url", "http://127.0.0.1:9/"])
    assert "is a file" not in result.output
    assert "cannot reach the CalDAV server" in result.output


def test_ctrl_c_before_any_schedule_exits_130_and_keeps_the_old_file(
        scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The solver reports an interrupt with no schedule as status unknown; the command says
    it was interrupted (exit 130, like any Ctrl-C), not 'no reason could be found' (exit 3)."""
    import scheduler.solver as solver_package  # the command imports solve() from here
    from scheduler.schedule import SolveStatus
    from scheduler.solver import Result

    def interrupted(*args: object, **kwargs: object) -> Result:
        return Result(status=SolveStatus.UNKNOWN, schedule=None, interrupted=True)

    monkeypatch.setattr(solver_package, "solve", interrupted)
    out = tmp_path / "s.yaml"
    out.write_text("old\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(out)])
    assert result.exit_code == 130, result.output
    assert "interrupted before any schedule was found" in result.stderr
    assert "no reason could be found" not in result.output
    assert out.read_text(encoding="utf-8") == "old\n"


def test_a_note_mentioning_an_interrupt_is_not_an_interrupt(
        scenario: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Notes are for people: only ``Result.interrupted`` says Ctrl-C stopped the search."""
    import scheduler.solver as solver_package  # the command imports solve() from here
    from scheduler.schedule import SolveStatus
    from scheduler.solver import Result

    def unknown(*args: object, **kwargs: object) -> Result:
        return Result(status=SolveStatus.UNKNOWN, schedule=None, diagnosis=["no time"],
                      notes=["the search was interrupted before any schedule was found"])

    monkeypatch.setattr(solver_package, "solve", unknown)
    result = CliRunner().invoke(main, ["solve", str(scenario)])
    assert result.exit_code == 4, result.output  # nothing found in time, nothing proven


def test_solve_refuses_to_write_over_its_own_scenario(scenario: Path) -> None:
    before = scenario.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(scenario),
                                       "--time-limit", "5"])
    assert result.exit_code == 2, result.output
    assert "is the scenario" in result.output
    assert scenario.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("which", ["scenario", "schedule"])
def test_export_refuses_to_write_over_its_inputs(scenario: Path, tmp_path: Path,
                                                 which: str) -> None:
    schedule = tmp_path / "s.yaml"
    solved = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(schedule),
                                       "--time-limit", "5", "--workers", "1"])
    assert solved.exit_code == 0, solved.output
    target = scenario if which == "scenario" else schedule
    before = target.read_bytes()
    result = CliRunner().invoke(main, ["export", "programme", str(scenario), str(schedule),
                                       "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert f"is the {which}" in result.output
    assert target.read_bytes() == before


def test_a_file_exporter_given_a_folder_writes_its_default_name_inside(
        scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Exporter contract: a file-kind exporter is handed a file, never a folder (the
    example CSV plugin failed with 'Is a directory' on -o out/)."""
    import scheduler.cli.export as export_module
    from scheduler.atomic import atomic_write_text
    from scheduler.exporting import ExportContext, Exporter

    def run(context: ExportContext, output: Path, options: dict[str, object]) -> list[Path]:
        atomic_write_text(output, context.scenario.event.name + "\n")
        return [output]

    fake = Exporter(name="fake", description="A file.", run=run, output_kind="file",
                    default_output="programme.txt")
    monkeypatch.setattr(export_module, "exporters", lambda: {"fake": fake})
    schedule = tmp_path / "s.yaml"
    solved = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(schedule),
                                       "--time-limit", "5", "--workers", "1"])
    assert solved.exit_code == 0, solved.output
    folder = tmp_path / "out"
    folder.mkdir()
    result = CliRunner().invoke(main, ["export", "fake", str(scenario), str(schedule),
                                       "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "programme.txt").read_text(encoding="utf-8") == "Семинар\n"


@pytest.mark.parametrize(("moment", "said"), [
    ("2025-06-01T12:00", "is before the event starts"),
    ("2027-06-01T12:00", "is after the event ends"),
])
def test_a_frozen_until_outside_the_event_is_warned(scenario: Path, tmp_path: Path,
                                                    moment: str, said: str) -> None:
    """A mistyped year froze nothing (or everything) without a word."""
    published = tmp_path / "published.yaml"
    solved = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(published),
                                       "--time-limit", "5", "--workers", "1"])
    assert solved.exit_code == 0, solved.output
    result = CliRunner().invoke(main, ["solve", str(scenario), "--from", str(published),
                                       "--frozen-until", moment, "--time-limit", "5",
                                       "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert f"warning: --frozen-until {moment} {said}" in result.stderr, result.stderr
