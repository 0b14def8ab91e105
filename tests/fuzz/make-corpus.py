#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Assembles the fuzzers' seed corpus in OUTPUT/fuzz-dossier,
OUTPUT/fuzz-review-import and OUTPUT/fuzz-json (build-aux/run-fuzz.sh does,
in its build folder; nothing generated is kept in the source tree):

- the examples (data/examples) and every dossier under tests/data;
- the committed seeds, tests/fuzz/corpus/<harness>/: the DPO's returned
  copies of the examples (made with hab_review_dup_dpo_copy() and
  `habilitation-cli review`), for both harnesses;
- rule-*: for each rule of tests/data/rule-cases, its first case that fires,
  applied to its base example (wrong types, missing members, boundaries);
- OUTPUT/dossier.dict: a libFuzzer dictionary of the format's member names
  (from data/dossier.schema.json and the examples), enumerated values and
  the catalogue's keys;
- bad-*: malformed files: truncated, wrong types, deep nesting, bad UTF-8,
  escapes, a newer format version, huge numbers...; for the review import,
  returned copies whose reviews are broken in various ways;
- for the JSON reader: all of the dossier seeds, and the catalogue and the
  schema the application ships.

Usage: tests/fuzz/make-corpus.py OUTPUT
"""

import json
import pathlib
import shutil
import sys

root = pathlib.Path(__file__).resolve().parents[2]
committed = root / "tests" / "fuzz" / "corpus"
output = pathlib.Path(sys.argv[1]) if len(sys.argv) == 2 else sys.exit(__doc__)
dossier_dir = output / "fuzz-dossier"
review_dir = output / "fuzz-review-import"
json_dir = output / "fuzz-json"


def compact(document):
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def write(directory, name, data):
    if isinstance(data, str):
        data = data.encode()
    (directory / name).write_bytes(data)


def set_path(document, path, value):
    segments = path.split(".")
    node = document
    for segment in segments[:-1]:
        if isinstance(node, list):
            node = node[int(segment)]
        else:
            node = node.setdefault(segment, {})
            if not isinstance(node, (dict, list)):
                return
    last = segments[-1]
    if isinstance(node, list):
        index = int(last)
        if index == len(node):
            node.append(value)
        else:
            node[index] = value
    else:
        node[last] = value


def remove_path(document, path):
    segments = path.split(".")
    node = document
    for segment in segments[:-1]:
        node = node[int(segment)] if isinstance(node, list) else node.get(segment)
        if node is None:
            return
    if isinstance(node, list):
        del node[int(segments[-1])]
    else:
        node.pop(segments[-1], None)


def rule_cases():
    seen = set()
    for path in sorted((root / "tests" / "data" / "rule-cases").glob("*.json")):
        for case in json.loads(path.read_text()):
            if not case.get("expect", True) or case["rule"] in seen:
                continue
            seen.add(case["rule"])
            base = root / "data" / "examples" / case["base"]
            document = json.loads(base.read_text())
            for removed in case.get("remove", []):
                remove_path(document, removed)
            for member, value in case.get("set", {}).items():
                set_path(document, member, value)
            write(dossier_dir, "rule-" + case["rule"] + ".habilitation", compact(document))


HEAD = '{"format":"habilitation-dossier","format_version":1,'


def bad_dossiers():
    cantine = (root / "data" / "examples" / "cantine-scolaire-bac-a-sable.habilitation").read_bytes()
    cases = {
        "empty": b"",
        "blank": b"  \n\t\n",
        "truncated": cantine[: len(cantine) // 2],
        "truncated-in-string": b'{"format":"habilitation-dossier",\n"format_version":1,\n"project":{"title":"Cant',
        "syntax": b'{\n  "format": "habilitation-dossier",\n  "a": tru\n}',
        "binary": bytes([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0xFF, 0xFE, 0x00]),
        "latin1": b'{"format":"habilitation-dossier",\n"format_version":1,\n"id":"a\xe9"}',
        "overlong-utf8": (HEAD + '"id":"').encode() + b"\xc0\xaf" + b'"}',
        "cut-utf8": cantine.replace("Impôt".encode(), "Imp".encode() + b"\xc3", 1),
        "bom": b"\xef\xbb\xbf" + cantine,
        "array": b"[1, 2, 3]",
        "string": b'"habilitation-dossier"',
        "null": b"null",
        "other-format": b'{"format":"pia","format_version":1}',
        "no-format": b'{"format_version":1}',
        "newer": b'{"format":"habilitation-dossier","format_version":2}',
        "newer-full": cantine.replace(b'"format_version": 1', b'"format_version": 99', 1),
        "no-version": b'{"format":"habilitation-dossier"}',
        "version-string": b'{"format":"habilitation-dossier","format_version":"1"}',
        "version-zero": b'{"format":"habilitation-dossier","format_version":0}',
        "version-float": b'{"format":"habilitation-dossier","format_version":1.0}',
        "version-huge": b'{"format":"habilitation-dossier","format_version":99999999999999999999}',
        "minimal": (HEAD + '"id":"x"}').encode(),
        "nesting-64": (HEAD + '"x":' + "[" * 63 + "]" * 63 + "}").encode(),
        "nesting-65": (HEAD + '"x":' + "[" * 64 + "]" * 64 + "}").encode(),
        "nesting-deep": (HEAD + '"x":' + "[{\"a\":" * 200 + "1" + "}]" * 200 + "}").encode(),
        "nesting-in-string": (HEAD + '"x":"' + '[{\\"' * 100 + '"}').encode(),
        "null-escape": (HEAD + '"id":"a\\u0000b"}').encode(),
        "lone-surrogate": (HEAD + '"id":"\\ud800"}').encode(),
        "surrogate-pair": (HEAD + '"id":"\\ud83d\\ude00","project":{"title":"\\u00e9\\u2019"}}').encode(),
        "escapes": (HEAD + '"project":{"title":"\\"\\\\\\/\\b\\f\\n\\r\\t"}}').encode(),
        "numbers": (HEAD + '"data":{"retention_months":1e400},"security":{"calls_per_minute":-9223372036854775808},'
                    '"x":[0.1,-0,1E-400,123456789012345678901234567890]}').encode(),
        "duplicate-members": (HEAD + '"id":"a","id":"b","parcours":{},"parcours":[]}').encode(),
        "wrong-types-top": (HEAD + '"id":1,"parcours":"x","actors":[],"data":true,"dpo":1,"security":null,'
                            '"legal":[],"project":0,"history":{},"editor_checks":[]}').encode(),
        "wrong-types-inner": (HEAD + '"parcours":{"api":1,"modalities":"x","stage":[]},'
                              '"data":{"scopes":[1,null,{"key":2,"purpose":[]},"x"]},'
                              '"actors":{"demandeur":"x","editeur":{"contact":1}},'
                              '"dpo":{"reviews":[1,"x",null,{"date":5}]}}').encode(),
        "long-string": (HEAD + '"project":{"title":"' + "é" * 5000 + '"}}').encode(),
    }
    for name, data in cases.items():
        write(dossier_dir, "bad-" + name + ".habilitation", data)


def bad_reviews():
    copy = json.loads((committed / "fuzz-review-import" / "dpo-cantine-approved.habilitation").read_text())
    review = copy["dpo"]["reviews"][0]

    def variant(name, edit):
        document = json.loads(json.dumps(copy))
        edit(document)
        write(review_dir, "bad-" + name + ".habilitation", compact(document))

    variant("reviews-string", lambda d: d["dpo"].update(reviews="none"))
    variant("reviews-null", lambda d: d["dpo"].update(reviews=None))
    variant("dpo-array", lambda d: d.update(dpo=[]))
    variant("entries", lambda d: d["dpo"].update(reviews=[1, "x", None, [], review]))
    variant("dates", lambda d: d["dpo"].update(reviews=[
        dict(review, date=date) for date in
        ["2026-13-45", "2026-06-01", "", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00",
         "2026-06-01T10:30:00.123456789Z", "2026-06-01T25:00:00Z"]] + [{"date": 2026}]))
    variant("fingerprint", lambda d: d["dpo"].update(reviews=[
        dict(review, fingerprint="sha256:" + "0" * 64),
        dict(review, fingerprint="md5:x", decision="approved"),
        dict(review, decision="rejected"),
        dict(review, data_text="habilitation-data-v1\napi=api_sfip\nscope=x|y\nscope=|\nmodality=\\n\n")]))
    variant("data-text", lambda d: d["dpo"].update(reviews=[
        dict(review, data_text="habilitation-data-v1\nretention_months=999999999999\n"
                               "scope=dgfip_rfr\nscope=dgfip_rfr|a|b\nunknown=1\n=\n\\\n")]))
    variant("no-id", lambda d: d.pop("id"))
    variant("other-id", lambda d: d.update(id="00000000-0000-0000-0000-000000000000"))
    variant("id-number", lambda d: d.update(id=5))
    variant("differences", lambda d: (d["project"].update(title="Autre titre", description=None),
                                      d["data"].update(scopes=[]),
                                      d.update(extra={"a": [1, 2, {"b": "c" * 400}]})))


def dictionary():
    words = set()

    def walk_schema(node):
        if isinstance(node, dict):
            words.update(node.get("properties", {}).keys())
            words.update(x for x in node.get("enum", []) if isinstance(x, str) and x)
            for value in node.values():
                walk_schema(value)
        elif isinstance(node, list):
            for value in node:
                walk_schema(value)

    def walk_members(node):
        if isinstance(node, dict):
            words.update(node.keys())
            for value in node.values():
                walk_members(value)
        elif isinstance(node, list):
            for value in node:
                walk_members(value)

    walk_schema(json.loads((root / "data" / "dossier.schema.json").read_text()))
    for path in (root / "data" / "examples").glob("*.habilitation"):
        walk_members(json.loads(path.read_text()))
    catalogue = json.loads((root / "data" / "catalogue" / "dgfip.json").read_text())
    for api in catalogue["apis"]:
        words.add(api["id"])
        words.update(m["key"] for m in api.get("modalities", []))
        words.update(s["key"] for s in api.get("scopes", []))
        words.update(u["id"] for u in api.get("use_cases", []))

    def entry(text):
        """A line of a libFuzzer dictionary: the bytes of @text, quoted."""
        quoted = ""
        for byte in text.encode():
            char = chr(byte)
            if char in '"\\':
                quoted += "\\" + char
            elif 0x20 <= byte < 0x7F:
                quoted += char
            else:
                quoted += "\\x%02X" % byte
        return '"' + quoted + '"'

    texts = sorted(words)
    texts += ['"%s":' % word for word in sorted(words) if word.isidentifier()]
    texts += ["true", "false", "null", "{}", "[]", "\\u00e9", "\\ud800", "\\u0000", "é",
              "habilitation-dossier", "sha256:", "habilitation-data-v1\n", "T00:00:00Z",
              "2026-06-01", "1e400", "-9223372036854775809"]
    (output / "dossier.dict").write_text("\n".join(entry(text) for text in texts) + "\n")


def copy_files():
    dossiers = sorted((root / "data" / "examples").glob("*.habilitation"))
    dossiers += sorted((root / "tests" / "data").rglob("*.habilitation"))
    dossiers += sorted(committed.rglob("*.habilitation"))
    dossiers += sorted((root / "tests" / "fuzz" / "crashes").glob("*"))
    for directory in (dossier_dir, review_dir):
        for path in dossiers:
            shutil.copyfile(path, directory / path.name)


if __name__ == "__main__":
    dossier_dir.mkdir(parents=True, exist_ok=True)
    review_dir.mkdir(parents=True, exist_ok=True)
    copy_files()
    dictionary()
    rule_cases()
    bad_dossiers()
    # The malformed dossiers are malformed returned copies too.
    for path in dossier_dir.glob("bad-*"):
        shutil.copyfile(path, review_dir / path.name)
    bad_reviews()
    json_dir.mkdir(parents=True, exist_ok=True)
    for path in dossier_dir.iterdir():
        shutil.copyfile(path, json_dir / path.name)
    for path in sorted((root / "data" / "catalogue").glob("*.json")) + [root / "data" / "dossier.schema.json"]:
        shutil.copyfile(path, json_dir / path.name)
