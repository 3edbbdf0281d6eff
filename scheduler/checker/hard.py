"""The hard rules of docs/rules.md, in the rulebook's order, each a function of a plan."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from scheduler.checker import (
    rules_assignment,
    rules_breaks,
    rules_concurrency,
    rules_groups,
    rules_identity,
    rules_people,
    rules_rooms,
    rules_talks,
    rules_time,
)
from scheduler.checker.plan import Plan
from scheduler.checker.report import Violation

Rule = Callable[[Plan], Iterator[Violation]]

HARD_RULES: dict[str, Rule] = {
    "scenario-match": rules_identity.scenario_match,
    "placement": rules_identity.placement,
    "day-frame": rules_time.day_frame,
    "time-grid": rules_time.time_grid,
    "duration": rules_time.duration,
    "earliest-latest": rules_time.earliest_latest,
    "pinned": rules_time.pinned,
    "room-required": rules_rooms.room_required,
    "room-allowed": rules_rooms.room_allowed,
    "room-capacity": rules_rooms.room_capacity,
    "room-tags": rules_rooms.room_tags,
    "room-availability": rules_rooms.room_availability,
    "room-overlap": rules_rooms.room_overlap,
    "person-overlap": rules_people.person_overlap,
    "person-availability": rules_people.person_availability,
    "person-daily-limit": rules_people.person_daily_limit,
    "person-load": rules_assignment.person_load,
    "breaks": rules_breaks.breaks,
    "max-block": rules_breaks.max_block,
    "exclusive": rules_concurrency.exclusive,
    "licences": rules_concurrency.licences,
    "parallel-limit": rules_concurrency.parallel_limit,
    "track-overlap": rules_concurrency.track_overlap,
    "after": rules_time.after,
    "same-day": rules_time.same_day,
    "not-parallel": rules_time.not_parallel,
    "series": rules_time.series,
    "instrument": rules_identity.instrument,
    "people": rules_identity.people,
    "group-choices": rules_groups.group_choices,
    "group-size": rules_groups.group_size,
    "group-overlap": rules_groups.group_overlap,
    "needs-met": rules_assignment.needs_met,
    "assigned-qualified": rules_assignment.assigned_qualified,
    "same-people": rules_assignment.same_people,
    "organisations": rules_assignment.organisations,
    "talk-placement": rules_talks.talk_placement,
    "talk-whole": rules_talks.talk_whole,
    "talk-pinned": rules_talks.talk_pinned,
    "talk-availability": rules_talks.talk_availability,
    "talk-hybrid": rules_talks.talk_hybrid,
    "talk-overlap": rules_talks.talk_overlap,
}
"""Rule name -> the function that finds its violations."""
