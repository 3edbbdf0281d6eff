#!/bin/bash
# The five 10,000-session seeds at 120 s on this tree, one after another (2 workers each):
#   bash benchmarks/results/huge/first30/run120.sh 3 5 1 2 4
cd "$(dirname "$0")/../../../.."
source /work/venv.sh
for s in "$@"; do
  /usr/bin/time -v python benchmarks/results/huge/phases.py /tmp/huge/big$s.yaml 120 \
    > benchmarks/results/huge/first30/s$s-120.log 2>&1
done
