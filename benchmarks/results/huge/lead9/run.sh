#!/bin/bash
# the merged main, one seed after the other, from an empty folder
source /work/venv/bin/activate
cd /tmp/lead9
for n in 5 1 2 4; do
  uptime > s$n-120-idle.log
  PYTHONPATH=/work/main /usr/bin/time -v python /work/main/benchmarks/results/huge/phases.py /tmp/huge/big$n.yaml 120 >> s$n-120-idle.log 2>&1
  uptime >> s$n-120-idle.log
done
