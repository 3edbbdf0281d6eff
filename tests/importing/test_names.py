"""Ids made from names for imported scenarios: unique, readable, never empty."""

from __future__ import annotations

from typing import Any

from confsched_pretalx.importer import scenario_data

from scheduler.importing.names import IdMaker, as_ident
from scheduler.scenario import Scenario


def test_names_that_slug_alike_get_distinct_ids() -> None:
    ids = IdMaker()
    assert ids.make("Цифровые сообщества", "track-1") == "tsifrovye-soobshchestva"
    assert ids.make("цифровые  сообщества!", "track-2") == "tsifrovye-soobshchestva-2"
    assert ids.make("!!!", "track-3") == "track-3"
    assert ids.take("track-3") == "track-3-2"


def test_as_ident_refuses_what_is_no_id() -> None:
    assert as_ident(" room-1 ") == "room-1"
    assert as_ident("two words") is None and as_ident("") is None


class _Event:
    """The few answers of pretalx's API the importer reads, for one small event whose two
    tracks have names that make the same slug (as a real organiser's "AI" and "A.I." do)."""

    lists: dict[str, list[dict[str, Any]]] = {
        "rooms/": [{"id": 1, "name": {"en": "Hall"}, "capacity": 50}],
        "tracks/": [{"id": 1, "name": {"en": "Data"}}, {"id": 2, "name": {"en": "DATA!"}}],
        "submission-types/": [{"id": 1, "name": {"en": "Talk"}, "default_duration": 30}],
        "speakers/": [],
        "submissions/": [
            {"code": "AAA", "title": "One", "submission_type": 1, "track": 1, "speakers": []},
            {"code": "BBB", "title": "Two", "submission_type": 1, "track": 2, "speakers": []},
        ],
    }

    def event_data(self) -> dict[str, Any]:
        return {"name": {"en": "E"}, "date_from": "2026-09-14", "timezone": "UTC",
                "locale": "en"}

    def pages(self, path: str, **params: Any) -> list[dict[str, Any]]:
        return self.lists[path]

    def wip_slots(self) -> list[dict[str, Any]]:
        return []


def test_pretalx_tracks_whose_names_slug_alike_stay_two_tracks() -> None:
    data = scenario_data(_Event(), free=False, instruments={}, notes=[])  # type: ignore[arg-type]
    scenario = Scenario.model_validate(data)
    assert [t.id for t in scenario.tracks] == ["data", "data-2"]
    assert {s.id: s.track for s in scenario.sessions} == {"AAA": "data", "BBB": "data-2"}
