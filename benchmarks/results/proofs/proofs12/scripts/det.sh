#!/bin/bash
# PYTHONPATH=TREE python -m benchmarks.proofs --deterministic --time-limit 10 --no-scenarios --instance X, one tree, instances in order
OUT=$1; TREE=$2; shift 2
source /work/venv/bin/activate
mkdir -p $OUT
for inst in "$@"; do
  d=$OUT/$TREE-${inst//\//-}
  mkdir -p $d; cd $d
  echo "$(date -u +%T) $(cat /proc/loadavg) $TREE $inst start" >> $OUT/load.txt
  PYTHONPATH=/tmp/proofs12/$TREE python -m benchmarks.proofs --deterministic --seeds 5 --no-scenarios --instance $inst --time-limit 10 -o . > run.log 2>&1
  echo "$(date -u +%T) $(cat /proc/loadavg) $TREE $inst done: $(tail -2 run.log | head -1)" >> $OUT/load.txt
done
