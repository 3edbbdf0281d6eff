"""The one table of rules: every hard and soft rule by name, as docs/rules.md states it.

The rulebook (docs/rules.md), the solver (its guard labels and objective builders), the
checker (``HARD_RULES`` and ``TERMS``), the solver's own breakdown (``evaluate.py``) and
``Weights`` each name the rules separately; ``tests/test_rules_registry.py`` holds them all
to this table, so a rule added in one place and not the others fails with a message saying
where it is missing.

For a hard rule, ``solver`` says how the CP-SAT model holds it:

- ``guard``: by constraints (or start and room domains) behind a guard named after the rule,
  so an infeasibility diagnosis and :func:`scheduler.solver.verify.refusals` name it;
- ``structure``: by the shape of the variables (one start per session on the grid, a fixed
  length, one room when one is needed): a schedule breaking it cannot even be written
  into the model, and :func:`~scheduler.solver.verify.refusals` names it while trying;
- ``input``: not a decision at all; the solver copies it from the scenario (people, the
  instrument's fields, the event's name), the loader and the checker check it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["hard", "soft"]
Holds = Literal["guard", "structure", "input"]


@dataclass(frozen=True)
class Rule:
    """One rule: its name, whether it is hard, and the rulebook's first sentence for it."""

    name: str
    kind: Kind
    sentence: str
    """The first sentence of the rule's row in docs/rules.md (the test compares them)."""
    solver: Holds | None = None
    """Hard rules: how the solver holds it (see the module docstring)."""
    weight: str | None = None
    """Soft rules: the field of ``Weights`` that weighs it."""
    rulebook: bool = True
    """False for the checker's own ``scenario-match``, which docs/checker.md describes."""
    resolve_only: bool = False
    """Soft rules that exist only in a minimal-change re-solve (``changes``)."""
    talks: bool = False
    """Rules of academic talks (``talks:``, docs/talks.md): the hard ones are held by the
    talks model's structure (scheduler/solver/talks_model.py), the soft ones are CoSPLib's
    terms, weighed by ``weights.talks.<name>``."""


def _hard(name: str, solver: Holds, sentence: str, *, rulebook: bool = True) -> Rule:
    return Rule(name, "hard", sentence, solver=solver, rulebook=rulebook)


def _soft(name: str, sentence: str, *, resolve_only: bool = False) -> Rule:
    return Rule(name, "soft", sentence, weight=name, resolve_only=resolve_only)


def _talk_hard(name: str, sentence: str) -> Rule:
    return Rule(name, "hard", sentence, solver="structure", talks=True)


def _talk_soft(name: str, sentence: str) -> Rule:
    return Rule(name, "soft", sentence, weight=f"talks.{name}", talks=True)


