#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up, builds, and runs Habilitation on the bundled example
# dossier. Until the application window lands, the main job is the checker:
# it prints every finding of the example against the DGFiP and DataPass rules.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

example=data/examples/cantine-scolaire-bac-a-sable.habilitation
_build/src/cli/habilitation-cli check "$example"
echo
echo "DataPass pre-fill link:"
_build/src/cli/habilitation-cli datapass-url "$example"
