"""hand1: a room marked ``reserved`` (a tour bus tagged ``offsite``) holds only sessions
that ask for it: a workshop went on the bus of a hand-written study-tour event, because
the bus was big enough and the venue's rooms were busy."""

from __future__ import annotations

from scheduler.checker import check
from tests.solver.helpers import build, scenario_data, solved, unsolved


def workshop(sid: str, **fields):
    return {"id": sid, "title": f"Практикум {sid}", "instrument": "workshop",
            "duration": "90min", "participants": 20, **fields}


def event(reserved: bool, sessions):
    """09:00-12:00 (three hours), a 30-seat room and a 25-seat bus."""
    return scenario_data(
        rooms=[{"id": "small", "capacity": 30},
               {"id": "bus", "name": "Автобус", "capacity": 25, "tags": ["offsite"],
                "reserved": reserved}],
        people=[{"id": "ann"}, {"id": "bob"}, {"id": "kat"}],
        sessions=sessions)


THREE = [workshop("w1", people={"facilitator": ["ann"]}),
         workshop("w2", people={"facilitator": ["bob"]}),
         workshop("w3", people={"facilitator": ["kat"]})]


def test_a_reserved_room_takes_no_session_that_does_not_ask_for_it() -> None:
    # Without `reserved` the third workshop goes on the bus; with it, three 90-minute
    # workshops cannot fit into one room's three hours.
    schedule = solved(event(False, THREE))
    assert "bus" in {e.room for e in schedule.sessions}  # the test means something
    result = unsolved(event(True, THREE))
    assert any("w" in line for line in result.diagnosis)


def test_the_checker_refuses_a_session_in_a_reserved_room() -> None:
    schedule = solved(event(False, THREE))
    report = check(build(event(True, THREE)), schedule)
    on_bus = [e.id for e in schedule.sessions if e.room == "bus"]
    bad = [v for v in report.violations if v.rule == "room-tags"]
    assert on_bus and [v.sessions[0] for v in bad] == on_bus
    assert all("reserved" in v.message and "Автобус" in v.message for v in bad)


def test_sessions_that_ask_for_it_or_name_it_may_use_it() -> None:
    sessions = [workshop("w1", people={"facilitator": ["ann"]}),
                workshop("w2", people={"facilitator": ["bob"]}, room_tags=["offsite"]),
                workshop("w3", people={"facilitator": ["kat"]}, rooms=["bus"])]
    schedule = solved(event(True, sessions))
    rooms = {e.id: e.room for e in schedule.sessions}
    assert rooms["w2"] == "bus" and rooms["w3"] == "bus"


def test_a_conflict_the_explanation_proves_after_a_search_that_ran_out_is_infeasible(
        monkeypatch) -> None:
    """hand1: when the search ends without a schedule and without a proof but the
    explanation finds a conflict of rules (a proof: its model holds every rule), the result
    is infeasible (exit 3), not 'unknown ... no proof that none exists' followed by it."""
    from ortools.sat.python import cp_model

    from scheduler.schedule import SolveStatus
    from scheduler.solver import SolveOptions, solve
    from scheduler.solver import run as run_module
    from scheduler.solver import search as searching

    def ran_out(run, built):
        solver = cp_model.CpSolver()
        solver.parameters.catch_sigint_signal = False
        return searching.Outcome(SolveStatus.UNKNOWN, False, solver)

    monkeypatch.setattr(run_module, "search", ran_out)
    result = solve(build(event(True, THREE)), SolveOptions(time_limit=5, workers=2,
                                                           handle_sigint=False))
    assert result.status == SolveStatus.INFEASIBLE, result.diagnosis
    assert result.diagnosis[0].startswith("these rules cannot all hold at once")
    assert not any("no proof" in line for line in result.diagnosis)
