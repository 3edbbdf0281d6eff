"""Talk sessions in every published output: the PDF, the web page, iCal, frab XML and
c3voc JSON show a talk session with its talks in order of time, its chair and each talk's
presenters (a hand-built schedule with Cyrillic titles)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from click.testing import CliRunner
from confsched_ical.export import export_ical
from confsched_interchange.frab import export_frab
from confsched_interchange.schedule_json import export_schedule_json
from confsched_programme.render import render_pdf
from confsched_web.site import write_site
from exporthelp import DATA
from icalendar import Calendar
from icsparse import parse_both
from pypdf import PdfReader

from scheduler.cli import main
from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme
from scheduler.scenario import parse_scenario
from scheduler.schedule import Schedule, ScheduledSession, ScheduledTalk, SolveStatus

SCENARIO = """\
event:
  name: Научная конференция
  timezone: Europe/Moscow
  first-day: 2026-07-10
  last-day: 2026-07-10
  day-start: "09:00"
  day-end: "18:00"
  language: ru
rooms:
  - {id: hall, name: Большой зал, capacity: 100}
tracks:
  - {id: ai, name: Искусственный интеллект, chairs: [ivanova]}
people:
  - {id: ivanova, name: Анна Иванова}
  - {id: petrov, name: Пётр Петров}
  - {id: sidorov, name: Сидор Сидоров}
talk-slots:
  - {id: mon-am, day: 2026-07-10, start: "09:00", slots: 3, slot-length: 20min}
talks:
  - {id: t1, title: Нейросети для расписаний, track: ai, presenters: [petrov]}
  - {id: t2, title: Оптимизация конференций, track: ai, presenters: [sidorov]}
  - {id: t3, title: Секции и треки, track: ai, presenters: [petrov, sidorov]}
