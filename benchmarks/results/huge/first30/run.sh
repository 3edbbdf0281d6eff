#!/bin/bash
# Before (d0d6c80, main) and after (this branch) in one run, alternating, one at a time.
source /work/venv.sh
S=/tmp/f30/first_schedule.py
run() {  # tree name instance out
  ( cd /tmp/f30/$1 && PYTHONPATH=/tmp/f30/$1:/tmp/f30/$1/plugins python $S $2 120 /tmp/f30/final/$3.pkl ) > /tmp/f30/final/$3.log 2>&1
}
for inst in /work/wt/first30/scenarios/*.yaml /tmp/f30/gen/*.yaml; do
  name=$(basename $inst .yaml)
  case $name in academic-talks) continue;; esac
  run base $inst base-$name; run newtree $inst new-$name
  echo "== $name" >> /tmp/f30/final/compare.txt
  python /work/wt/first30/benchmarks/results/huge/first_compare.py /tmp/f30/final/base-$name.pkl /tmp/f30/final/new-$name.pkl >> /tmp/f30/final/compare.txt 2>&1
done
for s in 1 2 3 4; do
  run base /tmp/huge/big$s.yaml base-big$s; run newtree /tmp/huge/big$s.yaml new-big$s
  echo "== big$s" >> /tmp/f30/final/compare.txt
  python /work/wt/first30/benchmarks/results/huge/first_compare.py /tmp/f30/final/base-big$s.pkl /tmp/f30/final/new-big$s.pkl >> /tmp/f30/final/compare.txt 2>&1
done
echo ALLDONE >> /tmp/f30/final/compare.txt
