"""exclusive, licences, parallel-limit and track-overlap: what may run at once."""

from __future__ import annotations


def test_exclusive(build):
    tour = build.session("tour", instrument="study-tour", participants=15,
                         people={"coordinator": ["bakyt"]})
    sc = build.scenario(build.session("open", instrument="opening", title="Открытие"),
                        build.session("a"), tour)
    where = {"open": "10:00 @big", "a": "10:30 @small", "tour": "09:00-18:00 @bus"}
    assert build.check(sc, where).ok  # the tour does not observe breaks
    report = build.check(sc, {**where, "a": "10:25 @small"})
    assert build.broken(report) == {"exclusive"}
    assert report.violations[0].message == (
        "'Сессия a' (10:25-11:25) runs during 'Открытие' (10:00-10:30) on 2024-05-06; "
        "nothing runs in parallel with an opening")


def test_licences(build):
    sc = build.scenario(build.session("w1", format="online"),
                        build.session("w2", format="online"),
                        build.session("h", format="hybrid"),
                        hybrid={"licences": 2})
    assert build.check(sc, {"w1": "10:00", "w2": "10:00", "h": "11:00 @big"}).ok
    report = build.check(sc, {"w1": "10:00", "w2": "10:30", "h": "10:45 @big"})
    assert build.broken(report) == {"licences"}
    assert len(report.violations) == 1
    assert report.violations[0].message.startswith(
        "at 10:45 on 2024-05-06 3 online or hybrid sessions run")
    assert report.violations[0].message.endswith("there are 2 licences")


def test_parallel_limit(build):
    sc = build.scenario(build.session("a"), build.session("b"), build.session("c"),
                        event={"max-parallel": "tracks"})
    assert sc.parallel_limit == 2
    assert build.check(sc, {"a": "10:00 @big", "b": "10:00 @small", "c": "11:00 @big"}).ok
    report = build.check(sc, {"a": "10:00 @big", "b": "10:00 @small", "c": "10:30 @bus"})
    assert build.broken(report) == {"parallel-limit"}
    assert "at 10:30 on 2024-05-06 3 sessions run" in report.violations[0].message


def test_track_overlap(build):
    sc = build.scenario(build.session("a", track="t1"), build.session("b", track="t1"),
                        build.session("c", track=["t1", "t2"]))
    where = {"a": "10:00 @big", "b": "11:00 @big", "c": "10:00 @small #t2"}
    assert build.check(sc, where).ok
    report = build.check(sc, {**where, "c": "10:00 @small #t1"})
    assert build.broken(report) == {"track-overlap"}
    assert report.violations[0].message == (
        "'Сессия a' (10:00-11:00) and 'Сессия c' (10:00-11:00) of the track 'Первый' "
        "overlap on 2024-05-06")


def test_track_must_be_one_of_the_sessions_tracks(build):
    sc = build.scenario(build.session("a", track="t1"), build.session("b"))
    report = build.check(sc, {"a": "10:00 #-", "b": "12:00 #t2"})
    assert build.broken(report) == {"track-overlap"}
    found = build.messages(report, "track-overlap")
    assert any("has no track; it belongs in t1" in m for m in found)
    assert any("is listed in the track 't2'; it has no track" in m for m in found)
