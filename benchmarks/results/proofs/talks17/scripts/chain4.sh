#!/bin/bash
/tmp/talks17/ab.sh /tmp/talks17/m4 snap4 base
/tmp/talks17/full.sh /tmp/talks17/f4 snap4 base
/tmp/talks17/held.sh /tmp/talks17/h4 snap4
