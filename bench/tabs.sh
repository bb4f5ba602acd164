#!/usr/bin/env bash
# What a browser tab costs the hub: runs the default run (100 users arriving over 5 minutes,
# idling 30 to 60 s) twice against the local hub, with session.tab=api (no tab: only the user's
# own steps) and with session.tab=lab (JupyterLab's polls, page assets, autosave), each under
# bench/sample.py, and prints the two side by side (bench/tabs_report.py): requests and requests
# per second (all of them pass through configurable-http-proxy), CPU seconds of the hub, the
# proxy, the single-user servers, the kernels and the Gatling JVM, spawn to ready.
#
#   bench/tabs.sh           # the default run, api then lab: about 13 minutes on 2 cores
#   bench/tabs.sh 10        # 10 users arriving one every 3 s, for a short trial
#   TABS="lab api" bench/tabs.sh    # other tabs, or another order (classic is the third)
#
# Results: target/bench/<time>/tab-<tab>/ (sample.json, spans.csv, jvm-cpu-ms.txt, run.log,
# reports/) and the table printed at the end (also tabs.json and tabs.md there).
# Needs python3 and Linux's /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
tabs=(${TABS:-api lab})
load=()
if [ $# -gt 0 ]; then
  [[ "$1" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/tabs.sh [USERS]" >&2; exit 2; }
  load=(-Dload.users="$1" -Dload.ramp="$(($1 * 3))s")
fi
out="target/bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
. bench/measure.sh

mvn -q -B test-compile
for tab in "${tabs[@]}"; do
  dir="$out/tab-$tab"
  measure "$dir" "session.tab=$tab${1:+, $1 users}" -Dsession.tab="$tab" ${load[@]+"${load[@]}"}
  echo "bench: session.tab=$tab done ($(date -u +%H:%M:%S), $("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["wall_seconds"])' "$dir/sample.json") s)"
done
echo "bench: results in $out"
"$python" bench/tabs_report.py "$out" | tee "$out/tabs.md"
