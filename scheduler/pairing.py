"""Does a schedule belong to a scenario? Publishing a mismatched pair must never happen quietly.

Exporters and the Zoom sync read a scenario and a schedule given as two separate files.
Given the wrong pair (another event's schedule, or a scenario that gained sessions after
it was solved) they would publish calendars, pages or meetings that silently miss
sessions or name sessions that do not exist. :func:`ensure_pair` refuses such a pair
before anything is written, and warns when the scenario file was merely edited since the
schedule was solved (its fingerprint differs, the sessions still match).
"""

from __future__ import annotations

from pathlib import Path

from scheduler.errors import UsageError
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, event_label
from scheduler.yamlsafe import sha256_of

SHOWN = 5
"""Most session ids named in one message."""


def _some(ids: list[str]) -> str:
    shown = ", ".join(repr(i) for i in ids[:SHOWN])
    return shown + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def pair_problems(scenario: Scenario, schedule: Schedule) -> list[str]:
    """Why ``schedule`` cannot be published as the timetable of ``scenario`` (empty: it can).

    The rule: the schedule names the scenario's event, places or drops only sessions of the
    scenario (and talk sessions of its talk-slots and rooms), and accounts for every session
    and every talk of the scenario. (A schedule without a
    timetable is refused by each exporter in its own words.)
    """
    if schedule.identity != scenario.event.identity:
        return [f"the schedule is of the event {event_label(schedule.event, schedule.event_id)}"
                f", the scenario is {event_label(scenario.event.name, scenario.event.id)}"]
    known = {s.id for s in scenario.sessions}
    # Talk sessions (``talks:``): ``<talk-slot>.<room>`` of the scenario's talk-slots.
    talk_sessions = {f"{slot.id}.{room.id}" for slot in scenario.talk_slots
                     for room in scenario.rooms} if scenario.talks else set()
    listed = [s.id for s in schedule.sessions
              if not (s.instrument == "talk-session" and s.id in talk_sessions)]
    listed += list(schedule.dropped)
    problems = talk_problems(scenario, schedule)
    unknown = [sid for sid in listed if sid not in known]
    if unknown:
        problems.append(f"the schedule lists sessions the scenario does not have: {_some(unknown)}")
    missing = sorted(known - set(listed))
    if missing:
        problems.append(f"sessions of the scenario are not in the schedule: {_some(missing)}")
    held = {talk.id for s in schedule.sessions for talk in s.talks}
    talks_missing = [t.id for t in scenario.talks if t.id not in held]
    if talks_missing:
        problems.append(f"talks of the scenario are not in the schedule: {_some(talks_missing)}")
    return problems


def renamed_fix(published: str) -> str:
    """The way out for an event renamed after publishing (``published``: its identity then)."""
    return (f"keep the new name and add id: {published!r} under event: (the event's id, else "
            "its name, is the identity of every published calendar UID, frab guid, CalDAV "
            "entry and Zoom meeting; with the id they stay and only titles change), or solve "
            "anew, knowing that subscribers then get new events and Zoom meetings are made "
            "again (docs/scenario-format.md, 'Renaming an event')")


def talk_problems(scenario: Scenario, schedule: Schedule) -> list[str]:
    """Talk sessions hold only the scenario's talks (a talk session off the scenario's
    talk-slots and rooms is an unknown session, above)."""
    talks = {talk.id for talk in scenario.talks}
    strangers = [talk.id for placed in schedule.sessions if placed.instrument == "talk-session"
                 for talk in placed.talks if talk.id not in talks]
    if strangers:
        return [f"the schedule places talks the scenario does not have: {_some(strangers)}"]
    return []


def ensure_pair(scenario: Scenario, schedule: Schedule, scenario_path: Path | str,
                schedule_path: Path | str) -> list[str]:
    """Raise a UsageError when the pair does not match; return warnings when it only drifted.

    A warning (not an error) when the scenario file's sha256 differs from the one the
    schedule records: the file was edited after solving (a title, a comment) but still has
    the same sessions.
    """
    if not schedule.status.has_schedule:
        return []
    problems = pair_problems(scenario, schedule)
    if problems and schedule.identity != scenario.event.identity and not pair_problems(
            scenario, schedule.model_copy(update={"event": scenario.event.name,
                                                  "event_id": scenario.event.id})):
        raise UsageError(
            f"{schedule_path} is not a timetable of {scenario_path}: " + problems[0]
            + "; the sessions match, so the event was renamed?\n    fix: "
            + renamed_fix(schedule.identity)
        )
    if problems:
        raise UsageError(
            f"{schedule_path} is not a timetable of {scenario_path}: " + "; ".join(problems)
            + "\n    fix: pass the scenario the schedule was solved from, or solve this scenario "
            f"into a new file: confsched solve {scenario_path} -o NEW-SCHEDULE.yaml"
        )
    stated = schedule.scenario_sha256
    actual = sha256_of(scenario_path)
    if stated and actual and stated != actual:
        return [f"warning: {scenario_path} changed after {schedule_path} was solved (its "
                "sha256 differs); the sessions still match, so the export goes on with the "
                "scenario's current titles and texts; run `confsched check` if times, rooms "
                "or people changed"]
    return []
