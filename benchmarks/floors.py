"""``python -m benchmarks.floors``: how low can the objective of a large event go? Lower
bounds for the generated large instances, to judge a target such as "at most half of the
planted timetable's objective" before chasing it.

Every schedule pays each soft term at least that term's own least value, so the sum of
per-term floors is a lower bound on the whole objective. Per term, the best of:

- **cp-sat**: the model (every room a session may use: no cap at scale) with that term
  alone as the objective, solved for a while; CP-SAT's best bound is a floor of the term;
- **room-fit LP** (``room_fit``): a transportation relaxation. Each session goes to one of
  the rooms it fits, and the sessions of a room take at most the room's minutes over the
  whole event (every frame, breaks and availability ignored, which only lets more in). The
  LP's optimum, rounded up, bounds the wasted seats of every schedule;
- **compact-days energy** (``compact_days``): on every day the sessions that need a room
  end by the day's latest end, so the days' (latest end - frame start) times the rooms
  hold every such minute; the least sum of steps that holds them is a floor;
- **compact days with tracks** (``track_bound.compact_days_tracks``, with the track
  relaxation): the same least sum when each track's sessions do not overlap and no more
  sessions that need a room run at once than there are rooms, solved by CP-SAT.

And over the whole objective: **whole model**, CP-SAT's best bound on the full model
(rooms uncapped) after a long run; and the **track relaxation** (``track_bound.py``):
preferences, room fit and track-room stability bounded together, each track's sessions
scheduled on their own (to optimality by CP-SAT) with the rooms' minutes priced, plus the
other terms' own floors. The reported lower bound is the largest of the three.

``--schedule LABEL=DIR`` adds, per instance, the schedule ``DIR/<name>.yaml`` (checked by
the checker) and its gap to each bound, ``(objective - bound) / objective``.

    python -m benchmarks.floors --instance large:21 --instance euro:5 \\
        --term-limit 20 --whole-limit 300 --schedule 300s=/tmp/s300 \\
        -o benchmarks/results/floors
"""

from __future__ import annotations

import math
import shlex
import sys
import time
from pathlib import Path
from typing import Any

import click
from ortools.sat.python import cp_model

from benchmarks.machine import machine, source, versions
from benchmarks.report import write_report
from benchmarks.track_bound import TERMS as TRACK_TERMS
from benchmarks.track_bound import compact_days_tracks, room_fit_transport, track_relaxation
from scheduler.calendar import DAY
from scheduler.checker import check
from scheduler.errors import ConfschedError
from scheduler.facts import FactBuilder, SessionFacts
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import load_schedule
from scheduler.solver.model import ScheduleModel


def room_fit_lp(scenario: Scenario, facts: dict[str, SessionFacts] | None = None,
                room_minutes: float | None = None) -> float:
    """The room-fit floor of the transportation relaxation (see the module docstring):
    least wasted seats in tens when a room only limits the total minutes it holds
    (:func:`benchmarks.track_bound.room_fit_transport`). Sessions whose headcount the
    schedule decides (registrations given to them) add nothing (their waste may be 0).
    ``room_minutes``: what a room holds (default: the minutes of every day's frame)."""
    facts = facts if facts is not None else FactBuilder(scenario).build()
    solved = room_fit_transport(scenario, facts, room_minutes)
    if solved is None:
        return 0.0
    return float(max(0, math.ceil(solved[0] - 1e-6)))


def compact_days_energy(scenario: Scenario, facts: dict[str, SessionFacts] | None = None
                        ) -> float:
    """The compact-days floor of the energy argument (see the module docstring): the least
    sum over days of ``(latest end - frame start) // granularity`` with which the rooms
    can hold every minute of the sessions that need one. Each day that holds ``s`` steps
    of ``R`` rooms holds at most ``R * g * (s + 1)`` minutes (the value counts the steps
    of the latest end rounded down), and no more than its frame; the least total of ``s``
    is ``ceil((minutes - days * R * g) / (R * g))``: every used day holds its first step
for free, and each further step holds the same minutes on any day (frames only cap it,
and a cap ignored lets more in)."""
    facts = facts if facts is not None else FactBuilder(scenario).build()
    g = scenario.event.granularity
    rooms = len(scenario.rooms)
    need = sum(min(f.durations.values()) for f in facts.values()
               if f.needs_room and f.durations and not f.optional)
    if not rooms or not need:
        return 0.0
    days = len(scenario.days)
    per_step = rooms * g  # minutes one more step of every room holds
    # every used day holds its first step for free (value 0); use every day
    left = need - days * per_step
    return float(max(0, math.ceil(left / per_step)))


