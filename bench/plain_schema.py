#!/usr/bin/env python3
"""Writes a plain JSON Schema from one of offerlint's bundled schemas: every `x-*` keyword
(offerlint's rule tags and custom keywords) is removed, everything else is kept as is.

    plain_schema.py schemas/pis-response.json > pis-response.plain.json
    plain_schema.py --spectral schemas/pis-response.json > spectral-ruleset.json

With `--spectral` it writes a Spectral ruleset instead: one rule that runs the `schema`
function on the document root, with the plain schema inlined (every local `$ref` replaced by
its target, since a `$ref` inside a ruleset would be resolved against the ruleset itself).

What is lost: `x-integer` (offerlint reports 500.0 as not an integer; JSON Schema's
"integer" accepts it) and `x-maxDigits` (the 24-digit limit on quantities). Neither occurs
in the generated corpus, so the plain validators and offerlint agree on which files fail.
"""

import json
import sys


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if not k.startswith("x-")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def inline(node, defs, depth=0):
    if depth > 50:
        raise SystemExit("plain_schema.py: $ref nesting too deep (recursive schema?)")
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            rest = {k: v for k, v in node.items() if k != "$ref"}
            target = inline(defs[ref[len("#/$defs/"):]], defs, depth + 1)
            return {**target, **inline(rest, defs, depth)} if rest else target
        return {k: inline(v, defs, depth) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [inline(v, defs, depth) for v in node]
    return node


def main():
    spectral = sys.argv[1] == "--spectral"
    with open(sys.argv[-1], encoding="utf-8") as f:
        schema = strip(json.load(f))
    if spectral:
        body = inline(schema, schema.get("$defs", {}))
        body.pop("$schema", None)
        schema = {
            "rules": {
                "pis-response-schema": {
                    "message": "{{error}}",
                    "description": "The response matches the PIS v2 JSON Schema.",
                    "given": "$",
                    "severity": "error",
                    "then": {
                        "function": "schema",
                        "functionOptions": {"schema": body, "dialect": "draft2020-12"},
                    },
                }
            }
        }
    json.dump(schema, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
