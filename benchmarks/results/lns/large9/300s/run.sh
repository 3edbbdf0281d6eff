#!/bin/bash
cd /tmp/large9/run300
( while true; do echo "$(date -u +%H:%M:%S) $(cat /proc/loadavg)" >> load.txt; sleep 30; done ) &
LOADER=$!
PYTHONPATH=/work/wt/large9 python -m benchmarks.lns_compare --instance large:36 --instance large:37 \
  --time-limit 300 --variant 'cp-sat + lns' --variant 'cp-sat + lns (baseline)' \
  --baseline /tmp/large9/base -o /tmp/large9/run300/out > run.log 2>&1
echo "rc $?" >> run.log
kill $LOADER
