"""Which hard rules does the solver's own model refuse a given schedule under?

The checker judges a schedule from docs/rules.md alone; this asks the CP-SAT model the same
question, so each rule of the model can be tested the way the checker's are: write a
schedule that breaks rule X, and the model must refuse it under the name X, and only X.

How: build the model in *relaxed* mode (every rule group behind a guard literal named after
its rule, as for the infeasibility diagnosis), fix the schedule's decisions (start, room,
track, placed or not, placed breaks) into a copy of it, as the hint completion does, and
solve it once per rule with only that rule's guards on. A rule whose guards alone make the
fixed model infeasible refuses the schedule.

Rules the model holds by the shape of its variables (``solver="structure"`` in
:mod:`scheduler.rules`: ``placement``, ``time-grid``, ``duration``, ``room-required``) refuse
while the schedule is being written into the model: an off-grid start has no value to
take. So does a day outside the session's ``days`` (``day-frame``: the model has no start
on that day), a track outside the session's tracks (``track-overlap``) and a placed
break outside its window (``breaks``: its start variable ranges over the window). Rules that are
copied from the scenario, not decided (``solver="input"``: ``people``, ``instrument``,
``scenario-match``), are the checker's alone and are never reported here.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ortools.sat.python import cp_model

from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver.model import ScheduleModel

Refusals = dict[str, list[str]]
"""Rule name -> why (one line per session, person, room, ... that the rule refuses)."""


def refusals(scenario: Scenario, schedule: Schedule, *, time_limit: float = 10.0) -> Refusals:
    """The hard rules under which the solver's model refuses ``schedule``, with reasons.

    An empty result means the model accepts the schedule: every hard rule it models holds.
    Raises ``TimeoutError`` when CP-SAT cannot decide a rule within ``time_limit`` seconds.
    """
    built = ScheduleModel(scenario, relaxed=True)
    found: Refusals = {}
    fixes = _fixes(built, scenario, schedule, found)
    fixed = built.model.clone()
    for index, value in fixes:
        fixed.add(fixed.get_int_var_from_proto_index(index) == value)
    groups = built.guards.groups
    if _solve(fixed, [lit.Not() for lit in groups.values()], time_limit) == "infeasible":
        # Only an unguarded constraint can refuse with every guard off; the model has none
        # beyond the structure handled above, so this is a bug in the model or here.
        found.setdefault("unguarded", []).append(
            "the model refuses the schedule with every rule switched off")
        return found
    for rule in dict.fromkeys(name for name, _ in groups):
        own = [key for key in groups if key[0] == rule]
        others = [lit.Not() for key, lit in groups.items() if key[0] != rule]
        if _solve(fixed, [*others, *(groups[k] for k in own)], time_limit) != "infeasible":
            continue
        for key in own:  # which subjects: each group alone
            alone = [lit.Not() for k, lit in groups.items() if k != key]
            if _solve(fixed, [*alone, groups[key]], time_limit) == "infeasible":
                found.setdefault(rule, []).append(key[1])
        found.setdefault(rule, [])
        if not found[rule]:
            found[rule].append("several of: " + ", ".join(k[1] for k in own))
    return found


def _solve(model: cp_model.CpModel, assumptions: list[Any], time_limit: float) -> str:
    model.clear_assumptions()
    model.add_assumptions(assumptions)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1
    solver.parameters.catch_sigint_signal = False
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        return "infeasible"
    if status in (cp_model.FEASIBLE, cp_model.OPTIMAL):
        return "feasible"
    raise TimeoutError(f"CP-SAT could not decide within {time_limit:g} s "
                       f"({solver.status_name(status)})")


def _fix(fixes: list[tuple[int, int]], var: Any, value: int) -> None:
    """Record ``var == value`` by proto index (a negated literal fixes its variable)."""
    if isinstance(var, int):
        return
    index = var.index
    if index < 0:
        fixes.append((-index - 1, 1 - value))
    else:
        fixes.append((index, value))


def _fix_people(fixes: list[tuple[int, int]], built: ScheduleModel, sv: Any, item: Any,
                refuse: Any) -> None:
    """People the schedule lists beyond those the scenario names in a role the session
    needs filled (chosen from pools, #12): each must be one of the model's candidates for
    that role, else ``assigned-qualified`` refuses and that role's choice is left free (it
    can only make the rest easier to satisfy); otherwise every candidate's choice is fixed
    to whether the schedule lists them. People in roles without a need are copied from the
    scenario, not decided: the checker's ``people`` rule judges them."""
    named = sv.facts.session.people
    for choice in built.constraints.assignment.choices:
        if choice.session is not sv:
            continue
        listed = [pid for pid in item.people.get(choice.role, [])
                  if pid not in named.get(choice.role, [])]
        strangers = [pid for pid in listed if pid not in choice.lits]
        for pid in strangers:
            refuse("assigned-qualified", f"session {sv.id}: {pid} as {choice.role}")
        if strangers:
            continue
        for pid, lit in choice.lits.items():
            _fix(fixes, lit, int(pid in listed))


