"""breaks and max-block."""

from __future__ import annotations

from scheduler.checker import check

COFFEE = {"placed": [{"id": "coffee", "title": "Кофе", "duration": "20min",
                      "window": ["10:30", "11:30"]}]}



def with_breaks(build, sc, where, d1="10:30", d2="10:40", **kw):
    """A schedule whose coffee break is at d1 on day 1 and d2 on day 2."""
    return build.schedule(sc, where, breaks={"coffee": [f"d1 {d1}", f"d2 {d2}"]}, **kw)


def test_placed_breaks_hold(build):
    sc = build.scenario(build.session("a"), build.session("b"), breaks=COFFEE)
    schedule = with_breaks(build, sc, {"a": "09:30", "b": "d2 11:00"})
    assert check(sc, schedule).ok  # 09:30-10:30 then coffee 10:30-10:50: touching is fine


def test_placed_break_missing_on_a_day(build):
    sc = build.scenario(build.session("a"), breaks=COFFEE)
    report = build.check(sc, {"a": "12:00"}, breaks={"coffee": "d1 10:30"})
    assert build.broken(report) == {"breaks"}
    assert "the break 'Кофе' is listed 0 times on 2024-05-07" in report.violations[0].message


def test_placed_break_outside_window_wrong_length_off_grid(build):
    sc = build.scenario(build.session("a"), breaks=COFFEE, event={"granularity": 10})
    schedule = with_breaks(build, sc, {"a": "13:00"}, d1="11:20", d2="10:35")
    schedule.breaks[1].end = schedule.breaks[1].start + 30
    report = check(sc, schedule)
    assert build.broken(report) == {"breaks"}
    found = " | ".join(build.messages(report, "breaks"))
    assert "(11:20-11:40) on 2024-05-06 is outside its window 10:30-11:30" in found
    assert "on 2024-05-07 does not start on the 10-minute grid" in found
    assert "on 2024-05-07 lasts 30 min instead of 20" in found


def test_session_runs_into_a_break(build):
    tour = build.session("tour", instrument="study-tour", participants=15,
                         people={"coordinator": ["bakyt"]})
    sc = build.scenario(build.session("a"), tour, breaks=COFFEE)
    ok = with_breaks(build, sc, {"a": "09:30", "tour": "d2 09:00-18:00 @bus"})
    assert check(sc, ok).ok  # a study tour keeps its own breaks
    bad = with_breaks(build, sc, {"a": "10:00", "tour": "d2 09:00-18:00 @bus"})
    report = check(sc, bad)
    assert build.broken(report) == {"breaks"}
    assert report.violations[0].message == (
        "'Сессия a' (10:00-11:00) runs into the break 'Кофе' (10:30-10:50) on 2024-05-06")


def test_fixed_breaks(build):
    fixed = {"fixed": [{"id": "lunch", "title": "Обед", "day": "2024-05-06",
                        "start": "13:00", "end": "14:00"}]}
    sc = build.scenario(build.session("a"), breaks=fixed)
    assert build.check(sc, {"a": "12:00"}, breaks={"lunch": "d1 13:00-14:00"}).ok
    # The schedule need not list a fixed break (a warning says so) ...
    quiet = build.check(sc, {"a": "12:00"})
    assert quiet.ok and any("Обед" in w for w in quiet.warnings)
    # ... but a session may not run into it, and a listed one must be where it is.
    report = build.check(sc, {"a": "12:30"}, breaks={"lunch": "d1 13:30-14:30"})
    assert build.broken(report) == {"breaks"}
    found = " | ".join(build.messages(report, "breaks"))
    assert "runs into the break 'Обед' (13:00-14:00)" in found
    assert "is listed at 13:30-14:30 on 2024-05-06; fixed breaks are where" in found


