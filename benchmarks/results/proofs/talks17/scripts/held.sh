#!/bin/bash
# held.sh OUT SNAP: seeds 5-12 of talks-50/100, base and SNAP alternating (order swapped each label)
source /work/venv/bin/activate
out=$1; snap=$2; mkdir -p $out; i=0
for seed in 5 6 7 8 9 10 11 12; do for shape in talks-50 talks-100; do
  if [ $((i % 2)) -eq 0 ]; then order="base $snap"; else order="$snap base"; fi; i=$((i+1))
  for tree in $order; do
    (cd /tmp/talks17/scripts && PYTHONPATH=/tmp/talks17/$tree:/tmp/talks17/$tree/plugins python row.py $shape/s$seed 10 $tree >> $out/rows.jsonl 2>> $out/err.log)
  done
done; done
