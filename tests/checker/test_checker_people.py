"""person-overlap (with changeover), person-availability, person-daily-limit."""

from __future__ import annotations


def test_person_overlap(build):
    sc = build.scenario(build.session("a", people={"facilitator": ["aigul"]}),
                        build.session("b", title="Диалог", people={"speaker": ["aigul"]}))
    assert build.check(sc, {"a": "10:00 @big", "b": "11:00 @small"}).ok
    report = build.check(sc, {"a": "10:00 @big", "b": "10:30 @small"})
    assert build.broken(report) == {"person-overlap"}
    violation = report.violations[0]
    assert str(violation) == ("person-overlap: Айгуль is in 'Сессия a' (10:00-11:00) and "
                              "'Диалог' (10:30-11:30) on 2024-05-06")
    assert violation.people == ("aigul",)
    assert set(violation.sessions) == {"a", "b"}


def test_changeover_between_rooms(build):
    sc = build.scenario(build.session("a", people={"speaker": ["aigul"]}),
                        build.session("b", people={"speaker": ["aigul"]}),
                        event={"changeover": "15min"})
    assert build.check(sc, {"a": "10:00 @big", "b": "11:00 @big"}).ok  # same room
    assert build.check(sc, {"a": "10:00 @big", "b": "11:15 @small"}).ok  # 15 min to move
    report = build.check(sc, {"a": "10:00 @big", "b": "11:10 @small"})
    assert build.broken(report) == {"person-overlap"}
    assert "with 10 min to spare; the changeover is 15 min" in report.violations[0].message


def test_person_availability_in_their_own_timezone(build):
    # 09:00-12:00 in Moscow (UTC+3) is 12:00-15:00 in Bishkek (UTC+6), the event's zone.
    sc = build.scenario(
        build.session("a", people={"speaker": ["aigul"]}),
        people=build.people(aigul={"timezone": "Europe/Moscow",
                             "available": [{"start": "09:00", "end": "12:00"}]}),
    )
    assert build.check(sc, {"a": "12:00"}).ok
    assert build.check(sc, {"a": "d2 14:00"}).ok
    report = build.check(sc, {"a": "10:00"})
    assert build.broken(report) == {"person-availability"}
    assert report.violations[0].message \
        == "Айгуль is in 'Сессия a' (10:00-11:00) on 2024-05-06, outside their available " \
        "times (2024-05-06 12:00-15:00, 2024-05-07 12:00-15:00, event time)"


def test_person_daily_limit(build):
    sc = build.scenario(build.session("a", people={"speaker": ["bakyt"]}),
                        build.session("b", people={"speaker": ["bakyt"]}),
                        people=build.people(bakyt={"max-sessions-per-day": 1}))
    assert build.check(sc, {"a": "10:00", "b": "d2 10:00"}).ok
    report = build.check(sc, {"a": "10:00", "b": "14:00"})
    assert build.broken(report) == {"person-daily-limit"}
    assert "Бакыт is in 2 sessions on 2024-05-06" in report.violations[0].message
    assert "their limit is 1" in report.violations[0].message
