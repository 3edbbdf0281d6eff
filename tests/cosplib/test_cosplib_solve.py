"""A short CP-SAT solve of N2OR: feasible, scored exactly, written and read back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from confsched_cosplib.instance import Instance
from confsched_cosplib.scorer import score
from confsched_cosplib.solution import load_solution, write_solution
from confsched_cosplib.solve import greedy, greedy_solution, solve
from cosplibdata import solution_path


@pytest.mark.slow
def test_short_solve_is_feasible_and_scored(n2or: Instance, tmp_path: Path) -> None:
    result = solve(n2or, time_limit=15.0, workers=2, seed=0)
    assert result.status in ("optimal", "feasible")
    assert result.solution is not None and result.score is not None
    assert result.score["feasible"] and result.score["valid"]
    # Every term of the model equals the scorer's count for the decoded solution.
    assert result.model_terms is not None
    for name, value in result.model_terms.items():
        assert value == result.score["terms"].get(name, {"count": 0})["count"], name
    # Near the stored exact-model solution (2); unloaded it reaches 1 in 15 s.
    stored = score(n2or, load_solution(solution_path("N2OR"), n2or))["objective"]
    assert result.score["objective"] <= stored + 2

    # The written workbook reads back to the same solution and the same score.
    out = tmp_path / "N2ORSolution.xlsx"
    write_solution(out, n2or, result.solution, result.score)
    again = load_solution(out, n2or)
    assert again == result.solution
    assert score(n2or, again) == result.score
    sheets = openpyxl.load_workbook(out, read_only=True).sheetnames
    assert sheets == ["sol", "violations"]


def test_stored_layout_matches_ours(n2or: Instance, tmp_path: Path) -> None:
    """Writing a stored solution gives the same ``sol`` sheet cells as CoSPLib wrote."""
    stored = load_solution(solution_path("N2OR"), n2or)
    out = tmp_path / "copy.xlsx"
    write_solution(out, n2or, stored, score(n2or, stored))

    def cells(path: Path) -> list[tuple[object, ...]]:
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        return [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]

    ours, theirs = cells(out), cells(solution_path("N2OR"))
    assert [r[1:] for r in ours if any(r)] == [r[1:] for r in theirs if any(r)]


def test_greedy_hint_respects_the_rooms(n2or: Instance) -> None:
    cells, placed, starts = greedy(n2or)
    assert placed and len(starts) == len(placed)
    # Each talk the greedy places lies in a session where its track holds a room, and
    # every (session, room) holds at most its number of slots.
    for (i, s) in placed:
        track = n2or.submissions[i].track
        assert any((track, s, r) in cells for r in range(len(n2or.rooms)))
    for (i, s, t) in starts:
        assert t + n2or.submissions[i].slots <= n2or.sessions[s].slots
    for s in range(len(n2or.sessions)):
        for r in range(len(n2or.rooms)):
            assert sum(1 for (_k, s2, r2) in cells if (s2, r2) == (s, r)) <= 1
    used = sum(n2or.submissions[i].slots for (i, _s) in placed)
    capacity = sum(n2or.sessions[s].slots for (_k, s, _r) in cells)
    assert used <= capacity


def test_greedy_solution_is_scored_or_refused(n2or: Instance) -> None:
    # N2OR is tight (36 slots for 36 needed): the greedy cannot place everything and says so.
    assert greedy_solution(n2or) is None
