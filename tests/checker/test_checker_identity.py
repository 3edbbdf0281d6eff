"""placement, scenario-match, people and instrument: the schedule lists this scenario's
sessions, once each, with their people, and the instrument rules hold."""

from __future__ import annotations

from scheduler.checker import check, format_report


def test_a_valid_schedule_passes(build):
    sc = build.scenario(build.session("a", people={"speaker": ["aigul"]}), build.session("b"))
    report = build.check(sc, {"a": "10:00", "b": "11:00"})
    assert report.ok, report.violations
    assert report.violations == []


def test_placement_missing_session(build):
    sc = build.scenario(build.session("a"), build.session("b"))
    report = build.check(sc, {"a": "10:00"})
    assert build.broken(report) == {"placement"}
    assert "'Сессия b' (id 'b') is missing" in build.messages(report, "placement")[0]


def test_placement_session_listed_twice(build):
    sc = build.scenario(build.session("a"))
    schedule = build.schedule(sc, {"a": "10:00"})
    schedule.sessions.append(build.entry(sc, "a", "d2 10:00"))
    report = check(sc, schedule)
    assert build.broken(report) == {"placement"}
    assert "placed again at 10:00-11:00 on 2024-05-07" in build.messages(report, "placement")[0]


def test_placement_unknown_session(build):
    sc = build.scenario(build.session("a"))
    other = build.scenario(build.session("a"), build.session("x"))
    schedule = build.schedule(other, {"a": "10:00", "x": "12:00"})
    report = check(sc, schedule)
    assert build.broken(report) == {"placement"}
    assert "id 'x'" in build.messages(report, "placement")[0]


def test_placement_optional_may_be_dropped(build):
    sc = build.scenario(build.session("a"), build.session("b", optional=True))
    report = build.check(sc, {"a": "10:00"}, dropped=["b"])
    assert report.ok, report.violations
    assert report.terms["dropped"].value == 1


def test_placement_required_session_dropped(build):
    sc = build.scenario(build.session("a"), build.session("b"))
    report = build.check(sc, {"a": "10:00"}, dropped=["b"])
    assert build.broken(report) == {"placement"}
    assert "not optional" in build.messages(report, "placement")[0]


def test_placement_placed_and_dropped(build):
    sc = build.scenario(build.session("a", optional=True))
    report = build.check(sc, {"a": "10:00"}, dropped=["a"])
    assert "is both placed and listed as dropped" in build.messages(report, "placement")[0]


def test_scenario_match_other_event(build):
    sc = build.scenario(build.session("a"))
    report = build.check(sc, {"a": "10:00"}, event="Другое событие")
    assert build.broken(report) == {"scenario-match"}
    assert "Другое событие" in build.messages(report, "scenario-match")[0]


def test_scenario_match_wrong_format(build):
    sc = build.scenario(build.session("a"))
    schedule = build.schedule(sc, {"a": "10:00"})
    schedule.sessions[0].format = "hybrid"
    report = check(sc, schedule)
    assert build.broken(report) == {"scenario-match"}
    assert "format 'hybrid', the scenario gives 'in-person'" in report.violations[0].message


def test_people_listed_as_the_scenario_gives(build):
    sc = build.scenario(build.session("a", people={"speaker": ["aigul", "bakyt"]}))
    schedule = build.schedule(sc, {"a": "10:00"})
    schedule.sessions[0].people = {"speaker": ["bakyt", "aigul"]}  # order does not matter
    assert check(sc, schedule).ok
    schedule.sessions[0].people = {"speaker": ["aigul"], "facilitator": ["chyngyz"]}
    report = check(sc, schedule)
    assert build.broken(report) == {"people"}
    found = build.messages(report, "people")
    assert any("does not list Бакыт as speaker" in m for m in found)
    assert any("lists Чынгыз as facilitator" in m for m in found)


def test_instrument_rules_hold(build):
    sc = build.scenario(
        build.session("w", instrument="workshop", participants=35,
                      people={"facilitator": ["aigul"]}),
        build.session("tw", instrument="twinning", people={"member": ["aigul", "bakyt"]}),
    )
    assert build.check(sc, {"w": "10:00", "tw": "12:00"}).ok


def test_instrument_rules_caught(build):
    # The loader refuses these, so break a loaded scenario behind its back.
    sc = build.scenario(
        build.session("w", instrument="workshop", participants=35,
                      people={"facilitator": ["aigul"]}),
        build.session("tw", instrument="twinning", people={"member": ["aigul", "bakyt"]}),
    )
    sc.sessions[0] = sc.sessions[0].model_copy(update={"participants": 40, "people": {}})
    sc.sessions[1] = sc.sessions[1].model_copy(
        update={"people": {"member": ["aigul", "chyngyz"]}})  # both of organisation A
    report = build.check(sc, {"w": "10:00", "tw": "12:00"})
    assert build.broken(report) == {"instrument", "organisations"}
    found = " | ".join(build.messages(report, "instrument"))
    assert "40 participants exceed the workshop maximum of 35" in found
    assert "needs at least 1 facilitator, it has 0" in found
    assert "must come from 2 organisations; they come from 1 (A)" in " | ".join(
        build.messages(report, "organisations"))


def test_instrument_followed_by(build):
    sc = build.scenario(
        build.session("comp", instrument="competition",
                      people={"jury": ["aigul", "bakyt", "chyngyz"]}),
        build.session("award", instrument="award-ceremony", after=["comp"]),
    )
    assert build.check(sc, {"comp": "10:00", "award": "12:00"}).ok
    sc.sessions[1] = sc.sessions[1].model_copy(update={"after": []})
    report = build.check(sc, {"comp": "10:00", "award": "12:00"})
    assert build.broken(report) == {"instrument"}
    assert "must be followed by an award-ceremony" in report.violations[0].message


def test_text_report_lists_a_few_of_each_rule(build):
    sc = build.scenario(*(build.session(f"s{i}") for i in range(6)))
    report = build.check(sc, {})
    assert len(report.violations) == 6
    text = format_report(report, per_rule=4)
    assert text.startswith("6 hard violations (placement):")
    assert text.count("placement: 'Сессия") == 4
    assert "placement: … and 2 more (--all lists every one)" in text
    assert format_report(report, per_rule=None).count("placement: 'Сессия") == 6


def test_instrument_duration_limits_are_inclusive(build):
    # Found by mutation testing: a session lasting exactly the instrument's maximum (or
    # minimum) keeps the rule; one minute more (or less) would not load at all.
    sc = build.scenario(build.session("a", duration="60min"), build.session("b",
                        duration="45min"),
                        instruments={"lecture": {"min-duration": "45min",
                                                 "max-duration": "60min"}})
    report = build.check(sc, {"a": "10:00", "b": "12:00"})
    assert report.ok, [str(v) for v in report.violations]
