#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer harnesses of tests/fuzz with clang (AddressSanitizer,
# UndefinedBehaviorSanitizer, -Dfuzzing=true) in their own build folder, then
# for each harness:
#   1. replays every seed (the examples, the dossiers of tests/data, the
#      committed corpus, the generated rule cases and malformed files: see
#      tests/fuzz/make-corpus.py) and every input of tests/fuzz/crashes;
#   2. fuzzes for FUZZ_SECONDS seconds (60) from a copy of those seeds, in
#      the build folder: the committed corpus never grows by itself.
# Prints TAP on stdout (one line per step), the details on stderr, and what
# was found: the input saved and the report. Exits non-zero on any finding
# (crash, leak, timeout over 10 s, over 2 GB, undefined behaviour, a GLib
# warning or critical).
#
#   build-aux/run-fuzz.sh [HARNESS…]     # fuzz-dossier, fuzz-review-import, fuzz-json
#
# FUZZ_BUILD_DIR sets the build folder (_build-fuzz). To keep an input it
# found as a regression, copy it into tests/fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
build_dir=${FUZZ_BUILD_DIR:-_build-fuzz}
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  harnesses=(fuzz-dossier fuzz-review-import fuzz-json)
fi

log() {
  echo "$@" >&2
}

# Everything but the TAP lines goes to stderr.
{
  if [ ! -f "$build_dir/build.ninja" ]; then
    CC=clang meson setup "$build_dir" --werror -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false -Doptimization=1 -Dbenchmarks=false
  fi
  meson compile -C "$build_dir" fuzz
} >&2

work="$build_dir/tests/fuzz/run"
found="$work/found"
rm -rf "$work"
mkdir -p "$found"
shopt -s nullglob
tests/fuzz/make-corpus.py "$work/seeds" >&2

export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export LC_ALL=C.UTF-8 LANGUAGE=C
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp

echo "1..$((2 * ${#harnesses[@]}))"
n=0
status=0

# Prints what a failed run found: the report, and the inputs it saved.
report() {
  local output=$1 prefix=$2 exe=$3

  log "---- $output"
  grep -a -E "^(fuzz:|==[0-9]+==|SUMMARY|.*runtime error|    #[0-9]+ |artifact_prefix|Test unit|Running:|\(GLib|\*\*)" \
    "$output" | grep -a -v "^    #[0-9]* .*in fuzzer::" | head -n 80 >&2 || true
  for artifact in "$prefix"*; do
    log "found: $artifact ($(wc -c <"$artifact") bytes)"
    log "  full stacks: G_SLICE=always-malloc ASAN_OPTIONS=fast_unwind_on_malloc=0 $exe $artifact"
    log "  once fixed, keep it: cp $artifact tests/fuzz/crashes/"
  done
}

for harness in "${harnesses[@]}"; do
  exe="$build_dir/tests/fuzz/$harness"
  seeds="$work/seeds/$harness"
  if [ ! -x "$exe" ] || [ ! -d "$seeds" ]; then
    n=$((n + 1)); echo "not ok $n - $harness: no such harness"
    n=$((n + 1)); echo "not ok $n - $harness: no such harness"
    status=1
    continue
  fi

  # 1. Replay: each committed input once.
  n=$((n + 1))
  inputs=("$seeds"/* tests/fuzz/crashes/*)
  replay_log="$work/$harness-replay.log"
  if "$exe" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$found/$harness-replay-" \
       "${inputs[@]}" >"$replay_log" 2>&1; then
    echo "ok $n - $harness: replayed ${#inputs[@]} inputs"
  else
    echo "not ok $n - $harness: an input of the corpus or of tests/fuzz/crashes fails"
    report "$replay_log" "$found/$harness-replay-" "$exe"
    status=1
  fi

  # 2. Fuzz for a bounded time, on a copy of the seeds.
  n=$((n + 1))
  corpus="$work/$harness-corpus"
  cp -r "$seeds" "$corpus"
  fuzz_log="$work/$harness.log"
  if "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -dict="$work/seeds/dossier.dict" -print_final_stats=1 \
       -artifact_prefix="$found/$harness-" "$corpus" >"$fuzz_log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$fuzz_log")
    echo "ok $n - $harness: fuzzed ${seconds} s, ${runs:-?} runs, no finding"
  else
    echo "not ok $n - $harness: fuzzing found a problem (see $fuzz_log)"
    report "$fuzz_log" "$found/$harness-" "$exe"
    status=1
  fi
done

exit $status
