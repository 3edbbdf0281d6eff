"""Tracks of the planted sessions: no two sessions of one track overlap in the plan.

The rule: per day, in order of start, a regular session takes its room's home track
(room index modulo the number of tracks) when that track is free at its start, otherwise
a random free track, otherwise none. Exclusive items, study tours and series get no track.
"""

from __future__ import annotations

from scheduler.generate.state import Build


def assign_tracks(b: Build) -> None:
    """Interval colouring per day: a session takes its room's home track when free."""
    if not b.p.tracks:
        return
    tracks = [f"t{k:02d}" for k in range(b.p.tracks)]
    room_index = {r.id: i for i, r in enumerate(b.rooms)}
    for day in range(b.p.days):
        free_at = dict.fromkeys(tracks, 0)
        todays = sorted((s for s in b.plan if s.day == day and not s.exclusive
                         and s.instrument != "study-tour"), key=lambda s: (s.start, s.id))
        for item in todays:
            # The fallback draw happens for every session (it is an argument), which keeps
            # the random stream, and so every generated file, as it always was.
            home = tracks[room_index.get(item.room or "", b.rng.randrange(len(tracks)))
                          % len(tracks)]
            if item.series:
                continue
            if free_at[home] <= item.start:
                choice: str | None = home
            else:
                free = [t for t in tracks if free_at[t] <= item.start]
                choice = b.rng.choice(free) if free else None
            if choice is not None:
                item.track = choice
                free_at[choice] = item.end
