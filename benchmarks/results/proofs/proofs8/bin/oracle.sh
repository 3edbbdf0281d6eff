#!/bin/bash
# alternate: optimum hinted / no hint (main's start), talks-100 s1, 60 s limit
for i in 1 2; do
  python /tmp/proofs8/bin/oracle.py talks-100 1 /work/main/benchmarks/results/proofs/proofs6/optimum-341-talks-100-s1.json 60
  python /tmp/proofs8/bin/oracle.py talks-100 1 none 60
done
