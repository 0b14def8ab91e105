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
people), saved with Ctrl+S through the file chooser and checked with
`habilitation-cli check --json` (no error left in those steps); then the
Projet, the Cadre juridique (texts, URL, a PDF attached through the file
chooser by typing its path, the délibération and its six mentions), the
Données (items and their purposes, retention and its justification,
access), the DPO (informed, and when); the Synthèse, reached through the
sidebar, says the dossier is ready and every step says in words that it
has no error; saved again, `habilitation-cli check` finds no error. On the
way: Shift+Tab leaves a long text, and moving the focus in the sidebar
leaves the step shown selected. One TAP line per step. Run by meson (suite
a11y); see habatspi.py.
"""

import os
import re
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import habatspi as h  # noqa: E402
import pyatspi  # noqa: E402
from gi.repository import GLib  # noqa: E402

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


# Projet: the texts the use case leaves to write, and how far it stands
PROJECT = [
    ("Description", "Simplification de l’inscription à la cantine scolaire : les familles n’ont "
     "plus à fournir leur avis d’imposition"),
    ("Objectif général et cas d’usage", "En tant que mairie, je souhaite calculer le tarif de la "
     "cantine scolaire sans redemander de justificatifs aux familles"),
    ("Données nécessaires et leur usage", "QF = RFR / nombre de parts, pour le tarif ; l’adresse "
     "pour vérifier la résidence dans la commune"),
]
PROGRESS = ("Avancement du projet", "Conception")

# Cadre juridique
NATURE = ("Règlement (UE) 2016/679 (RGPD) ; articles L. 114-8 et suivants du CRPA ; "
          "délibération n° 2026-045 du conseil municipal")
URL = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033219301"
PDF = os.path.join(h.SOURCE_ROOT, "data", "examples", "pieces", "deliberation-2026-045.pdf")
DELIBERATION = [
    ("Numéro de la délibération", "2026-045"),
    # Recent, and never in the future: a month ago.
    ("Date de la délibération (JJ/MM/AAAA)",
     time.strftime("%d/%m/%Y", time.localtime(time.time() - 30 * 86400))),
    ("Organe délibérant (p. ex. conseil municipal)", "Conseil municipal"),
]
MENTIONS = re.compile(r"^Elle (est récente|décrit|indique|cite l’article|mentionne|cite toutes)")

# Données: item, purpose (in the order of the page)
ITEMS = [
    ("Dernière année de revenu (N-1)", "Calcul du tarif sur la dernière année de revenu"),
    ("Adresse déclarée au 1er Janvier", "Vérification de la résidence dans la commune"),
    ("Nombre de parts", "Calcul du quotient familial (RFR / nombre de parts)"),
    ("Revenu fiscal de référence", "Calcul du quotient familial (RFR / nombre de parts)"),
]
SCOPES = {"dgfip_annee_n_moins_1", "dgfip_aft", "dgfip_nbpart", "dgfip_rfr"}
RETENTION = ("Durée de conservation des données, en mois (p. ex. 36)", "48")
JUSTIFICATION = ("Justification de la durée de conservation",
                 "Les tarifs de l’année scolaire sont contestables pendant quatre ans")
ACCESS = ("Personnes ayant accès aux données",
          "Les 3 agents du service Enfance habilités, via le portail famille")

# DPO
INFORMED = "Je confirme que le délégué à la protection des données de mon organisation " \
           "est informé de ma demande"
INFORMED_DATE = ("Date à laquelle le DPO a été informé (JJ/MM/AAAA)", time.strftime("%d/%m/%Y"))

STEPS = ["Parcours", "Acteurs", "Projet", "Cadre juridique", "Données", "DPO", "Sécurité",
         "Synthèse"]


def step_row(app, title):
    return h.find(app.frame, "list item", re.compile("^%s, " % re.escape(title)),
                  pred=lambda n: n.parent.name == "Étapes", what="the step %s" % title)


def go_to(app, number, title):
    h.key("alt+%d" % number)
    row = step_row(app, title)
    h.wait_for(lambda: "selected" in h.states(row), "the step %s" % title, timeout=10)
    h.find(app.frame, "label", title, what="the page %s" % title)
    time.sleep(0.3)
    focus_events.sync(app)


class FocusEvents:
    """Follows the focus through the tree's focus events, which come within
    milliseconds of a key, instead of walking the whole tree after each
    key (up to a second on the Données step). A node that loses the focus
    without another gaining it has given it to a text field the tree does
    not show: the focus is then None, as for h.focused_in()."""

    def __init__(self):
        self.node = None
        self.synced = False
        self.count = 0
        pyatspi.Registry.registerEventListener(self._on_event, "object:state-changed:focused")

    def _on_event(self, event):
        self.count += 1
        if event.detail1:
            self.node = event.source
        elif event.source == self.node:
            self.node = None

    def pump(self):
        context = GLib.MainContext.default()
        while context.iteration(False):
            pass

    def sync(self, app):
        """From the tree itself."""
        self.pump()
        self.node = h.focused_in(app.frame)
        self.synced = True


focus_events = FocusEvents()


def focused(app):
    """The focused node (None in a text field), from the events since the
    last walk of the tree; walks it again when the node the events name
    has lost the focus without an event (a row removed, say)."""
    focus_events.pump()
    node = focus_events.node
    if not focus_events.synced or (node is not None and not h.is_focused(node)):
        focus_events.sync(app)
    return focus_events.node


def press(app, key):
    """Presses key and returns the focused node once the focus has moved,
    or after half a second without an event (a key that moves nothing, or
    goes from a text field to another)."""
    focus_events.pump()
    count = focus_events.count
    h.key(key, delay=0)
    deadline = time.monotonic() + 0.5
    while focus_events.count == count and time.monotonic() < deadline:
        time.sleep(0.02)
        focus_events.pump()
    # The focus leaves one node, then enters the next.
    time.sleep(0.05)
    return focused(app)


def press_until(app, keys, condition, what, limit=80):
    """Presses keys (one a turn, cycling) until condition(focused node)."""
    node = focused(app)
    for i in range(limit):
        if condition(node):
            return node
        node = press(app, keys[i % len(keys)])
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
    press(app, key)
    press_until(app, (key,), lambda f: f is None, "the field %s" % field.name, limit=6)
    h.key("ctrl+a")
    h.type_text(value)
    h.wait_for(lambda: h.text_of(field) == value,
               "%r to read %r (it reads %r)" % (field.name, value, h.text_of(field)), timeout=5)


def choose(app, combo, label, limit=10):
    """Opens a combo row with the space bar, goes to an item with Home and
    the arrows, takes it with Return, and reads the choice the row shows;
    the first item, then the second..., until it is label. (The popover's
    items are not read: when it reaches out of the window, GTK 4.8's tree
    holds only the first of them.)"""
    def in_popup():
        return next((n for n, _ in h.walk(combo, shown_only=False)
                     if n.roleName == "list item" and h.is_focused(n)), None)

    def shown_choice():
        """The first label of the row but its title, out of the popover
        (as its subtitle, or in the item it shows)."""
        def labels(node):
            if node.roleName == "list item" and "selectable" in h.states(node):
                return
            if node.roleName == "label" and node.name != combo.name:
                yield node.name
            for child in node.children:
                if h.is_shown(child):
                    yield from labels(child)
        return next(labels(combo), None)

    reach(app, combo)
    for position in range(limit):
        h.key("space")
        h.wait_for(in_popup, "the list of %s to open" % combo.name, timeout=10)
        h.key("Home")
        for _ in range(position):
            h.key("Down", delay=0.05)
        h.key("Return")
        h.wait_for(lambda: not in_popup(), "the list to close", timeout=5)
        if shown_choice() == label:
            return
    h.check(False, "%s never read %r (it reads %r)" % (combo.name, label, shown_choice()))


def tick(app, name, keys=("Tab", "Down")):
    box = h.find(app.frame, "check box", name)
    row = box
    while row.roleName != "list item":
        row = row.parent
    reach(app, row, name, keys=keys)
    h.key("space")
    h.wait_for(lambda: "checked" in h.states(box), "%s to be ticked" % name, timeout=5)


def write_into(app, view, value, keys=("Tab",)):
    """Moves the focus to a text view (a long text: exposed in the tree
    even with the focus), replaces its text with value, and checks it."""
    reach(app, view, keys=keys)
    h.key("ctrl+a")
    h.type_text(value)
    h.wait_for(lambda: h.text_of(view) == value,
               "%r to read %r (it reads %r)" % (view.name, value, h.text_of(view)), timeout=5)


def no_error_in(app, title):
    h.wait_for(lambda: "erreur" not in step_row(app, title).name,
               "%s without errors (%s)" % (title, step_row(app, title).name), timeout=10)


def project(app):
    go_to(app, 3, "Projet")
    for name, value in PROJECT:
        write_into(app, h.find(app.frame, "text", name), value)
    choose(app, h.find(app.frame, "combo box", PROGRESS[0]), PROGRESS[1])
    h.wait_for(lambda: step_row(app, "Projet").name.endswith(", Complet"),
               "Projet complete (%s)" % step_row(app, "Projet").name, timeout=10)


def legal_texts(app, pdf):
    """The nature of the texts, the URL, and the délibération as a PDF
    chosen in the file chooser by typing its path."""
    go_to(app, 4, "Cadre juridique")
    page = app.frame
    nature = h.find(page, "text", "Nature et références des textes")
    # Shift+Tab leaves a long text (it once gave the focus back to it).
    reach(app, nature)
    h.check(press(app, "shift+Tab") != nature, "Shift+Tab cannot leave %s" % nature.name)
    write_into(app, nature, NATURE)
    type_into(app, h.find(page, "text", "URL du texte relatif au traitement"), URL, key="Tab")
    add = h.find(page, "list item", "Ajouter un document")
    reach(app, add)
    h.key("Return")
    dialog = h.wait_for(lambda: next((w for w in app.node.children
                                      if w.name == "Ajouter des documents juridiques"), None),
                        "the file chooser")
    # Ctrl+L: the location entry, where a path is typed (GTK 4.8 names
    # it after its type only).
    h.key("ctrl+l")
    location = h.find(dialog, "text", pred=h.is_focused, what="the location entry, focused")
    h.type_text(pdf)
    h.wait_for(lambda: h.text_of(location) == pdf, "the location to read %s" % pdf, timeout=5)
    h.key("Return")
    h.wait_for(lambda: dialog not in app.windows(), "the file chooser to close", timeout=10)
    h.find(page, "list item", re.compile("^Document 1"), what="the document attached")


def deliberation(app):
    """The délibération's number, date and body, and the six mentions."""
    page = app.frame
    reach(app, h.find(page, "list item", "Ajouter un document"))
    for name, value in DELIBERATION:
        type_into(app, h.find(page, "text", name), value, key="Tab")
    for box in [b for b in h.find_all(page, "check box") if MENTIONS.search(b.name or "")]:
        tick(app, box.name)
    no_error_in(app, "Cadre juridique")


