#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# habilitation-cli under valgrind's memcheck over every example: check --json,
# fingerprint, datapass-url, export to a temporary folder, and review on a
# copy. A test fails on any invalid access or use of uninitialised memory and
# on any definite leak (valgrind then exits with 99), and when the command
# itself crashes. Its own exit status (findings, a link that does not apply)
# does not matter here. TAP.
#
#   check-valgrind.sh VALGRIND HABILITATION_CLI EXAMPLES_DIR
set -u

valgrind=$1
cli=$2
examples=$3

export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export LC_ALL=C.UTF-8 LANGUAGE=C

suppressions=()
for supp in "$(dirname "$0")/valgrind.supp" /usr/share/glib-2.0/valgrind/glib.supp; do
  if [ -f "$supp" ]; then
    suppressions+=("--suppressions=$supp")
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

files=("$examples"/*.habilitation)
echo "1..$((5 * ${#files[@]}))"

n=0
failed=0

# run NAME COMMAND…: one test.
run() {
  local name=$1 log status
  shift
  n=$((n + 1))
  log="$tmp/valgrind-$n.log"

  "$valgrind" --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --error-exitcode=99 --track-origins=yes --num-callers=30 \
    "${suppressions[@]}" --log-file="$log" \
    "$cli" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  status=$?

  local summary definite
  summary=$(sed -n 's/^==[0-9]*== ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log" | tail -n 1)
  definite=$(sed -n 's/^==[0-9]*==    definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -n 1)

  if [ "$status" -eq 99 ] || [ "$status" -ge 128 ] || [ "${summary:-1}" != 0 ]; then
    echo "not ok $n - $name: exit $status, ${summary:-?} errors, ${definite:-0} bytes definitely lost"
    sed 's/^/# /' "$log"
    sed 's/^/# stderr: /' "$tmp/stderr"
    failed=1
  else
    echo "ok $n - $name: ${summary} errors, ${definite:-0} bytes definitely lost (exit $status)"
  fi
}

for file in "${files[@]}"; do
  base=$(basename "$file" .habilitation)
  copy="$tmp/$base.habilitation"
  cp "$file" "$copy"

  run "check --json $base" check --json --today 2026-06-15 "$file"
  run "fingerprint $base" fingerprint "$file"
  run "datapass-url $base" datapass-url "$file"
  run "export $base" export --draft --today 2026-06-15 "$file" -o "$tmp/$base.zip"
  run "review $base (a copy)" review --approve --reviewer "Thomas Nguyen" --comment "Vu." "$copy"
done

exit $failed
