#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up, builds, and opens Habilitation on the bundled example
# dossier. Without a display (a headless machine), it runs the checker on the
# example instead.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

example=data/examples/cantine-scolaire-bac-a-sable.habilitation

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: checking the example with habilitation-cli instead of opening the window."
  _build/src/cli/habilitation-cli check "$example"
  exit 0
fi

# The uninstalled build finds its own translations; its settings schema is
# compiled in _build/data.
export GSETTINGS_SCHEMA_DIR=$PWD/_build/data
exec _build/src/ui/habilitation "$example"