def data_items(app):
    """Items ticked with the space bar, each purpose typed in the row that
    appears below it."""
    go_to(app, 5, "Données")
    for name, purpose in ITEMS:
        tick(app, name, keys=("Down",))
        box = h.find(app.frame, "check box", name)
        row = box
        while row.roleName != "list item":
            row = row.parent
        siblings = list(row.parent.children)
        following = siblings[siblings.index(row) + 1:]
        entry = h.wait_for(lambda: next((n for s in following for n, _ in h.walk(s)
                                         if n.roleName == "text"
                                         and n.name == "Finalité de cette donnée"), None),
                           "the purpose of %s" % name)
        type_into(app, entry, purpose, key="Tab")


def data_processing(app):
    """Retention, its justification (beyond 36 months) and access; the
    recipients are those the use case pre-fills. End goes to the last row
    of a list, Tab to the next one."""
    page = app.frame
    recipients = h.find(page, "text", "Destinataires des données")
    reach(app, recipients, keys=("End", "Tab"))
    h.check(h.text_of(recipients), "no recipients pre-filled")
    type_into(app, h.find(page, "text", RETENTION[0]), RETENTION[1], key="Tab")
    write_into(app, h.find(page, "text", JUSTIFICATION[0]), JUSTIFICATION[1])
    write_into(app, h.find(page, "text", ACCESS[0]), ACCESS[1])
    no_error_in(app, "Données")


