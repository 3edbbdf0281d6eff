#!/bin/bash
# usage: final.sh TAG SEEDS... : snapshot HEAD of the worktree (git archive) to /tmp/huge2/rel-TAG; per seed,
# main (/tmp/huge2/base) then the branch, alternating which goes first, first_schedule.py under /usr/bin/time -v
source /work/venv/bin/activate
tag=$1; shift
out=/tmp/huge2/final-$tag; mkdir -p $out
rm -rf /tmp/huge2/rel-$tag; mkdir -p /tmp/huge2/rel-$tag
(cd /work/wt/huge2 && git archive HEAD | tar -x -C /tmp/huge2/rel-$tag)
(cd /work/wt/huge2 && git log --oneline -1) > $out/commit.txt
i=0
for s in "$@"; do
  if [ $((i % 2)) = 0 ]; then order="base rel-$tag"; else order="rel-$tag base"; fi
  i=$((i+1))
  for v in $order; do
    name=${v%%-*}
    echo "$(date -u +%H:%M:%S) seed $s $v load $(cut -d' ' -f1-3 /proc/loadavg)" >> $out/runs.txt
    (cd /tmp/huge2 && PYTHONPATH=/tmp/huge2/$v /usr/bin/time -v python /tmp/huge2/first_schedule.py /tmp/huge/big$s.yaml ${LIMIT:-600} $out/$name-s$s.pkl > $out/$name-s$s.log 2>&1)
  done
  python /tmp/huge2/first_compare.py $out/base-s$s.pkl $out/rel-s$s.pkl > $out/compare-s$s.txt 2>&1
done
echo "$(date -u +%H:%M:%S) done load $(cut -d' ' -f1-3 /proc/loadavg)" >> $out/runs.txt
