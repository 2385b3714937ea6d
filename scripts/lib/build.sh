#!/usr/bin/env bash
# Configures (once) and builds the project in the directory named by $1
# (default ./build); further arguments go to `meson setup` the first time.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${1:-build}"
shift || true
if [ ! -f "$dir/build.ninja" ]; then
  meson setup "$dir" "$@"
fi
ninja -C "$dir"
