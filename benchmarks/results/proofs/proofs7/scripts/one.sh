#!/bin/bash
# usage: one.sh TREE OUT LIMIT INSTANCE_PREFIX...
source /work/venv/bin/activate
tree=$1; out=$2; lim=$3; shift 3
mkdir -p $out
for inst in "$@"; do
  tag=$(echo $inst | tr / -)
  uptime >> $out/load.txt
  (cd /tmp/proofs7/$tree && PYTHONPATH=/tmp/proofs7/$tree python -m benchmarks.proofs --deterministic --time-limit $lim --seeds 10 --no-scenarios --instance $inst -o $out/$tree-$tag > /dev/null 2>$out/$tree-$tag.err)
done
uptime >> $out/load.txt
