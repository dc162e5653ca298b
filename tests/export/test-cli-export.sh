#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# baton-cli export end to end: every fixture in every runbook format, the
# exit codes (0 written, 2 bad input, refused or unsupported), standard
# output with "-o -", and the promise that an existing file is replaced only
# by a complete new one: a refused or failed export leaves it byte for byte
# as it was, and leaves no temporary file behind.  Scripts (ps1, sh) are
# tested by test-script; here only their refusal for the wrong platform.
#
# Usage: test-cli-export.sh BATON-CLI FIXTURES-DIR
# Prints "ok N - what" per check; stops at the first failure, exit status 1.

set -eu

if [ "$#" -ne 2 ]; then
  echo "usage: $0 BATON-CLI FIXTURES-DIR" >&2
  exit 2
fi

cli=$1
fixtures=$2
n=0

# Untranslated messages ("refused", "Wrote"); names and paths here are ASCII.
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-cli-export.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

fail () {
  echo "not ok $((n + 1)) - $1" >&2
  if [ -s "$tmp/stderr" ]; then
    sed 's/^/# stderr: /' "$tmp/stderr" >&2
  fi
  exit 1
}

# run EXPECTED-STATUS ARGS...: runs baton-cli with stdout and stderr in files.
run () {
  expected=$1
  shift
  status=0
  "$cli" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
  if [ "$status" -ne "$expected" ]; then
    fail "baton-cli $* exited with $status, expected $expected"
  fi
}

# The file starts with the given bytes.
starts_with () {
  head -c "${#2}" "$1" | grep -q -F -x -e "$2"
}

# No ".NAME.XXXXXX" left beside the outputs.
no_leftovers () {
  leftovers=$(find "$1" -name '.*' ! -name '.' ! -name '..' | head -n 5)
  if [ -n "$leftovers" ]; then
    fail "$2: temporary files left behind: $leftovers"
  fi
}

[ -x "$cli" ] || fail "$cli is not executable"
[ -d "$fixtures" ] || fail "$fixtures is not a directory"

# --- every fixture with its product and target (tests/plan/test-planner.c) -----

while IFS='|' read -r fixture product target; do
  [ -n "$fixture" ] || continue
  name=${fixture%.json}
  out="$tmp/out/$name"
  mkdir -p "$out"

  run 0 export "$fixtures/$fixture" --product "$product" --target "$target" \
    --format md -o "$out/runbook.md"
  [ -s "$out/runbook.md" ] || fail "$name: runbook.md is empty"
  starts_with "$out/runbook.md" "# " || fail "$name: runbook.md does not start with a heading"
  grep -q -F -e "$target" "$out/runbook.md" || fail "$name: runbook.md does not name $target"
  ok "$name: md"

  run 0 export "$fixtures/$fixture" --product "$product" --target "$target" \
    --format html -o "$out/runbook.html"
  [ -s "$out/runbook.html" ] || fail "$name: runbook.html is empty"
  starts_with "$out/runbook.html" "<!DOCTYPE html>" ||
    fail "$name: runbook.html does not start with <!DOCTYPE html>"
  tail -n 1 "$out/runbook.html" | grep -q -F -x -e '</html>' ||
    fail "$name: runbook.html does not end with </html>"
  ok "$name: html"

  run 0 export "$fixtures/$fixture" --product "$product" --target "$target" \
    --format pdf -o "$out/runbook.pdf"
  [ -s "$out/runbook.pdf" ] || fail "$name: runbook.pdf is empty"
  starts_with "$out/runbook.pdf" "%PDF-" || fail "$name: runbook.pdf does not start with %PDF-"
  tail -c 1024 "$out/runbook.pdf" | grep -q -a -F -e '%%EOF' ||
    fail "$name: runbook.pdf has no %%EOF: incomplete"
  grep -q -F -e "runbook.pdf" "$tmp/stderr" || fail "$name: no "Wrote ..." note on stderr"
  [ ! -s "$tmp/stdout" ] || fail "$name: the PDF export wrote on stdout"
  ok "$name: pdf"

  no_leftovers "$out" "$name"
done <<EOF
nt4-two-node.json|windows-cluster-sp|NT4 SP6a
exchange55-active-passive.json|exchange-5.5-sp|5.5 SP4
exchange2000-active-active.json|exchange-2000-sp|2000 SP3
exchange2003-frontend-backend.json|exchange-2003-sp|2003 SP2
exchange2007-ccr-scr.json|exchange-2007-ru|2007 SP1 RU5
iis-two-node.json|iis-cluster-upgrade|4.0 SP4
pacemaker-three-node.json|pacemaker-rolling|2.1.6
EOF

