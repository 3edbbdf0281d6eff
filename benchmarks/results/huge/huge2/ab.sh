#!/bin/bash
# usage: ab.sh TAG SEEDS... : snapshot the worktree to /tmp/huge2/snap-TAG, then per seed base then new (prof.py, limit 2000: caps never bind)
source /work/venv/bin/activate
tag=$1; shift
rm -rf /tmp/huge2/snap-$tag; mkdir -p /tmp/huge2/snap-$tag
(cd /work/wt/huge2 && git ls-files -co --exclude-standard scheduler | tar -cf - -T - | tar -xf - -C /tmp/huge2/snap-$tag)
for s in "$@"; do
  for v in ${AB_TREES:-base snap-$tag}; do
    r=$(cd /tmp/huge2 && PYTHONPATH=/tmp/huge2/$v python prof.py /tmp/huge/big$s.yaml 2000 2>&1 | tr '\n' ' ')
    echo "seed $s $v load $(cut -d' ' -f1 /proc/loadavg) $r"
  done
done
