#!/bin/bash
# Small seminars with ranked choices, before (61df7d6) and after the choices term's
# per-registration variables, 30 s wall each, 2 workers, one after another:
#   bash benchmarks/results/proofs/choices-bound/run.sh > benchmarks/results/proofs/choices-bound/run.txt
set -u
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
work="$(mktemp -d)"
mkdir "$work/base" "$work/cwd"
git -C "$root" archive 61df7d6 | tar -x -C "$work/base"
cd "$work/cwd"  # python -m puts the working folder first on sys.path: an empty one
for seed in 2 3 4 5 6; do
  confsched generate --shape seminar --sessions 12 --choices 2 --seed "$seed" -o "$work/s$seed.yaml" >/dev/null
  for tree in "$work/base" "$root"; do
    label=$([ "$tree" = "$root" ] && echo after || echo before)
    echo "seed $seed $label load $(cut -d' ' -f1 /proc/loadavg): $(PYTHONPATH="$tree" python -m scheduler.cli solve "$work/s$seed.yaml" -o "$work/out.yaml" --time-limit 30 --workers 2 2>&1 | grep '^status')"
  done
done
