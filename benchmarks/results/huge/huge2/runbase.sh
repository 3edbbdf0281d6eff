#!/bin/bash
# usage: runbase.sh TAG TREE SEEDS...
source /work/venv/bin/activate
tag=$1; tree=$2; shift 2
for s in "$@"; do
  (cd /tmp/huge2 && PYTHONPATH=$tree /usr/bin/time -v python /tmp/huge2/first_schedule.py /tmp/huge/big$s.yaml 120 /tmp/huge2/logs/$tag-s$s.pkl > /tmp/huge2/logs/$tag-s$s.log 2>&1)
done
