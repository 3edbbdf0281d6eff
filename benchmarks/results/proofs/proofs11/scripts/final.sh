#!/bin/bash
source /work/venv/bin/activate
OUT=/tmp/proofs11/final; mkdir -p $OUT; cd $OUT
/tmp/proofs11/ab.sh $OUT/pycon10 10
for t in base new; do
  if [ $t = base ]; then P=/tmp/proofs11/base; else P=/tmp/proofs11/snap; fi
  echo "suite $t $(uptime)" >> $OUT/load.txt
  PYTHONPATH=$P python -m benchmarks.proofs --time-limit 10 -o $OUT/suite-$t > $OUT/suite-$t.log 2>&1
done
mkdir -p $OUT/ci-empty && cd $OUT/ci-empty
echo "ci $(uptime)" >> $OUT/load.txt
PYTHONPATH=/tmp/proofs11/snap python -m benchmarks.run --suite ci --deterministic --solver confsched --baseline /work/wt/proofs11/benchmarks/results/ci/results.json -o $OUT/ci > $OUT/ci.log 2>&1
echo "end $(uptime)" >> $OUT/load.txt
