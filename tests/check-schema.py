#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks data/dossier.schema.json: the schema is a valid JSON Schema
# (draft 2020-12), every example dossier in data/examples/ conforms to it,
# and a few broken variants of an example are rejected. Prints TAP.

import copy
import json
import os
import sys

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
except ImportError:
    print("1..0 # SKIP python3-jsonschema is not installed")
    sys.exit(0)

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, os.pardir, "data")
SCHEMA_PATH = os.path.join(DATA, "dossier.schema.json")
EXAMPLES = os.path.join(DATA, "examples")

results = []


def check(ok, name, diagnostics=None):
    results.append((bool(ok), name, diagnostics))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def errors_of(validator, instance):
    return sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))


def describe(errors):
    return ["/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errors]


# Broken variants of an example, each expected to fail validation.
def set_format_version(d):
    d["format_version"] = 2


def set_format(d):
    d["format"] = "other"


def scopes_as_object(d):
    d["data"]["scopes"] = {"dgfip_rfr": "Calcul du quotient familial"}


def review_maybe(d):
    d["dpo"]["reviews"] = [{
        "reviewer": "Awa Diallo",
        "date": "2026-11-24",
        "decision": "maybe",
        "comment": "",
        "fingerprint": "sha256:" + "0" * 64,
        "item_comments": {},
    }]


def short_attachment_hash(d):
    d["legal"]["documents"] = [{
        "name": "deliberation.pdf",
        "path": "pieces/deliberation.pdf",
        "sha256": "0123456789",
        "size": 1178,
        "media_type": "application/pdf",
    }]


BROKEN = [
    ("format_version 2", set_format_version),
    ("format \"other\"", set_format),
    ("data.scopes as an object", scopes_as_object),
    ("a DPO review with decision \"maybe\"", review_maybe),
    ("an attachment with a 10-character sha256", short_attachment_hash),
]


def main():
    try:
        schema = load(SCHEMA_PATH)
    except (OSError, ValueError) as e:
        print("1..1")
        print("not ok 1 - data/dossier.schema.json is readable JSON")
        print("# %s" % e)
        return 1

    try:
        Draft202012Validator.check_schema(schema)
        check(True, "data/dossier.schema.json is a valid draft 2020-12 schema")
    except SchemaError as e:
        check(False, "data/dossier.schema.json is a valid draft 2020-12 schema", [e.message])

    validator = Draft202012Validator(schema)

    examples = sorted(f for f in os.listdir(EXAMPLES) if f.endswith(".habilitation"))
    check(len(examples) > 0, "data/examples holds example dossiers")

    base = None
    for name in examples:
        try:
            dossier = load(os.path.join(EXAMPLES, name))
        except (OSError, ValueError) as e:
            check(False, "example %s conforms to the schema" % name, [str(e)])
            continue
        errors = errors_of(validator, dossier)
        check(not errors, "example %s conforms to the schema" % name, describe(errors))
        if base is None:
            base = dossier

    for label, breaker in BROKEN:
        name = "a dossier with %s is rejected" % label
        if base is None:
            check(False, name, ["no example dossier to start from"])
            continue
        broken = copy.deepcopy(base)
        breaker(broken)
        check(not validator.is_valid(broken), name)

    print("1..%d" % len(results))
    failed = 0
    for i, (ok, name, diagnostics) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            for line in diagnostics or []:
                print("# %s" % line)

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
