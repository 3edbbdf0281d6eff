#!/bin/bash
# 60-s solves, this branch (helper by default) vs base (one process), alternating
source /work/venv/bin/activate
for ev in euro14 informs15; do
for tree in /work/wt/process6 /tmp/process6/base; do
  label=$([ $tree = /tmp/process6/base ] && echo base || echo process6)
  l0=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e wall %U user %S sys" -o /tmp/process6/t.txt env PYTHONPATH=$tree python -m scheduler.cli solve /tmp/process6/$ev.yaml -o /tmp/process6/$ev-$label.json --time-limit 60 --workers 2 --seed 0 > /tmp/process6/$ev-$label.log 2>&1
  l1=$(cut -d' ' -f1 /proc/loadavg)
  obj=$(PYTHONPATH=/work/wt/process6 python -m scheduler.cli check /tmp/process6/$ev.yaml /tmp/process6/$ev-$label.json 2>&1 | grep -i "objective" | head -1)
  echo "$ev $label: $(cat /tmp/process6/t.txt) (incl. children) load $l0->$l1; check: $obj; helpers left: $(pgrep -f 'scheduler.solver.trackhelper' | wc -l)"
done; done
