#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The accessibility journey: a cantine dossier made through the AT-SPI
tree, in French, as a screen reader user makes it.

From the start page: choose the "Cantine scolaire" use case and create the
dossier; in Acteurs, fill the organisation and the people, the DPO with a
webmail address; read the error about it in the tree, fix the address, and
read that the error is gone; in Données, tick data items and write their
purposes; save with Ctrl+S through the file chooser; quit; start the
application on the saved file and read the values back in the tree; and
cross-check the file with `habilitation-cli check --json`.

Text goes in through the EditableText interface, check boxes through their
accessible action; cards are opened and the focus moved with real keys
(GTK 4.8 offers no action on an expander row). One TAP line per step. Run
by meson (suite a11y); see habatspi.py.
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import habatspi as h  # noqa: E402

PEOPLE = "Personnes impliquées dans la demande"
DPO = "Délégué à la protection des données (DPO)"
DOMAIN = "villeneuve-sur-garonne.fr"
WEBMAIL = "awa.diallo@gmail.com"
FIXED = "awa.diallo@" + DOMAIN
WEBMAIL_ERROR = re.compile(r"«\s*%s\s*» est une adresse personnelle de messagerie en ligne"
                           % re.escape(WEBMAIL))

ORGANISATION = [
    ("Nom de l’organisation", "Commune de Villeneuve-sur-Garonne"),
    ("SIRET (14 chiffres)", "21810300900013"),
    ("Adresse", "1 place de la Mairie, 81300 Villeneuve-sur-Garonne"),
]

# role title, then (field, value) in the card
CARDS = [
    ("Demandeur", [
        ("Prénom", "Jeanne"), ("Nom", "Martin"), ("Fonction", "Responsable du service Enfance"),
        ("Adresse électronique professionnelle et nominative", "jeanne.martin@" + DOMAIN),
        ("Numéro de téléphone", "05 63 41 20 10"),
    ]),
    (DPO, [
        ("Prénom", "Awa"), ("Nom", "Diallo"), ("Fonction", "Déléguée à la protection des données"),
        ("Adresse électronique professionnelle", WEBMAIL),
        ("Numéro de téléphone", "05 63 60 16 50"),
    ]),
]

# data item, purpose
ITEMS = [
    ("Dernière année de revenu (N-1)", "Calcul du tarif sur la dernière année de revenu"),
    ("Revenu fiscal de référence", "Calcul du quotient familial (RFR / nombre de parts)"),
    ("Nombre de parts", "Calcul du quotient familial (RFR / nombre de parts)"),
]
SCOPES = {"dgfip_annee_n_moins_1", "dgfip_rfr", "dgfip_nbpart"}


def step_row(app, title):
    return h.find(app.frame, "list item", re.compile("^%s, " % re.escape(title)),
                  pred=lambda n: n.parent.name == "Étapes", what="the step %s" % title)


def go_to(app, number, title):
    h.key("alt+%d" % number)
    row = step_row(app, title)
    h.wait_for(lambda: "selected" in h.states(row), "the step %s" % title, timeout=10)
    # The page is built when first shown: wait for its title in the header.
    h.find(app.frame, "label", title, what="the page %s" % title)
    time.sleep(0.3)


def role_row(app, title):
    """The row of a role in the list of people (its header row is inside)."""
    return h.find(app.frame, "list item", title, pred=lambda n: n.parent.name == PEOPLE,
                  what="the role %s" % title)


def open_card(app, title):
    outer = role_row(app, title)
    header = h.find(outer, "list item", title, pred=lambda n: n.parent.name != PEOPLE,
                    what="the header of %s" % title)
    tab_to(header, "the header of %s" % title)
    h.key("Return")
    h.find(outer, "text", "Prénom", what="the card of %s, open" % title, timeout=10)
    return outer


def tab_to(node, what, limit=80):
    """Tab until node has the focus, waiting for each move to land: the
    focus goes through every row of a list, messages included."""
    for _ in range(limit):
        if h.is_focused(node):
            return node
        h.key("Tab", delay=0.12)
    h.check(h.is_focused(node), "Tab never reached %s" % what)
    return node


