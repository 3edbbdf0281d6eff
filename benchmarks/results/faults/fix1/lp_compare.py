"""The room-fit LP's value and duals on shipped and generated events (run per tree)."""
import json, sys, glob
from scheduler.scenario import load_scenario, parse_scenario
from scheduler.facts import FactBuilder
from scheduler.generate import generate_yaml, params_for
from scheduler.lower_bound.tracks import room_fit_transport
out = {}
events = [(p, load_scenario(p)) for p in sorted(glob.glob("/work/wt/fix1/scenarios/*.yaml"))]
for shape, kw in [("seminar", {}), ("pycon", {}), ("pycon", {"sessions": 40, "rooms": 4, "registrations": 80}),
                  ("large", {"sessions": 300}), ("euro", {}), ("informs", {"sessions": 300})]:
    for seed in (0, 1, 2):
        try:
            events.append((f"{shape}{kw}-{seed}", parse_scenario(generate_yaml(params_for(shape, **kw), seed), "x.yaml")))
        except Exception as e:
            print("skip", shape, kw, e, file=sys.stderr)
for name, sc in events:
    facts = FactBuilder(sc).build()
    r = []
    for breaks in (False, True):
        got = room_fit_transport(sc, facts, breaks=breaks)
        r.append(None if got is None else [round(got[0], 6), {k: round(v, 6) for k, v in sorted(got[1].items()) if v}])
    out[name] = r
json.dump(out, open(sys.argv[1], "w"), indent=0, sort_keys=True)
