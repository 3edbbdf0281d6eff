"""``confsched import frab`` / ``import schedule-json``: a programme published elsewhere
becomes a scenario with every talk pinned where it was (or free), problems at their line
or path, and what a scenario cannot hold reported."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scheduler.checker import check
from scheduler.cli import main
from scheduler.importing.names import slugify
from scheduler.scenario import Scenario, load_scenario
from scheduler.schedule import Schedule, load_schedule
from scheduler.solver import SolveOptions, solve

ROOT = Path(__file__).resolve().parents[2]
PAIRS = [
    (ROOT / "scenarios" / "bishkek-launch-2022.yaml",
     ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"),
    (ROOT / "tests" / "plugins" / "data" / "forum.yaml",
     ROOT / "tests" / "plugins" / "data" / "forum-schedule.yaml"),
]

PRETALX_XML = """<?xml version='1.0' encoding='utf-8' ?>
<!-- Shaped like pretalx's frab export. -->
<schedule>
    <generator name="pretalx" version="2025.1.0" />
    <version>0.3</version>
    <conference>
        <acronym>democon</acronym>
        <title>Демо-конференция</title>
        <start>2025-06-02</start>
        <end>2025-06-03</end>
        <days>2</days>
        <timeslot_duration>00:05</timeslot_duration>
        <base_url>https://pretalx.example.org/democon/schedule/</base_url>
        <time_zone_name>Europe/Berlin</time_zone_name>
    </conference>
    <day index='1' date='2025-06-02' start='2025-06-02T04:00:00+02:00'
         end='2025-06-03T03:59:00+02:00'>
        <room name='Saal 1' guid='a'>
            <event guid='11111111-1111-1111-1111-111111111111' id='101'>
                <date>2025-06-02T10:00:00+02:00</date>
                <start>10:00</start>
                <duration>00:45</duration>
                <room>Saal 1</room>
                <slug>democon-101-opening</slug>
                <title>Открытие &amp; приветствие</title>
                <subtitle></subtitle>
                <track>Основная</track>
                <type>Talk</type>
                <language>ru</language>
                <abstract>Коротко.</abstract>
                <description>Подробно.</description>
                <persons><person id='7'>Анна Иванова</person></persons>
                <links></links>
            </event>
            <event guid='22222222-2222-2222-2222-222222222222' id='102'>
                <date>2025-06-02T23:30:00+02:00</date>
                <start>23:30</start>
                <duration>01:00</duration>
                <room>Saal 1</room>
                <slug>democon-102-night</slug>
                <title>Night session</title>
                <track></track>
                <type>Talk</type>
                <persons></persons>
            </event>
        </room>
        <room name='Workshop room' guid='b'>
            <event guid='33333333-3333-3333-3333-333333333333' id='103'>
                <date>2025-06-02T08:00:00Z</date>
                <start>10:00</start>
                <duration>01:30</duration>
                <room>Workshop room</room>
                <slug>democon-103-ws</slug>
                <title>Мастерская</title>
                <track>Практика</track>
                <type>Workshop</type>
                <persons><person id='8'>Bob</person><person id='7'>Анна Иванова</person></persons>
            </event>
        </room>
    </day>
    <day index='2' date='2025-06-03' start='2025-06-03T04:00:00+02:00'
         end='2025-06-04T03:59:00+02:00'>
        <room name='Saal 1' guid='a'>
            <event guid='44444444-4444-4444-4444-444444444444' id='104'>
                <date>2025-06-03T14:15:00+02:00</date>
                <start>14:15</start>
                <duration>00:30</duration>
                <room>Saal 1</room>
                <slug>democon-104-keynote</slug>
                <title>Keynote</title>
                <type>Keynote</type>
                <persons><person id='8'>Bob</person></persons>
            </event>
        </room>
    </day>
</schedule>
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def placements(scenario: Scenario, schedule: Schedule) -> dict[str, tuple[str, int, int, str]]:
    """Title -> (day, start, end, room name): what a reader of the programme sees."""
    rooms = {r.id: r.name or r.id for r in scenario.rooms}
    titles = {s.id: s.title for s in scenario.sessions}
    return {titles[s.id]: (s.day.isoformat(), s.start, s.end, rooms.get(s.room or "", ""))
            for s in schedule.sessions}


@pytest.mark.parametrize("fmt", ["frab", "schedule-json"])
@pytest.mark.parametrize(("scenario_path", "schedule_path"), PAIRS,
                         ids=[p[0].stem for p in PAIRS])
