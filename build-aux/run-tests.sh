#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up, builds from scratch and runs the whole test suite
# headless: a private D-Bus session with an unlocked gnome-keyring and an Xvfb
# display (reference/toolchain.md); then builds again with AddressSanitizer
# and UndefinedBehaviorSanitizer and runs the suite once more; then builds
# the libFuzzer harnesses with clang and runs each for FUZZ_SECONDS (60)
# (build-aux/run-fuzz.sh). Ends with "N passed, N failed, N skipped" over
# all three and exits non-zero on any failure or fuzzing finding.
# SANITIZE=0 skips the sanitizer run, FUZZ=0 the fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-_build-tests}
asan_dir=${build_dir}-asan
fuzz_dir=${build_dir}-fuzz
sanitize=${SANITIZE:-1}
fuzz=${FUZZ:-1}

build-aux/install-deps.sh

rm -rf "$build_dir" "$asan_dir" "$fuzz_dir"
meson setup "$build_dir" --werror
meson compile -C "$build_dir"
if [ "$sanitize" = 1 ]; then
  meson setup "$asan_dir" --werror -Db_sanitize=address,undefined -Db_lundef=false -Dbenchmarks=false
  meson compile -C "$asan_dir"
fi

run_suite() {
  # The runtime folder exists before the session bus, so that what the bus
  # starts (the keyring, the accessibility bus and its socket) lives in it,
  # not in a home folder another test session may share.
  local runtime
  runtime=$(mktemp -d)
  chmod 700 "$runtime"
  XDG_RUNTIME_DIR="$runtime" BUILD_DIR="$1" dbus-run-session -- bash -euo pipefail -c '
    export XDG_DATA_HOME=$(mktemp -d)
    printf "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    gdbus wait --session --timeout 10 org.freedesktop.secrets
    xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
      meson test -C "$BUILD_DIR" --print-errorlogs --num-processes 2
  '
}

rc=0
run_suite "$build_dir" || rc=$?
logs=("$build_dir/meson-logs/testlog.json")
if [ "$sanitize" = 1 ]; then
  echo "== The same suite under AddressSanitizer and UndefinedBehaviorSanitizer =="
  run_suite "$asan_dir" || rc=$?
  logs+=("$asan_dir/meson-logs/testlog.json")
fi

taps=()
if [ "$fuzz" = 1 ]; then
  echo "== The libFuzzer harnesses, ${FUZZ_SECONDS:-60} s each =="
  fuzz_tap=$(mktemp)
  trap 'rm -f "$fuzz_tap"' EXIT
  FUZZ_BUILD_DIR="$fuzz_dir" build-aux/run-fuzz.sh | tee "$fuzz_tap" || rc=$?
  taps+=(--tap "$fuzz_tap")
fi

# meson's own summary is not a line CI reads: print the plain one, counting
# every TAP subtest, and a test that crashed or bailed out as one failure;
# then the TAP of the fuzzing, where a missing line is a failure.
python3 - "${logs[@]}" "${taps[@]}" <<'PY'
import json, re, sys

counts = {"passed": 0, "failed": 0, "skipped": 0}
tap = re.compile(r"^(not ok|ok)\b", re.I)
skip = re.compile(r"#\s*SKIP", re.I)

args = sys.argv[1:]
logs = args[:args.index("--tap")] if "--tap" in args else args
tap_files = [args[i + 1] for i, arg in enumerate(args) if arg == "--tap"]

for path in tap_files:
    planned = seen = 0
    for out in open(path):
        plan = re.match(r"^1\.\.(\d+)", out)
        if plan:
            planned = int(plan.group(1))
        m = tap.match(out)
        if not m:
            continue
        seen += 1
        if m.group(1).lower() == "not ok":
            counts["failed"] += 1
        else:
            counts["passed"] += 1
    if planned == 0 or seen < planned:
        counts["failed"] += max(planned - seen, 1)

for path in logs:
    try:
        log = open(path)
    except FileNotFoundError:
        counts["failed"] += 1
        continue
    for line in log:
        entry = json.loads(line)
        seen = failed = 0
        for out in (entry.get("stdout") or "").splitlines():
            m = tap.match(out)
            if not m:
                continue
            seen += 1
            if m.group(1).lower() == "not ok":
                counts["failed"] += 1
                failed += 1
            elif skip.search(out):
                counts["skipped"] += 1
            else:
                counts["passed"] += 1
        result = entry["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            if seen == 0:
                counts["passed"] += 1
        elif result == "SKIP":
            if seen == 0:
                counts["skipped"] += 1
        elif failed == 0:
            # crashed, bailed out or timed out without a "not ok" line
            counts["failed"] += 1

print(f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped")
PY

exit $rc
