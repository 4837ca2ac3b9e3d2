#!/usr/bin/env bash
# Builds a test server image offline, for machines that reach no image registry: a Debian root file system
# made by debootstrap (suite and packages from RECIPE/base), imported as a base image, then RECIPE/Dockerfile
# on top of it, with an entrypoint that honours the official mysql image's environment (official-env.sh).
# Needs root, debootstrap and a running Docker engine.
#   build.sh mysql   [IMAGE]   Oracle MySQL 9.7 (Debian sid), default tag local/mysql:9.7-debian
#   build.sh mariadb [IMAGE]   MariaDB 10.11 (Debian bookworm), default tag local/mariadb:10.11-debian
# Nothing is done when IMAGE exists and was built from this same recipe; the base image is built once.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
recipe=${1:?usage: build.sh mysql|mariadb [IMAGE]}
dir=$here/$recipe
[ -f "$dir/base" ] || { echo "build.sh: no recipe $dir" >&2; exit 2; }
case "$recipe" in
  mysql) image=${2:-local/mysql:9.7-debian} ;;
  mariadb) image=${2:-local/mariadb:10.11-debian} ;;
  *) image=${2:?name the image} ;;
esac
# shellcheck source=/dev/null
. "$dir/base"   # suite=..., packages=...
base=local/debian-$suite-$recipe:base-$(printf '%s' "$packages" | sha256sum | cut -c1-8)

# The image carries a hash of its recipe, so that a changed recipe is rebuilt and an unchanged one is not.
hash=$(cat "$dir"/* "$here"/official-env.sh | sha256sum | cut -c1-16)
if [ "$(docker image inspect -f '{{index .Config.Labels "recipe"}}' "$image" 2>/dev/null)" = "$hash" ]; then
  echo "image $image is up to date"
  exit 0
fi
if ! docker image inspect "$base" >/dev/null 2>&1; then
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  chmod 755 "$rootfs" # mktemp makes it 0700, and mysql-server's postinst runs mysqld as the mysql user
  echo "debootstrap of Debian $suite with $packages (one to two minutes)"
  # debootstrap reports a package that failed to configure only in its log, and still exits 0.
  debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" >/dev/null
  if grep -q 'Errors were encountered' "$rootfs/debootstrap/debootstrap.log" 2>/dev/null; then
    tail -n 30 "$rootfs/debootstrap/debootstrap.log" >&2
    exit 1
  fi
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
  tar -C "$rootfs" -c . | docker import - "$base" >/dev/null
fi
# The context is this folder, so that both recipes can copy official-env.sh.
docker build -q -t "$image" --build-arg BASE="$base" --label recipe="$hash" -f "$dir/Dockerfile" "$here"
echo "built image $image"