nt4="$fixtures/nt4-two-node.json"
pacemaker="$fixtures/pacemaker-three-node.json"
set -- --product windows-cluster-sp --target "NT4 SP6a"

# --- options ---------------------------------------------------------------------

run 0 export "$nt4" "$@" --format pdf --paper letter -o "$tmp/letter.pdf"
starts_with "$tmp/letter.pdf" "%PDF-" || fail "--paper letter: not a PDF"
run 0 export "$nt4" "$@" --format pdf --paper a4 -o "$tmp/a4.pdf"
if command -v pdfinfo >/dev/null 2>&1; then
  pdfinfo "$tmp/letter.pdf" | grep -q -E '^Page size: +612 x 792 pts' ||
    fail "--paper letter: the pages are not 612 x 792 pt"
  pdfinfo "$tmp/a4.pdf" | grep -q -E '^Page size: +595(\.[0-9]+)? x 841(\.[0-9]+)? pts' ||
    fail "--paper a4: the pages are not 595 x 842 pt"
fi
cmp -s "$tmp/letter.pdf" "$tmp/a4.pdf" && fail "--paper letter and a4 give the same file"
ok "--paper letter and --paper a4"

run 2 export "$nt4" "$@" --format pdf --paper legal -o "$tmp/legal.pdf"
[ -s "$tmp/stderr" ] || fail "--paper legal: no message"
[ ! -e "$tmp/legal.pdf" ] || fail "--paper legal: a file was written"
ok "--paper legal exits 2"

run 0 export "$nt4" "$@" --format md --author "Ada Lovelace" -o "$tmp/author.md"
grep -q -F -e "Ada Lovelace" "$tmp/author.md" || fail "--author: the name is not in the runbook"
ok "--author"

# Exchange 2007's profile has commands for both Windows toolchains.
exchange2007="$fixtures/exchange2007-ccr-scr.json"
run 0 export "$exchange2007" --product exchange-2007-ru --target "2007 SP1 RU5" --format md \
  --toolchain powershell -o "$tmp/powershell.md"
run 0 export "$exchange2007" --product exchange-2007-ru --target "2007 SP1 RU5" --format md \
  --toolchain cluster.exe -o "$tmp/cluster-exe.md"
cmp -s "$tmp/powershell.md" "$tmp/cluster-exe.md" && fail "--toolchain changes nothing"
grep -q -F -e 'Command (cluster.exe)' "$tmp/cluster-exe.md" ||
  fail "--toolchain cluster.exe: no cluster.exe command"
run 2 export "$nt4" "$@" --format md --toolchain bash -o "$tmp/bash.md"
[ ! -e "$tmp/bash.md" ] || fail "--toolchain bash: a file was written"
ok "--toolchain"

run 2 export "$nt4" "$@" --format docx -o "$tmp/x.docx"
[ -s "$tmp/stderr" ] || fail "--format docx: no message"
[ ! -e "$tmp/x.docx" ] || fail "--format docx: a file was written"
ok "a bad --format exits 2"

run 2 export "$nt4" "$@" -o "$tmp/no-format.md"
[ ! -e "$tmp/no-format.md" ] || fail "no --format: a file was written"
ok "no --format exits 2"

run 2 export "$nt4" "$@" --format md
[ -s "$tmp/stderr" ] || fail "no -o: no message"
[ ! -s "$tmp/stdout" ] || fail "no -o: something was written on stdout"
ok "a missing -o exits 2"

run 2 export "$nt4" --format md -o "$tmp/no-product.md"
[ ! -e "$tmp/no-product.md" ] || fail "no --product: a file was written"
ok "a missing --product exits 2"

run 2 export "$tmp/does-not-exist.json" "$@" --format md -o "$tmp/missing.md"
[ ! -e "$tmp/missing.md" ] || fail "a missing cluster file: a file was written"
ok "a missing cluster file exits 2"

# --- standard output ------------------------------------------------------------------

