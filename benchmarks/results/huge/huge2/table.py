"""The README's table from a ``final.sh`` folder: CPU seconds per phase, wall, load.

    python benchmarks/results/huge/huge2/table.py final-f2 3 5 4 1 2
"""

from __future__ import annotations

import pathlib
import re
import sys

PHASES = ("load", "facts", "precheck", "greedy", "complete")
HEADER = ("| seed | tree | load start / end | load | facts | precheck | greedy "
          "| checker + soft terms | first schedule CPU s (from the file's load) "
          "| into the solve (CPU s) | wall (from the file's load) | objective | peak RSS |")


def parse(path: pathlib.Path) -> dict[str, object]:
    """One ``first_schedule.py`` log (under ``/usr/bin/time -v``)."""
    text = path.read_text()
    out: dict[str, object] = {}
    for m in re.finditer(r"PHASE (\w+)\s+wall=\s*([\d.]+)s cpu=\s*([\d.]+)s", text):
        out[m.group(1)] = float(m.group(3))
    first = re.search(r"FIRST SCHEDULE at wall ([\d.]+)s, cpu ([\d.]+)s", text)
    assert first is not None
    out["wall"], out["cpu"] = float(first.group(1)), float(first.group(2))
    objective = re.search(r"FIRST \w+ objective (\S+)", text)
    out["objective"] = objective.group(1) if objective else "-"
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    out["rss"] = int(rss.group(1)) // 1024 if rss else 0
    end = re.search(r"LOAD at end (\S+)", text)
    out["end"] = end.group(1) if end else "-"
    return out


def main(folder: pathlib.Path, seeds: list[str]) -> None:
    loads: dict[tuple[str, str], str] = {}
    for line in (folder / "runs.txt").read_text().splitlines():
        m = re.match(r"\S+ seed (\d) (\S+) load (\S+)", line)
        if m:
            loads[(m.group(1), m.group(2).split("-")[0])] = m.group(3)
    print(HEADER)
    print("|" + "---|" * 13)
    for seed in seeds:
        for tree in ("base", "rel"):
            path = folder / f"{tree}-s{seed}.log"
            if not path.exists() or "FIRST SCHEDULE" not in path.read_text():
                continue
            o = parse(path)
            cpu = [f"{o[p]:.2f}" for p in PHASES]
            cpu[3] = f"**{cpu[3]}**"
            into = sum(float(str(o[p])) for p in PHASES[1:])
            name = "main" if tree == "base" else "huge2"
            print(f"| {seed} | {name} | {loads.get((seed, tree), '?')} / {o['end']} | "
                  + " | ".join(cpu)
                  + f" | {o['cpu']:.2f} | {into:.2f} | {o['wall']:.1f} | {o['objective']} "
                  f"| {o['rss']} MB |")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]), sys.argv[2:])
