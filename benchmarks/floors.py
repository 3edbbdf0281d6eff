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
- **compact days with tracks** (``compact_days_tracks``, with the track
  relaxation): the same least sum when each track's sessions do not overlap and no more
  sessions that need a room run at once than there are rooms, solved by CP-SAT.

And over the whole objective: **whole model**, CP-SAT's best bound on the full model
(rooms uncapped) after a long run; and the **track relaxation**:
preferences, room fit and track-room stability bounded together, each track's sessions
scheduled on their own (to optimality by CP-SAT) with the rooms' minutes priced, plus the
other terms' own floors. The reported lower bound is the largest of the three.

The analytic floors and the track relaxation are the package's (``scheduler.lower_bound``,
where their validity arguments are written; ``confsched bound`` gives them to users);
this module adds CP-SAT's floors and the whole model's bound, and the report.

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
from scheduler.checker import check
from scheduler.errors import ConfschedError
from scheduler.facts import FactBuilder, SessionFacts
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.lower_bound.floors import (
    ANALYTIC,
    compact_days_energy,
    instrument_spread_flow,
    preferences_per_session,
    room_fit_lp,
)
from scheduler.lower_bound.tracks import TERMS as TRACK_TERMS
from scheduler.lower_bound.tracks import compact_days_tracks, track_relaxation
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import load_schedule
from scheduler.solver.model import ScheduleModel

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


def floors(scenario: Scenario, term_limit: float, whole_limit: float,
           planted: dict[str, float] | None = None, echo: Any = None,
           track_limit: float = 0.0, track_rounds: int = 1,
           track_clusters: int = 0) -> dict[str, Any]:
    """Per-term floors (each method's), their sum, the whole model's bound, the track
    relaxation's bound (``track_limit`` > 0: deterministic units per track; ``track_rounds``
    rounds of room prices; ``track_clusters`` > 1: tracks also solved together in clusters
    of at most that many sessions), and the
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
                                   echo=echo, cluster_size=track_clusters)
        rest = sum(r["floor"] for n, r in terms.items() if n not in TRACK_TERMS)
        out["track_relaxation"] = {
            "bound": float(math.ceil(relaxed.value + rest - 1e-6)),
            "three_terms": relaxed.value, "other_floors": rest, "tracks": relaxed.tracks,
            "proven": relaxed.proven, "alone": relaxed.alone,
            "price_offset": relaxed.price_offset, "deterministic": relaxed.deterministic,
            "rounds": relaxed.rounds, "first_round": relaxed.first,
            "clusters": relaxed.clusters, "clustered": relaxed.clustered,
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
                raise click.UsageError(f"--schedule {label}={folder}: {error}") from None
    return found


def _checked(label: str, path: Path, schedule: Any, scenario: Scenario) -> dict[str, Any]:
    """A loaded schedule checked on ``scenario``: its objective and terms."""
    report = check(scenario, schedule)
    return {"label": label, "path": str(path), "ok": report.ok,
            "objective": report.objective,
            "terms": {n: float(t.penalty) for n, t in report.terms.items() if t.penalty}}


__all__ = ["ANALYTIC", "compact_days_energy", "cp_sat_floor", "floors",
           "instrument_spread_flow", "main", "preferences_per_session", "render",
           "room_fit_lp", "whole_bound"]
"""The analytic floors are the package's (:mod:`scheduler.lower_bound.floors`), named
here too for the scripts and tests that import them from the benchmarks."""


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
@click.option("--track-clusters", type=int, default=0, show_default=True,
              help="Also solve tracks together in clusters of at most this many sessions "
                   "(shared placed breaks, people, room classes; `confsched bound` uses "
                   "30); 0: tracks apart only.")
@click.option("--schedule", "schedules", multiple=True,
              help="LABEL=DIR: also check DIR/<shape>-s<seed>.yaml and report its gap to "
                   "the bounds (repeatable).")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
def main(instances: tuple[str, ...], term_limit: float, whole_limit: float,
         track_limit: float, track_rounds: int, track_clusters: int,
         schedules: tuple[str, ...],
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
                        track_rounds=track_rounds, track_clusters=track_clusters)
        click.echo(f"{item}: lower bound {bounds['lower_bound']:g} "
                   f"(sum of floors {bounds['sum_of_floors']:g}, "
                   f"whole {bounds.get('whole_bound')})", err=True)
        checked = [_checked(label, path, schedule, scenario)
                   for label, path, schedule in loaded]
        rows.append({"name": name, "shape": shape, "seed": int(seed),
                     **yardstick, "bounds": bounds, "schedules": checked})
    data = {"command": "python -m benchmarks.floors " + shlex.join(sys.argv[1:]),
            "term_limit": term_limit, "whole_limit": whole_limit,
            "track_limit": track_limit, "track_rounds": track_rounds,
            "track_clusters": track_clusters, "machine": machine(),
            "versions": versions(), "source": source(), "instances": rows}
    write_report(output, "floors", data, render)


if __name__ == "__main__":
    main()
