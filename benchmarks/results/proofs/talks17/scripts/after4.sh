#!/bin/bash
while pgrep -f "chain4.sh" > /dev/null; do sleep 5; done
/tmp/talks17/ab.sh /tmp/talks17/m5 base snap4
