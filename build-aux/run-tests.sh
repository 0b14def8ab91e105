#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up, builds from scratch and runs the whole test suite
# headless: a private D-Bus session with an unlocked gnome-keyring and an Xvfb
# display (reference/toolchain.md). Ends with "N passed, N failed, N skipped"
# and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-_build-tests}

build-aux/install-deps.sh

rm -rf "$build_dir"
meson setup "$build_dir" --werror
meson compile -C "$build_dir"

rc=0
BUILD_DIR="$build_dir" dbus-run-session -- bash -euo pipefail -c '
  export XDG_RUNTIME_DIR=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d)
  chmod 700 "$XDG_RUNTIME_DIR"
  printf "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  gdbus wait --session --timeout 10 org.freedesktop.secrets
  xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
    meson test -C "$BUILD_DIR" --print-errorlogs --num-processes 2
' || rc=$?

# meson's own summary is not a line CI reads: print the plain one, counting
# every TAP subtest, and a test that crashed or bailed out as one failure.
python3 - "$build_dir/meson-logs/testlog.json" <<'PY'
import json, re, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
tap = re.compile(r"^(not ok|ok)\b.*?(#\s*SKIP)?", re.I)
try:
    with open(sys.argv[1]) as log:
        for line in log:
            entry = json.loads(line)
            seen_failure = False
            seen = 0
            for out in (entry.get("stdout") or "").splitlines():
                m = tap.match(out)
                if not m:
                    continue
                seen += 1
                if m.group(1).lower() == "not ok":
                    counts["failed"] += 1
                    seen_failure = True
                elif m.group(2):
                    counts["skipped"] += 1
                else:
                    counts["passed"] += 1
            result = entry["result"]
            if result == "SKIP" and seen == 0:
                counts["skipped"] += 1
            elif result not in ("OK", "EXPECTEDFAIL", "SKIP") and not seen_failure:
                counts["failed"] += 1
            elif seen == 0 and result in ("OK", "EXPECTEDFAIL"):
                counts["passed"] += 1
except FileNotFoundError:
    counts["failed"] += 1
print(f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
PY

exit $rc
