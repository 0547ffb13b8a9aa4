#!/usr/bin/env python3
"""`make eval`: every accuracy figure prensa reports, in one summary table.

usage: eval.py [--binary .build/release/prensa] [--data ../shared/data] [--tools ../shared/tools]

Always: the in-repository gold (Tests/Gold). When the data folder exists: CoNLL-2002 Spanish testa
(labels mapped GPE->LOC, NORP dropped), the UD Spanish dev sets (tokens and sentences, scored by
`prensa evaluate` and, when the tools folder has it, cross-checked with ud_seg_eval.py), the
dev-gold articles, and the CAMEO-coded event sentences (conflict precision and recall).
"""
import argparse, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

def sh(cmd):
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"failed: {cmd}\n{proc.stderr[:800]}")
    return proc.stdout

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "prensa"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--tools", default=os.path.join(ROOT, "..", "shared", "tools"))
    a = ap.parse_args()
    p = a.binary
    rows = []
    def entity_rows(name, report):
        e = report["entities"]["strict"]
        rows.append((name, "entities strict P / R / F1", f"{e['precision']*100:.2f} / {e['recall']*100:.2f} / {e['f1']*100:.2f}"))
    def label_rows(name, report):
        for field in ("cooperation", "stance"):
            if field in report:
                r = report[field]
                rows.append((name, f"{field} accuracy / macro-F1", f"{r['accuracy']*100:.2f} / {r['macro_f1']*100:.2f}"))
    gold = os.path.join(ROOT, "Tests", "Gold")
    report = json.loads(sh(f"{p} classify {gold}/articles.jsonl | {p} evaluate --gold {gold}/gold.jsonl --json"))
    entity_rows("repository gold (43 articles)", report)
    label_rows("repository gold (43 articles)", report)
    pages = os.path.join(ROOT, "bench", "html", "pages")
    html = json.loads(sh(f"python3 {HERE}/html_eval.py --binary {p} --pages {pages} --json"))
    rows.append((f"web pages ({html['pages']}, bench/html)", "body words macro P / R",
                 f"{html['macro_precision']*100:.2f} / {html['macro_recall']*100:.2f}"))
    rows.append((f"web pages ({html['pages']}, bench/html)", "  metadata fields right",
                 f"{html['metadata_accuracy']*100:.2f}"))
    d = a.data
    if os.path.isdir(d):
        conll = os.path.join(d, "conll2002", "esp.testa")
        if os.path.exists(conll):
            report = json.loads(sh(f"{p} ingest --conll {conll} | {p} tag | {p} evaluate --gold {conll} --map GPE=LOC,NORP=- --json"))
            entity_rows("CoNLL-2002 testa", report)
            for label, s in sorted(report["entities"]["per_label"].items()):
                rows.append(("CoNLL-2002 testa", f"  {label} F1", f"{s['f1']*100:.2f}"))
        for ud in ("ancora", "gsd"):
            raw = os.path.join(d, "ud", f"es_{ud}-ud-dev.raw.jsonl")
            gold_ud = os.path.join(d, "ud", f"es_{ud}-ud-dev.conllu")
            if os.path.exists(raw):
                out = os.path.join(ROOT, ".build", f"ud-{ud}.jsonl")
                sh(f"{p} tokenize --skip-normalize {raw} | python3 {HERE}/expansion_to_words.py > {out}")
                report = json.loads(sh(f"{p} evaluate --gold {gold_ud} {out} --json"))
                rows.append((f"UD {ud} dev", "tokens F1 / sentences F1",
                             f"{report['tokens']['f1']*100:.2f} / {report['sentences']['f1']*100:.2f}"))
                checker = os.path.join(a.tools, "ud_seg_eval.py")
                if os.path.exists(checker):
                    text = sh(f"python3 {checker} eval {gold_ud} {out}")
                    f1 = {line.split("|")[0].strip(): line.split("|")[3].strip() for line in text.splitlines() if line.count("|") >= 4}
                    rows.append((f"UD {ud} dev", "  ud_seg_eval.py tokens / sentences", f"{f1.get('Tokens')} / {f1.get('Sentences')}"))
        dev = os.path.join(d, "dev-gold")
        if os.path.isdir(dev):
            report = json.loads(sh(f"{p} classify {dev}/articles.jsonl | {p} evaluate --gold {dev}/gold.jsonl --json"))
            entity_rows("dev-gold (35 articles, tuned on)", report)
            label_rows("dev-gold (35 articles, tuned on)", report)
        events = os.path.join(d, "events")
        if os.path.isdir(events):
            for name in sorted(os.listdir(events)):
                if name.endswith(".sentences.tsv"):
                    gold_ev = os.path.join(ROOT, ".build", name + ".gold.jsonl")
                    sh(f"python3 {HERE}/events_gold.py --prensa {p} {os.path.join(events, name)} > {gold_ev}")
                    report = json.loads(sh(f"{p} classify {gold_ev} | {p} evaluate --gold {gold_ev} --coarse --json"))
                    c = report["cooperation"]["per_class"].get("conflict", {"precision": 0, "recall": 0, "f1": 0})
                    rows.append((f"events {name.split('_')[1]}", "conflict P / R / F1",
                                 f"{c['precision']*100:.2f} / {c['recall']*100:.2f} / {c['f1']*100:.2f}"))
    else:
        rows.append(("(no data folder)", f"{d} not found", "in-repository gold only"))
    width = max(len(r[0]) for r in rows) + 2
    metric = max(len(r[1]) for r in rows) + 2
    print(f"{'set':{width}}{'metric':{metric}}value")
    for s, m, v in rows:
        print(f"{s:{width}}{m:{metric}}{v}")

main()
