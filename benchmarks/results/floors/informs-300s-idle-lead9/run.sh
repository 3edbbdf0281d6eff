#!/bin/bash
# informs held-out seeds at 300 s, merged main, one after the other, nothing else running
source /work/venv/bin/activate
cd /tmp/lead9/s300
for n in 15 16 17; do
  echo "informs-s$n start $(uptime)" >> solve-log.txt
  /usr/bin/time -v confsched solve /tmp/bounds7/inst/informs-s$n.yaml --time-limit 300 --json -o /tmp/lead9/s300/informs-s$n.yaml > informs-s$n.json 2> informs-s$n.time
  echo "informs-s$n end $(uptime)" >> solve-log.txt
done
