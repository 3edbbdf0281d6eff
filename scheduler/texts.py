"""Text comes from the scenario: what a schedule file says about titles is never published.

The rule: a schedule file carries *placement* (ids, day, start, end, room, track, format,
people, participants). The titles it also carries are a copy made when it was solved, kept
so that people (and ``confsched diff``) can read the file; every exporter and ``zoom sync``
shows the scenario's current text instead. So fixing a typo in a session's title in the
scenario and exporting again with the published schedule shows the new title everywhere.

:func:`with_scenario_texts` returns a copy of a schedule whose session and break titles are
the scenario's; :class:`scheduler.exporting.ExportContext` applies it to every schedule it
is given, and ``zoom sync`` to the schedule it syncs. An id the scenario does not know keeps
the schedule's text (such a pair is refused by :mod:`scheduler.pairing` before anything is
published).
"""

from __future__ import annotations

from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, ScheduledBreak, ScheduledSession


def break_title(scenario: Scenario, scheduled_id: str) -> str | None:
    """The scenario's title of a placed break ``<break id>@<day>`` (its id when untitled).

    ``None`` when the scenario has no break of that id.
    """
    base = scheduled_id.rpartition("@")[0] or scheduled_id
    titles = {b.id: b.title or b.id for b in scenario.breaks.placed}
    titles.update({b.id: b.title or b.id for b in scenario.breaks.fixed})
    return titles.get(base)


def session_title(scenario: Scenario, session_id: str) -> str | None:
    """The scenario's title of a session (a meeting of a series included), or ``None``."""
    try:
        return scenario.session(session_id).title
    except KeyError:
        return None


def with_scenario_texts(scenario: Scenario, schedule: Schedule) -> Schedule:
    """A copy of ``schedule`` whose session and break titles are the scenario's."""
    sessions: list[ScheduledSession] = []
    talk_titles = {talk.id: talk.title for talk in scenario.talks}
    for placed in schedule.sessions:
        if placed.talks:
            placed = placed.model_copy(update={"talks": [
                talk.model_copy(update={"title": talk_titles.get(talk.id, talk.title)})
                for talk in placed.talks]})
        title = session_title(scenario, placed.id)
        sessions.append(placed if title is None or title == placed.title
                        else placed.model_copy(update={"title": title}))
    breaks: list[ScheduledBreak] = []
    for brk in schedule.breaks:
        title = break_title(scenario, brk.id)
        breaks.append(brk if title is None or title == brk.title
                      else brk.model_copy(update={"title": title}))
    return schedule.model_copy(update={"sessions": sessions, "breaks": breaks})
