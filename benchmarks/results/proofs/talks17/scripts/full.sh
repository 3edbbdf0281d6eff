#!/bin/bash
# full.sh OUT TREE...: the whole proofs benchmark per tree, in the order given
source /work/venv/bin/activate
out=$1; shift; mkdir -p $out
for tree in "$@"; do
  echo "$tree start $(date -u +%T) $(cat /proc/loadavg)" >> $out/loads.log
  (cd $out && PYTHONPATH=/tmp/talks17/$tree:/tmp/talks17/$tree/plugins python -m benchmarks.proofs --seeds 5 --time-limit 10 -o $out/full-$tree > $out/full-$tree.log 2>&1)
  echo "$tree end $(date -u +%T) $(cat /proc/loadavg)" >> $out/loads.log
done
