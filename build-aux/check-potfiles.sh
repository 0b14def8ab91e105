#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source or .ui file with translatable strings is listed in
# po/POTFILES.in, and every listed file exists. Prints TAP.
set -u
cd "$(dirname "$0")/.."

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
found=$( (grep -rlE '\b(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(' --include='*.c' src;
          grep -rl 'translatable="yes"' --include='*.ui' src 2>/dev/null) | sort -u)

n=0
failed=0
echo "1..2"

missing=$(comm -13 <(echo "$listed") <(echo "$found"))
n=$((n + 1))
if [ -z "$missing" ]; then
  echo "ok $n - every file with translatable strings is in po/POTFILES.in"
else
  echo "not ok $n - not in po/POTFILES.in:"; echo "$missing" | sed 's/^/# /'
  failed=1
fi

gone=""
for f in $listed; do
  [ -f "$f" ] || gone="$gone $f"
done
n=$((n + 1))
if [ -z "$gone" ]; then
  echo "ok $n - every file listed in po/POTFILES.in exists"
else
  echo "not ok $n - listed but missing:$gone"
  failed=1
fi

exit $failed
