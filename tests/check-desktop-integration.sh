#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The desktop integration works as installed: in a private data folder, the
# MIME database built from our shared-mime-info file recognises a dossier by
# its extension and by its content, the launcher is the application for the
# type, and every icon the desktop and MIME files name is shipped. Prints TAP.
#   check-desktop-integration.sh MIME-XML DESKTOP-FILE ICON-DIR DOSSIER
set -u

mime_xml=$1
desktop=$2
icons=$3
dossier=$4
type=application/x-habilitation+json

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/share/mime/packages" "$tmp/share/applications" "$tmp/bin" "$tmp/home"
cp "$mime_xml" "$tmp/share/mime/packages/"
cp "$desktop" "$tmp/share/applications/"
# GIO lists a launcher only when its Exec= program is in PATH.
printf '#!/bin/sh\n' >"$tmp/bin/habilitation"
chmod +x "$tmp/bin/habilitation"
cp "$dossier" "$tmp/dossier.habilitation"
cp "$dossier" "$tmp/no-extension"

n=0
failed=0
ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    [ -n "${3:-}" ] && echo "$3" | sed 's/^/# /'
    failed=1
  fi
}

# Only our folder is searched, so the host's own files play no part.
in_env () {
  env XDG_DATA_DIRS="$tmp/share" XDG_DATA_HOME="$tmp/home" HOME="$tmp/home" \
    PATH="$tmp/bin:$PATH" GIO_USE_VFS=local "$@"
}

echo "1..6"

out=$(in_env update-mime-database "$tmp/share/mime" 2>&1)
[ -z "$out" ] && [ -f "$tmp/share/mime/$type.xml" ]
ok $? "update-mime-database accepts the MIME file without a warning" "$out"

out=$(in_env update-desktop-database "$tmp/share/applications" 2>&1)
ok $? "update-desktop-database accepts the desktop file" "$out"

content_type () {
  in_env gio info -a standard::content-type "$1" 2>&1 | sed -n 's/^ *standard::content-type: //p'
}

got=$(content_type "$tmp/dossier.habilitation")
[ "$got" = "$type" ]
ok $? "a .habilitation file has the type $type" "got: $got"

got=$(content_type "$tmp/no-extension")
[ "$got" = "$type" ]
ok $? "a dossier without the extension is recognised by its content" "got: $got"

out=$(in_env gio mime "$type" 2>&1)
echo "$out" | grep -q "^Default application for “$type”: $(basename "$desktop")$"
ok $? "the application opens dossiers by default" "$out"

missing=""
icon=$(sed -n 's/^Icon=//p' "$desktop")
for f in "scalable/apps/$icon.svg" "symbolic/apps/$icon-symbolic.svg"; do
  [ -f "$icons/$f" ] || missing="$missing $f"
done
for name in $(sed -n 's/.*<icon name="\([^"]*\)".*/\1/p' "$mime_xml"); do
  [ -f "$icons/scalable/mimetypes/$name.svg" ] || missing="$missing scalable/mimetypes/$name.svg"
done
[ -n "$icon" ] && [ -z "$missing" ]
ok $? "every icon named by the desktop and MIME files is shipped" "missing:$missing"

exit $failed
