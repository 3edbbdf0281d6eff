#!/bin/bash
cd /tmp/proofs16
# 1. under an extra CPU hog (one busy python loop), 10 s
python3 -c "while True: pass" & HOG=$!
echo "hog pid $HOG" > m/hog.pid
./ab.sh m/hog 10 talks-50/s4 talks-100/s0 talks-100/s1 talks-50/s1 talks-100/s4 talks-100/s2
kill $HOG
# 2. the 31 instances, no hog
./ab.sh m/all 10 $(SEEDS=5 python3 -c "
labels=[]
for s in range(5):
    for n in ['seminar','pycon','talks-25','talks-50','talks-100']: labels.append(f'{n}/s{s}')
print(' '.join(labels))") academic-talks bishkek-launch-2022 knowledge-week-pools knowledge-week ngo-final-2022 seminar-partnership
# 3. held-out seeds 5-12 of talks-25/50/100
SEEDS=13 ./ab.sh m/held 10 $(python3 -c "print(' '.join(f'{n}/s{s}' for s in range(5,13) for n in ['talks-25','talks-50','talks-100']))")
echo done > m/done
