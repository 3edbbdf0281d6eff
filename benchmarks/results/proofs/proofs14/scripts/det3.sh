#!/bin/bash
out=$1; shift
source /work/venv/bin/activate
for label in "$@"; do
  tree=/tmp/proofs14/snap3
  echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg) snap3 $label" >> $out.load
  (cd $tree && DET=1 PYTHONPATH=$tree python /tmp/proofs14/row.py "$label" 10 snap3) >> $out.jsonl 2>>$out.err
done
