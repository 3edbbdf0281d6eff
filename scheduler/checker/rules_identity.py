"""Hard rules about *what* the schedule lists: the right sessions, people and instruments.

``placement``, ``people`` and ``instrument`` are rules of docs/rules.md;
``scenario-match`` says the schedule was not made for this scenario (another event,
timezone, or sessions whose instrument, format, participants or series differ).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from scheduler.checker.plan import Placed, Plan, span
from scheduler.checker.report import Violation
from scheduler.checker.rules_assignment import needs_of
from scheduler.checker.rules_groups import headcount
from scheduler.schedule import event_label
from scheduler.wording import article

Found = Iterator[Violation]


def placement(plan: Plan) -> Found:
    """Every session is placed exactly once; an optional one may be listed in dropped."""
    for entry in plan.unknown:
        shown = entry.title or entry.id
        yield Violation("placement", f"the schedule places '{shown}' (id {entry.id!r}), "
                        "which is not a session of the scenario", sessions=(entry.id,))
    for entry in plan.repeated:
        first = plan.by_id[entry.id]
        yield Violation("placement", f"{first.label} on {first.day} is placed again at "
                        f"{span(entry.start, entry.end)} on {entry.day}; "
                        "a session is placed exactly once", sessions=(entry.id,), day=entry.day)
    sessions = {s.id: s for s in plan.scenario.sessions}
    for sid, times in Counter(plan.schedule.dropped).items():
        if sid not in sessions:
            yield Violation("placement", f"dropped: lists {sid!r}, which is not a session of "
                            "the scenario", sessions=(sid,))
        elif times > 1:
            yield Violation("placement", f"dropped: lists {sid!r} {times} times",
                            sessions=(sid,))
    dropped = set(plan.dropped)
    for session in plan.scenario.sessions:
        is_placed, is_dropped = session.id in plan.by_id, session.id in dropped
        what = f"'{session.title}' (id {session.id!r})"
        if is_placed and is_dropped:
            yield Violation("placement", f"{what} is both placed and listed as dropped",
                            sessions=(session.id,))
        elif is_dropped and not session.optional:
            yield Violation("placement", f"{what} is dropped but is not optional: only "
                            "sessions marked optional: true may be left out",
                            sessions=(session.id,))
        elif not is_placed and not is_dropped:
            yield Violation("placement", f"{what} is missing: it is neither placed nor "
                            "listed as dropped", sessions=(session.id,))


def scenario_match(plan: Plan) -> Found:
    """The schedule is of this scenario: same event, timezone and session definitions."""
    scenario, schedule = plan.scenario, plan.schedule
    if schedule.identity != scenario.event.identity:
        yield Violation("scenario-match", "the schedule is of the event "
                        f"{event_label(schedule.event, schedule.event_id)}, the scenario is "
                        f"{event_label(scenario.event.name, scenario.event.id)}; is this the "
                        "right file?")
    if schedule.timezone != scenario.event.timezone:
        yield Violation("scenario-match", f"the schedule's times are in {schedule.timezone}, "
                        f"the scenario's in {scenario.event.timezone}")
    for p in plan.placed:
        for name in ("instrument", "format", "participants", "series"):
            listed, defined = getattr(p.entry, name), getattr(p.session, name)
            if name == "participants":  # plus the registrations given it (#12)
                defined = headcount(p)
            if listed != defined:
                yield Violation("scenario-match", f"{p.label} is listed with {name} "
                                f"{listed!r}, the scenario gives {defined!r}",
                                sessions=(p.id,), day=p.day)


def people(plan: Plan) -> Found:
    """The schedule lists, for each session, the people and roles the scenario gives; a
    role the session needs from a pool may list more (``assigned-qualified`` judges them)."""
    for p in plan.placed:
        listed, defined = p.entry.people, p.session.people
        pooled = set(needs_of(plan, p))
        for role in dict.fromkeys([*defined, *listed]):
            want, have = defined.get(role, []), listed.get(role, [])
            for pid in [x for x in want if x not in have]:
                yield Violation("people", f"{p.label} does not list {plan.person_label(pid)} "
                                f"as {role}, as the scenario does", sessions=(p.id,),
                                people=(pid,), day=p.day)
            for pid in [x for x in have if x not in want and role not in pooled]:
                yield Violation("people", f"{p.label} lists {plan.person_label(pid)} as "
                                f"{role}, which the scenario does not", sessions=(p.id,),
                                people=(pid,), day=p.day)


def instrument(plan: Plan) -> Found:
    """Each placed session keeps its instrument's rules (participants, roles, durations,
    formats, follow-up session; organisations are the ``organisations`` rule)."""
    for p in plan.placed:
        yield from _instrument_rules(plan, p)


def _instrument_rules(plan: Plan, p: Placed) -> Found:
    rule, session, name = p.instrument, p.session, p.session.instrument

    def say(message: str) -> Violation:
        return Violation("instrument", f"{p.label}: {message}", sessions=(p.id,), day=p.day)

    if rule.max_participants is not None and session.participants > rule.max_participants:
        yield say(f"{session.participants} participants exceed the {name} maximum of "
                  f"{rule.max_participants}")
    for role, least in rule.required_roles.items():
        have = len(p.people.get(role, []))
        if have < least:
            yield say(f"{article(name)} needs at least {least} {role}, it has {have}")
    duration = plan.scenario.duration(session)
    if rule.min_duration is not None and duration < rule.min_duration:
        yield say(f"{article(name)} lasts at least {rule.min_duration} min, this one {duration}")
    if rule.max_duration is not None and duration > rule.max_duration:
        yield say(f"{article(name)} lasts at most {rule.max_duration} min, this one {duration}")
    if session.format not in rule.formats:
        yield say(f"{article(name)} cannot be run {session.format} (allowed: "
                  f"{', '.join(rule.formats)})")
    if rule.followed_by and not _has_follower(plan, p, rule.followed_by):
        yield say(f"{article(name)} must be followed by {article(rule.followed_by)} session "
                  "that lists it in after:, and none does")


def _has_follower(plan: Plan, p: Placed, follower_instrument: str) -> bool:
    names = {p.id, p.session.series} - {None}
    return any(s.instrument == follower_instrument and names & set(s.after)
               for s in plan.scenario.sessions)
