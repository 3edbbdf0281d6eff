"""The order of the generator's steps: plan first, then people and constraints, then write.

The rule: rooms, the day grid, fixed items, study tours, regular sessions (packed), sizes,
tracks, the pool (with ``--pool-size``), people, the narrowing of pooled needs, extra
relations (only with extras), then the written scenario. The order
is part of the output: every step draws from the one seeded random stream, so changing
it changes every generated file.
"""

from __future__ import annotations

from typing import Any

from scheduler.generate.layout import day_blocks, day_breaks
from scheduler.generate.people import assign_people
from scheduler.generate.plan import plant_fixed_items, plant_regular_sessions, plant_study_tours
from scheduler.generate.pools import make_pool, narrow
from scheduler.generate.relations import add_relations
from scheduler.generate.render import scenario_data
from scheduler.generate.rooms import make_rooms
from scheduler.generate.shapes import GeneratorParams
from scheduler.generate.sizes import size_sessions
from scheduler.generate.state import Build
from scheduler.generate.tracks import assign_tracks


def build(params: GeneratorParams, seed: int) -> tuple[Build, dict[str, Any]]:
    """Run every step for ``params`` and ``seed``: the final state and the scenario data."""
    b = Build(params, seed)
    b.rooms = make_rooms(params, b.rng)
    b.day_blocks = [day_blocks(params, d) for d in range(params.days)]
    b.planted_breaks = [day_breaks(params, d, b.day_blocks[d]) for d in range(params.days)]
    plant_fixed_items(b)
    plant_study_tours(b)
    plant_regular_sessions(b)
    size_sessions(b)
    assign_tracks(b)
    if params.pool_size:
        make_pool(b)
    assign_people(b)
    if params.pool_size:
        narrow(b)
    if params.extras:
        add_relations(b)
    return b, scenario_data(b)
