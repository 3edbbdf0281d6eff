"""Hard rules about event-wide breaks and the longest stretch of work between pauses."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from scheduler.checker.plan import Plan, break_id, overlaps, span
from scheduler.checker.report import Violation

Found = Iterator[Violation]


def breaks(plan: Plan) -> Found:
    """Each placed break occurs once a day on its days, on the grid, in its window, for its
    duration; fixed breaks stay where they are; no session that observes breaks overlaps a
    break of its day."""
    yield from _placed_breaks_as_defined(plan)
    yield from _listed_breaks_known(plan)
    for brk in plan.breaks:
        for p in plan.on_day(brk.day):  # (a session of another day never overlaps it)
            if p.observes_breaks and overlaps(p, brk):
                yield Violation("breaks", f"{p.label} runs into the break {brk.label} on "
                                f"{brk.day}", sessions=(p.id,), day=brk.day)


def _placed_breaks_as_defined(plan: Plan) -> Found:
    grid = plan.scenario.event.granularity
    listed = [b for b in plan.breaks if not b.fixed]
    for defined in plan.scenario.breaks.placed:
        name = defined.title or defined.id
        for day in defined.days or plan.scenario.days:
            found = [b for b in listed if b.id == defined.id and b.day == day]
            if len(found) != 1:
                yield Violation("breaks", f"the break '{name}' is listed {len(found)} times on "
                                f"{day}; it must occur exactly once", day=day)
                continue
            brk = found[0]
            low, high = defined.window
            if brk.start % grid:
                yield Violation("breaks", f"the break {brk.label} on {day} does not start on "
                                f"the {grid}-minute grid", day=day)
            if brk.start < low or brk.end > high:
                yield Violation("breaks", f"the break {brk.label} on {day} is outside its "
                                f"window {span(low, high)}", day=day)
            if brk.end - brk.start != defined.duration:
                yield Violation("breaks", f"the break {brk.label} on {day} lasts "
                                f"{brk.end - brk.start} min instead of {defined.duration}",
                                day=day)
        if defined.days:
            for brk in listed:
                if brk.id == defined.id and brk.day not in defined.days:
                    yield Violation("breaks", f"the break {brk.label} is on {brk.day}, not one "
                                    "of its days", day=brk.day)


def _listed_breaks_known(plan: Plan) -> Found:
    placed = {b.id for b in plan.scenario.breaks.placed}
    fixed = {(b.id, b.day): b for b in plan.breaks if b.fixed}
    fixed_ids = {b.id for b in plan.scenario.breaks.fixed}
    counts = Counter((break_id(item.id), item.day) for item in plan.schedule.breaks)
    for item in plan.schedule.breaks:
        key = (break_id(item.id), item.day)
        if key[0] in placed:
            continue
        if key[0] not in fixed_ids:
            yield Violation("breaks", f"the schedule lists a break {item.id!r}, which is not a "
                            "break of the scenario", day=item.day)
        elif key not in fixed:
            yield Violation("breaks", f"the fixed break {key[0]!r} is listed on {item.day}, "
                            "which is not one of its days", day=item.day)
        elif (item.start, item.end) != (fixed[key].start, fixed[key].end):
            yield Violation("breaks", f"the fixed break {fixed[key].label} is listed at "
                            f"{span(item.start, item.end)} on {item.day}; fixed breaks are "
                            "where the scenario puts them", day=item.day)
        elif counts[key] > 1:
            counts[key] = 0  # report once
            yield Violation("breaks", f"the fixed break {fixed[key].label} is listed more "
                            f"than once on {item.day}", day=item.day)


def pauses_of_day(plan: Plan, day: dt.date) -> list[tuple[int, int]]:
    """The day's pauses, merged where they overlap or touch, in order: breaks, and
    sessions of pause instruments (meals, registration) with a pinned start."""
    items: list[tuple[int, int]] = [(b.start, b.end) for b in plan.breaks if b.day == day]
    items += [(p.start, p.end) for p in plan.placed
              if p.day == day and p.instrument.pause and p.session.pin is not None
              and p.session.pin.start is not None]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(items):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def max_block(plan: Plan) -> Found:
    """With ``breaks.max-block: N``, no stretch of a day between pauses (or between a pause
    and the frame's edge) is longer than N minutes."""
    limit = plan.scenario.breaks.max_block
    if limit is None:
        return
    for day in plan.scenario.days:
        fs, fe = plan.scenario.frame(day)
        edges = [(fs, fs), *pauses_of_day(plan, day), (fe, fe)]
        for (_, left), (right, _) in zip(edges, edges[1:], strict=False):
            left, right = max(left, fs), min(right, fe)
            if right - left > limit:
                yield Violation("max-block", f"on {day} the stretch {span(left, right)} has no "
                                f"pause for {right - left} min; max-block is {limit} min",
                                day=day)

