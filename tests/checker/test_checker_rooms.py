"""room-required, room-allowed, room-capacity, room-tags, room-availability, room-overlap."""

from __future__ import annotations


def test_room_required(build):
    sc = build.scenario(build.session("here"), build.session("web", format="online"))
    assert build.check(sc, {"here": "10:00 @small", "web": "10:00"}).ok
    report = build.check(sc, {"here": "10:00 @-", "web": "12:00 @small"})
    assert build.broken(report) == {"room-required"}
    found = build.messages(report, "room-required")
    assert "'Сессия here' (10:00-11:00) on 2024-05-06 is in-person and needs a room, but " \
        "has none" in found
    assert any("is online but is given Малый зал" in m for m in found)


def test_room_required_unknown_room(build):
    sc = build.scenario(build.session("a"))
    report = build.check(sc, {"a": "10:00 @attic"})
    assert build.broken(report) == {"room-required"}
    assert "'attic', which is not a room of the scenario" in report.violations[0].message


def test_room_allowed(build):
    sc = build.scenario(build.session("a", rooms=["small", "bus"]))
    assert build.check(sc, {"a": "10:00 @small"}).ok
    report = build.check(sc, {"a": "10:00 @big"})
    assert build.broken(report) == {"room-allowed"}
    assert "may only be in Малый зал, Автобус" in report.violations[0].message


def test_room_capacity(build):
    sc = build.scenario(build.session("a", participants=20), build.session("b", participants=21))
    assert build.check(sc, {"a": "10:00 @small", "b": "10:00 @big"}).ok
    report = build.check(sc, {"a": "10:00 @big", "b": "10:00 @small"})
    assert build.broken(report) == {"room-capacity"}
    assert "expects 21 participants but Малый зал seats 20" in report.violations[0].message


def test_room_tags(build):
    sc = build.scenario(build.session("h", format="hybrid"),
                        build.session("fair", instrument="knowledge-fair", participants=20),
                        rooms=[*build.rooms(), {"id": "expo", "capacity": 40,
                                                "tags": ["exhibition"]}])
    assert build.check(sc, {"h": "10:00 @big", "fair": "10:00 @expo"}).ok
    report = build.check(sc, {"h": "10:00 @small", "fair": "10:00 @big"})
    assert build.broken(report) == {"room-tags"}
    found = build.messages(report, "room-tags")
    assert any("needs a room tagged hybrid; Малый зал is not" in m for m in found)
    assert any("needs a room tagged exhibition; Большой зал is not" in m for m in found)


def test_room_tags_of_the_session_and_custom_hybrid_tag(build):
    sc = build.scenario(build.session("h", format="hybrid", room_tags=["offsite"]),
                        hybrid={"room-tag": "offsite"})
    assert build.check(sc, {"h": "10:00 @bus"}).ok
    assert build.broken(build.check(sc, {"h": "10:00 @big"})) == {"room-tags"}


def test_room_availability(build):
    rooms = build.rooms()
    rooms[1]["available"] = [{"day": "2024-05-06", "start": "09:00", "end": "12:00"},
                             {"day": "2024-05-07", "start": "14:00", "end": "18:00"}]
    sc = build.scenario(build.session("a"), rooms=rooms)
    assert build.check(sc, {"a": "11:00 @small"}).ok
    assert build.check(sc, {"a": "d2 14:00 @small"}).ok
    report = build.check(sc, {"a": "11:30 @small"})
    assert build.broken(report) == {"room-availability"}
    assert "outside its available times (2024-05-06 09:00-12:00, 2024-05-07 14:00-18:00)" \
        in report.violations[0].message


def test_room_overlap(build):
    sc = build.scenario(build.session("a"), build.session("b"))
    assert build.check(sc, {"a": "10:00 @big", "b": "11:00 @big"}).ok  # back to back
    assert build.check(sc, {"a": "10:00 @big", "b": "10:00 @small"}).ok
    assert build.check(sc, {"a": "10:00 @big", "b": "d2 10:00 @big"}).ok
    report = build.check(sc, {"a": "10:00 @big", "b": "10:55 @big"})
    assert build.broken(report) == {"room-overlap"}
    assert report.violations[0].message == (
        "Большой зал holds 'Сессия a' (10:00-11:00) and 'Сессия b' (10:55-11:55) at once "
        "on 2024-05-06")
    assert report.violations[0].rooms == ("big",)
