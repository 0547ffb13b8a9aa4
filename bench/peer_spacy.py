#!/usr/bin/env python3
"""The peer for prensa's benchmark: spaCy 3.8 on the same records.

usage: peer_spacy.py CORPUS.jsonl --mode tokenize|ruler [--patterns P.jsonl] [--output none|FILE]

Reads the `text` of each JSONL record (the same input prensa reads), runs spacy.blank("es")
(`tokenize`), or blank("es") + sentencizer + EntityRuler on LOWER with the given phrase patterns
(`ruler`), and writes one JSON line per document with tokens, sentences and entities (or nothing
with --output none). Prints {"seconds": ..., "tokens": ..., "text_bytes": ...} on stdout; reading
the file is not timed, loading spaCy is.
"""
import argparse, json, sys, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--mode", choices=["tokenize", "ruler", "startup"], default="ruler")
    ap.add_argument("--patterns")
    ap.add_argument("--output", default="none")
    a = ap.parse_args()
    texts = [json.loads(line)["text"] for line in open(a.corpus, encoding="utf-8") if line.strip()]
    start = time.perf_counter()
    import spacy
    nlp = spacy.blank("es")
    if a.mode == "ruler":
        nlp.add_pipe("sentencizer")
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        with open(a.patterns, encoding="utf-8") as f:
            ruler.add_patterns([json.loads(line) for line in f])
    out = None if a.output == "none" else open(a.output, "w", encoding="utf-8")
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=64):
        tokens += len(doc)
        if out is not None:
            record = {"tokens": [{"start": t.idx, "end": t.idx + len(t.text)} for t in doc if not t.is_space]}
            if a.mode == "ruler":
                record["sentences"] = [{"start": s.start_char, "end": s.end_char} for s in doc.sents]
                record["entities"] = [{"start": e.start_char, "end": e.end_char, "label": e.label_, "text": e.text} for e in doc.ents]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if out is not None:
        out.close()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "tokens": tokens, "text_bytes": sum(len(t.encode()) for t in texts)}))

main()
