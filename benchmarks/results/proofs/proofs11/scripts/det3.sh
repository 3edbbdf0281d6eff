#!/bin/bash
source /work/venv/bin/activate
OUT=/tmp/proofs11/det3; mkdir -p $OUT; cd $OUT
for inst in pycon/s0 pycon/s2 pycon/s3; do
  for t in base new; do
    if [ $t = base ]; then P=/tmp/proofs11/base; else P=/tmp/proofs11/snap; fi
    n=$(echo $inst | tr / -)
    echo "$t $inst $(uptime)" >> load.txt
    PYTHONPATH=$P python -m benchmarks.proofs --seeds 5 --no-scenarios --instance $inst --time-limit 3 --deterministic --wall-factor 60 -o $t-$n > $t-$n.log 2>&1
  done
done
echo "end $(uptime)" >> load.txt
