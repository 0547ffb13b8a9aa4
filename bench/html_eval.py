#!/usr/bin/env python3
"""Scores prensa's web-page extraction against hand-checked gold text.

Each page NAME.html in the folder has NAME.txt (the article as a reader sees it: headline,
standfirst, body blocks, one a line) and NAME.meta.json (title, date, author, site, url, lang).
Body score: word-level precision and recall (multiset overlap of lower-cased words) per page,
then averaged over pages (macro) and pooled (micro). Metadata: share of fields equal to gold
(dates compared on their first 10 characters when gold gives only a day).

usage: html_eval.py --binary .build/release/prensa --pages bench/html/pages [--verbose]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return collections.Counter(w.lower() for w in WORD.findall(text))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--pages", required=True)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pages = sorted(f for f in os.listdir(args.pages) if f.endswith((".html", ".htm")))
    if not pages:
        sys.exit(f"no .html pages in {args.pages}")
    out = subprocess.run([args.binary, "ingest", args.pages], capture_output=True, text=True)
    records = {}
    for line in out.stdout.splitlines():
        record = json.loads(line)
        records[record["id"]] = record
    rows = []
    tp_all = gold_all = pred_all = 0
    meta_right = meta_total = 0
    for page in pages:
        stem = page.rsplit(".", 1)[0]
        gold_text = open(os.path.join(args.pages, stem + ".txt"), encoding="utf-8").read()
        gold_meta = json.load(open(os.path.join(args.pages, stem + ".meta.json"), encoding="utf-8"))
        record = records.get(page)
        text = record["text"] if record else ""
        g, p = words(gold_text), words(text)
        tp = sum((g & p).values())
        gn, pn = sum(g.values()), sum(p.values())
        precision = tp / pn if pn else (1.0 if gn == 0 else 0.0)
        recall = tp / gn if gn else (1.0 if pn == 0 else 0.0)
        tp_all, gold_all, pred_all = tp_all + tp, gold_all + gn, pred_all + pn
        meta = (record or {}).get("meta", {})
        wrong = []
        for key in ("title", "date", "author", "site", "url", "lang"):
            want, got = gold_meta.get(key), meta.get(key)
            if want is None and got is None:
                continue
            meta_total += 1
            if key == "date" and want and got and len(want) == 10:
                got = got[:10]
            if want == got:
                meta_right += 1
            else:
                wrong.append(f"{key}: gold {want!r} got {got!r}")
        rows.append((page, precision, recall, wrong))
    macro_p = sum(r[1] for r in rows) / len(rows)
    macro_r = sum(r[2] for r in rows) / len(rows)
    micro_p = tp_all / pred_all if pred_all else 0
    micro_r = tp_all / gold_all if gold_all else 0
    if args.json:
        print(json.dumps({"pages": len(rows), "macro_precision": macro_p, "macro_recall": macro_r,
                          "micro_precision": micro_p, "micro_recall": micro_r,
                          "metadata_accuracy": meta_right / max(1, meta_total)}))
        return
    if args.verbose:
        for page, p, r, wrong in rows:
            flag = "" if p >= 0.95 and r >= 0.95 else "  <"
            print(f"{page:50s} P {p:.3f} R {r:.3f}{flag}")
            for w in wrong:
                print(f"    {w}")
    print(f"web-page extraction, {len(rows)} pages: body words macro P {macro_p:.3f} R {macro_r:.3f}, "
          f"micro P {micro_p:.3f} R {micro_r:.3f}; metadata {meta_right}/{meta_total} fields right")


if __name__ == "__main__":
    main()
