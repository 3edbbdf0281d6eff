"""``confsched diff`` given schedules of two events, or a scenario of another event, says so
(it compared the files anyway: an event may have been renamed between versions)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from scheduler.cli import main

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
SCHEDULE = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"


def _renamed(tmp_path: Path) -> Path:
    text = SCHEDULE.read_text(encoding="utf-8")
    event = next(line for line in text.splitlines() if line.startswith("event:"))
    other = tmp_path / "другое.yaml"
    other.write_text(text.replace(event, "event: Другое событие", 1), encoding="utf-8")
    return other


def test_schedules_of_two_events_are_compared_with_a_warning(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["diff", str(SCHEDULE), str(_renamed(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "warning: the two schedules are of different events" in result.stderr
    assert "Другое событие" in result.stderr


def test_a_scenario_of_another_event_is_named(tmp_path: Path) -> None:
    other = _renamed(tmp_path)
    result = CliRunner().invoke(main, ["diff", str(other), str(other),
                                       "--scenario", str(BISHKEK)])
    assert result.exit_code == 0, result.output
    assert "warning: the scenario is of the event" in result.stderr


def test_matching_files_give_no_warning() -> None:
    result = CliRunner().invoke(main, ["diff", str(SCHEDULE), str(SCHEDULE),
                                       "--scenario", str(BISHKEK)])
    assert result.exit_code == 0 and result.stderr == ""


def test_with_the_scenario_people_and_rooms_are_named_in_words(tmp_path: Path) -> None:
    """An organiser writes to Модератор церемонии, not to an id; the JSON keeps the ids."""
    from scheduler.schedule import load_schedule, save_schedule

    schedule = load_schedule(SCHEDULE)
    moved = schedule.model_copy(deep=True)
    first = next(s for s in moved.sessions if s.room and s.people)
    first.start, first.end = first.start + 5, first.end + 5
    later = tmp_path / "later.yaml"
    save_schedule(moved, later)
    from scheduler.scenario import load_scenario

    scenario = load_scenario(BISHKEK)
    room = next(r for r in scenario.rooms if r.id == first.room)
    person_id = next(p for ids in first.people.values() for p in ids)
    person = next(p for p in scenario.people if p.id == person_id)
    result = CliRunner().invoke(main, ["diff", str(SCHEDULE), str(later),
                                       "--scenario", str(BISHKEK)])
    assert result.exit_code == 0, result.output
    assert f"@ {room.name or room.id}" in result.stdout
    assert person.name is not None and person.name in result.stdout
    assert "1 session changed" in result.stdout
    plain = CliRunner().invoke(main, ["diff", str(SCHEDULE), str(later), "--json"])
    assert person_id in plain.stdout
