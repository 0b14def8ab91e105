#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest parses, flatpak-builder reads it, and it keeps the
promises of the README: the current GNOME runtime, the application as the
command, a GTK app's sockets and no hole in the sandbox (no home folder, no
direct access to the secret service, no network). Prints TAP.

Usage: check-flatpak.py MANIFEST APP-ID COMMAND"""

import json
import os
import shutil
import subprocess
import sys

# reference/style.md §3.6: 51 is current, 50 still supported; never older.
RUNTIMES = ("50", "51")
GTK_ARGS = ["--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"]
# Anything that would open the sandbox beyond what the portals give.
FORBIDDEN_PREFIXES = (
    "--filesystem=home", "--filesystem=host", "--filesystem=~",
    "--filesystem=xdg-documents", "--filesystem=xdg-download",
    "--talk-name=org.freedesktop.secrets", "--share=network",
    "--socket=session-bus", "--socket=system-bus", "--device=all",
)

results = []


def check(what, problems, skip=None):
    results.append((what, problems, skip))


def main():
    manifest_path, app_id, command = sys.argv[1:4]

    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        check("the manifest is valid JSON", [])
    except (OSError, ValueError) as e:
        check("the manifest is valid JSON", ["%s: %s" % (manifest_path, e)])
        manifest = {}

    builder = shutil.which("flatpak-builder")
    if builder is None:
        check("flatpak-builder --show-manifest reads it", [],
              skip="flatpak-builder is not installed")
    else:
        env = dict(os.environ)
        env.pop("G_DEBUG", None)   # an unknown property is only a warning
        proc = subprocess.run([builder, "--show-manifest", manifest_path], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
        problems = []
        if proc.returncode != 0:
            problems.append("exit status %d: %s" % (proc.returncode, proc.stderr.strip()))
        else:
            try:
                shown = json.loads(proc.stdout)
                if shown.get("id") != app_id:
                    problems.append("flatpak-builder reads the id %r" % shown.get("id"))
            except ValueError as e:
                problems.append("unreadable output: %s" % e)
        check("flatpak-builder --show-manifest reads it", problems)

    problems = []
    if manifest.get("id") != app_id:
        problems.append("id is %r, expected %r" % (manifest.get("id"), app_id))
    if manifest.get("command") != command:
        problems.append("command is %r, expected %r" % (manifest.get("command"), command))
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("runtime %r and sdk %r, expected the GNOME ones"
                        % (manifest.get("runtime"), manifest.get("sdk")))
    if manifest.get("runtime-version") not in RUNTIMES:
        problems.append("runtime-version %r is not a supported GNOME runtime (%s)"
                        % (manifest.get("runtime-version"), ", ".join(RUNTIMES)))
    check("the application on the current GNOME runtime", problems)

    finish_args = manifest.get("finish-args", [])
    missing = [a for a in GTK_ARGS if a not in finish_args]
    check("the sockets of a GTK application",
          ["missing %s" % a for a in missing])

    holes = [a for a in finish_args if a.startswith(FORBIDDEN_PREFIXES)]
    check("no home folder, secret service or network hole in the sandbox",
          ["finish-args has %s" % a for a in holes])

    problems = []
    modules = manifest.get("modules", [])
    ours = [m for m in modules if isinstance(m, dict) and m.get("name") == "habilitation"]
    if not ours:
        problems.append("no module named habilitation")
    else:
        module = ours[-1]
        if modules[-1] is not module:
            problems.append("the habilitation module is not built last")
        if module.get("buildsystem") != "meson":
            problems.append("buildsystem is %r, expected meson" % module.get("buildsystem"))
        dirs = [s for s in module.get("sources", []) if s.get("type") == "dir"]
        root = os.path.dirname(os.path.abspath(manifest_path))
        if not any(os.path.isfile(os.path.join(root, s.get("path", ""), "meson.build"))
                   for s in dirs):
            problems.append("no dir source pointing at this source tree")
    check("the last module builds this tree with meson", problems)

    print("1..%d" % len(results))
    failed = False
    for n, (what, problems, skip) in enumerate(results, 1):
        if skip:
            print("ok %d - %s # SKIP %s" % (n, what, skip))
        elif problems:
            failed = True
            print("not ok %d - %s" % (n, what))
            for p in problems:
                print("# %s" % p)
        else:
            print("ok %d - %s" % (n, what))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
