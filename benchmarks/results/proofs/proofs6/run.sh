#!/bin/bash
# usage: batch3.sh OUT LIMIT "cpseeds" "inst:seed ..." "label=TREE|SET" ...
# Runs benchmarks/results/proofs/proofs6/trace.py from each variant's tree, variants alternating per instance.
out=$1; limit=$2; cpss=$3; insts=$4; shift 4
source /work/venv/bin/activate
err=$(mktemp /tmp/proofs6/err.XXXXXX)
for cps in $cpss; do
for is in $insts; do
  for v in "$@"; do
    label=${v%%=*}; rest=${v#*=}; tree=${rest%%|*}; set=${rest#*|}
    r=$(cd $tree && PYTHONPATH=$tree SET="$set" DBG=1 python /work/wt/proofs6/benchmarks/results/proofs/proofs6/trace.py ${is%:*} ${is#*:} $limit $cps 2>$err)
    side=$(grep '\[side\]' $err | tr '\n' ' ' | sed 's/"/'"'"'/g')
    [ -z "$r" ] && r='{"error": "'$(tail -1 $err | sed 's/"//g')'"}'
    echo "{\"variant\": \"$label\", \"set\": \"$set\", \"side\": \"$side\", \"run\": $r}" >> $out
  done
done
done
