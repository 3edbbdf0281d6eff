#!/bin/bash
# round4.sh OUT LIMIT SEEDS inst... : main (base tree) vs this branch, alternating
OUT=$1; LIMIT=$2; SEEDS=$3; shift 3
source /work/venv/bin/activate
D=/work/wt/proofs5/benchmarks/results/proofs/heldout-wall/drive.py
for seed in $SEEDS; do for inst in "$@"; do
  (cd /tmp/proofs5/base && PYTHONPATH=/tmp/proofs5/base python $D main $inst --seed $seed --limit $LIMIT) >> $OUT
  (cd /work/wt/proofs5 && PYTHONPATH=/work/wt/proofs5 python $D proofs5 $inst --seed $seed --limit $LIMIT) >> $OUT
done; done
