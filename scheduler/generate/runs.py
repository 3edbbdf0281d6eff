"""Workshops that run several times (``runs:``, #12), for ``--choices``.

The rule: only with ``choices`` above 0 (so other generated files stay as they were), on
events of two days or more, one workshop per 100 sessions (1 to 10) is planted as two or
three runs of one series: the same facilitator (people.py keeps a series' people), a run
a day (packing.py), the shortest workshop length (series are never shortened to fit).
Registrations then rank it first among their choices (registrations.py).
"""

from __future__ import annotations

from scheduler.generate.mixes import DURATIONS, SESSION_DURATION
from scheduler.generate.state import Build, Planned


def plant_runs(b: Build, taken: int) -> list[Planned]:
    """With ``choices`` (#12): workshops that run two or three times (``runs:``), planted as
    the runs of one series (same people, a run a day), one per 100 sessions (1 to 10). Nothing is
    drawn without choices, so other generated files stay as they were."""
    if not b.p.choices or b.p.days < 2 or b.p.simple:
        return []
    out: list[Planned] = []
    for _ in range(min(10, max(1, b.p.sessions // 100))):
        if b.budget() - taken - len(out) < b.p.days + 5:
            break
        base = b.new_id("runs")
        # The shortest workshop (or the shape's one length): series are never shortened
        # to fit the room-time (packing.fit_load).
        duration = SESSION_DURATION.get(b.p.shape, min(DURATIONS["workshop"]))
        fmt = b.rng.choice(("in-person", "hybrid"))
        for k in range(min(b.p.days, b.rng.randint(2, 3))):
            out.append(Planned(f"{base}.{k + 1}", "workshop", duration, format=fmt,
                               series=base, extra={"runs": True}))
    return out
