#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/bench/run.sh: the performance figures of issue #9, each against the
# floor measured in the same run. Not part of the test suite.
#
#   tests/bench/run.sh [BUILD_DIR]     (default: _build-bench, a release build)
#
# Needs Xvfb, dbus-run-session, valgrind, GNU time (/usr/bin/time) and zip.
# RUNS (default 15) sets the number of timed start-ups and exports.
set -eu

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/_build-bench}
RUNS=${RUNS:-15}

for tool in Xvfb dbus-run-session valgrind zip unzip /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is missing (apt-get install xvfb dbus valgrind zip unzip time)" >&2; exit 2; }
done

if [ ! -d "$BUILD" ]; then
  meson setup "$BUILD" "$SRC" --buildtype=release -Dbenchmarks=true >/dev/null
fi
meson compile -C "$BUILD" bench >/dev/null

WORK=$(mktemp -d /tmp/hab-bench-XXXXXX)
XVFB_PID=
cleanup () {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# A private X server on a free display number.
exec 3>"$WORK/display"
Xvfb -displayfd 3 -screen 0 1280x900x24 -noreset -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
exec 3>&-
i=0
while [ ! -s "$WORK/display" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
DISPLAY=:$(head -n1 "$WORK/display")

mkdir -p "$WORK/state" "$WORK/data" "$WORK/config" "$WORK/cache"
export DISPLAY GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=none GSETTINGS_BACKEND=memory \
       GSETTINGS_SCHEMA_DIR="$BUILD/data" XDG_STATE_HOME="$WORK/state" XDG_DATA_HOME="$WORK/data" \
       XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" HAB_QUIT_AFTER_FIRST_FRAME=1 \
       LC_ALL=C.UTF-8 TMPDIR="$WORK"

# The largest example dossier.
LARGEST=$(ls -S "$SRC"/data/examples/*.habilitation | head -n1)
APP="$BUILD/src/ui/habilitation"
EMPTY="$BUILD/tests/bench/bench-empty-window"

median () { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
row () { printf '%-44s %14s %14s %8s   %s\n' "$1" "$2" "$3" "$4" "$5"; }

# Everything that starts a window runs inside one session bus, as in a desktop.
# The timed runs alternate between the two programs, so that whatever else the
# machine does weighs on both alike.
cat > "$WORK/startup.sh" <<'INNER'
set -eu
# --fair-sched: threads take turns as on a machine with several processors;
# without it, whether GTK's icon-theme thread ran before the first lookup
# changed the count by some 65 M instructions from one run to the next.
count () {
  label=$1; shift
  valgrind --tool=callgrind --fair-sched=yes --callgrind-out-file="$WORK/$label.callgrind" "$@" \
    >/dev/null 2>"$WORK/$label.valgrind" || { echo "$label did not start under valgrind" >&2; exit 1; }
}
# To the first frame (the program prints its time on stderr), and to the end
# of the process (quitting included).
timed () {
  label=$1; shift
  t0=$(date +%s%N)
  /usr/bin/time -f %M -o "$WORK/$label.time" "$@" >/dev/null 2>"$WORK/$label.err" \
    || { echo "$label did not start" >&2; cat "$WORK/$label.err" >&2; exit 1; }
  t1=$(date +%s%N)
  frame=$(sed -n 's/^first-frame-us \([0-9]*\)$/\1/p' "$WORK/$label.err")
  [ -n "$frame" ] || { echo "$label printed no first-frame-us line" >&2; exit 1; }
  echo $(( frame - t0 / 1000 )) >> "$WORK/$label.frame"
  echo $(( (t1 - t0) / 1000 )) >> "$WORK/$label.wall"
  cat "$WORK/$label.time" >> "$WORK/$label.rss"
}
count empty "$EMPTY"
count app "$APP" "$LARGEST"
# warm-up, then the timed runs
"$EMPTY" >/dev/null 2>&1
"$APP" "$LARGEST" >/dev/null 2>&1
for label in empty app; do : > "$WORK/$label.frame"; : > "$WORK/$label.wall"; : > "$WORK/$label.rss"; done
n=0
while [ $n -lt "$RUNS" ]; do
  timed empty "$EMPTY"
  timed app "$APP" "$LARGEST"
  n=$((n + 1))
done
INNER
export WORK RUNS EMPTY APP LARGEST
# (dbus-daemon and the keyring it activates talk on stderr: keep that in a log)
dbus-run-session -- sh "$WORK/startup.sh" >>"$WORK/session.log" 2>&1 \
  || { cat "$WORK/session.log" >&2; echo "run.sh: the start-up runs failed" >&2; exit 1; }

ir () { awk '/^(summary|totals):/ { print $2; exit }' "$WORK/$1.callgrind"; }
IR_APP=$(ir app); IR_EMPTY=$(ir empty)
FRAME_APP=$(median < "$WORK/app.frame"); FRAME_EMPTY=$(median < "$WORK/empty.frame")
WALL_APP=$(median < "$WORK/app.wall"); WALL_EMPTY=$(median < "$WORK/empty.wall")
RSS_APP=$(median < "$WORK/app.rss"); RSS_EMPTY=$(median < "$WORK/empty.rss")

KEYS=$(dbus-run-session -- env -u HAB_QUIT_AFTER_FIRST_FRAME "$BUILD/tests/bench/bench-keystroke" "$LARGEST" \
       2>>"$WORK/session.log" | grep '^keystrokes') \
  || { cat "$WORK/session.log" >&2; echo "run.sh: bench-keystroke failed" >&2; exit 1; }
KEY_MEDIAN=$(echo "$KEYS" | awk '{ print $4 }'); KEY_WORST=$(echo "$KEYS" | awk '{ print $6 }')

echo
echo "Habilitation benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPU, largest example $(basename "$LARGEST")"
echo
row "figure" "ours" "floor" "ratio" "target"
row "1. start-up instructions (callgrind Ir)" "$IR_APP" "$IR_EMPTY" "$(ratio "$IR_APP" "$IR_EMPTY")" "<= 1.5 (empty window)"
row "1. wall time to first frame, median (ms)" "$(awk -v v="$FRAME_APP" 'BEGIN{printf "%.1f", v/1000}')" \
    "$(awk -v v="$FRAME_EMPTY" 'BEGIN{printf "%.1f", v/1000}')" "$(ratio "$FRAME_APP" "$FRAME_EMPTY")" "<= 1.5 (empty window)"
row "   the whole process, with quitting (ms)" "$(awk -v v="$WALL_APP" 'BEGIN{printf "%.1f", v/1000}')" \
    "$(awk -v v="$WALL_EMPTY" 'BEGIN{printf "%.1f", v/1000}')" "$(ratio "$WALL_APP" "$WALL_EMPTY")" "(for information)"
row "2. peak RSS, median (KiB)" "$RSS_APP" "$RSS_EMPTY" "$(ratio "$RSS_APP" "$RSS_EMPTY")" "<= 1.5 (empty window)"
row "3. keystroke -> sidebar frame, median (ms)" "$KEY_MEDIAN" "16.667" "$(ratio "$KEY_MEDIAN" 16.6667)" "<= 1 frame"
row "3. keystroke -> sidebar frame, worst (ms)" "$KEY_WORST" "16.667" "$(ratio "$KEY_WORST" 16.6667)" "<= 2 frames"

echo
echo "4. Validation and I/O (floor: a 16.7 ms frame; targets: validation < 1 %, load and save < 5 ms)"
"$BUILD/tests/bench/bench-validate" | sed 's/^/   /'

echo
echo "5. Export with the command line (process start included), median of $RUNS (ms),"
echo "   against zip -X of the same files"
row "dossier" "export" "zip -X" "ratio" "target <= 5"
export_once () {
  "$BUILD/src/cli/habilitation-cli" export "$dossier" -o "$dir/bundle.zip" --today 2026-11-27 >/dev/null 2>"$dir/stderr" \
    || { echo "run.sh: export of $dossier failed: $(cat "$dir/stderr")" >&2; exit 1; }
}
for dossier in "$SRC"/data/examples/*.habilitation; do
  name=$(basename "$dossier" .habilitation)
  dir="$WORK/export-$name"; mkdir -p "$dir/files"
  : > "$dir/export"; : > "$dir/zip"
  # One export gives the files for zip -X; then the two, one after the other.
  rm -f "$dir/bundle.zip"
  export_once
  (cd "$dir/files" && unzip -q "$dir/bundle.zip")
  n=0
  while [ $n -lt "$RUNS" ]; do
    rm -f "$dir/bundle.zip"
    t0=$(date +%s%N)
    export_once
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$dir/export"
    rm -f "$dir/floor.zip"
    t0=$(date +%s%N)
    (cd "$dir/files" && zip -X -q -r "$dir/floor.zip" .)
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$dir/zip"
    n=$((n + 1))
  done
  E=$(median < "$dir/export"); Z=$(median < "$dir/zip")
  echo "$Z" > "$WORK/zip-$name"
  row "$name" "$(awk -v v="$E" 'BEGIN{printf "%.2f", v/1000}')" "$(awk -v v="$Z" 'BEGIN{printf "%.2f", v/1000}')" \
      "$(ratio "$E" "$Z")" ""
done

echo
echo "   The same exports inside one process, as the application makes them (bench-export):"
echo "   the first of the process, then the median of the next nine (ms)"
row "dossier" "first / next" "zip -X" "ratio" "(next / zip -X)"
"$BUILD/tests/bench/bench-export" "$SRC"/data/examples/*.habilitation | tail -n +2 | while read -r name first next; do
  Z=$(cat "$WORK/zip-$name")
  row "$name" "$first / $next" "$(awk -v v="$Z" 'BEGIN{printf "%.2f", v/1000}')" \
      "$(awk -v n="$next" -v z="$Z" 'BEGIN{printf "%.2f", n * 1000 / z}')" ""
done
