#!/usr/bin/env bash
# Runs hubload on Kubernetes: the injectors (an Indexed Job) and the collector of this folder,
# all starting their users at now + LEAD_SECONDS; waits for the collector's verdict, copies the
# merged report to reports/merged-<time>/ and exits with the collector's code:
# 0 the merged gate passed, 2 it failed, 1 an error (here or in the collector).
#
#   deploy/kubernetes/run.sh [LEAD_SECONDS]        # default 120: time to pull the image and start
#
# Environment (all optional):
#   HUBLOAD_NAMESPACE  namespace to run in (default: kubectl's current one)
#   HUBLOAD_IMAGE      image to run, e.g. registry.example.org/hubload:0.1.0 (default: the manifests')
#   INJECTORS          number of injectors N (default: as in the manifests)
#   REPORTS_DIR        where the merged report goes (default: ./reports)
#   READY_TIMEOUT      seconds to wait for the collector to be ready (default: 600)
#   VERDICT_TIMEOUT    seconds to wait for the verdict (default: 12000, the collector's deadline)
#   VERDICT_FILE       the collector's file holding its exit code, written once the merge is done
#                      (default: /results/merged/exit-code)
#
# The checked-in manifests are not modified: the start time (and N, the image) go into a
# kustomize overlay in a temporary folder.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lead="${1:-120}"
reports="${REPORTS_DIR:-./reports}"
ready_timeout="${READY_TIMEOUT:-600}"
verdict_timeout="${VERDICT_TIMEOUT:-12000}"
merged_dir=/results/merged # the collector's COLLECT_DIR/merged (collector.yaml)
verdict_file="${VERDICT_FILE:-$merged_dir/exit-code}"
collector_job=hubload-collector
injectors_job=hubload-injectors

die() { echo "run.sh: $*" >&2; exit 1; }
log() { echo "[$(date -u +%H:%M:%S)] $*"; }

[[ "$lead" =~ ^[0-9]+$ ]] || die "LEAD_SECONDS must be a number of seconds, not '$lead'"
[[ -z "${INJECTORS:-}" || "$INJECTORS" =~ ^[1-9][0-9]*$ ]] || die "INJECTORS must be a positive number"
command -v kubectl >/dev/null || die "kubectl is not on the PATH"

ns=()
[[ -n "${HUBLOAD_NAMESPACE:-}" ]] && ns=(--namespace "$HUBLOAD_NAMESPACE")
# Every call to the API server is bounded.
kns="kubectl${ns[*]+ ${ns[*]}}" # for the messages
k() { kubectl ${ns[@]+"${ns[@]}"} --request-timeout=60s "$@"; }

# ---- before: the Secret is there, no earlier run is in the way --------------------------------
k get secret hubload-hub >/dev/null 2>&1 ||
  die "no Secret hubload-hub here: $kns create secret generic hubload-hub --from-literal=admin-token=<token> (see README.md)"
existing="$(k get job "$collector_job" "$injectors_job" --ignore-not-found -o name)"
[[ -z "$existing" ]] ||
  die "an earlier run is still here (${existing//$'\n'/ }); copy what you need, then: $kns delete -k $here"

# ---- the start time and the overlay -----------------------------------------------------------
start_at="$(date -u -d "@$(($(date +%s) + lead))" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null ||
  date -u -r "$(($(date +%s) + lead))" +%Y-%m-%dT%H:%M:%SZ)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/base"
