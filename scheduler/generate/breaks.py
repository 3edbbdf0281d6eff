"""Breaks and meeting licences as written in the scenario, both true of the plan.

The rule for breaks: each planted break becomes a window the solver may move it in (30
minutes of slack each side, 60 for lunch), one entry per distinct planted break, with a
``days`` list when it does not happen every day; with extras, ``max-block`` is the
longest working block plus an hour. The rule for licences: the plan's busiest moment of
online and hybrid sessions, plus one.
"""

from __future__ import annotations

from typing import Any

from scheduler.generate.state import Build
from scheduler.timeparse import format_clock, format_duration


def breaks_entry(b: Build) -> dict[str, Any]:
    """Breaks as windows the solver places in, around the planted positions.

    Also records each written break with its planted times in ``b.break_ids`` (for the
    planted schedule)."""
    placed: dict[tuple[str, int, int, int], list[int]] = {}
    for day, breaks in enumerate(b.planted_breaks):
        for index, (kind, start, end) in enumerate(breaks):
            placed.setdefault((kind, index, start, end), []).append(day)
    out = []
    names: dict[str, int] = {}
    for (kind, _index, start, end), days in sorted(placed.items(), key=lambda kv: kv[0][2]):
        names[kind] = names.get(kind, 0) + 1
        slack = 30 if kind != "lunch" else 60
        entry: dict[str, Any] = {
            "id": f"{kind}-{names[kind]}" if kind != "lunch" else "lunch",
            "kind": kind, "duration": format_duration(end - start),
            "window": [format_clock(start - slack), format_clock(end + slack)],
        }
        if names[kind] > 1 and kind == "lunch":
            entry["id"] = f"lunch-{names[kind]}"
        if len(days) != b.p.days:
            entry["days"] = [b.dates[d].isoformat() for d in days]
        out.append(entry)
        b.break_ids.append({"id": entry["id"], "kind": kind, "start": start, "end": end,
                            "days": days})
    longest = max((hi - lo for blocks in b.day_blocks for lo, hi in blocks), default=120)
    result: dict[str, Any] = {"placed": out}
    if b.p.extras:
        result["max-block"] = format_duration(longest + 60)
    return result


def hybrid_entry(b: Build) -> dict[str, Any]:
    """Meeting licences: the plan's busiest moment of online and hybrid sessions, plus one."""
    online = [s for s in b.plan if s.format in ("online", "hybrid")]
    if not online:
        return {}
    peak = 0
    for day in range(b.p.days):
        events = sorted([(s.start, 1) for s in online if s.day == day]
                        + [(s.end, -1) for s in online if s.day == day])
        level = 0
        for _, step in events:
            level += step
            peak = max(peak, level)
    return {"licences": peak + 1, "meetings-per": "session"}