def test_unknown_break(build):
    sc = build.scenario(build.session("a"))
    report = build.check(sc, {"a": "12:00"}, breaks={"siesta": "d1 15:00-16:00"})
    assert build.broken(report) == {"breaks"}
    assert "'siesta@2024-05-06', which is not a break of the scenario" \
        in report.violations[0].message


def one_day(**event):
    return {"last-day": "2024-05-06", "day-end": "13:00", **event}


def test_max_block(build):
    # Frame 09:00-13:00 with a 20-minute coffee: stretches either side of it count.
    breaks = {**COFFEE, "max-block": "120min"}
    sc = build.scenario(build.session("a"), breaks=breaks, event=one_day())
    assert build.check(sc, {"a": "09:00"}, breaks={"coffee": "d1 11:00"}).ok  # 120 + 100
    report = build.check(sc, {"a": "09:00"}, breaks={"coffee": "d1 11:10"})  # 130 + 90
    assert build.broken(report) == {"max-block"}
    assert report.violations[0].message == (
        "on 2024-05-06 the stretch 09:00-11:10 has no pause for 130 min; max-block is 120 min")


def test_max_block_counts_pinned_pause_sessions_only(build):
    breaks = {"max-block": "120min"}
    pinned = build.session("lunch", instrument="meal", pin={"start": "11:00"})
    sc = build.scenario(pinned, breaks=breaks, event=one_day())
    assert build.check(sc, {"lunch": "11:00"}).ok  # 120 | meal | 60
    unpinned = build.session("lunch", instrument="meal", earliest="11:00")
    sc = build.scenario(unpinned, breaks=breaks, event=one_day())
    report = build.check(sc, {"lunch": "11:00"})  # not a pause: 240 min without one
    assert build.broken(report) == {"max-block"}
    assert "09:00-13:00 has no pause for 240 min" in report.violations[0].message


def test_max_block_merges_touching_pauses(build):
    breaks = {**COFFEE, "max-block": "150min"}
    pinned = build.session("lunch", instrument="meal", pin={"start": "10:50"})
    sc = build.scenario(pinned, breaks=breaks, event=one_day(**{"day-end": "14:00"}))
    # 09:00-10:30 (90) | coffee 10:30-10:50 + meal 10:50-11:50 | 11:50-14:00 (130)
    assert build.check(sc, {"lunch": "10:50"}, breaks={"coffee": "d1 10:30"}).ok


def test_max_block_stretches_are_measured_inside_the_frame(build):
    # A breakfast before the frame opens does not lengthen the morning: 09:00-13:00 is 240.
    breaks = {"max-block": "240min", "fixed": [
        {"id": "breakfast", "title": "Завтрак", "start": "07:30", "end": "08:00"}]}
    sc = build.scenario(build.session("a"), breaks=breaks, event=one_day())
    assert build.check(sc, {"a": "09:00"}, breaks={"breakfast": "d1 07:30-08:00"}).ok
    breaks["max-block"] = "235min"
    sc = build.scenario(build.session("a"), breaks=breaks, event=one_day())
    report = build.check(sc, {"a": "09:00"}, breaks={"breakfast": "d1 07:30-08:00"})
    assert build.broken(report) == {"max-block"}
    assert "the stretch 09:00-13:00 has no pause for 240 min" in report.violations[0].message


def test_placed_break_on_a_day_it_does_not_have(build):
    # Found by mutation testing: no test listed a placed break with days: on another day.
    coffee = {"placed": [{**COFFEE["placed"][0], "days": ["2024-05-06"]}]}
    sc = build.scenario(build.session("a"), breaks=coffee)
    assert build.check(sc, {"a": "12:00"}, breaks={"coffee": "d1 10:30"}).ok
    report = build.check(sc, {"a": "12:00"}, breaks={"coffee": ["d1 10:30", "d2 10:30"]})
    assert build.broken(report) == {"breaks"}
    assert build.messages(report, "breaks") == [
        "the break 'Кофе' (10:30-10:50) is on 2024-05-07, not one of its days"]
