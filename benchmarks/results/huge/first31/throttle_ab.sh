#!/bin/bash
# first30's throttle (0.1 of the process's share from the end of the start phase on), on
# main's tree (BASE) and on this branch, seed 2 at 120 s, one after the other:
#   bash benchmarks/results/huge/first31/throttle_ab.sh BASE
HERE=$(cd "$(dirname "$0")" && pwd)
TREE=$(cd "$HERE/../../../.." && pwd)
source /work/venv/bin/activate
for t in "$1:base" "$TREE:first31"; do
  dir=${t%%:*}; name=${t##*:}
  (cd "$TREE" && uptime && PYTHONPATH=$dir /usr/bin/time -v python \
     benchmarks/results/huge/first30/throttle_after.py 0.1 /tmp/huge/big2.yaml 120; uptime) \
     > "$HERE/s2-120-throttled-$name.log" 2>&1
done
