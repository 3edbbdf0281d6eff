"""The event calendar (scheduler/calendar.py): built once per scenario, never stale."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scheduler import calendar as calendar_module
from scheduler.calendar import DAY
from scheduler.scenario.model import Window
from tests.solver.helpers import build, scenario_data, talk

THREE_DAYS = {"first-day": "2026-06-01", "last-day": "2026-06-03"}


def _scenario() -> Any:
    return build(scenario_data(event=THREE_DAYS, sessions=[talk("a"), talk("b")]))


def test_built_once_for_many_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = _scenario()
    built = []
    original = calendar_module.Calendar.__init__

    def counting(self: Any, scenario: Any) -> Any:
        built.append(1)
        original(self, scenario)

    monkeypatch.setattr(calendar_module.Calendar, "__init__", counting)
    scenario._calendar = None  # forget the one validation may have built
    for _ in range(50):
        assert scenario.days[0] == dt.date(2026, 6, 1)
        assert scenario.session("b").id == "b"
        assert scenario.room("big").capacity == 100
        assert scenario.at(dt.date(2026, 6, 2), 600) == DAY + 600
    assert len(built) == 1


def test_an_item_replaced_in_place_is_found_as_it_is_now() -> None:
    scenario = _scenario()
    scenario.session("a")  # warm the cache
    scenario.sessions[0] = scenario.sessions[0].model_copy(update={"participants": 7})
    assert scenario.session("a").participants == 7
    scenario.sessions[1] = scenario.sessions[1].model_copy(update={"id": "c"})
    assert scenario.session("c").id == "c"
    with pytest.raises(KeyError):
        scenario.session("b")


def test_a_changed_event_gives_new_days() -> None:
    scenario = _scenario()
    assert len(scenario.days) == 3
    scenario.event.skip_days.append(dt.date(2026, 6, 2))
    assert scenario.days == [dt.date(2026, 6, 1), dt.date(2026, 6, 3)]
    assert scenario.day_index(dt.date(2026, 6, 3)) == 1
    scenario.event = scenario.event.model_copy(update={"last_day": dt.date(2026, 6, 1)})
    assert scenario.days == [dt.date(2026, 6, 1)]


def test_days_is_a_fresh_list_each_time() -> None:
    scenario = _scenario()
    days = scenario.days
    days.clear()
    assert len(scenario.days) == 3


def test_a_window_on_a_skipped_day_drops_out() -> None:
    scenario = build(scenario_data(event={**THREE_DAYS, "skip-days": ["2026-06-02"]},
                                   sessions=[talk("a")]))
    windows = [Window(start=600, end=660)]  # every day, 10:00-11:00
    assert scenario.windows_in_event_time(windows) == [(600, 660), (DAY + 600, DAY + 660)]
    with pytest.raises(ValueError):
        scenario.day_index(dt.date(2026, 6, 2))
