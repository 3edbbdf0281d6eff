"""The track relaxation with the sessions of several tracks priced in (``choices=True``)
against checked schedules of small generated events (#17, quality8).

    [UNITS=10] python fuzz.py SHAPE:SESSIONS:TRACKS:ROOMS:DAYS SEED... [--wrong]

(UNITS: the solve's deterministic units.)

For each event: the track relaxation with preferences and without, with and without the
choices; then a deterministic one-worker solve (the floor turned off), its schedule
checked by the checker. A violation: a bound above the checked schedule's terms it
bounds (preferences + room fit + track-room stability + dropped; the same less
preferences). OPTIMAL rows compare with a proven optimum's terms (whose sum is at least
the least of the terms). ``--wrong``: a wrong version of the choices (each session's reward
counted once per track it may take, not once) to show the check catches it.
"""
import os
import sys
import time

from scheduler.checker import check
from scheduler.facts import FactBuilder
from scheduler.generate import generate_yaml
from scheduler.generate.shapes import params_for
from scheduler.lower_bound import tracks as T
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, bound_floor, solve

bound_floor.applies = lambda *a, **k: False  # the solve's own search, no floor
args = [a for a in sys.argv[1:] if a != "--wrong"]
if "--wrong" in sys.argv:
    real = T._Context.choice_bound

    def wrong(self, found, prices, limit, workers, deadline=None):  # type: ignore[no-untyped-def]
        value = real(self, found, prices, limit, workers, deadline)
        if value is None:
            return None
        extra = 0.0  # rewards counted once per further track
        for f in self.alone:
            if len(f.session.tracks) > 1:
                extra += (len(f.session.tracks) - 1) * self._alone(f, prices)[0]
        return value + extra + 3.0 * sum(len(f.session.tracks) > 1 for f in self.alone)
    T._Context.choice_bound = wrong
spec, seeds = args[0], [int(s) for s in args[1:]]
shape, n, tracks, rooms, days = spec.split(":")
opts = SolveOptions(time_limit=float(os.environ.get("UNITS", "10")), workers=1, seed=0,
                    deterministic=True, handle_sigint=False, diagnose=False)
bad = rows = 0
for seed in seeds:
    try:
        sc = parse_scenario(generate_yaml(params_for(shape, sessions=int(n), tracks=int(tracks),
                                                     rooms=int(rooms), days=int(days)), seed),
                            f"{spec}-s{seed}.yaml")
    except Exception as e:  # the generator refuses some sizes
        print(spec, seed, "generate failed", type(e).__name__, str(e)[:80], flush=True)
        continue
    facts = FactBuilder(sc).build()
    several = sum(len(s.tracks) > 1 for s in sc.sessions)
    t = time.process_time()
    try:
        b = {(p, c): T.track_relaxation(sc, facts, limit=5.0, preferences=p, choices=c).value
             for p in (True, False) for c in (False, True)}
    except ValueError as e:
        print(spec, seed, "bound ValueError", str(e)[:80], flush=True)
        continue
    cpu = time.process_time() - t
    r = solve(sc, opts)
    if r.schedule is None:
        print(spec, seed, "no schedule", r.status.value, flush=True)
        continue
    rep = check(sc, r.schedule)
    if not rep.ok:
        print(spec, seed, "schedule not ok", flush=True)
        continue
    pen = {k: v.penalty for k, v in rep.terms.items()}
    rest = pen["room_fit"] + pen["track_room_stability"] + pen["dropped"]
    whole = rest + pen["preferences"]
    flags = []
    if b[(True, True)] > whole + 1e-6:
        flags.append("VIOLATION(with preferences)")
    if b[(False, True)] > rest + 1e-6:
        flags.append("VIOLATION(without)")
    bad += bool(flags)
    rows += 1
    print(f"{spec} seed {seed}: several-track sessions {several}; with prefs "
          f"{b[(True, False)]:.1f} -> {b[(True, True)]:.1f} (schedule {whole}); without "
          f"{b[(False, False)]:.1f} -> {b[(False, True)]:.1f} (schedule {rest}); "
          f"{r.status.value}; bound cpu {cpu:.1f} s {' '.join(flags)}", flush=True)
print("rows", rows, "violations", bad, flush=True)
