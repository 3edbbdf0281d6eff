"""The checker's report, old tree against new, on the same schedules: identical or not.

    python benchmarks/results/huge/process6/same_report.py OLD_TREE NEW_TREE [WORKDIR]

Cases (written once to WORKDIR by this tree, then checked by each tree in a process of
its own, ``PYTHONPATH=<tree>``): every shipped scenario with the greedy's schedule;
generated events (seminar, pycon, euro, informs, large; two seeds each) with their planted
schedule; the start schedules of the 10,000-session events at /tmp/process6/start{1..5}.json
(``make_starts.py``) when present; and each of these schedules perturbed at three rates
(sessions moved to another start, room and day at random, people swapped, breaks moved),
so that nearly every hard rule has violations to report. The whole report is compared
(``CheckReport.to_data()``: violations in order with their messages, terms with values
and details, warnings, objective).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

HUGE = Path("/tmp/huge")
STARTS = Path("/tmp/process6")


def perturbed(schedule, scenario, rate: float, seed: int):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    rooms = [r.id for r in scenario.rooms] + [None]
    days = list(scenario.days) or [s.day for s in schedule.sessions]
    people = [p.id for p in scenario.people]
    sessions = []
    for entry in schedule.sessions:
        if rng.random() < rate:
            shift = rng.choice([-60, -30, -15, 15, 30, 60, 5])
            update = {"start": max(0, entry.start + shift), "end": max(0, entry.end + shift)}
            if rng.random() < 0.5:
                update["room"] = rng.choice(rooms)
            if rng.random() < 0.3:
                update["day"] = rng.choice(days)
            if rng.random() < 0.2 and people:
                update["people"] = {"facilitator": [rng.choice(people)]}
            if rng.random() < 0.1:
                update["track"] = None
            entry = entry.model_copy(update=update)
        sessions.append(entry)
    if rng.random() < 0.5 and len(sessions) > 2:
        sessions.append(sessions[0])  # a repeated listing
    breaks = [b.model_copy(update={"start": b.start + 15, "end": b.end + 15})
              if rng.random() < rate else b for b in schedule.breaks]
    return schedule.model_copy(update={"sessions": sessions, "breaks": breaks})


def make_cases(work: Path) -> list[str]:
    from scheduler.facts import FactBuilder
    from scheduler.generate import generate_with_plan, params_for, to_yaml
    from scheduler.scenario import load_scenario, parse_scenario
    from scheduler.schedule import save_schedule
    from scheduler.solver.greedy import greedy_schedule
    from scheduler.solver.greedy.people import choose_people, within_people_hours

    work.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    sources: list[tuple[str, str, object, object]] = []
    root = Path(__file__).resolve().parents[4]
    for path in sorted((root / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        facts = FactBuilder(scenario).build()
        placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                                 time_budget=5.0, rounds=3, seed=0)
        if placed is None:
            continue
        sources.append((path.stem, path.read_text(), scenario, choose_people(scenario, placed)))
    for shape in ("seminar", "pycon", "euro", "informs", "large"):
        for seed in (1, 2):
            data, plan = generate_with_plan(params_for(shape), seed)
            text = to_yaml(data)
            sources.append((f"{shape}-{seed}", text, parse_scenario(text, "x.yaml"), plan))
    for n in range(1, 6):
        start = STARTS / f"start{n}.json"
        if start.exists():
            from scheduler.schedule import load_schedule
            text = (HUGE / f"big{n}.yaml").read_text()
            sources.append((f"big{n}", text, parse_scenario(text, "x.yaml"),
                            load_schedule(start)))
    for name, text, scenario, schedule in sources:
        (work / f"{name}.yaml").write_text(text)
        variants = [(name, schedule)] + [
            (f"{name}~{rate}", perturbed(schedule, scenario, rate, seed))
            for seed, rate in enumerate((0.02, 0.1, 0.5))]
        for case, variant in variants:
            save_schedule(variant, work / f"{case}.json")  # type: ignore[arg-type]
            names.append(case)
    (work / "cases.json").write_text(json.dumps(names))
    return names


def dump(work: Path, out: Path) -> None:
    from scheduler.checker import check
    from scheduler.scenario import load_scenario
    from scheduler.schedule import load_schedule

    scenarios: dict[str, object] = {}
    reports = {}
    for case in json.loads((work / "cases.json").read_text()):
        name = case.split("~")[0]
        if name not in scenarios:
            scenarios[name] = load_scenario(work / f"{name}.yaml")
        report = check(scenarios[name], load_schedule(work / f"{case}.json"))  # type: ignore[arg-type]
        reports[case] = report.to_data()
    out.write_text(json.dumps(reports, ensure_ascii=False, default=str))


def main(args: list[str]) -> int:
    if args[0] == "--dump":
        dump(Path(args[1]), Path(args[2]))
        return 0
    old, new = Path(args[0]).resolve(), Path(args[1]).resolve()
    work = Path(args[2]) if len(args) > 2 else Path("/tmp/process6/cases")
    names = make_cases(work)
    outs = {}
    for label, tree in (("old", old), ("new", new)):
        out = work / f"reports-{label}.json"
        env = {**os.environ, "PYTHONPATH": str(tree)}
        subprocess.run([sys.executable, __file__, "--dump", str(work), str(out)], env=env,
                       check=True)
        outs[label] = json.loads(out.read_text())
    same = 0
    for case in names:
        a, b = outs["old"][case], outs["new"][case]
        rules = sorted({v["rule"] for v in a["violations"]})
        print(f"{case:24s} violations {len(a['violations']):5d} "
              f"objective {a['objective']} rules {len(rules):2d} "
              f"{'identical' if a == b else 'DIFFERENT'}")
        same += a == b
    broken = set()
    for case in names:
        broken |= {v["rule"] for v in outs["old"][case]["violations"]}
    print(f"{same} of {len(names)} reports identical; rules with violations among the "
          f"cases: {len(broken)} ({', '.join(sorted(broken))})")
    return 0 if same == len(names) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
