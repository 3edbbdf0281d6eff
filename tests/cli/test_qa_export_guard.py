"""A hand-edited schedule whose entries cannot be published (a session ending before it
starts, on a day that is not the event's, in a room the scenario lacks) is refused by
every exporter, with the file, line and column of the entry, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = str(ROOT / "scenarios" / "bishkek-launch-2022.yaml")
SCHEDULE = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"


def _first_session_edit(text: str, key: str, value: str) -> str:
    """Replace ``key: ...`` in the first session of a schedule file."""
    head, sep, rest = text.partition("\nsessions:\n")
    lines = rest.split("\n")
    for i, line in enumerate(lines):
        if line.strip().startswith(f"{key}:"):
            indent = line[: len(line) - len(line.lstrip())]
            lines[i] = f"{indent}{key}: {value}"
            break
    return head + sep + "\n".join(lines)


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("end", "'08:00'", "ends before it starts"),
        ("room", "attic", "'attic' is not a room of"),
        ("day", "'2022-06-09'", "2022-06-09 is not a day of the event"),
    ],
)
@pytest.mark.parametrize("fmt", ["ical", "frab", "programme"])
def test_impossible_entries_are_refused_with_their_place(
        tmp_path: Path, key: str, value: str, fragment: str, fmt: str) -> None:
    edited = tmp_path / "edited.yaml"
    edited.write_text(_first_session_edit(SCHEDULE.read_text(encoding="utf-8"), key, value),
                      encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", fmt, BISHKEK, str(edited), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr, result.stderr
    assert f"{edited}:" in result.stderr and "fix:" in result.stderr, result.stderr
    assert not out.exists()


def test_a_schedule_moved_by_hand_but_possible_is_still_exported(tmp_path: Path) -> None:
    """Breaking a soft or hard rule by hand is the organiser's call; impossibility is not."""
    result = CliRunner().invoke(main, ["export", "frab", BISHKEK, str(SCHEDULE),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


def test_a_session_placed_twice_is_refused(tmp_path: Path) -> None:
    """Two entries with one id would be two calendar events with one UID."""
    import yaml

    data = yaml.safe_load(SCHEDULE.read_text(encoding="utf-8"))
    data["sessions"].append(dict(data["sessions"][0]))
    edited = tmp_path / "twice.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "ical", BISHKEK, str(edited),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "'registration' is placed twice" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()
