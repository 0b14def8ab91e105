#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the window on an example dossier under Xvfb, one PNG per step, in
# French, at 1280×800, at 400 px wide (folded), and at full height
# (1280×3200) to show every field of a step at once.
#   build-aux/screenshots.sh [DOSSIER] [OUTPUT-FOLDER]
# Needs a build in _build (meson setup _build && meson compile -C _build).
set -euo pipefail
cd "$(dirname "$0")/.."

dossier=${1:-data/examples/creche-production-editeur.habilitation}
out=${2:-_screenshots}
app=_build/src/ui/habilitation

missing=()
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
command -v import >/dev/null || missing+=(imagemagick)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -x "$app" ] || { echo "Build first: meson setup _build && meson compile -C _build" >&2; exit 1; }

mkdir -p "$out"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x3200x24 -noreset >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1

steps=(parcours acteurs projet cadre-juridique donnees dpo securite editeur synthese)

shoot() {
  local width=$1 height=$2 suffix=$3
  DISPLAY=$display LANGUAGE=fr LANG=C.UTF-8 GSK_RENDERER=cairo GDK_DEBUG=gl-disable \
    GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$PWD/_build/data GTK_A11Y=none \
    dbus-run-session -- bash -c "
      '$app' '$dossier' &
      pid=\$!
      win=\$(DISPLAY=$display xdotool search --sync --onlyvisible --class habilitation | head -n 1)
      DISPLAY=$display xdotool windowmove \$win 0 0 windowsize \$win $width $height
      sleep 1.5
      for i in \$(seq 1 ${#steps[@]}); do
        name=\$(echo '${steps[*]}' | cut -d' ' -f\$i)
        DISPLAY=$display xdotool key --window \$win alt+\$i
        sleep 0.8
        DISPLAY=$display import -window \$win '$out'/\$name-$suffix.png
      done
      # Gone, its window too, before the next size looks for a window.
      kill \$pid
      wait \$pid || true
    " 2>/dev/null
}

shoot 1280 800 wide
shoot 400 800 narrow
shoot 1280 3200 full
ls "$out"
