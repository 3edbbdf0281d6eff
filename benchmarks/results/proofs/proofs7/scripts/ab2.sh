#!/bin/bash
# usage: ab2.sh OUT LIMIT INSTANCE_PREFIX... ; alternates main and the proofs7 snapshot (default bounds each)
source /work/venv/bin/activate
out=$1; lim=$2; shift 2
mkdir -p $out
for inst in "$@"; do
  tag=$(echo $inst | tr / -)
  for tree in base p7a; do
    uptime >> $out/load.txt
    (cd /tmp/proofs7/$tree && PYTHONPATH=/tmp/proofs7/$tree python -m benchmarks.proofs --deterministic --time-limit $lim --seeds 10 --no-scenarios --instance $inst -o $out/$tree-$tag > /dev/null 2>$out/$tree-$tag.err)
  done
done
uptime >> $out/load.txt
