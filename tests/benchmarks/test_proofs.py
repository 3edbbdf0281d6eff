"""benchmarks.proofs and benchmarks.bound_pieces: real solves of a shipped scenario, checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks import bound_pieces, proofs


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
