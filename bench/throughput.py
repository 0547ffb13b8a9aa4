#!/usr/bin/env python3
"""Throughput of each prensa stage on a news corpus, as MB/s of input text and tokens/s.

usage: throughput.py --binary .build/release/prensa --corpus news.jsonl [--mb 20] [--rounds 3]

The corpus is repeated (ids made unique) until it holds at least --mb megabytes of JSONL; each
command runs --rounds times, interleaved, and the best and worst rounds are printed. Results go to
bench/results/throughput.json (git-ignored). The spaCy peer comparison is bench issue #9.
"""
import argparse, json, os, resource, subprocess, sys, time

def prepare(corpus, megabytes, path):
    lines = [json.loads(l) for l in open(corpus, encoding="utf-8") if l.strip()]
    out, size, round_ = open(path, "w", encoding="utf-8"), 0, 0
    while size < megabytes * 1e6:
        for r in lines:
            line = json.dumps({"id": f"{r['id']}#{round_}", "text": r["text"]}, ensure_ascii=False) + "\n"
            out.write(line); size += len(line.encode())
        round_ += 1
    out.close()
    return size

def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {cmd}\n{proc.stderr.decode()[:500]}")
    return elapsed

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/prensa")
    ap.add_argument("--corpus", default="../shared/data/news/fakenews_es.jsonl")
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    if not os.path.exists(a.corpus):
        sys.exit(f"no corpus at {a.corpus} (set DATA=... or --corpus)")
    os.makedirs("bench/results", exist_ok=True)
    data = "bench/results/corpus.jsonl"
    size = prepare(a.corpus, a.mb, data)
    b = a.binary
    normalized, tokenized = "bench/results/normalized.jsonl", "bench/results/tokenized.jsonl"
    subprocess.run(f"{b} normalize {data} > {normalized}", shell=True, check=True)
    subprocess.run(f"{b} tokenize {normalized} > {tokenized}", shell=True, check=True)
    tokens = sum(len(json.loads(l)["tokens"]) for l in open(tokenized, encoding="utf-8"))
    contenders = {
        "read+write (no stage)": f"{b} ingest {data}",
        "normalize": f"{b} normalize {data}",
        "tokenize (on normalized)": f"{b} tokenize {normalized}",
        "normalize+tokenize (one process)": f"{b} tokenize {data}",
        "normalize | tokenize (pipe)": f"{b} normalize {data} | {b} tokenize",
    }
    times = {k: [] for k in contenders}
    for _ in range(a.rounds):
        for name, cmd in contenders.items():
            times[name].append(timed(cmd))
    print(f"input: {size/1e6:.1f} MB JSONL, {tokens} tokens, {a.rounds} rounds")
    print(f"{'command':34} {'MB/s best':>10} {'MB/s worst':>11} {'tokens/s':>12}")
    results = {}
    for name, ts in times.items():
        best, worst = min(ts), max(ts)
        results[name] = {"seconds": ts, "mb_per_s": size / 1e6 / best}
        print(f"{name:34} {size/1e6/best:10.1f} {size/1e6/worst:11.1f} {tokens/best:12.0f}")
    json.dump({"bytes": size, "tokens": tokens, "results": results}, open("bench/results/throughput.json", "w"), indent=2)

main()
