"""What `confsched solve` prints fits the terminal (80 columns is the test's terminal),
and the objective breakdown says each soft term in words with its unit."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.checker.soft import TERMS
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.schedule import ObjectiveTerm, load_schedule
from scheduler.solver.report import (
    TERM_WORDS,
    objective_table,
    programme_table,
    term_phrase,
    text_width,
)

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
SCHEDULE = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"


@pytest.mark.parametrize("width", [80, 100, 60])
def test_the_programme_fits_the_terminal(width: int) -> None:
    table = programme_table(load_scenario(BISHKEK), load_schedule(SCHEDULE), width)
    widest = max(text_width(line) for line in table.splitlines())
    assert widest <= width, table
    # a long title wraps onto a second line instead of being lost
    assert "Регистрация участников," in table and "фотогалерея" in table


def test_a_wide_terminal_shows_every_title_whole() -> None:
    scenario, schedule = load_scenario(BISHKEK), load_schedule(SCHEDULE)
    table = programme_table(scenario, schedule, 400)
    for session in schedule.sessions:
        assert session.title in table
    assert "…" not in table


def test_wide_characters_count_two_columns() -> None:
    assert text_width("会議室") == 6
    assert text_width("Зал") == 3
    assert text_width("e\u0301") == 1


def test_every_rulebook_term_is_said_in_words() -> None:
    assert set(TERMS) | {"changes"} <= set(TERM_WORDS)
    assert term_phrase("compact_days", 126, 5) == "126 5-minute steps of the days' length"
    assert term_phrase("participant_clashes", 1, 5) == "1 participant clash"
    assert term_phrase("participant_clashes", 3, 5) == "3 participant clashes"
    assert term_phrase("room_fit", 30, 5) == "30 tens of empty seats"
    assert term_phrase("a-plugin-term", 2, 5) == "2 × a-plugin-term"


def test_the_objective_breakdown_in_words_fits_80_columns() -> None:
    schedule = load_schedule(SCHEDULE)
    schedule.objective_terms = {
        "participant_clashes": ObjectiveTerm(weight=10, value=2, penalty=20),
        "compact_days": ObjectiveTerm(weight=1, value=126, penalty=126),
        "room_fit": ObjectiveTerm(weight=1, value=30, penalty=30),
    }
    schedule.objective = 176
    text = objective_table(schedule, 5, 80)
    assert "2 participant clashes (participant_clashes)" in text
    assert "126 5-minute steps of the days' length (compact_days)" in text
    assert max(text_width(line) for line in text.splitlines()) <= 80
    assert text.splitlines()[-1].split() == ["total", "176"]


@pytest.mark.slow
def test_solve_prints_within_80_columns() -> None:
    result = CliRunner().invoke(main, ["solve", str(BISHKEK), "--time-limit", "20"],
                                env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(text_width(line) for line in lines) <= 80, result.stdout
    assert any("5-minute steps of the days' length (compact_days)" in line for line in lines)


def test_json_says_each_term_in_words(tmp_path: Path) -> None:
    from scheduler.schedule import SolveStatus
    from scheduler.solver.options import Result
    from scheduler.solver.report import result_data

    schedule = load_schedule(SCHEDULE)
    schedule.objective_terms = {"compact_days": ObjectiveTerm(weight=1, value=126,
                                                              penalty=126)}
    data = result_data(Result(status=SolveStatus.FEASIBLE, schedule=schedule), 5)
    assert data["terms_in_words"]["compact_days"]["text"] == (
        "126 5-minute steps of the days' length")
    assert "last session" in data["terms_in_words"]["compact_days"]["meaning"]
