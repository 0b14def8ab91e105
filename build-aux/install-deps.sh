#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian/Ubuntu packages needed to build and test Habilitation,
# only those that are missing. Uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential pkg-config meson ninja-build gettext itstool
  libglib2.0-dev libglib2.0-bin libglib2.0-dev-bin libjson-glib-dev
  libgtk-4-dev libgtk-4-bin libadwaita-1-dev libsecret-1-dev libarchive-dev zlib1g-dev
  yelp-tools appstream desktop-file-utils
  xvfb xauth dbus gnome-keyring adwaita-icon-theme fonts-dejavu-core
  poppler-utils unzip python3 python3-jsonschema libxml2-utils xdotool
  shared-mime-info flatpak-builder
  python3-dogtail python3-pyatspi at-spi2-core
  valgrind
  clang libclang-rt-14-dev   # libFuzzer (libclang_rt.fuzzer), for build-aux/run-fuzz.sh
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
