"""The hidden planted timetable: which sessions exist and where they sit in the plan.

The rule: fixed items come first (registration and opening at the start of day 1, the
closing at the end of the last day, a keynote per day, an award ceremony after the
competition), exclusive in the main hall; then whole-day study tours off-site; then the
regular sessions, drawn from the shape's mix and packed into room blocks
(:mod:`scheduler.generate.packing`) with a quarter of the room-time left free. Every later
constraint is written so that this plan satisfies it: that is why every generated
scenario is feasible.
"""

from __future__ import annotations

from scheduler.generate.layout import day_layout
from scheduler.generate.mixes import DURATIONS, SESSION_DURATION
from scheduler.generate.packing import fit_load, pack
from scheduler.generate.rooms import has_tours
from scheduler.generate.runs import plant_runs
from scheduler.generate.state import Build, Planned
from scheduler.timeparse import format_clock


def plant_exclusive(b: Build, ident: str, instrument: str, duration: int, day: int, block: int,
                    at_end: bool, pinned: bool) -> Planned:
    """An exclusive item at the start or end of a block, in the main hall."""
    lo, hi = b.open_span(day, block)
    if at_end:
        start, b.open[(day, block)] = hi - duration, (lo, hi - duration)
    else:
        start, b.open[(day, block)] = lo, (lo + duration, hi)
    item = Planned(ident, instrument, duration, day, start, b.rooms[0].id, exclusive=True)
    if pinned:
        item.extra["pin"] = {"day": b.dates[day].isoformat(), "start": format_clock(start),
                             "room": b.rooms[0].id}
    b.plan.append(item)
    return item


def plant_fixed_items(b: Build) -> None:
    """Registration and opening on day 1, closing on the last day, keynotes."""
    last = b.p.days - 1
    if b.p.sessions >= 10 and not b.p.simple:
        reg = plant_exclusive(b, "registration", "registration", b.grid(30), 0, 0, False, True)
        reg.participants = 0
        opening = plant_exclusive(b, "opening", "opening", b.grid(30), 0, 0, False, True)
        opening.format = "hybrid" if b.p.hybrid_share else "in-person"
        plant_exclusive(b, "closing", "closing", b.grid(15), last,
                        len(b.day_blocks[last]) - 1, True, True)
    if b.p.extras and b.p.sessions >= 50:
        for day in range(b.p.days):
            if b.budget() > 0:
                plant_exclusive(b, f"keynote-{day + 1}", "plenary", 45, day, 1, False,
                                b.rng.random() < 0.5)
    if b.p.extras and b.p.sessions >= 15 and b.budget() >= 2:
        day = b.rng.randrange(b.p.days)
        comp = Planned(b.new_id("competition"), "competition",
                       b.rng.choice(DURATIONS["competition"]))
        award = plant_exclusive(b, f"award-{comp.id}", "award-ceremony", 30, day,
                                len(b.day_blocks[day]) - 1, True, False)
        award.extra["after"] = [comp.id]
        comp.deadline = (day, award.start)
        b.competition = comp


def plant_study_tours(b: Build) -> None:
    """Whole-day study tours off-site on about 60% of the days (when the event has tours)."""
    if not has_tours(b.p):
        return
    tour_days = sorted(b.rng.sample(range(b.p.days), max(1, round(b.p.days * 0.6))))
    for day in tour_days:
        if b.budget() <= 0:
            continue
        layout = day_layout(b.p, day)
        tour = Planned(b.new_id("tour"), "study-tour", layout.end - layout.start, day,
                       layout.start, "offsite")
        tour.extra["whole-day"] = True
        b.plan.append(tour)


def plant_regular_sessions(b: Build) -> None:
    """Draw instruments, then pack them into room blocks, longest first."""
    drawn: list[Planned] = [b.competition] if b.competition else []
    if b.p.extras and b.p.days >= 2 and b.budget() >= b.p.days + 5:
        count = min(b.p.days, 3)
        series = b.new_id("cop")
        duration = b.rng.choice(DURATIONS["community-of-practice"])
        fmt = b.rng.choice(("online", "in-person", "hybrid"))
        for k in range(count):
            meeting = Planned(f"{series}#{k + 1}", "community-of-practice", duration,
                              format=fmt, series=series)
            drawn.append(meeting)
    drawn += plant_runs(b, len(drawn))
    mix = {k: v for k, v in b.p.mix.items()
           if k != "knowledge-fair" or any("exhibition" in r.tags for r in b.rooms)}
    names, weights = list(mix), list(mix.values())
    while len(drawn) < b.budget():
        instrument = b.rng.choices(names, weights)[0]
        options = DURATIONS.get(instrument, (60,))
        if b.p.shape in SESSION_DURATION:
            options = (SESSION_DURATION[b.p.shape],)
        duration = b.rng.choice(options) if b.p.shape != "seminar" else options[-1]
        drawn.append(Planned(b.new_id(instrument[:4]), instrument, duration))
    for item in drawn:
        choose_format(b, item)
    fit_load(b, drawn)
    pack(b, drawn)
    b.plan.extend(drawn)


def choose_format(b: Build, item: Planned) -> None:
    """In-person, online or hybrid by the shape's shares, as the instrument allows.

    Hybrid sessions need a hybrid-equipped room, knowledge fairs an exhibition hall; a
    series keeps the format drawn for it."""
    if item.series:
        if item.format == "hybrid":
            item.needs_tag = "hybrid"
        return
    allowed = {"knowledge-fair": ("in-person", "hybrid"), "expert-visit": ("in-person",),
               "competition": ("in-person", "hybrid"),
               "unconference": ("in-person", "hybrid")}.get(
        item.instrument, ("in-person", "online", "hybrid"))
    roll = b.rng.random()
    if roll < b.p.online_share and "online" in allowed:
        item.format = "online"
    elif roll < b.p.online_share + b.p.hybrid_share and "hybrid" in allowed:
        item.format = "hybrid"
        item.needs_tag = "hybrid"
    if item.instrument == "knowledge-fair":
        item.needs_tag = "exhibition"
        item.format = "in-person"