def test_our_own_published_programme_comes_back_where_it_was(
        fmt: str, scenario_path: Path, schedule_path: Path, tmp_path: Path) -> None:
    code, stdout, stderr = invoke("export", fmt, str(scenario_path), str(schedule_path),
                                  "-o", str(tmp_path / "pub"))
    assert code == 0, stderr
    published = Path(stdout.split()[0])
    out = tmp_path / "back.yaml"
    code, _, stderr = invoke("import", fmt, str(published), "-o", str(out))
    assert code == 0, stderr
    imported = load_scenario(out)
    assert all(s.pin is not None for s in imported.sessions)
    result = solve(imported, SolveOptions(time_limit=10, workers=2, handle_sigint=False))
    assert result.schedule is not None, result.diagnosis
    assert check(imported, result.schedule).ok
    original = load_scenario(scenario_path)
    assert placements(imported, result.schedule) == placements(
        original, load_schedule(schedule_path))
    # Its ids and texts come back too (found by life3: each round trip put the acronym and
    # a number before every session id, and the derived description under the abstract).
    assert {s.id for s in imported.sessions} == {slugify(s.id, 40) for s in original.sessions}
    assert not [s for s in imported.sessions if "\n" in (s.description or "")]


def test_a_pretalx_programme_is_read_as_published(tmp_path: Path) -> None:
    source = tmp_path / "schedule.xml"
    source.write_text(PRETALX_XML, encoding="utf-8")
    out = tmp_path / "democon.yaml"
    code, _, stderr = invoke("import", "frab", str(source), "-o", str(out))
    assert code == 0, stderr
    scenario = load_scenario(out)
    assert scenario.event.name == "Демо-конференция"
    assert scenario.event.timezone == "Europe/Berlin"
    assert scenario.event.url == "https://pretalx.example.org/democon/schedule/"
    by_title = {s.title: s for s in scenario.sessions}
    opening = by_title["Открытие & приветствие"]
    assert opening.id == "democon-101-opening"  # another source's slug is kept whole
    assert opening.instrument == "talk" and opening.duration == 45
    assert opening.description == "Коротко.\n\nПодробно."
    assert opening.pin is not None and opening.pin.start == 600
    workshop = by_title["Мастерская"]
    # 08:00Z is 10:00 in Berlin in June; the speakers run the workshop.
    assert workshop.pin is not None and workshop.pin.start == 600
    assert workshop.instrument == "workshop"
    anna = next(p.id for p in scenario.people if p.name == "Анна Иванова")
    assert opening.people == {"speaker": [anna]}
    assert workshop.people["facilitator"][1] == anna      # the same person, once
    assert len(scenario.people) == 2
    assert by_title["Keynote"].instrument == "lecture"
    night = by_title["Night session"]
    assert night.duration == 30                          # cut at midnight, and said so
    assert "runs past midnight" in stderr and "Night session" in stderr
    assert ": : " not in stderr  # the place, then the note (an empty message between, before)
    assert "no size for 2 room(s)" in stderr
    assert {t.name for t in scenario.tracks} == {"Основная", "Практика"}


def test_free_keeps_talks_but_not_their_places(tmp_path: Path) -> None:
    source = tmp_path / "schedule.xml"
    source.write_text(PRETALX_XML, encoding="utf-8")
    out = tmp_path / "free.yaml"
    code, _, stderr = invoke("import", "frab", str(source), "-o", str(out), "--free",
                             "--instrument", "Keynote=plenary")
    assert code == 0, stderr
    scenario = load_scenario(out)
    assert all(s.pin is None for s in scenario.sessions)
    assert {s.title: s.instrument for s in scenario.sessions}["Keynote"] == "plenary"
    result = solve(scenario, SolveOptions(time_limit=10, workers=2, handle_sigint=False))
    assert result.schedule is not None and check(scenario, result.schedule).ok


def _line_of(text: str) -> int:
    return PRETALX_XML.splitlines().index(text) + 1


FIRST_EVENT = "            <event guid='11111111-1111-1111-1111-111111111111' id='101'>"


