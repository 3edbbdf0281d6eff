#!/bin/bash
# usage: run120.sh SEED... : 120-s solves of this branch's snapshot (/tmp/first32/final),
# two at a time, each log starting and ending with uptime
source /work/venv/bin/activate
cd /tmp/first32/final; export PYTHONPATH=/tmp/first32/final
while [ $# -gt 0 ]; do
  for s in $1 $2; do
    ( (uptime; /usr/bin/time -v python /work/main/benchmarks/results/huge/phases.py /tmp/huge/big$s.yaml 120; uptime) > /tmp/first32/logs/s$s-120-final.log 2>&1 ) &
  done
  wait; shift; shift
done