run 0 export "$nt4" "$@" --format md -o -
starts_with "$tmp/stdout" "# " || fail "-o -: stdout is not the Markdown runbook"
# The same runbook as with -o FILE (but for the date, should the day have changed).
grep -v -e '^| Date |' "$tmp/stdout" >"$tmp/stdout.md"
grep -v -e '^| Date |' "$tmp/out/nt4-two-node/runbook.md" >"$tmp/file.md"
cmp -s "$tmp/stdout.md" "$tmp/file.md" ||
  fail "-o -: stdout differs from the file written with -o FILE"
[ ! -e ./- ] || fail "-o -: a file named '-' was written"
ok "-o - writes Markdown to stdout"

run 0 export "$nt4" "$@" --format html -o -
starts_with "$tmp/stdout" "<!DOCTYPE html>" || fail "-o -: stdout is not the HTML runbook"
ok "-o - writes HTML to stdout"

run 2 export "$nt4" "$@" --format pdf -o -
[ ! -s "$tmp/stdout" ] || fail "pdf -o -: something was written on stdout"
[ -s "$tmp/stderr" ] || fail "pdf -o -: no message"
ok "a PDF to stdout exits 2"

# --- a refused plan leaves the output alone --------------------------------------------

# NT4 SP2 on nodes that run NT4 SP3 is a downgrade (tests/plan/test-planner.c).
for format in md html pdf; do
  keep="$tmp/keep.$format"
  printf 'known content\nsecond line\n' >"$keep"
  cp "$keep" "$tmp/keep.orig"
  run 2 export "$nt4" --product windows-cluster-sp --target "NT4 SP2" --format "$format" \
    -o "$keep"
  grep -q -i -e refused "$tmp/stderr" || fail "refused $format: stderr does not say refused"
  cmp -s "$keep" "$tmp/keep.orig" || fail "refused $format: the existing file was changed"
  ok "a refused target ($format) exits 2 and leaves the file untouched"
done
no_leftovers "$tmp" "refused targets"

# A successful export replaces the file.
keep="$tmp/keep.md"
run 0 export "$nt4" "$@" --format md -o "$keep"
starts_with "$keep" "# " || fail "a successful export did not replace the file"
keep="$tmp/keep.pdf"
run 0 export "$nt4" "$@" --format pdf -o "$keep"
starts_with "$keep" "%PDF-" || fail "a successful PDF export did not replace the file"
no_leftovers "$tmp" "replacing files"
ok "a successful export replaces the file"

# --- a directory that does not exist -----------------------------------------------------

for format in md html pdf; do
  missing="$tmp/no-such-dir/runbook.$format"
  run 2 export "$nt4" "$@" --format "$format" -o "$missing"
  grep -q -F -e "$tmp/no-such-dir" "$tmp/stderr" ||
    fail "$format into a missing directory: the message does not name the path"
  [ ! -e "$tmp/no-such-dir" ] || fail "$format: the directory was created"
  ok "$format into a directory that does not exist exits 2 and names the path"
done

# --- an output that is a directory -------------------------------------------------------

mkdir "$tmp/a-directory"
for format in md pdf; do
  run 2 export "$nt4" "$@" --format "$format" -o "$tmp/a-directory"
  grep -q -F -e "a-directory" "$tmp/stderr" ||
    fail "$format onto a directory: the message does not name it"
  [ -d "$tmp/a-directory" ] || fail "$format onto a directory: the directory is gone"
  no_leftovers "$tmp/a-directory" "$format onto a directory"
  no_leftovers "$tmp" "$format onto a directory"
  ok "$format onto a directory exits 2 and leaves nothing behind"
done

# --- scripts: the other platform's format is refused -------------------------------------

run 2 export "$nt4" "$@" --format sh -o "$tmp/nt4.sh"
[ -s "$tmp/stderr" ] || fail "sh for a Windows cluster: no message on stderr"
[ ! -e "$tmp/nt4.sh" ] || fail "sh for a Windows cluster: a file was written"
ok "a Windows cluster with --format sh exits 2"

run 2 export "$pacemaker" --product pacemaker-rolling --target 2.1.6 --format ps1 \
  -o "$tmp/pacemaker.ps1"
[ -s "$tmp/stderr" ] || fail "ps1 for a Pacemaker cluster: no message on stderr"
[ ! -e "$tmp/pacemaker.ps1" ] || fail "ps1 for a Pacemaker cluster: a file was written"
ok "a Pacemaker cluster with --format ps1 exits 2"

no_leftovers "$tmp" "the whole test"
echo "# $n checks passed"