"""

# In time order: t1 09:00, t2 09:20, t3 09:40 (listed out of order in the schedule).
ORDER = ["Нейросети для расписаний", "Оптимизация конференций", "Секции и треки"]


def _schedule() -> Schedule:
    talks = [ScheduledTalk(id="t2", title="Оптимизация конференций", start=9 * 60 + 20,
                           end=9 * 60 + 40, presenters=["sidorov"]),
             ScheduledTalk(id="t1", title="Нейросети для расписаний", start=9 * 60,
                           end=9 * 60 + 20, presenters=["petrov"]),
             ScheduledTalk(id="t3", title="Секции и треки", start=9 * 60 + 40, end=10 * 60,
                           presenters=["petrov", "sidorov"])]
    session = ScheduledSession(
        id="mon-am.hall", title="Искусственный интеллект", instrument="talk-session",
        day=dt.date(2026, 7, 10), start=9 * 60, end=10 * 60, room="hall", track="ai",
        people={"chair": ["ivanova"]}, talks=talks)
    return Schedule(event="Научная конференция", timezone="Europe/Moscow",
                    status=SolveStatus.FEASIBLE, sessions=[session])


@pytest.fixture
def context() -> ExportContext:
    return ExportContext(scenario=parse_scenario(SCENARIO, "talks.yaml"), schedule=_schedule())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _in_order(text: str, parts: list[str]) -> bool:
    positions = [text.find(_squash(p)) for p in parts]
    return all(p >= 0 for p in positions) and positions == sorted(positions)


def test_the_view_lists_talks_in_order_with_presenters(context: ExportContext) -> None:
    [item] = build_programme(context)["days"][0]["items"]
    assert [t["title"] for t in item["talks"]] == ORDER
    assert [t["time"] for t in item["talks"]] == ["09:00–09:20", "09:20–09:40", "09:40–10:00"]
    assert item["talks"][2]["presenters"] == ["Пётр Петров", "Сидор Сидоров"]
    assert item["people"] == [{"role": "chair", "label": "Председатель",
                               "names": ["Анна Иванова"]}]


@pytest.mark.parametrize("layout", ["list", "grid"])
def test_the_pdf_prints_talks_in_order(context: ExportContext, layout: str) -> None:
    pdf = render_pdf(build_programme(context), "a4", layout)
    text = _squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert _in_order(text, ORDER)
    assert _squash("Анна Иванова") in text
    if layout == "list":
        assert _squash("Председатель: Анна Иванова") in text
        assert _squash("Секции и треки — Пётр Петров, Сидор Сидоров") in text


def test_the_web_page_embeds_the_talks(context: ExportContext, tmp_path: Path) -> None:
    write_site(context, tmp_path, ical=False)
    html = (tmp_path / "index.html").read_text("utf-8")
    found = re.search(r'id="programme-data">(.*?)</script>', html, re.S)
    assert found is not None
    [item] = json.loads(found.group(1))["programme"]["days"][0]["items"]
    assert [t["title"] for t in item["talks"]] == ORDER
    assert "item.talks" in html and "L.talks" in html  # the page's script shows them


def test_ical_session_lists_talks_and_presenters_get_their_talk(
        context: ExportContext, tmp_path: Path) -> None:
    export_ical(context, tmp_path, {})
    [event] = parse_both(tmp_path / "programme.ics")
    assert event.summary == "Искусственный интеллект"
    [vevent] = Calendar.from_ical((tmp_path / "programme.ics").read_text("utf-8")).walk("VEVENT")
    description = str(vevent["DESCRIPTION"])
    assert _in_order(_squash(description), [f"{t}" for t in ORDER])
    assert "09:40–10:00 Секции и треки — Пётр Петров, Сидор Сидоров" in description
    assert "Председатель: Анна Иванова" in description
    files = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.ics")}
    petrov = next(f for f in files if f.startswith("people/") and "Пётр" in f)
    events = parse_both(tmp_path / petrov)
    assert sorted((e.summary, e.begin.time()) for e in events) == [
        ("Нейросети для расписаний", dt.time(9, 0)), ("Секции и треки", dt.time(9, 40))]
    chair = next(f for f in files if f.startswith("people/") and "Анна" in f)
    [whole] = parse_both(tmp_path / chair)
    assert whole.summary == "Искусственный интеллект"
    # Exported again, nothing is cancelled and no presenter's talk is lost.
    export_ical(context, tmp_path, {})
    assert len(parse_both(tmp_path / petrov)) == 2
    assert "CANCELLED" not in (tmp_path / petrov).read_text("utf-8")


def test_frab_has_one_event_per_talk(context: ExportContext, tmp_path: Path) -> None:
    [path] = export_frab(context, tmp_path, {})
    xmlschema.XMLSchema(DATA / "schedule.xml.xsd").validate(path)
    events = ET.parse(path).getroot().findall("day/room/event")
    assert [e.findtext("title") for e in events] == ORDER
    assert [e.findtext("start") for e in events] == ["09:00", "09:20", "09:40"]
    assert [e.findtext("duration") for e in events] == ["00:20"] * 3
    assert [[p.text for p in e.findall("persons/person")] for e in events] == [
        ["Пётр Петров"], ["Сидор Сидоров"], ["Пётр Петров", "Сидор Сидоров"]]
    assert all(e.findtext("subtitle") == "Искусственный интеллект (Председатель: Анна Иванова)"
               for e in events)
    assert len({e.get("guid") for e in events}) == 3


def test_schedule_json_has_one_event_per_talk(context: ExportContext, tmp_path: Path) -> None:
    [path] = export_schedule_json(context, tmp_path, {})
    data = json.loads(path.read_text("utf-8"))
    schema = json.loads((DATA / "schedule.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft6Validator(schema).validate(data)
    events = data["schedule"]["conference"]["days"][0]["rooms"]["Большой зал"]
    assert [e["title"] for e in events] == ORDER
    assert events[2]["persons"][1]["public_name"] == "Сидор Сидоров"


def test_cli_exports_a_talk_schedule(tmp_path: Path) -> None:
    """Through `confsched export`: the pair check knows talk sessions and talks."""
    scenario = tmp_path / "talks.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    schedule = tmp_path / "s.yaml"
    schedule.write_text(_schedule().dumps(), encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "frab", str(scenario), str(schedule),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    bad = schedule.read_text("utf-8").replace("id: t3", "id: t9")
    schedule.write_text(bad, encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "frab", str(scenario), str(schedule),
                                       "-o", str(tmp_path / "out2")])
    assert result.exit_code != 0
    assert "talks the scenario does not have: 't9'" in result.output


def test_a_talk_moved_to_another_session_keeps_its_uid(
        context: ExportContext, tmp_path: Path) -> None:
    """A talk is a talk wherever it is held: moved to another talk session (a new solve of
    a talks scenario regroups them), its presenter's calendar moves it (SEQUENCE 1); it
    showed it cancelled and again as a new event, twice in the calendar."""
    export_ical(context, tmp_path, {})
    export_ical(_regrouped(), tmp_path, {})
    petrov = next(p for p in (tmp_path / "people").glob("*.ics") if "Пётр" in p.name)
    events = Calendar.from_ical(petrov.read_bytes()).walk("VEVENT")
    talks = sorted((str(e["SUMMARY"]), str(e["STATUS"]), int(str(e["SEQUENCE"])))
                   for e in events)
    assert talks == [("Нейросети для расписаний", "CONFIRMED", 1),
                     ("Секции и треки", "CONFIRMED", 0)]


def test_a_talk_moved_to_another_session_keeps_its_frab_id_and_guid(
        context: ExportContext, tmp_path: Path) -> None:
    """Fahrplan apps keep favourites by id and guid: a regrouped talk kept neither."""
    def talk(folder: Path) -> tuple[str, str]:
        root = ET.parse(folder / "schedule.xml").getroot()
        [event] = [e for e in root.iter("event") if e.findtext("title") == ORDER[0]]
        return event.get("id") or "", event.get("guid") or ""

    export_frab(context, tmp_path / "a", {})
    export_frab(_regrouped(), tmp_path / "b", {})
    assert talk(tmp_path / "a") == talk(tmp_path / "b")


def _regrouped() -> ExportContext:
    """The talks of ``context`` with t1 moved to a talk session of its own at 14:00."""
    schedule = _schedule()
    first = schedule.sessions[0]
    moved = first.model_copy(update={"talks": [t for t in first.talks if t.id != "t1"]})
    later = ScheduledSession(
        id="mon-pm.hall", title="Искусственный интеллект", instrument="talk-session",
        day=dt.date(2026, 7, 10), start=14 * 60, end=14 * 60 + 20, room="hall", track="ai",
        people={"chair": ["ivanova"]},
        talks=[ScheduledTalk(id="t1", title="Нейросети для расписаний", start=14 * 60,
                             end=14 * 60 + 20, presenters=["petrov"])])
    text = SCENARIO.replace(
        '  - {id: mon-am, day: 2026-07-10, start: "09:00", slots: 3, slot-length: 20min}\n',
        '  - {id: mon-am, day: 2026-07-10, start: "09:00", slots: 3, slot-length: 20min}\n'
        '  - {id: mon-pm, day: 2026-07-10, start: "14:00", slots: 1, slot-length: 20min}\n')
    return ExportContext(scenario=parse_scenario(text, "talks.yaml"),
                         schedule=schedule.model_copy(update={"sessions": [moved, later]}))
