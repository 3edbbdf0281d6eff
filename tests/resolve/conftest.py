"""A small three-room day to re-solve, and helpers to change it the way organisers do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from scheduler.scenario import Scenario, parse_scenario

BASE: dict[str, Any] = {
    "event": {"name": "День обмена знаниями", "timezone": "Europe/Moscow",
              "first-day": "2024-05-14", "day-start": "09:00", "day-end": "18:00",
              "granularity": "15min"},
    "rooms": [
        {"id": "big", "name": "Большой зал", "capacity": 60},
        {"id": "mid", "name": "Средний зал", "capacity": 40},
        {"id": "small", "name": "Малый зал", "capacity": 25},
    ],
    "tracks": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "people": [{"id": f"f{i}", "name": f"Фасилитатор {i}"} for i in range(1, 7)],
    "breaks": {"placed": [{"id": "lunch", "title": "Обед", "kind": "lunch",
                           "duration": "60min", "window": ["12:00", "14:30"]}]},
    "sessions": [
        {"id": f"s{i}", "title": f"Семинар {i}", "instrument": "workshop", "duration": "90min",
         "track": "abc"[i % 3], "participants": 20 + (i * 3) % 15,
         "people": {"facilitator": [f"f{1 + i % 6}"]}}
        for i in range(1, 10)
    ],
    "weights": {"changes": 50},
}


@pytest.fixture
def make_scenario() -> Callable[..., Scenario]:
    """Build the base scenario, changed by a function of its plain data."""

    def build(change: Callable[[dict[str, Any]], None] | None = None) -> Scenario:
        data = yaml.safe_load(yaml.safe_dump(BASE, allow_unicode=True))
        if change is not None:
            change(data)
        return parse_scenario(yaml.safe_dump(data, allow_unicode=True), "resolve-test.yaml")

    return build
