#!/usr/bin/env bash
# What one injector (the Gatling JVM) costs per concurrent virtual user: soak runs against the
# local hub at two concurrencies (20 and 100 by default), each under bench/sample.py, and prints
# per run the JVM's CPU seconds, its CPU per user-minute, its CPU while all users are held (in
# cores), its peak RSS, its heap after GC (from a GC log), the hub side's CPU, and at the end the
# marginal cost of one more concurrent user, (high - low) / (high - low users), and the fixed base.
#
#   bench/injector.sh                 # 20 then 100 users, once each: about 20 minutes on 2 cores
#   bench/injector.sh 20 120          # other concurrencies (the lowest and highest give the
#                                     # marginal figures; 120 saturated a 2-core machine's hub side)
#   REPEAT=2 bench/injector.sh        # each concurrency twice, in turn (medians are printed)
#   RAMP=2m HOLD=4m bench/injector.sh # the ramp and the hold (these are the defaults)
#
# The journey: load.profile=soak, session.tab=lab (JupyterLab's polls, what users run),
# session.behaviour=idle with the idle time set to RAMP + HOLD, so each user logs in, spawns,
# opens its notebook, runs its code once and then stays connected, tab polling and kernel
# websocket open, until the hold ends: no user leaves and comes back during the run, so the
# injector's cost is that of holding N users, not of N users' spawn churn (on this 2-core machine
# the hub's ~1 CPU-second per spawn would otherwise saturate it and slow everything measured).
# The Gatling JVM gets a GC log (JAVA_TOOL_OPTIONS -Xlog:gc, one file per JVM pid), and one full
# GC (jcmd GC.run) three quarters into the hold, whose result is the live heap of N held users.
#
# Results: target/bench/injector-<time>/<users>u-<repeat>/ (sample.json, jvm-cpu-ms.txt, jvm-cmdline.txt,
# jvm.csv: the JVM's CPU and RSS every 5 s, gc-<pid>.log, spans.csv, run.log, reports/), and the
# table printed at the end (also injector.json and injector.md there). Needs python3, /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
users=("${@:-20 100}")
read -r -a users <<< "${users[*]}"
for n in "${users[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "bench/injector.sh: not a number of users: $n" >&2; exit 2; }
done
ramp=${RAMP:-2m}
hold=${HOLD:-4m}
repeat=${REPEAT:-1}
seconds() { case $1 in *m) echo $((${1%m} * 60)) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac; }
idle="$(($(seconds "$ramp") + $(seconds "$hold")))s"
out="target/bench/injector-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
. bench/measure.sh

# Said, not refused: another Gatling run or hub on the machine is noise in what is measured.
if pgrep -f 'jupyterhub-singleuser|io.gatling.app.Gatling' > /dev/null; then
  echo "bench: warning: a hub's server or a Gatling run is already running on this machine" >&2
fi

mvn -q -B test-compile
for r in $(seq 1 "$repeat"); do
  for n in "${users[@]}"; do
    dir="$out/${n}u-$r"
    mkdir -p "$dir"
    # The JVM's CPU and RSS every 5 s, to tell the hold from start-up and the report.
    # and one full GC three quarters into the hold, for the live heap.
    "$python" bench/injector.py watch "$PWD/$dir" "$(($(seconds "$ramp") + $(seconds "$hold") * 3 / 4))" &
    watcher=$!
    JAVA_TOOL_OPTIONS="-Xlog:gc:file=$PWD/$dir/gc-%p.log:timemillis,uptime" \
      measure "$dir" "$n concurrent users, run $r" \
      -Dload.profile=soak -Dload.users="$n" -Dload.ramp="$ramp" -Dload.soak.duration="$hold" \
      -Dload.max-duration=auto -Dsession.tab=lab -Dsession.behaviour=idle \
      -Dsession.idle.min="$idle" -Dsession.idle.max="$idle"
    wait "$watcher" || true
    echo "bench: $n users, run $r done ($(date -u +%H:%M:%S)); its hub's processes left running:" \
      "$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["leftover_processes"])' "$dir/sample.json")"
  done
done
echo "bench: results in $out"
"$python" bench/injector.py report "$out" | tee "$out/injector.md"
