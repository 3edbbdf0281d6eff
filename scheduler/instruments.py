"""The catalogue of instruments and their rules, shipped as data (``data/instruments.yaml``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Any

import yaml
from pydantic import Field, ValidationError, model_validator

from scheduler.scenario.types import FORMATS, HUGE, Format, Minutes, StrictModel


class Instrument(StrictModel):
    """The rules of one instrument (a kind of session).

    Every limit is optional; a session of this instrument must respect those given.
    """

    title: dict[str, str] = Field(default_factory=dict)
    """Display names by language code, e.g. ``{en: Workshop, ru: Семинар-практикум}``."""
    max_participants: int | None = Field(default=None, ge=1, le=HUGE)
    """Hard: expected participants may not exceed this."""
    preferred_max_participants: int | None = Field(default=None, ge=1, le=HUGE)
    """Soft: each participant above this is penalised (``preferred_size`` weight)."""
    required_roles: dict[str, Annotated[int, Field(ge=0, le=1000)]] = Field(default_factory=dict)
    """Role -> the least number of people in that role (e.g. ``jury: 3``)."""
    min_duration: Minutes | None = None
    max_duration: Minutes | None = None
    default_duration: Minutes | None = None
    room_tags: list[str] = Field(default_factory=list)
    """Tags the room must carry (in-person and hybrid sessions)."""
    formats: list[Format] = Field(default_factory=lambda: list(FORMATS))
    """Formats this instrument can be run in."""
    followed_by: str | None = None
    """Instrument of a session that must come after each session of this one."""
    recurring: bool = False
    """Sessions must be a series (``repeat:``) of regular meetings."""
    whole_day: bool = False
    """Sessions fill the whole daily frame of the day they are on."""
    exclusive: bool = False
    """Nothing else runs in parallel (openings, plenaries, meals)."""
    pause: bool = False
    """When pinned, counts as a break for the longest-block rule (meals, registration)."""
    observes_breaks: bool = True
    """Event-wide breaks apply; off-site instruments keep their own."""
    needs_room: bool = True
    """In-person and hybrid sessions take a room (online ones never do)."""
    min_organisations: int | None = Field(default=None, ge=1, le=1000)
    """People from at least this many organisations take part (twinning: 2)."""
    jury_min_organisations: int | None = Field(default=None, ge=1, le=1000)
    """The jury comes from at least this many organisations (competition: 2)."""
    continuity_roles: list[str] = Field(default_factory=list)
    """Hard: the meetings of a series keep the same people in these roles (community of
    practice, study tour: the coordinator)."""
    preferred_continuity_roles: list[str] = Field(default_factory=list)
    """Soft: the meetings of a series had better keep the same people in these roles
    (``continuity`` weight)."""

    @model_validator(mode="after")
    def _durations_in_order(self) -> Instrument:
        if self.min_duration and self.max_duration and self.min_duration > self.max_duration:
            raise ValueError("min-duration is longer than max-duration")
        if (
            self.max_participants
            and self.preferred_max_participants
            and self.preferred_max_participants > self.max_participants
        ):
            raise ValueError("preferred-max-participants is above max-participants")
        return self

    def label(self, lang: str, fallback: str) -> str:
        """Display name in ``lang``, else English, else ``fallback``."""
        return self.title.get(lang) or self.title.get("en") or fallback


@cache
def _catalogue_data() -> dict[str, Any]:
    text = resources.files("scheduler").joinpath("data/instruments.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def builtin_catalogue() -> dict[str, Instrument]:
    """The shipped instruments, freshly validated (callers may change their copy)."""
    return {name: Instrument.model_validate(raw) for name, raw in _catalogue_data().items()}


def _merged(overrides: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    # Field names may be written max-participants or max_participants; one spelling wins.
    merged: dict[str, dict[str, Any]] = {
        name: {str(k).replace("-", "_"): v for k, v in raw.items()}
        for name, raw in _catalogue_data().items()
    }
    for name, fields in overrides.items():
        merged.setdefault(name, {}).update(
            {str(k).replace("-", "_"): v for k, v in fields.items()}
        )
    return merged


def merge_catalogue(overrides: dict[str, dict[str, Any]]) -> dict[str, Instrument]:
    """The shipped catalogue with a scenario's overrides: given fields replace, new names add."""
    return {name: Instrument.model_validate(raw) for name, raw in _merged(overrides).items()}


def catalogue_problems(
    overrides: dict[str, dict[str, Any]],
) -> list[tuple[tuple[str | int, ...], str]]:
    """What is wrong with a scenario's ``instruments:`` overrides, each with its path.

    Paths start with the instrument's name, e.g. ``("workshop", "max-participants")``.
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for name, raw in _merged(overrides).items():
        try:
            Instrument.model_validate(raw)
        except ValidationError as exc:
            written = {str(k).replace("-", "_"): str(k) for k in overrides.get(name, {})}
            for error in exc.errors(include_url=False):
                first, *rest = error["loc"] or ("",)
                field = written.get(str(first), str(first).replace("_", "-"))
                loc = (field, *rest)
                if error["type"] == "extra_forbidden":
                    message = f"an instrument has no field {str(loc[-1])!r}"
                else:
                    message = str(error["msg"]).removeprefix("Value error, ")
                problems.append(((name, *loc), message))
    return problems
