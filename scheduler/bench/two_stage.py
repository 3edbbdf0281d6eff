"""The two-stage baseline for people chosen from pools (#12): times first, then people.

The rule, as an organiser (or a pipeline of two tools) would do it:

1. **Times and rooms.** Every needed role is filled with a placeholder person who has no
   constraints and an organisation of their own (so the timetable ignores *who*; links
   between sessions' people are dropped too), and the scenario is solved for half of the
   time limit. Then people are chosen greedily for the fixed times
   (:func:`scheduler.solver.greedy.people.choose_people`: qualified, available, free, within
   their load limits, least loaded first). A session the greedy cannot staff keeps its time,
   short of people (counted in ``left_short``); stage 2 must staff it or fail.
2. **People by matching.** With every placed session frozen at its stage-1 day, time and
   room (``SolveOptions(earlier=..., frozen_until=<after the last day>)``), CP-SAT re-chooses
   all pooled people for the other half of the limit, starting from the greedy's choice: a
   min-cost assignment with the times fixed, under every rule (no overlap, availability,
   load limits, qualification) and the full objective.

Why CP-SAT and not ``scipy.optimize.linear_sum_assignment``: with the times fixed, choosing
people is not a bipartite matching. A person may take several sessions that do not overlap,
a need may be for three (a jury), and load limits and changeovers couple a person's
sessions; the Hungarian method solves one-to-one matchings only. CP-SAT (OR-Tools, already
the solver of the project, maintained by Google) solves the exact problem with the same
model, so the comparison measures only the decomposition, not a different rulebook.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import yaml

from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.scenario.pools import needs
from scheduler.schedule import Schedule
from scheduler.solver import SolveOptions, solve
from scheduler.solver.greedy.people import choose_people

PLACEHOLDER = "tbd-"
"""Id prefix of the stage-1 placeholder people."""


@dataclass
class TwoStage:
    """What the baseline produced, stage by stage."""

    schedule: Schedule | None
    status: str
    stage1_seconds: float = 0.0
    stage2_seconds: float = 0.0
    left_short: int = 0
    """Sessions the greedy could not staff at their stage-1 times."""
    notes: list[str] = field(default_factory=list)


def without_people(text: str, scenario: Scenario) -> str:
    """The scenario text with every needed role filled by a placeholder person."""
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    by_id = {s.id: s for s in scenario.sessions if s.occurrence in (None, 1)}
    extra: list[dict[str, str]] = []
    for entry in data.get("sessions", []):
        # Who runs what is stage 2's question: links between sessions' people too.
        entry.pop("same-people-as", None)
        session = by_id.get(entry["id"]) or by_id.get(f"{entry['id']}#1")
        if session is None:
            continue
        wanted = needs(scenario, session)
        if not wanted:
            continue
        people = entry.setdefault("people", {})
        for role, count in wanted.items():
            for _ in range(count):
                pid = f"{PLACEHOLDER}{len(extra) + 1:05d}"
                # An organisation of its own, so that a jury of placeholders still comes
                # from enough organisations (jury-min-organisations) and none enters.
                extra.append({"id": pid, "name": f"To be chosen {len(extra) + 1}",
                              "organisation": f"To be chosen {len(extra) + 1}"})
                people.setdefault(role, []).append(pid)
        entry["needs"] = {}
    data["people"] = list(data.get("people") or []) + extra
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False))


def strip_placeholders(schedule: Schedule) -> Schedule:
    """The stage-1 schedule without its placeholder people."""
    out = []
    for item in schedule.sessions:
        people = {role: [p for p in ids if not p.startswith(PLACEHOLDER)]
                  for role, ids in item.people.items()}
        out.append(item.model_copy(update={"people": {r: ids for r, ids in people.items()
                                                      if ids}}))
    return schedule.model_copy(update={"sessions": out})


def two_stage(text: str, scenario: Scenario, time_limit: float, *, seed: int = 0,
              workers: int = 2, deterministic: bool = False) -> TwoStage:
    """Run both stages, each with half of ``time_limit``."""
    half = time_limit / 2
    began = time.perf_counter()
    timetable = parse_scenario(without_people(text, scenario), "stage-1")
    first = solve(timetable, SolveOptions(time_limit=half, seed=seed, workers=workers,
                                          deterministic=deterministic, handle_sigint=False,
                                          diagnose=False))
    stage1 = time.perf_counter() - began
    if first.schedule is None:
        return TwoStage(None, f"stage 1: {first.status}", stage1, notes=list(first.notes))
    stripped = strip_placeholders(first.schedule)
    left = len(stripped.sessions) - len(choose_people(scenario, stripped).sessions)
    staffed = choose_people(scenario, stripped, leave_short_out=False)
    last = scenario.days[-1]
    until = scenario.datetime_at(last, 24 * 60 - 1)
    second = solve(scenario, SolveOptions(time_limit=half, seed=seed, workers=workers,
                                          deterministic=deterministic, handle_sigint=False,
                                          diagnose=False, earlier=staffed,
                                          frozen_until=until))
    stage2 = time.perf_counter() - began - stage1
    return TwoStage(second.schedule, str(second.status), stage1, stage2, left,
                    notes=list(first.notes) + list(second.notes))
