#!/bin/bash
# The greedy's placement hashed on generated events under one code tree (same_greedy.py):
#   bash same.sh TREE > OUT        (TREE: a checkout, e.g. `git archive f4238a1 | tar -x -C T`)
# The events of same-base.txt / same-new.txt (the hand-over off in both: the at-scale work
# with handoff=0 where the tree has it).
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$1" || exit 1
source /work/venv.sh
export PYTHONPATH=$1:$1/plugins
for args in "large 200 10 5 1 8" "large 300 10 8 1 6 scale" "large 400 20 5 1 6 scale"; do
  python "$HERE/same_greedy.py" $args
done
