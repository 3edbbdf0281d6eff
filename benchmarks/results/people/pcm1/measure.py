"""Pool people with a changeover: the exact model (this branch) against the padded one
(the code before it), on the same events, one tree after the other in one command.

    python benchmarks/results/people/pcm1/measure.py OUT.jsonl --trees BASE,NEW \
        --seeds 5 --time-limit 10

Each (instance, tree) runs in a fresh process with ``PYTHONPATH=tree`` (so each imports its
own ``scheduler``), deterministic (CP-SAT's work units count the limit, 2 workers
interleaved), and the schedule goes to the tree's independent checker. Instances: the
shipped ``knowledge-week-pools`` with ``changeover: 15min`` (it ships with 0), and the
``small`` suite's ``seminar`` and ``pycon`` shapes with ``--pool-size 30`` and
``changeover: 15min``, seeds 0..N-1 (the generator never sets a changeover); ``--kind
fuzz``: small generated events with pools of 3-8 and a changeover of 10-30 min. Each line:
instance, tree, status, checked objective, violations, bound, deterministic units, CPU
seconds of the process, the model's size, ``changeover_padded``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click

CHILD = r'''
import json, re, sys, time, resource
from scheduler.checker import check
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, solve
text, limit, minutes = sys.stdin.read(), float(sys.argv[1]), int(sys.argv[2])
text = re.sub(r"(?m)^(  changeover:).*$", rf"\1 {minutes}min", text)
if f"changeover: {minutes}min" not in text:
    text = re.sub(r"(?m)^event:\n", f"event:\n  changeover: {minutes}min\n", text, count=1)
scenario = parse_scenario(text, "x.yaml")
assert scenario.event.changeover == minutes
t0 = time.process_time()
result = solve(scenario, SolveOptions(time_limit=limit, workers=2, deterministic=True,
                                      handle_sigint=False, diagnose=False))
cpu = time.process_time() - t0
out = {"status": result.status.value, "cpu": round(cpu, 2),
       "units": result.deterministic_time, "variables": result.variables,
       "constraints": result.constraints, "padded": result.caps.changeover_padded,
       "notes": [n for n in result.notes if "changeover" in n]}
if result.schedule is not None:
    report = check(scenario, result.schedule)
    out.update(objective=report.objective, ok=report.ok,
               violations=[str(v) for v in report.violations][:3],
               bound=result.schedule.solve.bound)
import scheduler
out["module"] = scheduler.__file__
print(json.dumps(out))
'''

ROOT = Path(__file__).resolve().parents[4]


def instances(seeds: int, kind: str) -> list[tuple[str, str, int]]:
    """(label, YAML, changeover minutes)."""
    sys.path.insert(0, str(ROOT))
    import random

    from scheduler.generate import generate_yaml, params_for

    if kind == "fuzz":
        out = []
        for seed in range(seeds):
            rnd = random.Random(seed)
            shape = rnd.choice(["seminar", "pycon", "large"])
            n, pool, minutes = rnd.choice([10, 15, 20, 30]), rnd.choice([3, 5, 8]), \
                rnd.choice([10, 15, 30])
            rooms, days = rnd.choice([2, 3, 4]), rnd.choice([1, 2])
            try:
                text = generate_yaml(params_for(shape, sessions=n, rooms=rooms, days=days,
                                                pool_size=pool), seed)
            except Exception:  # noqa: BLE001 - a shape the sizes do not fit
                continue
            out.append((f"fuzz:{shape}:n{n}:r{rooms}:d{days}:pool{pool}:co{minutes}:s{seed}",
                        text, minutes))
        return out
    out = [("knowledge-week-pools",
            (ROOT / "scenarios" / "knowledge-week-pools.yaml").read_text(encoding="utf-8"), 15)]
    for shape in ("seminar", "pycon"):
        for seed in range(seeds):
            out.append((f"{shape}-pool30/s{seed}",
                        generate_yaml(params_for(shape, pool_size=30), seed), 15))
    return out


@click.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--trees", required=True, help="Comma-separated source trees, run in turn.")
@click.option("--seeds", default=5)
@click.option("--time-limit", default=10.0)
@click.option("--only", default="", help="Run only instances whose label contains this.")
@click.option("--kind", type=click.Choice(["measure", "fuzz"]), default="measure",
              help="fuzz: small generated events, pools of 3-8, changeover 10/15/30 min.")
@click.option("--changeover", type=int, default=None,
              help="This changeover (minutes) instead of the instance's (0: none, a reference).")
def main(out: Path, trees: str, seeds: int, time_limit: float, only: str, kind: str,
         changeover: int | None) -> None:
    with out.open("a", encoding="utf-8") as sink:
        for label, text, minutes in instances(seeds, kind):
            if changeover is not None:
                minutes = changeover
            if only not in label:
                continue
            for tree in trees.split(","):
                env = {**os.environ, "PYTHONPATH": tree}
                done = subprocess.run([sys.executable, "-c", CHILD, str(time_limit),
                                       str(minutes)],
                                      input=text, capture_output=True, text=True, env=env,
                                      cwd=tree, check=False)
                row = {"instance": label, "tree": tree, "changeover": minutes,
                       "load": os.getloadavg()[0]}
                try:
                    row.update(json.loads(done.stdout.strip().splitlines()[-1]))
                except (IndexError, ValueError):
                    row["error"] = done.stderr[-800:]
                print(json.dumps(row, ensure_ascii=False), flush=True)
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
                sink.flush()


if __name__ == "__main__":
    main()
