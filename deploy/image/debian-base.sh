#!/usr/bin/env bash
# Builds a Java 17 base image without a registry or a Docker daemon, as a `docker save` tar that
# Jib takes with -Dimage.base=tar:///path/to/base.tar:
#
#   deploy/image/debian-base.sh OUT.tar [ROOTFS_DIR]
#
# debootstrap (minbase, Debian bookworm) with openjdk-17-jre-headless into ROOTFS_DIR (default:
# OUT.tar's name without .tar, plus .rootfs), then one layer tar of it, an image config and a
# manifest.json, packed as OUT.tar. Needs root and debootstrap (apt-get install debootstrap).
#
# Environment:
#   DEBIAN_MIRROR  the mirror to bootstrap from; default: the first URIs of this machine's apt
#                  sources (/etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list)
#   DEBIAN_SUITE   default bookworm
#   BASE_TAG       the tag recorded in manifest.json; default hubload-base:bookworm-jre17
#
# A second call reuses an existing ROOTFS_DIR (delete it to bootstrap anew).
set -euo pipefail

out=${1:?usage: debian-base.sh OUT.tar [ROOTFS_DIR]}
out=$(realpath -m "$out")
rootfs=$(realpath -m "${2:-${out%.tar}.rootfs}")
suite=${DEBIAN_SUITE:-bookworm}
tag=${BASE_TAG:-hubload-base:bookworm-jre17}

mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
    mirror=$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
  fi
fi
[ -n "$mirror" ] || { echo "debian-base.sh: no Debian mirror: set DEBIAN_MIRROR" >&2; exit 64; }

if [ ! -x "$rootfs/usr/bin/java" ]; then
  echo "debian-base.sh: debootstrap $suite from $mirror into $rootfs"
  rm -rf "$rootfs"
  start=$(date +%s)
  debootstrap --variant=minbase --include=openjdk-17-jre-headless "$suite" "$rootfs" "$mirror"
  echo "debian-base.sh: debootstrap took $(($(date +%s) - start)) s"
  # What a container does not need: downloaded packages and package lists.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
fi

java_home=$(dirname "$(dirname "$(readlink -f "$rootfs/usr/bin/java")")")
java_home=${java_home#"$rootfs"}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The layer: the whole root file system, owners as numbers; /dev, /proc, /sys, /run and /tmp empty
# (a container runtime mounts them). Sorted names and a fixed mtime: the same rootfs gives the same
# layer.
tar --create --file "$work/layer.tar" --directory "$rootfs" --numeric-owner --sort=name \
  --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' --exclude='./run/*' --exclude='./tmp/*' \
  --exclude='./debootstrap' .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
mkdir "$work/$diff_id"
mv "$work/layer.tar" "$work/$diff_id/layer.tar"

created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat >"$work/config.json" <<EOF
{
  "architecture": "$(dpkg --print-architecture)",
  "os": "linux",
  "created": "$created",
  "config": {
    "Env": [
      "PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "JAVA_HOME=$java_home",
      "LANG=C.UTF-8"
    ]
  },
  "rootfs": {"type": "layers", "diff_ids": ["sha256:$diff_id"]},
  "history": [{"created": "$created", "created_by": "debootstrap --variant=minbase --include=openjdk-17-jre-headless $suite"}]
}
EOF
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/$config_id.json"
cat >"$work/manifest.json" <<EOF
[{"Config": "$config_id.json", "RepoTags": ["$tag"], "Layers": ["$diff_id/layer.tar"]}]
EOF

mkdir -p "$(dirname "$out")"
tar --create --file "$out" --directory "$work" manifest.json "$config_id.json" "$diff_id"
echo "debian-base.sh: $out ($(du -h "$out" | cut -f1)), JAVA_HOME=$java_home, layer sha256:$diff_id"
