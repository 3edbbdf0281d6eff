"""The rules of docs/rules.md in plain words, for diagnoses."""

from __future__ import annotations

from scheduler.scenario.model import Scenario

RULE_WORDS = {
    "placement": "every session is placed exactly once",
    "day-frame": "a session lies inside the daily frame (and on its listed days)",
    "time-grid": "a session starts on the time grid",
    "duration": "a session lasts its duration",
    "earliest-latest": "a session runs between its earliest and latest times",
    "pinned": "a pinned session keeps its pinned day, start and room",
    "room-required": "an in-person or hybrid session gets a room",
    "room-allowed": "a session uses only its listed rooms",
    "room-capacity": "the room seats every expected participant",
    "room-tags": "the room carries the tags the session needs",
    "room-availability": "a room is used only inside its available windows",
    "room-overlap": "a room holds one session at a time",
    "person-overlap": "a person is in one session at a time (with the changeover gap)",
    "person-availability": "a person takes part only inside their available windows",
    "person-daily-limit": "a person is in at most their daily number of sessions",
    "person-load": "a person keeps max-sessions, max-hours-per-day and max-hours",
    "assigned-qualified": "a person chosen for a role has it in roles:, speaks the session's "
                          "language and carries one of its topics",
    "needs-met": "a session gets the number of people it needs: from those qualified "
                 "(role, language, topic, candidates) and free then",
    "same-people": "linked sessions (same-people-as:, a series keeping its coordinator) "
                   "have the same people in the role",
    "organisations": "a jury (or a twinning meeting's people) comes from enough "
                     "organisations",
    "group-choices": "a registration is given only its choices, one run of each, at most "
                     "take: of them",
    "group-size": "a session holds its participants and the registrations given it within "
                  "the instrument's maximum and the room's seats",
    "group-overlap": "what a registration is given does not overlap its other sessions",
    "breaks": "nothing that observes breaks runs during a break, and each break is placed "
              "in its window",
    "max-block": "no stretch between pauses is longer than breaks.max-block",
    "exclusive": "nothing else runs during an exclusive session (opening, plenary, meal)",
    "licences": "no more online/hybrid sessions run at once than there are licences",
    "parallel-limit": "no more sessions run at once than event.max-parallel",
    "track-overlap": "sessions of one track do not overlap",
    "after": "a session starts after the sessions in its after: list end",
    "same-day": "a session is on the same day as those in its same-day-as: list",
    "not-parallel": "a session does not overlap those in its not-parallel-with: list",
    "series": "the meetings of a series are on different days, held in order (meeting 1 first)",
    "talk-placement": "every talk is in exactly one talk session of its own track",
    "talk-whole": "a talk takes its consecutive talk slots in one talk session, never split",
    "talk-pinned": "a pinned talk keeps its talk-slot (and room)",
    "talk-availability": "presenters and chairs take part only inside their available windows",
    "talk-hybrid": "an online or hybrid talk gets a hybrid room, within the licences",
    "talk-overlap": "a room holds one talk session at a time, none during a break",
}


def subject_words(scenario: Scenario, subject: str) -> str:
    """``session x`` -> ``session 'x' (Title)``; people and rooms by their names."""
    kind, _, ident = subject.partition(" ")
    try:
        if kind == "session":
            return f"session {ident!r} ({scenario.session(ident).title})"
        if kind == "person":
            return f"{scenario.person(ident).label}"
        if kind == "room":
            return f"room {scenario.room(ident).label}"
        if kind == "track":
            return f"track {scenario.track(ident).label}"
    except KeyError:
        pass
    if kind == "event":
        return "the whole event"
    return subject


def group_words(scenario: Scenario, rule: str, subject: str) -> str:
    """One rule group as a line: the rule's name, whom it concerns, what it says."""
    if rule == "needs-met" and subject.startswith("session "):
        from scheduler.diagnose.shortage import needs_words

        return (f"{rule} ({subject_words(scenario, subject)}): "
                f"{needs_words(scenario, subject.partition(' ')[2])}")
    if rule in ("organisations", "same-people") and subject.startswith("session "):
        from scheduler.diagnose.shortage import link_words, organisation_words

        words = organisation_words if rule == "organisations" else link_words
        return (f"{rule} ({subject_words(scenario, subject)}): "
                f"{words(scenario, subject.partition(' ')[2])}")
    return f"{rule} ({subject_words(scenario, subject)}): {RULE_WORDS.get(rule, rule)}"
