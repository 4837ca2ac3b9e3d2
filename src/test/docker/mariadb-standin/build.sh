#!/usr/bin/env bash
# Builds a MySQL-protocol stand-in image from Debian's mariadb-server, for machines that cannot pull
# mysql:8.4 (no registry reachable). It is MariaDB, not MySQL: it proves the Testcontainers path, it does
# not prove MySQL 8.4 compatibility. Needs root, debootstrap and a running Docker engine.
# Usage: build.sh [IMAGE]   (default: the tag below; nothing is done when it exists from this same recipe)
set -euo pipefail
image=${1:-local/mariadb-mysql-standin:bookworm}
base=local/debian-bookworm-mariadb:base
here=$(cd "$(dirname "$0")" && pwd)

# The image carries a hash of this recipe, so that a changed recipe is rebuilt and an unchanged one is not.
recipe=$(cat "$here/Dockerfile" "$here/entrypoint.sh" | sha256sum | cut -c1-16)
if [ "$(docker image inspect -f '{{index .Config.Labels "recipe"}}' "$image" 2>/dev/null)" = "$recipe" ]; then
  echo "stand-in image $image is up to date"
  exit 0
fi
if ! docker image inspect "$base" >/dev/null 2>&1; then
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  echo "debootstrap of Debian bookworm with mariadb-server (about 2 minutes)"
  debootstrap --variant=minbase --include=mariadb-server bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import - "$base" >/dev/null
fi
docker build -q -t "$image" --build-arg BASE="$base" --label recipe="$recipe" "$here"
echo "built stand-in image $image"
