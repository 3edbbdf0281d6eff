#!/bin/bash
# A/B of `confsched bound --json` (main tree /tmp/proofs13/base vs branch), alternating per file
source /work/venv/bin/activate
out=$1; shift
mkdir -p $out
for f in "$@"; do
  for tree in base branch; do
    if [ $tree = base ]; then T=/tmp/proofs13/base; else T=/work/wt/proofs13; fi
    n=$(basename $f .yaml)
    echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg) $tree $n" >> $out/load.txt
    (cd /tmp && PYTHONPATH=$T /usr/bin/time -f "%U %S" -o $out/$tree-$n.time python -c "from scheduler.cli import run; run()" bound $f --json > $out/$tree-$n.json 2>/dev/null)
    python -c "import json,sys; d=json.load(open('$out/$tree-$n.json')); print('$tree', '$n', d['lower_bound'], d['complete'], round(d['cpu_seconds'],2), [ (p['terms'][0], p['bound']) for p in d['parts'] if 'participant_clashes' in p['terms']])"
  done
done
