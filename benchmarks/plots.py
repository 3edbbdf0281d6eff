"""PNG plots of a benchmark run (matplotlib, Agg backend, written atomically)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from scheduler.atomic import atomic_write_bytes

COLOURS = {"confsched": "tab:blue", "greedy": "tab:green", "conference-scheduler": "tab:red"}


def _save(fig: Any, path: Path) -> None:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    atomic_write_bytes(path, buffer.getvalue())


def _ok(r: dict[str, Any]) -> bool:
    return r.get("checked_ok") is True


def write_plots(data: dict[str, Any], out: Path) -> list[str]:
    """Time and memory against size (log-log), and objective over time per instance."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written: list[str] = []
    results = data["results"]

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for solver, colour in COLOURS.items():
        rows = sorted((r for r in results if r["solver"] == solver and _ok(r)),
                      key=lambda r: r["sessions"])
        if not rows:
            continue
        if solver != "confsched":
            ax.plot([r["sessions"] for r in rows], [max(r["seconds"], 1e-3) for r in rows],
                    "o-", color=colour, label=f"{solver}: total")
            continue
        # confsched runs to its time limit unless it proves optimality: plot when it found
        # its first schedule and when it found its final one.
        firsts = [r for r in rows if r.get("first_feasible")]
        ax.plot([r["sessions"] for r in firsts], [r["first_feasible"] for r in firsts],
                "s--", color=colour, alpha=0.6, label="confsched: first feasible")
        best = [r for r in rows if r.get("trace")]
        found = [next(t for t, v, _ in r["trace"] if v == r["trace"][-1][1]) for r in best]
        ax.plot([r["sessions"] for r in best], [max(t, 1e-3) for t in found], "o-",
                color=colour, label="confsched: final objective found")
    ax.set(xscale="log", yscale="log", xlabel="sessions", ylabel="seconds",
           title="Time against size (checked schedules only)")
    ax.grid(True, which="both", alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    _save(fig, out / "time_vs_size.png")
    plt.close(fig)
    written.append("time_vs_size.png")

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for solver, colour in COLOURS.items():
        rows = sorted((r for r in results if r["solver"] == solver and r.get("peak_mib")
                       and r.get("sessions") and r.get("status") != "unsupported"),
                      key=lambda r: r["sessions"])
        if rows:
            ax.plot([r["sessions"] for r in rows], [r["peak_mib"] for r in rows], "o-",
                    color=colour, label=solver)
    ax.set(xscale="log", yscale="log", xlabel="sessions", ylabel="peak RSS (MiB)",
           title="Peak memory against size")
    ax.grid(True, which="both", alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)
    _save(fig, out / "memory_vs_size.png")
    plt.close(fig)
    written.append("memory_vs_size.png")

    for inst in data["instances"]:
        if inst["seed"] != data["instances"][0]["seed"]:
            continue
        by_solver = {r["solver"]: r for r in results
                     if r["instance"] == inst["name"] and r["seed"] == inst["seed"]}
        ours = by_solver.get("confsched")
        if not ours or not ours.get("trace"):
            continue
        fig, ax = plt.subplots(figsize=(7, 4))
        times = [t for t, _, _ in ours["trace"]] + [ours["seconds"]]
        values = [v for _, v, _ in ours["trace"]]
        values.append(values[-1])
        ax.step(times, values, where="post", color=COLOURS["confsched"], label="confsched")
        bounds = [b for _, _, b in ours["trace"] if b is not None]
        if bounds:
            ax.axhline(bounds[-1], color=COLOURS["confsched"], ls=":", label="confsched bound")
        for other in ("greedy", "conference-scheduler"):
            row = by_solver.get(other)
            if row and _ok(row):
                ax.plot([max(row["seconds"], 1e-3)], [row["objective"]], "o",
                        color=COLOURS[other], label=f"{other} (checked)")
        ax.set(xscale="log", xlabel="seconds", ylabel="objective",
               title=f"Objective over time: {inst['name']} (seed {inst['seed']})")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
        name = f"objective_{inst['name']}.png"
        _save(fig, out / name)
        plt.close(fig)
        written.append(name)
    return written