def reach(row, inner):
    """Moves the focus with Tab to the list of row, then with Down to row
    (or to inner, a widget in it), as a keyboard user goes down a list."""
    rows = list(row.parent.children)
    for _ in range(150):
        if h.is_focused(row) or h.is_focused(inner):
            return
        inside = any(h.is_focused(r) or any(h.is_focused(n) for n, _ in h.walk(r)) for r in rows)
        h.key("Down" if inside else "Tab", delay=0.1)
    h.check(False, "the keyboard never reached %s" % row.name)


def set_text(node, value):
    node.text = value
    h.wait_for(lambda: h.text_of(node) == value, "%r to read %r" % (node.name, value), timeout=5)


def field(root, name):
    return h.find(root, "text", name, what="the field %s" % name)


def message_rows(app, pattern):
    return [n for n in h.find_all(app.frame, "list item") if pattern.search(n.name or "")]


def main():
    tap = h.Tap()
    saved = h.tmp_path("cantine-a11y.habilitation")
    app = None

    def start():
        nonlocal app
        app = h.App()
        h.find(app.frame, "list item", "Créer le dossier")

    def choose_use_case():
        combo = h.find(app.frame, "combo box", "Cas d’usage")
        h.tab_to(combo, "the use case")
        h.key("space")
        # The popup's list of use cases: "Demande libre", then the cantine.
        h.find(combo, "list item",
               pred=lambda n: any(l.name == "Cantine scolaire" for l in h.find_all(n, "label")),
               what="Cantine scolaire in the list of use cases", timeout=10)
        h.key("Home", "Down", "Return")
        h.wait_for(lambda: not h.find_all(combo, "list item"), "the list to close", timeout=5)
        h.check(any(l.name == "Cantine scolaire" for l in h.find_all(combo, "label")),
                "the use case does not read Cantine scolaire")

    def create():
        create = h.find(app.frame, "list item", "Créer le dossier")
        h.tab_to(create, "Créer le dossier")
        h.key("Return")
        h.find(app.frame, "list", "Étapes", timeout=20)
        title = h.find(app.frame, "label", re.compile("Cantine scolaire"))
        h.check("Cantine scolaire" in title.name, "the dossier's title: %r" % title.name)

    def organisation():
        go_to(app, 2, "Acteurs")
        for name, value in ORGANISATION:
            set_text(field(app.frame, name), value)

    def people():
        for title, values in CARDS:
            outer = open_card(app, title)
            for name, value in values:
                set_text(field(outer, name), value)
            h.wait_for(lambda: any(l.name == "%s %s" % (values[0][1], values[1][1])
                                   for l in h.find_all(outer, "label")),
                       "the role %s to name %s" % (title, values[0][1]))

    def webmail_error():
        found = h.wait_for(lambda: message_rows(app, WEBMAIL_ERROR), "the error about %s" % WEBMAIL)
        email = field(role_row(app, DPO), "Adresse électronique professionnelle")
        h.check("invalid" in h.states(email), "the DPO's address is not marked invalid")
        h.check(WEBMAIL_ERROR.search(email.description or ""),
                "the field's description does not say why: %r" % email.description)
        tap.comment(found[0].name)

    def fix_address():
        email = field(role_row(app, DPO), "Adresse électronique professionnelle")
        set_text(email, FIXED)
        h.wait_for(lambda: not message_rows(app, WEBMAIL_ERROR), "the error to go", timeout=10)
        h.check(not re.search("messagerie en ligne", email.description or ""),
                "the field still says %r" % email.description)

    def data_items():
        go_to(app, 5, "Données")
        for name, purpose in ITEMS:
            box = h.find(app.frame, "check box", name)
            # GTK 4.8 offers no action on a check box: the space bar.
            row = box
            while row.roleName != "list item":
                row = row.parent
            reach(row, box)
            h.key("space")
            h.wait_for(lambda: "checked" in h.states(box), "%s to be ticked" % name, timeout=5)
            siblings = list(row.parent.children)
            following = siblings[siblings.index(row) + 1:]
            entry = h.wait_for(lambda: next((n for s in following for n, _ in h.walk(s)
                                             if n.roleName == "text"
                                             and n.name == "Finalité de cette donnée"), None),
                               "the purpose of %s" % name)
            set_text(entry, purpose)

    def save():
        h.key("ctrl+s")
        # GtkFileChooserNative without a portal: a GtkFileChooserDialog,
        # which GTK 4.8 gives the role "filler".
        dialog = h.wait_for(lambda: next((w for w in app.node.children
                                          if w.name == "Enregistrer le dossier"), None),
                            "the save dialog")
        name = h.find(dialog, "text", re.compile("^Nom"), what="the name of the file")
        h.wait_for(lambda: h.is_focused(name), "the name entry to have the focus")
        h.key("ctrl+a")
        h.type_text(saved)
        h.key("Return")
        h.wait_for(lambda: os.path.exists(saved), "the file %s" % saved, timeout=20)
        h.wait_for(lambda: h.find_all(app.frame, "label", "Dossier enregistré")
                   or not h.find_all(app.frame, "label", "Pas encore enregistré"),
                   "the window to say it is saved")
        document = h.load_json(saved)
        h.check(document["parcours"]["use_case"] == "cantine_scolaire",
                "use_case: %r" % document["parcours"]["use_case"])

    def quit():
        app.quit()

    def reopen():
        nonlocal app
        app = h.App(saved)
        h.find(app.frame, "list", "Étapes", timeout=20)
        go_to(app, 2, "Acteurs")
        for name, value in ORGANISATION:
            got = h.text_of(field(app.frame, name))
            h.check(got == value, "%s reads %r, not %r" % (name, got, value))
        dpo = open_card(app, DPO)
        got = h.text_of(field(dpo, "Adresse électronique professionnelle"))
        h.check(got == FIXED, "the DPO's address reads %r" % got)
        h.check(not message_rows(app, WEBMAIL_ERROR), "the webmail error is back")
        go_to(app, 5, "Données")
        for name, purpose in ITEMS:
            box = h.find(app.frame, "check box", name)
            h.check("checked" in h.states(box), "%s is not ticked" % name)
        texts = {h.text_of(n) for n in h.find_all(app.frame, "text", "Finalité de cette donnée")}
        for name, purpose in ITEMS:
            h.check(purpose in texts, "no purpose %r among %r" % (purpose, texts))

    def cli():
        report = h.cli_check(saved)
        findings = report.get("findings", [])
        scopes = {s["key"]: s["purpose"] for s in h.load_json(saved)["data"]["scopes"]}
        h.check(set(scopes) == SCOPES, "the file's scopes: %r" % sorted(scopes))
        h.check(all(scopes[k] for k in scopes), "a purpose is empty: %r" % scopes)
        bad = [f for f in findings if f["field"].startswith("actors.delegue_protection_donnees")
               and f["severity"] == "error"]
        h.check(not bad, "the CLI still finds: %r" % bad)
        h.check(not any(f["field"].startswith("data.scopes") and f["rule"] == "data.purpose_missing"
                        for f in findings), "the CLI finds a purpose missing")
        h.check(not any(f["field"].startswith("organisation.") and f["severity"] == "error"
                        for f in findings), "the CLI finds the organisation wrong")
        tap.comment("habilitation-cli: %(error)d errors, %(warning)d warnings, %(info)d notes"
                    % report["counts"])

    h.run_steps(tap, [
        ("the application starts on its start page", start),
        ("the use case Cantine scolaire is chosen", choose_use_case),
        ("a cantine dossier is created", create),
        ("Acteurs: the organisation is filled in", organisation),
        ("Acteurs: the people's cards are filled in, the DPO's with a webmail address", people),
        ("Acteurs: the tree says the webmail address is refused", webmail_error),
        ("Acteurs: with the commune's address, the error is gone", fix_address),
        ("Données: items ticked, each with its purpose", data_items),
        ("the dossier is saved with Ctrl+S", save),
        ("the application quits with Ctrl+Q", quit),
        ("reopened, the dossier reads the same in the tree", reopen),
        ("habilitation-cli check agrees with the file", cli),
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
