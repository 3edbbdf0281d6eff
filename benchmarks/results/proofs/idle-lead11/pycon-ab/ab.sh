for round in 1 2; do
 for tree in base main; do
  uptime >> load.txt
  PYTHONPATH=/tmp/lead11/ab/$tree python -m benchmarks.proofs --seeds 5 --no-scenarios --instance pycon/s0 --instance pycon/s1 --instance pycon/s2 --instance pycon/s3 --instance pycon/s4 --time-limit 10 -o /tmp/lead11/ab/run/$tree-$round > $tree-$round.log 2>&1
 done
done
uptime >> load.txt
