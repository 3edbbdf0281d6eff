#!/bin/bash
cd /tmp/proofs14
while kill -0 32047 2>/dev/null; do sleep 5; done
mkdir -p w30
./ab.sh /tmp/proofs14/w30/run 30 talks-100/s0 talks-100/s1 talks-100/s0 talks-100/s1 talks-100/s0 talks-100/s1
