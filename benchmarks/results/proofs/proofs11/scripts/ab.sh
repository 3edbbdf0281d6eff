#!/bin/bash
# usage: ab.sh OUT LIMIT [extra args] ; alternates main (base) and branch per instance
OUT=$1; LIMIT=$2; shift 2
source /work/venv/bin/activate
mkdir -p $OUT; cd $OUT
for inst in pycon/s0 pycon/s1 pycon/s2 pycon/s3 pycon/s4; do
  for t in base new; do
    if [ $t = base ]; then P=/tmp/proofs11/base; else P=${NEW:-/tmp/proofs11/snap}; fi
    n=$(echo $inst | tr / -)
    echo "$t $inst $(uptime)" >> load.txt
    PYTHONPATH=$P python -m benchmarks.proofs --seeds 5 --no-scenarios --instance $inst --time-limit $LIMIT "$@" -o $t-$n > $t-$n.log 2>&1
  done
done
echo "end $(uptime)" >> load.txt
