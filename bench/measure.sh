# Sourced by the bench scripts: one measured run of `mvn gatling:test`.
#
#   measure DIR LABEL [-Dkey=value...]
#
# runs the load test with the given settings under bench/sample.py (CPU and memory from /proc:
# DIR/sample.json), with its spans (DIR/spans.csv), report (DIR/reports/), the Gatling JVM's CPU
# (DIR/jvm-cpu-ms.txt) and output (DIR/run.log) in DIR. A failed run is said, not fatal: the
# other runs still go.
python=/usr/bin/python3
[ -x "$python" ] || python=python3

measure() {
  local dir=$1 label=$2
  shift 2
  mkdir -p "$dir"
  echo "bench: $label ($(date -u +%H:%M:%S))"
  "$python" bench/sample.py "$dir/sample.json" -- \
    mvn -q -B gatling:test "$@" \
      -Dhubload.spanLog="$PWD/$dir/spans.csv" -Dhubload.reports="$PWD/$dir/reports" \
      -Dhubload.bench.jvmCpu="$PWD/$dir/jvm-cpu-ms.txt" \
      > "$dir/run.log" 2>&1 || echo "bench: the run with $label failed (see $dir/run.log)"
}
