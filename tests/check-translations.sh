#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The French translations of the application and of the help are complete:
# no untranslated and no fuzzy message, and msgfmt --check accepts them.
set -u
cd "$(dirname "$0")/.."

files=(po/fr.po help/fr/fr.po)
echo "1..${#files[@]}"
n=0
failed=0
for f in "${files[@]}"; do
  n=$((n + 1))
  if [ ! -f "$f" ]; then
    echo "not ok $n - $f is missing"
    failed=1
    continue
  fi
  stats=$(msgfmt --check --statistics -o /dev/null "$f" 2>&1)
  status=$?
  if [ $status -ne 0 ] || echo "$stats" | grep -qE "untranslated|fuzzy"; then
    echo "not ok $n - $f: $stats"
    failed=1
  else
    echo "ok $n - $f: $stats"
  fi
done
exit $failed
