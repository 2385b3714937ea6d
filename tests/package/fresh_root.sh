#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A fresh Debian 12 root for the package install test, cached as a tarball.
#
#   fresh_root.sh tarball CACHE_DIR     builds (once) and prints the cached root tarball
#   fresh_root.sh unpack TARBALL DIR    unpacks it into DIR (empty or missing)
#   fresh_root.sh run [--apt-cache HOSTDIR] DIR -- COMMAND...
#                                       COMMAND chrooted into DIR, in a private mount
#                                       namespace: its /proc and /dev mounts vanish with
#                                       it, so a crashed test leaves nothing on the host
#   fresh_root.sh remove DIR            removes an unpacked root
#
# Exit status 77 from `tarball` means the root cannot be made here (no debootstrap,
# mirror unreachable); the reason is on stderr.
set -euo pipefail

readonly suite=bookworm
# What the test needs inside the root besides minbase: a compiler and pkg-config to
# build docs/examples against libauthcore-dev. No systemd: the package must cope
# without it. No curl: the test talks HTTP from the host over the shared loopback.
readonly include=g++,pkg-config
# Bump when the finished root's layout changes, so old caches are not reused.
readonly layout=1

die() { echo "fresh_root.sh: $*" >&2; exit 1; }
skip() { echo "fresh_root.sh: SKIP: $*" >&2; exit 77; }

# The host's URI for suite $1 (e.g. bookworm, bookworm-security): deb822 .sources
# first, then sources.list; only http(s) mirrors, which debootstrap and apt can use.
host_mirror() {
  local wanted=$1 file
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    awk -v wanted="$wanted" '
      function flush() { if (uri != "" && index(" " suites " ", " " wanted " ")) { print uri; found = 1; exit } uri = ""; suites = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\//) { uri = $i; break } }
      /^Suites:/ { suites = ""; for (i = 2; i <= NF; i++) suites = suites " " $i }
      END { if (!found) flush() }' "$file"
  done | head -n1 | grep . && return
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    awk -v wanted="$wanted" '$1 == "deb" { u = ($2 ~ /^\[/) ? $3 : $2; s = ($2 ~ /^\[/) ? $4 : $3
      if (s == wanted && u ~ /^https?:\/\//) { print u; exit } }' "$file"
  done | head -n1 | grep .
}

mirror() { host_mirror "$suite" || echo http://deb.debian.org/debian; }
security_mirror() { host_mirror "$suite-security" || echo http://deb.debian.org/debian-security; }

# Mounts what apt, dpkg and the server need, then chroots; runs inside `unshare`.
run_inside() {
  local root=$1 apt_cache=$2; shift 2
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  if [ -n "$apt_cache" ]; then
    mkdir -p "$root/var/cache/apt/archives"
    mount --bind "$apt_cache" "$root/var/cache/apt/archives"
  fi
  # Name resolution for apt (deb.debian.org): the host's resolver, refreshed each run.
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

cmd_run() {
  local apt_cache=""
  if [ "${1:-}" = --apt-cache ]; then apt_cache=$(realpath "$2"); shift 2; fi
  local root=$1; shift
  [ "${1:-}" = -- ] && shift
  [ -x "$root/bin/sh" ] || die "not an unpacked root: $root"
  # --kill-child: the command dies with unshare (which dies with the test process).
  exec unshare --mount --propagation private --fork --kill-child=SIGKILL \
    "$0" __inside "$(realpath "$root")" "$apt_cache" "$@"
}

# Sources like the host's (main, updates, security) so apt installs current versions,
# and a policy-rc.d that forbids starting services, as in any chroot.
configure_root() {
  local root=$1 mirror security
  mirror=$(mirror); security=$(security_mirror)
  cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
  printf '#!/bin/sh\n# No service starts in this root (there is no init).\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  # Keep downloaded .debs: the test bind-mounts a cache over this directory.
  rm -f "$root/etc/apt/apt.conf.d/docker-clean"
  echo 'APT::Keep-Downloaded-Packages "true";' > "$root/etc/apt/apt.conf.d/10keep-debs"
  "$0" run "$root" -- apt-get update -q >&2
  "$0" run "$root" -- apt-get -y -q dist-upgrade >&2
  "$0" run "$root" -- apt-get clean
}

cmd_tarball() {
  local cache_dir=$1 key tarball mirror
  key=$(printf '%s|%s|%s' "$suite" "$include" "$layout" | sha256sum | cut -c1-16)
  tarball="$cache_dir/$suite-$key.tar"
  [ "$(id -u)" = 0 ] || skip "debootstrap, chroot and mount namespaces need root"
  if [ -s "$tarball" ]; then echo "$tarball"; return; fi
  command -v debootstrap >/dev/null || skip "debootstrap is not installed (apt-get install debootstrap; scripts/lib/install-deps.sh test installs it)"
  mirror=$(mirror)
  /usr/bin/python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=20).read(1)' \
    "$mirror/dists/$suite/Release" 2>/dev/null || skip "Debian mirror $mirror is unreachable"
  mkdir -p "$cache_dir"
  # Global, not local: the EXIT trap runs after this function has returned.
  staging=$(mktemp -d "$cache_dir/staging.XXXXXX")
  trap 'rm -rf --one-file-system "$staging"' EXIT
  echo "fresh_root.sh: debootstrap $suite from $mirror (first run only; cached as $tarball)" >&2
  debootstrap --variant=minbase --include="$include" "$suite" "$staging/root" "$mirror" >&2 \
    || die "debootstrap failed (log: $staging/root/debootstrap/debootstrap.log)"
  configure_root "$staging/root"
  tar -C "$staging/root" --numeric-owner -cf "$staging/root.tar" .
  mv "$staging/root.tar" "$tarball"  # atomic: a concurrent or killed run never sees half a tarball
  echo "$tarball"
}

cmd_unpack() {
  local tarball=$1 root=$2
  mkdir -p "$root"
  tar -C "$root" --numeric-owner -xpf "$tarball"
  # The root's "/" must be traversable by the service user (mkdtemp made it 0700).
  chmod 0755 "$root"
}

cmd_remove() {
  local root=$1
  # Mounts live only in the namespaces of `run`; refuse rather than delete through one.
  if findmnt -rno TARGET | grep -q "^$(realpath "$root")/"; then die "still mounted under $root"; fi
  rm -rf --one-file-system "$root"
}

case "${1:-}" in
  tarball) cmd_tarball "$2" ;;
  unpack) cmd_unpack "$2" "$3" ;;
  run) shift; cmd_run "$@" ;;
  remove) cmd_remove "$2" ;;
  __inside) shift; run_inside "$@" ;;
  *) die "usage: fresh_root.sh tarball CACHE_DIR | unpack TARBALL DIR | run [--apt-cache DIR] DIR -- CMD... | remove DIR" ;;
esac
