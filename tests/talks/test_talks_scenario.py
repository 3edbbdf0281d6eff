"""talk-slots: and talks: in a scenario file: loaded whole, refused at file:line:col."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scheduler.errors import InputError
from scheduler.scenario import load_scenario
from tests.talks.helpers import small_data


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "talks.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_the_small_scenario_loads_with_every_field(tmp_path: Path) -> None:
    data = small_data()
    data["talks"][0].update(order=1, timezone="Asia/Tokyo", attendees=["eva"],
                            pin={"talk-slot": "am", "room": "r2"},
                            penalties={"talk-slots": {"pm": 3}, "rooms": {"r1": 2}})
    data["tracks"][0]["penalties"] = {"talk-slots": {"am": 5}, "rooms": {"r2": 1},
                                      "tracks": {"evo": 4}}
    data["talk-slots"][0].update(rooms=["r1", "r2"], penalties={"rooms": {"r2": 7}})
    data["weights"] = {"talks": {"presenters-conflicts": 100000, "timezones": {
        "suitable": ["08:00", "18:00"], "small": 2}}}
    scenario = load_scenario(write(tmp_path, data))
    talk = scenario.talks[0]
    assert talk.title == "Первый доклад" and talk.order == 1 and talk.timezone == "Asia/Tokyo"
    assert talk.pin is not None and talk.pin.talk_slot == "am" and talk.pin.room == "r2"
    assert scenario.tracks[0].chairs == ["ann"]
    assert scenario.tracks[0].penalties.tracks == {"evo": 4}
    assert scenario.talk_slots[0].end == 10 * 60 + 60
    assert scenario.weights.talks.presenters_conflicts == 100000
    assert scenario.weights.talks.timezones.suitable == (8 * 60, 18 * 60)
    assert scenario.weights.talks.timezones.small == 2


Edit = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return edit


BAD: list[tuple[str, Edit, str, str]] = [
    ("unknown track", _set(("talks", 0, "track"), "ecomm"), "talks[0].track",
     "unknown track 'ecomm'"),
    ("unknown presenter", _set(("talks", 1, "presenters"), ["dann"]), "talks[1].presenters[0]",
     "unknown person 'dann'"),
    ("unknown attendee", _set(("talks", 1, "attendees"), ["zed"]), "talks[1].attendees[0]",
     "unknown person 'zed'"),
    ("unknown chair", _set(("tracks", 0, "chairs"), ["anna"]), "tracks[0].chairs[0]",
     "unknown person 'anna'"),
    ("unknown pinned talk-slot", _set(("talks", 0, "pin"), {"talk-slot": "noon"}),
     "talks[0].pin.talk-slot", "unknown talk-slot 'noon'"),
    ("unknown pinned room", _set(("talks", 0, "pin"), {"talk-slot": "am", "room": "r9"}),
     "talks[0].pin.room", "unknown room 'r9'"),
    ("unknown talk-slot room", _set(("talk-slots", 0, "rooms"), ["r1", "r3"]),
     "talk-slots[0].rooms[1]", "unknown room 'r3'"),
    ("unknown penalty key", _set(("tracks", 1, "penalties"), {"talk-slots": {"eve": 3}}),
     "tracks[1].penalties.talk-slots.eve", "unknown talk-slot 'eve'"),
    ("talk longer than every talk-slot", _set(("talks", 1, "slots"), 4), "talks[1].slots",
     "longer than every talk-slot"),
    ("talk pinned to a short talk-slot", _set(("talks", 1, "pin"), {"talk-slot": "am"}),
     "", ""),  # fits (2 <= 3): no problem; kept to show a valid pin loads
    ("order twice in a track", _set(("talks", 3, "order"), 1), "talks[4].order",
     "both have order 1 in track 'evo'"),
    ("talk-slot over a fixed break", _set(("talk-slots", 0, "start"), "12:20"),
     "talk-slots[0]", "runs over the fixed break 'lunch'"),
    ("talk-slot outside the day", _set(("talk-slots", 1, "start"), "17:30"),
     "talk-slots[1]", "outside the hours of 2026-07-10"),
    ("talk-slots overlapping in a room", _set(("talk-slots", 1, "start"), "10:40"),
     "talk-slots[1]", "overlap on 2026-07-10 and share the room(s) r1, r2"),
    ("online talk without a hybrid room", _set(("rooms", 0, "tags"), []),
     "talks[2].format", "no room is tagged 'hybrid'"),
    ("talks without talk-slots", _set(("talk-slots",), []), "talks",
     "there are talks but no talk-slots"),
    ("a talk id twice", _set(("talks", 1, "id"), "t1"), "talks[1].id", "used twice"),
]


@pytest.mark.parametrize(("case", "edit", "where", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_talks_input_is_refused_at_its_place(tmp_path: Path, case: str, edit: Edit,
                                                 where: str, message: str) -> None:
    data = small_data()
    if case == "order twice in a track":
        data["talks"][4]["order"] = 1
    edit(data)
    path = write(tmp_path, data)
    if not message:
        load_scenario(path)
        return
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    found = [p for p in caught.value.problems if message in p.message]
    assert found, [str(p) for p in caught.value.problems]
    problem = found[0]
    assert problem.path == where, str(problem)
    assert problem.file == str(path) and problem.line is not None and problem.column is not None
    assert problem.hint, "every problem says how to fix it"


def test_a_duration_gives_the_talk_slots_that_cover_it(tmp_path: Path) -> None:
    data = small_data()
    data["talks"][1].pop("slots")
    data["talks"][1]["duration"] = "35min"
    scenario = load_scenario(write(tmp_path, data))
    assert scenario.talks[1].slots == 2  # two 20-minute slots cover 35 minutes
    data["talks"][1]["slots"] = 3
    with pytest.raises(InputError, match="give duration: or slots:, not both"):
        load_scenario(write(tmp_path, data))
    data["talks"][1].pop("slots")
    data["talk-slots"][1]["slot-length"] = "30min"
    with pytest.raises(InputError, match="needs one slot length for every talk-slot"):
        load_scenario(write(tmp_path, data))
