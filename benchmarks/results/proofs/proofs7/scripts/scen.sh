#!/bin/bash
source /work/venv/bin/activate
out=/tmp/proofs7/scen; mkdir -p $out
for tree in base p7b; do
  uptime >> $out/load.txt
  (cd /tmp/proofs7/$tree && PYTHONPATH=/tmp/proofs7/$tree python -m benchmarks.proofs --deterministic --time-limit 5 --seeds 0 --scenarios -o $out/$tree-scenarios > /dev/null 2>$out/$tree.err)
done
uptime >> $out/load.txt
