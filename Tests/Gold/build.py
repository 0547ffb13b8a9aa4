#!/usr/bin/env python3
"""Build gold.jsonl (annotations) and articles.jsonl (bare input) from news.marked.txt.

usage: python3 Tests/Gold/build.py        (standard library only)

Every offset is computed, none counted by hand; the script checks that each holder appears
verbatim in its sentence, that labels and categories are known, and that entities do not overlap.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"PER", "ORG", "GPE", "LOC", "NORP", "MISC"}
CATEGORIES = {"military", "arms_transfer", "technology_transfer", "economic", "diplomatic", "conflict", "none"}
STANCES = {"alarm", "support", "speculative", "neutral"}
MARK = re.compile(r"\[\[([^|\]]+)\|([A-Z]+)(?:\|([A-Z]{3}))?\]\]")

def fail(line, message):
    sys.exit(f"news.marked.txt:{line}: {message}")

def main():
    articles, current = [], None
    for number, raw in enumerate(open(os.path.join(HERE, "news.marked.txt"), encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line or (line.startswith("#") and not line.startswith("## ")):
            continue
        if line.startswith("## "):
            current = {"id": line[3:].strip(), "parts": []}
            articles.append(current)
            continue
        if line in ("--", "----"):
            current["parts"].append(("break", "\n" if line == "--" else "\n\n", number))
            continue
        head, sep, marked = line.partition(" :: ")
        if not sep:
            fail(number, "expected 'CATEGORY | STANCE :: text'")
        labels, _, stance = head.partition(" | ")
        categories = labels.split("+")
        stance_label, _, holder = stance.partition("@")
        if any(c not in CATEGORIES for c in categories) or stance_label not in STANCES:
            fail(number, f"unknown category or stance in '{head}'")
        current["parts"].append(("sentence", (categories, stance_label, holder or None, marked), number))
    gold_out = open(os.path.join(HERE, "gold.jsonl"), "w", encoding="utf-8")
    input_out = open(os.path.join(HERE, "articles.jsonl"), "w", encoding="utf-8")
    sentences_total = entities_total = 0
    for article in articles:
        text, sentences, entities = "", [], []
        previous = None
        for kind, value, number in article["parts"]:
            if kind == "break":
                text += value
                previous = "break"
                continue
            categories, stance, holder, marked = value
            if previous == "sentence":
                text += " "
            start = len(text)
            plain, position = "", 0
            for m in MARK.finditer(marked):
                plain += marked[position:m.start()]
                name, label, code = m.group(1), m.group(2), m.group(3)
                if label not in LABELS:
                    fail(number, f"unknown label {label}")
                entities.append({"start": start + len(plain), "end": start + len(plain) + len(name), "label": label,
                                 "text": name, "refers_to": code})
                plain += name
                position = m.end()
            plain += marked[position:]
            if "[[" in plain or "]]" in plain:
                fail(number, "unbalanced entity markup")
            if holder and holder not in plain:
                fail(number, f"holder '{holder}' is not in the sentence")
            text += plain
            sentences.append({"start": start, "end": len(text),
                              "cooperation": {"category": categories[0], "also": categories[1:]},
                              "stance": {"label": stance, "holder": holder}})
            previous = "sentence"
        for a, b in zip(entities, entities[1:]):
            if b["start"] < a["end"]:
                sys.exit(f"{article['id']}: overlapping entities {a['text']} / {b['text']}")
        for e in entities:
            assert text[e["start"]:e["end"]] == e["text"]
        sentences_total += len(sentences)
        entities_total += len(entities)
        gold_out.write(json.dumps({"id": article["id"], "text": text, "sentences": sentences, "entities": entities}, ensure_ascii=False) + "\n")
        input_out.write(json.dumps({"id": article["id"], "text": text}, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles, {sentences_total} sentences, {entities_total} entities")

main()
