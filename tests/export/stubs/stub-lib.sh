# stub-lib.sh — sourced by the stub tools of tests/export/test-script.c
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each stub appends its argv to $BATON_STUB_LOG as one record of
# NUL-terminated fields: the number of arguments, the tool's name, then
# every argument byte for byte, so arguments with spaces, quotes or
# newlines stay unambiguous.  A tiny state lives in files under
# $BATON_STUB_STATE, one per node or group, named after the hex bytes of
# the name (names hold "/" and worse).
#
# BATON_STUB_FAIL=TOOL:ARG makes TOOL fail (exit 1) when ARG is one of its
# arguments; the call is still recorded.

stub_name=${0##*/}

stub_record () {
  if [ -n "${BATON_STUB_LOG:-}" ]; then
    printf '%s\000' "$#" "$stub_name" "$@" >>"$BATON_STUB_LOG"
  fi
}

stub_maybe_fail () {
  case "${BATON_STUB_FAIL:-}" in
    "$stub_name":*) ;;
    *) return 0 ;;
  esac
  for stub_arg in "$@"; do
    if [ "$stub_arg" = "${BATON_STUB_FAIL#*:}" ]; then
      printf '%s (stub): failing as BATON_STUB_FAIL asks\n' "$stub_name" >&2
      exit 1
    fi
  done
}

stub_usage () {
  printf '%s (stub): unexpected argument: %s\n' "$stub_name" "$1" >&2
  exit 64
}

# stub_key NAME: a file name for any name.
stub_key () {
  printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'
}

# stub_get KIND NAME DEFAULT / stub_set KIND NAME VALUE
stub_get () {
  if [ -f "$BATON_STUB_STATE/$1-$(stub_key "$2")" ]; then
    cat "$BATON_STUB_STATE/$1-$(stub_key "$2")"
  else
    printf '%s' "$3"
  fi
}

stub_set () {
  printf '%s' "$3" >"$BATON_STUB_STATE/$1-$(stub_key "$2")"
}

# The machine a command runs on: the node ssh went to, else this one.
stub_here () {
  printf '%s' "${BATON_STUB_NODE:-${BATON_STUB_LOCAL:-baton-stub-local}}"
}

stub_record "$@"
stub_maybe_fail "$@"
