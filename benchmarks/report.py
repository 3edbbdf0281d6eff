"""Tables and ratios of a benchmark run: results.md from the records of results.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from benchmarks.suites import SOLVERS
from benchmarks.yardstick import describe_regressions
from scheduler.atomic import atomic_write_text

Records = TypeVar("Records")
"""What a benchmark writes: a dict of its run, or a list of rows."""


def write_report(folder: str | Path, stem: str, data: Records,
                 render: Callable[[Records], str]) -> None:
    """``STEM.json`` (the records) and ``STEM.md`` (``render`` of them) in ``folder``,
    each written atomically, then where the table is."""
    out = Path(folder)
    atomic_write_text(out / f"{stem}.json", json.dumps(data, indent=1) + "\n")
    atomic_write_text(out / f"{stem}.md", render(data))
    click.echo(f"wrote {out / f'{stem}.md'}")


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def fill_sizes(data: dict[str, Any]) -> None:
    """Give every result row its instance's session count (a killed job reports nothing)."""
    sizes = {(i["name"], i["seed"]): i["sessions"] for i in data["instances"]}
    for row in data["results"]:
        if not row.get("sessions"):
            row["sessions"] = sizes.get((row["instance"], row["seed"]))


def time_to_reach(record: dict[str, Any], objective: float) -> float | None:
    """When confsched's trace first reached ``objective`` or better (None: never)."""
    for elapsed, value, _bound in record.get("trace", []):
        if value <= objective:
            return float(elapsed)
    return None


def _usable(record: dict[str, Any] | None) -> bool:
    return bool(record) and record.get("checked_ok") is True  # type: ignore[union-attr]


