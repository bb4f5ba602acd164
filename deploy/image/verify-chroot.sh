#!/usr/bin/env bash
# Runs the built container image without Docker: its layers unpacked into a root file system, its
# entrypoint started in a chroot as the image's user, in its working directory, with its
# environment, against a JupyterHub started here OUTSIDE the chroot on loopback (the chroot
# shares the network). Passes when the run exits 0 with no KO and no server or process is left.
#
#   deploy/image/verify-chroot.sh [IMAGE_TAR] [SIMULATION]
#
# IMAGE_TAR defaults to target/jib-image.tar (mvn -Pimage package; without a registry, from a
# base made by deploy/image/debian-base.sh: -Dimage.base=tar:///path/base.tar). SIMULATION
# defaults to SmokeSimulation. Needs root, python3, Debian's jupyterhub (apt-get install
# jupyterhub python3-notebook python3-ipykernel) and curl.
#
# Environment: VERIFY_ROOTFS (default target/image-rootfs, emptied first), VERIFY_AUTH (form, the
# default, or token), KEEP_ROOTFS=1 to leave the rootfs for a look (reports under its /work).
set -euo pipefail
cd "$(dirname "$0")/../.."

image=$(realpath "${1:-target/jib-image.tar}")
simulation=${2:-SmokeSimulation}
rootfs=$(realpath -m "${VERIFY_ROOTFS:-target/image-rootfs}")
auth=${VERIFY_AUTH:-form}
state=$(mktemp -d /tmp/hubload-verify.XXXXXX)
marker=hubload-verify-$$
hub_pid=
mounted=()

log() { echo "verify-chroot: $*"; }

random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# TERM, as a person would stop the hub (it stops what it still runs), then up to 30 s for it to go.
stop_hub() {
  kill -TERM "$hub_pid"
  for _ in $(seq 1 30); do kill -0 "$hub_pid" 2>/dev/null || break; sleep 1; done
}

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local rc=$?
  set +e
  if [ -n "$hub_pid" ] && kill -0 "$hub_pid" 2>/dev/null; then
    stop_hub
    kill -KILL "$hub_pid" 2>/dev/null
  fi
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[$i]}"; done
  # Never while /proc or /dev are still mounted in it; and never across a file system boundary.
  if [ -z "${KEEP_ROOTFS:-}" ] && [ -d "$rootfs" ] && ! mountpoint -q "$rootfs/proc" && ! mountpoint -q "$rootfs/dev"; then
    rm -rf --one-file-system "$rootfs"
  fi
  rm -rf "$state"
  exit "$rc"
}
trap cleanup EXIT

# 1. The image's layers, in order, into the rootfs (whiteouts honoured), and its config.
t0=$(date +%s)
for m in proc dev; do
  if mountpoint -q "$rootfs/$m"; then umount "$rootfs/$m"; fi  # left by an earlier run that was killed
done
rm -rf --one-file-system "$rootfs" && mkdir -p "$rootfs" "$state/image"
tar -xf "$image" -C "$state/image"
python3 - "$state/image" >"$state/layers" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1] + "/manifest.json"))[0]
print(m["Config"])
print("\n".join(m["Layers"]))
EOF
config=$state/image/$(head -1 "$state/layers")
tail -n +2 "$state/layers" | while read -r layer; do
  tar -tf "$state/image/$layer" 2>/dev/null | { grep -E '(^|/)\.wh\.' || true; } | while read -r wh; do
    dir=$(dirname "$wh"); name=$(basename "$wh")
    if [ "$name" = .wh..wh..opq ]; then
      find "$rootfs/$dir" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
    else
      rm -rf "${rootfs:?}/$dir/${name#.wh.}"
    fi
  done
  tar -xf "$state/image/$layer" -C "$rootfs" --numeric-owner --same-permissions 2>/dev/null
  find "$rootfs" -name '.wh.*' -exec rm -rf {} + 2>/dev/null || true
done
log "image $(du -h "$image" | cut -f1) ($(stat -c %s "$image") bytes), $(($(wc -l <"$state/layers") - 1)) layers," \
  "unpacked to $(du -sh "$rootfs" | cut -f1) in $(($(date +%s) - t0)) s"

# What a container runtime takes from the config: environment, working directory, user, command.
python3 - "$config" >"$state/run" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))["config"]
print(c.get("User") or "0:0")
print(c.get("WorkingDir") or "/")
print(" ".join(c.get("Entrypoint") or []))
for e in c.get("Env") or []:
    print(e)
EOF
user=$(sed -n 1p "$state/run")
workdir=$(sed -n 2p "$state/run")
read -r -a entrypoint <<<"$(sed -n 3p "$state/run")"
mapfile -t image_env < <(tail -n +4 "$state/run")
log "image: user $user, workdir $workdir, entrypoint ${entrypoint[*]}"

