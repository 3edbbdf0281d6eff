"""Yardsticks for a benchmark run: the generator's planted timetable, and the last
committed results.

- **Planted timetable.** The generator lays out a feasible timetable before it writes the
  constraints (``scheduler.generate.generate_with_plan``). Nobody optimised it, so it is a
  floor any solver should beat: the report shows its objective, recomputed by the
  independent checker, beside every solver's, and the ratio (below 1: better than the plan).
- **Regressions.** A run with ``--deterministic`` stops every solve on CP-SAT's
  deterministic time, so the same code, instance, seed and limit give the same schedule on
  any machine and under any load. Such a run is compared with the last committed results of
  the same suite (``benchmarks/results/<suite>/results.json``): a worse objective, or no
  checked schedule where there was one, on the same instance text, seed, solver and limit,
  is a regression and the runner fails loudly. Wall-clock runs are never compared (their
  numbers move with the machine's load).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from scheduler.checker import check
from scheduler.generate import GeneratorParams, generate_with_plan, to_yaml
from scheduler.scenario import parse_scenario

BASELINES = Path(__file__).resolve().parent / "results"
"""Where the committed results live, one folder per suite."""


def generate_with_yardstick(params: GeneratorParams, seed: int) -> tuple[str, dict[str, Any]]:
    """The instance's YAML text and its planted timetable's checked objective."""
    data, plan = generate_with_plan(params, seed)
    text = to_yaml(data)
    report = check(parse_scenario(text, "planted"), plan)
    return text, {"planted_objective": report.objective, "planted_ok": report.ok,
                  "scenario_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def planted_ratios(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Per instance, seed and solver with a checked schedule: its objective over the
    planted timetable's (below 1: better than the plan)."""
    planted = {(i["name"], i["seed"]): i for i in data["instances"]}
    out = []
    for row in data["results"]:
        inst = planted.get((row["instance"], row["seed"]))
        if not inst or inst.get("planted_objective") is None:
            continue
        ours = row.get("objective") if row.get("checked_ok") is True else None
        plan = inst["planted_objective"]
        out.append({"instance": row["instance"], "seed": row["seed"], "solver": row["solver"],
                    "objective": ours, "planted_objective": plan,
                    "planted_ok": inst.get("planted_ok"),
                    "ratio": ours / plan if ours is not None and plan else None})
    return out


def load_baseline(path: Path) -> dict[str, Any] | None:
    """The results.json at ``path``, or None when there is none (or it is unreadable)."""
    try:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded


def regressions(current: dict[str, Any], baseline: dict[str, Any] | None
                ) -> tuple[list[dict[str, Any]], int]:
    """Rows of ``current`` worse than the same row of ``baseline``, and how many rows were
    comparable (both deterministic, same instance text, seed, solver and time limit)."""
    if not baseline:
        return [], 0

    def shas(data: dict[str, Any]) -> dict[tuple[str, int], str | None]:
        return {(i["name"], i["seed"]): i.get("scenario_sha256") for i in data["instances"]}

    now_sha, then_sha = shas(current), shas(baseline)
    before = {(r["instance"], r["seed"], r["solver"], r.get("time_limit")): r
              for r in baseline.get("results", []) if r.get("deterministic")}
    worse: list[dict[str, Any]] = []
    compared = 0
    for row in current["results"]:
        if not row.get("deterministic"):
            continue
        key = (row["instance"], row["seed"], row["solver"], row.get("time_limit"))
        old = before.get(key)
        sha = now_sha.get(key[:2])
        if old is None or sha is None or then_sha.get(key[:2]) != sha:
            continue
        compared += 1
        had = old.get("checked_ok") is True and old.get("objective") is not None
        has = row.get("checked_ok") is True and row.get("objective") is not None
        if had and (not has or row["objective"] > old["objective"]):
            worse.append({"instance": key[0], "seed": key[1], "solver": key[2],
                          "time_limit": key[3], "objective": row.get("objective") if has
                          else None, "baseline_objective": old["objective"],
                          "status": row.get("status")})
    return worse, compared


def describe_regressions(worse: list[dict[str, Any]]) -> str:
    """One line per regression, for the console and results.md."""
    lines = []
    for w in worse:
        now = w["objective"] if w["objective"] is not None else f"none ({w['status']})"
        lines.append(f"REGRESSION {w['instance']}/s{w['seed']} {w['solver']} at "
                     f"{w['time_limit']:g} deterministic units: objective {now} where the "
                     f"committed results had {w['baseline_objective']}")
    return "\n".join(lines)