cp "$here"/*.yaml "$tmp/base/"

{
  cat <<EOF
apiVersion: batch/v1
kind: Job
metadata:
  name: $injectors_job
spec:
EOF
  if [[ -n "${INJECTORS:-}" ]]; then
    printf '  completions: %s\n  parallelism: %s\n' "$INJECTORS" "$INJECTORS"
  fi
  cat <<EOF
  template:
    spec:
      containers:
        - name: hubload
          env:
            - name: DISTRIBUTED_START_AT
              value: "$start_at"
EOF
  if [[ -n "${INJECTORS:-}" ]]; then
    cat <<EOF
            - name: DISTRIBUTED_INJECTORS
              value: "$INJECTORS"
EOF
  fi
} >"$tmp/injectors-patch.yaml"

cat >"$tmp/collector-patch.yaml" <<EOF
apiVersion: batch/v1
kind: Job
metadata:
  name: $collector_job
spec:
  template:
    spec:
      containers:
        - name: hubload
          env:
            - name: COLLECT_INJECTORS
              value: "${INJECTORS:-}"
EOF

{
  cat <<EOF
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - base
patches:
  - path: injectors-patch.yaml
EOF
  [[ -n "${INJECTORS:-}" ]] && echo "  - path: collector-patch.yaml"
  if [[ -n "${HUBLOAD_IMAGE:-}" ]]; then
    image="$HUBLOAD_IMAGE"
    echo "images:"
    echo "  - name: hubload"
    if [[ "$image" == *@* ]]; then
      printf '    newName: %s\n    digest: %s\n' "${image%%@*}" "${image#*@}"
    elif [[ "${image##*/}" == *:* ]]; then
      printf '    newName: %s\n    newTag: "%s"\n' "${image%:*}" "${image##*:}"
    else
      printf '    newName: %s\n' "$image"
    fi
  fi
} >"$tmp/kustomization.yaml"

kubectl kustomize "$tmp" >"$tmp/rendered.yaml" || die "kustomize could not build $tmp"
grep -q "$start_at" "$tmp/rendered.yaml" || die "the start time did not reach the manifests"

log "injectors start their users at $start_at (in $lead s)"
k apply -f "$tmp/rendered.yaml"

# ---- the collector comes up --------------------------------------------------------------------
pod=""
deadline=$((SECONDS + ready_timeout))
while [[ -z "$pod" ]]; do
  ((SECONDS < deadline)) || die "no collector pod after $ready_timeout s: $kns describe job $collector_job"
  pod="$(k get pods -l job-name="$collector_job" -o jsonpath='{.items[0].metadata.name}' 2>/dev/null || true)"
  [[ -n "$pod" ]] || sleep 3
done
left=$((deadline - SECONDS))
((left > 0)) || left=1
k wait --for=condition=Ready "pod/$pod" --timeout="${left}s" ||
  die "collector $pod not ready in $ready_timeout s: $kns describe pod $pod"
log "collector $pod is ready"
((SECONDS < lead)) ||
  log "warning: the collector was ready only after the start time; injectors that were late fail at once"

# ---- the verdict ----------------------------------------------------------------------------
code=""
copyable=true
deadline=$((SECONDS + verdict_timeout))
next_status=0
while [[ -z "$code" ]]; do
  if ((SECONDS >= deadline)); then
    log "no verdict after $verdict_timeout s"
    k logs "$pod" --tail=40 || true
    exit 1
  fi
  terminated="$(k get pod "$pod" -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}' 2>/dev/null || true)"
  if [[ -n "$terminated" ]]; then
    code="$terminated"
    copyable=false
    break
  fi
  written="$(k exec "$pod" -c hubload -- cat "$verdict_file" 2>/dev/null | tr -d '[:space:]' || true)"
  if [[ "$written" =~ ^[0-9]+$ ]]; then
    code="$written"
    break
  fi
  if ((SECONDS >= next_status)); then
    log "injectors: $(k get job "$injectors_job" -o jsonpath='active={.status.active} succeeded={.status.succeeded} failed={.status.failed}' 2>/dev/null || echo '?')"
    next_status=$((SECONDS + 60))
  fi
  sleep 10
done

echo "---- collector $pod ----"
k logs "$pod" -c hubload --tail=40 || true
echo "-----------------------"

if $copyable; then
  out="$reports/merged-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$reports"
  copy=(kubectl ${ns[@]+"${ns[@]}"} cp -c hubload "$pod:$merged_dir" "$out")
  command -v timeout >/dev/null && copy=(timeout 900 "${copy[@]}")
  if "${copy[@]}"; then
    log "merged report: $out"
  else
    log "could not copy the report; it stays in $pod for COLLECT_LINGER: $kns cp $pod:$merged_dir $out"
    ((code != 0)) || code=1
  fi
else
  log "the collector has ended (exit $code) before its results could be copied: nothing copied"
fi

log "verdict: exit $code ($(case "$code" in 0) echo 'gate passed' ;; 2) echo 'gate failed' ;; *) echo error ;; esac))"
log "clean up when done: $kns delete -k $here"
exit "$code"
