#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The topology as a screen reader sees it, over AT-SPI: starts baton on a
# cluster file and looks, in the accessibility tree of the running app,
# for the node cards (panels named "Node <name>, <state>, <n> groups")
# and the group chips (push buttons named after their group).
#
# Usage: test-atspi.py BATON CLUSTER.json SCHEMA_DIR
# Needs a display and a D-Bus session with the AT-SPI bus: test-atspi.sh
# provides both (and exits 77 without a display).

import os
import signal
import subprocess
import sys
import time

import pyatspi

APP_TIMEOUT_S = 20
TREE_TIMEOUT_S = 20

# What the exchange2003-frontend-backend.json fixture must show.
EXPECTED = [
    # (what, name prefix, acceptable roles)
    ("card of Cluster Node 1", "Node Cluster Node 1,", {"panel", "grouping"}),
    ("card of Cluster Node 2", "Node Cluster Node 2,", {"panel", "grouping"}),
    ("chip of Exchange Virtual Server 1", "Exchange Virtual Server 1", {"push button"}),
    ("chip of Cluster Group", "Cluster Group", {"push button"}),
]


def fail(message):
    print("FAIL: " + message, flush=True)
    return 1


def safe(call, default=None):
    """AT-SPI calls on a live tree may fail while it changes."""
    try:
        return call()
    except Exception:  # noqa: BLE001 - any D-Bus error means "not there now"
        return default


def find_app(process):
    deadline = time.monotonic() + APP_TIMEOUT_S
    seen = set()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return None, "baton exited early with status %d" % process.returncode
        desktop = safe(lambda: pyatspi.Registry.getDesktop(0))
        for i in range(safe(lambda: desktop.childCount, 0) if desktop else 0):
            app = safe(lambda: desktop.getChildAtIndex(i))
            name = safe(lambda: app.name, "") if app else ""
            pid = safe(lambda: app.get_process_id(), None) if app else None
            seen.add("%s (pid %s)" % (name, pid))
            if pid == process.pid or (name or "").lower() in ("baton", "io.github.baton.baton"):
                return app, None
        time.sleep(0.25)
    return None, "no application \"baton\" on the AT-SPI desktop after %d s (seen: %s)" % (
        APP_TIMEOUT_S, ", ".join(sorted(seen)) or "nothing")


def walk(root, limit=20000):
    """Every accessible under root, breadth first."""
    queue = [root]
    count = 0
    while queue and count < limit:
        node = queue.pop(0)
        count += 1
        yield node
        for i in range(safe(lambda: node.childCount, 0)):
            child = safe(lambda: node.getChildAtIndex(i))
            if child is not None:
                queue.append(child)


def look(app):
    """(found, everything named) for the EXPECTED accessibles."""
    found = {}
    named = []
    for acc in walk(app):
        name = safe(lambda: acc.name, "") or ""
        role = safe(lambda: acc.getRoleName(), "") or ""
        if not name:
            continue
        named.append((role, name))
        for what, prefix, roles in EXPECTED:
            if what not in found and name.startswith(prefix) and role in roles:
                found[what] = (role, name)
    return found, named


def main():
    if len(sys.argv) != 4:
        print("usage: test-atspi.py BATON CLUSTER.json SCHEMA_DIR", file=sys.stderr)
        return 2
    baton, cluster, schema_dir = sys.argv[1:]
    for path in (baton, cluster):
        if not os.path.exists(path):
            return fail("%s does not exist" % path)

    env = dict(os.environ)
    # These two switch the AT-SPI bridge off.
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env["GSETTINGS_BACKEND"] = "memory"
    env["GSETTINGS_SCHEMA_DIR"] = schema_dir
    env.setdefault("GSK_RENDERER", "cairo")

    process = subprocess.Popen([baton, cluster], env=env)
    print("started %s %s (pid %d)" % (baton, cluster, process.pid), flush=True)
    try:
        app, error = find_app(process)
        if app is None:
            return fail(error)
        print("found application %r (pid %d)" % (safe(lambda: app.name, "?"), process.pid),
              flush=True)

        deadline = time.monotonic() + TREE_TIMEOUT_S
        while True:
            found, named = look(app)
            if len(found) == len(EXPECTED) or time.monotonic() >= deadline:
                break
            if process.poll() is not None:
                return fail("baton exited with status %d" % process.returncode)
            time.sleep(0.5)

        for what, _prefix, _roles in EXPECTED:
            if what in found:
                role, name = found[what]
                print("found %s: [%s] %r" % (what, role, name))
        missing = [what for what, _prefix, _roles in EXPECTED if what not in found]
        if missing:
            print("named accessibles of baton:")
            for role, name in named:
                print("  [%s] %r" % (role, name))
            return fail("not found over AT-SPI: " + ", ".join(missing))

        # A card says how many groups its node holds.
        card_name = found["card of Cluster Node 1"][1]
        if not card_name.endswith("1 group"):
            return fail("the card of Cluster Node 1 is named %r, expected it to end in "
                        "\"1 group\"" % card_name)
        print("ok: %d accessibles found" % len(found), flush=True)
        return 0
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


if __name__ == "__main__":
    sys.exit(main())