def ratios(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per instance and seed: confsched against greedy and against conference-scheduler.

    ``objective_ratio`` is confsched's checked objective over the other's (below 1 is
    better for confsched). ``speedup`` is the peer's total time over the time confsched
    needed to reach the peer's objective or better (from its progress trace).
    """
    table: dict[tuple[str, int], dict[str, dict[str, Any]]] = {}
    for row in results:
        table.setdefault((row["instance"], row["seed"]), {})[row["solver"]] = row
    out = []
    for (name, seed), rows in table.items():
        ours = rows.get("confsched")
        if not _usable(ours):
            continue
        assert ours is not None
        for other in ("greedy", "conference-scheduler"):
            theirs = rows.get(other)
            if not _usable(theirs):
                continue
            assert theirs is not None
            entry: dict[str, Any] = {
                "instance": name, "seed": seed, "against": other,
                "confsched_objective": ours["objective"], "other_objective": theirs["objective"],
                "objective_ratio": ours["objective"] / theirs["objective"]
                if theirs["objective"] else None,
                "confsched_seconds": ours.get("seconds"), "other_seconds": theirs.get("seconds"),
            }
            reach = time_to_reach(ours, theirs["objective"])
            if reach is None and ours["objective"] <= theirs["objective"]:
                # The trace holds the solver's own objective; when it differs from the
                # checker's (e.g. capped clash pairs), fall back to the total time.
                reach = ours.get("seconds")
            entry["confsched_seconds_to_match"] = reach
            entry["speedup"] = (theirs["seconds"] / reach) if reach else None
            out.append(entry)
    return out


def targets(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The project's performance targets, each with what this run shows."""
    rows = [r for r in data["results"] if r["solver"] == "confsched"]
    lines: list[tuple[str, str]] = []
    small = [r for r in rows if (r.get("sessions") or 0) <= 100]
    if small:
        hits = [r for r in small if r.get("status") == "optimal" and r.get("seconds", 1e9) <= 5]
        lines.append(("<= 100 sessions proven optimal within 5 s",
                      f"{len(hits)} of {len(small)} runs: " + ", ".join(
                          f"{r['instance']}/s{r['seed']} {r.get('status')} "
                          f"{_fmt(r.get('seconds'), 1)} s" for r in small)))
    for name, goal, limit_s, mem in (("large", "1,000 sessions feasible and checked within 60 s "
                                      "under 4 GiB", 60, 4096),
                                     ("euro", "euro feasible within 120 s", 120, None),
                                     ("informs", "informs within 300 s and 8 GiB", 300, 8192)):
        found = [r for r in rows if r["instance"] == name]
        for r in found:
            ok = (r.get("checked_ok") is True and r.get("first_feasible") is not None
                  and r["first_feasible"] <= limit_s
                  and (mem is None or (r.get("peak_mib") or 1e12) <= mem))
            lines.append((goal, f"{'met' if ok else 'NOT met'}: {r.get('status')}, checked "
                          f"{r.get('checked_ok')}, first feasible "
                          f"{_fmt(r.get('first_feasible'), 1)} s, peak "
                          f"{_fmt(r.get('peak_mib'), 0)} MiB"))
    peer = [r for r in data["results"] if r["solver"] == "conference-scheduler"
            and r.get("status") not in ("unsupported",)]
    if peer:
        finished = [r for r in peer if r.get("checked_ok") is True]
        stopped = [r for r in peer if r.get("checked_ok") is not True]
        biggest = max((r.get("sessions") or 0 for r in finished), default=0)
        first_fail = min((r.get("sessions") or 0 for r in stopped), default=None)
        lines.append(("conference-scheduler: largest size it finishes",
                      f"{biggest} sessions" if finished else "none finished"))
        lines.append(("conference-scheduler: smallest size it does not finish in its limit",
                      f"{first_fail} sessions" if first_fail is not None else
                      "it finished every size tried"))
        at_biggest = [x for x in data.get("ratios", []) if x["against"] ==
                      "conference-scheduler" and any(r["instance"] == x["instance"] and
                                                     r.get("sessions") == biggest
                                                     for r in finished)]
        for x in at_biggest:
            lines.append((f"vs conference-scheduler at {biggest} sessions",
                          f"objective ratio {_fmt(x['objective_ratio'])}, speedup "
                          f"{_fmt(x['speedup'], 1)}x (confsched reached its objective in "
                          f"{_fmt(x['confsched_seconds_to_match'], 2)} s, it took "
                          f"{_fmt(x['other_seconds'], 1)} s)"))
    return lines


def render_markdown(data: dict[str, Any]) -> str:
    """The whole report as Markdown."""
    out = [f"# Benchmark results: suite `{data['suite']}`", ""]
    out += [f"Command: `{data['command']}`", "",
            f"Started {data['started']}, took {_fmt(data.get('wall_seconds'), 0)} s.", ""]
    m, v = data["machine"], data["versions"]
    out += [f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, {m['system']}.",
            "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + "."]
    src = data.get("source") or {}
    if src.get("commit"):
        dirty = src.get("uncommitted") or []
        out.append(f"Source: commit {src['commit'][:12]}"
                   + (f", with {len(dirty)} uncommitted file(s) under scheduler/ or "
                      "benchmarks/ (see results.json)" if dirty else "") + ".")
    out.append("")
    out += ["## Instances", "", "| instance | seed | sessions | rooms | days | tracks | "
            "registrations | time limit (s) |", "|---|---|---|---|---|---|---|---|"]
    for inst in data["instances"]:
        p = inst["params"]
        out.append(f"| {inst['name']} | {inst['seed']} | {inst['sessions']} | {p['rooms']} | "
                   f"{p['days']} | {p['tracks']} | {p['registrations']} | "
                   f"{_fmt(inst['time_limit'], 0)} |")
    out += ["", "## Results", "",
            "Objective: recomputed by the independent checker (`scheduler.checker`). "
            "`checked`: the checker found no broken hard rule. Times in seconds, memory is "
            "the job process's peak RSS.", "",
            "| instance | seed | solver | status | checked | objective | bound | gap | "
            "first feasible | total | peak MiB | variables | constraints | notes |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    order = {name: i for i, name in enumerate(SOLVERS)}
    for r in sorted(data["results"], key=lambda r: (r["order"], r["seed"],
                                                    order.get(r["solver"], 9))):
        note = _note(r)
        out.append(
            f"| {r['instance']} | {r['seed']} | {r['solver']} | {r.get('status')} | "
            f"{_fmt(r.get('checked_ok'))} | {_fmt(r.get('objective'))} | "
            f"{_fmt(r.get('bound'), 0)} | {_fmt(r.get('gap'), 3)} | "
            f"{_fmt(r.get('first_feasible'))} | {_fmt(r.get('seconds'))} | "
            f"{_fmt(r.get('peak_mib'), 0)} | {_fmt(r.get('variables'))} | "
            f"{_fmt(r.get('constraints'))} | {note} |")
    out += ["", "## Ratios", "",
            "`objective ratio` = confsched / other (below 1: confsched better). `speedup` = "
            "other's total time / time confsched took to reach the other's objective.", "",
            "| instance | seed | against | confsched objective | other objective | "
            "objective ratio | confsched s to match | other s | speedup |",
            "|---|---|---|---|---|---|---|---|---|"]
    for x in data.get("ratios", []):
        out.append(f"| {x['instance']} | {x['seed']} | {x['against']} | "
                   f"{x['confsched_objective']} | {x['other_objective']} | "
                   f"{_fmt(x['objective_ratio'], 3)} | "
                   f"{_fmt(x['confsched_seconds_to_match'])} | {_fmt(x['other_seconds'])} | "
                   f"{_fmt(x['speedup'], 1)} |")
    planted = data.get("planted") or []
    if planted:
        out += ["", "## Against the planted timetable", "",
                "The generator's own feasible timetable (laid out block by block, never "
                "optimised), its objective recomputed by the checker. `ratio` = solver / "
                "planted (below 1: better than the plan).", "",
                "| instance | seed | solver | objective | planted objective | planted checked "
                "| ratio |", "|---|---|---|---|---|---|---|"]
        for x in planted:
            out.append(f"| {x['instance']} | {x['seed']} | {x['solver']} | "
                       f"{_fmt(x['objective'])} | {_fmt(x['planted_objective'])} | "
                       f"{_fmt(x['planted_ok'])} | {_fmt(x['ratio'], 3)} |")
    if "regressions" in data:
        out += ["", "## Against the committed results", ""]
        if not any(r.get("deterministic") for r in data["results"]):
            out.append("Not compared: a wall-clock run (use `--deterministic`).")
        elif data["regressions"]:
            out += [f"- **{line}**" for line in
                    describe_regressions(data["regressions"]).splitlines()]
        else:
            out.append(f"No regression ({data.get('compared', 0)} result(s) compared).")
    out += ["", "## Targets", ""]
    for goal, seen in targets(data):
        out.append(f"- **{goal}**: {seen}")
    plots = data.get("plots", [])
    if plots:
        out += ["", "## Plots", ""] + [f"![{p}]({p})" for p in plots]
    return "\n".join(out) + "\n"


def _note(r: dict[str, Any]) -> str:
    parts = []
    if r.get("reasons"):
        parts.append("cannot express: " + "; ".join(r["reasons"]))
    if r.get("unplaced"):
        parts.append(f"{len(r['unplaced'])} not placed")
    if r.get("violated_rules"):
        parts.append("broken: " + ", ".join(r["violated_rules"]))
    for key in ("error", "note"):
        if r.get(key):
            parts.append(str(r[key]))
    parts.extend(str(n) for n in r.get("notes") or [])
    return "; ".join(parts).replace("|", "/")
