"""Seeded generator of realistic, feasible scenarios for benchmarks and tests.

The rule: every generated scenario has a schedule that satisfies every hard rule, because
the generator first *plants* one (a hidden timetable laid out block by block, room by
room, leaving at least a quarter of the room-time free) and then writes only constraints
that this planted timetable satisfies: people get sessions only when they are free, their
availability windows cover their planted sessions, tracks never overlap in the plan,
licences cover the plan's busiest moment, ``after:`` only points backwards in the plan,
and so on. The solver is free to find anything better.

The same seed and parameters always give the same file (``random.Random(seed)`` only).
Shapes are preset sizes: ``seminar``, ``pycon``, ``large``, ``euro``, ``informs``.

This module is the public API; the steps live in one module each (see ``builder.py`` for
their order): ``shapes`` (parameters and presets), ``layout`` (the day grid), ``mixes``
(instruments and durations), ``rooms``, ``plan`` and ``packing`` (the planted timetable),
``sizes``, ``tracks``, ``people``, ``relations``, ``availability``, ``breaks``,
``registrations``, ``names``, ``render`` (data and YAML), ``planted`` (the proof schedule)
and ``measure``.
"""

from __future__ import annotations

from typing import Any

from scheduler.generate.builder import build
from scheduler.generate.measure import room_load
from scheduler.generate.planted import planted_schedule
from scheduler.generate.render import to_yaml
from scheduler.generate.shapes import SHAPES, GeneratorParams, iter_shapes, params_for
from scheduler.generate.shapes import validate_params as _validate
from scheduler.schedule import Schedule


def generate(params: GeneratorParams, seed: int = 0) -> dict[str, Any]:
    """A scenario as plain data (ready for YAML), deterministic in ``params`` and ``seed``."""
    _validate(params)
    return build(params, seed)[1]


def generate_with_plan(params: GeneratorParams, seed: int = 0) -> tuple[dict[str, Any], Schedule]:
    """The scenario data and the planted schedule that proves it feasible."""
    _validate(params)
    state, data = build(params, seed)
    return data, planted_schedule(state)


def generate_yaml(params: GeneratorParams, seed: int = 0) -> str:
    """:func:`generate` then :func:`to_yaml`."""
    return to_yaml(generate(params, seed))


__all__ = ["SHAPES", "GeneratorParams", "generate", "generate_with_plan", "generate_yaml",
           "iter_shapes", "params_for", "room_load", "to_yaml"]
