"""frab schedule.xml and c3voc schedule.json: valid against the published schemas."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from confsched_interchange.frab import export_frab
from confsched_interchange.schedule_json import export_schedule_json
from exporthelp import BISHKEK, DATA, make_context, moved

from scheduler.errors import UsageError
from scheduler.exporting import ExportContext

XSD = xmlschema.XMLSchema(DATA / "schedule.xml.xsd")
SCHEMA = json.loads((DATA / "schedule.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft6Validator(SCHEMA,
                                       format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)
EVENT_VALIDATOR = jsonschema.Draft6Validator(
    {**SCHEMA, "$ref": "#/definitions/Event"},
    format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER,
)


def validate_json(data: dict) -> None:
    """The whole document, and every event on its own: the published schema types
    ``day.rooms`` as an object and so does not reach into the events by itself."""
    VALIDATOR.validate(data)
    for day in data["schedule"]["conference"]["days"]:
        for events in day["rooms"].values():
            for event in events:
                EVENT_VALIDATOR.validate(event)


@pytest.mark.parametrize("name", ["bishkek", "forum"])
def test_frab_xml_is_valid(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    context: ExportContext = request.getfixturevalue(name)
    [path] = export_frab(context, tmp_path, {})
    XSD.validate(path)
    root = ET.parse(path).getroot()
    events = root.findall("day/room/event")
    assert len(events) == len(context.schedule.sessions)
    titles = {e.findtext("title") for e in events}
    assert titles == {s.title for s in context.schedule.sessions}  # Cyrillic kept


def test_frab_content(forum: ExportContext, tmp_path: Path) -> None:
    [path] = export_frab(forum, tmp_path, {"acronym": "ngo-forum"})
    root = ET.parse(path).getroot()
    assert root.findtext("conference/acronym") == "ngo-forum"
    assert root.findtext("conference/time_zone_name") == "Europe/Moscow"
    days = root.findall("day")
    assert [d.get("index") for d in days] == ["1", "2"]
    assert days[0].get("start") == "2025-12-22T09:00:00+03:00"
    events = {e.findtext("slug"): e for e in root.iter("event")}
    lecture = next(e for e in events.values() if e.findtext("title") == "Лекция о фандрайзинге")
    assert lecture.findtext("date") == "2025-12-22T10:00:00+03:00"
    assert lecture.findtext("duration") == "01:00"
    assert lecture.findtext("room") == "Большой зал"
    assert lecture.findtext("track") == "Финансирование"
    assert [p.text for p in lecture.iter("person")] == ["Анна Иванова"]
    [link] = lecture.iter("link")
    assert link.get("href") == "https://meet.example.org/big"
    online = next(e for e in events.values() if e.findtext("title") == "Онлайн-консультация")
    assert online.findtext("room") == "Онлайн"
    assert [ln.get("href") for ln in online.iter("link")] == ["https://meet.example.org/consult"]


@pytest.mark.parametrize("name", ["bishkek", "forum"])
def test_schedule_json_is_valid(name: str, request: pytest.FixtureRequest,
                                tmp_path: Path) -> None:
    context: ExportContext = request.getfixturevalue(name)
    [path] = export_schedule_json(context, tmp_path, {})
    data = json.loads(path.read_text(encoding="utf-8"))
    validate_json(data)
    events = [e for d in data["schedule"]["conference"]["days"] for r in d["rooms"].values()
              for e in r]
    assert sorted(e["title"] for e in events) == sorted(s.title for s in context.schedule.sessions)
    hybrid = [e for e in events if e["links"]]
    assert hybrid and all(link["url"].startswith("https://") for e in hybrid
                          for link in e["links"])


def test_the_schemas_reject_broken_documents(forum: ExportContext, tmp_path: Path) -> None:
    """The validations above can fail: a damaged export is rejected."""
    [xml_path] = export_frab(forum, tmp_path, {})
    text = xml_path.read_text(encoding="utf-8").replace("<duration>01:00</duration>",
                                                        "<duration>one hour</duration>", 1)
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        XSD.validate(text)
    [json_path] = export_schedule_json(forum, tmp_path, {})
    data = json.loads(json_path.read_text(encoding="utf-8"))
    day = data["schedule"]["conference"]["days"][0]
    next(iter(day["rooms"].values()))[0].pop("guid")
    with pytest.raises(jsonschema.ValidationError):
        validate_json(data)


def test_ids_are_stable_across_re_solves(bishkek: ExportContext, tmp_path: Path) -> None:
    def ids(context: ExportContext, folder: Path) -> dict[str, tuple[int, str, str]]:
        [path] = export_schedule_json(context, folder, {})
        data = json.loads(path.read_text(encoding="utf-8"))
        return {e["title"]: (e["id"], e["guid"], e["slug"])
                for d in data["schedule"]["conference"]["days"]
                for r in d["rooms"].values() for e in r}

    later = make_context(BISHKEK, moved(bishkek.schedule, "session-4", "16:05", "17:35"))
    assert ids(bishkek, tmp_path / "a") == ids(later, tmp_path / "b")
    version_a = json.loads((tmp_path / "a/schedule.json").read_text())["schedule"]["version"]
    version_b = json.loads((tmp_path / "b/schedule.json").read_text())["schedule"]["version"]
    assert version_a != version_b


def test_bad_acronym_is_refused(forum: ExportContext, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="acronym"):
        export_frab(forum, tmp_path, {"acronym": "Форум 2025"})
