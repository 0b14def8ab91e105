#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every rule that `habilitation-cli rules --json` lists is explained in the
help (help/C/rules-<step>.page), on the page of its step, with its level, and
the help explains no rule that does not exist. Prints TAP.

Usage: check-help-rules.py [HABILITATION-CLI [HELP-DIR]]
(default: $HAB_CLI, and help/C next to this script's folder)."""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

MAL = "{http://projectmallard.org/1.0/}"
LEVELS = {"error": "Error", "warning": "Warning", "info": "Information"}


def text_of(element):
    return "".join(element.itertext()).strip()


def documented_rules(help_dir):
    """{rule id: [(page id, title text, number of paragraphs)]}"""
    found = {}
    for name in sorted(os.listdir(help_dir)):
        if not (name.startswith("rules-") and name.endswith(".page")):
            continue
        root = ET.parse(os.path.join(help_dir, name)).getroot()
        page_id = root.get("id")
        for item in root.iter(MAL + "item"):
            title = item.find(MAL + "title")
            if title is None:
                continue
            code = title.find(MAL + "code")
            if code is None:
                continue
            paragraphs = [p for p in item.findall(MAL + "p") if text_of(p)]
            found.setdefault(text_of(code), []).append(
                (page_id, text_of(title), len(paragraphs)))
    return found


def main():
    cli = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("HAB_CLI")
    help_dir = (sys.argv[2] if len(sys.argv) > 2 else
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "help", "C"))
    if not cli:
        print("Bail out! no habilitation-cli: pass it or set HAB_CLI")
        return 1

    env = dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8")
    out = subprocess.run([cli, "rules", "--json"], env=env, check=True,
                         stdout=subprocess.PIPE).stdout
    rules = {r["rule"]: r for r in json.loads(out)}
    documented = documented_rules(help_dir)

    checks = []

    missing = sorted(set(rules) - set(documented))
    checks.append(("every rule of habilitation-cli rules is explained in the help",
                   missing))

    stale = sorted(set(documented) - set(rules))
    checks.append(("the help explains no rule that habilitation-cli does not list",
                   stale))

    twice = sorted(r for r, places in documented.items() if len(places) > 1)
    checks.append(("no rule is explained twice", twice))

    wrong_page = []
    wrong_level = []
    too_short = []
    for rule_id, rule in sorted(rules.items()):
        for page_id, title, paragraphs in documented.get(rule_id, []):
            expected_page = "rules-" + rule["step"].replace("_", "-")
            if page_id != expected_page:
                wrong_page.append("%s: on %s, expected on %s" % (rule_id, page_id, expected_page))
            level = LEVELS.get(rule["severity"], rule["severity"])
            if not title.endswith("· " + level):
                wrong_level.append("%s: “%s”, expected the level %s" % (rule_id, title, level))
            # What it checks and why, then how to fix it.
            if paragraphs < 2:
                too_short.append("%s: %d paragraph(s)" % (rule_id, paragraphs))
    checks.append(("each rule is explained on the page of its step", wrong_page))
    checks.append(("each rule’s title gives its level", wrong_level))
    checks.append(("each rule says what it checks and how to fix it", too_short))

    print("1..%d" % len(checks))
    failed = 0
    for n, (what, problems) in enumerate(checks, 1):
        if problems:
            failed += 1
            print("not ok %d - %s" % (n, what))
            for p in problems:
                print("# %s" % p)
        else:
            print("ok %d - %s" % (n, what))
    print("# %d rules, %d explained" % (len(rules), len(documented)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
