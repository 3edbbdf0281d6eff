#!/bin/bash
# usage: compare_ab.sh OUT LIMIT ROOT_A ROOT_B SEEDS...
source /work/venv/bin/activate
out=$1; limit=$2; a=$3; b=$4; shift 4
for s in "$@"; do
  for root in $a $b; do
    (cd /tmp/pycon1 && PYTHONPATH=$root:$root/plugins python /tmp/pycon1/drive.py /tmp/pycon1/inst/pycon-s$s.yaml $limit | sed "s#^{#{\"tree\": \"$root\", #" >> $out)
  done
done
