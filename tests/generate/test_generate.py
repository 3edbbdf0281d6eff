"""The scenario generator: deterministic, valid for every shape, feasible by construction."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.checker import check
from scheduler.cli import main
from scheduler.errors import UsageError
from scheduler.generate import (
    SHAPES,
    generate,
    generate_with_plan,
    generate_yaml,
    params_for,
    room_load,
    to_yaml,
)
from scheduler.scenario import load_scenario, parse_scenario
from scheduler.scenario.model import Scenario


def test_same_seed_same_file_other_seed_other_file() -> None:
    params = params_for("pycon")
    assert generate_yaml(params, 7) == generate_yaml(params, 7)
    assert generate_yaml(params, 7) != generate_yaml(params, 8)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_shape_loads_with_the_asked_size_and_slack(shape: str) -> None:
    params = params_for(shape)
    data = generate(params, 3)
    if params.sessions <= 100:
        scenario = parse_scenario(to_yaml(data), f"{shape}.yaml")
    else:  # the same validation as load_scenario, without writing and re-reading YAML
        scenario = Scenario.model_validate(data)
    assert len(scenario.sessions) == params.sessions
    assert len([r for r in scenario.rooms if "offsite" not in r.tags]) == params.rooms
    assert len(scenario.days) == params.days
    assert len(scenario.tracks) == params.tracks
    assert len(scenario.participants.registrations) == params.registrations
    assert room_load(data) <= params.load + 0.005


@pytest.mark.parametrize(("shape", "overrides", "simple", "seed"), [
    ("seminar", {}, False, 0),
    ("seminar", {}, False, 1),
    ("pycon", {}, False, 0),
    ("pycon", {}, False, 1),
    ("seminar", {"sessions": 60, "rooms": 6, "days": 2, "tracks": 2}, False, 2),
    ("large", {"sessions": 300, "rooms": 20, "days": 2}, False, 3),
    ("pycon", {"sessions": 50, "rooms": 3}, True, 4),
])
def test_planted_timetable_passes_the_independent_checker(
        shape: str, overrides: dict[str, int], simple: bool, seed: int) -> None:
    data, plan = generate_with_plan(params_for(shape, simple=simple, **overrides), seed)
    scenario = parse_scenario(to_yaml(data))
    report = check(scenario, plan)
    assert report.ok, [str(v) for v in report.violations][:5]


def test_the_mix_uses_the_catalogue_rules() -> None:
    scenario = parse_scenario(generate_yaml(params_for("large", sessions=300, rooms=20,
                                                       days=2), 5))
    used = Counter(s.instrument for s in scenario.sessions)
    for instrument in ("workshop", "competition", "award-ceremony", "community-of-practice",
                       "study-tour", "knowledge-jam", "twinning", "opening", "closing"):
        assert used[instrument], instrument
    award = next(s for s in scenario.sessions if s.instrument == "award-ceremony")
    assert award.after and scenario.session(award.after[0]).instrument == "competition"
    assert any(s.format == "hybrid" for s in scenario.sessions)
    assert any(s.format == "online" for s in scenario.sessions)
    assert scenario.hybrid.licences is not None
    assert any(p.available for p in scenario.people)
    facilitators = Counter(p for s in scenario.sessions for p in s.people.get("facilitator", []))
    assert facilitators.most_common(1)[0][1] >= 3  # facilitators run several sessions
    assert scenario.breaks.placed and scenario.breaks.max_block


def test_registrations_follow_a_skewed_popularity() -> None:
    scenario = parse_scenario(generate_yaml(params_for("pycon"), 2))
    counts = Counter(ref for r in scenario.participants.registrations for ref in r.sessions)
    ranked = [n for _, n in counts.most_common()]
    assert ranked[0] >= 5 * ranked[len(ranked) // 2]


def test_cyrillic_survives_the_file() -> None:
    text = generate_yaml(params_for("seminar"), 1)
    scenario = parse_scenario(text)
    assert "Форум знаний" in scenario.event.name
    assert any(any("а" <= ch <= "я" for ch in (p.name or "")) for p in scenario.people)


def test_too_little_room_is_a_clear_error() -> None:
    with pytest.raises(UsageError, match="add rooms or days|room-minutes"):
        generate(params_for("seminar", sessions=90, rooms=1), 0)
    with pytest.raises(UsageError, match="unknown shape"):
        params_for("huge")


def test_cli_writes_a_loadable_file(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    result = CliRunner().invoke(main, ["generate", "--shape", "pycon", "--sessions", "30",
                                       "--rooms", "3", "--seed", "4", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(load_scenario(out).sessions) == 30
    assert out.read_text(encoding="utf-8") == generate_yaml(
        params_for("pycon", sessions=30, rooms=3), 4)


def test_cli_bad_numbers_exit_2_without_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--sessions", "0", "-o",
                                       str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "--sessions must be at least 1" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize(("option", "value"), [("--sessions", "100000000"), ("--rooms", "5000"),
                                               ("--registrations", "10000000")])
def test_cli_sizes_beyond_the_limits_are_refused_at_once(option: str, value: str,
                                                         tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--shape", "pycon", option, value, "-o",
                                       str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert f"{option} {value} is more than the generator supports" in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_choices_give_ranked_choices_and_runs_and_stay_feasible() -> None:
    # #12: --choices 3: every registration ranks 3 sessions, a session with runs among
    # them; the planted timetable (which gives nobody a choice) still keeps every rule.
    params = params_for("seminar", sessions=60, rooms=6, days=2, choices=3)
    data, plan = generate_with_plan(params, 5)
    scenario = parse_scenario(to_yaml(data))
    assert len(scenario.sessions) == params.sessions
    with_runs = {s.series for s in scenario.sessions if s.run is not None}
    assert with_runs
    registrations = scenario.participants.registrations
    assert registrations and all(len(r.choices) == 3 for r in registrations)
    assert all(r.choices[0] in with_runs for r in registrations)
    assert check(scenario, plan).ok
    # Without --choices the file is what it always was.
    assert generate_yaml(params_for("seminar"), 5) == generate_yaml(
        params_for("seminar", choices=0), 5)
    with pytest.raises(UsageError):
        params_for("seminar", choices=11)
