#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The keyboard journey: a cantine dossier filled with key events only.

Every change is made with real key events (xdotool) sent to the window:
Tab, the arrows, Return, the space bar and typed text; no accessible
action, no click, no text set through the accessibility interfaces. The
tree is only read: to know where the focus is, and to check what the keys
did. A text field that has the focus is not in GTK 4.8's tree (its inner
text widget is not exposed), so the journey presses a key until the focus
leaves every node it can see, types, and reads the field back to be sure
the text went where it should.

From the start page: the Cantine scolaire use case, the Parcours (who
develops, the access modality), the Acteurs (the organisation and the four
people), saved with Ctrl+S through the file chooser, and checked with
`habilitation-cli check --json`: no error left in those steps. One TAP line
per step. Run by meson (suite a11y); see habatspi.py.
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import habatspi as h  # noqa: E402

PEOPLE = "Personnes impliquées dans la demande"
DOMAIN = "villeneuve-sur-garonne.fr"

ORGANISATION = [
    ("Nom de l’organisation", "Commune de Villeneuve-sur-Garonne"),
    ("SIRET (14 chiffres)", "21810300900013"),
]
ADDRESS = ("Adresse", "1 place de la Mairie, 81300 Villeneuve-sur-Garonne")

# role title, then the card's fields in the order of its rows
CARDS = [
    ("Demandeur", [
        ("Prénom", "Jeanne"), ("Nom", "Martin"), ("Fonction", "Responsable du service Enfance"),
        ("Adresse électronique professionnelle et nominative", "jeanne.martin@" + DOMAIN),
        ("Numéro de téléphone", "05 63 41 20 10"),
        ("Employeur", "Commune de Villeneuve-sur-Garonne"),
        ("Date de naissance (JJ/MM/AAAA)", "12/03/1984"),
        ("Lieu de naissance", "Albi (81)"),
    ]),
    ("Responsable de traitement", [
        ("Prénom", "Paul"), ("Nom", "Durand"), ("Fonction", "Directeur général des services"),
        ("Adresse électronique professionnelle", "paul.durand@" + DOMAIN),
        ("Numéro de téléphone", "05 63 41 20 00"),
    ]),
    ("Délégué à la protection des données (DPO)", [
        ("Prénom", "Awa"), ("Nom", "Diallo"), ("Fonction", "Déléguée à la protection des données"),
        ("Adresse électronique professionnelle", "awa.diallo@" + DOMAIN),
        ("Numéro de téléphone", "05 63 60 16 50"),
    ]),
    ("Responsable technique", [
        ("Prénom", "Luc"), ("Nom", "Bernard"), ("Fonction", "Responsable informatique"),
        ("Adresse électronique professionnelle", "luc.bernard@" + DOMAIN),
        ("Numéro de téléphone", "05 63 41 20 30"),
    ]),
]


def step_row(app, title):
    return h.find(app.frame, "list item", re.compile("^%s, " % re.escape(title)),
                  pred=lambda n: n.parent.name == "Étapes", what="the step %s" % title)


def go_to(app, number, title):
    h.key("alt+%d" % number)
    row = step_row(app, title)
    h.wait_for(lambda: "selected" in h.states(row), "the step %s" % title, timeout=10)
    h.find(app.frame, "label", title, what="the page %s" % title)
    time.sleep(0.3)


def focused(app):
    return h.focused_in(app.frame)


def press_until(app, keys, condition, what, limit=80):
    """Presses keys (one a turn, cycling) until condition(focused node)."""
    for i in range(limit):
        node = focused(app)
        if condition(node):
            return node
        h.key(keys[i % len(keys)], delay=0.12)
    node = focused(app)
    h.check(condition(node), "the keyboard never reached %s (the focus is on %s %r)"
            % (what, node.roleName if node else "a text", node.name if node else ""))
    return node


def reach(app, node, what=None, keys=("Tab",)):
    """Moves the focus to node, or to a widget inside it."""
    def there(f):
        if f is None:
            return False
        while f is not None and f.roleName != "frame":
            if f == node:
                return True
            f = f.parent
        return False
    return press_until(app, keys, there, what or "%s %r" % (node.roleName, node.name))


def type_into(app, field, value, key="Down"):
    """Presses key, and again until the focus is in a text field, types
    value, and checks that it went into field."""
    h.key(key, delay=0.12)
    press_until(app, (key,), lambda f: f is None, "the field %s" % field.name, limit=6)
    h.key("ctrl+a")
    h.type_text(value)
    h.wait_for(lambda: h.text_of(field) == value,
               "%r to read %r (it reads %r)" % (field.name, value, h.text_of(field)), timeout=5)


