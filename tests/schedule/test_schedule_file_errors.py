"""A schedule file edited by hand: its errors point to the schedule's own reference
(docs/schedule-format.md, which describes every field), not to the scenario's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from scheduler.errors import InputError
from scheduler.schedule import (
    SCHEDULE_REFERENCE,
    ObjectiveTerm,
    Schedule,
    ScheduledBreak,
    ScheduledSession,
    SolveInfo,
    load_schedule,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEDULE = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = SCHEDULE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "расписание.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "fragment"), [
    ("status: feasible", "status: great", "status"),
    ("    room: hall", "    rooom: hall", "unknown key 'rooom'"),
])
def test_hints_name_the_schedule_reference(tmp_path: Path, old: str, new: str,
                                           fragment: str) -> None:
    path = _edited(tmp_path, old, new)
    with pytest.raises(InputError) as caught:
        load_schedule(path)
    problem = caught.value.problems[0]
    assert fragment in str(problem)
    assert problem.file == str(path) and problem.line is not None
    assert SCHEDULE_REFERENCE in (problem.hint or ""), problem
    assert "scenarios/README.md" not in (problem.hint or ""), problem


def test_the_reference_exists_and_describes_every_field() -> None:
    text = (ROOT / SCHEDULE_REFERENCE).read_text(encoding="utf-8")
    described = set(re.findall(r"`([a-z_0-9]+)`", text))
    models: list[type[BaseModel]] = [Schedule, ScheduledSession, ScheduledBreak, SolveInfo,
                                     ObjectiveTerm]
    missing = [f"{m.__name__}.{name}" for m in models for name in m.model_fields
               if name not in described]
    assert not missing, missing


def test_the_example_of_the_reference_is_a_schedule_file(tmp_path: Path) -> None:
    text = (ROOT / SCHEDULE_REFERENCE).read_text(encoding="utf-8")
    example = tmp_path / "example.yaml"
    example.write_text(text.split("```yaml\n")[1].split("```")[0], encoding="utf-8")
    schedule = load_schedule(example)
    assert schedule.sessions[0].title == "Джем знаний о цифровых сообществах"


def test_broken_json_says_where_and_how_to_fix(tmp_path: Path) -> None:
    path = tmp_path / "расписание.json"
    path.write_text('{"format": "confsched-schedule",\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_schedule(path)
    problem = caught.value.problems[0]
    assert problem.line == 2 and problem.hint, problem