def preferences_per_session(scenario: Scenario,
                            facts: dict[str, SessionFacts] | None = None) -> float:
    """The preferences floor of each session on its own: the least, over the starts the
    session may take, of its named people's (avoid touched + prefer missed) there, summed
    over sessions (people chosen from a pool add nothing). Rooms and other sessions are
    ignored, which only lets more starts in."""
    facts = facts if facts is not None else FactBuilder(scenario).build()
    g = scenario.event.granularity
    people = {p.id: p for p in scenario.people}
    windows = {}
    for person in scenario.people:
        if person.avoid or person.prefer:
            windows[person.id] = (
                scenario.windows_in_event_time(person.avoid, person.timezone),
                scenario.windows_in_event_time(person.prefer, person.timezone))
    total = 0
    for f in facts.values():
        mine = [(bool(people[pid].avoid), bool(people[pid].prefer), *windows[pid])
                for pid in f.session.person_ids if pid in windows]
        if not mine or f.domain.is_empty() or f.optional:
            continue
        least = len(mine) * 2
        for lo, hi in _ranges(f.domain):
            for step in range(lo, hi + 1):
                start = step * g
                minutes = f.durations.get(start // DAY)
                if minutes is None:
                    continue
                end = start + minutes
                cost = sum((avoids and any(start < we and ws < end for ws, we in avoid))
                           + (prefers and not any(ws <= start and end <= we
                                                  for ws, we in prefer))
                           for avoids, prefers, avoid, prefer in mine)
                least = min(least, cost)
                if least == 0:
                    break
            if least == 0:
                break
        total += least
    return float(total)


def instrument_spread_flow(scenario: Scenario,
                           facts: dict[str, SessionFacts] | None = None) -> float:
    """The instrument-spread floor of the days sessions may take: per instrument with two
    or more sessions, its required sessions go each to a day its facts allow a start on,
    and every session beyond ``ceil(sessions / days)`` on a day costs 1; the least total
    over all such choices (a min-cost flow, exact), summed over instruments. Times,
    rooms and people are ignored, which only lets more choices in; optional sessions are
    left out (a schedule may drop them)."""
    from ortools.graph.python import min_cost_flow

    facts = facts if facts is not None else FactBuilder(scenario).build()
    g = scenario.event.granularity
    per_day = DAY // g
    days = len(scenario.days)
    totals: dict[str, int] = {}
    for session in scenario.sessions:
        totals[session.instrument] = totals.get(session.instrument, 0) + 1
    total = 0
    for name, count in totals.items():
        if count < 2:
            continue
        share = math.ceil(count / days)
        options = []
        for f in facts.values():
            if f.session.instrument != name or f.optional:
                continue
            allowed = {d for lo, hi in _ranges(f.domain)
                       for d in range(lo // per_day, hi // per_day + 1)
                       if d in f.durations and d < days}
            if allowed:
                options.append(sorted(allowed))
        if len(options) <= share:
            continue
        flow = min_cost_flow.SimpleMinCostFlow()
        source, sink = len(options) + days, len(options) + days + 1
        for i, choice in enumerate(options):
            flow.add_arc_with_capacity_and_unit_cost(source, i, 1, 0)
            for d in choice:
                flow.add_arc_with_capacity_and_unit_cost(i, len(options) + d, 1, 0)
        for d in range(days):
            flow.add_arc_with_capacity_and_unit_cost(len(options) + d, sink, share, 0)
            flow.add_arc_with_capacity_and_unit_cost(len(options) + d, sink, len(options), 1)
        flow.set_node_supply(source, len(options))
        flow.set_node_supply(sink, -len(options))
        if flow.solve() == flow.OPTIMAL:
            total += flow.optimal_cost()
    return float(total)


def _ranges(domain: Any) -> list[tuple[int, int]]:
    """The (lo, hi) intervals of a CP-SAT domain."""
    flat = domain.flattened_intervals()
    return [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]


WALL_FACTOR = 60.0
"""A term's CP-SAT floor stops on deterministic units; the wall clock only as a net, at
this many times the limit (at 10 times, under a load of 10 on 2 cores, euro seed 5's
room-fit, compact-days and instrument-spread floors came out 0 instead of 282, 73, 63)."""


def cp_sat_floor(scenario: Scenario, name: str, limit: float,
                 facts: dict[str, SessionFacts]) -> float:
    """CP-SAT's best bound on one term alone (rooms uncapped), after ``limit``
    deterministic units on one worker (the same floor under any load, unless the wall
    clock net of :data:`WALL_FACTOR` times the limit ends it first)."""
    built = ScheduleModel(scenario, facts=facts)
    weight, expression = built.objective.terms[name]
    if isinstance(expression, int):
        return float(weight * expression)
    built.model.minimize(weight * expression)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = limit
    solver.parameters.max_time_in_seconds = WALL_FACTOR * limit
    status = solver.solve(built.model)
    if status == cp_model.OPTIMAL:
        return max(0.0, float(solver.objective_value))
    return max(0.0, float(solver.best_objective_bound))


def whole_bound(scenario: Scenario, limit: float, facts: dict[str, SessionFacts]
                ) -> tuple[float, float | None]:
    """CP-SAT's (bound, objective) on the whole model, rooms uncapped, 2 workers."""
    built = ScheduleModel(scenario, facts=facts)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = limit
    status = solver.solve(built.model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return (max(0.0, float(solver.best_objective_bound)),
            float(solver.objective_value) if found else None)


ANALYTIC = {"room_fit": room_fit_lp, "compact_days": compact_days_energy,
            "preferences": preferences_per_session,
            "instrument_spread": instrument_spread_flow}
"""Term -> a floor computed without CP-SAT."""


def floors(scenario: Scenario, term_limit: float, whole_limit: float,
           planted: dict[str, float] | None = None, echo: Any = None,
           track_limit: float = 0.0, track_rounds: int = 1) -> dict[str, Any]:
    """Per-term floors (each method's), their sum, the whole model's bound, the track
    relaxation's bound (``track_limit`` > 0: deterministic units per track; ``track_rounds``
    rounds of room prices), and the
    lower bound (the largest). ``planted``: a feasible schedule's penalty per term; a
    term it does not pay has floor 0 at once."""
    facts = FactBuilder(scenario).build()
    weights = scenario.weights
    names = list(ScheduleModel(scenario, facts=facts).objective.terms)
    terms: dict[str, dict[str, float]] = {}
    for name in names:
        row: dict[str, float] = {}
        if planted is not None and not planted.get(name):
            # a feasible schedule pays nothing for it: its floor is 0, no need to search
            terms[name] = {"floor": 0.0}
            continue
        if term_limit > 0:
            began = time.perf_counter()
            row["cp-sat"] = cp_sat_floor(scenario, name, term_limit, facts)
            if echo:
                echo(f"  {name}: cp-sat {row['cp-sat']:g} ({time.perf_counter() - began:.0f} s)")
        if name in ANALYTIC:
            row["analytic"] = getattr(weights, name) * ANALYTIC[name](scenario, facts)
            if echo:
                echo(f"  {name}: analytic {row['analytic']:g}")
        if name == "compact_days" and track_limit > 0:
            row["tracks"] = weights.compact_days * compact_days_tracks(
                scenario, facts, limit=2 * track_limit)
            if echo:
                echo(f"  {name}: tracks {row['tracks']:g}")
        row["floor"] = max(row.values(), default=0.0)
        terms[name] = row
    total = sum(r["floor"] for r in terms.values())
    out: dict[str, Any] = {"terms": terms, "sum_of_floors": total}
    if whole_limit > 0:
        bound, objective = whole_bound(scenario, whole_limit, facts)
        out.update(whole_bound=bound, whole_objective=objective)
    if track_limit > 0:
        began = time.process_time()
        relaxed = track_relaxation(scenario, facts, limit=track_limit, rounds=track_rounds,
                                   echo=echo)
        rest = sum(r["floor"] for n, r in terms.items() if n not in TRACK_TERMS)
        out["track_relaxation"] = {
            "bound": float(math.ceil(relaxed.value + rest - 1e-6)),
            "three_terms": relaxed.value, "other_floors": rest, "tracks": relaxed.tracks,
            "proven": relaxed.proven, "alone": relaxed.alone,
            "price_offset": relaxed.price_offset, "deterministic": relaxed.deterministic,
            "rounds": relaxed.rounds, "first_round": relaxed.first,
            "cpu_seconds": time.process_time() - began}
        if echo:
            echo(f"  track relaxation {out['track_relaxation']['bound']:g} (three terms "
                 f"{relaxed.value:.1f}, {relaxed.proven}/{relaxed.tracks} tracks proven, "
                 f"{out['track_relaxation']['cpu_seconds']:.1f} CPU s)")
    out["lower_bound"] = max(total, out.get("whole_bound", 0.0),
                             out.get("track_relaxation", {}).get("bound", 0.0))
    if planted is not None:
        out["planted_terms"] = planted
    return out


def render(data: dict[str, Any]) -> str:
    """The bounds as Markdown: per instance, the planted objective, half of it, the lower
    bound, and per term which floor holds; the track relaxation and the schedules' gaps
    when measured."""
    lines = ["# Lower bounds for large events", "",
             f"Command: `{data['command']}`", "",
             f"Per term: CP-SAT's bound on the term alone after {data['term_limit']:g} "
             "deterministic units (1 worker, rooms uncapped), and the analytic floors "
             f"(room-fit LP, compact-days energy); whole model: CP-SAT's bound after "
             f"{data['whole_limit']:g} s (2 workers, rooms uncapped); track relaxation: "
             f"{data.get('track_limit', 0):g} deterministic units per track (0: not "
             "computed), and then the compact-days floor with tracks (every track's "
             "sessions apart, no more sessions needing a room at once than rooms; twice "
             f"the units). Source: {data['source'].get('commit')}.", "",
             "| instance | planted | half of planted | sum of term floors | whole-model bound "
             "| track relaxation | lower bound | lower bound / planted | half reachable? |",
             "|---|---|---|---|---|---|---|---|---|"]
    for inst in data["instances"]:
        b = inst["bounds"]
        planted = inst["planted_objective"]
        whole = "-" if b.get("whole_bound") is None else f"{b['whole_bound']:g}"
        track = b.get("track_relaxation")
        relaxed = "-" if track is None else f"{track['bound']:g}"
        verdict = "no (bound above half)" if b["lower_bound"] > planted / 2 else "not excluded"
        lines.append(f"| {inst['name']} | {planted} | {planted / 2:g} | {b['sum_of_floors']:g} "
                     f"| {whole} | {relaxed} | {b['lower_bound']:g} "
                     f"| {b['lower_bound'] / planted:.3f} | {verdict} |")
    tracked = [i for i in data["instances"] if i["bounds"].get("track_relaxation")]
    if tracked:
        lines += ["", "Track relaxation: preferences + room fit + track-room stability "
                  "bounded together (tracks solved alone, rooms' minutes priced), plus the "
                  "other terms' floors.", "",
                  "| instance | three terms | other terms' floors | tracks proven | sessions "
                  "alone | price offset | CPU s |", "|---|---|---|---|---|---|---|"]
        for inst in tracked:
            t = inst["bounds"]["track_relaxation"]
            lines.append(f"| {inst['name']} | {t['three_terms']:.1f} | {t['other_floors']:g} "
                         f"| {t['proven']} / {t['tracks']} | {t['alone']} "
                         f"| {t['price_offset']:.1f} | {t['cpu_seconds']:.1f} |")
    scheduled = [(i, s) for i in data["instances"] for s in i.get("schedules", [])]
    if scheduled:
        lines += ["", "Schedules (checked by the checker): gap = (objective - bound) / "
                  "objective, to the sum of term floors and to the lower bound.", "",
                  "| instance | schedule | checked | objective | sum of term floors | gap "
                  "| lower bound | gap |", "|---|---|---|---|---|---|---|---|"]
        for inst, sched in scheduled:
            b = inst["bounds"]
            objective = sched["objective"]
            lines.append(f"| {inst['name']} | {sched['label']} | {sched['ok']} | {objective} "
                         f"| {b['sum_of_floors']:g} | {_gap(objective, b['sum_of_floors'])} "
                         f"| {b['lower_bound']:g} | {_gap(objective, b['lower_bound'])} |")
    lines += ["", "Per term (penalty = weight x value): the planted timetable's, and each "
              "floor.", "",
              "| instance | term | planted | cp-sat floor | analytic floor | tracks floor "
              "| floor |", "|---|---|---|---|---|---|---|"]
    for inst in data["instances"]:
        planted_terms = inst["bounds"].get("planted_terms", {})
        for name, row in inst["bounds"]["terms"].items():
            lines.append(f"| {inst['name']} | {name} | {planted_terms.get(name, 0):g} | "
                         f"{_num(row.get('cp-sat'))} | {_num(row.get('analytic'))} | "
                         f"{_num(row.get('tracks'))} | {row['floor']:g} |")
    return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _gap(objective: float, bound: float) -> str:
    return "-" if objective <= 0 else f"{100 * (objective - bound) / objective:.1f}%"


def _schedules(folders: list[tuple[str, str]], name: str) -> list[tuple[str, Path, Any]]:
    """Each folder's ``name.yaml`` schedule, loaded (absent ones left out). Read before any
    bound is computed, so that a schedule that cannot be read stops the command at once
    with its own error (file, line, column) instead of after minutes of work."""
    found = []
    for label, folder in folders:
        path = Path(folder) / f"{name}.yaml"
        if path.exists():
            try:
                found.append((label, path, load_schedule(path)))
            except ConfschedError as error:
                raise click.ClickException(f"--schedule {label}={folder}: {error}") from None
    return found


def _checked(label: str, path: Path, schedule: Any, scenario: Scenario) -> dict[str, Any]:
    """A loaded schedule checked on ``scenario``: its objective and terms."""
    report = check(scenario, schedule)
    return {"label": label, "path": str(path), "ok": report.ok,
            "objective": report.objective,
            "terms": {n: float(t.penalty) for n, t in report.terms.items() if t.penalty}}


@click.command()
@click.option("--instance", "instances", multiple=True, required=True,
              help="SHAPE:SEED of a generated instance, e.g. large:21 (repeatable).")
@click.option("--term-limit", type=float, default=10.0, show_default=True,
              help="Deterministic units for each term's own CP-SAT floor (0: none).")
@click.option("--whole-limit", type=float, default=60.0, show_default=True,
              help="Seconds for CP-SAT's bound on the whole model (0: none).")
@click.option("--track-limit", type=float, default=5.0, show_default=True,
              help="Deterministic units for each track's sub-model of the track "
                   "relaxation (0: none).")
@click.option("--track-rounds", type=click.IntRange(min=1), default=1, show_default=True,
              help="Rounds of room prices for the track relaxation (1: the room-fit LP's "
                   "duals only; more: a subgradient on sessions per room class and day).")
@click.option("--schedule", "schedules", multiple=True,
              help="LABEL=DIR: also check DIR/<shape>-s<seed>.yaml and report its gap to "
                   "the bounds (repeatable).")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
def main(instances: tuple[str, ...], term_limit: float, whole_limit: float,
         track_limit: float, track_rounds: int, schedules: tuple[str, ...],
         output: str) -> None:
    """Lower bounds on the objective of generated large events, against the planted
    timetable's."""
    folders = []
    for item in schedules:
        label, sep, folder = item.partition("=")
        if not sep or not label or not Path(folder).is_dir():
            raise click.UsageError(f"--schedule {item!r}: write LABEL=DIR with an existing "
                                   "folder of <shape>-s<seed>.yaml schedules")
        folders.append((label, folder))
    rows = []
    for item in instances:
        shape, _, seed = item.partition(":")
        if not seed.isdigit():
            raise click.UsageError(f"--instance {item!r}: write SHAPE:SEED, e.g. large:21")
        generated, plan = generate_with_plan(params_for(shape), int(seed))
        scenario = parse_scenario(to_yaml(generated), f"{shape}-s{seed}")
        name = f"{shape}-s{seed}"
        loaded = _schedules(folders, name)
        report = check(scenario, plan)
        yardstick = {"planted_objective": report.objective, "planted_ok": report.ok}
        planted = {n: float(t.penalty) for n, t in report.terms.items() if t.penalty}
        click.echo(f"{item}: planted {yardstick['planted_objective']}", err=True)
        bounds = floors(scenario, term_limit, whole_limit, planted,
                        echo=lambda line: click.echo(line, err=True), track_limit=track_limit,
                        track_rounds=track_rounds)
        click.echo(f"{item}: lower bound {bounds['lower_bound']:g} "
                   f"(sum of floors {bounds['sum_of_floors']:g}, "
                   f"whole {bounds.get('whole_bound')})", err=True)
        checked = [_checked(label, path, schedule, scenario)
                   for label, path, schedule in loaded]
        rows.append({"name": name, "shape": shape, "seed": int(seed),
                     **yardstick, "bounds": bounds, "schedules": checked})
    data = {"command": "python -m benchmarks.floors " + shlex.join(sys.argv[1:]),
            "term_limit": term_limit, "whole_limit": whole_limit,
            "track_limit": track_limit, "track_rounds": track_rounds, "machine": machine(),
            "versions": versions(), "source": source(), "instances": rows}
    write_report(output, "floors", data, render)


if __name__ == "__main__":
    main()
