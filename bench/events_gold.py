#!/usr/bin/env python3
"""Turn the CAMEO-coded Spanish event sentences (../shared/data/events/*.sentences.tsv) into
prensa gold JSONL: one record per sentence, its `text` the sentence without the coder's
date/id prefix, one gold sentence labelled with the coarse class (conflict, cooperation, none).
Sentences coded "mixed" are left out (they have no single class).

usage: events_gold.py --prensa BINARY FILE.sentences.tsv... > gold.jsonl     (standard library only)

The texts go through `prensa normalize` first, so that gold and predictions share one text.
"""
import csv, json, subprocess, sys

args = sys.argv[1:]
binary = "prensa"
if args[:1] == ["--prensa"]:
    binary, args = args[1], args[2:]
records = []

for path in args:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for row in rows:
        label = row["coop_conflict"]
        if label not in ("conflict", "cooperation", "none"):
            continue
        text = row["text"]
        if " | " in text[:60]:
            text = text.split(" | ", 1)[1]
        text = text.strip()
        if not text:
            continue
        records.append((row["id"], text, label))
lines = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t, _ in records)
normalized = subprocess.run([binary, "normalize"], input=lines.encode(), capture_output=True, check=True).stdout
for (i, _, label), line in zip(records, normalized.decode().splitlines()):
    text = json.loads(line)["text"]
    record = {"id": i, "text": text,
              "sentences": [{"start": 0, "end": len(text), "cooperation": {"category": label}}]}
    print(json.dumps(record, ensure_ascii=False))