# 2. A JupyterHub outside the chroot, as the suite's LocalHub starts one (HubConfigFile.java).
ports=$(python3 -c '
import socket
ss = [socket.socket() for _ in range(3)]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))')
read -r proxy_port hub_port api_port <<<"$ports"
password=$(random_hex 16)
token=$(random_hex 32)
cat >"$state/jupyterhub_config.py" <<EOF
import os
c = get_config()  # noqa
c.JupyterHub.ip = '127.0.0.1'
c.JupyterHub.port = $proxy_port
c.JupyterHub.hub_ip = '127.0.0.1'
c.JupyterHub.hub_port = $hub_port
c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:$api_port'
c.ConfigurableHTTPProxy.pid_file = '$state/proxy.pid'
c.JupyterHub.pid_file = '$state/jupyterhub.pid'
c.JupyterHub.db_url = 'sqlite:///$state/jupyterhub.sqlite'
c.JupyterHub.authenticator_class = 'dummy'
c.DummyAuthenticator.password = os.environ['VERIFY_PASSWORD']
c.JupyterHub.spawner_class = 'simple'
c.Spawner.cmd = ['/usr/bin/jupyterhub-singleuser']
c.Spawner.args = ['--allow-root']
c.SimpleLocalProcessSpawner.home_dir_template = '$state/home/{username}'
c.Spawner.environment = {'HUBLOAD_VERIFY_MARKER': '$marker'}
c.JupyterHub.allow_named_servers = True
c.JupyterHub.services = [{'name': 'hubload', 'api_token': os.environ['VERIFY_TOKEN']}]
c.JupyterHub.load_roles = [{'name': 'hubload-admin',
    'scopes': ['admin:users', 'admin:servers', 'tokens', 'read:users', 'read:metrics'],
    'services': ['hubload']}]
EOF
mkdir -p "$state/home"
(
  cd "$state"
  exec env NODE_PATH=/usr/share/nodejs JPY_COOKIE_SECRET="$(random_hex 32)" \
    CONFIGPROXY_AUTH_TOKEN="$token" VERIFY_PASSWORD="$password" VERIFY_TOKEN="$token" \
    HUBLOAD_VERIFY_MARKER="$marker" \
    /usr/bin/jupyterhub -f "$state/jupyterhub_config.py"
) >"$state/hub.log" 2>&1 &
hub_pid=$!
hub_url=http://127.0.0.1:$proxy_port
for _ in $(seq 1 60); do
  curl -fsS "$hub_url/hub/api" >/dev/null 2>&1 && break
  kill -0 "$hub_pid" 2>/dev/null || { cat "$state/hub.log"; log "the hub did not start"; exit 1; }
  sleep 1
done
log "JupyterHub $(curl -fsS "$hub_url/hub/api") at $hub_url (pid $hub_pid)"

# 3. The entrypoint in a chroot: /proc and /dev from here, the image's environment only.
mount -t proc proc "$rootfs/proc" && mounted+=("$rootfs/proc")
mount --bind /dev "$rootfs/dev" && mounted+=("$rootfs/dev")
run_env=("${image_env[@]}" "HUB_URL=$hub_url" "HUB_AUTH=$auth" "HUB_ADMIN_TOKEN=$token")
[ "$auth" = form ] && run_env+=("HUB_PASSWORD=$password")
t0=$(date +%s)
set +e
chroot --userspec="$user" "$rootfs" /usr/bin/env -i "${run_env[@]}" \
  /usr/bin/env --chdir="$workdir" "${entrypoint[@]}" run "$simulation" 2>&1 | tee "$state/run.log"
rc=${PIPESTATUS[0]}
set -e
log "run exited $rc after $(($(date +%s) - t0)) s"

# 4. What it left: KOs, a report, servers on the hub, processes of the hub's servers.
ko=$(grep -E '^> request count' "$state/run.log" | tail -1 | awk -F'|' '{gsub(/[ ,]/, "", $4); print $4}')
report=$(find "$rootfs$workdir/reports" -name summary.json 2>/dev/null | head -1)
servers=$(curl -fsS -H "Authorization: token $token" "$hub_url/hub/api/users" |
  python3 -c 'import json,sys; print(sum(len(u.get("servers") or {}) for u in json.load(sys.stdin)))')
# Then the hub is stopped as a person would (TERM): it stops what it still runs. Every process it
# started carries the marker in its environment; none may be left.
stop_hub
hub_pid=
sleep 1
left=$(grep -l "HUBLOAD_VERIFY_MARKER=$marker" /proc/[0-9]*/environ 2>/dev/null | awk -F/ '{print $3}' | tr '\n' ' ' || true)
[ "${ko:--}" != - ] || ko=0
log "KO $ko, report ${report#"$rootfs"}, servers on the hub $servers, processes left after the hub stopped: ${left:-none}"
log "files in the image's ${workdir}: $(find "$rootfs$workdir" -maxdepth 2 | sed "s|^$rootfs||" | tr '\n' ' ')"

status=0
[ "$rc" = 0 ] || { log "FAIL: exit code $rc"; status=1; }
[ "$ko" = 0 ] || { log "FAIL: $ko KO"; status=1; }
[ -n "$report" ] || { log "FAIL: no summary.json under $workdir/reports"; status=1; }
[ "$servers" = 0 ] || { log "FAIL: $servers servers still on the hub"; status=1; }
[ -z "$left" ] || { log "FAIL: processes left: $left"; status=1; }
[ "$status" = 0 ] && log "PASS"
exit "$status"
