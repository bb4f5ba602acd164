#!/usr/bin/env bash
# Measures what the load generator costs next to what it measures: runs the user journey
# against the local hub for 10, 50 and 100 users (or the numbers given as arguments) and
# prints, per run, the CPU seconds and peak memory of the Gatling JVM and of the hub side
# (hub, proxy, single-user servers, kernels), and how far the suite's "spawn to ready" is from
# the hub's own "User NAME took X seconds to start".
#
#   bench/run.sh            # 10, 50, 100 users, about 13 minutes on 2 cores
#   bench/run.sh 10         # one run
#
# Users arrive one every 3 s (the default 100 users over 5 minutes), idle 30 to 60 s, without a
# browser tab, as docs/capacity.md's cost table was measured (TAB=lab bench/run.sh: with one).
# Results: target/bench/<time>/ (per run: sample.json, spans.csv, run.log, reports/) and the
# table printed at the end (also results.json there). Needs python3 and Linux's /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
users=("${@:-10 50 100}")
read -r -a users <<< "${users[*]}"
out="target/bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
. bench/measure.sh

mvn -q -B test-compile
for n in "${users[@]}"; do
  measure "$out/$n" "$n users" -Dload.users="$n" -Dload.ramp="$((n * 3))s" -Dsession.tab="${TAB:-api}"
done
echo "bench: results in $out"
"$python" bench/report.py "$out" .
