#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The accessibility walk: every step of the real application, as the
AT-SPI tree gives it to a screen reader.

Walks the start page, then every step of two dossiers: the complete cantine
example, and a new cantine dossier fresh from the start page, full of errors
so that message rows are there. (The people's cards of the Acteurs step
stay folded here, to keep the walk short; the keyboard journey opens and
fills each of them with keys.) Fails on:
- an interactive widget that is shown and has no accessible name (or the
  type name GTK 4.8 falls back to, or a mnemonic's underscore);
- a status given by an icon or a colour alone: an image with neither a name
  nor text beside it, a field marked invalid without the reason as its
  description, a step of the sidebar without its status in words.

Run by meson (suite a11y) under the test command's Xvfb and D-Bus; see
habatspi.py.
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import habatspi as h  # noqa: E402

STATUS_WORDS = re.compile(r", (Complet|Non applicable|\d+ erreurs?|\d+ avertissements?)$")
MNEMONIC = re.compile(r"(^|\s)_\w")
REPEATED = re.compile(r"^(.+) \1$")
STEPS = ["Parcours", "Acteurs", "Projet", "Cadre juridique", "Données", "DPO", "Sécurité",
         "Éditeur", "Synthèse"]


def has_text(node, depth=0):
    """Whether node or a descendant says something in words."""
    if depth > 6:
        return False
    try:
        if node.roleName == "label" and (node.name or "").strip():
            return True
        return any(has_text(child, depth + 1) for child in node.children)
    except Exception:
        return False


def named(node):
    name = (node.name or "").strip()
    return bool(name) and not h.TYPE_NAME.match(name)


def inside(node, roles, limit=12):
    parent = node.parent
    while parent is not None and limit > 0:
        if parent.roleName in roles:
            return True
        parent, limit = parent.parent, limit - 1
    return False


def path_of(node):
    parts = []
    while node is not None and node.roleName not in ("frame", "application"):
        if node.name and not h.TYPE_NAME.match(node.name):
            parts.append("%s %r" % (node.roleName, node.name[:40]))
        node = node.parent
    return " < ".join(parts[:4])


def problems_in(root):
    found = []
    for node, _ in h.walk(root):
        try:
            role = node.roleName
            states = h.states(node)
        except Exception:
            continue
        interactive = role in h.INTERACTIVE_ROLES or (role == "list item" and "focusable" in states)
        # The items of a combo row's popup list are libadwaita 1.2's own
        # widgets: GTK 4.8 names a list item by nothing, and the screen
        # reader reads the label inside it.
        if role == "list item" and inside(node, ("combo box",)):
            interactive = False
        if interactive and "sensitive" in states:
            if not named(node):
                found.append("%s without a name (%s)" % (role, path_of(node)))
            elif MNEMONIC.search(node.name):
                found.append("%s named with its mnemonic %r (%s)" % (role, node.name, path_of(node)))
            elif REPEATED.match(node.name):
                found.append("%s named twice over %r (%s)" % (role, node.name, path_of(node)))
        if role in ("image", "icon") and not named(node) and not (node.description or "").strip():
            parent = node.parent
            for _ in range(3):
                if parent is None or has_text(parent) or named(parent):
                    break
                parent = parent.parent
            if parent is None or not (has_text(parent) or named(parent)):
                found.append("an image says something without words (%s)" % path_of(node))
        if ("invalid" in states or "invalid entry" in states) and not (node.description or "").strip():
            found.append("%s %r is marked invalid without saying why" % (role, node.name))
        if role == "list item" and node.parent is not None and node.parent.name == "Étapes":
            if not STATUS_WORDS.search(node.name or ""):
                found.append("the step %r has no status in words" % node.name)
    return found


def walk_steps(tap, app, label):
    for number, step in enumerate(STEPS, start=1):
        row = [n for n in h.find_all(app.frame, "list item")
               if (n.name or "").startswith(step + ", ") and n.parent.name == "Étapes"]
        if not row:
            tap.ok(True, "%s: %s # SKIP not a step of this dossier" % (label, step))
            continue
        try:
            h.key("alt+%d" % number)
            h.wait_for(lambda: "selected" in h.states(row[0]), "the step %s" % step, timeout=10)
            time.sleep(0.3)
            found = problems_in(app.frame)
        except Exception as e:
            found = ["%s: %s" % (type(e).__name__, e)]
        tap.ok(not found, "%s: %s" % (label, step), "\n".join(found))
        if os.environ.get("HAB_A11Y_DUMP"):
            h.dump(app.frame, h.tmp_path("%s-%d.txt" % (label, number)))


def main():
    tap = h.Tap()
    example = os.path.join(h.SOURCE_ROOT, "data", "examples", "cantine-scolaire-bac-a-sable.habilitation")
    app = None

    def start_app():
        nonlocal app
        app = h.App()
        h.find(app.frame, "list item", "Créer le dossier")

    def start_page():
        found = problems_in(app.frame)
        h.check(not found, "\n".join(found))

    def new_dossier():
        create = h.find(app.frame, "list item", "Créer le dossier")
        h.tab_to(create, "Créer le dossier")
        h.key("Return")
        h.find(app.frame, "list", "Étapes")

    if h.run_steps(tap, [("the application starts", start_app)]):
        h.run_steps(tap, [("the start page", start_page)])
    if app and h.run_steps(tap, [("a new cantine dossier", new_dossier)]):
        walk_steps(tap, app, "new dossier")
    if app:
        app.kill()

    def open_example():
        nonlocal app
        app = h.App(example)
        h.find(app.frame, "list", "Étapes")

    if h.run_steps(tap, [("the cantine example", open_example)]):
        walk_steps(tap, app, "cantine example")
    app.kill()

    return tap.finish()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except h.StepFailed as e:
        # dogtail replaces the exception hook: say it ourselves.
        print("Bail out! %s" % e, flush=True)
        sys.exit(1)
