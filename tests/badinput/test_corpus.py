"""Each bad file of the corpus is refused with the expected message, at the expected line,
with a fix; odd-but-valid files load and keep their text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from badinput_data import CORPUS, corpus_files, expectations

from scheduler.errors import InputError
from scheduler.scenario import Scenario, load_scenario


def test_every_corpus_file_has_an_expectation_and_back() -> None:
    names = {p.name for p in corpus_files()}
    assert names == set(expectations())
    assert len(names) >= 40


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_file(path: Path, expected: dict[str, dict[str, Any]]) -> None:
    want = expected[path.name]
    if want.get("loads"):
        assert isinstance(load_scenario(path), Scenario)
        return
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    problems = caught.value.problems
    assert problems, "an InputError names at least one problem"
    matching = [p for p in problems if want["message"] in p.message]
    assert matching, f"no problem says {want['message']!r}: {caught.value}"
    problem = matching[0]
    assert problem.file == str(path)
    assert problem.line == want["line"], str(problem)
    if problem.line is not None:
        assert problem.column is not None and problem.column >= 1
    for each in problems:
        assert each.hint, f"no fix given for: {each}"
        text = str(each)
        assert "Traceback" not in text and "pydantic" not in text
        assert "errors.pydantic.dev" not in text


def test_html_and_path_separators_in_names_are_kept_as_text(tmp_path: Path) -> None:

    scenario = load_scenario(CORPUS / "html-in-names.yaml")
    assert scenario.rooms[0].name == "<b>Зал</b> & <script>alert(1)</script>"
    assert scenario.sessions[0].title == "<img src=x onerror=alert(1)> Доклад"
    scenario = load_scenario(CORPUS / "path-separator-in-names.yaml")
    assert scenario.rooms[0].name == "Зал А/Б ../../etc"
    assert scenario.sessions[0].title == "Доклад: C:\\Windows\\system32"


def test_zero_rooms_with_in_person_sessions_loads_for_the_solver_to_diagnose() -> None:

    scenario = load_scenario(CORPUS / "zero-rooms-in-person.yaml")
    assert scenario.rooms == []
    assert scenario.sessions[0].format == "in-person"


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_scenario(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="folder"):
        load_scenario(tmp_path)


def test_an_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    from scheduler import yamlsafe

    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (yamlsafe.MAX_BYTES + 1))
    with pytest.raises(InputError, match="larger than"):
        load_scenario(big)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        "event: {name: X, first-day: 2024-01-01}\n"
        "sessions:\n"
        "  - {id: a, title: A, instrument: talk, after: [zz]}\n"
        "  - {id: b, title: B, instrument: talk, rooms: [attic]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    lines = sorted(p.line for p in caught.value.problems if p.line)
    assert lines == [3, 4]
    assert "2 problems found" in str(caught.value)


def test_unquoted_h_mm_times_mean_hours_and_minutes() -> None:
    scenario = load_scenario(CORPUS / "clock-as-unquoted-number.yaml")
    assert (scenario.event.day_start, scenario.event.day_end) == (9 * 60 + 30, 17 * 60 + 45)
