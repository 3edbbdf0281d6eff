"""The CalendarWriter (one VEVENT serialised once for all the calendars that hold it)
writes the bytes build_calendar did, and the ical export writes each calendar from an
index of its entries: the same calendars as scanning every entry for each."""

from __future__ import annotations

import datetime as dt

from confsched_ical.export import calendars

from scheduler.exporting import ExportContext
from scheduler.links import MeetingLink
from scheduler.publishing.calendar import CalendarWriter, build_calendar
from scheduler.publishing.entries import all_entries, attendance, cancelled_entry, talk_entries
from scheduler.publishing.sequence import Published

STAMP = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)


def test_the_writer_writes_build_calendars_bytes(forum: ExportContext) -> None:
    """Every calendar of the forum export (Cyrillic, people, participants, online links),
    an empty one, and one with a cancelled entry, each with entries the writer has cached."""
    context = forum
    entries = all_entries(context) + talk_entries(context)
    sequences = {e.uid: i % 3 for i, e in enumerate(entries)}
    writer = CalendarWriter(context, STAMP)
    planned = calendars(context)
    assert len(planned) > 5 and any(rel.startswith("participants/") for rel, _, _ in planned)
    gone = cancelled_entry(context, "gone-uid", Published(
        key="gone", kind="session", title="Снятая сессия", sequence=4,
        fingerprint=f"{context.scenario.days[0].isoformat()}|600|660|"))
    sequences[gone.uid] = 4
    cases = [*planned, ("empty.ics", "Пусто", []), ("gone.ics", "С отменой", [gone, *entries])]
    for _, name, chosen in cases * 2:  # the second round is served from the cache
        assert writer.to_ical(name, chosen, sequences) == \
            build_calendar(context, name, chosen, sequences, STAMP).to_ical(), name


def test_a_link_and_a_second_sequence_are_not_taken_from_the_cache(
        forum: ExportContext) -> None:
    entry = next(e for e in all_entries(forum) if e.kind == "session")
    linked = type(entry)(**{**vars(entry), "link": MeetingLink(url="https://example.org/j/1")})
    writer = CalendarWriter(forum, STAMP)
    for chosen, sequence in (([entry], 0), ([entry], 1), ([linked], 1)):
        sequences = {entry.uid: sequence}
        assert writer.to_ical("x", chosen, sequences) == \
            build_calendar(forum, "x", chosen, sequences, STAMP).to_ical()


def test_calendars_hold_what_a_scan_of_every_entry_gives(forum: ExportContext) -> None:
    """The index gives each person, room, track and participant exactly the entries (and
    in the order) the old scan of every entry per calendar gave."""
    context = forum
    scenario = context.scenario
    entries = all_entries(context)
    sessions = [e for e in entries if e.kind == "session"]
    talks = talk_entries(context)
    attended = attendance(context, entries)
    expected: dict[str, list[str]] = {}
    for person in scenario.people:
        expected[f"people/{person.id}"] = [e.uid for e in [*sessions, *talks]
                                           if person.id in e.people]
    for room in scenario.rooms:
        expected[f"rooms/{room.id}"] = [e.uid for e in sessions if e.room_id == room.id]
    for track in scenario.tracks:
        expected[f"tracks/{track.id}"] = [e.uid for e in sessions if e.track_id == track.id]
    for registration in scenario.participants.registrations:
        expected[f"participants/{registration.id}"] = [
            e.uid for e in sessions if e.key in attended[registration.id]]
    names: dict[str, str] = {}
    planned = {rel: [e.uid for e in chosen] for rel, _, chosen in calendars(context, None, names)}
    got = {item: planned[rel] for item, rel in names.items()}
    assert got == {item: uids for item, uids in expected.items() if uids}
    assert any(key.startswith("participants/") for key in got)
