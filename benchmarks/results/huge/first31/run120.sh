#!/bin/bash
# Seed 3 on main's tree (BASE, a `git archive` of it) and on this branch, then seeds 1-5 on
# this branch, each a 120-s solve, one after another (2 workers each):
#   bash benchmarks/results/huge/first31/run120.sh BASE
HERE=$(cd "$(dirname "$0")" && pwd)
TREE=$(cd "$HERE/../../../.." && pwd)
source /work/venv/bin/activate
one() {  # tree, seed, log
  (cd "$1" && uptime && PYTHONPATH=$1 /usr/bin/time -v python "$TREE/benchmarks/results/huge/phases.py" \
     /tmp/huge/big$2.yaml 120; uptime) > "$3" 2>&1
}
one "$1" 3 "$HERE/s3-120-base.log"
for s in 3 1 2 4 5; do
  one "$TREE" $s "$HERE/s$s-120.log"
done
