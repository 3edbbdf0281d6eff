"""The one engine solves talks: scheduler.solver.solve groups talks into talk sessions, every
hard rule holds (checked by the independent checker), the model's objective is the
checker's, impossibility is claimed only when proven, with the reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from scheduler.checker import check
from scheduler.cli import main
from scheduler.errors import UsageError
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver import Result, SolveOptions, solve
from tests.talks.helpers import random_data, small, small_data

pytestmark = pytest.mark.slow


def solved(scenario: Scenario, seconds: float = 10.0) -> tuple[Result, Schedule]:
    result = solve(scenario, SolveOptions(time_limit=seconds, workers=2, seed=1,
                                          handle_sigint=False, diagnose=False))
    assert result.schedule is not None, (result.status, result.diagnosis)
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert report.objective == result.schedule.objective
    return result, result.schedule


def where(schedule: Schedule) -> dict[str, tuple[str, str | None, int]]:
    """Talk id -> (talk session id, room, start)."""
    return {talk.id: (s.id, s.room, talk.start) for s in schedule.sessions for talk in s.talks}


def test_the_small_scenario_is_grouped_into_checked_talk_sessions() -> None:
    scenario = small()
    result, schedule = solved(scenario)
    placed = where(schedule)
    assert set(placed) == {t.id for t in scenario.talks}
    assert placed["t3"][1] == "r1"  # the online talk is in the hybrid room
    for session in schedule.sessions:
        assert session.instrument == "talk-session"
        tracks = {next(t.track for t in scenario.talks if t.id == x.id) for x in session.talks}
        assert tracks == {session.track}
        assert session.people["chair"] == next(
            t.chairs for t in scenario.tracks if t.id == session.track)
    # cid and dan each present in both tracks: the solver keeps them apart.
    assert schedule.objective_terms["presenters_conflicts"].value == 0
    assert result.model_objective == schedule.objective


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_model_objective_equals_the_checkers_on_generated_scenarios(seed: int) -> None:
    scenario = Scenario.model_validate(random_data(seed), context={"text": True})
    result, schedule = solved(scenario, seconds=15)
    assert result.model_objective is not None
    assert result.model_objective == check(scenario, schedule).objective


def test_availability_of_presenters_and_chairs_and_pins_hold() -> None:
    data = small_data()
    data["people"][4]["available"] = [{"start": "14:00", "end": "18:00"}]  # eva: afternoon
    data["people"][0]["available"] = [{"start": "09:00", "end": "12:00"}]  # ann chairs ecom
    data["talks"][4]["pin"] = {"talk-slot": "pm", "room": "r2"}  # t5
    scenario = small(**data)
    _, schedule = solved(scenario)
    placed = where(schedule)
    assert placed["t4"][0].startswith("pm.")
    assert placed["t1"][0].startswith("am.") and placed["t2"][0].startswith("am.")
    assert placed["t5"][0] == "pm.r2"


def test_talk_slot_rooms_and_room_windows_hold() -> None:
    data = small_data()
    data["talk-slots"][0]["rooms"] = ["r1"]
    data["rooms"][1]["available"] = [{"start": "14:00", "end": "18:00"}]
    _, schedule = solved(small(**data))
    assert {s.id for s in schedule.sessions} <= {"am.r1", "pm.r1", "pm.r2"}


def test_too_few_talk_slots_is_infeasible_with_the_reason() -> None:
    data = small_data()
    data["talk-slots"] = [data["talk-slots"][0]]
    data["talk-slots"][0]["rooms"] = ["r1"]
    result = solve(small(**data), SolveOptions(time_limit=5, handle_sigint=False))
    assert result.status == SolveStatus.INFEASIBLE and result.schedule is None
    assert "not enough talk slots: the talks need 6, the talk-slots' open rooms hold 3" \
        in result.diagnosis[0]


def test_a_talk_no_talk_slot_can_hold_is_infeasible_with_the_reason() -> None:
    data = small_data()
    data["people"][3]["available"] = [{"start": "16:00", "end": "18:00"}]  # dan
    result = solve(small(**data), SolveOptions(time_limit=5, handle_sigint=False))
    assert result.status == SolveStatus.INFEASIBLE
    assert "the talk 't2' fits no talk-slot" in result.diagnosis[0]


def test_only_a_split_would_fit_is_proven_by_cp_sat_not_guessed() -> None:
    """Capacity is enough (6 slots for 6), but two 2-slot talks of one track cannot share a
    3-slot talk-slot: CP-SAT proves it on the relaxed model (which has every rule)."""
    data = small_data()
    data["talk-slots"] = [dict(s, rooms=["r1"]) for s in data["talk-slots"]]
    data["talks"] = [
        {"id": f"t{i}", "title": f"T{i}", "track": "ecom", "slots": 2} for i in range(3)]
    result = solve(small(**data), SolveOptions(time_limit=10, handle_sigint=False))
    assert result.status == SolveStatus.INFEASIBLE
    assert "CP-SAT proved that no timetable places every talk whole" in result.diagnosis[0]


def test_several_multi_slot_talks_share_a_long_talk_slot() -> None:
    """The old CoSPLib model kept at most one multi-slot talk per room and talk-slot."""
    data = small_data()
    data["talk-slots"] = [{"id": "long", "day": "2026-07-10", "start": "09:00", "slots": 8,
                           "rooms": ["r2"]}]
    data["talks"] = [{"id": f"t{i}", "title": f"T{i}", "track": "ecom", "slots": 2}
                     for i in range(4)]
    _, schedule = solved(small(**data))
    assert [t.id for t in schedule.sessions[0].talks] and len(schedule.sessions) == 1


def test_sessions_and_talks_together_are_refused_clearly() -> None:
    data = small_data()
    data["sessions"] = [{"id": "open", "title": "Открытие", "instrument": "opening"}]
    with pytest.raises(UsageError, match="both sessions: .* and talks:"):
        solve(small(**data), SolveOptions(time_limit=5, handle_sigint=False))


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "talks.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_the_cli_solves_writes_and_checks_a_talks_scenario(tmp_path: Path) -> None:
    scenario = _write(tmp_path, small_data())
    out = tmp_path / "s.yaml"
    runner = CliRunner()
    solved_run = runner.invoke(main, ["solve", str(scenario), "-o", str(out),
                                      "--time-limit", "10"])
    assert solved_run.exit_code == 0, solved_run.output
    assert "· Первый доклад" in solved_run.output
    assert "Первый доклад" in out.read_text("utf-8")
    checked = runner.invoke(main, ["check", str(scenario), str(out)])
    assert checked.exit_code == 0, checked.output


def test_the_cli_exits_3_with_the_proof_and_2_for_a_mixed_scenario(tmp_path: Path) -> None:
    data = small_data()
    data["talk-slots"] = [dict(data["talk-slots"][0], rooms=["r1"])]
    out = tmp_path / "s.yaml"
    run = CliRunner().invoke(main, ["solve", str(_write(tmp_path, data)), "-o", str(out)])
    assert run.exit_code == 3 and "not enough talk slots" in run.output and not out.exists()
    data = small_data()
    data["sessions"] = [{"id": "open", "title": "Открытие", "instrument": "opening"}]
    run = CliRunner().invoke(main, ["solve", str(_write(tmp_path, data))])
    assert run.exit_code == 2 and "Traceback" not in run.output


def test_hybrid_licences_hold() -> None:
    """Two remote talks of two tracks, one licence: their talk sessions never run at once,
    though the afternoon costs both tracks (without the licence both go to the morning)."""
    data = small_data()
    data["hybrid"] = {"licences": 1}
    data["rooms"][1]["tags"] = ["hybrid"]
    data["people"] += [{"id": p} for p in ("fay", "gus", "hal")]
    for talk, presenter in zip(data["talks"], ["cid", "dan", "eva", "fay", "gus"], strict=True):
        talk["presenters"] = [presenter]
    data["talks"][1]["format"] = "online"  # t2 (ecom); t3 (evo) is online already
    for track in data["tracks"]:
        track["penalties"] = {"talk-slots": {"pm": 5}}
    _, schedule = solved(small(**data))
    placed = where(schedule)
    assert placed["t2"][0].split(".")[0] != placed["t3"][0].split(".")[0]
    data["hybrid"] = {}
    _, schedule = solved(small(**data))
    placed = where(schedule)
    assert placed["t2"][0].split(".")[0] == placed["t3"][0].split(".")[0] == "am"
