"""Field types shared by the scenario and schedule models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer

from scheduler.timeparse import format_clock, format_duration, parse_clock, parse_duration

Minutes = Annotated[
    int,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
]
"""A duration in whole minutes; written ``90min``, ``1h30``, ``45``."""

Clock = Annotated[
    int,
    BeforeValidator(parse_clock),
    PlainSerializer(format_clock, return_type=str),
]
"""A time of day as minutes after midnight; written ``09:30``."""

Format = Literal["in-person", "online", "hybrid"]
"""How a session is attended: in a room, only online, or both."""

FORMATS: tuple[Format, ...] = ("in-person", "online", "hybrid")


def _hyphenate(name: str) -> str:
    return name.replace("_", "-")


class StrictModel(BaseModel):
    """Base of every scenario model: unknown keys are errors; ``a-b`` and ``a_b`` both work."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        alias_generator=_hyphenate,
        str_strip_whitespace=True,
        validate_default=True,
    )
