#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs test-atspi.py in a D-Bus session of its own with the AT-SPI bus, so
# baton's accessibility tree can be read as a screen reader reads it.
# Usage: test-atspi.sh BATON TEST-ATSPI.PY CLUSTER.json SCHEMA_DIR
set -eu
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display: run under xvfb-run (build-aux/dev test does)"
  exit 77
fi
launcher=/usr/libexec/at-spi-bus-launcher
if [ ! -x "$launcher" ]; then
  echo "no $launcher: install at-spi2-core to run this test"
  exit 77
fi
for tool in dbus-run-session dbus-send; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "no $tool: install dbus (dbus-bin) to run this test"
    exit 77
  fi
done
if ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
  echo "no pyatspi for /usr/bin/python3: install python3-pyatspi to run this test"
  exit 77
fi

# GTK_A11Y=none and NO_AT_BRIDGE switch AT-SPI off; the test must not inherit them.
unset GTK_A11Y NO_AT_BRIDGE AT_SPI_BUS_ADDRESS

# A runtime directory of its own: the launcher names its socket after the
# display (at-spi/bus_99), so two runs on one Xvfb would take each other's.
runtime=$(mktemp -d "${TMPDIR:-/tmp}/baton-test-atspi.XXXXXX")
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR="$runtime"

# In the new session: start the AT-SPI bus and wait until it owns its name
# (else the first client's request activates a second launcher, and the two
# race), then start the registry on it; only then the test, since pyatspi
# aborts the process when it cannot register.  Clients look for the bus on
# the X root window first, where another run on the same display may have
# put its own: the launcher runs without DISPLAY, so neither it nor the
# registry it starts use the root window, and AT_SPI_BUS_ADDRESS names the
# bus to the test and to baton.
dbus-run-session -- sh -c '
  launcher=$1 script=$2 baton=$3 cluster=$4 schemas=$5
  env -u DISPLAY "$launcher" --launch-immediately &
  launcher_pid=$!
  stop () {
    kill "$launcher_pid" 2>/dev/null || true
    wait "$launcher_pid" 2>/dev/null || true
  }

  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
          org.freedesktop.DBus.NameHasOwner string:org.a11y.Bus 2>/dev/null | grep -q "boolean true"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 300 ] || ! kill -0 "$launcher_pid" 2>/dev/null; then
      echo "FAIL: the AT-SPI bus launcher did not take org.a11y.Bus"
      stop
      exit 1
    fi
    sleep 0.1
  done
  address=$(dbus-send --session --print-reply=literal --reply-timeout=20000 --dest=org.a11y.Bus \
              /org/a11y/bus org.a11y.Bus.GetAddress | tr -d " ")
  if [ -z "$address" ] ||
     ! dbus-send --bus="$address" --print-reply --reply-timeout=20000 \
         --dest=org.a11y.atspi.Registry /org/a11y/atspi/registry \
         org.freedesktop.DBus.Peer.Ping >/dev/null; then
    echo "FAIL: the AT-SPI registry did not start on the accessibility bus ($address)"
    stop
    exit 1
  fi
  export AT_SPI_BUS_ADDRESS="$address"

  status=0
  /usr/bin/python3 "$script" "$baton" "$cluster" "$schemas" || status=$?
  stop
  exit "$status"
' sh "$launcher" "$2" "$1" "$3" "$4"
