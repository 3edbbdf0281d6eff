#!/bin/bash
# ab.sh OUT LIMIT LABEL...: per label, main (/tmp/proofs16/base) and branch (/tmp/proofs16/snap) alternating.
out=$1; limit=$2; shift 2
source /work/venv/bin/activate
i=0
for label in "$@"; do
  if [ $((i % 2)) -eq 0 ]; then order="base branch"; else order="branch base"; fi
  for t in $order; do
    if [ $t = base ]; then tree=/tmp/proofs16/base; else tree=/tmp/proofs16/snap; fi
    echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg) $t $label" >> $out.load
    (cd $tree && PYTHONPATH=$tree:$tree/plugins python /tmp/proofs16/row.py "$label" $limit $t) >> $out.jsonl 2>>$out.err
  done
  i=$((i+1))
done