RULES: tuple[Rule, ...] = (
    _hard("scenario-match", "input",
          "The schedule was made for this scenario: same event, timezone and session "
          "definitions.", rulebook=False),
    _hard("placement", "structure", "Every session is placed exactly once."),
    _hard("day-frame", "guard",
          "A session lies inside the daily frame of its day (`event.day-start`/`day-end` or "
          "`event.day-frames`), on a day listed in `session.days` when given."),
    _hard("time-grid", "structure",
          "The start is a multiple of `event.granularity` minutes after midnight."),
    _hard("duration", "structure", "`e - s` equals the session's duration."),
    _hard("earliest-latest", "guard", "`s >= earliest` and `e <= latest` when given."),
    _hard("pinned", "guard", "`pin.day`, `pin.start` and `pin.room` are respected."),
    _hard("room-required", "structure",
          "In-person and hybrid sessions whose instrument `needs_room` have exactly one room; "
          "online sessions (and instruments that need no room) have none."),
    _hard("room-allowed", "guard", "The room is in `session.rooms` when given."),
    _hard("room-capacity", "guard",
          "The room's capacity is at least the session's expected participants."),
    _hard("room-tags", "guard",
          "The room carries every tag of the instrument's `room_tags` and the session's "
          "`room_tags`; a hybrid session's room also carries `hybrid.room_tag` (default "
          "`hybrid`). A room marked `reserved` holds only sessions that need one of its "
          "tags or name it (`rooms:`, `pin.room`). In talks events a reserved room "
          "follows `talk-placement`."),
    _hard("room-availability", "guard",
          "When a room lists `available` windows, each of its sessions lies inside one "
          "window."),
    _hard("room-overlap", "guard", "No two sessions in the same room overlap."),
    _hard("person-overlap", "guard", "No person is in two overlapping sessions."),
    _hard("person-availability", "guard",
          "When a person lists `available` windows (in their own `timezone`), each of their "
          "sessions lies inside one window."),
    _hard("person-daily-limit", "guard",
          "A person with `max-sessions-per-day: N` is in at most N sessions a day."),
    _hard("person-load", "guard",
          "A person with `max-sessions: N` is in at most N sessions; with "
          "`max-hours-per-day: H`, their sessions of a day last at most H hours; with "
          "`max-hours: H`, all their sessions at most H hours (named and assigned sessions "
          "alike)."),
    _hard("breaks", "guard",
          "Each placed break occurs once on each of its days (all days unless `days:` given), "
          "starts on the time grid, lies inside its `window`, lasts its `duration`."),
    _hard("max-block", "guard",
          "With `breaks.max-block: N`: on each day, take the *pauses* (fixed and placed "
          "breaks of that day, and the sessions of `pause` instruments with a pinned start, "
          "e.g. meals and registration), merge those that overlap or touch, and sort them."),
    _hard("exclusive", "guard",
          "While a session of an `exclusive` instrument runs (opening, plenary, closing, "
          "meals), no other session that observes breaks overlaps it."),
    _hard("licences", "guard",
          "With `hybrid.licences: N`: at no moment do more than N online or hybrid sessions "
          "run."),
    _hard("parallel-limit", "guard",
          "With `event.max-parallel` (a number, or `tracks`): at no moment do more sessions "
          "that observe breaks run than that."),
    _hard("track-overlap", "guard", "Two sessions in the same track never overlap."),
    _hard("after", "guard",
          "A session starts no earlier than the end of every session in its `after:` list (a "
          "series name means every meeting of the series)."),
    _hard("same-day", "guard",
          "A session is on the same day as every session in its `same-day-as:` list."),
    _hard("not-parallel", "guard",
          "A session does not overlap any session in its `not-parallel-with:` list."),
    _hard("series", "guard",
          "The meetings of a series (`repeat:`) are on pairwise different days, in order: "
          "meeting 1 (`id#1`) on an earlier day than meeting 2, and so on (a dropped optional "
          "meeting leaves the others in order)."),
    _hard("instrument", "input",
          "Expected participants do not exceed the instrument's `max_participants`; the "
          "required roles are filled; durations within the instrument's min/max; the format "
          "is allowed; a `followed_by` instrument session lists it in `after:`."),
    _hard("people", "input",
          "The schedule lists, for each session, the people and roles the scenario gives"),
    _hard("group-choices", "guard",
          "A registration the schedule lists under a session's `registrations:` is among its "
          "`choices:` (a session with `runs:` counts as each of its runs), is given at most one "
          "run of each choice and at most `take` of its choices, and is listed once."),
    _hard("group-size", "guard",
          "A session that registrations are given holds its `participants:` plus the "
          "registrations listed: at most the instrument's `max_participants` and at most its "
          "room's capacity."),
    _hard("group-overlap", "guard",
          "The sessions a registration is given do not overlap each other nor the sessions of "
          "its `sessions:` list."),
    _hard("needs-met", "guard",
          "For each role in a placed session's `needs:` (default: the instrument's "
          "`required-roles` minus the people named, for roles someone has in `roles:`), the "
          "schedule lists exactly that many people beyond those named."),
    _hard("assigned-qualified", "structure",
          "A person the schedule lists beyond those named has the role in `roles:`, is in the "
          "session's `candidates:` when given, speaks its `language:` when given, carries one "
          "of its `topics:` when given, is not named in it already, is listed once in the "
          "session, and for `jury` does not belong to an organisation in its `entrants:`."),
    _hard("same-people", "guard",
          "Sessions linked by `same-people-as:` list the same people in the linked role "
          "when both are placed, and the meetings of a series keep the same people in "
          "each role of their instrument's `continuity_roles`."),
    _hard("organisations", "guard",
          "A jury comes from at least the instrument's `jury_min_organisations` "
          "organisations; the people of a session whose instrument has "
          "`min_organisations` come from at least that many."),
    _talk_hard("talk-placement",
               "Every talk of `talks:` is in exactly one talk session, of its own track; a "
               "talk session is a talk-slot in a room open then, at the talk-slot's time, "
               "holding one track. A room marked `reserved` is open in a talk-slot only "
               "where something names it: the talk-slot's `rooms:` lists it, or a talk of "
               "the session is pinned to it (`pin: {talk-slot, room}`); tags do not open it "
               "in talks events (talks ask for none, and the hybrid tag an online talk needs "
               "does not either: list the room under the talk-slots that may use it)."),
    _talk_hard("talk-whole",
               "A talk takes its `slots` consecutive talk slots on the talk-slot's grid, "
               "inside its talk session, never split; no two talks of one talk session "
               "overlap."),
    _talk_hard("talk-pinned", "A talk's `pin` (talk-slot, and room when given) is respected."),
    _talk_hard("talk-availability",
               "Presenters are available during their talk, the track's chairs chair each "
               "of its talk sessions and are available during it, and the room is available "
               "during it."),
    _talk_hard("talk-hybrid",
               "An online or hybrid talk is in a room tagged `hybrid.room-tag`; with "
               "`hybrid.licences: N`, at no moment do more than N talk sessions holding one "
               "and online or hybrid sessions run."),
    _talk_hard("talk-overlap",
               "A room holds one talk session (or session) at a time; no talk session runs "
               "during a break or an exclusive session; its chairs and presenters are in no "
               "session at the same time."),
    _soft("participant_clashes",
          "Sum, over pairs of placed sessions that overlap, of the number of people who want "
          "both (from `participants.registrations`, one per registration listing both, plus "
          "`participants.interest-pairs` counts)."),
    _soft("preferences",
          "Number of (session, person) pairs where the session overlaps one of the person's "
          "`avoid` windows, plus the number of pairs where the person has `prefer` windows "
          "and the session does not lie inside one of them."),
    _soft("track_room_stability",
          "Sum over (track, day) of `max(0, number of distinct rooms used by that track's "
          "sessions that day - 1)`."),
    _soft("room_fit",
          "Sum over sessions in rooms of `(room capacity - expected participants) // 10` "
          "(wasted seats, in tens)."),
    _soft("facilitator_same_room",
          "Sum over (person in a `facilitator` role, day) of `max(0, number of distinct rooms "
          "of their sessions that day - 1)`."),
    _soft("compact_days",
          "Sum over days with at least one session of `(latest session end that day - frame "
          "start) // granularity`: finish early, no long gaps."),
    _soft("instrument_spread",
          "Sum over (instrument with at least two sessions, day) of `max(0, sessions of it "
          "that day - ceil(sessions of it / number of days))`."),
    _soft("preferred_size",
          "Sum over placed sessions of `max(0, participants - instrument "
          "preferred_max_participants)`."),
    _soft("dropped", "Number of optional sessions left out."),
    _soft("choices",
          "Sum over registrations with `choices:` of the ranks (0 for the first) of the choices "
          "they are given, plus `len(choices)` for each of their `take` places left empty, "
          "minus `0 + 1 + ... + (take - 1)`."),
    _soft("fair_load",
          "The largest number of placed sessions any one person is assigned from a pool "
          "(people beyond those named)."),
    _soft("continuity",
          "Sum over (series, role in its instrument's `preferred_continuity_roles` that "
          "the pool fills) of the distinct people listed in that role over its placed "
          "meetings minus the most listed in one meeting."),
    _soft("wishes",
          "Sum over (placed session, person listed in it) of 1 if one of the person's "
          "`wishes.dislike` means the session, plus 1 if they have `wishes.like` entries "
          "and none means it."),
    _soft("room_changes",
          "Sum over (person, day) of `max(0, number of distinct rooms of their sessions "
          "that day - 1)`, named and chosen people alike."),
    _soft("changes", "Re-solve only (`--from`): see docs/resolve.md.", resolve_only=True),
    _talk_soft("tracks_sessions",
               "Sum over talk sessions of their track's penalty for the talk-slot "
               "(`tracks[].penalties.talk-slots`)."),
    _talk_soft("tracks_rooms",
               "Sum over talk sessions of their track's penalty for the room "
               "(`tracks[].penalties.rooms`)."),
    _talk_soft("sessions_rooms",
               "Sum over talk sessions of the talk-slot's penalty for the room "
               "(`talk-slots[].penalties.rooms`)."),
    _talk_soft("similar_tracks",
               "Sum over talk-slots and pairs of rooms holding different tracks of the "
               "tracks' similarity penalty (`tracks[].penalties.tracks`)."),
    _talk_soft("rooms_per_track",
               "Sum over tracks of the number of distinct rooms they use - 1."),
    _talk_soft("parallel_tracks",
               "Sum over (track, talk-slot) of the rooms holding the track then - 1."),
    _talk_soft("consecutive_tracks",
               "Number of tracks whose talk-slots (in the file's order) are not consecutive."),
    _talk_soft("submissions_timezones",
               "Sum over talk slots held of the talk's time-zone penalty for its talk-slot "
               "(`weights.talks.timezones`)."),
    _talk_soft("submissions_order",
               "Ordered talks of one track at the same time, plus talks whose position in "
               "their track (talk-slot, room, slot order) differs from their `order`."),
    _talk_soft("submissions_sessions",
               "Sum over talk slots held of the talk's penalty for its talk-slot "
               "(`talks[].penalties.talk-slots`)."),
    _talk_soft("submissions_rooms",
               "Sum over talk slots held of the talk's penalty for its room "
               "(`talks[].penalties.rooms`)."),
    _talk_soft("presenters_conflicts",
               "Pairs of talks in one talk-slot, in different rooms, whose presenters "
               "clash (a shared presenter, or a presenter who chairs the other's track)."),
    _talk_soft("attendees_conflicts",
               "Pairs of talks in one talk-slot, in different rooms, that an attendee of one "
               "also wants (as attendee, presenter or chair of the other's track)."),
    _talk_soft("chairs_conflicts",
               "Pairs of room positions in one talk-slot whose tracks share a chair."),
    _talk_soft("presenters_conflicts_timeslot",
               "Pairs of talks with clashing presenters in the same talk slot."),
    _talk_soft("attendees_conflicts_timeslot",
               "Pairs of talks with clashing attendees in the same talk slot."),
)
"""Every rule, hard rules first, each part in the rulebook's order."""

BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}
HARD: tuple[Rule, ...] = tuple(rule for rule in RULES if rule.kind == "hard")
SOFT: tuple[Rule, ...] = tuple(rule for rule in RULES if rule.kind == "soft")


def names(kind: Kind, *, solver: Holds | None = None) -> list[str]:
    """The names of the rules of one kind (hard rules: optionally only those the solver
    holds in one way), in the table's order."""
    return [rule.name for rule in RULES
            if rule.kind == kind and (solver is None or rule.solver == solver)]
