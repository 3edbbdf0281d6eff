#!/bin/bash
cd /tmp/large10/run300
source /work/venv/bin/activate
( while true; do echo "$(date -u +%H:%M:%S) $(cat /proc/loadavg)" >> load.txt; sleep 30; done ) &
LOADER=$!
cd /work/wt/large10
PYTHONPATH=/work/wt/large10 python -m benchmarks.lns_compare --instance large:36 --instance large:37 \
  --time-limit 300 --variant 'cp-sat + lns' --variant 'cp-sat + lns (baseline)' \
  --baseline /tmp/large10/base -o /tmp/large10/run300/out > /tmp/large10/run300/run.log 2>&1
echo "rc $?" >> /tmp/large10/run300/run.log
kill $LOADER
