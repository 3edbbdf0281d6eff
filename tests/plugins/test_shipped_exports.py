"""Every shipped feasible scenario, solved (10 s limit), exports to every file format;
the outputs validate and re-read without overlaps."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
import xmlschema
from confsched_ical.export import export_ical
from confsched_interchange.frab import export_frab
from confsched_interchange.schedule_json import export_schedule_json
from exporthelp import DATA, ROOT
from icsparse import overlapping, parse_both, parse_icalendar
from test_interchange_formats import validate_json

from scheduler.exporting import ExportContext
from scheduler.scenario import load_scenario

SHIPPED = sorted(p for p in (ROOT / "scenarios").glob("*.yaml")
                 if not p.name.startswith("infeasible-"))


@cache
def solved(path: Path) -> ExportContext:
    from scheduler.solver import SolveOptions, solve

    scenario = load_scenario(path)
    result = solve(scenario, SolveOptions(time_limit=10.0, seed=0, workers=2))
    assert result.status.has_schedule and result.schedule is not None, result.status
    return ExportContext(scenario=scenario, schedule=result.schedule, scenario_path=path)


@pytest.mark.slow
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenario_exports(path: Path, tmp_path: Path) -> None:
    context = solved(path)
    written = export_ical(context, tmp_path / "ical", {})
    programme = parse_both(tmp_path / "ical" / "programme.ics")
    assert len(programme) == len(context.schedule.sessions) + len(context.schedule.breaks)
    assert len({p.uid for p in programme}) == len(programme)
    for calendar in written:
        if calendar.parent.name in ("people", "rooms"):
            text = calendar.read_text(encoding="utf-8")
            assert overlapping(list(parse_icalendar(text))) == [], calendar

    [xml_path] = export_frab(context, tmp_path / "frab", {})
    xmlschema.XMLSchema(DATA / "schedule.xml.xsd").validate(xml_path)
    [json_path] = export_schedule_json(context, tmp_path / "json", {})
    validate_json(json.loads(json_path.read_text(encoding="utf-8")))
