#!/usr/bin/env bash
# Builds the emulator's sandbox base image from Debian's packages, with no image registry:
#   1. local/debian:bookworm  debootstrap --variant=minbase from the mirror apt already uses,
#                             imported with `docker import` (also Testcontainers' tiny image here);
#   2. modal4j/sandbox-base:2 FROM that, plus python3 (also as python) and busybox (its sh as
#                             /bin/sh, as on alpine, and every applet that Debian's
#                             minbase lacks, e.g. nc, wget, httpd, ip, vi, as a link to busybox).
# Both steps do nothing when their image exists, so a second run takes well under a second.
# Needs root (debootstrap), a Docker engine and the Debian mirror; never pulls an image.
#
# Environment: MODAL4J_SANDBOX_IMAGE (default modal4j/sandbox-base:2),
#              MODAL4J_DEBIAN_IMAGE  (default local/debian:bookworm),
#              DEBIAN_MIRROR          (default: the first Debian URI in apt's sources).
set -euo pipefail

BASE_IMAGE="${MODAL4J_SANDBOX_IMAGE:-modal4j/sandbox-base:2}"
DEBIAN_IMAGE="${MODAL4J_DEBIAN_IMAGE:-local/debian:bookworm}"
SUITE=bookworm

log() { echo "build-base-image: $*" >&2; }
has_image() { docker image inspect "$1" >/dev/null 2>&1; }

if has_image "$BASE_IMAGE"; then
  log "$BASE_IMAGE exists; nothing to do"
  exit 0
fi
if ! docker version >/dev/null 2>&1; then
  log "no Docker engine answers; start dockerd first"
  exit 1
fi

debian_mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then
    echo "$DEBIAN_MIRROR"
    return
  fi
  local uri
  # deb822 sources (URIs: ...) first, then one-line sources (deb URI suite ...).
  uri="$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' \
    | grep -v security | head -n1 || true)"
  if [[ -z "$uri" ]]; then
    uri="$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' \
      | grep -v security | head -n1 || true)"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

MIRROR="$(debian_mirror)"
WORK="$(mktemp -d /tmp/modal4j-base-image.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

if ! has_image "$DEBIAN_IMAGE"; then
  command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
  log "debootstrap $SUITE (minbase) from $MIRROR"
  debootstrap --variant=minbase "$SUITE" "$WORK/rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 20 "$WORK/debootstrap.log" >&2; exit 1; }
  # The image uses the same mirror for apt, without the debootstrap caches.
  echo "deb $MIRROR $SUITE main" >"$WORK/rootfs/etc/apt/sources.list"
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
  log "docker import $DEBIAN_IMAGE"
  tar -C "$WORK/rootfs" -c . | docker import --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$WORK/rootfs"
fi

log "docker build $BASE_IMAGE FROM $DEBIAN_IMAGE (apt from $MIRROR inside the build)"
cat >"$WORK/Dockerfile" <<DOCKERFILE
FROM $DEBIAN_IMAGE
RUN apt-get update -qq \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends busybox python3 >/dev/null \\
 && for applet in \$(busybox --list); do \\
      which "\$applet" >/dev/null 2>&1 || ln -s /bin/busybox "/usr/local/bin/\$applet"; \\
    done \\
 && ln -s /usr/bin/python3 /usr/local/bin/python \\
 && ln -sf /bin/busybox /bin/sh \\
 && apt-get clean && rm -rf /var/lib/apt/lists/*
LABEL dev.modal4j.image=sandbox-base
CMD ["bash"]
DOCKERFILE
docker build --pull=false -q -t "$BASE_IMAGE" "$WORK" >"$WORK/build.log" 2>&1 \
  || { tail -n 20 "$WORK/build.log" >&2; exit 1; }
log "built $BASE_IMAGE"
