#!/bin/bash
# A/B on the wall clock: PYTHONPATH=TREE python -m benchmarks.proofs --seeds 5 --no-scenarios --instance X --time-limit LIMIT, alternating base / snap per instance and round
OUT=$1; LIMIT=$2; ROUNDS=$3; shift 3
source /work/venv/bin/activate
mkdir -p $OUT
for r in $(seq 1 $ROUNDS); do
for inst in "$@"; do
  for tree in base snap3; do
    d=$OUT/$tree-r$r-${inst//\//-}
    mkdir -p $d; cd $d
    echo "$(date -u +%T) $(cat /proc/loadavg) $tree $inst start" >> $OUT/load.txt
    PYTHONPATH=/tmp/proofs12/$tree python -m benchmarks.proofs --seeds 5 --no-scenarios --instance $inst --time-limit $LIMIT -o . > run.log 2>&1
    echo "$(date -u +%T) $(cat /proc/loadavg) $tree $inst done: $(tail -2 run.log | head -1)" >> $OUT/load.txt
  done
done
done