@pytest.mark.parametrize(("change", "place", "message"), [
    ("<duration>00:45</duration>", f":{_line_of(FIRST_EVENT)}:",
     "the duration '45 минут' is not hours:minutes"),
    ("<conference>", f":{_line_of('        <acronym>democon</acronym>')}:9:", "not valid XML"),
])
def test_problems_are_named_by_their_line(change: str, place: str, message: str,
                                          tmp_path: Path) -> None:
    broken = {"<duration>00:45</duration>": "<duration>45 минут</duration>",
              "<conference>": "<conference"}[change]
    source = tmp_path / "schedule.xml"
    source.write_text(PRETALX_XML.replace(change, broken, 1), encoding="utf-8")
    out = tmp_path / "o.yaml"
    code, _, stderr = invoke("import", "frab", str(source), "-o", str(out))
    assert code == 2
    assert f"{source}{place}" in stderr and message in stderr, stderr
    assert "Traceback" not in stderr and not out.exists()


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE schedule [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<schedule>&b;</schedule>\n')
    source = tmp_path / "schedule.xml"
    source.write_text(bomb, encoding="utf-8")
    code, _, stderr = invoke("import", "frab", str(source), "-o", str(tmp_path / "o.yaml"))
    assert code == 2 and "entities" in stderr and "Traceback" not in stderr


def test_json_problems_are_named_by_their_path(tmp_path: Path) -> None:
    document = {"schedule": {"conference": {
        "title": "T", "time_zone_name": "Asia/Bishkek",
        "days": [{"date": "2024-09-16", "rooms": {"Зал": [
            {"id": 1, "title": "A", "date": "2024-09-16T10:00:00+06:00", "start": "10:00",
             "duration": "полчаса", "persons": []}]}}]}}}
    source = tmp_path / "schedule.json"
    source.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    code, _, stderr = invoke("import", "schedule-json", str(source), "-o",
                             str(tmp_path / "o.yaml"))
    assert code == 2, stderr
    assert "not valid JSON" in stderr  # YAML is not JSON: refused at its line
    source.write_text(__import__("json").dumps(document, ensure_ascii=False), encoding="utf-8")
    code, _, stderr = invoke("import", "schedule-json", str(source), "-o",
                             str(tmp_path / "o.yaml"))
    assert code == 2
    assert "schedule.conference.days[0].rooms['Зал'][0]" in stderr
    assert "'полчаса' is not hours:minutes" in stderr


def test_a_bad_instrument_mapping_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "schedule.xml"
    source.write_text(PRETALX_XML, encoding="utf-8")
    code, _, stderr = invoke("import", "frab", str(source), "-o", str(tmp_path / "o.yaml"),
                             "--instrument", "Keynote")
    assert code == 2 and "TYPE=INSTRUMENT" in stderr


ODD_FRAB = """<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <conference><acronym>osen-2025</acronym><title>Осенняя школа «Переход»</title>
    <start>2025-10-25</start><end>2025-10-26</end>
    <time_zone_name>Europe/Berlin</time_zone_name></conference>
  <day index="1" date="2025-10-25">
    <room name="Зал «Юг»">
      <event id="1"><date>2025-10-25T10:00:00+02:00</date><duration>00:45</duration>
        <slug>do</slug><title>До перевода часов</title><type>Workshop</type>
        <track/><persons/></event>
    </room>
    <room name="Пустой зал"/>
  </day>
  <day index="2" date="2025-10-26">
    <room name="">
      <event id="2"><date>2025-10-26T11:00:00+01:00</date><duration>00:30</duration>
        <slug>posle</slug><title>Без зала</title><type>Talk</type><track>  </track>
        <persons><person>Анна Ёлкина</person></persons></event>
    </room>
  </day>
</schedule>
"""


def test_odd_but_valid_frab_says_what_it_changed(tmp_path: Path) -> None:
    """Found by life3: a workshop without a person became a talk, and a talk without a room
    was pinned to no room, both without a word; a programme the scenario cannot hold
    (a talk inside the hour the clocks go back) pointed at a line of a file never written."""
    source = tmp_path / "odd.xml"
    source.write_text(ODD_FRAB, encoding="utf-8")
    out = tmp_path / "odd.yaml"
    code, _, stderr = invoke("import", "frab", str(source), "-o", str(out))
    assert code == 0, stderr
    sessions = {s.id: s for s in load_scenario(out).sessions}
    assert set(sessions) == {"do", "posle"} and sessions["do"].instrument == "talk"
    assert f"{source}:8: 'До перевода часов' is a Workshop without a person" in stderr
    assert f"{source}:16: 'Без зала' has no room in the source" in stderr
    ambiguous = tmp_path / "dst.xml"
    ambiguous.write_text(ODD_FRAB.replace("2025-10-26T11:00:00+01:00",
                                          "2025-10-26T02:30:00+02:00"), encoding="utf-8")
    code, _, stderr = invoke("import", "frab", str(ambiguous), "-o", str(tmp_path / "d.yaml"))
    assert code == 2 and "d.yaml (not written):" in stderr and "clock change" in stderr
    assert not (tmp_path / "d.yaml").exists()


def test_wrong_json_types_are_problems_not_crashes(tmp_path: Path) -> None:
    """Found by life3: a hand-edited or foreign schedule.json with a number, list or object
    where text or an object belongs ended in "internal error ... a bug in confsched"."""
    import json

    code, stdout, stderr = invoke("export", "schedule-json", str(PAIRS[0][0]),
                                  str(PAIRS[0][1]), "-o", str(tmp_path / "pub"))
    assert code == 0, stderr
    base = json.loads(Path(stdout.split()[0]).read_text(encoding="utf-8"))
    spot = "schedule.conference.days[0]"
    for change, said in [
        (("duration", 45), "the duration '45' is not hours:minutes"),
        (("date", 12345), "'12345' is not a date and time"),
        (("track", {"a": 1}), "the track is dict {'a': 1}, not text"),
        ((None, ["Зал"]), f"{spot}.rooms: the day's rooms are not an object"),
        (("time_zone_name", 5), "schedule.conference: '5' is not an IANA timezone"),
    ]:
        data = json.loads(json.dumps(base))
        conference = data["schedule"]["conference"]
        key, value = change
        if key is None:
            conference["days"][0]["rooms"] = value
        elif key == "time_zone_name":
            conference[key] = value
        else:
            next(iter(conference["days"][0]["rooms"].values()))[0][key] = value
        source = tmp_path / "edited.json"
        source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        code, _, stderr = invoke("import", "schedule-json", str(source), "-o",
                                 str(tmp_path / "edited.yaml"))
        assert code == 2 and said in stderr and "internal error" not in stderr, stderr
