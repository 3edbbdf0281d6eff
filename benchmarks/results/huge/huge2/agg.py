"""Sum py-spy's raw (folded) stacks: samples per function (inclusive and self) and per line.

    py-spy record -r 200 --format raw -o STACKS.txt -- python prof.py big3.yaml 2000
    python benchmarks/results/huge/huge2/agg.py STACKS.txt [FRAME]

Only the stacks with a frame whose name contains FRAME (default ``greedy_schedule``) count.
py-spy samples a process that is runnable as well as one that runs, so on a loaded machine
the shares are of wall time; read them as shares, not seconds.
"""

from __future__ import annotations

import collections
import sys


def main(path: str, frame: str) -> None:
    by_line: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    with open(path) as handle:
        for line in handle:
            stack, _, count = line.rstrip().rpartition(" ")
            n = int(count)
            frames = stack.split(";")
            if frame and not any(frame in f for f in frames):
                continue
            total += n
            leaf = frames[-1]
            by_line[leaf] += n
            own[leaf.split(" (")[0] + " " + leaf.split("(")[-1].split(":")[0]] += n
            seen = set()
            for f in frames:
                key = f.split(" (")[0] + " (" + f.split("(")[-1].split(":")[0].split("/")[-1] + ")"
                if key not in seen:
                    seen.add(key)
                    inclusive[key] += n
    print("total samples", total)
    for title, counter, top in (("inclusive by function", inclusive, 45),
                                ("self by function", own, 25), ("self by line", by_line, 40)):
        print("==", title)
        for key, n in counter.most_common(top):
            print(f"{n:7d} {100 * n / max(1, total):5.1f}% {key}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "greedy_schedule")
