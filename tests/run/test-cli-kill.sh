#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# baton-cli simulate --speed, SIGKILLed at 20 random moments, then resumed:
# each run ends in the same state as an uninterrupted one, with every step
# finished exactly once in its journal and started before it finished.
set -eu
cli=$1
fixture=$2
work=${TMPDIR:-/tmp}/baton-cli-kill.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

"$cli" simulate "$fixture" --product exchange-2003-sp --target "2003 SP2" --yes \
  --save-state "$work/expected.json" > /dev/null

rounds=20
killed=0
i=0
while [ $i -lt $rounds ]; do
  i=$((i + 1))
  journal="$work/journal-$i.jsonl"
  "$cli" simulate "$fixture" --product exchange-2003-sp --target "2003 SP2" --yes \
    --speed 20000 --journal "$journal" > /dev/null 2>&1 &
  pid=$!
  # 10 to 400 ms into a run of about 440 ms.
  sleep "0.$(printf '%03d' $(( ($(od -An -N2 -tu2 /dev/urandom) % 390) + 10 )))"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null || true

  [ -f "$journal" ] || continue   # killed before the journal existed
  "$cli" resume --journal "$journal" --yes --save-state "$work/state-$i.json" > /dev/null
  cmp -s "$work/expected.json" "$work/state-$i.json" || { echo "round $i: another end state"; exit 1; }

  # Each step: finished exactly once, started before it finished.
  awk -v round="$i" '
    NR == 1 { next }
    match($0, /"step":[0-9]+/) {
      step = substr($0, RSTART + 7, RLENGTH - 7)
      if ($0 ~ /"event":"started"/) started[step] = 1
      if ($0 ~ /"event":"finished"/) {
        if (!(step in started)) { print "round " round ": step " step " finished, never started"; bad = 1 }
        finished[step]++
      }
    }
    END {
      for (s in finished) if (finished[s] != 1) { print "round " round ": step " s " finished " finished[s] " times"; bad = 1 }
      exit bad
    }' "$journal"
done
# A journal is refused when its cluster file has changed since (exit 2).
cp "$fixture" "$work/cluster.json"
printf '{"format": "baton-faults/1", "faults": [{"kind": "fail", "action": "install-update", "times": 1}]}' > "$work/faults.json"
status=0
"$cli" simulate "$work/cluster.json" --product exchange-2003-sp --target "2003 SP2" --yes \
  --faults "$work/faults.json" --journal "$work/changed.jsonl" > /dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "a failed step should exit 1, not $status"; exit 1; }
sed 's/"Cluster Node 1", "state": "up"/"Cluster Node 1", "state": "up", "capacity": 50/' "$fixture" > "$work/cluster.json"
status=0
"$cli" resume --journal "$work/changed.jsonl" --yes > /dev/null 2> "$work/err" || status=$?
[ "$status" -eq 2 ] && grep -q "cluster file changed" "$work/err" ||
  { echo "resume of a changed cluster: exit $status: $(cat "$work/err")"; exit 1; }

echo "ok: $killed of $rounds runs killed mid-way, each resumed to the same end state"
