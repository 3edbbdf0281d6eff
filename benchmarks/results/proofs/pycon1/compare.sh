#!/bin/bash
# usage: compare.sh OUT LIMIT SEEDS...
source /work/venv/bin/activate
out=$1; limit=$2; shift 2
for s in "$@"; do
  for tree in base new; do
    if [ $tree = base ]; then root=/tmp/pycon1/base; else root=/work/wt/pycon1; fi
    (cd /tmp/pycon1 && PYTHONPATH=$root:$root/plugins python /tmp/pycon1/drive.py /tmp/pycon1/inst/pycon-s$s.yaml $limit | sed "s/^{/{\"tree\": \"$tree\", /" >> $out)
  done
done
