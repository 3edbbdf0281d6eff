#!/bin/bash
# usage: abc.sh SEEDS... : per seed, main (/tmp/first32/base), this branch without the chain
# budget (/tmp/first32/relief) and this branch (/tmp/first32/final), all three at once
source /work/venv/bin/activate
out=/tmp/first32/logs; mkdir -p $out
for s in "$@"; do
  for v in base relief final; do
    (cd /tmp/first32/$v && AS_IF_IDLE=1 CHAINS=1 PYTHONPATH=/tmp/first32/$v python /tmp/first32/start_trace.py /tmp/huge/big$s.yaml 120 > $out/abc-$v-s$s.log 2>&1) &
  done
  wait
done
