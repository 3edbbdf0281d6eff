"""Symmetry breaking between the runs of one session (``runs: N``).

The runs ``id.1`` .. ``id.N`` of a session are copies: same instrument, length, people,
needs and rules, and registrations choose "any run". When nothing else tells two runs
apart, swapping them (with the registrations given to them) gives a schedule that is just
as valid and costs exactly the same, and the search proves the same bound once per
permutation.

The rule, in plain words: of a group of interchangeable runs, run k is placed whenever run
k+1 is, and starts no later than run k+1 (the start counts the day, so the order is by day,
then time). Every schedule can be relabelled to satisfy it (sort the runs by day and start,
unplaced ones last), so no objective value is lost.

Runs are interchangeable only when their sessions are equal apart from ``id`` and ``run``
(so no pin, window or room list sets one apart), their model facts are equal, and their id
appears nowhere else in the scenario (no registration names ``ws.2`` under ``sessions:``,
no other session's ``after:`` lists it, ...). Not used for a re-solve against an earlier
schedule (the changes term names runs), with extra terms from plugins (they may name a
run), in elastic or relaxed models.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ortools.sat.python import cp_model

from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver.variables import Variables


def count_strings(value: Any, out: Counter[str]) -> None:
    """Count every string inside a dumped model."""
    if isinstance(value, str):
        out[value] += 1
    elif isinstance(value, dict):
        for key, item in value.items():
            count_strings(key, out)
            count_strings(item, out)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            count_strings(item, out)


def interchangeable_runs(scenario: Scenario, variables: Variables) -> list[list[str]]:
    """Groups (of two or more, in run order) of runs nothing in the model tells apart."""
    if variables.guards.relaxed:
        return []
    series: dict[str, list[str]] = defaultdict(list)
    sessions = {s.id: s for s in scenario.sessions}
    for session in scenario.sessions:
        if session.run is not None and session.series is not None:
            series[session.series].append(session.id)
    if not series:
        return []
    mentions: Counter[str] = Counter()
    count_strings(scenario.model_dump(mode="json"), mentions)
    groups = []
    for ids in series.values():
        ids = [sid for sid in ids if sid in variables.sessions]
        if len(ids) < 2 or any(mentions[sid] != 1 for sid in ids):
            continue  # a run named elsewhere (only its own id may mention it)
        shapes = {_shape(sessions[sid].model_dump(mode="json")) for sid in ids}
        svs = [variables.sessions[sid] for sid in ids]
        facts = {repr((sv.placed is None, sorted(sv.room_lits), sorted(sv.track_lits),
                       str(sv.facts.domain), sorted(sv.facts.durations.items())))
                 for sv in svs}
        if len(shapes) == 1 and len(facts) == 1:
            groups.append(sorted(ids, key=lambda sid: sessions[sid].run or 0))
    return groups


def _shape(dumped: dict[str, Any]) -> str:
    """A session without what tells runs apart by name only."""
    return repr(sorted((k, repr(v)) for k, v in dumped.items() if k not in ("id", "run")))


def break_run_symmetry(model: cp_model.CpModel, scenario: Scenario,
                       variables: Variables) -> list[list[str]]:
    """Add the ordering constraints; returns the groups it ordered."""
    groups = interchangeable_runs(scenario, variables)
    for ids in groups:
        for a_id, b_id in zip(ids, ids[1:], strict=False):
            a, b = variables.sessions[a_id], variables.sessions[b_id]
            if a.placed is not None and b.placed is not None:
                model.add_implication(b.placed, a.placed)
            model.add(a.start <= b.start).only_enforce_if(b.when_placed)
    return groups


def canonical_runs(groups: list[list[str]], schedule: Schedule,
                   days: dict[Any, int]) -> Schedule:
    """Relabel a schedule's runs (with their registrations) so that it satisfies the
    ordering: by day and start, unplaced runs last."""
    if not groups:
        return schedule
    placed = schedule.by_id()
    rename: dict[str, str] = {}
    for ids in groups:
        order = sorted(ids, key=lambda sid: (
            (0, days.get(placed[sid].day, 0), placed[sid].start) if sid in placed
            else (1, 0, 0)))
        rename.update(zip(order, ids, strict=True))
    sessions = [item.model_copy(update={"id": rename.get(item.id, item.id)})
                for item in schedule.sessions]
    dropped = [rename.get(sid, sid) for sid in schedule.dropped]
    return schedule.model_copy(update={"sessions": sessions, "dropped": dropped})
