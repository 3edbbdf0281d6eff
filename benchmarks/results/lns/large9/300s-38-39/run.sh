#!/bin/bash
cd /tmp/large9/run300b
source /work/venv/bin/activate
( while true; do echo "$(date -u +%H:%M:%S) $(cat /proc/loadavg)" >> load.txt; sleep 30; done ) &
LOADER=$!
PYTHONPATH=/work/wt/large9 python -m benchmarks.lns_compare --instance large:38 --instance large:39 \
  --time-limit 300 --variant 'cp-sat + lns' --variant 'cp-sat + lns (baseline)' \
  --baseline /tmp/large9/base -o /tmp/large9/run300b/out > run.log 2>&1
echo "rc $?" >> run.log
kill $LOADER
