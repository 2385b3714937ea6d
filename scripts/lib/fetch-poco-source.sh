#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Unpacks Debian's source of the installed libpoco-dev into subprojects/poco-src
# (with Debian's patches applied) for the static_poco build.
#
# The source comes from the archives this machine already installs from: deb-src
# entries are derived from its own apt sources, so nothing is fetched from
# anywhere else. The system's apt configuration is left untouched: the derived
# sources, the downloaded indices and the apt cache live in a private directory
# (subprojects/.poco-apt, or $AUTHCORE_POCO_APT_DIR). apt verifies the Release
# signatures (Signed-By keyrings of the system entries) and the file hashes as
# usual; nothing here relaxes that.
#
# Idempotent: exits at once when the wanted version is already unpacked.
# Usage: scripts/lib/fetch-poco-source.sh [--check]
#   --check  only report (exit 1) whether the source is missing or stale.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$repo/subprojects/poco-src"
stamp="$dest/.debian-source-version"
state="${AUTHCORE_POCO_APT_DIR:-$repo/subprojects/.poco-apt}"

# The source version can differ from the binary one (binNMUs), so ask for both.
read -r src_pkg src_ver < <(dpkg-query -W -f='${source:Package} ${source:Version}\n' libpoco-dev 2>/dev/null) || {
  echo "fetch-poco-source: libpoco-dev is not installed (scripts/lib/install-deps.sh build)" >&2
  exit 1
}
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$src_pkg $src_ver" ]; then
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  echo "fetch-poco-source: $dest does not hold $src_pkg $src_ver" >&2
  exit 1
fi
for tool in apt-get dpkg-source; do
  command -v "$tool" >/dev/null || { echo "fetch-poco-source: $tool missing (apt-get install dpkg-dev)" >&2; exit 1; }
done

echo "fetch-poco-source: fetching $src_pkg $src_ver through apt (private state in $state)"
rm -rf "$state"
mkdir -p "$state/sources.list.d" "$state/lists/partial" "$state/cache/archives/partial" "$state/work"

# deb822 files: every stanza becomes a deb-src stanza with the same URIs,
# suites, components and Signed-By, so the same keys verify it.
shopt -s nullglob
for f in /etc/apt/sources.list.d/*.sources; do
  sed -E 's/^Types:.*/Types: deb-src/' "$f" > "$state/sources.list.d/$(basename "$f")"
done
# One-line files: each `deb` line (options such as [signed-by=...] kept) becomes `deb-src`.
: > "$state/sources.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  sed -nE 's/^[[:space:]]*deb[[:space:]]+/deb-src /p' "$f" >> "$state/sources.list"
done
shopt -u nullglob

apt_opts=(
  -o "Dir::Etc::SourceList=$state/sources.list"
  -o "Dir::Etc::SourceParts=$state/sources.list.d"
  -o "Dir::State::Lists=$state/lists"
  -o "Dir::Cache=$state/cache"
  -o "Acquire::Languages=none"
  # Whatever apt.conf.d says, an unsigned or unverifiable index is an error here.
  -o "Acquire::AllowInsecureRepositories=false"
  -o "Acquire::AllowDowngradeToInsecureRepositories=false"
  -o "APT::Get::AllowUnauthenticated=false"
)
# apt downloads as the unprivileged _apt user when run as root; let it write here.
if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
  chown -R _apt "$state/lists/partial" "$state/cache/archives/partial" "$state/work"
fi
apt-get "${apt_opts[@]}" update
# --download-only: apt checks the .dsc, .orig and .debian tarballs against the
# hashes in the signed Sources index; dpkg-source then unpacks and applies
# debian/patches (quilt format 3.0).
(cd "$state/work" && apt-get "${apt_opts[@]}" source --download-only "$src_pkg=$src_ver")
dsc=("$state/work/${src_pkg}_${src_ver#*:}.dsc")
[ -f "${dsc[0]}" ] || { echo "fetch-poco-source: ${dsc[0]} was not downloaded" >&2; exit 1; }

rm -rf "$dest" "$state/work/unpacked"
dpkg-source -x "${dsc[0]}" "$state/work/unpacked"
mv "$state/work/unpacked" "$dest"
echo "$src_pkg $src_ver" > "$stamp"
echo "fetch-poco-source: unpacked $src_pkg $src_ver into $dest"
