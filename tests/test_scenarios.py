"""Every shipped scenario loads; the feasible ones solve and pass the checker; the
infeasible ones are reported infeasible with a diagnosis.

Solves use small time limits (a feasible schedule is enough; optimality is not asserted)
so that the whole file stays within a few tens of seconds on two cores.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from scheduler.instruments import builtin_catalogue
from scheduler.scenario import Scenario, load_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
ALL = sorted(SCENARIOS.glob("*.yaml"))
INFEASIBLE = [p for p in ALL if p.name.startswith("infeasible-")]
FEASIBLE = [p for p in ALL if p not in INFEASIBLE]

# The instruments of the seed toolkit (seed 000) and the award ceremony that must
# follow a competition: knowledge-week.yaml promises to use every one of them.
TOOLKIT = {
    "conference", "plenary", "expert-visit", "knowledge-fair", "workshop", "study-tour",
    "competition", "award-ceremony", "dialogue", "knowledge-jam", "community-of-practice",
    "twinning",
}

@cache
def _solved(name: str) -> Any:
    from scheduler.solver import SolveOptions, solve

    scenario = load_scenario(SCENARIOS / name)
    # A deterministic budget (CP-SAT's work units, not seconds): on a loaded machine a
    # 5-second limit left knowledge-week-pools without a schedule, and these tests must
    # not depend on the machine's speed. One worker: sequential, a third of the CPU time of
    # two interleaved ones here, and it proves every other scenario optimal within it.
    return scenario, solve(scenario, SolveOptions(time_limit=0.3, seed=0, workers=1,
                                                  deterministic=True))


def test_the_expected_scenarios_are_shipped() -> None:
    names = {p.name for p in ALL}
    for required in ("bishkek-launch-2022.yaml", "ngo-final-2022.yaml",
                     "seminar-partnership.yaml", "knowledge-week.yaml",
                     "knowledge-week-pools.yaml"):
        assert required in names
    assert len(INFEASIBLE) >= 2


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_scenario_loads(path: Path) -> None:
    scenario = load_scenario(path)
    assert isinstance(scenario, Scenario)
    assert scenario.sessions or scenario.talks, "a shipped scenario has sessions (or talks)"


@pytest.mark.parametrize("path", INFEASIBLE, ids=lambda p: p.name)
def test_infeasible_scenarios_say_what_is_wrong_in_their_first_lines(path: Path) -> None:
    head = path.read_text(encoding="utf-8").splitlines()[:3]
    assert head[0].startswith("# INFEASIBLE ON PURPOSE. What is wrong:")


@pytest.mark.parametrize(
    "name", ["ngo-final-2022.yaml", "seminar-partnership.yaml", "knowledge-week.yaml"]
)
def test_seed_scenarios_keep_russian_titles(name: str) -> None:
    scenario = load_scenario(SCENARIOS / name)
    assert scenario.event.language == "ru"
    cyrillic = [s for s in scenario.sessions if any("а" <= ch.lower() <= "я" for ch in s.title)]
    assert len(cyrillic) == len(scenario.sessions)


def test_knowledge_week_uses_every_instrument_of_the_toolkit() -> None:
    scenario = load_scenario(SCENARIOS / "knowledge-week.yaml")
    used = {s.instrument for s in scenario.sessions}
    assert set(builtin_catalogue()) >= TOOLKIT
    assert used >= TOOLKIT, f"not used: {sorted(TOOLKIT - used)}"
    formats = {s.format for s in scenario.sessions}
    assert {"in-person", "online", "hybrid"} <= formats
    assert scenario.hybrid.licences
    assert len(scenario.tracks) >= 3 and len(scenario.rooms) >= 6
    tags = {tag for room in scenario.rooms for tag in room.tags}
    assert {"hybrid", "exhibition", "offsite"} <= tags
    assert 3 <= len(scenario.days) <= 5
    assert len(scenario.participants.registrations) >= 40
    assert scenario.breaks.placed
    assert any(p.available for p in scenario.people)
    assert any(p.prefer or p.avoid for p in scenario.people)
    assert any(s.series for s in scenario.sessions)


def test_ngo_final_matches_the_seed() -> None:
    scenario = load_scenario(SCENARIOS / "ngo-final-2022.yaml")
    assert [d.isoformat() for d in (scenario.days[0], scenario.days[-1])] == [
        "2022-12-22", "2022-12-25",
    ]
    assert scenario.event.timezone == "Europe/Moscow"
    assert "Сенеж" in (scenario.event.venue or "")
    remote = [p for p in scenario.people if p.timezone and p.timezone != "Europe/Moscow"]
    assert len(remote) >= 2 and all(p.available for p in remote)
    instruments = {s.instrument for s in scenario.sessions}
    assert {"lecture", "workshop", "consultation", "ceremony"} <= instruments


@pytest.mark.slow
@pytest.mark.parametrize("path", FEASIBLE, ids=lambda p: p.name)
def test_feasible_scenarios_solve(path: Path) -> None:
    scenario, result = _solved(path.name)
    assert result.status.has_schedule, result.diagnosis
    placed = {s.id for s in result.schedule.sessions}
    required = {s.id for s in scenario.sessions if not s.optional}
    assert required <= placed


@pytest.mark.slow  # a real solve of a shipped scenario
@pytest.mark.parametrize("path", FEASIBLE, ids=lambda p: p.name)
def test_feasible_scenarios_pass_the_checker(path: Path) -> None:
    from scheduler.checker import check

    scenario, result = _solved(path.name)
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, report.violations


@pytest.mark.slow  # a real solve of a shipped scenario
@pytest.mark.parametrize("path", INFEASIBLE, ids=lambda p: p.name)
def test_infeasible_scenarios_are_reported_with_a_diagnosis(path: Path) -> None:
    from scheduler.schedule import SolveStatus
    from scheduler.solver import SolveOptions, solve

    scenario = load_scenario(path)
    result = solve(scenario, SolveOptions(time_limit=10.0, seed=0, workers=2))
    assert result.status is SolveStatus.INFEASIBLE
    assert result.schedule is None
    assert result.diagnosis and all(line.strip() for line in result.diagnosis)


@pytest.mark.slow  # a real solve of a shipped scenario
@pytest.mark.parametrize("path", INFEASIBLE, ids=lambda p: p.name)
def test_confsched_solve_exits_3_on_infeasible_scenarios(path: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from scheduler.cli import main

    out = tmp_path / "out.yaml"
    out.write_text("earlier\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["solve", str(path), "-o", str(out), "--time-limit", "10", "--workers", "2"]
    )
    assert result.exit_code == 3, result.output
    assert "infeasible" in result.output
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "earlier\n"


@pytest.mark.slow  # a real solve of a shipped scenario
@pytest.mark.parametrize("name", ["ngo-final-2022.yaml", "knowledge-week.yaml"])
def test_russian_titles_survive_the_schedule_file(name: str, tmp_path: Path) -> None:
    from scheduler.schedule import load_schedule, save_schedule

    scenario, result = _solved(name)
    assert result.schedule is not None
    for suffix in ("yaml", "json"):
        path = tmp_path / f"schedule.{suffix}"
        save_schedule(result.schedule, path)
        again = load_schedule(path)
        titles = {s.id: s.title for s in again.sessions}
        for session in scenario.sessions:
            assert titles[session.id] == session.title


@pytest.mark.slow  # a real solve of a shipped scenario
def test_knowledge_week_pools_lets_the_solver_choose_its_people() -> None:
    scenario, result = _solved("knowledge-week-pools.yaml")
    assert result.schedule is not None
    pooled = {p.id for p in scenario.people if p.roles}
    assert len(pooled) >= 12
    listed = {s.id: s.people for s in result.schedule.sessions}
    chosen = 0
    for session in scenario.sessions:
        for role, ids in listed[session.id].items():
            named = session.people.get(role, [])
            assert ids[:len(named)] == named  # names given stay fixed
            chosen += len(ids) - len(named)
    assert chosen >= 15, "facilitators, brokers, jury, experts and a coordinator are chosen"
    jury = [scenario.person(pid) for pid in listed["competition"]["jury"]]
    competition = scenario.session("competition")
    assert len(jury) == 3 and competition.entrants
    assert not {p.organisation for p in jury} & set(competition.entrants)
    assert len({p.organisation for p in jury}) >= 2  # jury-min-organisations
    # Continuity: same-people-as and a community keeping the coordinator it chose.
    assert listed["ws-evaluation"]["facilitator"] == listed["ws-fundraising"]["facilitator"]
    assert listed["awards"]["jury"] == listed["competition"]["jury"]
    coordinators = {tuple(listed[f"cop-media#{k}"]["coordinator"]) for k in range(1, 5)}
    assert len(coordinators) == 1 and len(next(iter(coordinators))) == 1


@pytest.mark.slow  # a real solve of a shipped scenario
def test_a_pool_shortage_is_said_in_words() -> None:
    from scheduler.solver import SolveOptions, solve

    scenario = load_scenario(SCENARIOS / "infeasible-pool-no-kyrgyz-facilitator.yaml")
    result = solve(scenario, SolveOptions(time_limit=10.0, seed=0, workers=2))
    assert result.schedule is None
    assert any("needs a ky-speaking facilitator; nobody qualified is free then" in line
               for line in result.diagnosis)


@pytest.mark.slow  # a real solve of a shipped scenario
def test_chosen_people_get_their_sessions_in_their_calendars(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from icalendar import Calendar

    from scheduler.cli import main
    from scheduler.schedule import save_schedule

    scenario, result = _solved("knowledge-week-pools.yaml")
    assert result.schedule is not None
    schedule_path = tmp_path / "pools.schedule.yaml"
    save_schedule(result.schedule, schedule_path)
    out = tmp_path / "ical"
    run = CliRunner().invoke(main, ["export", "ical", str(SCENARIOS / "knowledge-week-pools.yaml"),
                                    str(schedule_path), "-o", str(out)])
    assert run.exit_code == 0, run.output
    calendars: dict[str, set[str]] = {}
    for path in (out / "people").glob("*.ics"):
        calendar = Calendar.from_ical(path.read_bytes())
        calendars[str(calendar.get("X-WR-CALNAME"))] = {str(e.get("SUMMARY"))
                                                        for e in calendar.walk("VEVENT")}
    for session in scenario.sessions:
        listed = next(s for s in result.schedule.sessions if s.id == session.id).people
        for pid in {p for ids in listed.values() for p in ids} - set(session.person_ids):
            person = scenario.person(pid)
            [summaries] = [found for name, found in calendars.items()
                           if name.endswith(f" — {person.label}")]
            assert session.title in summaries, (pid, session.id)


@pytest.mark.slow  # a real solve of a shipped scenario
def test_knowledge_week_pools_shares_registrations_out_by_their_choices() -> None:
    from scheduler.checker import check

    scenario, result = _solved("knowledge-week-pools.yaml")
    assert result.schedule is not None
    assert check(scenario, result.schedule).ok
    given = {s.id: s.registrations for s in result.schedule.sessions}
    runs = [f"design-thinking.{k}" for k in (1, 2, 3)]
    assert all(sid in given for sid in [*runs, "tour-a", "tour-b"])
    choosers = [r for r in scenario.participants.registrations if r.choices]
    assert len(choosers) >= 60
    met = sum(any(r.id in given[sid] for sid in given) for r in choosers)
    assert met >= 50, "most registrations get one of their choices"
    for sid in [*runs, "tour-a", "tour-b"]:
        item = result.schedule.session(sid)
        assert item.participants == scenario.session(sid).participants + len(item.registrations)
        assert len(item.registrations) <= (25 if sid.startswith("tour") else 35)


@pytest.mark.slow  # a real solve of a shipped scenario
def test_participants_see_their_runs_and_public_outputs_only_counts(tmp_path: Path) -> None:
    import io

    from click.testing import CliRunner
    from confsched_programme.render import render_pdf
    from confsched_web.site import write_site
    from icalendar import Calendar
    from pypdf import PdfReader

    from scheduler.cli import main
    from scheduler.exporting import ExportContext
    from scheduler.publishing.view import build_programme
    from scheduler.schedule import save_schedule

    scenario, result = _solved("knowledge-week-pools.yaml")
    schedule = result.schedule
    assert schedule is not None
    path = tmp_path / "pools.schedule.yaml"
    save_schedule(schedule, path)
    out = tmp_path / "ical"
    run = CliRunner().invoke(main, ["export", "ical", str(SCENARIOS / "knowledge-week-pools.yaml"),
                                    str(path), "-o", str(out)])
    assert run.exit_code == 0, run.output
    # Each registration's own calendar: its fixed sessions and only the runs it was given.
    from scheduler.publishing.identity import session_uid

    event = scenario.event.name
    calendars = {}
    for file in (out / "participants").glob("*.ics"):
        calendar = Calendar.from_ical(file.read_bytes())
        calendars[str(calendar.get("X-WR-CALNAME"))] = {
            str(e.get("UID")) for e in calendar.walk("VEVENT")}
    checked = 0
    for registration in scenario.participants.registrations:
        if not registration.choices:
            continue
        mine = [s.id for s in schedule.sessions if registration.id in s.registrations]
        expected = {session_uid(event, sid) for sid in [*mine, *registration.sessions]}
        assert calendars.get(f"{event} — {registration.name}", set()) == expected, \
            registration.id
        checked += bool(mine)
    assert checked >= 50
    # The web page and the printed programme: counts of the runs, never who.
    context = ExportContext(scenario=scenario, schedule=schedule)
    site = tmp_path / "site"
    write_site(context, site, ical=False)
    public = "\n".join(p.read_text("utf-8", "replace") for p in site.rglob("*") if p.is_file())
    pdf = render_pdf(build_programme(context), "a4", "list")
    printed = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for registration in scenario.participants.registrations:
        for text in (public, printed):
            assert registration.name is not None and registration.name not in text
            assert f'"{registration.id}"' not in text
    tour = schedule.session("tour-a")
    assert f"Ожидаемое число участников: {tour.participants}" in " ".join(printed.split())
    assert f'"participants": {tour.participants}' in public.replace('":', '": ').replace(
        '":  ', '": ')
