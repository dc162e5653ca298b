#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The baton binary starts on the demo cluster and on a fixture, draws its
# window and exits 0; a broken file still opens a window (with the error).
set -eu
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display: run under xvfb-run (build-aux/dev test does)"
  exit 77
fi
baton=$1
fixtures=$2
out=${TMPDIR:-/tmp}/baton-test-app.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

"$baton" --version | grep -q '^baton '

"$baton" --screenshot="$out/demo.png"
test -s "$out/demo.png"

"$baton" --screenshot="$out/nt4.png" "$fixtures/nt4-two-node.json"
test -s "$out/nt4.png"

printf '{"format": "baton-cluster/1"' > "$out/broken.json"
"$baton" --screenshot="$out/broken.png" "$out/broken.json"
test -s "$out/broken.png"

# The PNGs are real images of the window's size class.
for png in "$out"/*.png; do
  head -c 8 "$png" | od -An -c | grep -q 'P   N   G' || { echo "$png is not a PNG"; exit 1; }
done
echo "ok: 3 windows rendered"
