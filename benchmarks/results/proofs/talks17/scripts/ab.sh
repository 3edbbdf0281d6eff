#!/bin/bash
# ab.sh OUT ORDER...: per shape, each tree in the order given; loads logged
source /work/venv/bin/activate
out=$1; shift
mkdir -p $out
for shape in talks-100 talks-50; do
  for tree in "$@"; do
    echo "$tree $shape start $(date -u +%T) $(cat /proc/loadavg)" >> $out/loads.log
    (cd $out && PYTHONPATH=/tmp/talks17/$tree:/tmp/talks17/$tree/plugins python -m benchmarks.proofs --seeds 5 --time-limit 10 --no-scenarios --instance $shape -o $out/out-$tree-$shape > $out/$tree-$shape.log 2>&1)
    echo "$tree $shape end $(date -u +%T) $(cat /proc/loadavg)" >> $out/loads.log
  done
done
