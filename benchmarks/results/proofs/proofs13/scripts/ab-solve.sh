#!/bin/bash
# A/B of `python -m benchmarks.proofs` (main = /tmp/proofs13/base, branch = /tmp/proofs13/snap), alternating
source /work/venv/bin/activate
out=$1; rounds=$2; shift 2
mkdir -p $out
for r in $(seq 1 $rounds); do
 for inst in "$@"; do
  for tree in base snap; do
    n=$(echo $inst | tr / -)
    echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg) $tree r$r $inst" >> $out/load.txt
    (cd /tmp/proofs13/empty && PYTHONPATH=/tmp/proofs13/$tree python -m benchmarks.proofs --seeds 5 --no-scenarios --instance $inst --time-limit 10 -o $out/$tree-r$r-$n > /dev/null 2>&1)
    python - <<PY
import json
d = json.load(open("$out/$tree-r$r-$n/proofs.json"))
rows = d["results"]
for row in rows:
    print("$tree", "r$r", row.get("instance"), row.get("status"), row.get("objective"), row.get("bound"), row.get("wall"), row.get("cpu"), row.get("deterministic"), flush=True)
PY
  done
 done
done
