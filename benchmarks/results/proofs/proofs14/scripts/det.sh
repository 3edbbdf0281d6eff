#!/bin/bash
out=$1; shift
source /work/venv/bin/activate
for label in "$@"; do
  for t in base snap3; do
    tree=/tmp/proofs14/$t
    echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg) $t $label" >> $out.load
    (cd $tree && DET=1 PYTHONPATH=$tree python /tmp/proofs14/row.py "$label" 10 $t) >> $out.jsonl 2>>$out.err
  done
done
