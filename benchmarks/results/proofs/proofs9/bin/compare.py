# ruff: noqa: E402, E501, E741, SIM115, B905, B023, B007 - one-off probes, kept as they ran
import collections
import sys

from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.schedule import load_schedule

name, seed = sys.argv[1], int(sys.argv[2])
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
sc = parse_scenario(generate_yaml(by[name].params(), seed), f"{name}-s{seed}")
print({r.id: r.capacity for r in sc.rooms})
print("days", sc.days, "frames", [sc.frame(d) for d in sc.days])
for path in sys.argv[3:]:
    s = load_schedule(path)
    rep = check(sc, s)
    print(path, rep.objective, {k: v.penalty for k, v in rep.terms.items() if v.penalty})
    g = collections.defaultdict(list)
    for x in s.sessions:
        g[(x.track, str(x.day))].append((x.start, x.room, x.participants))
    for k in sorted(g):
        v = sorted(g[k])
        print(" ", k, collections.Counter(r for _, r, _ in v), "end", max(x[0] for x in v))
