"""benchmarks/handwritten: the hand-written scenarios load, the unsolvable ones are named
before any search, and the proofs benchmark lists and solves the others (hand1)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from benchmarks import handwritten, proofs
from scheduler.diagnose import precheck
from scheduler.facts import FactBuilder
from scheduler.scenario import load_scenario


def test_every_hand_written_scenario_loads() -> None:
    feasible, infeasible = handwritten.paths(), handwritten.paths(infeasible=True)
    assert len(feasible) >= 6 and len(infeasible) >= 3
    for path in feasible + infeasible:
        scenario = load_scenario(path)
        assert scenario.event.timezone != "UTC", path.name  # none of them is in UTC


def test_the_overbooked_expert_the_small_hall_and_the_licences_are_named_before_solving(
        ) -> None:
    found = {}
    for name in ("infeasible-expert-overbooked", "infeasible-fair-too-big",
                 "infeasible-licences"):
        scenario = load_scenario(handwritten.HERE / f"{name}.yaml")
        found[name] = " ".join(f.text for f in precheck(scenario, FactBuilder(scenario).build()))
    assert "Бахыт Жумагалиев has 5h of sessions but only 3h" in found[
        "infeasible-expert-overbooked"]
    assert "no room can hold session 'fair' (180 participants)" in found[
        "infeasible-fair-too-big"]
    assert "Выставочный зал seats 120" in found["infeasible-fair-too-big"]
    assert "3 online or hybrid sessions are fixed to run at once" in found[
        "infeasible-licences"]


def test_the_proofs_benchmark_lists_and_solves_them(tmp_path: Path) -> None:
    labels = [label for label, _ in handwritten.instances()]
    assert "handwritten/bishkek-jams" in labels
    assert not any("infeasible" in label for label in labels)
    result = CliRunner().invoke(proofs.main, [
        "--handwritten", "--no-scenarios", "--instance", "handwritten/bishkek-jams",
        "--deterministic", "--time-limit", "5", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [row] = json.loads((tmp_path / "proofs.json").read_text(encoding="utf-8"))["results"]
    assert row["status"] == "optimal" and row["checked"]
    assert row["objective"] == row["bound"]


def test_the_at_once_piece_goes_to_events_whose_licences_are_tight() -> None:
    """hand2: the online week (22 sessions, every one online, two licences) gets the
    ``at-once`` bound piece by default; the study tours (one evening meeting a day online)
    do not: there it only slowed the proof."""
    from scheduler.solver.model import ScheduleModel

    week = ScheduleModel(load_scenario(handwritten.HERE / "cop-online-week.yaml"))
    tours = ScheduleModel(load_scenario(handwritten.HERE / "issyk-kul-tours.yaml"))
    assert "at-once" in week.bounds and week.objective.energy.at_once >= 4
    assert "at-once" not in tours.bounds


def test_every_hand_written_scenario_has_an_expected_status() -> None:
    """hand2: each file says what it is meant to end with (benchmarks/handwritten)."""
    stems = {p.stem for p in handwritten.paths() + handwritten.paths(infeasible=True)}
    assert stems == set(handwritten.EXPECTED)
    for stem, status in handwritten.EXPECTED.items():
        assert status in {"optimal", "feasible", "infeasible", "unknown"}
        assert stem.startswith("infeasible-") == (status in {"infeasible", "unknown"})
