"""Correctness fuzz: solve many generated/shipped/mutated events and check every schedule.

A finding: status optimal/feasible with a checker violation, a checked objective that
differs from the reported one, or a reported bound above the checked objective.
Usage: python benchmarks/results/faults/hunt1/fuzz.py OUT.jsonl [--part K/N] [--kinds gen,ship,mut]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import glob
import json
import random
import sys
import time
import traceback
from pathlib import Path

import yaml

from scheduler.checker import check
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario.load import parse_scenario
from scheduler.solver import solve
from scheduler.solver.options import SolveOptions

SHAPES = ["seminar", "pycon", "large", "euro", "informs"]
SIZES = [10, 15, 20, 30, 40, 60, 80]
CHOICES = False


def gen_cases(seeds: range):
    for seed in seeds:
        for shape in SHAPES:
            rnd = random.Random(seed * 31 + len(shape))
            n = rnd.choice(SIZES)
            simple = rnd.random() < 0.15
            pool = rnd.choice([None, None, None, 30])
            choices = rnd.choice([None, None, 2, 3]) if CHOICES else None
            for rooms in (None, max(2, n // 8), max(3, n // 5), n // 2 + 2):
                days = None if rooms is None else rnd.choice([1, 2, 3])
                try:
                    data, plan = generate_with_plan(
                        params_for(
                            shape,
                            sessions=n,
                            rooms=rooms,
                            days=days,
                            simple=simple,
                            pool_size=pool,
                            choices=choices,
                        ),
                        seed,
                    )
                    text = to_yaml(data)
                except Exception:
                    continue
                yield (
                    f"gen:{shape}:n{n}:r{rooms}:d{days}:simple{int(simple)}:pool{pool}:ch{choices}:s{seed}",
                    text,
                    plan,
                )
                break


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _mins(text: str) -> int:
    h, m = str(text).split(":")
    return int(h) * 60 + int(m)


def mutate(d: dict, rnd: random.Random) -> tuple[dict, list[str]]:
    d = copy.deepcopy(d)
    ev = d["event"]
    sessions = [s for s in d.get("sessions", []) if isinstance(s, dict)]
    ids = [s["id"] for s in sessions if "repeat" not in s]
    done = []
    ops = [
        "tight",
        "roomwin",
        "personwin",
        "pin",
        "after",
        "npw",
        "oneroom",
        "licences",
        "maxpar",
        "changeover",
        "daily",
        "earliest",
        "latest",
        "days",
        "instr",
        "instr",
    ]
    for op in rnd.sample(ops, rnd.randint(1, 3)):
        start, end = _mins(ev["day-start"]), _mins(ev["day-end"])
        try:
            if op == "tight":
                cut = rnd.choice([30, 60, 90, 120])
                if rnd.random() < 0.5:
                    ev["day-end"] = _hm(end - cut)
                else:
                    ev["day-start"] = _hm(start + cut)
            elif op == "roomwin":
                room = rnd.choice(d["rooms"])
                a = start + rnd.choice([0, 60, 120])
                room["available"] = [
                    {"start": _hm(a), "end": _hm(min(end, a + rnd.choice([180, 300, 420])))}
                ]
            elif op == "personwin":
                people = [p for p in d.get("people", []) if isinstance(p, dict)]
                for p in rnd.sample(people, min(len(people), rnd.randint(1, 4))):
                    a = start + rnd.choice([0, 60, 180])
                    p["available"] = [
                        {"start": _hm(a), "end": _hm(min(end, a + rnd.choice([180, 300])))}
                    ]
            elif op == "pin":
                s = rnd.choice(sessions)
                if "pin" not in s and "repeat" not in s:
                    g = 15
                    t = start + g * rnd.randint(0, max(0, (end - start - 120) // g))
                    pin = {"start": _hm(t)}
                    if rnd.random() < 0.5:
                        pin["room"] = rnd.choice(d["rooms"])["id"]
                    s["pin"] = pin
            elif op == "after" and len(ids) > 2:
                a, b = rnd.sample(ids, 2)
                s = next(x for x in sessions if x["id"] == a)
                s.setdefault("after", []).append(b)
            elif op == "npw" and len(ids) > 2:
                for _ in range(rnd.randint(1, 4)):
                    a, b = rnd.sample(ids, 2)
                    s = next(x for x in sessions if x["id"] == a)
                    s.setdefault("not-parallel-with", []).append(b)
            elif op == "oneroom":
                keep = max(d["rooms"], key=lambda r: r.get("capacity", 0))
                if rnd.random() < 0.5:
                    keep = dict(keep, tags=sorted(set(keep.get("tags", [])) | {"hybrid"}))
                d["rooms"] = [keep]
                for s in sessions:
                    s.pop("rooms", None)
                    if isinstance(s.get("pin"), dict):
                        s["pin"].pop("room", None)
            elif op == "licences":
                d.setdefault("hybrid", {})["licences"] = rnd.choice([1, 2])
            elif op == "maxpar":
                ev["max-parallel"] = rnd.choice([1, 2, 3, "tracks"])
            elif op == "changeover":
                ev["changeover"] = rnd.choice([10, 15, 30])
            elif op == "daily":
                people = [p for p in d.get("people", []) if isinstance(p, dict)]
                for p in rnd.sample(people, min(len(people), rnd.randint(1, 5))):
                    p["max-sessions-per-day"] = rnd.choice([1, 2])
            elif op == "earliest":
                for s in rnd.sample(sessions, min(len(sessions), 3)):
                    if "pin" not in s:
                        s["earliest"] = _hm(start + rnd.choice([60, 120, 240]))
            elif op == "latest":
                for s in rnd.sample(sessions, min(len(sessions), 3)):
                    if "pin" not in s:
                        s["latest"] = _hm(end - rnd.choice([60, 120, 240]))
            elif op == "days":
                first = dt.date.fromisoformat(str(ev["first-day"]))
                last = dt.date.fromisoformat(str(ev.get("last-day", ev["first-day"])))
                if last > first:
                    for s in rnd.sample(sessions, min(len(sessions), 4)):
                        if "pin" not in s and "repeat" not in s:
                            s["days"] = [rnd.choice([first, last]).isoformat()]
            elif op == "instr":
                used = sorted({s["instrument"] for s in sessions})
                name = rnd.choice(used)
                over = d.setdefault("instruments", {}).setdefault(name, {})
                key = rnd.choice(["exclusive", "observes-breaks", "pause"])
                over[key] = (not over[key]) if key in over else rnd.choice([True, False])
                op = f"instr:{name}.{key}={over[key]}"
            done.append(op)
        except Exception as exc:  # a mutation that does not apply: skip it
            done.append(f"{op}!{type(exc).__name__}")
    return d, done


def mutate_kept(d: dict, plan, rnd: random.Random) -> tuple[dict, list[str]]:
    """Mutations the planted timetable ``plan`` still satisfies (pins to its places, windows
    around its times, after/not-parallel pairs it keeps, limits it meets), so that any
    "infeasible", or "optimal" above the planted objective, is a wrong proof."""
    d = copy.deepcopy(d)
    ev = d["event"]
    by_id = {s["id"]: s for s in d.get("sessions", []) if isinstance(s, dict)}
    placed = [p for p in plan.sessions if p.id in by_id and "repeat" not in by_id[p.id]]
    done = []
    ops = [
        "pin",
        "after",
        "npw",
        "earliest",
        "latest",
        "roomwin",
        "personwin",
        "maxpar",
        "licences",
        "daily",
        "days",
        "instr-exclusive-off",
    ]
    for op in rnd.sample(ops, rnd.randint(2, 5)):
        if not placed:
            break
        if op == "pin":
            for p in rnd.sample(placed, min(len(placed), rnd.randint(1, 4))):
                pin = {"day": p.day.isoformat(), "start": _hm(p.start)}
                if p.room and rnd.random() < 0.5:
                    pin["room"] = p.room
                by_id[p.id]["pin"] = pin
        elif op in ("after", "npw"):
            for _ in range(rnd.randint(1, 6)):
                a, b = rnd.sample(placed, 2)
                ka, kb = (a.day, a.start, a.end), (b.day, b.start, b.end)
                if op == "after" and (a.day, a.end) <= (b.day, b.start):
                    by_id[b.id].setdefault("after", []).append(a.id)
                elif op == "npw" and (a.day != b.day or a.end <= b.start or b.end <= a.start):
                    by_id[b.id].setdefault("not-parallel-with", []).append(a.id)
                del ka, kb
        elif op == "earliest":
            for p in rnd.sample(placed, min(len(placed), 4)):
                by_id[p.id]["earliest"] = _hm(
                    p.start - rnd.choice([0, 0, 15, 60]) if p.start >= 60 else p.start
                )
        elif op == "latest":
            for p in rnd.sample(placed, min(len(placed), 4)):
                by_id[p.id]["latest"] = _hm(min(p.end + rnd.choice([0, 0, 15, 60]), 23 * 60))
        elif op == "roomwin":
            rooms = {}
            for p in plan.sessions:
                if p.room:
                    lo, hi = rooms.get(p.room, (p.start, p.end))
                    rooms[p.room] = (min(lo, p.start), max(hi, p.end))
            for r in d["rooms"]:
                if r["id"] in rooms and rnd.random() < 0.5:
                    lo, hi = rooms[r["id"]]
                    r["available"] = [{"start": _hm(lo), "end": _hm(hi)}]
        elif op == "personwin":
            span = {}
            for p in plan.sessions:
                for people in (p.people or {}).values():
                    for pid in people:
                        lo, hi = span.get(pid, (p.start, p.end))
                        span[pid] = (min(lo, p.start), max(hi, p.end))
            for person in d.get("people", []):
                if person["id"] in span and rnd.random() < 0.4 and "timezone" not in person:
                    lo, hi = span[person["id"]]
                    person["available"] = [{"start": _hm(lo), "end": _hm(hi)}]
        elif op in ("maxpar", "licences"):
            items = [p for p in plan.sessions if op == "maxpar" or p.format in ("online", "hybrid")]
            most = 0
            for p in items:
                most = max(
                    most, sum(1 for q in items if q.day == p.day and q.start <= p.start < q.end)
                )
            if op == "maxpar":
                ev["max-parallel"] = most
            else:
                d.setdefault("hybrid", {})["licences"] = most
        elif op == "daily":
            count = {}
            for p in plan.sessions:
                for people in (p.people or {}).values():
                    for pid in people:
                        count[(pid, p.day)] = count.get((pid, p.day), 0) + 1
            for person in d.get("people", []):
                mine = [c for (pid, _), c in count.items() if pid == person["id"]]
                if mine and rnd.random() < 0.5:
                    person["max-sessions-per-day"] = max(mine)
        elif op == "days":
            for p in rnd.sample(placed, min(len(placed), 5)):
                by_id[p.id]["days"] = [p.day.isoformat()]
        elif op == "instr-exclusive-off":
            used = sorted({s["instrument"] for s in by_id.values()})
            name = rnd.choice(used)
            d.setdefault("instruments", {}).setdefault(name, {})["observes-breaks"] = False
            op = f"instr:{name}.observes-breaks=False"
        done.append(op)
    return d, done


def run_case(name: str, text: str, opts: SolveOptions, planted=None) -> dict:
    rec: dict = {"case": name}
    try:
        sc = parse_scenario(text, "x.yaml")
    except Exception as exc:
        rec["load_error"] = str(exc)[:200]
        return rec
    rec["sessions"] = len(getattr(sc, "sessions", []) or [])
    t0 = time.process_time()
    try:
        res = solve(sc, opts)
    except Exception:
        rec["crash"] = traceback.format_exc()[-1500:]
        return rec
    rec["cpu"] = round(time.process_time() - t0, 2)
    rec["status"] = str(res.status)
    bugs = []
    witness = None
    if planted is not None:  # the generator's planted timetable: a feasible witness
        prep = check(sc, planted)
        if prep.ok:
            witness = rec["planted"] = prep.objective
            if res.status == "infeasible":
                bugs.append(f"infeasible, but the planted timetable is feasible ({witness})")
        else:
            rec["planted_invalid"] = [str(v) for v in prep.violations[:3]]
    rec["bugs"] = bugs
    if res.schedule is None:
        return rec
    try:
        rep = check(sc, res.schedule)
    except Exception:
        rec["check_crash"] = traceback.format_exc()[-1500:]
        return rec
    rec["objective"] = res.schedule.objective
    rec["checked"] = rep.objective
    bound = res.schedule.solve.bound if res.schedule.solve else None
    rec["bound"] = bound
    if res.status.has_schedule and not rep.ok:
        bugs.append("violations: " + "; ".join(str(v) for v in rep.violations[:5]))
    if res.schedule.objective is not None and res.schedule.objective != rep.objective:
        bugs.append(f"objective {res.schedule.objective} != checked {rep.objective}")
    if bound is not None and bound > rep.objective + 1e-6:
        bugs.append(f"bound {bound} > checked {rep.objective}")
    if witness is not None and bound is not None and bound > witness + 1e-6:
        bugs.append(f"bound {bound} > planted {witness}")
    if (
        witness is not None
        and res.status == "optimal"
        and rep.objective > witness
        and not res.simplified
    ):
        bugs.append(f"optimal {rep.objective} > planted {witness}")
    if (
        res.status == "optimal"
        and bound is not None
        and bound < rep.objective - 1e-6
        and not res.simplified
    ):
        rec["note"] = f"optimal but bound {bound} < objective {rep.objective}"
    rec["bugs"] = bugs
    return rec


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--kinds", default="gen,ship,mut")
    ap.add_argument("--seeds", default="0:40")
    ap.add_argument("--part", default="0/1")
    ap.add_argument("--time-limit", type=float, default=1.5)
    ap.add_argument(
        "--wall", action="store_true", help="wall-clock default path (not deterministic)"
    )
    ap.add_argument("--choices", action="store_true", help="ranked choices (#12) in some events")
    ap.add_argument("--sizes", default="", help="comma-separated session counts (default 10-80)")
    args = ap.parse_args()
    if args.choices:
        global CHOICES
        CHOICES = True
    if args.sizes:
        SIZES[:] = [int(x) for x in args.sizes.split(",")]
    k, n = map(int, args.part.split("/"))
    a, b = map(int, args.seeds.split(":"))
    kinds = args.kinds.split(",")
    opts = SolveOptions(
        time_limit=args.time_limit,
        workers=1,
        deterministic=not args.wall,
        handle_sigint=False,
        diagnose=False,
    )

    def cases():
        if "ship" in kinds:
            for f in sorted(glob.glob("scenarios/*.yaml")):
                yield f"ship:{f}", Path(f).read_text(encoding="utf-8"), None
        if "gen" in kinds:
            yield from gen_cases(range(a, b))
        if "mut" in kinds:
            bases = [
                (f, Path(f).read_text(encoding="utf-8"), None)
                for f in sorted(glob.glob("scenarios/*.yaml"))
            ]
            bases += list(gen_cases(range(a, min(b, a + 4))))
            for seed in range(a, b):
                for bname, text, *_ in bases:
                    rnd = random.Random(f"{bname}/{seed}")
                    d = yaml.safe_load(text)
                    if "talks" in d:
                        continue
                    m, ops = mutate(d, rnd)
                    yield (
                        f"mut:{bname}:{seed}:{'+'.join(ops)}",
                        yaml.safe_dump(m, allow_unicode=True, sort_keys=False),
                        None,
                    )

        if "wit" in kinds:
            for seed in range(a, b):
                for bname, text, plan in gen_cases(range(seed, seed + 1)):
                    rnd = random.Random(f"{bname}/wit")
                    m, ops = mutate_kept(yaml.safe_load(text), plan, rnd)
                    mtext = yaml.safe_dump(m, allow_unicode=True, sort_keys=False)
                    try:
                        kept = check(parse_scenario(mtext, "x.yaml"), plan).ok
                    except Exception:
                        kept = False
                    if kept:
                        yield f"wit:{bname}:{'+'.join(ops)}", mtext, plan
                    else:
                        yield f"wit-skip:{bname}:{'+'.join(ops)}", "", None

    with open(args.out, "a", encoding="utf-8") as out:
        for i, (name, text, planted) in enumerate(cases()):
            if i % n != k:
                continue
            if name.startswith("wit-skip"):
                out.write(json.dumps({"case": name, "skipped": "planted broken"}) + "\n")
                continue
            rec = run_case(name, text, opts, planted)
            rec["wall"] = args.wall
            out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            out.flush()
            if rec.get("bugs") or rec.get("crash") or rec.get("check_crash"):
                print(
                    "FINDING",
                    json.dumps(rec, ensure_ascii=False, default=str)[:600],
                    file=sys.stderr,
                    flush=True,
                )
                with open(args.out + ".text", "a", encoding="utf-8") as keep:
                    keep.write(f"# {name}\n{text}\n---\n")


if __name__ == "__main__":
    main()