def dpo(app):
    go_to(app, 6, "DPO")
    tick(app, INFORMED)
    type_into(app, h.find(app.frame, "text", INFORMED_DATE[0]), INFORMED_DATE[1], key="Tab")
    no_error_in(app, "DPO")


def synthese(app):
    """Back to the sidebar with Shift+Tab, down to Synthèse (the step shown
    stays selected on the way), Return; the page says the dossier is
    ready, and every step of the sidebar says in words that it has no
    error."""
    shown = step_row(app, "DPO")
    target = step_row(app, "Synthèse")
    press_until(app, ("shift+Tab",), lambda f: f is not None and f.parent.name == "Étapes",
                "the sidebar")
    reach(app, target, keys=("Down",))
    h.check("selected" in h.states(shown) and "selected" not in h.states(target),
            "moving the focus in the sidebar changed the step selected")
    h.key("Return")
    h.wait_for(lambda: "selected" in h.states(target), "the step Synthèse", timeout=10)
    h.find(app.frame, "label", "Synthèse", what="the page Synthèse")
    h.screenshot("synthese")
    h.find(app.frame, "label", re.compile("^Prête"), what="the status of the dossier")
    h.find(app.frame, "label", re.compile("^Il ne reste aucune erreur"),
           what="the Synthèse saying no error remains")
    h.check(not h.find_all(app.frame, "label", "Pas encore prête à être soumise"),
            "the Synthèse says the dossier is not ready")
    bad = []
    for title in STEPS:
        name = step_row(app, title).name
        if not re.search(r", (Complet|Non applicable|\d+ avertissements?)$", name):
            bad.append(name)
    h.check(not bad, "steps with errors, or without their status in words: %r" % bad)
    return [step_row(app, t).name for t in STEPS]