def _fix_groups(fixes: list[tuple[int, int]], built: ScheduleModel, sv: Any, item: Any,
                refuse: Any) -> None:
    """The registrations the schedule gives a session (#12): each must have a literal there
    (the session is among its choices), else ``group-choices`` refuses and the session's
    registrations are left free; otherwise each literal is fixed to whether it is listed."""
    members = dict(built.constraints.groups.by_session.get(sv.id, []))
    strangers = [rid for rid in item.registrations if rid not in members]
    for rid in strangers:
        refuse("group-choices", f"session {sv.id}: registration {rid} did not choose it")
    if len(set(item.registrations)) != len(item.registrations):
        refuse("group-choices", f"session {sv.id}: a registration is listed twice")
    if strangers:
        return
    for rid, lit in members.items():
        _fix(fixes, lit, int(rid in item.registrations))


def _fixes(built: ScheduleModel, scenario: Scenario, schedule: Schedule,
           found: Refusals) -> list[tuple[int, int]]:
    """The schedule's decisions as (variable index, value); what cannot be written into
    the model is added to ``found`` under its rule, and that session is left free."""
    def refuse(rule: str, why: str) -> None:
        found.setdefault(rule, []).append(why)

    grid = built.vars.grid
    g, per_day = grid.g, grid.per_day
    days = {day: i for i, day in enumerate(scenario.days)}
    fixes: list[tuple[int, int]] = []
    count = Counter(item.id for item in schedule.sessions)
    known = {s.id for s in scenario.sessions}
    for sid in sorted(set(count) - known):
        refuse("placement", f"session {sid}: not a session of the scenario")
    dropped = set(schedule.dropped)
    placed = {item.id: item for item in schedule.sessions}
    for session in scenario.sessions:
        sid = session.id
        sv = built.vars.sessions.get(sid)
        item = placed.get(sid)
        if count[sid] > 1:
            refuse("placement", f"session {sid}: placed {count[sid]} times")
        if item is None:
            if sid not in dropped or not session.optional:
                refuse("placement", f"session {sid}: " + (
                    "dropped but not optional" if sid in dropped else "missing"))
            elif sv is not None and sv.placed is not None:
                _fix(fixes, sv.placed, 0)
            continue
        if sid in dropped:
            refuse("placement", f"session {sid}: both placed and dropped")
        if sv is None:  # an optional session the model leaves out up front
            refuse("day-frame", f"session {sid}: has no possible start at all")
            continue
        subject = f"session {sid}"
        d = days.get(item.day)
        ok = True
        if d is None or d not in sv.facts.durations:
            refuse("day-frame", f"{subject}: no start on {item.day}")
            ok = False
        if item.start % g:
            refuse("time-grid", f"{subject}: {item.start} is not on the {g}-minute grid")
            ok = False
        if d is not None and d in sv.facts.durations and \
                item.end - item.start != sv.facts.durations[d]:
            refuse("duration", f"{subject}: lasts {item.end - item.start} min, not "
                               f"{sv.facts.durations[d]}")
            ok = False
        if sv.facts.needs_room != (item.room is not None) or (
                item.room is not None and item.room not in sv.room_lits):
            refuse("room-required", f"{subject}: room {item.room!r} where the model has "
                                    f"{sorted(sv.room_lits) or 'none'}")
            ok = False
        tracks = sv.facts.session.tracks
        if (item.track is None and tracks) or (item.track is not None
                                                and item.track not in tracks):
            refuse("track-overlap", f"{subject}: track {item.track!r}, not one of "
                                    f"{tracks or 'none'}")
            ok = False
        if not ok:
            continue  # left free: it can only make the rest easier to satisfy
        if sv.placed is not None:
            _fix(fixes, sv.placed, 1)
        assert d is not None
        _fix(fixes, sv.start, d * per_day + item.start // g)
        for room, lit in sv.room_lits.items():
            _fix(fixes, lit, int(room == item.room))
        for track, lit in sv.track_lits.items():
            _fix(fixes, lit, int(track == item.track))
        _fix_people(fixes, built, sv, item, refuse)
        _fix_groups(fixes, built, sv, item, refuse)
    listed = {brk.id: brk for brk in schedule.breaks if not brk.fixed}
    for bv in built.vars.breaks:
        key = f"{bv.brk.id}@{scenario.days[bv.day]}"
        brk = listed.pop(key, None)
        if brk is None or brk.day != scenario.days[bv.day]:
            refuse("breaks", f"break {key}: not placed")
        elif brk.start % g or brk.end - brk.start != bv.brk.duration:
            refuse("breaks", f"break {key}: {brk.start}-{brk.end} is off the grid or not "
                             f"{bv.brk.duration} min long")
        elif not bv.brk.window[0] <= brk.start <= bv.brk.window[1] - bv.brk.duration:
            # The break's start variable ranges over its window: the model's shape.
            refuse("breaks", f"break {key}: {brk.start}-{brk.end} is outside its window")
        else:
            _fix(fixes, bv.start, bv.day * per_day + brk.start // g)
    for key in listed:
        refuse("breaks", f"break {key}: not a placed break of the scenario on that day")
    return fixes
