#!/usr/bin/env python3
"""Copy each token's `expansion` to `words`, the field ud_seg_eval.py reads for multiword tokens.

Reads prensa JSONL on stdin, writes it on stdout. Standard library only.
"""
import json
import sys

for line in sys.stdin:
    record = json.loads(line)
    for token in record.get("tokens", []):
        if token.get("expansion"):
            token["words"] = token["expansion"]
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
