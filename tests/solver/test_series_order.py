"""The greedy start holds the meetings of a series in order: meeting k before meeting k+1."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.checker import check
from scheduler.facts import FactBuilder, SessionFacts
from scheduler.solver.greedy import greedy_schedule, placement, series_in_day_order
from scheduler.solver.greedy.board import Spot
from tests.solver.helpers import build, scenario_data, talk

THREE_DAYS = {"first-day": "2026-06-01", "last-day": "2026-06-03"}


def _series_data(**extra: Any) -> dict[str, Any]:
    return scenario_data(event=THREE_DAYS, sessions=[
        talk("cop", repeat={"count": 3}, people={"coordinator": ["kat"]}, **extra),
        talk("a", people={"speaker": ["ann"]}),
        talk("b", people={"speaker": ["bob"]}, after=["a"]),
    ])


def _reversed_series(original: Any) -> Any:
    """The greedy's own order, with the meetings of each series placed last first."""
    def order(scenario: Any, facts: dict[str, SessionFacts]) -> list[SessionFacts]:
        out = original(scenario, facts)
        meetings = [f for f in out if f.session.series]
        slots = [i for i, f in enumerate(out) if f.session.series]
        for i, f in zip(slots, reversed(meetings), strict=True):
            out[i] = f
        return out
    return order


def test_greedy_start_places_series_meetings_in_day_order(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Placing cop#3 first would put it on the first day; the relabelling must undo that.
    monkeypatch.setattr(placement, "order", _reversed_series(placement.order))
    scenario = build(_series_data())
    schedule = greedy_schedule(scenario, FactBuilder(scenario).build())
    assert schedule is not None
    days = [schedule.session(f"cop#{k}").day for k in (1, 2, 3)]
    assert days == sorted(days) and len(set(days)) == 3
    report = check(scenario, schedule)
    assert report.ok, [str(v) for v in report.violations]


def test_relabelling_keeps_spots_and_orders_by_time() -> None:
    scenario = build(_series_data())
    # (start step, size, room, track): cop#1 on the last day, cop#3 on the first.
    placed = {"cop#1": Spot(30, 2, "big", None), "cop#2": Spot(14, 2, "small", None),
              "cop#3": Spot(2, 2, "small", "t1"), "a": Spot(0, 2, "big", None)}
    out = series_in_day_order(scenario, placed)
    assert out["cop#1"] == Spot(2, 2, "small", "t1")
    assert out["cop#2"] == Spot(14, 2, "small", None)
    assert out["cop#3"] == Spot(30, 2, "big", None)
    assert out["a"] == placed["a"]


def test_a_left_out_meeting_becomes_the_last() -> None:
    scenario = build(_series_data())
    placed = {"cop#1": Spot(30, 2, "big", None), "cop#3": Spot(2, 2, "small", None)}
    out = series_in_day_order(scenario, placed)
    assert out == {"cop#1": Spot(2, 2, "small", None), "cop#2": Spot(30, 2, "big", None)}


def test_a_meeting_named_by_id_keeps_its_labels() -> None:
    data = _series_data()
    data["sessions"].append(talk("c", same_day_as=["cop#2"]))
    scenario = build(data)
    placed = {"cop#1": Spot(30, 2, "big", None), "cop#2": Spot(14, 2, "small", None),
              "cop#3": Spot(2, 2, "small", None)}
    assert series_in_day_order(scenario, placed) == placed
