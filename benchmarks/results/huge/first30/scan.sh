#!/bin/bash
# The at-scale greedy on generated events under one code tree (same_greedy.py), in MODE
# (`scale`: before, the tree's at-scale work; `handoff`: after, the at-scale work as it is):
#   bash scan.sh TREE MODE > OUT      (scan-base.txt: f4238a1 scale; scan-new.txt: handoff)
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$1" || exit 1
source /work/venv.sh
export PYTHONPATH=$1:$1/plugins
for args in "large 400 20 5 1 12" "large 800 30 5 1 4" "large 300 10 8 1 8"; do
  python "$HERE/same_greedy.py" $args "$2"
done
