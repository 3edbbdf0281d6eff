"""Participants' registrations for sessions, with Zipf-like popularity.

The rule: each registered participant picks 2-7 sessions (fewer if there are fewer);
sessions are ranked in a random order and rank r is chosen with weight 1/r, so a few
sessions are very popular and most are not. Exclusive items and the registration desk
cannot be chosen; a series is chosen by its series id. With ``choices`` (#12) each also
ranks that many sessions it would like to be given (:func:`ranked_choices`).
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from typing import Any

from scheduler.generate.state import Build


def registrations(b: Build) -> list[dict[str, Any]]:
    """Participants choosing sessions with Zipf-like popularity (rank r weighs 1/r)."""
    if not b.p.registrations:
        return []
    runs = {s.series for s in b.plan if s.series and s.extra.get("runs")}
    choices = sorted({s.series or s.id for s in b.plan
                      if not s.exclusive and s.instrument not in ("registration",)} - runs)
    b.rng.shuffle(choices)
    cumulative = list(accumulate(1.0 / (rank + 1) for rank in range(len(choices))))
    total = cumulative[-1]
    out = []
    for k in range(b.p.registrations):
        want = min(len(choices), b.rng.randint(2, 7))
        picked: dict[str, None] = {}
        tries = 0
        while len(picked) < want and tries < want * 10:
            tries += 1
            index = bisect_left(cumulative, b.rng.random() * total)
            picked.setdefault(choices[min(index, len(choices) - 1)], None)
        entry: dict[str, Any] = {"id": f"a{k + 1:05d}", "sessions": list(picked)}
        if b.p.choices:
            entry["choices"] = ranked_choices(b, runs, set(picked))
        out.append(entry)
    return out


def ranked_choices(b: Build, runs: set[str], fixed: set[str]) -> list[str]:
    """``choices`` of one registration (#12): ``params.choices`` sessions in rank order,
    a session with runs first when there is one (it is what choices are for), then single
    sessions that are not series, not exclusive and not among its ``sessions``."""
    single = sorted(s.id for s in b.plan if not s.series and not s.exclusive
                    and s.instrument != "registration" and s.id not in fixed)
    options = sorted(runs)
    picked = [b.rng.choice(options)] if options else []
    rest = [sid for sid in [*options, *single] if sid not in picked]
    picked += b.rng.sample(rest, min(len(rest), b.p.choices - len(picked)))
    return picked[:b.p.choices]