def choose(app, combo, label):
    """Opens a combo row with the space bar and picks label with the arrows."""
    reach(app, combo)
    h.key("space")
    items = h.wait_for(lambda: [n for n in h.find_all(combo, "list item")],
                       "the list of %s" % combo.name, timeout=10)
    labels = [" ".join(l.name for l in h.find_all(n, "label")) for n in items]
    h.check(label in labels, "%r is not among %r" % (label, labels))
    h.key("Home")
    for _ in range(labels.index(label)):
        h.key("Down")
    h.key("Return")
    h.wait_for(lambda: not h.find_all(combo, "list item"), "the list to close", timeout=5)
    h.check(any(l.name == label for l in h.find_all(combo, "label")),
            "%s does not read %r" % (combo.name, label))


def tick(app, name):
    box = h.find(app.frame, "check box", name)
    row = box
    while row.roleName != "list item":
        row = row.parent
    reach(app, row, name, keys=("Tab", "Down"))
    h.key("space")
    h.wait_for(lambda: "checked" in h.states(box), "%s to be ticked" % name, timeout=5)


def main():
    tap = h.Tap()
    saved = h.tmp_path("cantine-keyboard.habilitation")
    app = None

    def start():
        nonlocal app
        app = h.App()
        h.find(app.frame, "list item", "Créer le dossier")

    def use_case():
        choose(app, h.find(app.frame, "combo box", "Cas d’usage"), "Cantine scolaire")

    def create():
        reach(app, h.find(app.frame, "list item", "Créer le dossier"), keys=("Tab", "Down"))
        h.key("Return")
        h.find(app.frame, "list", "Étapes", timeout=20)

    def parcours():
        go_to(app, 1, "Parcours")
        choose(app, h.find(app.frame, "combo box", "Logiciel développé par"),
               "En interne, par l’organisation")
        tick(app, "Via le numéro fiscal (SPI)")
        h.wait_for(lambda: step_row(app, "Parcours").name.endswith(", Complet")
                   or "erreur" not in step_row(app, "Parcours").name,
                   "Parcours without errors (%s)" % step_row(app, "Parcours").name, timeout=10)

    def organisation():
        go_to(app, 2, "Acteurs")
        page = app.frame
        # From the kind of organisation, back to the SIRET and the name
        # (each followed by its message), then on to the address.
        kind = h.find(page, "combo box", "Type d’organisation")
        for name, value in reversed(ORGANISATION):
            reach(app, kind) if name == ORGANISATION[-1][0] else None
            type_into(app, h.find(page, "text", name), value, key="shift+Tab")
        reach(app, kind)
        type_into(app, h.find(page, "text", ADDRESS[0]), ADDRESS[1], key="Tab")

    def people():
        for title, values in CARDS:
            outer = h.find(app.frame, "list item", title, pred=lambda n: n.parent.name == PEOPLE)
            header = h.find(outer, "list item", title, pred=lambda n: n.parent.name != PEOPLE)
            reach(app, header, "the header of %s" % title)
            h.key("Return")
            h.find(outer, "text", "Prénom", what="the card of %s, open" % title, timeout=10)
            # Into the card: its explanation, then its fields, row by row.
            h.key("Tab")
            for name, value in values:
                type_into(app, h.find(outer, "text", name), value)
            h.key("Tab")
        h.wait_for(lambda: "erreur" not in step_row(app, "Acteurs").name,
                   "Acteurs without errors (%s)" % step_row(app, "Acteurs").name, timeout=10)

    def save():
        h.key("ctrl+s")
        dialog = h.wait_for(lambda: next((w for w in app.node.children
                                          if w.name == "Enregistrer le dossier"), None),
                            "the save dialog")
        name = h.find(dialog, "text", re.compile("^Nom"), what="the name of the file")
        h.wait_for(lambda: h.is_focused(name), "the name entry to have the focus")
        h.key("ctrl+a")
        h.type_text(saved)
        h.key("Return")
        h.wait_for(lambda: os.path.exists(saved), "the file %s" % saved, timeout=20)

    def cli():
        report = h.cli_check(saved)
        errors = [f for f in report["findings"] if f["severity"] == "error"
                  and f["step"] in ("parcours", "acteurs")]
        h.check(not errors, "errors left:\n" + "\n".join("%(rule)s %(field)s" % f for f in errors))
        tap.comment("habilitation-cli: %(error)d errors, %(warning)d warnings, %(info)d notes"
                    % report["counts"])

    h.run_steps(tap, [
        ("the application starts on its start page", start),
        ("keys choose the use case Cantine scolaire", use_case),
        ("keys create the dossier", create),
        ("Parcours: keys choose who develops and the access modality", parcours),
        ("Acteurs: keys fill in the organisation", organisation),
        ("Acteurs: keys open and fill in the four people's cards", people),
        ("the dossier is saved with Ctrl+S and a typed path", save),
        ("habilitation-cli finds no error in Parcours and Acteurs", cli),
    ])
    if app:
        app.kill()
    return tap.finish()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:
        # dogtail replaces the exception hook: say it ourselves.
        print("Bail out! %s: %s" % (type(e).__name__, e), flush=True)
        sys.exit(1)
