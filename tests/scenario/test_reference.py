"""scenarios/README.md agrees with the code: the instrument table with the shipped
catalogue, and every field of the scenario model is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from catalogue_table import table
from pydantic import BaseModel

from scheduler.instruments import Instrument
from scheduler.scenario import model, talks

README = Path(__file__).resolve().parents[2] / "scenarios" / "README.md"


def _documented_table() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- catalogue:start -->\n(.*?)\n<!-- catalogue:end -->", text, re.S)
    assert match, "the README has lost its catalogue markers"
    return match.group(1).strip()


def test_catalogue_table_matches_the_shipped_yaml() -> None:
    documented = _documented_table().splitlines()
    generated = table().splitlines()
    missing = [line for line in generated if line not in documented]
    extra = [line for line in documented if line not in generated]
    assert not missing and not extra, (
        "scenarios/README.md and scheduler/data/instruments.yaml disagree; run "
        "`python tests/scenario/catalogue_table.py` and paste its output.\n"
        f"expected but not in README: {missing}\nin README but not expected: {extra}"
    )


MODELS = [
    model.Event, model.Room, model.Track, model.Person, model.Session, model.Breaks,
    model.PlacedBreak, model.FixedBreak, model.Hybrid, model.Participants,
    model.Registration, model.InterestPair, model.Weights, model.Window, model.Pin,
    model.Repeat, model.Meeting, model.Organiser, Instrument, model.Scenario, model.Wishes,
    talks.TalkSlot, talks.Talk, talks.TrackPenalties, talks.TalkPin, talks.TalkPenalties,
    talks.TalkSlotPenalties, talks.TalkTimezones,
]
INTERNAL = {"series", "occurrence", "run"}  # filled in by the loader, never written by users


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_every_field_is_documented(cls: type[BaseModel]) -> None:
    text = README.read_text(encoding="utf-8")
    for name in cls.model_fields:
        if name in INTERNAL:
            continue
        spelled = name.replace("_", "-")
        assert f"`{spelled}`" in text or f"`{spelled}:" in text, (
            f"{cls.__name__}.{name} is not described in scenarios/README.md"
        )


def test_every_example_command_names_a_shipped_scenario() -> None:
    text = README.read_text(encoding="utf-8")
    shipped = {p.name for p in README.parent.glob("*.yaml")}
    for name in re.findall(r"scenarios/([\w.-]+\.yaml)", text):
        assert name in shipped, name
    for name in re.findall(r"^\| `([\w.-]+\.yaml)` \|", text, re.M):
        assert name in shipped, name
