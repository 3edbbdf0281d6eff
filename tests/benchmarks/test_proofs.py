"""benchmarks.proofs and benchmarks.bound_pieces: real solves of a shipped scenario, checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks import bound_pieces, proofs, term_sets
from scheduler.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_proofs_solves_checks_and_states_the_floors(tmp_path: Path) -> None:
    result = CliRunner().invoke(proofs.main, [
        "--instance", "bishkek", "--deterministic", "--time-limit", "5", "--terms",
        "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "proofs.json").read_text(encoding="utf-8"))
    [row] = data["results"]
    assert row["instance"] == "bishkek-launch-2022"
    assert row["status"] == "optimal" and row["checked"]
    assert row["objective"] == row["bound"] == sum(row["terms"].values())
    # each term's own floor is a lower bound on what the optimum pays for it
    assert all(row["floors"][n] <= row["terms"].get(n, 0) for n in row["floors"])
    text = (tmp_path / "proofs.md").read_text(encoding="utf-8")
    assert "**Proven optimal: 1 of 1" in text


@pytest.mark.slow
def test_bound_pieces_reports_each_set(tmp_path: Path) -> None:
    result = CliRunner().invoke(bound_pieces.main, [
        "--instance", "bishkek", "--pieces", "none", "--pieces", "grain,symmetry",
        "--units", "1", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = json.loads((tmp_path / "pieces.json").read_text(encoding="utf-8"))["results"]
    assert [r["pieces"] for r in rows] == ["none", "grain,symmetry"]
    assert rows[0]["bound"] == rows[1]["bound"]  # a valid piece never moves the optimum
    assert rows[1]["constraints"] > rows[0]["constraints"]


def test_bad_parameter_value_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(proofs.main, [
        "--instance", "nothing", "--param", "linearization_level=two", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "VALUE must be JSON" in result.output


def test_only_terms_keeps_the_chosen_weights_and_zeroes_the_rest() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "bishkek-launch-2022.yaml")
    kept = term_sets.only_terms(scenario, {"room_fit"})
    assert kept.weights.room_fit == scenario.weights.room_fit > 0
    assert all(getattr(kept.weights, t) == 0 for t in term_sets.SOFT_TERMS if t != "room_fit")
    assert kept.weights.dropped == scenario.weights.dropped  # not a term of the study
    with pytest.raises(ValueError, match="unknown soft term"):
        term_sets.only_terms(scenario, {"room_fti"})


@pytest.mark.slow
def test_term_sets_solves_with_only_the_chosen_terms(tmp_path: Path) -> None:
    """Each term's optimum alone, and the pair's: the checked pair schedule pays only the
    two terms, and the pair costs at least the sum of the single optima (each single solve
    is proven, so its optimum is a floor of that term in every schedule)."""
    result = CliRunner().invoke(term_sets.main, [
        "--instance", "bishkek", "--time-limit", "10", "--terms", "room_fit",
        "--terms", "compact_days", "--terms", "room_fit+compact_days", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = json.loads((tmp_path / "term_sets.json").read_text(encoding="utf-8"))["results"]
    fit, compact, pair = rows
    assert all(r["status"] == "optimal" and r["checked"] for r in rows)
    assert set(pair["penalties"]) <= {"room_fit", "compact_days"}
    assert pair["objective"] == sum(pair["penalties"].values())
    assert pair["objective"] >= fit["objective"] + compact["objective"]


def test_term_sets_refuses_an_unknown_term(tmp_path: Path) -> None:
    result = CliRunner().invoke(term_sets.main, [
        "--instance", "bishkek", "--terms", "room_fit+nonsense", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown soft term" in result.output
