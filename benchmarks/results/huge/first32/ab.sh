#!/bin/bash
# usage: ab.sh TAG SEEDS... : seed by seed, main's tree (/tmp/first32/base) and the snapshot
# /tmp/first32/TAG of this branch at the same time
source /work/venv/bin/activate
tag=$1; shift
out=/tmp/first32/logs; mkdir -p $out
for s in "$@"; do
  (cd /tmp/first32/base && AS_IF_IDLE=1 CHAINS=1 PYTHONPATH=/tmp/first32/base python /tmp/first32/start_trace.py /tmp/huge/big$s.yaml 120 > $out/base-s$s.log 2>&1) &
  (cd /tmp/first32/$tag && AS_IF_IDLE=1 CHAINS=1 PYTHONPATH=/tmp/first32/$tag python /tmp/first32/start_trace.py /tmp/huge/big$s.yaml 120 > $out/$tag-s$s.log 2>&1) &
  wait
done