def main():
    tap = h.Tap()
    saved = h.tmp_path("cantine-keyboard.habilitation")
    pdf = h.tmp_path("deliberation-2026-045.pdf")
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

    def attach():
        shutil.copy(PDF, pdf)
        legal_texts(app, pdf)

    def synthesis():
        tap.comment(" | ".join(synthese(app)))

    def save_again():
        before = os.stat(saved).st_mtime_ns
        h.key("ctrl+s")
        h.wait_for(lambda: os.stat(saved).st_mtime_ns != before, "the file to be saved again",
                   timeout=20)
        h.wait_for(lambda: h.find_all(app.frame, "label", "Dossier enregistré")
                   or not h.find_all(app.frame, "label", re.compile("modifié")),
                   "the window to say it is saved")

    def cli_all():
        report = h.cli_check(saved)
        errors = [f for f in report["findings"] if f["severity"] == "error"]
        h.check(not errors, "errors left:\n" + "\n".join("%(rule)s %(field)s" % f for f in errors))
        document = h.load_json(saved)
        h.check({s["key"] for s in document["data"]["scopes"]} == SCOPES,
                "the file's data items: %r" % document["data"]["scopes"])
        h.check(len(document["legal"]["documents"]) == 1, "the file's legal documents: %r"
                % document["legal"]["documents"])
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
        ("Projet: keys write the description, the objective and the data's use, and choose "
         "how far it stands", lambda: project(app)),
        ("Cadre juridique: keys write the texts and attach a PDF through the file chooser",
         attach),
        ("Cadre juridique: keys fill in the délibération and tick its six mentions",
         lambda: deliberation(app)),
        ("Données: keys tick the data items and write their purposes", lambda: data_items(app)),
        ("Données: keys fill in the retention, its justification and the access",
         lambda: data_processing(app)),
        ("DPO: keys confirm the DPO is informed, and when", lambda: dpo(app)),
        ("Synthèse: reached through the sidebar, it shows the dossier ready, every step "
         "without error", synthesis),
        ("the dossier is saved again with Ctrl+S", save_again),
        ("habilitation-cli check finds no error left", cli_all),
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
