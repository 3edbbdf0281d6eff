#!/bin/bash
cd /tmp/proofs16
./ab.sh m/talks 10 talks-100/s0 talks-50/s4 talks-100/s1 talks-50/s0 talks-50/s1 talks-50/s2 talks-50/s3 talks-100/s2 talks-100/s3 talks-100/s4
SEEDS=13 ./ab.sh m/held 10 $(python3 -c "print(' '.join(f'{n}/s{s}' for s in range(5,13) for n in ['talks-50','talks-100','talks-25']))")
python3 -c "while True: pass" & HOG=$!
./ab.sh m/hog 10 talks-50/s4 talks-100/s0 talks-100/s1 talks-50/s1
kill $HOG
echo done > m/done
