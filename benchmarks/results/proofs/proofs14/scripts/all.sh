#!/bin/bash
cd /tmp/proofs14
mkdir -p rep ab2 det2
./ab.sh /tmp/proofs14/rep/run 10 talks-100/s0 talks-100/s1 talks-100/s0 talks-100/s1 talks-100/s0 talks-100/s1 talks-100/s0 talks-100/s1 talks-100/s0 talks-100/s1 talks-100/s0 talks-100/s1
./ab.sh /tmp/proofs14/ab2/run 10 $(cat labels.txt)
./ab.sh /tmp/proofs14/rep/run 10 talks-100/s0 talks-100/s1 talks-100/s0 talks-100/s1 talks-100/s0 talks-100/s1 talks-100/s0 talks-100/s1
